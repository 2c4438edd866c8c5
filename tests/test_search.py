"""Site search with Pagefind (builder/search.py) and the theme override that shows its search box."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder.search import OUTPUT, PARTS_LIST, SearchIndexError, index_site
from conftest import ROOT
from sitecheck import search_index, search_index_url

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Menu words everywhere</nav>
<article data-pagefind-body><h1>{title}<a class="headerlink" href="#x">¶</a></h1>
<p>{body}<sup><a class="footnote-ref" href="#fn:1">17</a></sup></p>
<span data-search-exclude>card words</span><ol data-search-exclude><li>listed quote</li></ol>
</article></body></html>"""


@pytest.fixture
def site(tmp_path) -> Path:
    site = tmp_path / "site"
    for path, title, body in (("index.html", "Home", "Harbor plan approved"),
                              ("storm/index.html", "Storm", "Schools closed on Monday")):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(PAGE.format(title=title, body=body), "utf-8")
    (site / "404.html").write_text("<html lang=en><body><h1>Not found</h1></body></html>", "utf-8")
    return site


def test_index_holds_page_content_without_excluded_parts(site):
    result = index_site(site)
    pages = search_index(site)
    assert sorted(pages) == ["/", "/storm/"]  # the 404 page has no data-pagefind-body
    assert "Schools closed on Monday" in pages["/storm/"]
    for left_out in ("Menu", "card words", "listed quote", "¶", "17"):
        assert left_out not in pages["/storm/"], left_out
    assert (result.pages, result.words > 0) == (2, True)
    assert (site / OUTPUT / "pagefind-component-ui.js").is_file()


def test_a_second_run_leaves_no_stale_chunks(site):
    index_site(site)
    (site / "storm" / "index.html").unlink()
    index_site(site)
    assert sorted(search_index(site)) == ["/"]


def test_output_is_byte_identical_across_runs(site, tmp_path):
    index_site(site)
    first = {p.relative_to(site): p.read_bytes() for p in sorted((site / OUTPUT).rglob("*")) if p.is_file()}
    index_site(site)
    second = {p.relative_to(site): p.read_bytes() for p in sorted((site / OUTPUT).rglob("*")) if p.is_file()}
    assert first == second


