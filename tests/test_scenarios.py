"""Golden scenarios: small sites whose expected records sit beside their seeds.

Each folder under tests/scenarios/ holds `seeds/` and `expected.json`: every
quote (text, offset, kind, rule, cue; the speaker as written, its name, kind,
rule, resolution, role, reason and actor), the actors with their curated
descriptions, and where each appears, as `collect()` gives them with the real
model. The file records what the code does, not what is ideal: review each
change to it like code. After
a deliberate change, regenerate with `SOURCEBOOK_UPDATE_GOLDEN=1 pytest
tests/test_scenarios.py` and review the diff like code.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from builder.build import collect
from builder.export import record
from builder.index import actors_present

SCENARIOS = sorted(p for p in (Path(__file__).parent / "scenarios").iterdir() if p.is_dir())


def _quote(q: dict) -> list:
    sp, cue = q["speaker"], q["cue"] or {}
    return [q["text"], q["start"], q["kind"], q["rule"], cue.get("text"), cue.get("start"),
            sp["text"], sp["start"], sp["name"], sp["name_start"], sp["kind"], sp["rule"], sp["resolution"],
            sp["role"], sp["reason"], sp["actor"]]


def summarise(folder: Path) -> dict:
    corpus = collect([folder / "seeds"])
    present = actors_present(corpus.articles, corpus.actors)
    out = {"problems": [str(p) for p in corpus.problems], "articles": {},
           "actors": [[a.id, a.name, a.type, a.description, list(a.aliases)] for a in corpus.actors]}
    for article in sorted(corpus.articles, key=lambda a: a.id):
        rec = record(article, present.get(article.id, []))
        out["articles"][article.id] = {
            "metadata": rec["metadata"],
            "quotes": [_quote(q) for q in rec["quotes"]],
            "actors": [[a["id"], [[m["start"], m["end"]] for m in a["mentions"]]] for a in rec["actors"]],
        }
    return out


def _dump(data: dict) -> str:
    """JSON with each list of plain values on one line, so a diff shows one quote per line."""
    text = json.dumps(data, indent=1, ensure_ascii=False)
    flat = re.sub(r"\[\n\s+([^\[\]{}]*?)\n\s+\]", lambda m: "[" + re.sub(r",\n\s+", ", ", m.group(1)) + "]", text)
    return flat + "\n"


@pytest.mark.parametrize("folder", SCENARIOS, ids=lambda p: p.name)
def test_scenario_matches_its_expected_records(folder, nlp):
    got = summarise(folder)
    expected_file = folder / "expected.json"
    if os.environ.get("SOURCEBOOK_UPDATE_GOLDEN"):
        expected_file.write_text(_dump(got), "utf-8")
    assert got == json.loads(expected_file.read_text("utf-8"))
