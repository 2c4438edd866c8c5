"""Hostile and careless input: each case of tests/hostile/ gives its message or
result, nothing runs script, nothing is lost in silence, and every good page builds."""
from __future__ import annotations

import csv
import html as html_module
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from sitecheck import read_html

from conftest import make_project, mkdocs_build

HOSTILE = Path(__file__).parent / "hostile"
QUOTE = "“We will hold the line on taxes,” said Senator Ruth Vance."


def _long_paragraph() -> str:
    """One 200,000-character paragraph with eight quotes spread through it."""
    filler = "The committee reviewed the budget line by line and took notes. " * 400
    quotes = [f"“Item {n} stays in the plan,” said Senator Ruth Vance. " for n in range(8)]
    return "Long paragraph\n\n" + "".join(filler + q for q in quotes) + filler.strip() + "\n"


# A JSON Lines corpus saved with old Mac line ends (a lone carriage return), a bad line third.
OLD_MAC_JSONL = "\r".join([json.dumps({"id": "old-mac-1", "text": QUOTE}),
                            json.dumps({"id": "old-mac-2", "text": "“Taxes stay,” said Ada Moss."}),
                            "{not json", ""]).encode("utf-8")


def _page(charset: str) -> str:
    """A saved news page, in windows-1252 when `charset` says so."""
    body = "".join(f"<p>The café council met on day {n} and talked about the budget for a long while.</p>"
                   for n in range(4))
    return (f"<html><head>{charset}<title>Café council</title></head>"
            f"<body><article><h1>Café council</h1>{body}<p>{QUOTE}</p></article></body></html>")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile corpus plus generated cases, built once with the real `mkdocs build`."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = make_project(tmp, {"good.txt": f"A good article\n\n{QUOTE}\n"})
    seeds = project / "seeds"
    for path in HOSTILE.iterdir():
        if path.name != "README.md":
            shutil.copy(path, seeds / path.name)
    (seeds / "long-paragraph.txt").write_text(_long_paragraph(), "utf-8")
    (seeds / "huge.txt").write_bytes(b"Huge\n\n" + b"word " * 1_300_000)  # 6.5 MB
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "zeros.txt").symlink_to("/dev/zero")
    outside = tmp / "outside.txt"
    outside.write_text("Outside\n\nNot part of the seeds.\n", "utf-8")
    (seeds / "outside-link.txt").symlink_to(outside)
    # Line ends and encodings that a text editor would change: written here, byte for byte.
    (seeds / "old-mac.jsonl").write_bytes(OLD_MAC_JSONL)
    (seeds / "windows-1252.html").write_bytes(_page('<meta charset="windows-1252">').encode("cp1252"))
    (seeds / "utf-16.txt").write_bytes(f"A UTF-16 file\n\n{QUOTE}\n".encode("utf-16"))
    proc = mkdocs_build(project)
    return project, project / "site", proc.stderr


def page(site: Path, path: str) -> str:
    return read_html(site / path / "index.html")


def test_every_good_article_builds(hostile):
    _, site, _ = hostile
    for slug in ("good", "safe-link", "script-link", "cyrillic-speaker", "odd-metadata", "carriage-return",
                 "my-story", "my-story-2", "my-story-txt", "index-2", "formula", "long-paragraph"):
        assert (site / "articles" / slug / "index.html").exists(), slug


@pytest.mark.parametrize(
    "file, message",
    [
        ("pipe.txt", "not a regular file; skipped"),
        ("zeros.txt", "a symbolic link to a file outside the seeds directory; skipped"),
        ("outside-link.txt", "a symbolic link to a file outside the seeds directory; skipped"),
        ("huge.txt", "larger than the limit of 5 MB (setting max_article_mb); skipped"),
        ("billion-laughs.md", "invalid front matter"),
        ("script-link.md", "url 'javascript:alert(document.domain)' is not an http(s) or relative link; it is shown as text"),
        ("odd-metadata.md", "'.nan' is not a finite number; left out"),
        ("actors.yml", "alias 'Treasurer' is listed under both 'Mia Lund'"),
        ("actors.yml", "unsupported tag !!python/object/apply:os.system"),
        ("stray-quote.csv:2", 'bad record: a quoted cell is not closed properly (a " inside a quoted cell is written ""); skipped'),
        ("old-mac.jsonl:3", "bad record: Expecting property name"),
    ],
)
def test_each_problem_is_one_line_naming_the_file(hostile, file, message):
    project, _, stderr = hostile
    lines = [l for l in stderr.splitlines() if f"{project / 'seeds' / file}" in l and message in l]
    assert len(lines) == 1, stderr


