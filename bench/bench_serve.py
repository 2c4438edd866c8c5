"""How long a user of `mkdocs serve` waits: from saving a file to the page showing it.

    .venv/bin/python bench/bench_serve.py [--articles 150] [--keep DIR]

Writes the dev corpus (the 150 texts of ../shared/eval/dev.jsonl, as bench/run.py
does) into a fresh project, annotates it once (a cold `mkdocs build`, which fills
the cache), times a warm `mkdocs build`, then starts `mkdocs serve` and times,
each from the moment the file is saved to the moment the served page has the change
(`mkdocs serve --dirty`, as `make serve` runs it; `--full` for plain `mkdocs serve`):

- corrections: a line added to `seeds/corrections.yml` (a quote given another speaker);
- one edit: one article's text changed in the corpus file.

Prints a table, then one JSON object as its last line; the ratios against the
warm build of the same run are the result (wall times here are noisy).
"""
from __future__ import annotations

import argparse
import html
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ENV, PYTHON, edit_one, make_project, timed  # noqa: E402

MKDOCS = [PYTHON, "-m", "mkdocs"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, limit: float = 900) -> float:
    """Seconds until the page at `url` holds `needle`."""
    start = time.perf_counter()
    while needle not in fetch(url):
        if time.perf_counter() - start > limit:
            raise SystemExit(f"{url} never showed {needle!r}")
        time.sleep(0.1)
    return time.perf_counter() - start


def first_snippet(project: Path) -> tuple[str, str]:
    """(the served path of the first article page with a quote, that quote's "Correct this"
    entry with another speaker), as a user would copy it from the page."""
    for page in sorted((project / "site" / "articles").glob("*/index.html")):
        found = re.search(r'sb-fix__yaml\b[^>]*>(.*?)</code>', page.read_text("utf-8"), re.S)
        if found:
            entry = html.unescape(found.group(1))
            entry = re.sub(r"(?m)^  speaker: .*$", "  speaker: A benchmark reader\n  note: timed by the serve benchmark", entry)
            return f"articles/{page.parent.name}/", entry
    raise SystemExit("no quote to correct")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it")
    ap.add_argument("--full", action="store_true", help="serve without --dirty (every page rendered on a change)")
    args = ap.parse_args()
    where = args.keep or Path(tempfile.mkdtemp(prefix="sb-serve-"))
    project, _ = make_project(where, args.articles)
    cold, _ = timed(MKDOCS + ["build"], project)
    warm, _ = timed(MKDOCS + ["build"], project)
    page, entry = first_snippet(project)
    port = free_port()
    # As `make serve` runs it (--dirty: only pages whose Markdown changed are rendered again);
    # --full: every page, as plain `mkdocs serve`. (With --no-livereload MkDocs would not watch.)
    serve = subprocess.Popen(MKDOCS + ["serve", "--dev-addr", f"127.0.0.1:{port}"] + ([] if args.full else ["--dirty"]),
                             cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{page.lstrip('/')}"
    try:
        first = wait_for(url, "sb-quote")
        time.sleep(2)  # let the watcher settle after the first build
        (project / "seeds" / "corrections.yml").write_text(entry, "utf-8")
        corrections = wait_for(url, "timed by the serve benchmark")
        time.sleep(2)
        edit_one(project)
        edited = wait_for(f"http://127.0.0.1:{port}/data/annotations.jsonl", "added by the benchmark")
    finally:
        serve.terminate()
        serve.wait(timeout=60)
    result = {"articles": args.articles, "serve": "full" if args.full else "dirty", "cold_build_s": round(cold, 1), "warm_build_s": round(warm, 1),
              "serve_first_build_s": round(first, 1), "corrections_edit_s": round(corrections, 1),
              "one_edit_s": round(edited, 1), "ratio_corrections_vs_warm": round(corrections / warm, 2),
              "ratio_one_edit_vs_warm": round(edited / warm, 2)}
    for key, value in result.items():
        print(f"{key:28} {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
