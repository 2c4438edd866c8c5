"""The attribution table shared by the rule families' test modules
(tests/test_rules_<family>.py, one per module of builder/annotate/rules/).

A row is (text, [(quote text, kind, speaker name, source kind, quote rule, speaker rule), ...]);
the speaker name is the source at its most informative mention ("she" →
"Nora Blake"). The rules are the names of the rule that found the quote in
its paragraph (`Candidate.rule`) and of the way the speaker's words there were
found (`Who.rule`), "" when the paragraph names no speaker for it (a
continuation, or the first part of a quote attributed in a later paragraph).
"""
from __future__ import annotations

import importlib
import textwrap

from builder.annotate.attribution import Candidate, attribute_paragraph
from builder.annotate.marks import find_quoted
from builder.read import paragraph_spans

# The rule families, as builder/annotate/rules/ has them; each has its test module.
FAMILIES = ("direct", "reports", "content", "according_to", "fragments", "headlines", "cuts")


def all_cases() -> list:
    """Every row of every family's table."""
    return [case for family in FAMILIES for case in importlib.import_module(f"test_rules_{family}").CASES]


def parse_paragraphs(nlp, text: str) -> list[tuple]:
    """Each paragraph of `text` (as `annotate` splits it), parsed, with its paired marks."""
    text = textwrap.dedent(text).strip()
    found = []
    for doc in nlp.pipe(text[p.start:p.end] for p in paragraph_spans(text)):
        quoted, _ = find_quoted(doc.text)
        found.append((doc, quoted))
    return found


def candidates(parsed: list[tuple]) -> list[tuple[str, Candidate]]:
    """(paragraph text, candidate) for every candidate of every parsed paragraph."""
    return [(doc.text, c) for doc, quoted in parsed for c in attribute_paragraph(doc, quoted)]


def check_annotation(annotate_text, text: str, expected: list[tuple]) -> None:
    """The article's quotes are the row's: words, kind, speaker name and source kind, with offsets that point at them."""
    article = annotate_text(text)
    got = [(q.text, q.kind, q.speaker.name, q.speaker.kind) for q in article.quotes]
    assert got == [e[:4] for e in expected]
    for q in article.quotes:
        sp = q.speaker
        assert article.text[q.start:q.end] == q.text
        assert article.text[sp.start:sp.end] == sp.text
        assert article.text[sp.name_start:sp.name_end] == sp.name


def check_rule_names(nlp, text: str, expected: list[tuple]) -> None:
    """Each paragraph's candidates carry the row's quote and speaker rules."""
    got = [(para[c.start:c.end], c.kind, c.rule, c.who.rule if c.who else "")
           for para, c in candidates(parse_paragraphs(nlp, text)) if c.kind != "source"]
    assert got == [(e[0], e[1], e[4], e[5]) for e in expected]
