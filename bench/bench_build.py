"""Build-speed benchmark: ratios against baselines run in this process, on this machine.

    python bench/bench_build.py [--articles N] [--repeat R]

1. Annotation: Sourcebook's `annotate()` against the bare spaCy pipeline
   (`nlp.pipe`) on the same paragraphs. The ratio is the cost of the
   attribution rules on top of parsing.
2. Site: `mkdocs build` of a site of N articles with the sourcebook plugin
   (annotation cache warm, as in `mkdocs serve`), against `mkdocs build` of
   the same texts as plain Markdown pages with no plugin. The ratio is the
   cost of the generated pages, actors and indexes.

Absolute times drift on shared machines; the ratios are what to compare.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

NAMES = ["Ana Ortiz", "Tom Reyes", "Lin Zhao", "Omar Diaz", "Rosa Vega", "Ivan Petrov", "Nora Blake", "Ada Moss"]


def synthetic_articles(n: int) -> dict[str, str]:
    """N articles made from the shipped seeds with their names varied, so actors differ."""
    from builder.read import read_seeds

    (sample, *_), _ = read_seeds(ROOT / "seeds")
    out = {}
    for i in range(n):
        text = sample.text
        for j, name in enumerate(("Richard Haass", "Chris Murphy", "Brendan Boyle")):
            text = text.replace(name, NAMES[(i + j) % len(NAMES)] + f" {chr(65 + i % 26)}")
        out[f"story-{i:04d}.txt"] = f"{sample.title} ({i})\n\n{text}\n"
    return out


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_annotation(articles: dict[str, str], repeat: int) -> None:
    from builder.annotate import DEFAULT_MODEL, annotate, load_pipeline
    from builder.read import paragraph_spans
    from builder.records import Article

    nlp = load_pipeline(DEFAULT_MODEL)
    records = [Article(id=k, title=k, source=k, text=v, paragraphs=paragraph_spans(v)) for k, v in articles.items()]
    paragraphs = [r.text[p.start:p.end] for r in records for p in r.paragraphs]
    baseline = timed(lambda: list(nlp.pipe(paragraphs)), repeat)
    ours = timed(lambda: [annotate(r, nlp) for r in records], repeat)
    print(f"annotation: {len(records)} articles, {len(paragraphs)} paragraphs")
    print(f"  bare spaCy pipe   {baseline:8.2f} s   (baseline)")
    print(f"  annotate()        {ours:8.2f} s   ratio {ours / baseline:.2f}")


def bench_site(articles: dict[str, str], repeat: int) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain = tmp / "plain"
        (plain / "content" / "articles").mkdir(parents=True)
        for name, text in articles.items():
            (plain / "content" / "articles" / (Path(name).stem + ".md")).write_text(text, "utf-8")
        (plain / "content" / "index.md").write_text("# Plain\n", "utf-8")
        (plain / "mkdocs.yml").write_text("site_name: Plain\ndocs_dir: content\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n", "utf-8")

        ours = tmp / "ours"
        ours.mkdir()
        shutil.copytree(ROOT / "templates", ours / "templates")
        shutil.copytree(ROOT / "content", ours / "content")
        shutil.copy(ROOT / "mkdocs.yml", ours / "mkdocs.yml")
        (ours / "seeds").mkdir()
        for name, text in articles.items():
            (ours / "seeds" / name).write_text(text, "utf-8")

        def run(project: Path) -> None:
            build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))

        import logging

        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        run(ours)  # warm the annotation cache, as `mkdocs serve` would be after its first build
        baseline = timed(lambda: run(plain), repeat)
        mine = timed(lambda: run(ours), repeat)
        pages = len(list((ours / "site").rglob("index.html")))
    print(f"site: {len(articles)} articles, {pages} pages in the Sourcebook site")
    print(f"  plain mkdocs build          {baseline:8.2f} s   (baseline)")
    print(f"  sourcebook build (warm)     {mine:8.2f} s   ratio {mine / baseline:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = synthetic_articles(args.articles)
    bench_annotation(articles, args.repeat)
    bench_site(articles, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
