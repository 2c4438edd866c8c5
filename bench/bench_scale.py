"""Does annotation stay linear in an article's length?

Builds one synthetic article of N and then 5N paragraphs (quotes, pronouns and
a rotating cast of names) and prints, for each, annotate() time and actor
resolution time as ratios against bare spaCy parsing of the same paragraphs in
the same process. Flat ratios mean linear cost; a ratio that grows with the
article means a quadratic step somewhere.

    .venv/bin/python bench/bench_scale.py [N]
"""
from __future__ import annotations

import sys
import time

from builder.actors import resolve_actors
from builder.annotate import DEFAULT_MODEL, annotate, load_pipeline
from builder.read import paragraph_spans
from builder.records import Article

FIRST = ("Ann", "Bo", "Cy", "Dee", "Eve", "Finn", "Gus", "Hal")
LAST = ("Lee", "Park", "Moss", "Vance", "Webb", "Ortiz")


def article(paragraphs: int) -> Article:
    names = [f"{f} {l}" for f in FIRST for l in LAST]
    text = "\n\n".join(
        f"“Plan {i} will work,” said {names[i % len(names)]}. He added that the council would vote on Monday. "
        f"“We are ready,” she said." for i in range(paragraphs))
    return Article(id="long", title="long", source="long", text=text, paragraphs=paragraph_spans(text))


def main() -> None:
    base = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    nlp = load_pipeline(DEFAULT_MODEL)
    for n in (base, 5 * base):
        art = article(n)
        start = time.perf_counter()
        for _ in nlp.pipe(art.text[p.start:p.end] for p in art.paragraphs):
            pass
        bare = time.perf_counter() - start
        start = time.perf_counter()
        done = annotate(art, nlp)
        full = time.perf_counter() - start
        start = time.perf_counter()
        resolve_actors([done])
        actors = time.perf_counter() - start
        print(f"{n:>6} paragraphs, {len(art.text):>8} chars: bare spaCy {bare:6.1f} s (baseline)"
              f"  annotate ratio {full / bare:.2f}  actors ratio {actors / bare:.3f}")


if __name__ == "__main__":
    main()
