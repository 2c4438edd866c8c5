"""`mkdocs serve` rebuilds when a seed changes, and does not rebuild in a loop."""
from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


@contextlib.contextmanager
def serving(project, log_path):
    """`mkdocs serve` running in `project`; yields the site's base URL and the open log."""
    port = _free_port()
    log = open(log_path, "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/", log
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_serve_rebuilds_when_a_seed_changes(tmp_path):
    project = make_project(tmp_path, {"story.txt": "Old headline\n\n“First words,” said Ada Moss.\n"})
    with serving(project, tmp_path / "serve.log") as (base, log):
        url = base + "articles/story/"
        assert _wait_for(lambda: "Old headline" in (_get(url) or ""), 120), open(tmp_path / "serve.log").read()
        index = _get(base + "pagefind/pagefind-entry.json")  # the search index is built when serving too
        (project / "seeds" / "story.txt").write_text("New headline\n\n“Second words,” said Ada Moss.\n", "utf-8")
        assert _wait_for(lambda: "Second words" in (_get(url) or ""), 120), open(tmp_path / "serve.log").read()
        # … and again on each rebuild: its hash follows the content
        assert _wait_for(lambda: _get(base + "pagefind/pagefind-entry.json") not in (None, index), 60)
        assert json.loads(index)["languages"]["en"]["page_count"] > 3
        # Nothing is written into the watched folders, so no further rebuilds happen.
        time.sleep(4)
        log.seek(0)
        builds = log.read().count("Building documentation")
        time.sleep(6)
        log.seek(0)
        assert log.read().count("Building documentation") == builds


# (file, content, what the serve log then says of it, or "" when it builds): each once took
# the build down, or hung `mkdocs serve` on every request.
CRASHERS = [
    ("long-id.md", "---\nid: id-" + "x" * 300 + "\ntitle: A long id\n---\n\n“Long,” said Ada Moss.\n", ""),
    ("cyrillic.txt", "Talks\n\n\"We will not retreat,\" said Владимир Путин.\n", ""),
    ("dates.md", "---\ntitle: Dates\nupdated: 2024-05-01\nauthors: 5\nscore: .nan\n---\n\nBody text.\n",
     "'.nan' is not a finite number; left out"),
    ("actors.yml", "base: &base\n  type: person\nAda Moss:\n  <<: *base\nBo Li:\n  description: !!python/name:os.system\n",
     "unsupported tag !!python/name:os.system"),
    ("laughs.md", "---\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n---\n\nBody.\n",
     "no article body after the title"),
    ("surrogate.jsonl", '{"id": "sur\\ud800", "text": "\\u201cBad,\\u201d said Ada Moss."}\n', "a lone surrogate"),
]


def test_serve_keeps_serving_whatever_file_is_added(tmp_path):
    project = make_project(tmp_path, {"story.txt": "A headline\n\n“First words,” said Ada Moss.\n"})
    with serving(project, tmp_path / "serve.log") as (root, _):
        base = root + "articles/"
        assert _wait_for(lambda: "A headline" in (_get(base + "story/") or ""), 120), open(tmp_path / "serve.log").read()
        os.mkfifo(project / "seeds" / "pipe.txt")
        for n, (name, body, says) in enumerate(CRASHERS):
            (project / "seeds" / name).write_text(body, "utf-8")
            marker = f"After case {n}"
            (project / "seeds" / f"after-{n}.txt").write_text(f"{marker}\n\n“Still here,” said Ada Moss.\n", "utf-8")
            assert _wait_for(lambda: marker in (_get(f"{base}after-{n}/") or ""), 120), \
                f"{name}: " + open(tmp_path / "serve.log").read()[-3000:]
            if says:  # the problem is shown, naming the file
                log = open(tmp_path / "serve.log").read()
                assert any(str(project / "seeds" / name) in line and says in line for line in log.splitlines()), log[-3000:]
        log = open(tmp_path / "serve.log").read()
        assert f"{project / 'seeds' / 'pipe.txt'}: not a regular file" in log and "Traceback" not in log
        assert "File name too long" not in log
        long_page = set(re.findall(r'href="?(id-x{10}[^"/ >]*)/', _get(base) or ""))  # a bounded name
        assert len(long_page) == 1 and len(next(iter(long_page))) <= 100
        assert "Long" in (_get(f"{base}{next(iter(long_page))}/") or "")
