"""What a reporting verb reports (builder/annotate/rules/content.py): the content rules tried in order (complement, infinitive,
rest of the sentence, naming object, topic …).

Rows of the attribution table (see tests/attribution_table.py for the columns);
every case is written for this test, none comes from the evaluation set.
"""
from __future__ import annotations

import pytest

from attribution_table import check_annotation, check_rule_names

CASES = [
    pytest.param(
        "Governor Eva Lind blamed the utility for the blackout last week.",
        [("the utility for the blackout", "indirect", "Governor Eva Lind", "named", "verb-report", "verb-subject")],
        id="blamed-x-for-y",
    ),
    pytest.param(
        "A company spokeswoman declined to comment on the lawsuit.",
        [("to comment on the lawsuit", "indirect", "A company spokeswoman", "anonymous", "verb-report", "verb-subject")],
        id="declined-to-comment",
    ),
    pytest.param(
        "The mayor called the stadium deal a giveaway to developers.",
        [("the stadium deal a giveaway to developers", "indirect", "The mayor", "unknown", "verb-report", "verb-subject")],
        id="called-x-y",
    ),
    pytest.param(
        "Senator Ruth Kim called on the minister to resign before the vote.",
        [("the minister to resign before the vote", "indirect", "Senator Ruth Kim", "named", "verb-report", "verb-subject")],
        id="called-on-x-to-y",
    ),
    pytest.param(
        "Mayor Ana Ortiz has vowed to veto the parking plan on Monday.",
        [("to veto the parking plan", "indirect", "Mayor Ana Ortiz", "named", "verb-report", "verb-subject")],
        id="vowed-to",
    ),
    pytest.param(
        "The new rules, the agency said, will take effect in March.",
        [("The new rules, the agency said, will take effect in March", "indirect", "the agency", "organization", "verb-report", "verb-subject")],
        id="parenthetical-attribution",
    ),
    pytest.param(
        "Mayor Ana Ortiz said after the vote she would not run again next year.",
        [("she would not run again next year", "indirect", "Mayor Ana Ortiz", "named", "verb-report", "verb-subject")],
        id="said-then-when-then-what",
    ),
    pytest.param(
        "The senator asked about the cost of the new bridge.",
        [("about the cost of the new bridge", "indirect", "The senator", "unknown", "verb-report", "verb-subject")],
        id="asked-about",
    ),
    pytest.param(
        "Several council members have privately told reporters frustration with the mayor has grown.",
        [("frustration with the mayor has grown", "indirect", "Several council members", "group", "verb-report",
          "verb-subject")],
        id="group-privately-told-with-the-subject-parsed-as-object",
    ),
    pytest.param(
        "Most members of the club described themselves as moderate voters.",
        [("themselves as moderate voters", "indirect", "Most members of the club", "group", "verb-report",
          "verb-subject")],
        id="described-themselves-as",
    ),
    pytest.param(
        "Asked whether the stadium should be rebuilt, 61 percent of residents said yes.",
        [("yes", "indirect", "61 percent of residents", "unknown", "verb-report", "verb-subject")],
        id="one-word-answer",
    ),
    pytest.param(
        "The new parking plan was denounced by Mayor Ana Ortiz on Monday.",
        [("The new parking plan", "indirect", "Mayor Ana Ortiz", "named", "verb-report", "passive-agent")],
        id="passive-report-of-its-subject",
    ),
    pytest.param(
        "Families who do rent struggle, even with a good job, the Globe reported.",
        [("Families who do rent struggle, even with a good job", "indirect", "the Globe", "organization",
          "verb-report", "verb-subject")],
        id="content-before-a-source-that-ends-the-sentence",
    ),
    pytest.param(
        "The mayor called the plan a waste of money because the city already owns a stadium.",
        [("the plan a waste of money because the city already owns a stadium", "indirect", "The mayor", "unknown",
          "verb-report", "verb-subject")],
        id="reason-clause-goes-on-with-what-was-said",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution(annotate_text, text, expected):
    check_annotation(annotate_text, text, expected)


@pytest.mark.parametrize("text, expected", CASES)
def test_rule_names(nlp, text, expected):
    check_rule_names(nlp, text, expected)
