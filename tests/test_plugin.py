"""The MkDocs plugin: paths checked up front, problems logged through MkDocs, strict mode."""
from __future__ import annotations

import shutil

import pytest

from conftest import make_project, mkdocs_build

STORY = "A headline\n\n“We are ready for the storm,” said Ada Moss.\n"


@pytest.mark.parametrize("replace", [shutil.rmtree, lambda p: (shutil.rmtree(p), p.write_text("x"))],
                         ids=["missing", "a-file"])
def test_a_bad_seeds_path_is_a_configuration_error_naming_it(tmp_path, replace):
    project = make_project(tmp_path, {"story.txt": STORY})
    replace(project / "seeds")
    proc = mkdocs_build(project, check=False)
    assert proc.returncode != 0
    assert f"option 'seeds': The path '{project / 'seeds'}' isn't an existing directory" in proc.stderr
    assert not (project / "site").exists()


def test_problems_are_logged_by_the_plugin_logger_and_do_not_fail_strict_mkdocs(tmp_path):
    project = make_project(tmp_path, {"story.txt": STORY, "bad.txt": b"\xff"})
    proc = mkdocs_build(project, "--strict")
    assert f"INFO    -  sourcebook: skipped {project / 'seeds' / 'bad.txt'}: not valid UTF-8" in proc.stderr
    assert "INFO    -  sourcebook: 1 articles, 1 actors" in proc.stderr
    assert (project / "site" / "articles" / "story" / "index.html").exists()
