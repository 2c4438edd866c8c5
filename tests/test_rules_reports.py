"""Reports after verbs, nouns and light verbs (builder/annotate/rules/reports.py): what a reporting verb, noun or light verb reports,
and the words naming its source.

Rows of the attribution table (see tests/attribution_table.py for the columns);
every case is written for this test, none comes from the evaluation set.
"""
from __future__ import annotations

import pytest

from attribution_table import check_annotation, check_rule_names

CASES = [
    pytest.param(
        "The ministry said in a statement that the border would reopen on Friday.",
        [("that the border would reopen on Friday", "indirect", "The ministry", "organization", "verb-report", "verb-subject")],
        id="indirect-organization",
    ),
    pytest.param(
        "Senator Paula Hart told reporters that the vote would be delayed until spring.",
        [("that the vote would be delayed until spring", "indirect", "Senator Paula Hart", "named", "verb-report", "verb-subject")],
        id="indirect-told-that",
    ),
    pytest.param(
        "A group of 12 governors warned that the plan would raise costs for families.",
        [("that the plan would raise costs for families", "indirect", "A group of 12 governors", "group", "verb-report", "verb-subject")],
        id="indirect-group",
    ),
    pytest.param(
        "Lena Brooks, the union leader, warned of “serious consequences” if the talks fail.",
        [("“serious consequences” if the talks fail", "partial", "Lena Brooks", "named", "verb-report", "verb-subject")],
        id="partial-fragment",
    ),
    pytest.param(
        "The reporter Sam Holt asked the senator whether the bill would pass this year.",
        [("whether the bill would pass this year", "indirect", "The reporter Sam Holt", "named", "verb-report", "verb-subject")],
        id="asked-whether",
    ),
    pytest.param(
        "The union called for the board to resign, noting that the audit found serious errors.",
        [("the board to resign", "indirect", "The union", "organization", "verb-report", "verb-subject"),
         ("that the audit found serious errors", "indirect", "The union", "organization", "verb-report", "verb-subject")],
        id="called-for-x-to-y-noting-that",
    ),
    pytest.param(
        "The coach implied the referees were biased against his team.",
        [("the referees were biased against his team", "indirect", "The coach", "unknown", "verb-report", "verb-subject")],
        id="implied",
    ),
    pytest.param(
        "Ivan Petrov said exports rose sharply, while imports fell.",
        [("exports rose sharply, while imports fell", "indirect", "Ivan Petrov", "named", "verb-report", "verb-subject")],
        id="unattributed-while-clause-is-part-of-what-was-said",
    ),
    pytest.param(
        "Senator Dan Moore acknowledged the costly mistake on Tuesday.",
        [("the costly mistake", "indirect", "Senator Dan Moore", "named", "verb-report", "verb-subject")],
        id="object-of-acknowledge",
    ),
    pytest.param(
        "Rita Moss called for an independent inquiry into the crash.",
        [("an independent inquiry into the crash", "indirect", "Rita Moss", "named", "verb-report", "verb-subject")],
        id="called-for",
    ),
    pytest.param(
        "Last week the agency declared “the river is safe for swimming again.”",
        [("the river is safe for swimming again.", "direct", "the agency", "organization", "verb-report", "verb-subject")],
        id="report-that-is-all-one-quotation-is-direct",
    ),
    pytest.param(
        "Rosa Vega said the council approved the budget and will start work in May.",
        [("the council approved the budget and will start work in May", "indirect", "Rosa Vega", "named",
          "verb-report", "verb-subject")],
        id="content-keeps-a-second-verb-that-is-not-of-saying",
    ),
    pytest.param(
        "Dr. Rita Cole ran the ward for years. A hospital spokeswoman said the ward had reopened.\n\n“Visitors are welcome again,” she said.",
        [("the ward had reopened", "indirect", "A hospital spokeswoman", "anonymous", "verb-report", "verb-subject"),
         ("Visitors are welcome again,", "direct", "A hospital spokeswoman", "anonymous", "direct", "verb-subject")],
        id="pronoun-refers-to-a-described-source",
    ),
    pytest.param(
        "Insurers hoped to save money by demanding lower prices from hospitals.",
        [],
        id="object-of-a-participle-is-not-a-source",
    ),
    pytest.param(
        "A recount is unlikely; the clerk's office says the count will be certified on Friday.",
        [("the count will be certified on Friday", "indirect", "the clerk's office", "organization", "verb-report", "verb-subject")],
        id="complement-after-the-verb-not-before-a-semicolon",
    ),
    pytest.param(
        "Mayor Ana Ortiz said the pool would reopen in June, and when asked about the cost, she declined to answer.",
        [("the pool would reopen in June", "indirect", "Mayor Ana Ortiz", "named", "verb-report", "verb-subject"),
         ("to answer", "indirect", "Mayor Ana Ortiz", "named", "verb-report", "verb-subject")],
        id="content-stops-where-the-reporter-returns",
    ),
    pytest.param(
        "The water agency said the dam was safe.\n\nIt said repairs would start in May.\n\nIt is said that the lake is deep. It is fair to say the town was lucky.",
        [("the dam was safe", "indirect", "The water agency", "organization", "verb-report", "verb-subject"),
         ("repairs would start in May", "indirect", "The water agency", "organization", "verb-report", "verb-subject")],
        id="it-said-refers-to-an-organisation-it-is-said-does-not",
    ),
    pytest.param(
        "Other senators joined Maria Lopez's call for an independent audit of the agency.",
        [("an independent audit of the agency", "indirect", "Maria Lopez", "named", "noun-report", "noun-possessor")],
        id="report-built-on-a-noun",
    ),
    pytest.param(
        "Governor Eva Lind released a statement saying she would not attend the parade.",
        [("she would not attend the parade", "indirect", "Governor Eva Lind", "named", "verb-report", "issuer")],
        id="whoever-issues-a-statement-speaks-through-it",
    ),
    pytest.param(
        "Protesters carried a sign saying the war must end soon.",
        [("the war must end soon", "indirect", "a sign", "unknown", "verb-report", "participle-noun")],
        id="speaker-words-stop-before-the-reporting-verb",
    ),
    pytest.param(
        "Senator Ruth Kim voiced concern about the cost of the new bridge.",
        [("the cost of the new bridge", "indirect", "Senator Ruth Kim", "named", "light-verb-report", "verb-subject")],
        id="verb-and-noun-report-together",
    ),
    pytest.param(
        "The council heard from Omar Haddad, who said the bridge was unsafe.",
        [("the bridge was unsafe", "indirect", "Omar Haddad", "named", "verb-report", "relative-pronoun")],
        id="relative-pronoun-speaks-for-its-antecedent",
    ),
    pytest.param(
        "Ivan Petrov said “this never closes and goes on.\n\n“A clean quote,” said Ivan Petrov.",
        [("this never closes and goes on", "indirect", "Ivan Petrov", "named", "verb-report", "verb-subject"),
         ("A clean quote,", "direct", "Ivan Petrov", "named", "direct", "verb-subject")],
        id="unbalanced-mark-does-not-swallow-the-rest",
    ),
    pytest.param(
        "The demand by the union for higher wages was rejected on Friday.",
        [("higher wages", "indirect", "the union", "organization", "noun-report", "noun-by-phrase")],
        id="report-noun-with-a-by-phrase",
    ),
    pytest.param(
        "Democratic criticism of the plan grew louder after the crash.",
        [("the plan", "indirect", "Democratic", "group", "noun-report", "noun-modifier")],
        id="report-noun-with-a-group-modifier",
    ),
    pytest.param(
        "It was announced by the ministry that the border would reopen on Friday.",
        [("that the border would reopen on Friday", "indirect", "the ministry", "organization", "verb-report", "passive-agent")],
        id="passive-agent-speaks",
    ),
    pytest.param(
        "“We will leave,” a minister said, as relayed by a senior European diplomat.\n\n“The mood is grim,” said the diplomat.",
        [("We will leave,", "direct", "a minister", "anonymous", "direct", "verb-subject"),
         ("The mood is grim,", "direct", "a senior European diplomat", "anonymous", "direct", "verb-subject")],
        id="source-named-by-a-passive-agent-is-remembered",
    ),
    pytest.param(
        "Ann Lee said the plan would cost little, but critics doubted the figures.",
        [("the plan would cost little", "indirect", "Ann Lee", "named", "verb-report", "verb-subject")],
        id="contrast-with-its-own-subject-is-cut",
    ),
    pytest.param(
        "The mayor told reporters on Monday the bridge would reopen soon.",
        [("the bridge would reopen soon", "indirect", "The mayor", "unknown", "verb-report", "verb-subject")],
        id="told-the-hearer-then-what",
    ),
    pytest.param(
        "BOSTON -- the governor, speaking at a rally, said the state would cut taxes.",
        [("the state would cut taxes", "indirect", "the governor", "unknown", "verb-report", "dateline-apposition")],
        id="dateline-parsed-as-the-subject",
    ),
    pytest.param(
        "Several aides privately said the campaign was running out of money.",
        [("the campaign was running out of money", "indirect", "Several aides", "anonymous", "verb-report",
          "verb-subject")],
        id="group-privately-said",
    ),
    pytest.param(
        "Ada Moss said the storm closed the port for a week, forcing ships to wait offshore.",
        [("the storm closed the port for a week, forcing ships to wait offshore", "indirect", "Ada Moss", "named",
          "verb-report", "verb-subject")],
        id="report-keeps-a-trailing-participle-not-of-saying",
    ),
    pytest.param(
        "Ada Moss said the plan would fail, citing the cost of steel.",
        [("the plan would fail", "indirect", "Ada Moss", "named", "verb-report", "verb-subject"),
         ("the cost of steel", "indirect", "Ada Moss", "named", "verb-report", "verb-subject")],
        id="report-stops-before-a-trailing-participle-of-saying",
    ),
    pytest.param(
        "The governor said the mine would close, while trying to explain his plan for new jobs.",
        [("the mine would close", "indirect", "The governor", "unknown", "verb-report", "verb-subject"),
         ("his plan for new jobs", "indirect", "The governor", "unknown", "verb-report", "verb-subject")],
        id="report-stops-before-while-and-a-gerund-of-saying",
    ),
    pytest.param(
        "The mayor voiced a wish for a quieter and cleaner harbor.",
        [("a quieter and cleaner harbor", "indirect", "The mayor", "unknown", "light-verb-report", "verb-subject")],
        id="light-verb-with-its-preposition-parsed-onto-the-verb",
    ),
    pytest.param(
        "The mayor referred to the council as a “circus.”",
        [("the council as a “circus.”", "partial", "The mayor", "unknown", "verb-report", "verb-subject")],
        id="referred-to-x-as-y",
    ),
    pytest.param(
        "Ada Moss ended the meeting by promising to reopen the library.",
        [("to reopen the library", "indirect", "Ada Moss", "named", "verb-report", "verb-subject")],
        id="gerund-of-saying-after-by",
    ),
    pytest.param(
        "The memo disclosed by the agency on Friday made no mention of the bridge.",
        [("The memo", "indirect", "the agency", "organization", "verb-report", "passive-agent")],
        id="participle-report-of-its-noun",
    ),
    pytest.param(
        "Ada Moss tried to calm the crowd by promising to reopen the library.",
        [("to reopen the library", "indirect", "Ada Moss", "named", "verb-report", "verb-subject")],
        id="gerund-of-saying-under-a-control-verb",
    ),
    pytest.param(
        "Younger voters were more likely to say the economy was improving.",
        [("the economy was improving", "indirect", "Younger voters", "group", "verb-report", "verb-subject")],
        id="saying-under-an-adjective",
    ),
    pytest.param(
        "But Trump claims that he deserves the credit.",
        [("that he deserves the credit", "indirect", "Trump", "named", "verb-report", "verb-subject")],
        id="reporting-verb-tagged-as-a-noun",
    ),
    pytest.param(
        "The senator thanked the volunteers for their work after the flood.",
        [("the volunteers for their work", "indirect", "The senator", "unknown", "verb-report", "verb-subject")],
        id="thanked-x-for-y",
    ),
    pytest.param(
        "Her attacks on the transit board drew loud applause from the crowd.",
        [("the transit board", "indirect", "Her", "unknown", "noun-report", "noun-possessor")],
        id="attacks-on-x",
    ),
    pytest.param(
        "Nora Blake pointed out the flaws in the new budget.",
        [("the flaws in the new budget", "indirect", "Nora Blake", "named", "verb-report", "verb-subject")],
        id="pointed-out",
    ),
    pytest.param(
        "The coach asked the league for a new schedule.",
        [("a new schedule", "indirect", "The coach", "unknown", "verb-report", "verb-subject")],
        id="asked-for",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution(annotate_text, text, expected):
    check_annotation(annotate_text, text, expected)


@pytest.mark.parametrize("text, expected", CASES)
def test_rule_names(nlp, text, expected):
    check_rule_names(nlp, text, expected)
