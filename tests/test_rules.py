"""Every named rule is checked: switching it off changes what the attribution
table (the rows of tests/test_rules_<family>.py) gets.

Each case is parsed once per session; only `attribute_paragraph` runs again
with a rule switched off.
"""
from __future__ import annotations

import importlib
import inspect
import re

import pytest

from builder.annotate import attribution, rules, speakers
from builder.annotate.attribution import PASSES, RULES, Candidate, attribute_paragraph, disabled_rules
from builder.annotate.speakers import DISABLED, SPEAKER_RULES
from attribution_table import FAMILIES, all_cases, parse_paragraphs
from test_speakers import SPEAKER_CASES

# Rules with no name in the table's expected columns (filters, cuts, content
# rules), each with a row of the table written to fail when it is switched off.
TARGETS = {
    "agent-source": "source-named-by-a-passive-agent-is-remembered",
    "scare-quote": "scare-quote-inside-a-report",
    "byline-title": "title-with-a-byline-is-not-a-quote",
    "short-title": "short-quoted-name-is-not-a-quote",
    "bracketed-aside": "bracketed-aside-next-to-a-quote-is-not-speech",
    "header-label": "headline-header-word-is-not-a-source",
    "headline-question": "headline-question-is-not-a-report",
    "run-in-quote": "long-quote-run-into-a-sentence",
    "next-sentence": "attribution-in-a-short-sentence-after-the-quote",
    "according-to-lead-in": "quotation-after-according-to",
    "overlap": "report-inside-a-report-is-taken-once",
    "parenthetical-attribution": "parenthetical-attribution",
    "complement": "group-privately-told-with-the-subject-parsed-as-object",
    "infinitive": "vowed-to",
    "rest-of-sentence": "said-then-when-then-what",
    "naming-object": "called-x-y",
    "topic-preposition": "called-on-x-to-y",
    "refusal": "declined-to-comment",
    "ask-topic": "asked-about",
    "topic-object": "blamed-x-for-y",
    "skip-hearer": "hearer-and-time-are-not-what-was-said",
    "skip-time-phrase": "said-then-when-then-what",
    "semicolon-cut": "complement-never-reaches-back-across-a-semicolon",
    "coordinated-verb-cut": "content-stops-before-a-second-verb",
    "reporter-returns-cut": "content-stops-where-the-reporter-acts-again",
    "contrast-cut": "content-stops-before-although",
    "contrast-shared-subject": "contrast-sharing-the-subject-goes-on",
    "nested-attribution-cut": "content-stops-before-a-contrast",
    "adjunct-cut": "object-stops-before-where-it-was-said",
    "close-quote": "report-ending-inside-a-quotation-takes-its-closing-mark",
    "whole-quote-report": "report-that-is-all-one-quotation-is-direct",
    "according-to-quote": "quote-with-its-own-verb-under-according-to",
    "close-bracket": "report-takes-the-closing-bracket-it-opened",
    "object-after-quote": "inverted-verb-with-two-speakers-parsed-as-its-object",
    "verb-after-quote": "inverted-verb-after-an-exclamation-tagged-as-a-noun",
    "refusal-fragment": "quoted-word-under-a-refusal",
    "object-subject": "group-privately-told-with-the-subject-parsed-as-object",
    "trailing-aside-cut": "report-stops-before-a-trailing-relative-clause",
    "as-description": "described-themselves-as",
    "gerund-after-preposition": "gerund-of-saying-after-by",
    "yes-no-answer": "one-word-answer",
    "passive-subject": "passive-report-of-its-subject",
    "gerund-through-control": "gerund-of-saying-under-a-control-verb",
    "adjective-control": "saying-under-an-adjective",
    "verb-tagged-noun": "reporting-verb-tagged-as-a-noun",
    "content-before-source": "content-before-a-source-that-ends-the-sentence",
    "headline-quote-inside": "headline-opening-with-a-short-quotation",
    "aside-participle-of-saying": "participle-not-of-saying-goes-on-with-what-was-said",
    "aside-time-clause": "report-stops-before-a-trailing-even-as-clause",
    "reason-clause": "reason-clause-goes-on-with-what-was-said",
    "according-to-after-verb": "according-to-after-its-verb-covers-up-to-its-comma",
    "according-to-after-conjunction": "according-to-after-a-leading-conjunction",
    "which-clause-kept": "report-keeps-a-trailing-which-clause",
    "gerund-statement-cut": "report-stops-before-a-gerund-of-saying",
    "reported-clause-gerund": "report-stops-before-a-trailing-participle-of-saying",
    "light-verb-preposition": "light-verb-with-its-preposition-parsed-onto-the-verb",
}

