"""The MkDocs plugin: paths checked up front, problems logged through MkDocs, strict mode."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import make_project, mkdocs_build

STORY = "A headline\n\n“We are ready for the storm,” said Ada Moss.\n"


@pytest.mark.parametrize("replace", [shutil.rmtree, lambda p: (shutil.rmtree(p), p.write_text("x"))],
                         ids=["missing", "a-file"])
def test_a_bad_seeds_path_is_a_configuration_error_naming_it(tmp_path, replace):
    project = make_project(tmp_path, {"story.txt": STORY})
    replace(project / "seeds")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # run from another directory: the path is relative to mkdocs.yml, not to where mkdocs runs
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
                          cwd=elsewhere, capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    assert f"sourcebook: option 'seeds': {project / 'seeds'} is not a directory" in proc.stderr
    assert not (project / "site").exists() and not (elsewhere / "site").exists()


def test_seeds_relative_to_the_config_file(tmp_path):
    project = make_project(tmp_path, {"story.txt": STORY})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
                   cwd=elsewhere, capture_output=True, text=True, timeout=600, check=True)
    assert (project / "site" / "articles" / "story" / "index.html").exists()


def test_cli_seeds_option_wins_over_a_missing_configured_directory(tmp_path):
    project = make_project(tmp_path, {"story.txt": STORY})
    other = tmp_path / "other"
    (project / "seeds").rename(other)
    proc = subprocess.run([sys.executable, "-m", "builder", "build", "-f", "mkdocs.yml", "--seeds", str(other)],
                          cwd=project, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert (project / "site" / "articles" / "story" / "index.html").exists()


def test_problems_are_logged_by_the_plugin_logger_and_do_not_fail_strict_mkdocs(tmp_path):
    project = make_project(tmp_path, {"story.txt": STORY, "bad.txt": b"\xff"})
    proc = mkdocs_build(project, "--strict")
    assert f"INFO    -  sourcebook: skipped {project / 'seeds' / 'bad.txt'}: not valid UTF-8" in proc.stderr
    assert re.search(r"INFO    -  sourcebook: 1 article \(0 from the cache, 1 parsed\), \d+ quotes?, 1 actor \(1 with a page\), "
                     r"\d+ pages, 1 problem, 0 warnings in [\d.]+ s; site: .*site", proc.stderr), proc.stderr
    assert (project / "site" / "articles" / "story" / "index.html").exists()


def test_a_second_build_takes_every_article_from_the_cache(tmp_path):
    project = make_project(tmp_path, {"story.txt": STORY, "other.txt": "Other\n\n“We will see,” said Bo Li.\n"})
    mkdocs_build(project)
    proc = mkdocs_build(project)
    assert "sourcebook: 2 articles (2 from the cache, 0 parsed)" in proc.stderr


@pytest.mark.parametrize("fails", [False, True], ids=["built", "failed"])
def test_data_files_are_written_aside_then_copied_and_nothing_is_left_behind(tmp_path, fails):
    project = make_project(tmp_path, {"story.txt": STORY})
    if fails:  # a page that breaks the build after the data files were written
        (project / "content" / "broken.md").write_text("{{ oops", "utf-8")
        (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text("utf-8")
                                            + "hooks:\n  - broken_hook.py\n", "utf-8")
        (project / "broken_hook.py").write_text("def on_page_markdown(markdown, **kw):\n"
                                                 "    if '{{ oops' in markdown:\n        raise RuntimeError('broken page')\n"
                                                 "    return markdown\n", "utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "TMPDIR": str(temp)})
    assert (proc.returncode != 0) == fails, proc.stderr
    assert list(temp.iterdir()) == [] and list(project.glob(".sourcebook-data-*")) == []
    if not fails:
        data = project / "site" / "data"
        assert sorted(p.name for p in data.iterdir()) == ["annotations.jsonl", "quotes.csv", "sourcebook.sqlite"]
        assert '"id":"story"' in (data / "annotations.jsonl").read_text("utf-8")


def test_progress_lines_say_rate_and_time_left(caplog):
    import logging

    from builder.plugin import Progress

    import time

    progress = Progress(started=time.monotonic() - 5.0, every=0.0)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.sourcebook"):
        progress(0, 10, 0)  # nothing parsed yet: silent
        progress(5, 10, 5)
    [line] = [r.getMessage() for r in caplog.records]
    assert re.fullmatch(r"sourcebook: annotating: 5/10 articles, 1\.0 articles/s, about 5 s left", line)


def _search_config(project, *, setting: str, material_plugin: bool) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace("search: pagefind", f"search: {setting}")
    if material_plugin:
        text = text.replace("plugins:\n", "plugins:\n  - search\n", 1)
    config.write_text(text, "utf-8")


def test_search_material_keeps_materials_index_and_box(tmp_path):
    project = make_project(tmp_path, {"story.txt": STORY})
    _search_config(project, setting="material", material_plugin=True)
    mkdocs_build(project, "--strict")
    site = project / "site"
    assert (site / "search" / "search_index.json").is_file() and not (site / "pagefind").exists()
    html = (site / "index.html").read_text("utf-8")
    assert "md-search__input" in html and "pagefind" not in html and "data-pagefind-body" not in html
    # material's index holds the generated pages' text (the plugin holds their HTML compressed
    # until each page is written, and hands it back before any other plugin reads it)
    import json
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    article = " ".join(d["text"] for d in docs if d["location"].startswith("articles/"))
    assert "We are ready for the storm" in article


def test_search_material_without_materials_plugin_is_a_configuration_error(tmp_path):
    project = make_project(tmp_path, {"story.txt": STORY})
    _search_config(project, setting="material", material_plugin=False)
    proc = mkdocs_build(project, check=False)
    assert proc.returncode != 0
    assert "sourcebook: option 'search': 'material' needs material's search plugin: add '- search'" in proc.stderr


def test_pagefind_switches_materials_search_plugin_off(tmp_path):
    project = make_project(tmp_path, {"story.txt": STORY})
    _search_config(project, setting="pagefind", material_plugin=True)
    proc = mkdocs_build(project, "--strict")
    assert "sourcebook: search: Pagefind replaces material's search plugin, which is switched off" in proc.stderr
    assert re.search(r"INFO    -  sourcebook: search: Pagefind indexed \d+ pages \(\d+ distinct words\) in [\d.]+ s, 1 part\(s\)", proc.stderr)
    site = project / "site"
    assert (site / "pagefind" / "pagefind.js").is_file() and not (site / "search" / "search_index.json").exists()
    html = (site / "index.html").read_text("utf-8")
    assert "<pagefind-searchbox" in html and "md-search__input" not in html


def test_a_missing_pagefind_binary_fails_the_build_naming_it(tmp_path, monkeypatch):
    project = make_project(tmp_path, {"story.txt": STORY})
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))
    proc = mkdocs_build(project, check=False)
    assert proc.returncode != 0
    assert (f"sourcebook: search: pagefind: the Pagefind binary {tmp_path / 'no-pagefind'} "
            "(from $PAGEFIND_BINARY_PATH) does not exist") in proc.stderr


@pytest.mark.parametrize("option", ["small_sample_articles", "small_sample_people"])
def test_a_negative_small_sample_is_a_configuration_error_naming_it(tmp_path, option):
    project = make_project(tmp_path, {"story.txt": STORY})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "      search: pagefind", f"      search: pagefind\n      {option}: -1"), "utf-8")
    proc = mkdocs_build(project, check=False)
    assert proc.returncode != 0
    assert f"sourcebook: option '{option}': -1 is not 0 (mark nothing) or more" in proc.stderr
