"""Does annotation stay linear in an article's length? (issue 24)

Three checks, each a ratio against the same words in the same process, so a
busy machine moves both sides alike:

1. paragraphs: one synthetic article of N and then 5N paragraphs (quotes,
   pronouns, a rotating cast of names), annotate() time and actor resolution
   time against bare spaCy parsing of the same paragraphs. Flat ratios mean
   linear cost.
2. quotes in one paragraph: 250 … 4,000 short quotes (“Plan 7 will work,” said
   Ann Lee.) in ONE paragraph against the same words with the quotation marks
   removed. The ratio at the most quotes over the ratio at the fewest must stay
   within 1.5.
3. memory: the peak resident memory of annotating a one-paragraph article of
   about 1 MB against the same text in paragraphs, each in a child process of
   its own (its ru_maxrss, read by os.wait4; run before this process loads
   spaCy, since a child's count starts from its parent's), within 1.5. A child
   that only loads the pipeline and builds the text is shown as the floor.

    .venv/bin/python bench/bench_scale.py [N] [--quotes 250,500,1000,2000,4000] [--megabytes 1] [--skip ...]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from builder.actors import resolve_actors
from builder.annotate import DEFAULT_MODEL, annotate, load_pipeline
from builder.read import paragraph_spans
from builder.records import Article

FIRST = ("Ann", "Bo", "Cy", "Dee", "Eve", "Finn", "Gus", "Hal")
LAST = ("Lee", "Park", "Moss", "Vance", "Webb", "Ortiz")
NAMES = [f"{f} {l}" for f in FIRST for l in LAST]
LIMIT = 1.5  # the most a ratio may grow, and the most a one-paragraph peak may exceed the paragraphs' peak
QUOTES_PER_PARAGRAPH = 8  # in the memory check's "paragraphs" case


def article(paragraphs: int) -> Article:
    text = "\n\n".join(
        f"“Plan {i} will work,” said {NAMES[i % len(NAMES)]}. He added that the council would vote on Monday. "
        f"“We are ready,” she said." for i in range(paragraphs))
    return _article(text)


def _article(text: str) -> Article:
    return Article(id="long", title="long", source="long", text=text, paragraphs=paragraph_spans(text))


def quotes(count: int) -> list[str]:
    """`count` short direct quotes, each a sentence with its attribution."""
    return [f"“Plan {i} will work,” said {NAMES[i % len(NAMES)]}." for i in range(count)]


def unquoted(sentence: str) -> str:
    return sentence.replace("“", "").replace("”", "")


def _best(run, repeats: int):
    """The shortest of `repeats` timings of `run()` (the least disturbed by other work
    on the machine), and what the last run returned."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def check_paragraphs(nlp, base: int) -> None:
    print(f"== {base} and {5 * base} paragraphs: annotate and actors against bare spaCy")
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


def check_one_paragraph(nlp, counts: list[int]) -> bool:
    print("== quotes in ONE paragraph: annotate() of the quotes against the same words without quotation marks")
    print(f"{'quotes':>7} {'chars':>8} {'plain s':>8} {'quoted s':>9} {'ratio':>6} {'quotes found':>13}")
    ratios = []
    for count in counts:
        said = quotes(count)
        quoted, plain = _article(" ".join(said)), _article(" ".join(unquoted(s) for s in said))
        repeats = max(1, 1000 // count)
        plain_s, _ = _best(lambda: annotate(plain, nlp), repeats)
        quoted_s, done = _best(lambda: annotate(quoted, nlp), repeats)
        ratios.append(quoted_s / plain_s)
        print(f"{count:>7} {len(quoted.text):>8} {plain_s:>8.2f} {quoted_s:>9.2f} {ratios[-1]:>6.2f}"
              f" {len(done.quotes):>13}", flush=True)
    growth = ratios[-1] / ratios[0]
    ok = growth <= LIMIT
    print(f"VERDICT quotes-in-one-paragraph: ratio at {counts[-1]} / ratio at {counts[0]} = {growth:.2f}"
          f" (limit {LIMIT}): {'PASS' if ok else 'FAIL'}")
    return ok


def _memory_text(megabytes: float, one_paragraph: bool) -> str:
    said, size = [], 0
    for sentence in quotes(int(megabytes * 1_000_000) // 20):  # more than enough: each is over 20 characters
        if size >= megabytes * 1_000_000:
            break
        said.append(sentence)
        size += len(sentence) + 1
    if one_paragraph:
        return " ".join(said)
    return "\n\n".join(" ".join(said[i:i + QUOTES_PER_PARAGRAPH]) for i in range(0, len(said), QUOTES_PER_PARAGRAPH))


def _memory_child(case: str, megabytes: float) -> None:
    """Run in a child process: load the pipeline, build the text, annotate it unless `case` is "floor"."""
    nlp = load_pipeline(DEFAULT_MODEL)
    art = _article(_memory_text(megabytes, case == "one"))
    if case != "floor":
        done = annotate(art, nlp)
        print(f"{len(art.text)} chars, {len(art.paragraphs)} paragraph(s), {len(done.quotes)} quotes")


def _peak_mb(case: str, megabytes: float) -> tuple[float, float, str]:
    """Peak resident memory (MB) and wall time of one child process running `case`."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--memory-child", case, "--megabytes", str(megabytes)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not the max over all children
    child.stdout.close()
    if status != 0:
        raise RuntimeError(f"memory child {case!r} failed with status {status}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start, out.strip()  # ru_maxrss is in KB on Linux


def check_memory(megabytes: float) -> bool:
    print(f"== peak memory of a {megabytes:g}-MB article: one paragraph against the same text in paragraphs"
          f" of {QUOTES_PER_PARAGRAPH} quotes (a child process each)")
    peaks = {}
    for case in ("floor", "paragraphs", "one"):
        peak, wall, said = _peak_mb(case, megabytes)
        peaks[case] = peak
        print(f"{case:>11}: peak {peak:8.0f} MB  ({wall:6.1f} s)  {said}", flush=True)
    floor = peaks["floor"]
    ratio = peaks["one"] / peaks["paragraphs"]
    above = (peaks["one"] - floor) / max(peaks["paragraphs"] - floor, 1.0)
    ok = ratio <= LIMIT
    print(f"VERDICT memory: one-paragraph peak / paragraphs peak = {ratio:.2f} (limit {LIMIT}; above the"
          f" {floor:.0f}-MB floor {above:.2f}): {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", nargs="?", type=int, default=400, help="paragraphs in the first article of check 1")
    parser.add_argument("--quotes", default="250,500,1000,2000,4000", help="quote counts of check 2")
    parser.add_argument("--megabytes", type=float, default=1.0, help="article size of check 3")
    parser.add_argument("--skip", default="", help="checks to skip: paragraphs,quotes,memory")
    parser.add_argument("--memory-child", choices=("floor", "paragraphs", "one"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        _memory_child(args.memory_child, args.megabytes)
        return 0
    skip = set(filter(None, args.skip.split(",")))
    ok = True
    # Memory first, before this process loads spaCy: a child's ru_maxrss starts from its parent's at the fork.
    if "memory" not in skip:
        ok = check_memory(args.megabytes) and ok
    if not {"paragraphs", "quotes"} <= skip:
        nlp = load_pipeline(DEFAULT_MODEL)
        annotate(_article(" ".join(quotes(20))), nlp)  # warm up
        if "paragraphs" not in skip:
            check_paragraphs(nlp, args.base)
        if "quotes" not in skip:
            ok = check_one_paragraph(nlp, [int(c) for c in args.quotes.split(",")]) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