@pytest.mark.parametrize(
    "file, slug, words",
    [
        ("stray-quote.csv", "stray-quote-2", "The budget is sound"),  # the row after the bad one
        ("semicolon.csv", "semicolon-1", "We will rebuild the pier, and soon"),
        ("old-mac.jsonl", "old-mac-2", "Taxes stay"),
        ("windows-1252.html", "windows-1252", "The café council met"),
        ("utf-16.txt", "utf-16", "We will hold the line on taxes"),
        ("invisible-name.txt", "invisible-name", "said Maria Lopez."),
    ],
)
def test_a_file_in_another_shape_is_read_not_lost(hostile, file, slug, words):
    project, site, stderr = hostile
    assert words in html_module.unescape(page(site, f"articles/{slug}"))
    told = [l for l in stderr.splitlines() if f"{project / 'seeds' / file}" in l]
    assert not [l for l in told if "not valid UTF-8" in l or "Extra data" in l or "field with text" in l], told


def test_a_name_with_invisible_characters_is_one_clean_actor(hostile):
    _, site, _ = hostile
    actor = html_module.unescape(page(site, "actors/maria-lopez"))
    assert "Maria Lopez" in actor and "We will win again" in actor
    assert not re.search("[\u200b-\u200f\u202a-\u202e\u2060\ufeff]", actor)


def test_a_metadata_link_that_is_not_http_is_text(hostile):
    _, site, _ = hostile
    html = page(site, "articles/script-link")
    hrefs = [html_module.unescape(h) for h in re.findall(r'href="([^"]*)"', html)]
    assert hrefs and not [h for h in hrefs if "javascript" in h.lower()]
    assert "original: javascript&#58;alert" in html or "original: javascript:alert" in html
    links = re.findall(r'<a href="([^"]*)" rel="nofollow">original</a>', page(site, "articles/safe-link"))
    assert [html_module.unescape(h) for h in links] == ["https://example.org/bridge"]


def test_a_carriage_return_in_a_title_is_not_markup(hostile):
    _, site, _ = hostile
    html = page(site, "articles/carriage-return")
    body = html[html.index('<article'):]
    assert "<hr" not in body and "<li>item" not in body
    assert "Line one --- - item" in re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), body)


def test_a_speaker_named_in_another_script_gets_a_page(hostile):
    _, site, _ = hostile
    pages = [p for p in (site / "actors").glob("x-*/index.html") if "Владимир Путин" in read_html(p)]
    assert len(pages) == 1


def test_generated_indexes_are_never_overwritten(hostile):
    _, site, _ = hostile
    assert "<h1" in page(site, "articles") and "Articles" in page(site, "articles")
    assert "This page must not replace the index" in page(site, "articles/index-2")
    assert "Index Ward" in page(site, "actors")  # listed in the Actors index, which stays the index


def test_a_long_paragraph_is_annotated_whole(hostile):
    _, site, _ = hostile
    html = page(site, "articles/long-paragraph")
    assert len(re.findall(r'class="sb-quote sb-quote--direct"', html)) == 8


def test_metadata_of_every_type_is_published_as_strict_json(hostile):
    project, site, _ = hostile
    records = {}
    for line in (site / "data" / "annotations.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line, parse_constant=lambda c: pytest.fail(f"non-standard JSON constant {c}"))
        records[rec["id"]] = rec
    assert records["odd-metadata"]["metadata"] == {"updated": "2024-05-01", "authors": ["5"], "tags": ["a", "b"]}
    assert str(project) not in (site / "data" / "annotations.jsonl").read_text("utf-8")
    assert records["good"]["source"] == "good.txt"
    for rec in records.values():
        for q in rec["quotes"]:
            if q["cue"]:
                assert rec["text"][q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]


def test_quotes_csv_cells_are_never_formulas(hostile):
    _, site, _ = hostile
    rows = list(csv.DictReader(io.StringIO((site / "data" / "quotes.csv").read_text("utf-8"))))
    texts = [r["text"] for r in rows if r["article"] == "formula"]
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    assert not any(v and v[0] in "=+-@" for r in rows for v in r.values())


def test_curated_actors_apply_around_the_bad_entries(hostile):
    _, site, _ = hostile
    assert "Budget analyst." in page(site, "actors/ada-moss")  # merge key `<<: *base` works
    assert "hacked" not in page(site, "actors/bo-li")


def test_strict_lists_every_problem_then_fails(hostile):
    project, _, _ = hostile
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("strict: false", "strict: true"), "utf-8")
    try:
        proc = mkdocs_build(project, check=False)
    finally:
        config.write_text(config.read_text("utf-8").replace("strict: true", "strict: false"), "utf-8")
    assert proc.returncode != 0
    for name in ("pipe.txt", "zeros.txt", "huge.txt", "billion-laughs.md", "actors.yml", "stray-quote.csv:2",
                 "old-mac.jsonl:3"):
        assert f"  {project / 'seeds' / name}" in proc.stderr
