""""According to …" (builder/annotate/rules/according_to.py): the part of the sentence the phrase covers.

Rows of the attribution table (see tests/attribution_table.py for the columns);
every case is written for this test, none comes from the evaluation set.
"""
from __future__ import annotations

import pytest

from attribution_table import check_annotation, check_rule_names

CASES = [
    pytest.param(
        "The factory will close in June, according to a company filing.",
        [("The factory will close in June", "indirect", "a company filing", "document", "according-to", "according-to-object")],
        id="according-to-document",
    ),
    pytest.param(
        "The governor, according to two aides, plans to veto the bill next week.",
        [("The governor, according to two aides, plans to veto the bill next week", "indirect", "two aides", "anonymous", "according-to", "according-to-object")],
        id="mid-sentence-according-to-covers-the-sentence",
    ),
    pytest.param(
        "“We will close the plant by spring,” the manager told staff, according to two workers.",
        [("“We will close the plant by spring,” the manager told staff", "partial", "two workers", "anonymous",
          "according-to", "according-to-object")],
        id="quote-with-its-own-verb-under-according-to",
    ),
    pytest.param(
        "Ortiz leads Reyes by 11 points, 46 percent to 35 percent, in a three-way race, according to a Tribune"
        " survey conducted immediately after a tape showing Reyes mocking voters was aired Friday.",
        [("Ortiz leads Reyes by 11 points, 46 percent to 35 percent, in a three-way race", "indirect",
          "a Tribune survey conducted immediately", "document", "according-to", "according-to-object")],
        id="according-to-after-its-verb-covers-up-to-its-comma",
    ),
    pytest.param(
        "But, according to the survey, most residents oppose the new tax.",
        [("most residents oppose the new tax", "indirect", "the survey", "document", "according-to", "according-to-object")],
        id="according-to-after-a-leading-conjunction",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution(annotate_text, text, expected):
    check_annotation(annotate_text, text, expected)


@pytest.mark.parametrize("text, expected", CASES)
def test_rule_names(nlp, text, expected):
    check_rule_names(nlp, text, expected)
