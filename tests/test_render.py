"""Render: escaping, links between generated pages, quotes cut into segments, pages from an index."""
from __future__ import annotations

import html
import re

import markdown
import pytest

from base import actor, article, quote
from conftest import ROOT

from builder.index import index_site
from builder.render import Urls, md_escape, render_site, segments


@pytest.mark.parametrize(
    "raw",
    ["<script>alert(1)</script>", "[a](javascript:alert(2))", "*not emphasis* and `code`", "# heading",
     "1. item", "[^1]: fake footnote", "{{ config }}", "a | b", "line\n- item", "!!! note",
     "\t0 tab-indented", "    four spaces indent a code block", "two spaces  \nbreak a line"],
)
def test_escaped_text_renders_as_the_same_characters(raw):
    out = markdown.markdown(str(md_escape(raw)), extensions=["footnotes", "attr_list", "md_in_html", "tables"])
    tags = re.findall(r"<(\w+)", out)
    assert tags == ["p"]
    assert " ".join(html.unescape(re.sub(r"<[^>]+>", "", out)).split()) == " ".join(raw.split())


@pytest.mark.parametrize(
    "dirs, src, dst, link",
    [
        (True, "articles/a.md", "actors/b.md", "../../actors/b/"),
        (True, "actors/index.md", "actors/b.md", "b/"),
        (True, "index.md", "articles/a.md", "articles/a/"),
        (False, "articles/a.md", "actors/b.md", "../actors/b.html"),
        (True, "articles/a.md", "articles/a.md", "./"),
        (False, "index.md", "articles/a.md", "articles/a.html"),
        (False, "actors/index.md", "index.md", "../index.html"),
        (True, "actors/b.md", "index.md", "../.."),
        (True, "actors/b.md", "data/quotes.csv", "../../data/quotes.csv"),
        (False, "articles/a.md", "articles/index.md", "index.html"),
    ],
)
def test_links_are_relative(dirs, src, dst, link):
    assert Urls(dirs).link(src, dst) == link


@pytest.mark.parametrize("path, start", [("a/b/", "a"), ("a/b", "c/d"), (".", "a/b"), ("a", "."), ("a/b/c", "a/b/c"),
                                         ("x/y.html", "x"), ("q", "q/r/s")])
def test_relpath_agrees_with_posixpath(path, start):
    import posixpath
    from builder.render import _relpath
    assert _relpath(path, start) == posixpath.relpath(path, start)


def test_segments_cut_quotes_with_their_closing_marks():
    text = "Intro. “We won,” said Ann Lee. Outro."
    art = article("a", text, quotes=(quote("Ann Lee", "We won,", text),))
    segs = segments(art, 0, len(text))
    assert [(s.text, s.quote is not None, s.closing) for s in segs] == [
        ("Intro. “", False, ""), ("We won,", True, "”"), (" said Ann Lee. Outro.", False, "")]


def test_render_site_makes_one_page_per_article_and_actor():
    text = "“We won,” said Ann Lee."
    art = article("one", text, quotes=(quote("Ann Lee", "We won,", text, actor="ann-lee"),))
    ann = actor("ann-lee", "Ann Lee", ("one", 15, 22))
    pages, home = render_site(index_site([art], [ann]), templates=ROOT / "templates")
    assert set(pages) == {"articles/one.md", "actors/ann-lee.md", "actors/index.md", "sources/index.md",
                          "articles/index.md"}
    assert "../../actors/ann-lee/" in pages["articles/one.md"]
    assert "Found by the rule “direct”; speaker by “verb-subject”" in pages["articles/one.md"].replace("&#45;", "-")
    assert "articles/one/" in home
    assert "1 quote · 1 source · 0% anonymous" in home  # not "1 quotes · 1 sources"


def test_actors_without_a_page_are_listed_but_not_linked():
    text = "“We won,” said Ann Lee. Bo Park agreed."
    art = article("one", text, quotes=(quote("Ann Lee", "We won,", text, actor="ann-lee"),))
    ann = actor("ann-lee", "Ann Lee", ("one", 15, 22))
    bo = actor("bo-park", "Bo Park", ("one", 24, 31))
    pages, _ = render_site(index_site([art], [ann, bo]), templates=ROOT / "templates")
    assert "actors/bo-park.md" not in pages and "actors/ann-lee.md" in pages
    listing = pages["actors/index.md"]
    assert "Bo Park" in listing and 'href="bo-park/"' not in listing and 'href="ann-lee/"' in listing
    assert "bo-park" not in pages["actors/ann-lee.md"]  # "often appears with" links only to pages