CASES = all_cases()
_BY_ID = {case.id: case.values for case in CASES}


def _plain(para: str, c: Candidate) -> tuple:
    """What the table asserts of a candidate, without rule names: its words,
    its kind, its speaker's words, and whether it takes the speaker before it
    (a change of offsets alone does not count)."""
    return para[c.start:c.end], c.kind, c.who.text if c.who is not None else None, c.continues


def _run(parsed: list[tuple]) -> list[tuple]:
    return [_plain(doc.text, c) for doc, quoted in parsed for c in attribute_paragraph(doc, quoted)]


@pytest.fixture(scope="session")
def parsed_cases(nlp) -> dict[str, list[tuple]]:
    return {case.id: parse_paragraphs(nlp, case.values[0]) for case in CASES}


@pytest.fixture(scope="session")
def baseline(parsed_cases) -> dict[str, list[Candidate]]:
    assert not DISABLED
    return {cid: _run(parsed) for cid, parsed in parsed_cases.items()}


def _expected_rules() -> set[str]:
    quote_rules = {e[4] for _, expected in _BY_ID.values() for e in expected}
    speaker_rules = {e[5] for _, expected in _BY_ID.values() for e in expected}
    return (quote_rules | speaker_rules | {rule for _, _, rule in SPEAKER_CASES}) - {""}


def test_every_rule_is_expected_somewhere_or_has_its_own_row():
    assert set(TARGETS) <= set(RULES)
    assert set(TARGETS.values()) <= set(_BY_ID)
    assert sorted(set(RULES) - _expected_rules() - set(TARGETS)) == []


def test_every_speaker_rule_is_expected_somewhere():
    assert sorted(set(SPEAKER_RULES) - _expected_rules()) == []


def test_every_pass_is_a_rule():
    assert set(PASSES) <= set(RULES)


def test_every_rule_switched_in_the_code_is_in_the_table():
    modules = [attribution, speakers] + [importlib.import_module(f"{rules.__name__}.{f}") for f in FAMILIES]
    source = "".join(inspect.getsource(m) for m in modules)
    switched = set(re.findall(r'\b(?:_on|rule_on)\("([a-z-]+)"\)', source))
    assert switched and sorted(switched - set(RULES)) == []


def test_unknown_rule_names_are_refused():
    with pytest.raises(ValueError):
        with disabled_rules("no-such-rule"):
            pass
    assert not DISABLED


@pytest.mark.parametrize("rule", list(RULES))
def test_switching_a_rule_off_changes_a_case(rule, parsed_cases, baseline):
    with disabled_rules(rule):
        changed = [cid for cid, parsed in parsed_cases.items() if _run(parsed) != baseline[cid]]
    assert not DISABLED
    assert changed, f"no case of the attribution table depends on {rule!r}"
    if rule in TARGETS:
        assert TARGETS[rule] in changed, f"{TARGETS[rule]!r} does not depend on {rule!r}"


def test_every_rule_is_documented_for_users():
    from conftest import ROOT

    doc = (ROOT / "content" / "format.md").read_text("utf-8")
    missing = [name for name in [*RULES, *SPEAKER_RULES, "carry-back", "lead-in-paragraph", "continuation"] if f"| `{name}` |" not in doc]
    assert missing == []


def _family(name: str):
    return importlib.import_module(f"{rules.__name__}.{name}")


def test_each_family_names_its_rules_and_no_other_family_does():
    names = [name for family in FAMILIES for name in _family(family).RULES]
    assert len(names) == len(set(names))
    assert set(names) <= set(RULES)


@pytest.mark.parametrize("family", FAMILIES)
def test_each_rule_of_a_family_has_a_row_in_the_familys_table(family):
    table = importlib.import_module(f"test_rules_{family}").CASES
    ids = {case.id for case in table}
    named = {e[i] for case in table for e in case.values[1] for i in (4, 5)}
    missing = [name for name in _family(family).RULES if name not in named and TARGETS.get(name) not in ids]
    assert missing == []
