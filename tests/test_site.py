"""End to end: real `mkdocs build` of small invented sites, and the shipped sample."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_project, mkdocs_build
from sitecheck import broken_links, text_of, read_html, search_index

ARTICLES = {
    "harbor.txt": """
        Harbor plan wins approval

        The city council approved the harbor plan on Tuesday.

        “This is the best day for the waterfront in decades,” said Mayor Ana Ortiz.

        A senior city official said the work would start in May.

        Ben Cole contributed to this report.
    """,
    "storm.md": """
        ---
        title: Storm closes schools
        date: 2024-02-01
        outlet: Coast Daily
        ---

        Schools in Bayview closed on Monday as the storm arrived.

        “We will reopen when the roads are safe,” Superintendent Lin Zhao said.

        Ortiz told reporters that the shelters were open all night.
    """,
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("small"), ARTICLES)
    mkdocs_build(project, "--strict")
    return project / "site"


def test_article_pages_have_tags_and_footnotes(small_site):
    html = read_html(small_site / "articles" / "harbor" / "index.html")
    quotes = re.findall(r'<span class="sb-quote sb-quote--(\w+)"[^>]* id="(q\d+)"', html)
    assert ("direct", "q1") in quotes
    assert 'class="sb-tag sb-tag--named"' in html
    assert 'class="sb-tag sb-tag--anonymous"' in html
    # one footnote per quote, each linking back to its reference
    notes = re.findall(r'<li id="fn:(q\d+)">', html)
    assert sorted(notes) == sorted(q for _, q in quotes)
    for q in notes:
        assert f'href="#fnref:{q}"' in html
    # The credit is metadata, shown under the article, not annotated text.
    assert "Contributors: Ben Cole" in text_of(html)
    assert "contributed to this report" not in html


def test_tag_links_to_the_speaker_page(small_site):
    html = read_html(small_site / "articles" / "harbor" / "index.html")
    assert 'href="../../actors/ana-ortiz/"' in html
    actor = read_html(small_site / "actors" / "ana-ortiz" / "index.html")
    assert "This is the best day for the waterfront in decades" in actor
    assert 'href="../../articles/harbor/#q' in actor
    # Mentioned in both articles ("Ortiz" joins the full name across articles).
    assert "Storm closes schools" in actor and "Harbor plan wins approval" in actor


def test_indexes_and_data_files(small_site):
    actors = text_of(read_html(small_site / "actors" / "index.html"))
    assert "Ana Ortiz" in actors and "Lin Zhao" in actors
    sources = text_of(read_html(small_site / "sources" / "index.html"))
    assert "A senior city official" in sources or "a senior city official" in sources
    home = text_of(read_html(small_site / "index.html"))
    assert "Harbor plan wins approval" in home and "Storm closes schools" in home
    records = [json.loads(l) for l in (small_site / "data" / "annotations.jsonl").read_text("utf-8").splitlines()]
    assert {r["id"] for r in records} == {"harbor", "storm"}
    for r in records:
        for q in r["quotes"]:
            assert r["text"][q["start"]:q["end"]] == q["text"]
    csv_text = (small_site / "data" / "quotes.csv").read_text("utf-8")
    assert csv_text.splitlines()[0].startswith("article,title,date,outlet,url,quote_id,kind,text,speaker,speaker_as_written,source_kind,actor")


def test_generated_pages_stay_out_of_the_nav(small_site):
    html = read_html(small_site / "index.html")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    assert "articles/harbor/" not in nav[: nav.index("</nav>")]


def test_internal_links_resolve(small_site):
    assert broken_links(small_site) == []


def test_search_is_pagefinds_chunked_index_not_materials_one_file(small_site):
    assert (small_site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (small_site / "search" / "search_index.json").exists()
    pages = search_index(small_site)
    assert {"/articles/harbor/", "/articles/storm/", "/actors/ana-ortiz/", "/guide/"} <= pages.keys()
    # the indexes that list pages are not results themselves
    assert not {"/", "/articles/", "/actors/", "/sources/", "/dashboard/", "/review/", "/outlets/", "/search/"} & pages.keys()
    assert "404" not in " ".join(pages)
    article, actor = pages["/articles/harbor/"], pages["/actors/ana-ortiz/"]
    assert "best day for the waterfront" in article and "Named source: Mayor Ana Ortiz" in article
    assert "Why: " not in article and "All quotes from" not in article  # footnotes, tag cards
    assert "Ana Ortiz" in actor and "best day for the waterfront" not in actor  # the quote list
    assert "Sourcebook" not in pages["/articles/storm/"]  # the header and navigation are not content
    html = read_html(small_site / "articles" / "harbor" / "index.html")
    assert '<pagefind-searchbox placeholder="Search">' in html
    assert '<script defer src="../../pagefind/pagefind-component-ui.js">' in html
    assert 'href="../../pagefind/pagefind-component-ui.css"' in html


def test_the_site_ships_no_file_its_pages_never_load(small_site):
    shipped = {p.relative_to(small_site).as_posix() for p in small_site.rglob("*") if p.is_file()}
    assert "assets/javascripts/bundle." in " ".join(shipped)  # the theme's own script stays
    assert not [p for p in shipped if p.endswith(".map")]  # source maps: developer tools only
    assert not [p for p in shipped if p.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))]
    assert not {"pagefind/pagefind-ui.js", "pagefind/pagefind-modular-ui.js", "pagefind/pagefind-highlight.js"} & shipped
    assert {"pagefind/pagefind.js", "pagefind/pagefind-component-ui.js", "pagefind/pagefind-worker.js"} <= shipped


def test_links_resolve_under_a_sub_path(tmp_path):
    project = make_project(tmp_path, ARTICLES)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name: Sourcebook", "site_name: Sourcebook\nsite_url: https://example.org/sub/"), "utf-8")
    mkdocs_build(project, "--strict")
    assert broken_links(project / "site", prefix="/sub/") == []


HOSTILE = """
    <script>alert('title')</script> {{ config.site_name }}

    <script>alert(1)</script> and <b>bold</b> and [a link](javascript:alert(2)) and {{ config.site_name }} and {% raw %}

    !!! note "Injected"
        admonition body

    [^1]: a fake footnote

    # not a heading, *not emphasis*, `not code`

    1. not a list item

    “<img src=x onerror=alert(3)> is what we saw,” said Ada Moss.
