"""Shared fixtures: the real spaCy pipeline (loaded once) and a real site build."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Builds run in subprocesses from other directories: they import this checkout's builder
# (not another one an editable install may point at).
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="session")
def nlp():
    from builder.annotate import DEFAULT_MODEL, load_pipeline

    return load_pipeline(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def annotate_text(nlp):
    """Annotate a raw text (paragraphs split on blank lines) and return the Article."""
    from builder.annotate import annotate
    from builder.read import paragraph_spans
    from builder.records import Article

    def run(text: str):
        text = textwrap.dedent(text).strip()
        return annotate(Article(id="t", title="t", source="test", text=text, paragraphs=paragraph_spans(text)), nlp)

    return run


def make_project(tmp: Path, seeds: dict[str, str | bytes], *, extra_config: str = "") -> Path:
    """A temporary Sourcebook project: the real templates and content, these seeds."""
    project = tmp / "project"
    project.mkdir()
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "content", project / "content")
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(config + extra_config, "utf-8")
    (project / "seeds").mkdir()
    for name, body in seeds.items():
        path = project / "seeds" / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body).lstrip(), "utf-8")
    return project


def mkdocs_build(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` in a project directory."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project, capture_output=True, text=True, timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=project, capture_output=True,
                          text=True, timeout=600)


def snapshot(project: Path, site: str = "site") -> dict[str, tuple[int, int]]:
    """Every file and folder outside the site folder and the annotation cache, with its size and mtime."""
    found = {}
    for folder, dirs, files in os.walk(project):
        rel = Path(folder).relative_to(project)
        if rel.parts[:1] in ((site,), (".cache",)):
            dirs[:] = []
            continue
        for name in dirs + files:
            if rel == Path(".") and name in (site, ".cache"):
                continue
            path = Path(folder, name)
            st = path.lstat()
            found[str(rel / name)] = (st.st_size if not path.is_dir() else 0, st.st_mtime_ns if not path.is_dir() else 0)
    return found


def told(stderr: str, file: Path | str, message: str) -> list[str]:
    """The lines of a build's output that name `file` (as the build prints it: control
    characters escaped) and say `message`."""
    from builder.report import safe

    return [line for line in stderr.splitlines() if safe(str(file)) in line and message in line]


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The shipped sample site, built once with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("sample") / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return out
