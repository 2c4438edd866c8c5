"""The index stage: grouping across articles, computed once, independent of input order."""
from __future__ import annotations

import dataclasses

import pytest

from base import actor, article, quote

from builder.index import PagePolicy, index_site

ONE = "“We won,” said Ann Lee.\nBo Park agreed with Ann Lee."
TWO = "A senior official said the talks failed.\n“Never again,” said Ann Lee."


def corpus():
    a = article("one", ONE, quotes=(quote("Ann Lee", "We won,", ONE, actor="ann-lee"),), date="2024-05-02")
    b = article("two", TWO, date="2024-05-01", quotes=(
        quote("A senior official", "the talks failed", TWO, kind="indirect", source="anonymous", rule="verb-report"),
        quote("Ann Lee", "Never again,", TWO, actor="ann-lee", number=2),
    ))
    ann = actor("ann-lee", "Ann Lee", ("one", ONE.index("Ann Lee"), ONE.index("Ann Lee") + 7),
                ("one", ONE.rindex("Ann Lee"), ONE.rindex("Ann Lee") + 7),
                ("two", TWO.rindex("Ann Lee"), TWO.rindex("Ann Lee") + 7))
    bo = actor("bo-park", "Bo Park", ("one", ONE.index("Bo Park"), ONE.index("Bo Park") + 7))
    return [a, b], [ann, bo]


def test_articles_are_newest_first_and_undated_last():
    articles, actors = corpus()
    undated = [article("b-undated", "Text."), article("a-undated", "Text.")]
    assert [a.id for a in index_site(articles + undated, actors).articles] == ["one", "two", "a-undated", "b-undated"]


def test_quotes_by_actor_and_appearances():
    index = index_site(*corpus())
    assert [(a.id, q.text) for a, q in index.said["ann-lee"]] == [("one", "We won,"), ("two", "Never again,")]
    assert index.appearances["ann-lee"] == [("one", 2), ("two", 1)]
    assert "bo-park" not in index.said


def test_actors_sharing_a_paragraph_are_together():
    index = index_site(*corpus())
    assert index.together["bo-park"] == [("ann-lee", 1)]
    assert index.together["ann-lee"] == [("bo-park", 1)]


def test_sources_are_grouped_by_actor_and_by_description_per_kind():
    articles, actors = corpus()
    extra = "“Fine,” she said. The memo said costs rose. “Later,” she said. Cy Ray said he agreed."
    three = article("three", extra, date="2024-04-30", quotes=(
        quote("she", "Fine,", extra, source="unknown"),
        quote("The memo", "costs rose", extra, kind="indirect", source="document", number=2),
        quote("she", "Later,", extra, source="unknown", number=3),
        quote("Cy Ray", "he agreed", extra, kind="indirect", number=4),  # named, but no actor found
    ))
    index = index_site(articles + [three], actors)
    listed = {section: [(g.name, len(g.quotes)) for g in groups] for section, groups in index.sources.items()}
    assert listed == {"named": [("Ann Lee", 2), ("Cy Ray", 1)], "anonymous": [("a senior official", 1)],
                      "document": [("The memo", 1)], "unknown": [("she", 2)]}
    ann = index.sources["named"][0]
    assert ann.actor is not None and ann.actor.id == "ann-lee"
    assert [(a.id, [q.id for q in qs]) for a, qs in ann.by_article] == [("one", ["q1"]), ("two", ["q2"])]
    [she] = index.sources["unknown"]
    assert [(a.id, [q.id for q in qs]) for a, qs in she.by_article] == [("three", ["q1", "q3"])]


def test_summaries_and_present_actors():
    index = index_site(*corpus())
    assert index.summary["two"]["quotes"] == 2 and index.summary["two"]["anonymous_share"] == 50
    assert [(a.id, len(spans)) for a, spans in index.present["one"]] == [("ann-lee", 2), ("bo-park", 1)]


def test_index_does_not_depend_on_input_order():
    articles, actors = corpus()
    assert index_site(articles, actors) == index_site(articles[::-1], actors[::-1])


def test_article_slugs_are_unique_and_stable():
    texts = {ident: article(ident, "Body.") for ident in ("My Story", "my-story", "b")}
    index = index_site(list(texts.values()), [])
    assert index.slug == {"My Story": "my-story", "my-story": "my-story-2", "b": "b"}
    assert index_site(list(texts.values())[::-1], []).slug == index.slug


