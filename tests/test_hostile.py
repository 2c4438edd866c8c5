"""Hostile and careless input: each case of tests/hostile/ gives its message or
result, nothing runs script, nothing is lost in silence, and every good page builds.

The corpus is built once by each face, the real CLI (`python -m builder build`) and
the real `mkdocs build`, by default and strict (`--strict`; for MkDocs, the plugin's
`strict: true`), and nothing outside the site folder changes."""
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

from conftest import cli, make_project, mkdocs_build, snapshot, told

HOSTILE = Path(__file__).parent / "hostile"
QUOTE = "“We will hold the line on taxes,” said Senator Ruth Vance."
FACES = ("cli", "mkdocs")
DENSE = 300  # quotes in one paragraph (bench/bench_scale.py measures the cost; this checks the result)


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


def _long_quotation() -> str:
    """A 15,000-character quotation across the 20,000-character cut of a long paragraph."""
    before = "The council sat late into the night and read the report aloud. " * 240  # 15,600 characters
    said = " ".join(f"Point {n} of the plan is sound and we will keep it." for n in range(300))
    return f"A long quotation\n\n{before}“{said},” said Senator Ruth Vance.\n"


def _dense() -> str:
    """`DENSE` short quotes in one paragraph."""
    return "Dense quotes\n\n" + " ".join(f"“Point {n} stands,” said Ada Moss." for n in range(DENSE)) + "\n"


def _big_cell_csv() -> bytes:
    """A table whose second row has a cell over the 5 MB limit; the third row is good."""
    return ("id,title,text\n"
            f"big-cell-1,Too big,\"{'word ' * 1_100_000}\"\n"
            "big-cell-2,After the big cell,\"“The table goes on,” said Ada Moss.\"\n").encode("utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile corpus plus generated cases, built once by each face, by default and strict:
    (project, {face: site}, {face or face-strict: completed process}, snapshot before, after)."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = make_project(tmp, {"good.txt": f"A good article\n\n{QUOTE}\n"})
    seeds = project / "seeds"
    for path in HOSTILE.iterdir():
        if path.name != "README.md":
            shutil.copy(path, seeds / path.name)
    (seeds / "long-paragraph.txt").write_text(_long_paragraph(), "utf-8")
    (seeds / "long-quotation.txt").write_text(_long_quotation(), "utf-8")
    (seeds / "dense.txt").write_text(_dense(), "utf-8")
    (seeds / "huge.txt").write_bytes(b"Huge\n\n" + b"word " * 1_300_000)  # 6.5 MB
    (seeds / "big-cell.csv").write_bytes(_big_cell_csv())
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "zeros.txt").symlink_to("/dev/zero")
    outside = tmp / "outside.txt"
    outside.write_text("Outside\n\nNot part of the seeds.\n", "utf-8")
    (seeds / "outside-link.txt").symlink_to(outside)
    # Line ends, encodings and names that a text editor (or git) would change: written here, byte for byte.
    (seeds / "old-mac.jsonl").write_bytes(OLD_MAC_JSONL)
    (seeds / "windows-1252.html").write_bytes(_page('<meta charset="windows-1252">').encode("cp1252"))
    (seeds / "utf-16.txt").write_bytes(f"A UTF-16 file\n\n{QUOTE}\n".encode("utf-16"))
    (seeds / "bad\udcffname.txt").write_text(f"A name not in UTF-8\n\n{QUOTE}\n", "utf-8")  # byte 0xff
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert "      strict: false\n" in config
    (project / "mkdocs-strict.yml").write_text(config.replace("      strict: false\n", "      strict: true\n"), "utf-8")
    before = snapshot(project)
    out = {"cli": cli(project, "build")}
    (project / "site-cli").mkdir()
    os.rename(project / "site", project / "site-cli" / "site")
    out["cli-strict"] = cli(project, "build", "--strict")
    out["mkdocs-strict"] = mkdocs_build(project, "-f", "mkdocs-strict.yml", check=False)
    out["mkdocs"] = mkdocs_build(project, check=False)
    after = {k: v for k, v in snapshot(project).items() if not k.startswith("site-cli")}
    sites = {"cli": project / "site-cli" / "site", "mkdocs": project / "site"}
    return project, sites, out, before, after


def seed(project: Path, name: str) -> Path:
    return project / "seeds" / name


def records(site: Path) -> dict[str, dict]:
    lines = (site / "data" / "annotations.jsonl").read_text("utf-8").splitlines()
    return {rec["id"]: rec for rec in map(json.loads, lines)}


