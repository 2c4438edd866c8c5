"""Publishing: `mkdocs gh-deploy` to a local bare repository, and the Pages workflow."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, make_project
from test_site import ARTICLES

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


def test_gh_deploy_to_a_bare_remote(tmp_path):
    project = make_project(tmp_path, ARTICLES)
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-qm", "site", cwd=project)
    git("remote", "add", "origin", str(remote), cwd=project)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--no-history"],
                          cwd=project, env=GIT_ENV, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    files = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    assert {".nojekyll", "index.html", "articles/harbor/index.html", "actors/ana-ortiz/index.html",
            "actors/index.html", "sources/index.html", "data/quotes.csv"} <= files


def test_pages_workflow_builds_strict_and_uses_the_official_actions():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    uses = {s["uses"].split("@")[0] for s in steps if "uses" in s}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages", "actions/configure-pages"} <= uses
    runs = " ".join(s.get("run", "") for s in steps)
    assert "pip install ." in runs and "mkdocs build --strict" in runs
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
