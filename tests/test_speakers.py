"""Speaker words: how a source is cut from the sentence, its role, its
reason for anonymity, and relative pronouns kept as written.

Every case is written for this test; none comes from the evaluation set.
"""
from __future__ import annotations

import pytest

from builder.annotate.attribution import attribute_paragraph
from builder.annotate.marks import find_quoted


def test_cue_and_anonymity_reason(annotate_text):
    article = annotate_text(
        "“The deal is off,” said a senior official, who spoke on condition of anonymity to discuss private talks."
    )
    (quote,) = article.quotes
    assert quote.cue.text == "said"
    assert quote.speaker.kind == "anonymous"
    assert "anonymity" in (quote.speaker.reason or "")


def test_role_from_apposition(annotate_text):
    article = annotate_text("“Prices will fall,” said Nora Blake, chief economist at the Harbor Bank.")
    (quote,) = article.quotes
    assert quote.speaker.text == quote.speaker.name == "Nora Blake"
    assert quote.speaker.role == "chief economist at the Harbor Bank"


def test_relative_pronoun_is_kept_as_written(annotate_text):
    (quote,) = annotate_text("The council heard from Omar Haddad, who said the bridge was unsafe.").quotes
    assert (quote.speaker.text, quote.speaker.name) == ("who", "Omar Haddad")


# (text, speaker words, the rule that found them)
SPEAKER_CASES = [
    pytest.param("WASHINGTON -- President Ana Ruiz, opening the session on Monday, said the budget would pass.",
                 "President Ana Ruiz", "dateline-apposition", id="dateline-and-aside-left-out"),
    pytest.param("The two-term governor said the budget would pass next month.", "The two-term governor", "verb-subject",
                 id="hyphen-kept"),
    pytest.param("A campaign aide who spoke at the rally said the budget would pass.", "A campaign aide", "verb-subject",
                 id="relative-clause-left-out"),
    pytest.param("“We were ready,” said Army Capt. Luis Romero.", "Army Capt. Luis Romero", "verb-subject",
                 id="rank-before-name"),
    pytest.param("“Welcome, everyone,” said master of ceremonies Dana Whitfield.", "master of ceremonies Dana Whitfield",
                 "verb-subject", id="role-before-name"),
    pytest.param("“We held the line,” said Air Force 1st Lt. Tyler Brandt, 26.", "Air Force 1st Lt. Tyler Brandt",
                 "verb-subject", id="rank-the-parser-splits"),
    pytest.param("Committee members Sarah Cole and David Park said the vote was close.",
                 "Committee members Sarah Cole and David Park", "verb-subject", id="close-apposition-kept"),
]


@pytest.mark.parametrize("text, speaker, rule", SPEAKER_CASES)
def test_speaker_words(annotate_text, text, speaker, rule):
    (quote,) = annotate_text(text).quotes
    assert quote.speaker.text == speaker


@pytest.mark.parametrize("text, speaker, rule", SPEAKER_CASES)
def test_speaker_rule(nlp, text, speaker, rule):
    doc = nlp(text)
    found = attribute_paragraph(doc, find_quoted(doc.text)[0])
    assert [(c.who.text, c.who.rule) for c in found] == [(speaker, rule)]
