"""Direct quotes (builder/annotate/rules/direct.py): a quotation opening a sentence and the attribution in reach, transcript lines, what
is not speech (titles, scare quotes, asides), and a speaker for a quote with none of its own.

Rows of the attribution table (see tests/attribution_table.py for the columns);
every case is written for this test, none comes from the evaluation set.
"""
from __future__ import annotations

import pytest

from attribution_table import check_annotation, check_rule_names

CASES = [
    pytest.param(
        "“We will rebuild the bridge,” Mayor Ana Ortiz said on Monday.",
        [("We will rebuild the bridge,", "direct", "Mayor Ana Ortiz", "named", "direct", "verb-subject")],
        id="direct-speaker-after",
    ),
    pytest.param(
        "“The budget is balanced,” said Tom Reyes, the city treasurer.",
        [("The budget is balanced,", "direct", "Tom Reyes", "named", "direct", "verb-subject")],
        id="direct-inverted-said-name",
    ),
    pytest.param(
        'Ortiz said: "We expect the work to finish by May."',
        [("We expect the work to finish by May.", "direct", "Ortiz", "named", "direct", "verb-subject")],
        id="direct-speaker-before-colon-straight-marks",
    ),
    pytest.param(
        "“The river is rising,” the engineer said, “and we are ready for it.”",
        [("The river is rising,", "direct", "the engineer", "unknown", "direct", "verb-subject"),
         ("and we are ready for it.", "direct", "the engineer", "unknown", "direct", "verb-subject")],
        id="split-quote",
    ),
    pytest.param(
        "“Talks will resume next week,” a senior European diplomat said.",
        [("Talks will resume next week,", "direct", "a senior European diplomat", "anonymous", "direct", "verb-subject")],
        id="anonymous-diplomat",
    ),
    pytest.param(
        "“No deal is close,” said one official familiar with the negotiations.",
        [("No deal is close,", "direct", "one official familiar with the negotiations", "anonymous", "direct", "verb-subject")],
        id="anonymous-inverted",
    ),
    pytest.param(
        "The band played its hit “Summer Rain” twice at the festival.",
        [],
        id="song-title-is-not-a-quote",
    ),
    pytest.param(
        "Her favourite show is “The Long Road.” “Harbor Lights” follows a family of fishers.",
        [],
        id="quoted-titles-are-not-quotes",
    ),
    pytest.param(
        "“(APPLAUSE.)”\n\n“We did it,” said Nina Park.",
        [("We did it,", "direct", "Nina Park", "named", "direct", "verb-subject")],
        id="bracketed-aside-is-not-speech",
    ),
    pytest.param(
        "The so-called “reform” passed anyway after a long night in the chamber.",
        [],
        id="scare-quote-without-speaker",
    ),
    pytest.param(
        "Dr. Kim Lee studies storms.\n\n“Nobody expected the flood to come so fast,” she said.",
        [("Nobody expected the flood to come so fast,", "direct", "Kim Lee", "named", "direct", "verb-subject")],
        id="pronoun-resolves-to-person",
    ),
    pytest.param(
        "Mark Stone met Jill Park.\n\n“I told Jill Park we would win,” he said.",
        [("I told Jill Park we would win,", "direct", "Mark Stone", "named", "direct", "verb-subject")],
        id="pronoun-skips-names-inside-quotes",
    ),
    pytest.param(
        "Police chief Omar Diaz spoke first. “We made three arrests,” Diaz said.",
        [("We made three arrests,", "direct", "Omar Diaz", "named", "direct", "verb-subject")],
        id="surname-resolves-to-full-name",
    ),
    pytest.param(
        "“The talks were frank,” said a senior State Department official.\n\n"
        "“We disagree on the timing,” the official said.",
        [("The talks were frank,", "direct", "a senior State Department official", "anonymous", "direct", "verb-subject"),
         ("We disagree on the timing,", "direct", "a senior State Department official", "anonymous", "direct", "verb-subject")],
        id="the-official-resolves-to-first-description",
    ),
    pytest.param(
        "“The first part of a long answer runs here.\n\n“And the second part ends here,” said Rosa Vega.",
        [("The first part of a long answer runs here.", "direct", "Rosa Vega", "named", "continuation", ""),
         ("And the second part ends here,", "direct", "Rosa Vega", "named", "direct", "verb-subject")],
        id="quote-over-two-paragraphs",
    ),
    pytest.param(
        "“We are done with this,” Carla Mendes said.\n\n“It is time to go home.”",
        [("We are done with this,", "direct", "Carla Mendes", "named", "direct", "verb-subject"),
         ("It is time to go home.", "direct", "Carla Mendes", "named", "continuation", "")],
        id="next-paragraph-continues-speaker",
    ),
    pytest.param(
        "Host Tom Kerr spoke with Senator Maria Diaz on Sunday.\n\n“KERR: Thanks for joining us tonight.”\n\n“DIAZ: Glad to be here, Tom.”",
        [("Thanks for joining us tonight.", "direct", "Tom Kerr", "named", "transcript-label", "transcript-label"),
         ("Glad to be here, Tom.", "direct", "Maria Diaz", "named", "transcript-label", "transcript-label")],
        id="transcript-speaker-labels",
    ),
    pytest.param(
        "Donald Marsh spoke first. Later, Ivanka Marsh took the stage.\n\n“We are ready,” she said.",
        [("We are ready,", "direct", "Ivanka Marsh", "named", "direct", "verb-subject")],
        id="pronoun-gender-from-first-name-not-family-name",
    ),
    pytest.param(
        "But in a phone call with reporters on Jan. 4, Col. Ana Ortiz, a police spokeswoman in Denver, said, "
        "“We mean to find them. There is no doubt about that.”",
        [("We mean to find them. There is no doubt about that.", "direct", "Col. Ana Ortiz", "named", "direct",
          "name-before")],
        id="verb-the-parser-left-without-subject-takes-the-name-before",
    ),
    pytest.param(
        "“The levee held,” said Mayor Tom Reed.\n\nSenator Ana Ruiz toured the flooded town on Monday. “We will rebuild every house.”",
        [("The levee held,", "direct", "Mayor Tom Reed", "named", "direct", "verb-subject"),
         ("We will rebuild every house.", "direct", "Senator Ana Ruiz", "named", "previous-subject", "previous-subject")],
        id="unattributed-quote-after-a-sentence-about-a-person",
    ),
    pytest.param(
        "Our pick this week is “How the river town rebuilt its harbor after the storm,” by Jane Doe.",
        [],
        id="title-with-a-byline-is-not-a-quote",
    ),
    pytest.param(
        "Hillary Barnes met Tom Reed on Monday.\n\n“We have a deal,” she said.",
        [("We have a deal,", "direct", "Hillary Barnes", "named", "direct", "verb-subject")],
        id="pronoun-agrees-in-gender",
    ),
    pytest.param(
        "“Nobody,” said the county clerk, “knows how many ballots are left.”",
        [("Nobody,", "direct", "the county clerk", "unknown", "direct", "inverted-subject"),
         ("knows how many ballots are left.", "direct", "the county clerk", "unknown", "direct", "inverted-subject")],
        id="inverted-said-between-two-pieces",
    ),
    pytest.param(
        "“We will win,” the coach said. “The team is ready.”",
        [("We will win,", "direct", "the coach", "unknown", "direct", "verb-subject"),
         ("The team is ready.", "direct", "the coach", "unknown", "split-quote", "split-quote")],
        id="quote-in-the-next-sentence-takes-its-neighbours-speaker",
    ),
    pytest.param(
        "The message from pollster Jane Roe was blunt: “Nobody saw this coming.”",
        [("Nobody saw this coming.", "direct", "pollster Jane Roe", "named", "colon-lead-in", "colon-person")],
        id="person-named-before-a-colon",
    ),
    pytest.param(
        "The mayor had one message for the crowd: “Go vote today.”",
        [("Go vote today.", "direct", "The mayor", "unknown", "colon-lead-in", "verb-subject")],
        id="lead-in-ending-with-a-colon",
    ),
    pytest.param(
        "The senator criticized the so-called “reform” of the tax code.",
        [("the so-called “reform” of the tax code", "indirect", "The senator", "unknown", "verb-report", "verb-subject")],
        id="scare-quote-inside-a-report",
    ),
    pytest.param(
        "“We did it,” said Nina Park. “(APPLAUSE.)”",
        [("We did it,", "direct", "Nina Park", "named", "direct", "verb-subject")],
        id="bracketed-aside-next-to-a-quote-is-not-speech",
    ),
    pytest.param(
        "The band played its hit. “Summer Rain” came next.",
        [],
        id="short-quoted-name-is-not-a-quote",
    ),
    pytest.param(
        "“The levee will hold.” The chief engineer said it twice.",
        [("The levee will hold.", "direct", "The chief engineer", "unknown", "direct", "verb-subject")],
        id="attribution-in-a-short-sentence-after-the-quote",
    ),
    pytest.param(
        "The hearing was long. According to Ann Lee, “The levee will hold through the spring.”",
        [("The levee will hold through the spring.", "direct", "Ann Lee", "named", "direct", "according-to-object")],
        id="quotation-after-according-to",
    ),
    pytest.param(
        "“We are done,” reply Ann Lee and Bo Marsh.",
        [("We are done,", "direct", "Ann Lee and Bo Marsh", "named", "direct", "inverted-subject")],
        id="inverted-verb-with-two-speakers-parsed-as-its-object",
    ),
    pytest.param(
        "“Stop the vote now!” reply Ann Lee and Bo Marsh.",
        [("Stop the vote now!", "direct", "Ann Lee and Bo Marsh", "named", "direct", "inverted-subject")],
        id="inverted-verb-after-an-exclamation-tagged-as-a-noun",
    ),
    pytest.param(
        "‘We will win this fight,” said Ann Lee, the mayor.",
        [("We will win this fight,", "direct", "Ann Lee", "named", "direct", "verb-subject")],
        id="single-mark-opening-double-mark-closing",
    ),

    pytest.param(
        '“The pier stays closed," the harbor master said. "Storms come first,” said Ann Lee.',
        [("The pier stays closed,", "direct", "the harbor master", "unknown", "direct", "verb-subject"),
         ("Storms come first,", "direct", "Ann Lee", "named", "direct", "verb-subject")],
        id="quotes-opened-and-closed-with-different-marks",
    ),
    pytest.param(
        "The coach told reporters on Friday: “We are ready for the final.”",
        [("We are ready for the final.", "direct", "The coach", "unknown", "direct", "verb-subject")],
        id="hearer-before-a-colon-quote-stays-direct",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution(annotate_text, text, expected):
    check_annotation(annotate_text, text, expected)


@pytest.mark.parametrize("text, expected", CASES)
def test_rule_names(nlp, text, expected):
    check_rule_names(nlp, text, expected)
