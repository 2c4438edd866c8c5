"""Quotes that travel (builder/groups.py): which quotes group, the earliest appearance and the
date order, speakers, the words changed, and where groups show (data files, cards, the travel page)."""
from __future__ import annotations

import dataclasses
import html
import json
import random
import re
import sqlite3

import pytest
from base import article, quote

from builder.database import database
from builder.export import export_files
from builder.groups import MIN_WORDS, group_quotes
from builder.index import index_site
from builder.records import Span
from builder.render import render_site
from conftest import ROOT, make_project, mkdocs_build
from sitecheck import read_html, text_of

WALL = "We are going to build a great wall, and Mexico is going to pay for that wall."


def said(ident: str, words: str, *, who: str = "Ann Lee", kind: str = "direct", **metadata):
    """An article whose only quote is `words`, said by `who`."""
    text = f"{who} said: “{words}”"
    return article(ident, text, quotes=(quote(who, words, text, kind=kind),), **metadata)


def reader_text(page: str) -> str:
    """A page's text as a reader sees it: tags dropped, character references read."""
    return html.unescape(text_of(page)).strip()


def grouped(*words: str) -> list[set[str]]:
    """The groups of one-quote articles a, b, c… quoting these words, as sets of article ids."""
    groups = group_quotes([said(chr(97 + n), w) for n, w in enumerate(words)])
    return [{a.article for a in g.appearances} for g in groups]


# ---------------------------------------------------------------- what groups

@pytest.mark.parametrize("later", [
    pytest.param(WALL, id="exact"),
    pytest.param(WALL.upper(), id="case"),
    pytest.param("We are going to build a great wall -- and Mexico is going to pay for that wall", id="punctuation"),
    pytest.param("We are going to build a great wall", id="trimmed-end"),
    pytest.param("build a great wall, and Mexico is going to pay for that wall.", id="trimmed-start"),
    pytest.param("We are going to build a huge wall, and Mexico is going to pay for that wall.", id="one-changed"),
    pytest.param("We are going to build a huge wall, and Canada is going to pay for that wall.", id="two-changed"),
    pytest.param("We are going to build a huge wall, and Canada is going to pay for this wall.", id="three-changed"),
    pytest.param("We are going to build a great big wall, and Mexico is going to pay for that wall.", id="word-added"),
    pytest.param("We are going to build a wall, and Mexico is going to pay for that wall.", id="word-left-out"),
    pytest.param("We are going to build a huge wall, and Mexico", id="trimmed-and-changed"),
])
def test_the_same_words_nearly_are_one_group(later):
    assert grouped(WALL, later) == [{"a", "b"}]


def test_curly_and_straight_marks_are_the_same_words():
    curly = "“It’s a disgrace,” he said, “and we won’t stand for it any longer.”"
    assert grouped(curly, curly.replace("’", "'").replace("“", '"').replace("”", '"')) == [{"a", "b"}]


@pytest.mark.parametrize("later", [
    pytest.param("We are going to lower taxes for every family, and Congress is going to pass it.", id="another-quote"),
    pytest.param("We are going to build a huge fence, and Canada is going to pay for this fence.", id="four-changed"),
    pytest.param("going to pay for that wall", id="small-part"),
    pytest.param("fake news", id="short"),
])
def test_other_words_stay_apart(later):
    assert grouped(WALL, later) == []


@pytest.mark.parametrize("short", ["fake news", "No.", "We will see.", "Believe me, folks."])
def test_short_quotes_never_group_however_often_they_repeat(short):
    assert len(short.split()) < MIN_WORDS
    assert grouped(*[short] * 6) == []


def test_a_short_common_phrase_does_not_chain_unrelated_quotes():
    phrase = "make America great again"
    assert grouped(f"We will {phrase} and then we will lower every tax in the country for good.",
                   f"{phrase}",
                   f"I told them that we will {phrase} by bringing the factories back from China.") == []


def test_reported_statements_and_repeats_within_one_article_are_not_grouped():
    text = f"“{WALL}” he said. Later: “{WALL}”"
    first = quote("he", WALL, text)
    second = dataclasses.replace(first, id="q2", start=text.rindex(WALL), end=text.rindex(WALL) + len(WALL))
    assert group_quotes([article("a", text, quotes=(first, second))]) == ()
    assert group_quotes([said("a", WALL, kind="indirect"), said("b", WALL, kind="indirect")]) == ()


def test_a_partial_quote_groups_by_its_quoted_words():
    text = f"She called it “{WALL}” in her speech."
    start = text.index(WALL)
    partial = dataclasses.replace(quote("She", f"called it “{WALL}”", text, kind="partial"),
                                  fragments=(Span(start, start + len(WALL)),))
    [group] = group_quotes([article("a", text, quotes=(partial,)), said("b", WALL)])
    assert group.appearances[0].text == WALL