@pytest.mark.parametrize(
    "policy, paged",
    [
        (PagePolicy(), {"ann-lee"}),  # quoted; Bo Park is in one article, never quoted
        (PagePolicy(min_quotes=3, min_articles=3), set()),
        (PagePolicy(min_quotes=1, min_articles=1), {"ann-lee", "bo-park"}),
        (PagePolicy(min_quotes=9, min_articles=2), {"ann-lee"}),  # Ann Lee is in two articles
    ],
)
def test_actors_earn_pages_by_quotes_or_articles(policy, paged):
    articles, actors = corpus()
    assert index_site(articles, actors, policy).paged == paged


def test_a_curated_description_earns_a_page():
    articles, (ann, bo) = corpus()
    described = dataclasses.replace(bo, description="Harbor pilot.")
    assert "bo-park" in index_site(articles, [ann, described]).paged


def test_summary_counts_the_people_quoted_by_gender():
    text = "“Yes,” said Ann Lee. “No,” said Bo Park. “Maybe,” said Cy Ray. “Later,” said City Hall."
    quotes = tuple(quote(who, said, text, actor=ident, number=n, source=kind)
                   for n, (who, said, ident, kind) in enumerate([
                       ("Ann Lee", "Yes,", "ann-lee", "named"), ("Bo Park", "No,", "bo-park", "named"),
                       ("Cy Ray", "Maybe,", "cy-ray", "named"), ("City Hall", "Later,", "city-hall", "organization")], 1))
    people = [dataclasses.replace(actor(i, n, ("a", 0, 1)), gender=g)
              for i, n, g in (("ann-lee", "Ann Lee", "female"), ("bo-park", "Bo Park", "male"), ("cy-ray", "Cy Ray", None))]
    hall = actor("city-hall", "City Hall", ("a", 0, 1), type="organization")
    found = index_site([article("a", text, quotes=quotes)], [*people, hall]).summary["a"]
    assert (found["people"], found["women"], found["men"]) == (3, 1, 1)  # City Hall is not a person


def test_sources_count_each_actors_quotes_once_and_group_descriptions_case_insensitively():
    text = "Aides said no. The aides said yes. Ann Lee said maybe."
    quotes = (quote("Aides", "no", text, kind="indirect", source="anonymous"),
              quote("aides", "yes", text, kind="indirect", source="anonymous", number=2),
              # kind as the annotator guessed it, linked to a person: counted as hers, never as anonymous
              quote("Ann Lee", "maybe", text, kind="indirect", source="anonymous", actor="ann-lee", number=3))
    index = index_site([article("a", text, quotes=quotes)], [actor("ann-lee", "Ann Lee", ("a", 35, 42))])
    [aides] = index.sources["anonymous"]
    assert aides.name == "Aides" and len(aides.quotes) == 2
    [ann] = index.sources["named"]
    assert ann.actor.id == "ann-lee" and len(ann.quotes) == len(index.said["ann-lee"]) == 1


def test_a_description_never_counts_on_an_actor_of_the_same_id():
    text = "Police said no. The Police band said yes."
    quotes = (quote("Police", "no", text, kind="indirect", source="group"),  # no actor: a description
              quote("The Police band", "yes", text, kind="indirect", source="group", actor="police", number=2))
    index = index_site([article("a", text, quotes=quotes)], [actor("police", "The Police", ("a", 16, 26), type="group")])
    assert sorted((g.name, g.actor is not None, len(g.quotes)) for g in index.sources["named"]) == [
        ("Police", False, 1), ("The Police", True, 1)]


def test_a_joint_speakers_quote_counts_on_each_actor():
    text = "“We won,” said Ann Lee and Bo Park."
    q = quote("Ann Lee and Bo Park", "We won,", text, actor="ann-lee")
    q = dataclasses.replace(q, speaker=dataclasses.replace(q.speaker, also=("bo-park",)))
    index = index_site([article("a", text, quotes=(q,))], [actor("ann-lee", "Ann Lee", ("a", 15, 22)),
                                                          actor("bo-park", "Bo Park", ("a", 27, 34))])
    assert {a: len(found) for a, found in index.said.items()} == {"ann-lee": 1, "bo-park": 1}
    assert sorted((g.name, len(g.quotes)) for g in index.sources["named"]) == [("Ann Lee", 1), ("Bo Park", 1)]
    assert index.summary["a"]["people"] == 2
