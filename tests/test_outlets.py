"""Outlets: names to show, curated in outlets.yml, and a page each (builder/outlets.py, outlet_pages.py)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from base import actor, article, quote

from builder.build import collect
from builder.index import index_site
from builder.outlets import load_outlets, outlets, readable
from builder.render import render_site

ROOT = Path(__file__).resolve().parents[1]
TEXT = "“We won,” said Ann Lee."


@pytest.mark.parametrize("key, shown", [
    ("wash-post", "Wash Post"), ("huff-post", "Huff Post"), ("nyt", "NYT"), ("cnn", "CNN"),
    ("The Hill", "The Hill"), ("POLITICO", "POLITICO"), ("west_journal", "West Journal"),
    ("  Fox   News ", "Fox News"), ("breitbart", "Breitbart"),
])
def test_an_outlet_without_an_entry_shows_as_written_or_as_a_readable_slug(key, shown):
    assert readable(key) == shown


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "outlets.yml"
    path.write_text(body, "utf-8")
    return path


def test_curated_names_urls_and_descriptions_apply_ignoring_case(tmp_path):
    path = write(tmp_path, "wash-post:\n  name: The Washington Post\n  url: https://www.washingtonpost.com\n"
                           "NYT: The New York Times\n")
    curated, problems = load_outlets([path])
    found, warnings = outlets([article("a", TEXT, outlet="wash-post"), article("b", TEXT, outlet="nyt"),
                               article("c", TEXT, outlet="nyt"), article("d", TEXT)], curated)
    assert problems == warnings == []
    assert {k: (o.name, o.url, o.articles, o.slug) for k, o in found.items()} == {
        "wash-post": ("The Washington Post", "https://www.washingtonpost.com", 1, "wash-post"),
        "nyt": ("The New York Times", None, 2, "nyt")}


@pytest.mark.parametrize("body, line, message", [
    ("nyt: [The New York Times\n", 2, "invalid YAML"),
    ("nyt:\n  name: The Times\n  colour: blue\n", 3, "unknown setting 'colour'"),
    ("nyt:\n  name: [The Times]\n", 2, "'name' must be a non-empty string"),
    ("nyt:\n  url: https://nytimes.com\n", 1, "needs a `name`"),
    ("- nyt\n- cnn\n", 1, "expected a mapping of outlets"),
], ids=["yaml", "unknown-setting", "name-list", "no-name", "a-list"])
def test_a_malformed_file_is_an_error_naming_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path, body)
    _, problems = load_outlets([path])
    assert [(p.source, p.fatal) for p in problems] == [(f"{path}:{line}", True)], problems
    assert message in problems[0].message


def test_an_entry_for_an_outlet_no_article_has_is_a_warning_naming_file_and_line(tmp_path):
    path = write(tmp_path, "nyt: The New York Times\nfox: Fox News\n")
    curated, _ = load_outlets([path])
    _, warnings = outlets([article("a", TEXT, outlet="nyt")], curated)
    assert [(w.source, w.fatal) for w in warnings] == [(f"{path}:2", False)]
    assert "no article has the outlet 'fox'" in warnings[0].message


def site(*articles):
    quoted = tuple(article(a.id, TEXT, quotes=(quote("Ann Lee", "We won,", TEXT, actor="ann-lee"),), **a.metadata)
                   for a in articles)
    index = index_site(list(quoted), [actor("ann-lee", "Ann Lee", *((a.id, 15, 22) for a in quoted))])
    pages, home = render_site(index, templates=ROOT / "templates")
    return {k: html.unescape(v) for k, v in pages.items()}, html.unescape(home)


def test_every_outlet_has_a_page_and_pages_show_its_name():
    pages, home = site(article("a", TEXT, outlet="wash-post", date="2016-01-02"),
                       article("b", TEXT, outlet="nyt", date="2016-02-03"), article("c", TEXT, outlet="nyt"))
    assert {"outlets/wash-post.md", "outlets/nyt.md", "outlets/index.md"} <= set(pages)
    nyt = pages["outlets/nyt.md"]
    assert "# NYT" in nyt and "February 2016" in nyt and "Undated" in nyt and "Ann Lee" in nyt
    assert re.search(r"<th scope=\"row\">February 2016</th><td>1 <small class=\"sb-small\">small sample", nyt)
    assert '<a href="../../outlets/wash-post/">Wash Post</a>' in pages["articles/a.md"]
    assert "wash-post" not in home.replace('href="outlets/wash-post/"', "").replace('data-outlet="wash-post"', "")
    assert "3 articles" in home and "2 outlets" in home and "2016-01-02 to 2016-02-03" in home
    assert '<option value="nyt">NYT</option>' in pages["articles/index.md"]
    assert '<option value="2016-02">February 2016</option>' in pages["articles/index.md"]


def test_a_corpus_without_outlets_or_dates_says_so():
    pages, home = site(article("a", TEXT), article("b", TEXT))
    assert "with no outlet given" in home and "with no date given" in home
    assert "No outlet given" in pages["outlets/index.md"] and "No date given" in pages["outlets/index.md"]
    assert not any(p.startswith("outlets/") and p != "outlets/index.md" for p in pages)
    assert "sb-list-filter" not in pages["articles/index.md"]


def test_outlets_yml_beside_the_seeds_names_the_outlets_and_its_problems_are_told(tmp_path, nlp):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "corpus.jsonl").write_text(
        '{"id": "a", "title": "A", "text": "“We won,” said Ann Lee.", "outlet": "wash-post"}\n', "utf-8")
    (seeds / "outlets.yml").write_text("wash-post: The Washington Post\nfox: Fox News\n", "utf-8")
    corpus = collect([seeds])
    assert corpus.outlets["wash-post"].name == "The Washington Post"
    assert [str(w) for w in corpus.warnings] == [f"{seeds / 'outlets.yml'}:2: no article has the outlet 'fox'; entry ignored"]
    (seeds / "outlets.yml").write_text("wash-post:\n  nom: The Washington Post\n", "utf-8")
    corpus = collect([seeds])
    assert [p.source for p in corpus.problems] == [f"{seeds / 'outlets.yml'}:2"]
    assert corpus.outlets["wash-post"].name == "Wash Post" and len(corpus.articles) == 1
