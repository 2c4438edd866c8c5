"""Where the annotator loses quotes, by kind: a failure-class table for both splits.

    python scripts/misses.py GOLD.jsonl PRED.jsonl [GOLD.jsonl PRED.jsonl ...]

PRED is what `python -m builder annotate --jsonl GOLD` prints. Each gold quote is
matched as the corpus scorer matches (one to one, Jaccard of the character spans
>= 0.5, `score.py` next to the gold file) and counted once, by its gold kind, as:

- missed: no predicted quote overlaps it at all;
- boundary: predictions overlap it, but none matches (Jaccard < 0.5);
- speaker: matched, and the scorer does not accept the speaker;
- right: matched with an accepted speaker.

False alarms are predictions that match no gold quote (nor, as the scorer allows,
an `other_attributions` entry), by predicted kind. Prints one Markdown table per
pair of files.
"""
from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

KINDS = ("direct", "indirect", "mixed")


def _scorer(gold: Path):
    spec = importlib.util.spec_from_file_location("score", gold.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def misses(gold_path: Path, pred_path: Path) -> tuple[Counter, Counter]:
    """(counts by (gold kind, outcome), false alarms by predicted kind)."""
    sc = _scorer(gold_path)
    gold, pred = sc.load(gold_path), sc.load(pred_path)
    found, alarms = Counter(), Counter()
    for aid, g in gold.items():
        quotes = g.get("quotes", [])
        p = pred.get(aid, {})
        predicted = p.get("quotes", [])
        actors = {a["id"]: a for a in p.get("actors", [])}
        gspans = [(q["start"], q["end"]) for q in quotes]
        pspans = [(q["start"], q["end"]) for q in predicted]
        match = sc.greedy(gspans, pspans)
        by_gold = {gi: pi for pi, gi in match.items()}
        for gi, q in enumerate(quotes):
            kind = sc.norm_kind(q.get("kind"))
            if gi in by_gold:
                ok = sc.speaker_match(q, predicted[by_gold[gi]].get("speaker"), actors)
                found[kind, "right" if ok else "speaker"] += 1
            elif any(sc.jaccard(gspans[gi], s) > 0 for s in pspans):
                found[kind, "boundary"] += 1
            else:
                found[kind, "missed"] += 1
        others = [(o["start"], o["end"]) for o in g.get("other_attributions", [])]
        for pi, span in enumerate(pspans):
            if pi not in match and not any(sc.jaccard(o, span) >= sc.THRESH for o in others):
                alarms[sc.norm_kind(predicted[pi].get("kind"))] += 1
    return found, alarms


def table(found: Counter, alarms: Counter) -> str:
    rows = ["| gold kind | quotes | missed | boundary | speaker | right | false alarms (predicted kind) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for kind in (*KINDS, "all"):
        kinds = KINDS if kind == "all" else (kind,)
        n = {o: sum(found[k, o] for k in kinds) for o in ("missed", "boundary", "speaker", "right")}
        rows.append(f"| {kind} | {sum(n.values())} | {n['missed']} | {n['boundary']} | {n['speaker']} | {n['right']} "
                    f"| {sum(alarms[k] for k in kinds)} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    for gold, pred in zip(argv[::2], argv[1::2]):
        print(f"{gold} against {pred}:\n")
        print(table(*misses(Path(gold), Path(pred))))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
