"""Quotes whose annotated speaker is a named person: how many the build credits to that person.

    .venv/bin/python bench/bench_named.py [GOLD.jsonl ...]

Annotates the gold files together as one corpus (`python -m builder annotate`, so
actors are resolved across all of them, as on a site built from them; the cache
makes reruns fast), matches each gold quote to the predicted quote it overlaps
most (Jaccard of the character spans ≥ 0.5, as the corpus scorer does) and, for
the gold quotes whose speaker is written as a name (one of its aliases reads as a
proper name and is no pronoun), counts the matched quotes:

- credited: the quote's actor, or one of its joint speakers, holds one of the
  gold speaker's names (its name or an alias; a surname matches a full name);
- unattributed: the quote has no actor;
- other: it has another actor.

Prints the counts and, as its last line, one JSON object. Evaluation data only:
the builder never reads the gold files' annotations.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"

from builder.names import clean_name, looks_like_name  # noqa: E402

PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "his", "her", "him", "them"}


def _names(aliases: list[str]) -> set[str]:
    return {clean_name(a).casefold() for a in aliases
            if a.strip().lower() not in PRONOUNS and looks_like_name(a)}


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _holds(actor: dict, names: set[str]) -> bool:
    forms = {f.casefold() for f in (actor["name"], *actor["aliases"])}
    surnames = {f.split()[-1] for f in forms if f.split()}
    return bool(forms & names) or any(n in surnames or n.split()[-1] in surnames for n in names if n)


def main() -> None:
    golds = [Path(p) for p in sys.argv[1:]] or [EVAL / "dev.jsonl", EVAL / "train.jsonl"]
    out = subprocess.run([sys.executable, "-m", "builder", "annotate", *map(str, golds)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    predicted = {rec["id"]: rec for rec in map(json.loads, out.splitlines())}
    counts = {"named": 0, "matched": 0, "credited": 0, "unattributed": 0, "other": 0}
    for gold in golds:
        for line in gold.read_text("utf-8").splitlines():
            art = json.loads(line)
            rec = predicted.get(art["id"])
            if rec is None:
                continue
            actors = {a["id"]: a for a in rec["actors"]}
            for q in art["quotes"]:
                names = _names(q.get("speaker_aliases") or [q["speaker"]])
                if not names:
                    continue
                counts["named"] += 1
                best = max(rec["quotes"], key=lambda p: _jaccard((q["start"], q["end"]), (p["start"], p["end"])),
                           default=None)
                if best is None or _jaccard((q["start"], q["end"]), (best["start"], best["end"])) < 0.5:
                    continue
                counts["matched"] += 1
                speaker = best["speaker"]
                ids = [i for i in (speaker.get("actor"), *speaker.get("also", [])) if i]
                if not ids:
                    counts["unattributed"] += 1
                elif any(i in actors and _holds(actors[i], names) for i in ids):
                    counts["credited"] += 1
                else:
                    counts["other"] += 1
    for key, value in counts.items():
        print(f"  {key:<14}{value:>7}")
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
