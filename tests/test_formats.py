"""Corpora in: one site from .jsonl, .csv, .md, .txt and saved .html pages, with
ids, dates and outlets everywhere a reader looks and counts that agree across
the data files."""
from __future__ import annotations

import csv
import html
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from sitecheck import read_html, search_index

from conftest import make_project, mkdocs_build

FORMATS = Path(__file__).parent / "formats"
FIELDS = ('      fields: {id: story_id, title: headline, text: body, date: published, '
          'outlet: source_name, author: byline, url: link}\n')
IDS = {"clinic", "council_2024-01-05", "feed_2024-02-10_library", "feed_2024-02-11_school", "harbor-page",
       "wire_2024-03-01_ferry", "wire_2024-03-02_road", "wire_2024-03-03_bad"}


def _project(tmp: Path, *, strict: bool = False) -> Path:
    project = make_project(tmp, {})
    for path in FORMATS.iterdir():
        shutil.copy(path, project / "seeds" / path.name)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace("      strict: false\n", f"      strict: {str(strict).lower()}\n{FIELDS}")
    config.write_text(text, "utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = _project(tmp_path_factory.mktemp("formats"))
    proc = mkdocs_build(project)
    return project, project / "site", proc.stderr


def records(site: Path) -> dict[str, dict]:
    lines = (site / "data" / "annotations.jsonl").read_text("utf-8").splitlines()
    return {r["id"]: r for r in map(json.loads, lines)}


def test_one_site_from_every_format_keeps_the_ids(built):
    _, site, _ = built
    assert set(records(site)) == IDS
    assert (site / "articles" / "wire-2024-03-01-ferry" / "index.html").exists()


@pytest.mark.parametrize(
    "where, message",
    [
        ("feed.jsonl:3", "bad record: Expecting value"),
        ("wire.csv:5", "bad record: no 'body' field with text"),
        ("wire.csv:4", "date 'sometime soon' is not a whole date (e.g. 2024-05-01); left out"),
        ("empty-page.html", "no article text found in the page"),
    ],
)
def test_bad_rows_dates_and_empty_pages_name_file_and_line(built, where, message):
    project, _, stderr = built
    assert sum(f"{project / 'seeds' / where}: {message}" in line for line in stderr.splitlines()) == 1


def test_strict_fails_on_bad_rows_dates_and_empty_pages(tmp_path):
    project = _project(tmp_path, strict=True)
    proc = mkdocs_build(project, check=False)
    assert proc.returncode != 0
    for where in ("feed.jsonl:3", "wire.csv:5", "wire.csv:4", "empty-page.html"):
        assert f"  {project / 'seeds' / where}: " in proc.stderr


def test_dates_and_outlets_everywhere_a_reader_looks(built):
    _, site, _ = built
    page = html.unescape(read_html(site / "articles" / "wire-2024-03-01-ferry" / "index.html"))
    assert "Valley Wire" in page and "<time>2024-03-01</time>" in page and "Rosa Diaz" in page
    listing = html.unescape(read_html(site / "articles" / "index.html"))
    order = [listing.index(t) for t in ("Harbor dredging wins approval", "Ferry fares to rise", "Library hours extended")]
    assert order == sorted(order)  # newest first
    assert "The Coastal Times" in listing and "<time>2024-04-09</time>" in listing
    actor = html.unescape(read_html(site / "actors" / "paul-kim" / "index.html"))
    assert "Valley Wire" in actor and "2024-03-01" in actor
    assert any("Valley Wire" in text for text in search_index(site).values())  # searchable


def test_counts_and_metadata_agree_across_jsonl_csv_and_sqlite(built):
    _, site, _ = built
    recs = records(site)
    rows = list(csv.DictReader(io.StringIO((site / "data" / "quotes.csv").read_text("utf-8"))))
    db = sqlite3.connect(site / "data" / "sourcebook.sqlite")
    try:
        assert db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == len(rows) == sum(
            len(r["quotes"]) for r in recs.values()) > 0
        assert dict(db.execute("SELECT id, outlet FROM articles")) == {
            i: r["metadata"].get("outlet") for i, r in recs.items()}
        assert dict(db.execute("SELECT id, date FROM articles")) == {i: r["metadata"].get("date") for i, r in recs.items()}
    finally:
        db.close()
    for row in rows:
        meta = recs[row["article"]]["metadata"]
        assert (row["date"], row["outlet"]) == (meta.get("date", ""), meta.get("outlet", ""))
        text = recs[row["article"]]["text"]
        assert text[int(row["start"]):int(row["end"])] == row["text"].removeprefix("'")


def test_no_path_of_the_build_machine_is_published(built):
    project, site, _ = built
    for path in site.rglob("*"):
        if path.is_file():
            assert str(project).encode() not in path.read_bytes(), path
