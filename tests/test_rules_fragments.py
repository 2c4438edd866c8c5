"""Fragments and partial quotes (builder/annotate/rules/fragments.py): quoted phrases hung on a verb, and quotations finishing a
sentence, a report or a clause.

Rows of the attribution table (see tests/attribution_table.py for the columns);
every case is written for this test, none comes from the evaluation set.
"""
from __future__ import annotations

import pytest

from attribution_table import check_annotation, check_rule_names

CASES = [
    pytest.param(
        "The mayor called the proposal “a disaster for commuters.”",
        [("the proposal “a disaster for commuters.”", "partial", "The mayor", "unknown", "quoted-fragment", "verb-subject")],
        id="partial-called",
    ),
    pytest.param(
        "The harbor plan, first drafted a decade ago, “will finally be built this year,” said Mayor Ana Ortiz.",
        [("The harbor plan, first drafted a decade ago, “will finally be built this year,”", "partial", "Mayor Ana Ortiz", "named", "sentence-lead", "verb-subject")],
        id="quote-that-finishes-a-narrated-sentence-is-partial",
    ),
    pytest.param(
        'Senator Ivo Marsh said that the tax plan "will hurt farmers. It will hurt every family in this state."',
        [('that the tax plan "will hurt farmers. It will hurt every family in this state."', "partial",
          "Senator Ivo Marsh", "named", "run-in-lead", "verb-subject")],
        id="quote-that-finishes-a-paraphrase-is-partial",
    ),
    pytest.param(
        'Dr. Ana Ruiz argued that the clinic would be costly, "because every family in this county will pay for it in the end."',
        [('that the clinic would be costly, "because every family in this county will pay for it in the end."',
          "partial", "Dr. Ana Ruiz", "named", "run-in-lead", "verb-subject")],
        id="quote-after-a-comma-that-finishes-a-paraphrase-is-partial",
    ),
    pytest.param(
        "The new ad targets a “broken tax code that keeps working families out of every room where the deals"
        " are made.”",
        [("a “broken tax code that keeps working families out of every room where the deals are made.”",
          "partial", "", "unknown", "clause-lead", "")],
        id="long-quotation-run-into-a-clause-is-partial-from-the-clause",
    ),
    pytest.param(
        "“We lost power at midnight,” said Ann Lee.\n\nThen came “the loudest storm anyone in this town has ever seen, and it did not stop until dawn.”",
        [("We lost power at midnight,", "direct", "Ann Lee", "named", "direct", "verb-subject"),
         ("the loudest storm anyone in this town has ever seen, and it did not stop until dawn.", "direct", "Ann Lee", "named", "continuation", "")],
        id="long-quote-run-into-a-sentence",
    ),
    pytest.param(
        "Vice Mayor Lia Soto refused to rule out “fines” if the company closes the plant.",
        [("to rule out “fines” if the company closes the plant", "partial", "Vice Mayor Lia Soto", "named",
          "quoted-fragment", "verb-subject")],
        id="quoted-word-under-a-refusal",
    ),
    pytest.param(
        "In 2012 the senator said of the new stadium: \"It is a waste of public money.\"",
        [('of the new stadium: "It is a waste of public money."', "partial", "the senator", "unknown",
          "colon-content-lead", "verb-subject")],
        id="said-of-x-colon-quote-is-partial",
    ),
    pytest.param(
        "The mayor offered this advice to the new graduates: “Call your mother every week.”",
        [("this advice to the new graduates: “Call your mother every week.”", "partial", "The mayor", "unknown",
          "colon-content-lead", "verb-subject")],
        id="object-before-a-colon-quote-is-partial",
    ),
    pytest.param(
        'The editorial urged him to drop his "tour of the suburbs" and visit "the towns that flooded last spring."',
        [('him to drop his "tour of the suburbs" and visit "the towns that flooded last spring."', "partial",
          "The editorial", "document", "quoted-fragment", "verb-subject")],
        id="fragment-report-runs-on-to-its-last-closing-mark",
    ),
    pytest.param(
        'The mayor pronounced the new bridge "a small miracle."\n\nSenator Ivo Marsh exhorted voters to "stand up for the valley."',
        [('the new bridge "a small miracle."', "partial", "The mayor", "unknown", "quoted-fragment", "verb-subject"),
         ('voters to "stand up for the valley."', "partial", "Senator Ivo Marsh", "named", "quoted-fragment",
          "verb-subject")],
        id="pronounced-x-y-and-exhorted-x-to-y",
    ),
    pytest.param(
        '“The council is in a three-way fight with the mayor and the board” over the harbor budget, Ana Ortiz said.',
        [("“The council is in a three-way fight with the mayor and the board” over the harbor budget", "partial",
          "Ana Ortiz", "named", "quote-runs-on", "verb-subject")],
        id="quotation-opening-a-sentence-that-runs-on-is-partial",
    ),
    pytest.param(
        '"The Long Road Home" was to be a "love letter to the valley," said Ana Ortiz, the author\'s agent.',
        [('"The Long Road Home" was to be a "love letter to the valley,"', "partial", "Ana Ortiz", "named",
          "quote-runs-on", "verb-subject")],
        id="quotation-runs-on-up-to-the-attribution",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution(annotate_text, text, expected):
    check_annotation(annotate_text, text, expected)


@pytest.mark.parametrize("text, expected", CASES)
def test_rule_names(nlp, text, expected):
    check_rule_names(nlp, text, expected)