def test_a_missing_binary_is_an_error_naming_it(site, monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere" / "pagefind"))
    with pytest.raises(SearchIndexError, match=r"Pagefind binary .*nowhere/pagefind .*does not exist"):
        index_site(site)


def test_a_failing_binary_is_an_error_with_its_output(site, monkeypatch, tmp_path):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(SearchIndexError, match=r"failed with status 3 (?s:.*)the disk is full"):
        index_site(site)


def test_a_binary_older_than_the_search_box_is_an_error(site, monkeypatch, tmp_path):
    fake = tmp_path / "pagefind"  # writes an index but not the Component UI (Pagefind < 1.5)
    fake.write_text('#!/bin/sh\nmkdir -p "$2/pagefind" && touch "$2/pagefind/pagefind.js"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(SearchIndexError, match=r"wrote no pagefind-component-ui.js, .* older than 1.5"):
        index_site(site)


def test_header_override_is_materials_header_with_the_search_box_swapped():
    """templates/overrides/partials/header.html is a copy: it must follow the installed theme."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text("utf-8")
    ours = (ROOT / "templates" / "overrides" / "partials" / "header.html").read_text("utf-8")
    comment = re.compile(r"\{#-.*?-#\}\n", re.S)
    swapped = ('    {% if (sourcebook_search or config.extra.sourcebook_search) == "pagefind" %}\n'
               '      {% include "partials/pagefind.html" %}\n'
               '    {% elif "material/search" in config.plugins %}')
    assert comment.sub("", ours) == comment.sub("", theirs).replace('    {% if "material/search" in config.plugins %}', swapped)


def test_a_big_site_is_indexed_in_parts_that_hold_every_page_once(site):
    (site / "bridge").mkdir()
    (site / "bridge" / "index.html").write_text(PAGE.format(title="Bridge", body="Ferry service resumes"), "utf-8")
    result = index_site(site, pages_per_index=2)  # three pages with a body (and the 404 page without)
    assert (result.pages, result.parts) == (3, 2)
    assert sorted(search_index(site)) == ["/", "/bridge/", "/storm/"]
    assert json.loads((site / OUTPUT / PARTS_LIST).read_text("utf-8")) == ["part-2/"]
    part = site / OUTPUT / "part-2"
    assert (part / "pagefind-entry.json").is_file() and not (part / "pagefind-component-ui.js").exists()
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []  # the part's folder is gone


def test_a_small_site_is_one_index_with_nothing_to_merge(site):
    assert index_site(site).parts == 1
    assert json.loads((site / OUTPUT / PARTS_LIST).read_text("utf-8")) == []
    assert not list((site / OUTPUT).glob("part-*"))


def test_parts_are_byte_identical_across_runs(site):
    def files():
        return {p.relative_to(site): p.read_bytes() for p in sorted((site / OUTPUT).rglob("*")) if p.is_file()}
    index_site(site, pages_per_index=1)
    first = files()
    index_site(site, pages_per_index=1)
    assert files() == first and len([p for p in first if p.name == "pagefind-entry.json"]) == 2


def test_parts_take_every_nth_page_so_each_holds_a_like_mix(site):
    for n in range(4):
        (site / f"extra{n}").mkdir()
        (site / f"extra{n}" / "index.html").write_text(PAGE.format(title=f"Extra {n}", body=f"Extra {n}"), "utf-8")
    index_site(site, pages_per_index=3)  # six pages with a body: two parts of three
    parts = {}
    for path in sorted((site / OUTPUT).glob("**/fragment/*.pf_fragment")):
        part = path.parent.parent.name
        parts.setdefault(part, []).append(search_index_url(path))
    assert sorted(map(sorted, parts.values())) == [["/", "/extra0/", "/extra2/"], ["/extra1/", "/extra3/", "/storm/"]]


FILTERED = """<!doctype html><html lang="en"><head><title>{n}</title></head><body>
<article data-pagefind-body><h1>Story {n}</h1><p>Harbor words {n}</p>
<span data-pagefind-filter="outlet[data-value]" data-value="Outlet {o}"></span>
<span data-pagefind-filter="month[data-value]" data-value="2024-0{m}"></span>
<span data-pagefind-sort="date[data-value]" data-value="2024-0{m}-01"></span></article></body></html>"""


def test_filter_indexes_are_byte_identical_across_runs_and_keep_every_value(tmp_path):
    from builder.search_order import _read

    site = tmp_path / "site"
    for n in range(12):
        (site / f"p{n}").mkdir(parents=True)
        (site / f"p{n}" / "index.html").write_text(FILTERED.format(n=n, o=n % 5, m=1 + n % 4), "utf-8")

    def run() -> dict:
        index_site(site)
        return {p.relative_to(site): p.read_bytes() for p in sorted((site / OUTPUT).rglob("*")) if p.is_file()}

    runs = [run() for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    [meta] = (site / OUTPUT).glob("pagefind.en_*.pf_meta")
    filters = dict(_read(meta)[3])
    assert sorted(filters) == ["month", "outlet"]
    name, values = _read(site / OUTPUT / "filter" / f"{filters['outlet']}.pf_filter")
    assert name == "outlet" and [v[0] for v in values] == [f"Outlet {o}" for o in range(5)]
    assert sorted(page for _, pages in values for page in pages) == list(range(12))


@pytest.mark.parametrize("value", [0, 23, 24, 255, 256, 65535, 65536, 2**32, -1, -300, "", "é⌘", b"\x00\xff",
                                   [], [1, ["a", [2]]], {"k": [1, 2]}])
def test_cbor_reads_back_what_it_writes(value):
    from builder.search_order import decode, encode

    data = encode(value)
    assert decode(data) == (value, len(data))
