"""Attribution on invented sentences: spans, kinds, speakers and source kinds.

Every case is written for this test; none comes from the evaluation set.
"""
from __future__ import annotations

import textwrap

import pytest

from builder.read import paragraph_spans
from builder.annotate.attribution import Candidate, attribute_paragraph
from builder.annotate.marks import find_quoted

# (text, [(quote text, kind, speaker name, source kind, quote rule, speaker rule), ...]);
# the speaker name is the source at its most informative mention ("she" →
# "Nora Blake"). The rules are the names of the rule that found the quote in
# its paragraph (`Candidate.rule`) and of the way the speaker's words there were
# found (`Who.rule`), "" when the paragraph names no speaker for it (a
# continuation, or the first part of a quote attributed in a later paragraph).
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
        "The factory will close in June, according to a company filing.",
        [("The factory will close in June", "indirect", "a company filing", "document", "according-to", "according-to-object")],
        id="according-to-document",
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
        "The mayor called the proposal “a disaster for commuters.”",
        [("the proposal “a disaster for commuters.”", "partial", "The mayor", "unknown", "quoted-fragment", "verb-subject")],
        id="partial-called",
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
        "The governor, according to two aides, plans to veto the bill next week.",
        [("The governor, according to two aides, plans to veto the bill next week", "indirect", "two aides", "anonymous", "according-to", "according-to-object")],
        id="mid-sentence-according-to-covers-the-sentence",
    ),
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
        "The reporter Sam Holt asked the senator whether the bill would pass this year.",
        [("whether the bill would pass this year", "indirect", "The reporter Sam Holt", "named", "verb-report", "verb-subject")],
        id="asked-whether",
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
        "The union called for the board to resign, noting that the audit found serious errors.",
        [("the board to resign", "indirect", "The union", "organization", "verb-report", "verb-subject"),
         ("that the audit found serious errors", "indirect", "The union", "organization", "verb-report", "verb-subject")],
        id="called-for-x-to-y-noting-that",
    ),
    pytest.param(
        "Mayor Ana Ortiz has vowed to veto the parking plan on Monday.",
        [("to veto the parking plan", "indirect", "Mayor Ana Ortiz", "named", "verb-report", "verb-subject")],
        id="vowed-to",
    ),
    pytest.param(
        "The coach implied the referees were biased against his team.",
        [("the referees were biased against his team", "indirect", "The coach", "unknown", "verb-report", "verb-subject")],
        id="implied",
    ),
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
        "Ivan Petrov said exports rose sharply, while imports fell.",
        [("exports rose sharply, while imports fell", "indirect", "Ivan Petrov", "named", "verb-report", "verb-subject")],
        id="unattributed-while-clause-is-part-of-what-was-said",
    ),
    pytest.param(
        "The new rules, the agency said, will take effect in March.",
        [("The new rules, the agency said, will take effect in March", "indirect", "the agency", "organization", "verb-report", "verb-subject")],
        id="parenthetical-attribution",
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
        "Senator Ted Lin blasted the county board at a rally in Ohio.",
        [("the county board", "indirect", "Senator Ted Lin", "named", "verb-report", "verb-subject")],
        id="object-stops-before-where-it-was-said",
    ),
    pytest.param(
        "Host Tom Kerr spoke with Senator Maria Diaz on Sunday.\n\n“KERR: Thanks for joining us tonight.”\n\n“DIAZ: Glad to be here, Tom.”",
        [("Thanks for joining us tonight.", "direct", "Tom Kerr", "named", "transcript-label", "transcript-label"),
         ("Glad to be here, Tom.", "direct", "Maria Diaz", "named", "transcript-label", "transcript-label")],
        id="transcript-speaker-labels",
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
        "Judge Mia Hart said that ''the law is clear'' and that ''no one is above it.''",
        [("that ''the law is clear'' and that ''no one is above it.''", "partial", "Judge Mia Hart", "named",
          "verb-report", "verb-subject")],
        id="report-ending-inside-a-quotation-takes-its-closing-mark",
    ),
    pytest.param(
        "Last week the agency declared “the river is safe for swimming again.”",
        [("the river is safe for swimming again.", "direct", "the agency", "organization", "verb-report", "verb-subject")],
        id="report-that-is-all-one-quotation-is-direct",
    ),
    pytest.param(
        "The new ad targets a “broken tax code that keeps working families out of every room where the deals"
        " are made.”",
        [("a “broken tax code that keeps working families out of every room where the deals are made.”",
          "partial", "", "unknown", "continuation", "")],
        id="long-quotation-run-into-a-clause-is-partial-from-the-clause",
    ),
    pytest.param(
        "“We will close the plant by spring,” the manager told staff, according to two workers.",
        [("“We will close the plant by spring,” the manager told staff", "partial", "two workers", "anonymous",
          "according-to", "according-to-object")],
        id="quote-with-its-own-verb-under-according-to",
    ),
    pytest.param(
        "The ads will attack Governor Ben Ortiz and Sen. Lisa Crane (R-Utah).",
        [("Governor Ben Ortiz and Sen. Lisa Crane (R-Utah)", "indirect", "The ads", "document", "verb-report",
          "verb-subject")],
        id="report-takes-the-closing-bracket-it-opened",
    ),
    pytest.param(
        "Rosa Vega said the council approved the budget and will start work in May.",
        [("the council approved the budget and will start work in May", "indirect", "Rosa Vega", "named",
          "verb-report", "verb-subject")],
        id="content-keeps-a-second-verb-that-is-not-of-saying",
    ),
    pytest.param(
        "Donald Marsh spoke first. Later, Ivanka Marsh took the stage.\n\n“We are ready,” she said.",
        [("We are ready,", "direct", "Ivanka Marsh", "named", "direct", "verb-subject")],
        id="pronoun-gender-from-first-name-not-family-name",
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
        "But in a phone call with reporters on Jan. 4, Col. Ana Ortiz, a police spokeswoman in Denver, said, "
        "“We mean to find them. There is no doubt about that.”",
        [("We mean to find them. There is no doubt about that.", "direct", "Col. Ana Ortiz", "named", "direct",
          "name-before")],
        id="verb-the-parser-left-without-subject-takes-the-name-before",
    ),
    pytest.param(
        "Protesters carried a sign saying the war must end soon.",
        [("the war must end soon", "indirect", "a sign", "unknown", "verb-report", "participle-noun")],
        id="speaker-words-stop-before-the-reporting-verb",
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
        "Senator Ruth Kim voiced concern about the cost of the new bridge.",
        [("the cost of the new bridge", "indirect", "Senator Ruth Kim", "named", "light-verb-report", "verb-subject")],
        id="verb-and-noun-report-together",
    ),
    pytest.param(
        "Mayor Ana Ortiz said after the vote she would not run again next year.",
        [("she would not run again next year", "indirect", "Mayor Ana Ortiz", "named", "verb-report", "verb-subject")],
        id="said-then-when-then-what",
    ),
    pytest.param(
        "The council heard from Omar Haddad, who said the bridge was unsafe.",
        [("the bridge was unsafe", "indirect", "Omar Haddad", "named", "verb-report", "relative-pronoun")],
        id="relative-pronoun-speaks-for-its-antecedent",
    ),
    pytest.param(
        "Hillary Barnes met Tom Reed on Monday.\n\n“We have a deal,” she said.",
        [("We have a deal,", "direct", "Hillary Barnes", "named", "direct", "verb-subject")],
        id="pronoun-agrees-in-gender",
    ),
    pytest.param(
        "Ivan Petrov said “this never closes and goes on.\n\n“A clean quote,” said Ivan Petrov.",
        [("this never closes and goes on", "indirect", "Ivan Petrov", "named", "verb-report", "verb-subject"),
         ("A clean quote,", "direct", "Ivan Petrov", "named", "direct", "verb-subject")],
        id="unbalanced-mark-does-not-swallow-the-rest",
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
        "The senator criticized the so-called “reform” of the tax code.",
        [("the so-called “reform” of the tax code", "indirect", "The senator", "unknown", "verb-report", "verb-subject")],
        id="scare-quote-inside-a-report",
    ),
    pytest.param(
        "“We lost power at midnight,” said Ann Lee.\n\nThen came “the loudest storm anyone in this town has ever seen, and it did not stop until dawn.”",
        [("We lost power at midnight,", "direct", "Ann Lee", "named", "direct", "verb-subject"),
         ("the loudest storm anyone in this town has ever seen, and it did not stop until dawn.", "direct", "Ann Lee", "named", "continuation", "")],
        id="long-quote-run-into-a-sentence",
    ),
    pytest.param(
        "Ann Lee said the mayor argued that taxes should rise.",
        [("the mayor argued that taxes should rise", "indirect", "Ann Lee", "named", "verb-report", "verb-subject")],
        id="report-inside-a-report-is-taken-once",
    ),
    pytest.param(
        "“We did it,” said Nina Park. “(APPLAUSE.)”",
        [("We did it,", "direct", "Nina Park", "named", "direct", "verb-subject")],
        id="bracketed-aside-next-to-a-quote-is-not-speech",
    ),
    pytest.param(
        "The senator asked about the cost of the new bridge.",
        [("about the cost of the new bridge", "indirect", "The senator", "unknown", "verb-report", "verb-subject")],
        id="asked-about",
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
        "BOSTON -- Governor Eva Lind, speaking at a rally, said the state would cut taxes.",
        [("the state would cut taxes", "indirect", "Governor Eva Lind", "named", "verb-report", "dateline-apposition")],
        id="dateline-parsed-as-the-subject",
    ),
    pytest.param(
        "The band played its hit. “Summer Rain” came next.",
        [],
        id="short-quoted-name-is-not-a-quote",
    ),
    pytest.param(
        "Analysis: Voters want a new stadium",
        [],
        id="headline-header-word-is-not-a-source",
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
        "“The levee will hold.” The chief engineer said it twice.",
        [("The levee will hold.", "direct", "The chief engineer", "unknown", "direct", "verb-subject")],
        id="attribution-in-a-short-sentence-after-the-quote",
    ),
    pytest.param(
        "“We are done,” reply Ann Lee and Bo Marsh.",
        [("We are done,", "direct", "Ann Lee and Bo Marsh", "named", "direct", "inverted-subject")],
        id="inverted-verb-with-two-speakers-parsed-as-its-object",
    ),
    pytest.param(
        '“The pier stays closed," the harbor master said. "Storms come first,” said Ann Lee.',
        [("The pier stays closed,", "direct", "the harbor master", "unknown", "direct", "verb-subject"),
         ("Storms come first,", "direct", "Ann Lee", "named", "direct", "verb-subject")],
        id="quotes-opened-and-closed-with-different-marks",
    ),
    pytest.param(
        "Vice Mayor Lia Soto refused to rule out “fines” if the company closes the plant.",
        [("to rule out “fines” if the company closes the plant", "partial", "Vice Mayor Lia Soto", "named",
          "quoted-fragment", "verb-subject")],
        id="quoted-word-under-a-refusal",
    ),
    pytest.param(
        "Several council members have privately told reporters frustration with the mayor has grown.",
        [("frustration with the mayor has grown", "indirect", "Several council members", "group", "verb-report",
          "verb-subject")],
        id="group-privately-told-with-the-subject-parsed-as-object",
    ),
    pytest.param(
        "Several aides privately said the campaign was running out of money.",
        [("the campaign was running out of money", "indirect", "Several aides", "anonymous", "verb-report",
          "verb-subject")],
        id="group-privately-said",
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
        "Senator Ivo Marsh said the bridge was unsafe before claiming that the state had wasted millions.",
        [("the bridge was unsafe", "indirect", "Senator Ivo Marsh", "named", "verb-report", "verb-subject"),
         ("that the state had wasted millions", "indirect", "Senator Ivo Marsh", "named", "verb-report",
          "verb-subject")],
        id="report-stops-before-a-gerund-of-saying",
    ),
    pytest.param(
        "The governor said the mine would close, while trying to explain his plan for new jobs.",
        [("the mine would close", "indirect", "The governor", "unknown", "verb-report", "verb-subject"),
         ("his plan for new jobs", "indirect", "The governor", "unknown", "verb-report", "verb-subject")],
        id="report-stops-before-while-and-a-gerund-of-saying",
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
    pytest.param(
        "The mayor voiced a wish for a quieter and cleaner harbor.",
        [("a quieter and cleaner harbor", "indirect", "The mayor", "unknown", "light-verb-report", "verb-subject")],
        id="light-verb-with-its-preposition-parsed-onto-the-verb",
    ),
    pytest.param(
        "The coach told reporters on Friday: “We are ready for the final.”",
        [("We are ready for the final.", "direct", "The coach", "unknown", "direct", "verb-subject")],
        id="hearer-before-a-colon-quote-stays-direct",
    ),
    pytest.param(
        "Most members of the club described themselves as moderate voters.",
        [("themselves as moderate voters", "indirect", "Most members of the club", "group", "verb-report",
          "verb-subject")],
        id="described-themselves-as",
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
        "Families who do rent struggle, even with a good job, the Globe reported.",
        [("Families who do rent struggle, even with a good job", "indirect", "the Globe", "organization",
          "verb-report", "verb-subject")],
        id="content-before-a-source-that-ends-the-sentence",
    ),
    pytest.param(
        "Ortiz: ‘Reckless Drivers’ Have ‘No Place On Our Streets.’",
        [("‘Reckless Drivers’ Have ‘No Place On Our Streets.’", "indirect", "Ortiz", "named", "headline",
          "headline-source")],
        id="headline-opening-with-a-short-quotation",
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
    pytest.param(
        "Weeks After Storm, Farmers Say The Worst Is Over.",
        [("The Worst Is Over", "indirect", "Farmers", "organization", "title-headline", "headline-source")],
        id="title-case-headline-says",
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
    pytest.param(
        "The mayor called the plan a waste of money because the city already owns a stadium.",
        [("the plan a waste of money because the city already owns a stadium", "indirect", "The mayor", "unknown",
          "verb-report", "verb-subject")],
        id="reason-clause-goes-on-with-what-was-said",
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


def parse_paragraphs(nlp, text: str) -> list[tuple]:
    """Each paragraph of `text` (as `annotate` splits it), parsed, with its paired marks."""
    text = textwrap.dedent(text).strip()
    found = []
    for doc in nlp.pipe(text[p.start:p.end] for p in paragraph_spans(text)):
        quoted, _ = find_quoted(doc.text)
        found.append((doc, quoted))
    return found


def candidates(parsed: list[tuple]) -> list[tuple[str, Candidate]]:
    """(paragraph text, candidate) for every candidate of every parsed paragraph."""
    return [(doc.text, c) for doc, quoted in parsed for c in attribute_paragraph(doc, quoted)]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution(annotate_text, text, expected):
    article = annotate_text(text)
    got = [(q.text, q.kind, q.speaker.name, q.speaker.kind) for q in article.quotes]
    assert got == [e[:4] for e in expected]
    for q in article.quotes:
        sp = q.speaker
        assert article.text[q.start:q.end] == q.text
        assert article.text[sp.start:sp.end] == sp.text
        assert article.text[sp.name_start:sp.name_end] == sp.name


@pytest.mark.parametrize("text, expected", CASES)
def test_rule_names(nlp, text, expected):
    got = [(para[c.start:c.end], c.kind, c.rule, c.who.rule if c.who else "")
           for para, c in candidates(parse_paragraphs(nlp, text)) if c.kind != "source"]
    assert got == [(e[0], e[1], e[4], e[5]) for e in expected]


def test_partial_quote_has_fragments(annotate_text):
    article = annotate_text("Lena Brooks warned of “serious consequences” if the talks fail.")
    (quote,) = article.quotes
    assert [article.text[f.start:f.end] for f in quote.fragments] == ["serious consequences"]


def test_pronoun_is_kept_as_written_and_named_by_its_antecedent(annotate_text):
    article = annotate_text("Dr. Kim Lee studies storms.\n\n“It came fast,” she said.")
    sp = article.quotes[0].speaker
    assert (sp.text, sp.name) == ("she", "Kim Lee")
    assert article.text[sp.start:sp.end] == "she"


def test_annotation_does_not_depend_on_other_articles(nlp):
    from builder.annotate import annotate
    from builder.read import paragraph_spans
    from builder.records import Article

    text = "“We will win,” said Ada Moss."
    one = Article(id="a", title="a", source="a", text=text, paragraphs=paragraph_spans(text))
    first = annotate(one, nlp)
    annotate(Article(id="b", title="b", source="b", text="“No,” said Bo Li.", paragraphs=paragraph_spans("“No,” said Bo Li.")), nlp)
    assert annotate(one, nlp) == first


def test_offsets_point_at_the_speaker_and_cue(annotate_text):
    article = annotate_text("“The first part runs on.\n\n“And it ends here,” said Rosa Vega.")
    for q in article.quotes:
        assert article.text[q.speaker.start:q.speaker.end] == "Rosa Vega"
        assert article.text[q.cue.start:q.cue.end] == "said"


def test_unclosed_quote_does_not_run_into_a_plain_paragraph(annotate_text, caplog):
    text = "“This mark never closes, said Ann Lee.\n\nThe council met.\n\n“Final words,” said Ann Lee."
    with caplog.at_level("WARNING"):
        article = annotate_text(text)
    assert [(q.text, q.speaker.name) for q in article.quotes] == [("Final words,", "Ann Lee")]
    assert "paragraph 1 has an unclosed quotation mark" in caplog.text


def test_the_official_can_refer_to_a_source_named_by_a_passive_agent(annotate_text):
    text = ("“We will leave,” a minister said, as relayed by a senior European diplomat.\n\n"
            "“The mood is grim,” said the diplomat, like others granted anonymity to describe private talks.")
    quotes = annotate_text(text).quotes
    assert [q.speaker.name for q in quotes] == ["a minister", "a senior European diplomat"]
    assert quotes[1].speaker.text == "the diplomat"
    assert "anonymity" in quotes[1].speaker.reason
