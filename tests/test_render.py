"""Render: escaping, links between generated pages, quotes cut into segments, pages from an index."""
from __future__ import annotations

import dataclasses
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
    assert set(pages) == {"articles/one.md", "actors/ann-lee.md", "actors/index.md", "sources/index.md", "dashboard/index.md",
                          "articles/index.md", "review/index.md", "outlets/index.md", "travel/index.md"}
    assert "../../actors/ann-lee/" in pages["articles/one.md"]
    assert "(named source). Rules: direct, verb-subject." in pages["articles/one.md"].replace("&#45;", "-")
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


def test_sources_index_lists_each_source_once_with_its_quotes_by_article(monkeypatch):
    from builder import render

    monkeypatch.setattr(render, "SOURCES_LIMITS", {"groups": 2, "articles": 2})
    arts = []
    for n in range(3):  # Ann Lee, quoted twice in each of three articles
        text = f"“We won {n},” said Ann Lee. “Again {n},” Lee said. A senior aide, who was not authorized to speak, said it held."
        aide = quote("A senior aide", "it held", text, kind="indirect", source="anonymous", number=3)
        aide = dataclasses.replace(aide, speaker=dataclasses.replace(aide.speaker, reason="not authorized to speak"))
        arts.append(dataclasses.replace(article(f"a{n}", text, quotes=(
            quote("Ann Lee", f"We won {n},", text, actor="ann-lee"),
            quote("Lee", f"Again {n},", text, actor="ann-lee", number=2), aide)), title=f"Story {n}"))
    ann = actor("ann-lee", "Ann Lee", *[(a.id, a.text.index("Ann Lee"), a.text.index("Ann Lee") + 7) for a in arts])
    pages, _ = render_site(index_site(arts, [ann]), templates=ROOT / "templates")
    page = markdown.markdown(pages["sources/index.md"].split("---", 2)[2], extensions=["md_in_html"])
    named = page[page.index("Named sources"):page.index("Anonymous sources")]
    assert named.count("Ann Lee") == 1 and '<a href="../actors/ann-lee/">Ann Lee</a></strong> (6)' in named
    assert named.count("Story") == 2 and "×2" in named and "and 1 more article<" in named  # 2 of 3 shown
    assert 'href="../articles/a0/#q1"' in named  # a title links its first quote there
    anonymous = page[page.index("Anonymous sources"):page.index("Documents")]
    assert "a senior aide</strong> (3), anonymous because: not authorized to speak" in anonymous
    assert "18 quotes" not in page and "9 quotes and reported statements across the site: 6 from named sources, " \
        "3 from anonymous sources, 0 from documents, and 0 whose source was not identified" in page


def test_actor_pages_stop_long_lists_at_a_limit(monkeypatch):
    from builder import render

    monkeypatch.setattr(render, "ACTOR_PAGE_LIMITS", {"quotes": 2, "articles": 2, "roles": 1})
    arts = []
    for n in range(3):
        text = f"“We won {n},” said Ann Lee."
        arts.append(article(f"a{n}", text, date=f"2024-05-0{n + 1}",
                            quotes=(quote("Ann Lee", f"We won {n},", text, actor="ann-lee"),)))
    ann = dataclasses.replace(actor("ann-lee", "Ann Lee", *[(a.id, 15, 22) for a in arts]), roles=("mayor", "chair"))
    pages, _ = render_site(index_site(arts, [ann]), templates=ROOT / "templates")
    page = pages["actors/ann-lee.md"]
    assert "We won 2," in page and "We won 1," in page and "We won 0," not in page  # the most recent first
    assert "Quotes (3)" in page and "The 2 most recent of 3 are listed" in page
    assert "The 2 with the most mentions of 3 are listed" in page
    assert "mayor" in page and "chair" not in page


def test_punctuation_after_a_tag_follows_its_footnote_reference_without_a_space():
    text = "Ann Lee said “we won”. Then “we lost”, she said; “we left” today (“we hid”)."
    said = ["we won", "we lost", "we left", "we hid"]
    art = article("one", text, quotes=tuple(quote("Ann Lee", s, text, actor="ann-lee", number=n)
                                             for n, s in enumerate(said, 1)))
    ann = actor("ann-lee", "Ann Lee", ("one", 0, 7))
    page = render_site(index_site([art], [ann]), templates=ROOT / "templates")[0]["articles/one.md"]
    after = [html.unescape(m) for m in re.findall(r"\[\^q\d\](?!:)(\s*(?:&#\d+;|.))", page)]
    assert after == [".", ",", "\n ", ")"]  # a word keeps its space (a line break, as before)
    out = markdown.markdown(page.split("---", 2)[2], extensions=["footnotes", "md_in_html"])
    assert re.findall(r"</sup>(.)", html.unescape(out), re.S) == [".", ",", "\n", ")"]
    # As a reader sees it, without the tags (each set off from its quote by a space):
    para = re.search(r"<p>Ann Lee said .*?</p>", out, re.S).group()
    words = re.sub(r"<[^>]+>", "", re.sub(r' <span class="sb-tag .*?</sup>', "", para, flags=re.S))
    assert " ".join(html.unescape(words).split()) == text


def test_an_actor_quoted_in_several_months_has_a_timeline():
    arts = []
    for n, date in enumerate(["2024-05-02", "2024-05-20", "2024-07-01"]):
        text = f"“We won {n},” said Ann Lee."
        arts.append(article(f"a{n}", text, date=date, quotes=(quote("Ann Lee", f"We won {n},", text, actor="ann-lee"),)))
    ann = actor("ann-lee", "Ann Lee", *[(a.id, 15, 22) for a in arts])
    page = render_site(index_site(arts, [ann]), templates=ROOT / "templates")[0]["actors/ann-lee.md"]
    assert "## Over time" in page and "Bar chart of quotes per month: 2024-05 2, 2024-07 1." in html.unescape(page)
    single = render_site(index_site(arts[:2], [ann]), templates=ROOT / "templates")[0]["actors/ann-lee.md"]
    assert "Over time" not in single  # one month: nothing to chart


def test_the_review_page_lists_the_least_confident_first_up_to_its_limit_escaped(monkeypatch):
    from builder import render
    from builder.confidence import quote_confidence, speaker_confidence

    text = "“We won,” said Ann Lee. Bo Park said <script>alert(1)</script> was fine. “No,” a <b>bold</b> aide said."
    quotes = (quote("Ann Lee", "We won,", text, actor="ann-lee", number=1),
              quote("Bo Park", "<script>alert(1)</script> was fine", text, kind="indirect", rule="verb-report",
                    number=2),
              quote("a <b>bold</b> aide", "No,", text, source="anonymous", number=3))
    art = article("one", text, quotes=quotes, outlet="The <i>Daily</i>")
    index = index_site([art], [actor("ann-lee", "Ann Lee", ("one", 15, 22))])
    joint = sorted((quote_confidence(q) * speaker_confidence(q), q.id) for q in quotes)
    monkeypatch.setattr(render, "REVIEW_LIMIT", 2)
    pages, _ = render_site(index, templates=ROOT / "templates")
    page = markdown.markdown(pages["review/index.md"].split("---", 2)[2], extensions=["md_in_html"])
    assert "The 2 least confident of 3 attributions" in page
    assert re.findall(r'href="../articles/one/#(q\d)"', page) == [q for _, q in joint[:2]]
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    monkeypatch.setattr(render, "REVIEW_LIMIT", 500)
    page = render_site(index, templates=ROOT / "templates")[0]["review/index.md"]
    assert "All 3 attributions." in page and page.count("<li ") == 3