# ---------------------------------------------------------------- order, earliest, speakers

@pytest.mark.parametrize("dates, order", [
    ({"a": "2016-03-01", "b": "2016-01-05", "c": "2016-02-10"}, ["b", "c", "a"]),
    ({"a": "2016-01-05", "b": "2016-01-05", "c": "2015-12-31"}, ["c", "a", "b"]),  # a tie: by article id
    ({"a": None, "b": "2016-01-05", "c": None}, ["b", "a", "c"]),  # undated last
    ({"a": None, "b": None, "c": None}, ["a", "b", "c"]),
])
def test_appearances_come_in_date_order_the_earliest_first(dates, order):
    arts = [said(ident, WALL, **({"date": d} if d else {})) for ident, d in dates.items()]
    [group] = group_quotes(arts)
    assert [a.article for a in group.appearances] == order
    assert group.earliest.article == order[0] and group.earliest.date == dates[order[0]]


def test_the_same_input_in_any_order_gives_the_same_groups():
    arts = [said(f"art{n}", WALL if n % 2 else WALL.replace("great", "big"), date=f"2016-0{1 + n % 9}-01",
                 outlet=f"outlet {n % 3}") for n in range(12)]
    arts += [said(f"other{n}", f"Completely different words number {n} said about the budget today.") for n in range(5)]
    first = group_quotes(arts)
    for seed in range(3):
        shuffled = list(arts)
        random.Random(seed).shuffle(shuffled)
        assert group_quotes(shuffled) == first
    assert [g.id for g in first] == [g.id for g in group_quotes(list(reversed(arts)))]


def test_speakers_that_disagree_show_and_one_actor_is_one_speaker():
    arts = [said("a", WALL, who="Donald Trump", date="2016-01-01"), said("b", WALL, who="Mike Pence", date="2016-01-02"),
            said("c", WALL, who="Donald Trump", date="2016-01-03")]
    [group] = group_quotes(arts)
    assert [a.speaker for a in group.appearances] == ["Donald Trump", "Mike Pence", "Donald Trump"]
    assert group.speakers == ("Donald Trump", "Mike Pence")
    trump = [said("a", WALL, who="Donald Trump"), said("b", WALL, who="Trump")]
    trump = [dataclasses.replace(a, quotes=(dataclasses.replace(a.quotes[0], speaker=dataclasses.replace(
        a.quotes[0].speaker, actor="donald-trump")),)) for a in trump]
    assert group_quotes(trump)[0].speakers == ("Donald Trump",)


# ---------------------------------------------------------------- the words that differ

@pytest.mark.parametrize("later, changes, marked, trimmed", [
    (WALL.lower(), (), [], False),
    ("We are going to build a huge wall, and Mexico is going to pay for that wall.", (("great", "huge"),), ["huge"], False),
    ("We are going to build a huge wall, and Canada is going to pay for this wall.",
     (("great", "huge"), ("Mexico", "Canada"), ("that", "this")), ["huge", "Canada", "this"], False),
    ("We are going to build a wall, and Mexico is going to pay for that wall.", (("great", ""),), [], False),
    ("We are going to build a great big wall, and Mexico is going to pay for that wall.", (("", "big"),), ["big"], False),
    ("We are going to build a great wall,", (), [], True),
    ("and Mexico is going to pay for that wall, believe me.", (), [], True),
    ("We are going to build a huge wall, and Mexico", (("great", "huge"),), ["huge"], True),
])
def test_the_words_that_differ_from_the_earliest_version(later, changes, marked, trimmed):
    [group] = group_quotes([said("a", WALL, date="2016-01-01"), said("b", later, date="2016-02-01")])
    first, second = group.appearances
    assert first.changes == () and all(state == "same" for _, state in first.words)
    assert second.changes == changes
    assert [re.sub(r"\W", "", w) for w, state in second.words if state == "changed"] == marked
    assert second.trimmed is trimmed
    assert second.text == later
    assert group.altered == sum(max(len(o.split()), len(n.split())) for o, n in changes)


def test_words_beyond_the_earliest_version_are_extra():
    [group] = group_quotes([said("a", "We are going to build a great wall,", date="2016-01-01"),
                            said("b", WALL, date="2016-02-01")])
    later = group.appearances[1]
    assert [w for w, s in later.words if s == "extra"] == "and Mexico is going to pay for that wall.".split()
    assert later.changes == ()


# ---------------------------------------------------------------- data files and pages

def corpus():
    return [said("a", WALL, who="Donald Trump", date="2016-01-02", outlet="The Daily"),
            said("b", WALL.replace("great", "huge"), who="Mike Pence", date="2016-01-01", outlet="Coast News"),
            said("c", WALL.upper(), who="Trump"),
            said("d", "Nothing in common with the others at all, not one word of it.", date="2016-01-03")]