def test_both_faces_build_and_change_nothing_outside_the_site(hostile):
    _, _, out, before, after = hostile
    assert out["cli"].returncode == 0, out["cli"].stderr
    assert out["mkdocs"].returncode == 0, out["mkdocs"].stderr
    assert after == before


def page(site: Path, path: str) -> str:
    return read_html(site / path / "index.html")


@pytest.mark.parametrize("face", FACES)
def test_every_good_article_builds(hostile, face):
    _, sites, _, _, _ = hostile
    for slug in ("good", "safe-link", "script-link", "cyrillic-speaker", "odd-metadata", "carriage-return",
                 "my-story", "my-story-2", "my-story-txt", "index-2", "formula", "long-paragraph", "long-quotation",
                 "dense", "wrong-types", "wrong-types-front", "bidi", "after-surrogate", "after-empty", "big-cell-2",
                 "multi-good", "dup", "dup-2", "dup-3", "spelling-accent", "spelling-plain", "spelling-nfd"):
        assert (sites[face] / "articles" / slug / "index.html").exists(), slug


# (file or file:line, message, fatal): each told on one line by both faces by default, and
# listed by both when strict (which then fails).
PROBLEMS = [
    ("pipe.txt", "not a regular file; skipped", True),
    ("zeros.txt", "a symbolic link to a file outside the seeds directory; skipped", True),
    ("outside-link.txt", "a symbolic link to a file outside the seeds directory; skipped", True),
    ("huge.txt", "larger than the limit of 5 MB (setting max_article_mb); skipped", True),
    ("billion-laughs.md", "invalid front matter", True),
    ("script-link.md", "url 'javascript:alert(document.domain)' is not an http(s) or relative link; it is shown as text", False),
    ("odd-metadata.md", "'.nan' is not a finite number; left out", False),
    ("actors.yml:8", "alias 'Treasurer' is listed under both 'Mia Lund'", True),
    ("actors.yml:11", "unsupported tag !!python/object/apply:os.system", True),
    ("actors.yml:12", "a key must be a single value, not a list or mapping", True),
    ("stray-quote.csv:2", 'bad record: a quoted cell is not closed properly (a " inside a quoted cell is written ""); skipped', True),
    ("multi-line.csv:2", "bad record: 5 cells, but the header names 3", True),  # the line the record starts at
    ("big-cell.csv:2", "a cell larger than the limit of 5 MB (setting max_article_mb); skipped", True),
    ("empty-rows.csv:2", "bad record: no 'text' field with text [40 times (lines 2, 3, 4, …)]", True),
    ("old-mac.jsonl:3", "bad record: Expecting property name", True),
    ("surrogate.jsonl:1", "bad record: its id holds an invalid character (a lone surrogate); skipped", True),
    ("surrogate.jsonl:2", "bad record: its title holds an invalid character (a lone surrogate); skipped", True),
    ("bad\udcffname.txt", "the file name is not valid UTF-8 (byte 0xff); skipped", True),
    ("dups.jsonl:2", "id 'dup' is taken by an earlier article; this one is 'dup-3'", False),
    ("wrong-types.jsonl:1", "title: a list, not a single value; left out", False),
    ("wrong-types.jsonl:1", "date: a mapping, not a single value; left out", False),
    ("wrong-types.jsonl:1", "outlet: a list, not a single value; left out", False),
    ("wrong-types.jsonl:1", "authors: entry 1 is a mapping, not a name; left out", False),
    ("wrong-types.jsonl:1", "authors: entry 2 is empty, not a name; left out", False),
    ("wrong-types-front.md", "title: a list, not a single value; left out", False),
    ("wrong-types-front.md", "outlet: a mapping, not a single value; left out", False),
]


@pytest.mark.parametrize("face", FACES)
@pytest.mark.parametrize("file, message, fatal", PROBLEMS)
def test_each_problem_is_one_line_naming_the_file_in_the_default_output(hostile, face, file, message, fatal):
    project, _, out, _, _ = hostile
    lines = told(out[face].stderr, seed(project, file), message)
    assert len(lines) == 1, out[face].stderr
    assert ("skipped " if fatal else "warning: ") in lines[0]


def test_the_output_is_bounded_and_escaped(hostile):
    _, _, out, _, _ = hostile
    for face in FACES:
        err = out[face].stderr
        assert "Traceback" not in err and "\x1b" not in err and "\udcff" not in err
        assert all(len(line) <= 400 for line in err.splitlines()), face
        assert "rendering failed" not in err  # a bad character is found when the file is read


