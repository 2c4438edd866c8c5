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
    pytest.param("WASHINGTON -- the president, opening the session on Monday, said the budget would pass.",
                 "the president", "dateline-apposition", id="dateline-and-aside-left-out"),
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
    pytest.param("But in a phone call with reporters on Jan. 4, Col. Ana Ortiz, a police spokeswoman in Denver, "
                 "said, “We mean to find them. There is no doubt about that.”", "Col. Ana Ortiz", "name-before",
                 id="verb-left-without-subject-takes-the-name-before"),
    pytest.param("“We are not going to close the plant,” Ann Lee said, according to a transcript of the meeting.",
                 "a transcript of the meeting", "according-to-object", id="said-according-to-takes-the-relayer"),
    pytest.param("“I will run for the seat,” Tom Reyes replied at the time, according to Ortiz's account.",
                 "Ortiz's account", "according-to-object", id="replied-according-to-takes-the-relayer"),
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


# A participle of saying the parser hung on an object, a verb it left with no
# subject, an attribution the parser cut off as a new sentence: (text, speaker words, rule).
PARSE_SLIP_CASES = [
    pytest.param("Senator Ana Ruiz has drawn large crowds describing a state run by a few rich donors.",
                 "Senator Ana Ruiz", "verb-subject", id="participle-on-a-object-takes-the-clause-subject"),
    pytest.param("The party chair, Tom Reyes, called for a show of hands, and then a second count, declaring "
                 "after both that the motion had failed.", "The party chair", "verb-subject",
                 id="participle-after-a-comma-takes-the-clause-subject"),
    pytest.param("The senator has clashed with the mayor over the budget, at one point calling him a “liar” who "
                 "was not “fit to serve.”", "The senator", "verb-subject", id="participle-on-a-prepositional-object"),
    pytest.param("Protesters carried a banner saying the war must end soon.", "a banner", "participle-noun",
                 id="an-object-that-carries-words-keeps-the-participle"),  # a guard: unchanged behaviour
    pytest.param("“Is the mayor ever going to answer the question about the river? If he doesn't he should step "
                 "down at once!” the outgoing state treasurer, Ann Lee, wrote Sunday after a long day of hearings "
                 "at the county hall.", "the outgoing state treasurer", "verb-subject",
                 id="attribution-going-on-in-lower-case-after-the-quote"),
]


@pytest.mark.parametrize("text, speaker, rule", PARSE_SLIP_CASES)
def test_speaker_despite_a_parse_slip(annotate_text, text, speaker, rule):
    quote = annotate_text(text).quotes[-1]
    assert (quote.speaker.text, quote.speaker.rule) == (speaker, rule)


def test_a_name_inside_another_clause_is_not_the_name_before(annotate_text):
    assert not annotate_text("In criticizing Ann Lee, hints that the files may have been stolen.").quotes
