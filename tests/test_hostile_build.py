"""Hostile input, second pass (issue 24): each case builds through the real CLI
(`python -m builder build`) and the real `mkdocs build`, and gives its outcome, a
message naming the file in the default output, the --strict exit code, and leaves
everything outside the site folder as it was."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli, make_project, mkdocs_build, snapshot, told

QUOTE = "“We will hold the line on taxes,” said Senator Ruth Vance."
LONG_ID = "id-" + "x" * 300
LONG_NAME = " ".join(["Bartholomew", *["Montgomery"] * 25, "Vance"])


def _page(date: str) -> str:
    body = "".join(f"<p>The council met on day {n} and talked about the budget for a long while.</p>" for n in range(6))
    return (f'<html><head><title>Council</title><meta property="article:published_time" content="{date}"></head>'
            f"<body><article><h1>Council</h1>{body}</article></body></html>")


# ---------------------------------------------------------------- one corpus of many cases, both faces

LEFT_OVER = ".sourcebook-data-999999999-abc"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mixed")
    seeds = {
        "good.txt": f"A good article\n\n{QUOTE}\n",
        "long-id.md": f"---\nid: {LONG_ID}\ntitle: A long id\n---\n\n{QUOTE}\n",
        "long-name.txt": f"A long name\n\n“We will stay,” said {LONG_NAME}.\n\n“We will go,” {LONG_NAME} said.\n",
        "UPPER.TXT": f"Upper case suffix\n\n{QUOTE}\n",
        "notes.markdown": f"---\ntitle: Markdown suffix\n---\n\n{QUOTE}\n",
        "repeated.txt": "Repeated lines\n\n“No comment,” said Ada Moss.\n\nThe hearing went on.\n\n"
                        "“No comment,” said Ada Moss.\n\nQ: Will you run?\n\nA: No.\n\nQ: Ever?\n\nA: No.\n",
        "bad\x1b[31mname\n.txt": b"\xff\xfe bad",
        "month.html": _page("2024-02"),
        "impossible.html": _page("2024-02-30"),
        "corpus.jsonl": "".join([
            json.dumps({"id": "-dash", "title": "\u200b=1+1", "text": QUOTE}) + "\n",
            *(json.dumps({"id": f"e{n}"}) + "\n" for n in range(40)),
        ]),
    }
    project = make_project(tmp, seeds)
    (project / "seeds" / "sub").mkdir()
    (project / "seeds" / "sub" / "nested.txt").write_text(f"A nested article\n\n{QUOTE}\n", "utf-8")
    secret = tmp / "secret.yml"
    secret.write_text("Top Secret Key:\n  aliases: [hidden-value]\n", "utf-8")
    (project / "seeds" / "actors.yml").symlink_to(secret)
    config = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs-strict.yml").write_text(config.replace("      strict: false\n", "      strict: true\n"), "utf-8")
    before = snapshot(project)
    out = {}
    for face in ("cli", "strict", "mkdocs-strict", "mkdocs"):
        # Left over by a killed build (its process is gone): each face removes it.
        left_over = project / LEFT_OVER
        left_over.mkdir()
        (left_over / "annotations.jsonl").write_text("{}", "utf-8")
        out[face] = (cli(project, "build") if face == "cli" else cli(project, "build", "--strict", "-q")
                     if face == "strict" else mkdocs_build(project, "-f", "mkdocs-strict.yml", check=False)
                     if face == "mkdocs-strict" else mkdocs_build(project))
        assert not left_over.exists(), face
        if face == "cli":
            (project / "site-cli").mkdir()
            os.rename(project / "site", project / "site-cli" / "site")
    return project, before, out


def test_both_faces_build_and_change_nothing_outside_the_site(mixed):
    project, before, out = mixed
    assert out["cli"].returncode == 0 and out["mkdocs"].returncode == 0, out["cli"].stderr
    after = snapshot(project)
    after = {k: v for k, v in after.items() if not k.startswith("site-cli")}
    assert after == before
    assert ".sourcebook-data-*/" in (Path(__file__).parent.parent / ".gitignore").read_text("utf-8").splitlines()


def test_strict_fails_on_both_faces_naming_the_files(mixed):
    project, _, out = mixed
    for face in ("strict", "mkdocs-strict"):
        err = out[face].stderr
        assert out[face].returncode == 1 if face == "strict" else out[face].returncode != 0
        for name in ("bad\\x1b[31mname\\n.txt", "impossible.html", "corpus.jsonl:2", "actors.yml"):
            assert f"{project / 'seeds'}/{name}" in err, (face, name, err)
        assert "Traceback" not in err and "\x1b" not in err


def test_the_summary_counts_agree(mixed):
    project, _, out = mixed
    for face, how in (("cli", r"(\d+) articles \(0 from the cache, (\d+) parsed\)"),
                      ("mkdocs", r"(\d+) articles \((\d+) from the cache, 0 parsed\)")):
        [(articles, counted)] = re.findall(how, out[face].stderr)
        assert articles == counted, out[face].stderr


@pytest.mark.parametrize("face", ["cli", "mkdocs"])
def test_a_long_id_or_name_gets_a_bounded_page_name(mixed, face):
    project, _, out = mixed
    site = project / ("site-cli/site" if face == "cli" else "site")
    names = [p.name for p in (site / "articles").iterdir()] + [p.name for p in (site / "actors").iterdir()]
    assert max(len(n.encode()) for n in names) <= 110
    assert any(n.startswith("id-xxxx") and len(n) <= 100 for n in names)
    assert any(n.startswith("bartholomew-montgomery") for n in names), names
    assert "File name too long" not in out[face].stderr


@pytest.mark.parametrize("face", ["cli", "mkdocs"])
def test_nested_upper_case_and_markdown_files_are_read(mixed, face):
    project, _, _ = mixed
    site = project / ("site-cli/site" if face == "cli" else "site")
    for slug in ("upper", "notes", "nested", "good", "repeated"):
        assert (site / "articles" / slug / "index.html").exists(), slug


@pytest.mark.parametrize("face", ["cli", "mkdocs"])
def test_repeated_quotations_and_answers_are_not_debris(mixed, face):
    project, _, _ = mixed
    site = project / ("site-cli/site" if face == "cli" else "site")
    records = {json.loads(l)["id"]: json.loads(l) for l in
               (site / "data" / "annotations.jsonl").read_text("utf-8").splitlines()}
    text = records["repeated"]["text"]
    assert text.count("“No comment,” said Ada Moss.") == 2 and text.count("A: No.") == 2


def test_the_cli_prints_each_skipped_file_and_a_summary(mixed):
    project, _, out = mixed
    err = out["cli"].stderr
    assert "skipped " + str(project / "seeds") + "/bad\\x1b[31mname\\n.txt: not valid UTF-8" in err, err
    assert "\x1b" not in err and all(len(line) <= 320 for line in err.splitlines())
    assert "a symbolic link to a file outside the seeds directory; not read" in err
    assert "Top Secret" not in err and "hidden-value" not in err
    summary = [l for l in err.splitlines() if "sourcebook: " in l and " quotes, " in l]
    assert len(summary) == 1 and re.search(r"\d+ articles .* \d+ problems, 1 warning in [\d.]+ s", summary[0])
    assert summary[0].endswith(f"site: {project / 'site'}")
    folded = [l for l in err.splitlines() if "corpus.jsonl:2: bad record: no 'text' field" in l]
    assert len(folded) == 1 and "[40 times (lines 2, 3, 4, …)]" in folded[0], err
    assert out["strict"].returncode == 1 and out["strict"].stderr.count("\n") < 10
    assert "corpus.jsonl" in out["strict"].stderr  # -q after the subcommand: errors only


def test_mkdocs_prints_the_same_messages(mixed):
    project, _, out = mixed
    err = out["mkdocs"].stderr
    assert "skipped " + str(project / "seeds") + "/bad\\x1b[31mname\\n.txt: not valid UTF-8" in err and "\x1b" not in err
    assert "a symbolic link to a file outside the seeds directory; not read" in err
    assert "Top Secret" not in err and "hidden-value" not in err
    assert all(len(line) <= 320 for line in err.splitlines())
    folded = [l for l in err.splitlines() if "corpus.jsonl:2: bad record: no 'text' field" in l]
    assert len(folded) == 1 and "[40 times (lines 2, 3, 4, …)]" in folded[0], err


@pytest.mark.parametrize("face", ["cli", "mkdocs"])
def test_csv_cells_are_never_formulas_and_ids_join(mixed, face):
    project, _, _ = mixed
    site = project / ("site-cli/site" if face == "cli" else "site")
    rows = list(csv.DictReader(io.StringIO((site / "data" / "quotes.csv").read_text("utf-8"))))
    row = next(r for r in rows if r["article"] == "-dash")  # the id as in the JSON Lines
    assert row["title"] == "'\u200b=1+1"
    records = [json.loads(l) for l in (site / "data" / "annotations.jsonl").read_text("utf-8").splitlines()]
    assert "-dash" in {r["id"] for r in records}
    assert "hidden-value" not in (site / "data" / "annotations.jsonl").read_text("utf-8")


def test_a_month_stays_a_month_and_an_impossible_day_is_dropped(mixed):
    project, _, out = mixed
    for site in (project / "site", project / "site-cli" / "site"):
        records = {json.loads(l)["id"]: json.loads(l) for l in
                   (site / "data" / "annotations.jsonl").read_text("utf-8").splitlines()}
        assert records["month"]["metadata"]["date"] == "2024-02"
        assert "date" not in records["impossible"]["metadata"]
    message = f"{project / 'seeds' / 'impossible.html'}: date 2024-02-30 is not a day of the calendar; left out"
    assert message in out["cli"].stderr and message in out["mkdocs"].stderr


@pytest.mark.parametrize("value", ["\u3000=1", "\ufeff=1", "\u200b+1", " @x", "＝1", "\t-1", "=1"])
def test_formula_cells_behind_invisible_characters_are_neutralised(value):
    from builder.export import _cell

    assert _cell(value) == "'" + value and _cell("plain") == "plain"


# ---------------------------------------------------------------- settings

@pytest.mark.parametrize("value", ["-1", ".nan", "1e15", "100000", "0", "true", "'5'"])
@pytest.mark.parametrize("face", ["cli", "mkdocs"])
def test_a_bad_max_article_mb_is_refused_naming_the_setting(tmp_path, value, face):
    project = make_project(tmp_path, {"good.txt": f"Good\n\n{QUOTE}\n"})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      strict: false\n",
                                                        f"      strict: false\n      max_article_mb: {value}\n"), "utf-8")
    before = snapshot(project)
    runs = [cli(project, "build")] if face == "cli" else [mkdocs_build(project, check=False)]
    if value == "-1":  # and strict, once per face
        runs.append(cli(project, "build", "--strict") if face == "cli" else mkdocs_build(project, "--strict", check=False))
    for proc in runs:
        assert proc.returncode != 0
        assert "max_article_mb" in proc.stderr and "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr
    assert snapshot(project) == before and not (project / "site").exists()


def test_a_large_limit_is_not_allocated_by_each_read(tmp_path):
    from builder.read import read_article

    path = tmp_path / "a.txt"
    path.write_text(f"Title\n\n{QUOTE}\n", "utf-8")
    assert read_article(path, limit=10**12).title == "Title"  # 1 TB: read by chunks, never allocated


# ---------------------------------------------------------------- a fault of the build, not of each article

@pytest.mark.parametrize("face", ["cli", "mkdocs"])
def test_a_template_error_fails_the_build_with_its_cause(tmp_path, face):
    project = make_project(tmp_path, {"a.txt": f"One\n\n{QUOTE}\n", "b.txt": f"Two\n\n{QUOTE}\n"})
    template = project / "templates" / "article.md.j2"
    template.write_text("{{ no_such_name }}\n" + template.read_text("utf-8"), "utf-8")
    before = snapshot(project)
    for strict in ((), ("--strict",)):  # a fault of the build fails it, strict or not
        proc = cli(project, "build", *strict) if face == "cli" else mkdocs_build(project, *strict, check=False)
        assert proc.returncode != 0
        assert "rendering failed for every article" in proc.stderr and "'no_such_name' is undefined" in proc.stderr
        assert "article.md.j2, line 1" in proc.stderr and "Traceback" not in proc.stderr
        assert snapshot(project) == before


# ---------------------------------------------------------------- output folders that hold the inputs

@pytest.mark.parametrize("site_dir", ["seeds", "templates", "content", ".", "..", "seeds/out", "templates/overrides"])
@pytest.mark.parametrize("face", ["cli", "mkdocs"])
def test_a_site_dir_over_the_inputs_is_refused_before_anything_is_deleted(tmp_path, site_dir, face):
    project = make_project(tmp_path, {"good.txt": f"Good\n\n{QUOTE}\n"})
    (project / "seeds" / "actors.yml").write_text("Ruth Vance:\n  aliases: [Vance]\n", "utf-8")
    before = snapshot(project, site="none")
    strict = ("--strict",) if site_dir == "seeds" else ()  # and strict, once per face
    if face == "cli":
        runs = [cli(project, "build", "--site-dir", site_dir)]
        runs += [cli(project, "build", "--site-dir", site_dir, *strict)] if strict else []
    else:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("site_dir: site", f"site_dir: '{site_dir}'"), "utf-8")
        before = snapshot(project, site="none")
        runs = [mkdocs_build(project, check=False)] + ([mkdocs_build(project, *strict, check=False)] if strict else [])
    for proc in runs:
        assert proc.returncode != 0
        assert "site_dir" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(project, site="none") == before


# ---------------------------------------------------------------- what annotation warns of is counted

@pytest.mark.parametrize("face", ["cli", "mkdocs"])
def test_an_unclosed_quotation_mark_is_a_counted_warning_fatal_when_strict(tmp_path, face):
    project = make_project(tmp_path, {"open.txt": "Open\n\n“We will win, he said.\n\nThe end.\n"})
    config = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs-strict.yml").write_text(config.replace("      strict: false\n", "      strict: true\n"), "utf-8")
    before = snapshot(project)
    for run in range(2):  # parsed, then from the cache: told and counted both times
        proc = cli(project, "build") if face == "cli" else mkdocs_build(project, check=False)
        assert proc.returncode == 0
        lines = [line for line in proc.stderr.splitlines() if "unclosed quotation mark" in line]
        assert len(lines) == 1 and "open.txt" in lines[0], proc.stderr
        assert re.search(r"0 problems, 1 warning in", proc.stderr), proc.stderr
    strict = cli(project, "build", "--strict") if face == "cli" else mkdocs_build(project, "-f", "mkdocs-strict.yml", check=False)
    assert strict.returncode != 0 and "open.txt" in strict.stderr and "unclosed quotation mark" in strict.stderr
    assert snapshot(project) == before


# ---------------------------------------------------------------- a cache that cannot be written

def test_a_read_only_cache_is_read_told_once_and_counted_by_both_faces(tmp_path):
    from test_cache import read_only

    project = make_project(tmp_path, {"a.txt": f"One\n\n{QUOTE}\n", "b.txt": f"Two\n\n{QUOTE}\n"})
    config = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs-strict.yml").write_text(config.replace("      strict: false\n", "      strict: true\n"), "utf-8")
    assert cli(project, "build").returncode == 0  # fills the cache
    cache_dir = project / ".cache" / "sourcebook"
    before = snapshot(project)
    with read_only(cache_dir, *cache_dir.rglob("*")):
        for face in ("cli", "mkdocs"):
            proc = cli(project, "build") if face == "cli" else mkdocs_build(project, check=False)
            assert proc.returncode == 0, proc.stderr
            lines = [l for l in proc.stderr.splitlines() if "cannot write to the annotation cache" in l]
            assert len(lines) == 1 and str(cache_dir) in lines[0] and "it is read" in lines[0], proc.stderr
            assert re.search(r"2 articles \(2 from the cache, 0 parsed\).* 0 problems, 1 warning in", proc.stderr)
            strict = cli(project, "build", "--strict") if face == "cli" else \
                mkdocs_build(project, "-f", "mkdocs-strict.yml", check=False)
            assert strict.returncode != 0 and "cannot write to the annotation cache" in strict.stderr
    assert snapshot(project) == before