@pytest.mark.parametrize("face", FACES)
def test_strict_lists_every_problem_then_fails(hostile, face):
    project, _, out, _, _ = hostile
    strict = out[f"{face}-strict"]
    assert strict.returncode == 1 if face == "cli" else strict.returncode != 0
    assert "Traceback" not in strict.stderr
    for file, message, _ in PROBLEMS:
        assert told(strict.stderr, seed(project, file), message.split(" [")[0]), (file, strict.stderr)


@pytest.mark.parametrize("face", FACES)
@pytest.mark.parametrize(
    "file, slug, words",
    [
        ("stray-quote.csv", "stray-quote-2", "The budget is sound"),  # the row after the bad one
        ("semicolon.csv", "semicolon-1", "We will rebuild the pier, and soon"),
        ("multi-line.csv", "multi-good", "The budget is sound"),  # the record after the bad one
        ("big-cell.csv", "big-cell-2", "The table goes on"),
        ("empty-rows.csv", "after-empty", "The rows end here"),
        ("surrogate.jsonl", "after-surrogate", "Still read"),
        ("old-mac.jsonl", "old-mac-2", "Taxes stay"),
        ("windows-1252.html", "windows-1252", "The café council met"),
        ("utf-16.txt", "utf-16", "We will hold the line on taxes"),
        ("invisible-name.txt", "invisible-name", "said Maria Lopez."),
    ],
)
def test_a_file_in_another_shape_is_read_not_lost(hostile, face, file, slug, words):
    project, sites, out, _, _ = hostile
    assert words in html_module.unescape(page(sites[face], f"articles/{slug}"))
    lines = [l for l in out[face].stderr.splitlines() if f"{seed(project, file)}" in l]
    assert not [l for l in lines if "not valid UTF-8" in l or "Extra data" in l or "field with text" in l
                and "[40 times" not in l], lines


@pytest.mark.parametrize("face", FACES)
def test_a_name_with_invisible_characters_is_one_clean_actor(hostile, face):
    _, sites, _, _, _ = hostile
    actor = html_module.unescape(page(sites[face], "actors/maria-lopez"))
    assert "Maria Lopez" in actor
    for words in ("We will win,", "We will win again", "We will win a third time"):  # ZWJ; LRM, RLM, WJ; BOM, RLO
        assert words in actor, words
    assert not re.search("[\u200b-\u200f\u202a-\u202e\u2060\ufeff]", actor)


@pytest.mark.parametrize("face", FACES)
def test_a_spelling_variant_never_moves_an_actor_page(hostile, face):
    _, sites, _, _, _ = hostile
    actor = html_module.unescape(page(sites[face], "actors/jose-diaz"))
    for words in ("We will fix the pier", "The pier is fixed", "The pier stays open"):
        assert words in actor, words
    assert not [p.name for p in (sites[face] / "actors").iterdir() if p.name.startswith("jose-diaz-")]


def test_a_metadata_link_that_is_not_http_is_text(hostile):
    _, sites, _, _, _ = hostile
    for site in sites.values():
        html = page(site, "articles/script-link")
        hrefs = [html_module.unescape(h) for h in re.findall(r'href="([^"]*)"', html)]
        assert hrefs and not [h for h in hrefs if "javascript" in h.lower()]
        assert "original: javascript&#58;alert" in html or "original: javascript:alert" in html
        links = re.findall(r'<a href="([^"]*)" rel="nofollow">original</a>', page(site, "articles/safe-link"))
        assert [html_module.unescape(h) for h in links] == ["https://example.org/bridge"]


def test_a_carriage_return_in_a_title_is_not_markup(hostile):
    _, sites, _, _, _ = hostile
    for site in sites.values():
        html = page(site, "articles/carriage-return")
        body = html[html.index('<article'):]
        assert "<hr" not in body and "<li>item" not in body
        assert "Line one --- - item" in re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), body)


@pytest.mark.parametrize("face", FACES)
def test_nul_and_direction_controls_never_reach_the_html_raw(hostile, face):
    """NUL is dropped; embeddings, overrides and isolates are dropped from titles (the
    page's <title> and the theme's header cannot isolate them) and from the text; what
    is left of article text sits in elements the stylesheet isolates (as <bdi> would)."""
    _, sites, _, _, _ = hostile
    site = sites[face]
    controls = re.compile("[\x00\u202a-\u202e\u2066-\u2069]|&#(?:0|x0|8234|8235|8236|8237|8238|"
                          "8294|8295|8296|8297|x202[a-e]|x206[6-9]);", re.I)
    for path in ("articles/bidi", "articles", "actors/ada-moss", ""):
        html = (site / path / "index.html").read_text("utf-8")
        assert not controls.search(html), (path, controls.search(html))
    html = page(site, "articles/bidi")
    assert re.search(r"<h1[^>]*>Ballot evil count x<", html), html[:3000]
    assert "We will count every ballot" in html_module.unescape(html)
    css = re.sub(r"/\*.*?\*/", "", (site / "assets" / "sourcebook.css").read_text("utf-8"), flags=re.S)
    rule = re.search(r"([^{}]*)\{\s*unicode-bidi:\s*isolate;", css)
    assert rule and {".md-typeset h1", ".md-typeset a", ".sb-quote"} <= {s.strip() for s in rule.group(1).split(",")}


