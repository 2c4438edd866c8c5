"""`mkdocs build --dirty` (and `mkdocs serve --dirty`) renders only the pages whose
Markdown changed: the plugin writes its pages to a folder, each only when it changed."""
from __future__ import annotations

import filecmp
import textwrap
from pathlib import Path

import pytest

from conftest import make_project, mkdocs_build
from test_browser import REVIEW_SEEDS

pytestmark = pytest.mark.slow
EXTRA = {"ferry.md": """
    ---
    title: Ferry fares rise
    outlet: Metro Daily
    date: 2024-05-20
    ---

    “Fares go up in June,” said Transit Director Lena Wu.
"""}


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_dirty_build_after_one_edit_renders_what_changed_and_equals_a_full_build(tmp_path):
    project = make_project(tmp_path, {**REVIEW_SEEDS, **EXTRA})
    mkdocs_build(project, "--site-dir", "dirty")
    site = project / "dirty"
    untouched = {p: (site / p).stat().st_mtime_ns for p in ("guide/index.html", "articles/ferry/index.html",
                                                            "actors/lena-wu/index.html")}
    story = project / "seeds" / "school.md"
    story.write_text(story.read_text("utf-8").replace("Teachers deserve better", "Teachers deserve more"), "utf-8")
    mkdocs_build(project, "--dirty", "--site-dir", "dirty")
    mkdocs_build(project, "--site-dir", "full")
    dirty, full = tree(site), tree(project / "full")
    assert dirty.keys() == full.keys()
    assert [p for p in dirty if dirty[p] != full[p]] == []
    assert "Teachers deserve more" in dirty["articles/school/index.html"].decode("utf-8")
    assert {p: (site / p).stat().st_mtime_ns for p in untouched} == untouched  # not rendered again
