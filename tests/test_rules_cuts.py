"""Boundaries and cuts (builder/annotate/rules/cuts.py): where what was said starts and stops, closing marks and brackets, overlaps.

Rows of the attribution table (see tests/attribution_table.py for the columns);
every case is written for this test, none comes from the evaluation set.
"""
from __future__ import annotations

import pytest

from attribution_table import check_annotation, check_rule_names

CASES = [
    pytest.param(
        "Rosa Vega said the plan works and praised the staff.",
        [("the plan works", "indirect", "Rosa Vega", "named", "verb-report", "verb-subject"),
         ("the staff", "indirect", "Rosa Vega", "named", "verb-report", "verb-subject")],
        id="content-stops-before-a-second-verb",
    ),
    pytest.param(
        "Ivan Petrov said the talks failed, while other delegates said they were hopeful.",
        [("the talks failed", "indirect", "Ivan Petrov", "named", "verb-report", "verb-subject"),
         ("they were hopeful", "indirect", "other delegates", "group", "verb-report", "verb-subject")],
        id="content-stops-before-a-contrast",
    ),
    pytest.param(
        "Senator Ted Lin blasted the county board at a rally in Ohio.",
        [("the county board", "indirect", "Senator Ted Lin", "named", "verb-report", "verb-subject")],
        id="object-stops-before-where-it-was-said",
    ),
    pytest.param(
        "Judge Mia Hart said that ''the law is clear'' and that ''no one is above it.''",
        [("that ''the law is clear'' and that ''no one is above it.''", "partial", "Judge Mia Hart", "named",
          "verb-report", "verb-subject")],
        id="report-ending-inside-a-quotation-takes-its-closing-mark",
    ),
    pytest.param(
        "The ads will attack Governor Ben Ortiz and Sen. Lisa Crane (R-Utah).",
        [("Governor Ben Ortiz and Sen. Lisa Crane (R-Utah)", "indirect", "The ads", "document", "verb-report",
          "verb-subject")],
        id="report-takes-the-closing-bracket-it-opened",
    ),
    pytest.param(
        "Ann Lee said the mayor argued that taxes should rise.",
        [("the mayor argued that taxes should rise", "indirect", "Ann Lee", "named", "verb-report", "verb-subject")],
        id="report-inside-a-report-is-taken-once",
    ),
    pytest.param(
        "Ann Lee said the plan would work, although costs would rise.",
        [("the plan would work", "indirect", "Ann Lee", "named", "verb-report", "verb-subject")],
        id="content-stops-before-although",
    ),
    pytest.param(
        "Ann Lee said the plan would cost little, but would save the city millions.",
        [("the plan would cost little, but would save the city millions", "indirect", "Ann Lee", "named",
          "verb-report", "verb-subject")],
        id="contrast-sharing-the-subject-goes-on",
    ),
    pytest.param(
        "The bridge will stay closed; the mayor said as much on Monday.",
        [],
        id="complement-never-reaches-back-across-a-semicolon",
    ),
    pytest.param(
        "Ann Lee said the new pool is expensive and she has asked the council for a cheaper one.",
        [("the new pool is expensive", "indirect", "Ann Lee", "named", "verb-report", "verb-subject"),
         ("a cheaper one", "indirect", "Ann Lee", "named", "verb-report", "verb-subject")],
        id="content-stops-where-the-reporter-acts-again",
    ),
    pytest.param(
        "The mayor told the council on Monday evening her plan for the new bridge.",
        [],
        id="hearer-and-time-are-not-what-was-said",
    ),
    pytest.param(
        "Ada Moss said the contract went to Tom Reyes, who also spoke at the meeting.",
        [("the contract went to Tom Reyes", "indirect", "Ada Moss", "named", "verb-report", "verb-subject")],
        id="report-stops-before-a-trailing-relative-clause",
    ),
    pytest.param(
        "Ada Moss said the council would sell the old depot, which has stood empty since 1990.",
        [("the council would sell the old depot, which has stood empty since 1990", "indirect", "Ada Moss", "named",
          "verb-report", "verb-subject")],
        id="report-keeps-a-trailing-which-clause",
    ),
    pytest.param(
        "Senator Ivo Marsh said the bridge was unsafe before claiming that the state had wasted millions.",
        [("the bridge was unsafe", "indirect", "Senator Ivo Marsh", "named", "verb-report", "verb-subject"),
         ("that the state had wasted millions", "indirect", "Senator Ivo Marsh", "named", "verb-report",
          "verb-subject")],
        id="report-stops-before-a-gerund-of-saying",
    ),
    pytest.param(
        "The mayor said the new levee would protect the harbor, allowing fishing boats to stay in port.",
        [("the new levee would protect the harbor, allowing fishing boats to stay in port", "indirect", "The mayor",
          "unknown", "verb-report", "verb-subject")],
        id="participle-not-of-saying-goes-on-with-what-was-said",
    ),
    pytest.param(
        "The senator said she would back the bill, even as her party criticized parts of it.",
        [("she would back the bill", "indirect", "The senator", "unknown", "verb-report", "verb-subject"),
         ("parts of it", "indirect", "her party", "organization", "verb-report", "verb-subject")],
        id="report-stops-before-a-trailing-even-as-clause",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution(annotate_text, text, expected):
    check_annotation(annotate_text, text, expected)


@pytest.mark.parametrize("text, expected", CASES)
def test_rule_names(nlp, text, expected):
    check_rule_names(nlp, text, expected)
