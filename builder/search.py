"""Site search with Pagefind: a chunked index written into the built site, loaded by
visitors in small pieces (material's search index is one file every visitor
downloads whole at the first search)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .search_order import stable_filters

# Left out of the index: what material's search leaves out too (footnotes, quote lists),
# the tag cards (which repeat the tag), then marks that would clutter the excerpts: permalinks, footnote
# numbers and decorative icons.
EXCLUDE = ("[data-search-exclude]", ".sb-card", ".headerlink", ".footnote-ref", "[aria-hidden=true]")
OUTPUT = "pagefind"  # the bundle's folder in the site; the theme's search box loads it from there
# Pagefind holds its whole index in memory while it writes it, about 0.4 MB per article
# page: a big site is indexed in parts of this many pages, one after another, each
# its own bundle (pagefind/part-2/, …) that the search box merges into one search.
PAGES_PER_INDEX = 2000
PARTS_LIST = "sourcebook-parts.json"  # names the bundles to merge, for assets/search-parts.js
UI_SCRIPT = "pagefind-component-ui.js"  # Pagefind's Component UI (1.5 and later)
BINARY_ENV = "PAGEFIND_BINARY_PATH"
# Pagefind's other search UIs and its result-page highlighter: the site loads none of them.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-highlight.js")


class SearchIndexError(Exception):
    """Pagefind could not be found, or failed on the built site."""


@dataclass(frozen=True)
class Indexed:
    """What Pagefind reports: pages and distinct words indexed (in its largest part),
    the time it took and the parts the index came in."""
    pages: int
    words: int
    seconds: float
    parts: int = 1


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


def index_site(site_dir: Path, *, pages_per_index: int = PAGES_PER_INDEX, timeout: float = 3600) -> Indexed:
    """Run Pagefind over a built site: it reads the pages' `data-pagefind-body` elements,
    leaves out `[data-search-exclude]`, and writes its bundle into `site_dir/pagefind/`.
    A site of more than `pages_per_index` HTML files is indexed in parts, each a bundle
    of its own under `pagefind/part-N/`, listed in `pagefind/sourcebook-parts.json`."""
    binary = find_binary()
    bundle = site_dir / OUTPUT
    shutil.rmtree(bundle, ignore_errors=True)  # no stale chunks after `mkdocs build --dirty`
    for left in site_dir.glob(_TREE + "*"):  # left by a run that was killed
        shutil.rmtree(left, ignore_errors=True)
    pages = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*.html"))
    count = -(-len(pages) // max(pages_per_index, 1))  # parts needed
    if count > 1:
        # Pagefind indexes pages without data-pagefind-body only when no page has one:
        # a part must not be left with only such pages.
        pages = [p for p in pages if _BODY.search((site_dir / p).read_bytes())]
        count = -(-len(pages) // pages_per_index)
    # Every part takes every count-th page, so each holds a like mix of articles, actors
    # and the rest: Pagefind ranks a part's results by that part's word statistics.
    parts = [pages[i::count] for i in range(count)] if count > 1 else [pages]
    started = time.monotonic()
    if len(parts) == 1:
        done = [_run(binary, site_dir, bundle, timeout)]
    else:
        done = [_run_part(binary, site_dir, part, bundle if n == 1 else bundle / f"part-{n}", timeout)
                for n, part in enumerate(parts, 1)]
    if not (bundle / UI_SCRIPT).is_file():
        raise SearchIndexError(f"Pagefind ({binary}) wrote no {UI_SCRIPT}, the search box the pages load: "
                               "it is older than 1.5")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    merged = [f"part-{n}/" for n in range(2, len(parts) + 1)]
    for sub in merged:  # a merged bundle needs its index only: the page loads the first bundle's scripts
        for name in (*UNUSED, UI_SCRIPT, UI_SCRIPT.replace(".js", ".css")):
            (bundle / sub / name).unlink(missing_ok=True)
    (bundle / PARTS_LIST).write_text(json.dumps(merged) + "\n", "utf-8")
    for folder in (bundle, *(bundle / sub for sub in merged)):
        stable_filters(folder)
    return Indexed(pages=sum(p for p, _ in done), words=max(w for _, w in done),
                   seconds=time.monotonic() - started, parts=len(done))


_BODY = re.compile(rb"<[a-zA-Z][^>]*\sdata-pagefind-body[\s>=]")
_TREE = ".sourcebook-index-"  # a part's pages, linked into a folder of their own while Pagefind reads them


def _run_part(binary: Path, site_dir: Path, pages: list[Path], output: Path, timeout: float) -> tuple[int, int]:
    """Index `pages` (paths in the site) alone, into the bundle `output`. Pagefind
    reads a folder, so the part's pages are hard-linked (else copied) into one."""
    tree = Path(tempfile.mkdtemp(prefix=_TREE, dir=site_dir))
    try:
        for page in pages:
            (tree / page).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / page, tree / page)
            except OSError:
                shutil.copyfile(site_dir / page, tree / page)
        return _run(binary, tree, output, timeout)
    finally:
        shutil.rmtree(tree, ignore_errors=True)


def _run(binary: Path, site: Path, output: Path, timeout: float) -> tuple[int, int]:
    """Run Pagefind on the pages in `site`, writing the bundle `output`; the pages
    and distinct words it reports."""
    command = [str(binary), "--site", str(site), "--output-path", str(output)]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              encoding="utf-8", errors="replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind ({binary}) could not run: {exc}") from exc
    said = proc.stdout + proc.stderr
    if proc.returncode != 0 or not (output / "pagefind.js").is_file():
        tail = "\n".join(said.strip().splitlines()[-10:])
        raise SearchIndexError(f"Pagefind ({binary}) failed with status {proc.returncode} on {site}:\n{tail}")
    return _count(r"Indexed (\d+) pages?", said), _count(r"Indexed (\d+) words?", said)


def _count(pattern: str, output: str) -> int:
    found = re.search(pattern, output)
    return int(found.group(1)) if found else 0
