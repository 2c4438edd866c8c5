"""People's gender from evidence in the text (builder/gender.py)."""
from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from base import actor, article, quote

from builder.gender import assign_genders, decide


def quoted(name: str, pronouns: list[str], titles: list[str] = (), type: str = "person"):
    """One article naming `name` (after each title in `titles`), then quoting them
    once through each pronoun in `pronouns`, the pronoun resolved to them."""
    parts = [f"{title} {name.split()[-1]} spoke." for title in titles] or [f"{name} spoke."]
    text = " ".join(parts + [f"“Line {i},” {p} said." for i, p in enumerate(pronouns)])
    quotes = tuple(quote(p, f"Line {i},", text[text.index(f"“Line {i}"):], number=i + 1, actor="x")
                   for i, p in enumerate(pronouns))
    shift = text.index("“Line 0") if pronouns else 0
    quotes = tuple(dataclasses.replace(q, start=q.start + shift, end=q.end + shift, speaker=dataclasses.replace(
        q.speaker, start=q.speaker.start + shift, end=q.speaker.end + shift)) for q in quotes)
    mentions = []
    for title in titles or [""]:
        at = text.index(f"{title} {name.split()[-1]}".strip()) + (len(title) + 1 if title else 0)
        mentions.append(("a", at, at + (len(name.split()[-1]) if title else len(name))))
    return [article("a", text, quotes=quotes)], [actor("x", name, *mentions, type=type)]


@pytest.mark.parametrize("name, pronouns, titles, expected", [
    ("Maria Lopez", [], [], "female"),                  # the first name alone
    ("John Smith", [], [], "male"),
    ("John Smith", ["she"], [], "male"),                # 3 of 4: a stray pronoun does not outweigh the name
    ("Casey Blake", [], [], "unknown"),                 # a first name of both genders
    ("Jamie Blake", [], [], "female"),                  # "mostly female": one vote, alone
    ("Xq Blake", [], [], "unknown"),                   # not a known first name
    ("Casey Blake", ["she", "she"], [], "female"),       # pronouns resolved to them
    ("Casey Blake", ["she", "he"], [], "unknown"),        # evidence that disagrees
    ("Jamie Blake", ["he", "he", "he"], [], "male"),      # 3 of 4: the text outweighs a "mostly"
    ("Maria Lopez", [], ["Mr."], "male"),              # a title outweighs the first name ("Mr. Graham")
    ("Maria Lopez", ["he"] * 4, [], "male"),           # so do four pronouns
    ("Blake", [], ["Ms.", "Mr."], "unknown"),          # titles that disagree: no coin toss
    ("John Smith", ["she", "she"], [], "unknown"),        # name (3 votes) against 2 pronouns
    ("John Smith", ["she"] * 9, [], "female"),            # 9 of 12
    ("Blake", [], ["Ms."], "female"),                  # a gendered title before a mention
    ("Blake", [], ["Mr.", "Mr."], "male"),
    ("Harbor Council", ["she"], [], "unknown"),        # organizations have none
])
def test_gender_is_a_vote_over_the_evidence(name, pronouns, titles, expected):
    kind = "organization" if name.endswith("Council") else "person"
    articles, actors = quoted(name, pronouns, titles, type=kind)
    [found] = assign_genders(articles, actors)
    assert found.gender == expected


def test_a_curated_gender_is_kept():
    articles, actors = quoted("John Smith", [])
    curated = [dataclasses.replace(actors[0], gender="unknown")]
    assert assign_genders(articles, curated)[0].gender == "unknown"


@pytest.mark.parametrize("votes, expected", [
    ({}, "unknown"), ({"female": 3, "male": 1}, "female"), ({"female": 2, "male": 1}, "unknown"),
    ({"male": 1}, "male"),
])
def test_decide_needs_three_quarters(votes, expected):
    assert decide(Counter(votes)) == expected


def _spans(text: str, word: str) -> list[tuple[str, int, int]]:
    """("a", start, end) of every occurrence of `word` in `text`."""
    found, at = [], text.find(word)
    while at >= 0:
        found.append(("a", at, at + len(word)))
        at = text.find(word, at + 1)
    return found


@pytest.mark.parametrize("said_by, linked, expected", [
    ("Mrs. Clinton", "bill", "hillary"),   # the woman of that surname in the article
    ("Mr. Clinton", "hillary", "bill"),
    ("she", "bill", "hillary"),            # the nearest woman named before the pronoun
    ("he", "hillary", "bill"),
    ("Mrs. Clinton", "hillary", "hillary"),  # a link that fits stays
    ("Ms. Lee", "bill", None),             # nobody fits: the speaker stays as written
])
def test_gendered_speakers_are_linked_to_a_person_of_that_gender(said_by, linked, expected):
    from builder.gender import settle_genders

    text = (f"Hillary Clinton and Bill Clinton spoke. Mrs. Clinton smiled and Mr. Clinton waved. "
            f"“We will win,” {said_by} said.")
    q = quote(said_by, "We will win,", text, actor=linked)
    people = [actor("hillary", "Hillary Clinton", *_spans(text, "Hillary Clinton"), ("a", text.index("Clinton smiled"), text.index("Clinton smiled") + 7)),
              actor("bill", "Bill Clinton", *_spans(text, "Bill Clinton"), ("a", text.index("Clinton waved"), text.index("Clinton waved") + 7))]
    articles, actors = settle_genders([article("a", text, quotes=(q,))], people)
    assert {a.id: a.gender for a in actors} == {"hillary": "female", "bill": "male"}
    assert articles[0].quotes[0].speaker.actor == expected


def test_a_speaker_the_editors_corrected_is_never_relinked():
    from builder.gender import settle_genders

    text = "Hillary Clinton and Bill Clinton spoke. Mrs. Clinton smiled. “We will win,” Mrs. Clinton said."
    q = dataclasses.replace(quote("Mrs. Clinton said", "We will win,", text, actor="bill"), corrected=True)
    people = [actor("hillary", "Hillary Clinton", ("a", 0, 15), ("a", 45, 52)), actor("bill", "Bill Clinton", ("a", 20, 32))]
    articles, _ = settle_genders([article("a", text, quotes=(q,))], people)
    assert articles[0].quotes[0].speaker.actor == "bill"
