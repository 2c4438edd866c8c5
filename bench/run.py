"""The scale benchmark: a corpus of N real news articles, built the ways users build it.

    .venv/bin/python bench/run.py --articles 1000 [--processes P] [--keep DIR] [--site-only]

The corpus cycles the 150 texts of ../shared/eval/dev.jsonl with distinct ids,
titles and dates (so no two articles share a cache entry) and is written as one
JSONL corpus file into a fresh project (this repository's mkdocs.yml, content
and templates). Every step runs in its own process, one after the other, on
this machine, so that the ratios compare like with like:

- raw: bare spaCy `nlp.pipe` over the same paragraphs with the same number of
  processes (model loading included, as it is in the next step);
- cold annotation: `python -m builder annotate --jsonl` with an empty cache;
- cold build: `mkdocs build` with an empty cache (its peak memory is reported);
- warm build: the same again, everything from the cache;
- one edit: one article changed, then `mkdocs build` (`one_edit_full_rebuild_s`), and
  another edit rebuilt with `mkdocs build --dirty`, the serve path (`one_edit_rebuild_s`),
  then one line added to corrections.yml, rebuilt the same way;
- Zensical: `python -m builder pages` then `zensical build`, first and after an edit;
- plain: the same generated pages written out as Markdown files and built by
  `mkdocs build` with the Sourcebook plugin off;
- first search: the search files a visitor's browser downloads from opening the
  home page to the first results of a query (headless Chromium; Pagefind's
  search box, or material's when the site is built with search: material).

`--site-only` runs the cold and warm builds, the site size and the first search
alone (for 10,000 articles, where the whole run takes hours); the builds use
every core (the n_process setting).

Prints a table, then one JSON object as its last line. Timings are wall-clock
and noisy; the ratios are the result.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}

RAW = """
import sys, json
from builder.annotate import DEFAULT_MODEL, load_pipeline
from builder.read import paragraph_spans
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = load_pipeline(DEFAULT_MODEL)
paragraphs = [t[p.start:p.end] for t in texts for p in paragraph_spans(t)]
for _ in nlp.pipe(paragraphs, batch_size=64, n_process=int(sys.argv[2])):
    pass
"""


def write_corpus(project: Path, n: int) -> int:
    """N articles cycling the dev texts, each with its own id, title, outlet and date; returns the words."""
    rows = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    words = 0
    with (project / "seeds" / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for i in range(n):
            row = rows[i % len(rows)]
            outlet, date, slug = (row["id"].split("_", 2) + ["", ""])[:3]
            year = int(date[:4]) + i // len(rows) if re.match(r"\d{4}-", date) else 2016
            record = {"id": f"{row['id']}-{i:05d}", "title": f"{slug.replace('-', ' ').capitalize()} ({i})",
                      "outlet": outlet, "date": f"{year}{date[4:]}" if date else "", "text": row["text"]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            words += len(row["text"].split())
    return words


def make_project(where: Path, n: int) -> tuple[Path, int]:
    project = where / "project"
    (project / "seeds").mkdir(parents=True)
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project, write_corpus(project, n)


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command; its wall time in seconds and peak memory in MB (GNU time)."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, env=ENV,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024


def plain_project(project: Path, where: Path) -> Path:
    """The site's generated pages as Markdown files, with the Sourcebook plugin off."""
    sys.path.insert(0, str(ROOT))
    import yaml
    from builder.build import build
    from builder.cache import CACHE_DIR
    from builder.plugin import HOME_MARKER
    result = build(project / "seeds", templates=project / "templates", cache_dir=project / CACHE_DIR)
    plain = where / "plain"
    shutil.copytree(project / "content", plain / "content")
    shutil.copytree(project / "templates", plain / "templates")  # the theme's overrides
    for path, text in result.site.pages.items():
        target = plain / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    home = plain / "content" / "index.md"
    home.write_text(home.read_text("utf-8").replace(HOME_MARKER, result.site.home), "utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8").replace("!!python", "#"))
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "sourcebook" in p)]
    config["plugins"] = ["search", *(p for p in config["plugins"] if p != "search")]  # plain MkDocs searches with material's
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    return plain


def site_kb(site: Path) -> float:
    return sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1000


def edit_one(project: Path, words: str = "This sentence was added by the benchmark") -> None:
    corpus = project / "seeds" / "corpus.jsonl"
    lines = corpus.read_text("utf-8").splitlines()
    row = json.loads(lines[0])
    row["text"] += f"\n\n“{words},” said Ann Lee."
    lines[0] = json.dumps(row, ensure_ascii=False)
    corpus.write_text("\n".join(lines) + "\n", "utf-8")


def first_correction(project: Path) -> str:
    """A corrections.yml entry giving the first article's first quote another speaker."""
    import yaml

    row = json.loads((project / "seeds" / "corpus.jsonl").read_text("utf-8").splitlines()[0])
    quote = re.search(r"“([^”]{20,})”", row["text"])
    words = " ".join(quote.group(1).split()[:6]) if quote else row["text"].split(".")[0]
    return yaml.safe_dump([{"article": row["id"], "quote": words, "all": True, "speaker": "A benchmark reader"}],
                          allow_unicode=True)


def zensical_times(project: Path, where: Path) -> dict:
    """Zensical on the pages folder (`python -m builder pages`): a first build, then one after
    an edit (the folder written again, only what changed); {} when Zensical is not installed."""
    zensical = Path(PYTHON).parent / "zensical"
    if not zensical.exists():
        return {}
    folder = where / "zensical"
    timed([PYTHON, "-m", "builder", "pages", str(folder)], project)
    build_s, _ = timed([str(zensical), "build"], folder)
    edit_one(project, "a third edit")
    pages_s, _ = timed([PYTHON, "-m", "builder", "pages", str(folder)], project)
    edit_s, _ = timed([str(zensical), "build"], folder)
    return {"zensical_build_s": round(build_s, 1), "zensical_one_edit_s": round(pages_s + edit_s, 1)}


