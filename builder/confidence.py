"""How sure the annotator is of a quote (`confidence`: the span is a real quote) and of
its speaker (`speaker.confidence`: the speaker is right, given the span), in [0, 1].

Computed after annotation from the record alone: the rate of right answers among
quotes of the same kind and rule (and, for the speaker, its kind of source, the
rule that found its words and how they were resolved) on an annotated corpus, from
the table in `confidence_table.py`, fitted and checked by scripts/fit_confidence.py
(see content/quality.md). A bucket the corpus did not hold takes its coarser
bucket's rate. A quote the editors corrected is certain: 1.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from .confidence_table import TABLE
from .records import Quote


class Features(NamedTuple):
    kind: str
    rule: str
    source: str  # the speaker's kind of source
    speaker_rule: str
    resolution: str
    corrected: bool


def features(q: Quote | dict[str, Any]) -> Features:
    """The features of a Quote, or of a quote as exported (annotations.jsonl)."""
    if isinstance(q, dict):
        sp = q["speaker"]
        return Features(q["kind"], q["rule"], sp["kind"], sp["rule"], sp["resolution"], bool(q.get("corrected")))
    sp = q.speaker
    return Features(q.kind, q.rule, sp.kind, sp.rule, sp.resolution, q.corrected)


def quote_keys(f: Features) -> list[str]:
    """The quote's buckets, coarsest first: all, its kind, its kind and rule."""
    return ["*", f.kind, f"{f.kind}|{f.rule}"]


def speaker_keys(f: Features) -> list[str]:
    """The speaker's buckets, coarsest first: all, kind of source, the rule that
    found its words, how they were resolved, the rule that found the quote."""
    keys = ["*", f.source, f"{f.source}|{f.speaker_rule}", f"{f.source}|{f.speaker_rule}|{f.resolution}"]
    return keys + [f"{keys[-1]}|{f.rule}"]


def _rate(keys: list[str], rates: dict[str, list]) -> float:
    return next(rates[k][0] for k in reversed(keys) if k in rates)


def quote_confidence(q: Quote | dict[str, Any], table: dict = TABLE) -> float:
    """The chance that the span of `q` is a real quote."""
    f = features(q)
    return 1.0 if f.corrected else _rate(quote_keys(f), table["quote"])


def speaker_confidence(q: Quote | dict[str, Any], table: dict = TABLE) -> float:
    """The chance that the speaker of `q` is right, its span being right."""
    f = features(q)
    return 1.0 if f.corrected else _rate(speaker_keys(f), table["speaker"])
