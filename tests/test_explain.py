"""What a footnote says an attribution rests on (builder/explain.py)."""
from __future__ import annotations

import dataclasses

import pytest

from builder.annotate.attribution import RULES
from builder.explain import ATTRIBUTED, FOUND, RESOLVED, SPEAKER, explain
from builder.records import Cue, Quote, Speaker


def q(rule: str, cue: str | None, sp_rule: str, text: str, name: str = "", resolution: str = "") -> Quote:
    speaker = Speaker(text=text, start=0, end=len(text), kind="named", name=name or text, rule=sp_rule,
                      resolution=resolution)
    return Quote(id="q1", start=0, end=5, text="words", kind="indirect", speaker=speaker,
                 cue=Cue(cue, 0, len(cue)) if cue else None, rule=rule)


@pytest.mark.parametrize("quote, said", [
    (q("verb-report", "warned", "verb-subject", "the mayor"),
     "the reporting verb “warned”; the speaker, “the mayor”, is the subject of “warned”"),
    (q("direct", "said", "verb-subject", "she", "Ann Lee", "pronoun"),
     "a quotation with the verb “said” in reach; the speaker, “she”, is the subject of “said”; "
     "“she” is taken to be Ann Lee, the nearest name it fits in gender and number"),
    (q("according-to", "according to", "according-to-object", "the report"),
     "“according to”; the speaker, “the report”, follows “according to”"),
    (q("continuation", None, "continuation", "Lee", "Ann Lee", "full-name"),
     "a quotation that goes on from the last speaker named; “Lee” is Ann Lee, named in full in the article"),
    (q("verb-report", "said", "verb-subject", "the senator", "Ann Lee", "role"),
     "the reporting verb “said”; the speaker, “the senator”, is the subject of “said”; "
     "“the senator” is Ann Lee, the one person the article gave that role before"),
    (q("split-quote", None, "split-quote", "Lee", "Ann Lee"),
     "another piece of a quotation attributed in the same paragraph; the speaker is written “Lee”"),
    (q("colon-lead-in", None, "colon-person", "Ann Lee"),
     "a quotation after a lead-in ending with a colon; the speaker, “Ann Lee”, is the last person named before the colon"),
    (q("direct", None, "verb-subject", "Ann Lee"), ""),  # nothing to cite: no cue
    (q("continuation", None, "continuation", ""), "no attribution in reach: the quotation is kept, its source unknown"),
    (q("a-rule-from-elsewhere", "said", "another", "Ann Lee"), ""),
    (q("clause-lead", None, "continuation", "Lee", "Ann Lee", "full-name"),
     "a long quotation finishing a phrase with no verb of saying over it; the speaker, “Lee”, is the last one named "
     "before; “Lee” is Ann Lee, named in full in the article"),
    (q("quote-runs-on", None, "split-quote", "Ann Lee"),
     "a quotation opening a sentence that goes on past it; the speaker, “Ann Lee”, is that of another piece of the "
     "quotation in the same paragraph"),
], ids=["verb", "pronoun", "according-to", "continuation", "role", "written", "colon", "no-cue", "no-speaker", "unknown-rules",
        "shaped-then-continued", "shaped-then-split"])
def test_explain_names_the_words_the_attribution_rests_on(quote, said):
    assert explain(quote) == said


def test_every_rule_that_finds_a_quote_or_speaker_is_explained():
    from builder.annotate.speakers import SPEAKER_RULES

    assert set(FOUND) - {"carry-back", "lead-in-paragraph"} <= set(RULES)  # the article stage's, not a paragraph's
    quote_finders = {"headline", "verb-report", "noun-report", "light-verb-report", "according-to", "quoted-fragment",
                     "direct", "colon-lead-in", "transcript-label", "sentence-lead", "split-quote", "previous-subject",
                     "continuation", "run-in-lead", "colon-content-lead",
                     "quote-runs-on", "clause-lead"}
    assert quote_finders <= set(FOUND)
    assert set(SPEAKER) <= set(SPEAKER_RULES)
    assert set(ATTRIBUTED) <= set(SPEAKER_RULES) | {"continuation"}  # continuation: the resolver's
    # a speaker rule with no words of its own is one whose quote rule says it all
    assert set(SPEAKER_RULES) - set(SPEAKER) <= set(FOUND)