# The search UIs a site may have: the element that shows it is there, the box to type
# into, a result, and the URLs of the search's own files (scripts, index, chunks).
SEARCH_UIS = {
    "pagefind": ("pagefind-searchbox", "pagefind-searchbox input", "pagefind-searchbox [role=option]",
                 re.compile(r"/pagefind/")),
    "material": (".md-search", "input.md-search__input", ".md-search-result__item",
                 re.compile(r"/search/|/workers/search\.")),
}


def first_search_kb(site: Path, query: str = "immigration") -> float:
    """KB of search files a browser downloads from opening the home page to the first
    results of a query typed into the site's search box (Pagefind's or material's).
    Counted from the page's opening, not from the typing: material's search fetches its
    whole index as the page loads, and Pagefind's box loads its script with the page."""
    from playwright.sync_api import sync_playwright
    server = subprocess.Popen([PYTHON, "-m", "http.server", "8765", "--bind", "127.0.0.1", "-d", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            context = browser.new_context()
            sizes: dict[str, int] = {}  # the context sees the search's web worker fetches too
            context.on("response", lambda r: sizes.setdefault(r.url, len(r.body())) if r.ok else None)
            page = context.new_page()
            page.goto("http://127.0.0.1:8765/", wait_until="networkidle")
            ui = next((name for name, (marker, *_) in SEARCH_UIS.items() if page.locator(marker).count()), None)
            if ui is None:
                raise SystemExit("first search: the site has no search box (neither Pagefind's nor material's)")
            _, box, result, files = SEARCH_UIS[ui]
            page.locator(box).click()
            page.locator(box).fill(query)
            page.locator(result).first.wait_for(timeout=120_000)
            page.wait_for_load_state("networkidle")
            browser.close()
        return sum(size for url, size in sizes.items() if files.search(url)) / 1000
    finally:
        server.terminate()


def measure_site(where: Path, n: int) -> dict:
    """The site steps alone (for large N, where the full run takes hours): cold and
    warm builds, peak memory, site size and the first search."""
    project, words = make_project(where, n)
    build = [PYTHON, "-m", "mkdocs", "build", "-q"]
    cold_build_s, peak_mb = timed(build, project)
    warm_s, warm_peak_mb = timed(build, project)
    kb = site_kb(project / "site")
    return {
        "articles": n, "words": words, "cold_build_s": round(cold_build_s, 1), "warm_build_s": round(warm_s, 1),
        "peak_rss_mb": round(peak_mb), "warm_peak_rss_mb": round(warm_peak_mb),
        "site_mb": round(kb / 1000, 1), "site_kb_per_article": round(kb / n, 1),
        "first_search_kb": round(first_search_kb(project / "site"), 1),
    }


def measure(where: Path, n: int, processes: int) -> dict:
    project, words = make_project(where, n)
    corpus = project / "seeds" / "corpus.jsonl"
    raw_s, _ = timed([PYTHON, "-c", RAW, str(corpus), str(processes)], project)
    cold_s, _ = timed([PYTHON, "-m", "builder", "annotate", "--jsonl", str(corpus),
                       "--processes", str(processes)], project)
    shutil.rmtree(project / ".cache")
    build = [PYTHON, "-m", "mkdocs", "build", "-q"]
    cold_build_s, peak_mb = timed(build, project)
    warm_s, _ = timed(build, project)
    kb = site_kb(project / "site")
    search_kb = first_search_kb(project / "site")
    edit_one(project)
    edit_s, _ = timed(build, project)
    # The serve path: after an edit, `mkdocs build --dirty` renders only the pages that changed.
    edit_one(project, "a second edit")
    dirty_s, _ = timed(build + ["--dirty"], project)
    (project / "seeds" / "corrections.yml").write_text(first_correction(project), "utf-8")
    corrections_s, _ = timed(build + ["--dirty"], project)
    zensical = zensical_times(project, where)
    plain = plain_project(project, where)
    plain_s, _ = timed([PYTHON, "-m", "mkdocs", "build", "-q"], plain)
    return {
        "articles": n, "words": words, "processes": processes,
        "raw_words_per_s": round(words / raw_s), "cold_words_per_s": round(words / cold_s),
        "ratio_cold_vs_raw": round(raw_s / cold_s, 3),
        "cold_build_s": round(cold_build_s, 1), "warm_build_s": round(warm_s, 1),
        "plain_build_s": round(plain_s, 1), "ratio_warm_vs_plain": round(warm_s / plain_s, 3),
        "one_edit_full_rebuild_s": round(edit_s, 1), "one_edit_rebuild_s": round(dirty_s, 1),
        "ratio_one_edit_vs_plain": round(dirty_s / plain_s, 3),
        "corrections_edit_rebuild_s": round(corrections_s, 1), **zensical, "peak_rss_mb": round(peak_mb),
        "site_kb_per_article": round(kb / n, 1), "first_search_kb": round(search_kb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="build here and keep the project (default: a temporary directory)")
    parser.add_argument("--site-only", action="store_true",
                        help="only the cold and warm builds, memory, size and first search (no ratios)")
    args = parser.parse_args()
    run = (lambda where: measure_site(where, args.articles)) if args.site_only else \
        (lambda where: measure(where, args.articles, args.processes))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=False)
        result = run(args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="sourcebook-bench-") as tmp:
            result = run(Path(tmp))
    width = max(map(len, result))
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