def test_sqlite_has_a_quote_groups_table_and_a_group_id_on_each_quote(tmp_path):
    index = index_site(corpus(), [])
    path = tmp_path / "db.sqlite"
    path.write_bytes(database(index))
    db = sqlite3.connect(path)
    [group] = index.groups
    assert db.execute("SELECT id, earliest_quote_id, earliest_article_id, earliest_date, earliest_outlet, articles, "
                      "quotes, speakers, altered FROM quote_groups").fetchall() == [
        (group.id, "b/q1", "b", "2016-01-01", "Coast News", 3, 3, 3, 2)]
    assert dict(db.execute("SELECT article_id, group_id FROM quotes").fetchall()) == {
        "a": group.id, "b": group.id, "c": group.id, "d": None}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert database(index_site(list(reversed(corpus())), [])) == database(index)


def test_jsonl_and_csv_carry_the_group_id():
    index = index_site(corpus(), [])
    files = export_files(index)
    gid = index.groups[0].id
    records = {r["id"]: r for r in map(json.loads, files["data/annotations.jsonl"].splitlines())}
    assert [records[a]["quotes"][0]["group_id"] for a in "abcd"] == [gid, gid, gid, None]
    header, *rows = files["data/quotes.csv"].splitlines()
    assert header.endswith(",group_id") and sorted(r.rsplit(",", 1)[1] for r in rows) == ["", gid, gid, gid]


def test_cards_and_the_travel_page_name_the_earliest_and_escape_the_words():
    arts = corpus() + [said("e", "We are going to build a great <script>wall</script>, and Mexico is going to pay",
                            who="<b>Someone</b>", date="2016-05-01")]
    pages, _ = render_site(index_site(arts, []), templates=ROOT / "templates")
    card = re.search(r'<span class="sb-card__travel">.*?</span>', pages["articles/a.md"]).group()
    assert reader_text(card) == "Also in 3 articles; earliest: Coast News, 2016-01-01"
    assert 'href="../../travel/#g-' in card
    assert "earliest: this article" in pages["articles/b.md"]
    assert "sb-card__travel" not in pages["articles/d.md"]
    travel = pages["travel/index.md"]
    assert "<script>" not in travel and "<b>Someone" not in travel and "&#60;script&#62;" in travel
    assert re.search(r'<mark class="sb-word sb-word--changed">huge</mark>', travel) is None  # b is the earliest
    assert '<mark class="sb-word sb-word--changed">great</mark>' in travel
    assert "no outlet given" in travel and "no date given" in travel and "The articles disagree on who said it" in travel


def test_a_card_without_outlet_or_date_says_so():
    arts = [said("a", WALL), said("b", WALL)]
    pages, _ = render_site(index_site(arts, []), templates=ROOT / "templates")
    assert "earliest: this article" in pages["articles/a.md"]
    assert "earliest: no outlet given, no date given" in reader_text(pages["articles/b.md"])


TRAVELLING = {
    f"{name}.md": f"""
        ---
        title: {title}
        date: {date}
        outlet: {outlet}
        ---

        The mayor spoke on {date}.

        “{words}” Mayor Ana Ortiz said on Tuesday.
    """ for name, title, date, outlet, words in [
        ("first", "Harbor plan approved", "2024-02-01", "Coast Daily",
         "This is the best day for the waterfront in decades, and everyone in this city knows it."),
        ("second", "Council backs the harbor", "2024-02-03", "Bay Times",
         "This is the best day for the waterfront in decades and everyone in this town knows it."),
        ("third", "What the harbor vote means", "2024-02-05", "Coast Daily",
         "This is the best day for the waterfront in decades,"),
    ]
}


@pytest.fixture(scope="module")
def travel_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("travel"), TRAVELLING)
    mkdocs_build(project, "--strict")
    return project / "site"


def test_a_built_page_shows_also_in_on_the_card(travel_site):
    page = read_html(travel_site / "articles" / "second" / "index.html")
    card = re.search(r'<span class="sb-card__travel">.*?</span>', page).group()
    assert reader_text(card) == "Also in 2 articles; earliest: Coast Daily, 2024-02-01"
    href = re.search(r'href="([^"]+)"', card).group(1)
    assert href.startswith("../../travel/#g-")
    travel = read_html(travel_site / "travel" / "index.html")
    assert f'id="{href.split("#")[1]}"' in travel
    assert "“town”" in text_of(travel) or "town" in re.findall(r'sb-word--changed">([^<]+)<', travel)
    nav = page[page.index('<nav class="md-nav md-nav--primary"'):]
    assert "Quotes that travel" in nav[: nav.index("</nav>")]