def test_a_speaker_named_in_another_script_gets_a_page(hostile):
    _, sites, _, _, _ = hostile
    for site in sites.values():
        pages = [p for p in (site / "actors").glob("x-*/index.html") if "Владимир Путин" in read_html(p)]
        assert len(pages) == 1


def test_generated_indexes_are_never_overwritten(hostile):
    _, sites, _, _, _ = hostile
    for site in sites.values():
        assert "<h1" in page(site, "articles") and "Articles" in page(site, "articles")
        assert "This page must not replace the index" in page(site, "articles/index-2")
        assert "Index Ward" in page(site, "actors")  # listed in the Actors index, which stays the index


@pytest.mark.parametrize("face", FACES)
def test_long_paragraphs_and_long_quotations_are_annotated_whole(hostile, face):
    _, sites, _, _, _ = hostile
    html = page(sites[face], "articles/long-paragraph")
    assert len(re.findall(r'class="sb-quote sb-quote--direct"', html)) == 8
    [quote] = records(sites[face])["long-quotation"]["quotes"]
    assert quote["kind"] == "direct" and quote["text"].startswith("Point 0 of the plan") and len(quote["text"]) > 15_000
    assert quote["speaker"]["actor"] == "ruth-vance"


@pytest.mark.parametrize("face", FACES)
def test_dense_quotes_in_one_paragraph_are_all_found(hostile, face):
    _, sites, _, _, _ = hostile
    quotes = records(sites[face])["dense"]["quotes"]
    assert [q["text"] for q in quotes] == [f"Point {n} stands," for n in range(DENSE)]
    assert {q["speaker"]["name"] for q in quotes} == {"Ada Moss"}


@pytest.mark.parametrize("face", FACES)
def test_duplicate_ids_never_take_a_real_id(hostile, face):
    _, sites, _, _, _ = hostile
    found = records(sites[face])
    assert found["dup"]["title"] == "The first dup" and found["dup-2"]["title"] == "The real dup-2"
    assert found["dup-3"]["title"] == "The second dup"


@pytest.mark.parametrize("face", FACES)
def test_metadata_of_every_type_is_published_as_strict_json(hostile, face):
    project, sites, _, _, _ = hostile
    site = sites[face]
    found = {}
    for line in (site / "data" / "annotations.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line, parse_constant=lambda c: pytest.fail(f"non-standard JSON constant {c}"))
        found[rec["id"]] = rec
    assert found["odd-metadata"]["metadata"] == {"updated": "2024-05-01", "authors": ["5"], "tags": ["a", "b"]}
    # Of the wrong type: told and left out, never garbled ("['a', 'b']", "None").
    assert found["wrong-types"]["title"] == "wrong-types" and found["wrong-types"]["metadata"] == {"authors": ["5"]}
    assert found["wrong-types-front"]["title"] == "Checked front matter"
    assert found["wrong-types-front"]["metadata"] == {"authors": ["5"]}
    assert str(project) not in (site / "data" / "annotations.jsonl").read_text("utf-8")
    assert found["good"]["source"] == "good.txt"
    for rec in found.values():
        for q in rec["quotes"]:
            if q["cue"]:
                assert rec["text"][q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]


def test_quotes_csv_cells_are_never_formulas(hostile):
    _, sites, _, _, _ = hostile
    for site in sites.values():
        rows = list(csv.DictReader(io.StringIO((site / "data" / "quotes.csv").read_text("utf-8"))))
        texts = [r["text"] for r in rows if r["article"] == "formula"]
        assert any(t.startswith("'=HYPERLINK") for t in texts)
        assert not any(v and v[0] in "=+-@" for r in rows for v in r.values())


@pytest.mark.parametrize("face", FACES)
def test_curated_actors_apply_around_the_bad_entries(hostile, face):
    _, sites, _, _, _ = hostile
    assert "Budget analyst." in page(sites[face], "actors/ada-moss")  # merge key `<<: *base` works, beside a complex key
    assert "hacked" not in page(sites[face], "actors/bo-li")