"""


def test_article_text_is_never_interpreted(tmp_path):
    project = make_project(tmp_path, {"evil.txt": HOSTILE})
    mkdocs_build(project, "--strict")
    html = read_html(project / "site" / "articles" / "evil" / "index.html")
    body = html[html.index('<article'):html.index('</article>')]
    for needle in ("<script>alert", "<b>bold", '="javascript:', "<img src=x", 'class="admonition', "<h1 id=\"not-a-heading", "<em>not emphasis", "<code>not code", "<ol>\n<li>not a list"):
        assert needle not in body, needle
    text = text_of(body)
    for visible in ("<script>alert(1)</script>", "[a link](javascript:alert(2))", "{{ config.site_name }}", "!!! note", "[^1]: a fake footnote", "*not emphasis*", "`not code`", "1. not a list item"):
        assert visible in __import__("html").unescape(text), visible
    assert "alert('title')" in __import__("html").unescape(html[html.index("<title>"):html.index("</title>")])
    # Nowhere in the site (head, header, lists, actor pages) does article text become a tag.
    # (A <title> holds text only, so the minifier may leave "<" bare there; it
    # must still end at its own closing tag.)
    for page in (project / "site").rglob("*.html"):
        text = page.read_text("utf-8")
        assert re.sub(r"<svg.*?</svg>", "", text, flags=re.S).count("</title>") == 1, page  # charts have their own
        text = re.sub(r"<title>.*?</title>", "", text, flags=re.S)
        assert "<script>alert" not in text and "<img src=x" not in text, page


def test_bad_articles_are_reported_and_skipped(tmp_path):
    seeds = dict(ARTICLES)
    seeds.update({"empty.txt": "", "latin.txt": b"Title\n\nCaf\xe9.", "only-title.txt": "Just a title\n"})
    project = make_project(tmp_path, seeds)
    proc = mkdocs_build(project, "--strict")
    for name, problem in (("empty.txt", "empty file"), ("latin.txt", "not valid UTF-8"), ("only-title.txt", "no article body")):
        assert re.search(rf"{re.escape(name)}: {problem}", proc.stderr), proc.stderr
    assert (project / "site" / "articles" / "harbor" / "index.html").exists()
    assert not (project / "site" / "articles" / "empty").exists()


def test_strict_setting_fails_listing_every_problem(tmp_path):
    seeds = dict(ARTICLES)
    seeds.update({"empty.txt": "", "latin.txt": b"Title\n\nCaf\xe9."})
    project = make_project(tmp_path, seeds)
    proc = subprocess.run([sys.executable, "-m", "builder", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    assert "empty.txt: empty file" in proc.stderr and "latin.txt: not valid UTF-8" in proc.stderr


def test_build_is_deterministic(tmp_path):
    project = make_project(tmp_path, ARTICLES)
    outputs = []
    for n in range(2):
        mkdocs_build(project, "--site-dir", f"out{n}")
        site = project / f"out{n}"
        outputs.append({p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    assert [k for k in outputs[0] if outputs[0][k] != outputs[1][k]] == []


def test_cli_build_overrides_seeds_and_site_dir(tmp_path):
    project = make_project(tmp_path, {})
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "one.txt").write_text("One story\n\n“Yes,” said Ada Moss.\n", "utf-8")
    proc = subprocess.run([sys.executable, "-m", "builder", "build", "--seeds", str(other), "--site-dir", str(tmp_path / "out")],
                          cwd=project, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "articles" / "one" / "index.html").exists()


# The shipped sample article.

def test_sample_article_page(sample_site):
    (page,) = (sample_site / "articles").glob("*/index.html")
    html = read_html(page)
    text = text_of(html)
    assert "Oops" not in text and "Something went wrong" not in text and "Please try again later" not in text
    quotes = re.findall(r'<span class="sb-quote sb-quote--\w+"[^>]* id="(q\d+)"', html)
    assert len(quotes) >= 10
    assert sorted(re.findall(r'<li id="fn:(q\d+)">', html)) == sorted(quotes)
    assert "Contributors: Eugene Daniels" in text
    # every footnote says what its attribution rests on, and names the rules
    assert text.count("Why: ") == text.count("Rules: ") == len(quotes)
    assert "Rules: direct, verb-subject" in html and re.search(r"“\w+” is [A-Z][\w. ]+, named in full in the article", text)


def test_sample_site_links(sample_site):
    assert broken_links(sample_site) == []
    assert (sample_site / "actors" / "index.html").exists()
    assert (sample_site / "actors" / "joe-biden" / "index.html").exists()
    assert (sample_site / "actors" / "benjamin-netanyahu" / "index.html").exists()


def test_malformed_actors_file_is_reported_and_unknown_names_warned(tmp_path):
    seeds = dict(ARTICLES)
    seeds["actors.yml"] = "Ana Ortiz:\n  nickname: Mayor Ana\nNo Such Person:\n  type: person\n"
    project = make_project(tmp_path, seeds)
    proc = mkdocs_build(project, "--strict")
    assert "actors.yml:2: 'Ana Ortiz': unknown key 'nickname'" in proc.stderr
    assert "actors.yml:3: no actor named 'No Such Person'; entry ignored" in proc.stderr
    assert (project / "site" / "actors" / "ana-ortiz" / "index.html").exists()


def test_actors_file_merges_a_nickname_across_the_site(tmp_path):
    seeds = dict(ARTICLES)
    seeds["nick.txt"] = "Nickname story\n\nPeople call her Annie at city hall.\n\n“Annie knows the harbor,” said Tom Reyes.\n"
    seeds["actors.yml"] = "Ana Ortiz:\n  aliases: [Annie]\n"
    project = make_project(tmp_path, seeds)
    mkdocs_build(project, "--strict")
    actors = project / "site" / "actors"
    assert not (actors / "annie").exists()
    page = read_html(actors / "ana-ortiz" / "index.html")
    assert "Annie" in page and "Nickname story" in page
