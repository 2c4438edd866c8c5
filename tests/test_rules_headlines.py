"""Headlines (builder/annotate/rules/headlines.py): "Source: what they said" and "Source Says …" in title case.

Rows of the attribution table (see tests/attribution_table.py for the columns);
every case is written for this test, none comes from the evaluation set.
"""
from __future__ import annotations

import pytest

from attribution_table import check_annotation, check_rule_names

CASES = [
    pytest.param(
        "Poll: Voters back the new stadium plan",
        [("Voters back the new stadium plan", "indirect", "Poll", "document", "headline", "headline-source")],
        id="headline-source-before-a-colon",
    ),
    pytest.param(
        "Update: The council meeting moved to Thursday.",
        [],
        id="headline-label-is-not-a-source",
    ),
    pytest.param(
        "Senator Ruth Kim: Is the bridge plan dead?",
        [],
        id="headline-question-is-not-a-report",
    ),
    pytest.param(
        "Analysis: Voters want a new stadium",
        [],
        id="headline-header-word-is-not-a-source",
    ),
    pytest.param(
        "Ortiz: ‘Reckless Drivers’ Have ‘No Place On Our Streets.’",
        [("‘Reckless Drivers’ Have ‘No Place On Our Streets.’", "indirect", "Ortiz", "named", "headline",
          "headline-source")],
        id="headline-opening-with-a-short-quotation",
    ),
    pytest.param(
        "Weeks After Storm, Farmers Say The Worst Is Over.",
        [("The Worst Is Over", "indirect", "Farmers", "organization", "title-headline", "headline-source")],
        id="title-case-headline-says",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution(annotate_text, text, expected):
    check_annotation(annotate_text, text, expected)


@pytest.mark.parametrize("text, expected", CASES)
def test_rule_names(nlp, text, expected):
    check_rule_names(nlp, text, expected)
