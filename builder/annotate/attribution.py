"""Find quotations and reported statements in one paragraph and who said them.

Works on one parsed paragraph at a time (a spaCy Doc) and returns plain
candidates with character offsets relative to that paragraph. Speaker
resolution across paragraphs (pronouns, "the official") happens in
`resolve.py`.

Every way of finding a quote, and every filter or cut applied on the way, is
a named rule (`RULES`); the rules live in `rules/`, one module per family, and
the passes run in the order of `PASSES`, declared here and nowhere else. Each
candidate carries the name of the rule that found it (`Candidate.rule`) and
its speaker the name of the way its words were found (`Who.rule`, see
`speakers.SPEAKER_RULES`). `disabled_rules(...)` switches rules off by name.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from spacy.tokens import Doc

from .marks import Quoted
from .rules import according_to, content, cuts, direct, fragments, headlines, reports
from .rules.common import Candidate, Paragraph, position
from .speakers import DISABLED, SPEAKER_RULES, rule_on as _on

__all__ = ["Candidate", "PASSES", "RULES", "attribute_paragraph", "disabled_rules"]

# The passes, in the order they run.
PASSES: dict[str, Callable[[Paragraph], None]] = {
    "headline": headlines.headline_pass,
    "title-headline": headlines.title_headline_pass,
    "verb-report": reports.verb_report_pass,
    "noun-report": reports.noun_report_pass,
    "light-verb-report": reports.light_verb_report_pass,
    "according-to": according_to.according_to_pass,
    "quoted-fragment": fragments.quoted_fragment_pass,
    "direct": direct.direct_pass,
    "short-title": direct.short_title_pass,
    "bracketed-aside": direct.bracketed_aside_pass,
    "split-quote": direct.split_quote_pass,
    "previous-subject": direct.previous_subject_pass,
    "continuation": direct.continuation_pass,
    "overlap": cuts.overlap_pass,
    "agent-source": reports.agent_source_pass,
}

# Ways of finding a speaker's words that are switched in `speakers.py` but name no `Who.rule` of their own.
SPEAKER_SWITCHES: dict[str, str] = {
    "object-after-quote": "an inverted verb right after a quotation takes the noun phrase parsed as its object"
                          " as its subject (“…,” reply Ann and Bo)",
    "verb-after-quote": "a verb of saying the parser took for a noun right after a closing mark is the verb"
                        " (“… now!” reply Ann and Bo)",
    "gerund-after-preposition": "a gerund of saying after \"by\", \"after\" … takes the subject of the verb it"
                                " modifies (\"won the crowd over by promising …\")",
    "gerund-through-control": "a gerund of saying after \"by\" … under a control verb takes that verb's subject"
                              " (\"tried to win votes by promising …\")",
    "adjective-control": "a verb of saying under an adjective takes the subject of the adjective's verb"
                         " (\"were quick to point out …\", \"is more likely to say …\")",
    "reported-clause-gerund": "a participle or gerund hung on a reported clause (\"said the plan failed, before adding"
                              " …\") is the reporter's, not the clause subject's",
}

# Every rule that can be switched off, with what it does: each family's, then the speakers'.
RULES: dict[str, str] = {
    **headlines.RULES, **reports.RULES, **content.RULES, **according_to.RULES, **fragments.RULES, **direct.RULES,
    **cuts.RULES, **SPEAKER_SWITCHES,
    # Ways of finding the speaker's words that can be switched off (see `speakers.SPEAKER_RULES`).
    **{name: SPEAKER_RULES[name] for name in (
        "verb-subject", "passive-agent", "inverted-subject", "name-before", "relative-pronoun", "issuer",
        "participle-noun", "dateline-apposition", "colon-person", "noun-possessor", "noun-by-phrase", "noun-modifier")},
}


@contextmanager
def disabled_rules(*names: str) -> Iterator[None]:
    """Switch the named rules (`RULES`) off inside a `with` block."""
    unknown = sorted(set(names) - set(RULES))
    if unknown:
        raise ValueError(f"unknown rule(s): {', '.join(unknown)}")
    added = set(names) - DISABLED
    DISABLED.update(added)
    try:
        yield
    finally:
        DISABLED.difference_update(added)


def attribute_paragraph(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """All quotes and reported statements in one parsed paragraph, given its
    paired quotation marks (`marks.find_quoted`), with paragraph-relative offsets.

    Runs the `PASSES` that are switched on, in order."""
    p = direct.paragraph(doc, quoted)
    for name, step in PASSES.items():
        if _on(name):
            step(p)
        if p.done:
            break
    cuts.reach_closers(p)
    return sorted(p.out, key=position)
