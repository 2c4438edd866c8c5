"""Site search with Pagefind: a chunked index written into the built site, loaded by
visitors in small pieces (material's search index is one file every visitor
downloads whole at the first search)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# Left out of the index: what material's search leaves out too (footnotes, quote lists),
# the tag cards (which repeat the tag), then marks that would clutter the excerpts: permalinks, footnote
# numbers and decorative icons.
EXCLUDE = ("[data-search-exclude]", ".sb-card", ".headerlink", ".footnote-ref", "[aria-hidden=true]")
OUTPUT = "pagefind"  # the bundle's folder in the site; the theme's search box loads it from there
UI_SCRIPT = "pagefind-component-ui.js"  # Pagefind's Component UI (1.5 and later)
BINARY_ENV = "PAGEFIND_BINARY_PATH"
# Pagefind's other search UIs and its result-page highlighter: the site loads none of them.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-highlight.js")


class SearchIndexError(Exception):
    """Pagefind could not be found, or failed on the built site."""


@dataclass(frozen=True)
class Indexed:
    """What Pagefind reports: pages and distinct words indexed, and the time it took."""
    pages: int
    words: int
    seconds: float


def find_binary() -> Path:
    """The Pagefind executable: $PAGEFIND_BINARY_PATH, the one the `pagefind-bin`
    package ships (a dependency), or `pagefind` on the PATH."""
    if os.environ.get(BINARY_ENV):
        path = Path(os.environ[BINARY_ENV])
        if not path.is_file():
            raise SearchIndexError(f"the Pagefind binary {path} (from ${BINARY_ENV}) does not exist")
        return path
    try:
        from pagefind_bin import get_executable
        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        pass
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if found:
        return Path(found)
    raise SearchIndexError('the Pagefind binary was not found: pip install "pagefind-bin>=1.5", '
                           f"put pagefind on the PATH or set ${BINARY_ENV} (or use the setting search: material)")


def index_site(site_dir: Path, *, timeout: float = 3600) -> Indexed:
    """Run Pagefind over a built site: it reads the pages' `data-pagefind-body` elements,
    leaves out `[data-search-exclude]`, and writes its bundle into `site_dir/pagefind/`."""
    binary = find_binary()
    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)  # no stale chunks after `mkdocs build --dirty`
    command = [str(binary), "--site", str(site_dir), "--output-subdir", OUTPUT]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    started = time.monotonic()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              encoding="utf-8", errors="replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind ({binary}) could not run: {exc}") from exc
    seconds = time.monotonic() - started
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 or not (site_dir / OUTPUT / "pagefind.js").is_file():
        tail = "\n".join(output.strip().splitlines()[-10:])
        raise SearchIndexError(f"Pagefind ({binary}) failed with status {proc.returncode} on {site_dir}:\n{tail}")
    if not (site_dir / OUTPUT / UI_SCRIPT).is_file():
        raise SearchIndexError(f"Pagefind ({binary}) wrote no {UI_SCRIPT}, the search box the pages load: "
                               "it is older than 1.5")
    for name in UNUSED:
        (site_dir / OUTPUT / name).unlink(missing_ok=True)
    return Indexed(pages=_count(r"Indexed (\d+) pages?", output), words=_count(r"Indexed (\d+) words?", output),
                   seconds=seconds)


def _count(pattern: str, output: str) -> int:
    found = re.search(pattern, output)
    return int(found.group(1)) if found else 0
