"""Speaker-gender benchmark: a build's gender for the most quoted people against a hand-checked list.

    python bench/bench_gender.py [SEEDS_DIR]

SEEDS_DIR (default /tmp/dev/seeds) holds the 150 dev articles as Markdown seeds
(`python3 ../shared/eval/corpus.py DIR --as md`). The script runs
`builder.build.collect` on them (the annotation cache makes reruns fast) and
compares each listed person's gender with bench/gender_gold.yml. Reports
accuracy over the list (unknown counts as wrong), coverage (share decided) and
precision over the decided ones; lists the disagreements. Last line: JSON.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = Path(__file__).resolve().parent / "gender_gold.yml"


def main() -> None:
    from builder.build import collect
    from builder.cache import CACHE_DIR

    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/dev/seeds")
    gold = {name: gender for gender, names in yaml.safe_load(GOLD.read_text("utf-8")).items() for name in names}
    corpus = collect([seeds], cache_dir=seeds.parent / CACHE_DIR)
    found = {a.name: a.gender or "unknown" for a in corpus.actors if a.type == "person"}
    right = decided = 0
    for name, expected in sorted(gold.items()):
        got = found.get(name, "missing")
        decided += got in ("female", "male")
        right += got == expected
        if got != expected:
            print(f"  {name}: {got}, expected {expected}")
    result = {"people": len(gold), "accuracy": round(right / len(gold), 3), "coverage": round(decided / len(gold), 3),
              "precision": round(right / decided, 3) if decided else 0.0,
              "women_in_list": sum(g == "female" for g in gold.values())}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
