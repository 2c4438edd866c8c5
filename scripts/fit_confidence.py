"""Fit the confidence table (builder/confidence_table.py) on one annotated split and check it on another.

    python scripts/fit_confidence.py [--fit ../shared/eval/dev.jsonl] [--check ../shared/eval/train.jsonl]
                                     [--fit-pred P.jsonl] [--check-pred P.jsonl] [--write]

Each split is annotated with `python -m builder annotate --jsonl` (or read from
--*-pred files made that way). Every predicted quote is labelled by the corpus's
own scorer (../shared/eval/score.py): its span is right when it matches a gold
quote (Jaccard >= 0.5; predictions matching only an `other_attributions` entry are
left out), its speaker is right when, span matched, the scorer accepts the speaker's resolved
name or actor (as `make eval`'s "resolved names only" line: a pronoun counts as
right only when the person it is taken for is).
The rate of right answers is counted per feature bucket (see builder/confidence.py),
shrunk toward the coarser bucket. Prints the expected calibration error (10 equal
bins) and a reliability table for both splits; --write replaces the table.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"

from builder import confidence  # noqa: E402

SHRINK = 10  # weight, in quotes, of the coarser bucket's rate
BINS = 10


def scorer(gold: Path):
    spec = importlib.util.spec_from_file_location("score", gold.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predictions(gold: Path, pred: Path | None) -> Path:
    if pred is not None:
        return pred
    out = Path(tempfile.mkdtemp()) / f"{gold.stem}.pred.jsonl"
    with out.open("w") as f:
        subprocess.run([sys.executable, "-m", "builder", "annotate", "-q", "--jsonl", str(gold)],
                       stdout=f, check=True, cwd=ROOT)
    return out


def labelled(gold_path: Path, pred_path: Path) -> list[tuple[dict, bool, bool | None]]:
    """(predicted quote, span right, speaker right or None when the span is wrong)."""
    score = scorer(gold_path)
    gold, pred = score.load(gold_path), score.load(pred_path)
    out = []
    for aid, p in pred.items():
        g = gold.get(aid)
        if g is None:
            continue
        gq = g.get("quotes", [])
        spans = [(q["start"], q["end"]) for q in gq]
        others = [(q["start"], q["end"]) for q in g.get("other_attributions", [])]
        actors = {a["id"]: a for a in p.get("actors", [])}
        match = score.greedy(spans, [(q["start"], q["end"]) for q in p["quotes"]])
        for i, q in enumerate(p["quotes"]):
            if i not in match and any(score.jaccard(o, (q["start"], q["end"])) >= score.THRESH for o in others):
                continue
            hit = i in match
            # The speaker as a reader meets it: its resolved name and actor, not the words at the
            # attribution ("he" matches a gold "he" even when it is taken for the wrong man).
            shown = {"name": q["speaker"]["name"], "actor": q["speaker"]["actor"]}
            out.append((q, hit, score.speaker_match(gq[match[i]], shown, actors) if hit else None))
    return out


def fit(rows: list[tuple[dict, bool, bool | None]]) -> dict:
    """Rates by bucket, each finer bucket shrunk toward its coarser one."""
    table = {}
    for what, keys, pick in (("quote", confidence.quote_keys, lambda r: r[1]),
                             ("speaker", confidence.speaker_keys, lambda r: r[2])):
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for row in rows:
            right = pick(row)
            if right is None:
                continue
            for key in keys(confidence.features(row[0])):
                counts[key][0] += right
                counts[key][1] += 1
        rates = {}
        for key in sorted(counts, key=lambda k: k.count("|")):  # coarse first: "*", then finer
            right, n = counts[key]
            parent = rates.get(key.rsplit("|", 1)[0]) if "|" in key else rates.get("*")
            prior = parent[0] if parent else right / n
            rates[key] = [round((right + SHRINK * prior) / (n + SHRINK), 3), n]
        table[what] = rates
    return table


def reliability(pairs: list[tuple[float, bool]]) -> tuple[float, list[tuple[str, int, float, float]]]:
    """Expected calibration error over BINS equal-width bins, and the table rows."""
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for conf, right in pairs:
        bins[min(int(conf * BINS), BINS - 1)].append((conf, right))
    rows, ece = [], 0.0
    for b in sorted(bins):
        items = bins[b]
        mean = sum(c for c, _ in items) / len(items)
        rate = sum(r for _, r in items) / len(items)
        ece += len(items) / len(pairs) * abs(mean - rate)
        rows.append((f"{b / BINS:.1f}–{(b + 1) / BINS:.1f}", len(items), mean, rate))
    return ece, rows


def check(rows: list[tuple[dict, bool, bool | None]], table: dict, name: str) -> dict:
    report = {}
    for what, pick, conf in (("quote", lambda r: r[1], confidence.quote_confidence),
                             ("speaker", lambda r: r[2], confidence.speaker_confidence)):
        pairs = [(conf(r[0], table), pick(r)) for r in rows if pick(r) is not None]
        ece, table_rows = reliability(pairs)
        report[what] = ece
        print(f"\n{name}: {what} confidence, {len(pairs)} quotes, ECE {ece:.3f}")
        print("| confidence | quotes | mean confidence | right |\n|---|---:|---:|---:|")
        for label, n, mean, rate in table_rows:
            print(f"| {label} | {n} | {mean:.2f} | {rate:.2f} |")
    # Where to look first: the least confident tenth of quotes against the rest (quote and speaker both right).
    both = sorted(((confidence.quote_confidence(r[0], table) * confidence.speaker_confidence(r[0], table),
                    bool(r[1] and r[2])) for r in rows), key=lambda x: x[0])
    tenth = max(1, len(both) // 10)
    low, rest = both[:tenth], both[tenth:]
    low_err = 1 - sum(r for _, r in low) / len(low)
    rest_err = 1 - sum(r for _, r in rest) / len(rest)
    print(f"{name}: least confident 10%: error rate {low_err:.2f}; the rest: {rest_err:.2f} "
          f"({low_err / rest_err:.1f}×)")
    return report


def _compact(table: dict) -> str:
    """The table as Python, one bucket a line."""
    lines = ["{"]
    for what, rates in table.items():
        lines.append(f"    {what!r}: {{")
        lines += [f"        {key!r}: {value!r}," for key, value in sorted(rates.items())]
        lines.append("    },")
    return "\n".join(lines + ["}"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fit", type=Path, default=EVAL / "dev.jsonl")
    parser.add_argument("--check", type=Path, default=EVAL / "train.jsonl")
    parser.add_argument("--fit-pred", type=Path)
    parser.add_argument("--check-pred", type=Path)
    parser.add_argument("--write", action="store_true", help="replace builder/confidence_table.py")
    args = parser.parse_args()
    fitted_rows = labelled(args.fit, predictions(args.fit, args.fit_pred))
    checked_rows = labelled(args.check, predictions(args.check, args.check_pred))
    table = fit(fitted_rows)
    check(fitted_rows, table, f"{args.fit.name} (fitted)")
    check(checked_rows, table, f"{args.check.name} (held out)")
    if args.write:
        source = (f'"""The confidence table: rates of right answers by feature bucket, fitted by\n'
                  f'scripts/fit_confidence.py on {args.fit.name} ({len(fitted_rows)} predicted quotes, PolNeAR,\n'
                  f'../shared/eval) and checked on {args.check.name}. Each entry: [rate, quotes seen].\n'
                  f'Refit after an annotator change: python scripts/fit_confidence.py --write."""\n\n'
                  f"TABLE = {_compact(table)}\n")
        (ROOT / "builder" / "confidence_table.py").write_text(source, "utf-8")
        print("\nwrote builder/confidence_table.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
