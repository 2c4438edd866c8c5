"""Score the annotator on an annotated corpus (default: ../shared/eval/dev.jsonl).

    python scripts/evaluate.py [GOLD.jsonl] [--errors N]

Runs `python -m builder annotate --jsonl` and the corpus's own scorer, and
with --errors prints N speaker mismatches to look at.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--errors", type=int, default=0, help="print this many speaker errors")
    parser.add_argument("--kind", default=None, help="only errors of this gold kind")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"error: {args.gold}: no such file (the eval set lives in ../shared/eval)", file=sys.stderr)
        return 1
    scorer = args.gold.parent / "score.py"
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        with pred.open("w") as out:
            subprocess.run([sys.executable, "-m", "builder", "annotate", "--jsonl", str(args.gold)],
                           stdout=out, check=True, cwd=ROOT)
        subprocess.run([sys.executable, str(scorer), str(args.gold), str(pred)], check=True)
        names_only(scorer, args.gold, pred, Path(tmp) / "names.jsonl")
        if args.errors:
            show_errors(args.gold, pred, args.errors, args.kind)
    return 0


def names_only(scorer: Path, gold: Path, pred: Path, out: Path) -> None:
    """Score again with each speaker reduced to its resolved name (no written
    words, no actor): how often pronoun and "the official" resolution is right
    by the corpus's aliases."""
    with out.open("w") as f:
        for line in pred.open():
            rec = json.loads(line)
            for q in rec["quotes"]:
                q["speaker"] = q["speaker"]["name"]
            f.write(json.dumps(rec) + "\n")
    result = subprocess.run([sys.executable, str(scorer), str(gold), str(out)], check=True,
                            capture_output=True, text=True)
    numbers = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"resolved names only: speaker acc {numbers['speaker_acc']:.3f}, e2e F1 {numbers['e2e']['f1']:.3f}, "
          f"direct e2e F1 {numbers['by_kind']['direct']['e2e']['f1']:.3f}")


def _last(word: str) -> str:
    w = word.lower().strip(".,'’\"”“")
    return w[:-2] if w.endswith(("'s", "’s")) else w


def show_errors(gold_path: Path, pred_path: Path, limit: int, kind: str | None) -> None:
    preds = {json.loads(l)["id"]: json.loads(l) for l in pred_path.open()}
    shown = 0
    for line in gold_path.open():
        g = json.loads(line)
        p = preds.get(g["id"], {"quotes": [], "actors": []})
        names = {a["id"]: a["name"] for a in p.get("actors", [])}
        for gq in g["quotes"]:
            if kind and gq["kind"] != kind:
                continue
            for pq in p["quotes"]:
                inter = max(0, min(gq["end"], pq["end"]) - max(gq["start"], pq["start"]))
                union = max(gq["end"], pq["end"]) - min(gq["start"], pq["start"])
                if union and inter / union >= 0.5:
                    sp = pq["speaker"]
                    words = {_last(w) for w in (sp["text"] + " " + sp["name"] + " " + names.get(sp.get("actor"), "")).split()}
                    golds = [gq["speaker"]] + gq.get("speaker_aliases", [])
                    if not any(x.split() and _last(x.split()[-1]) in words for x in golds):
                        ctx = g["text"][max(0, gq["start"] - 150): gq["end"] + 80].replace("\n", " ")
                        print(f"--- {g['id']} [{gq['kind']}] gold={gq['speaker']!r} pred={sp['text']!r} name={sp['name']!r}\n    {ctx}")
                        shown += 1
                    break
            if shown >= limit:
                return


if __name__ == "__main__":
    sys.exit(main())
