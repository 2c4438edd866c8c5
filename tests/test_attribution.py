"""Attribution on invented sentences: spans, kinds, speakers and source kinds.

Every case is written for this test; none comes from the evaluation set.
"""
from __future__ import annotations

import pytest

# (text, [(quote text, kind, speaker name, source kind), ...]); the speaker
# name is the source at its most informative mention ("she" → "Nora Blake").
CASES = [
    pytest.param(
        "“We will rebuild the bridge,” Mayor Ana Ortiz said on Monday.",
        [("We will rebuild the bridge,", "direct", "Mayor Ana Ortiz", "named")],
        id="direct-speaker-after",
    ),
    pytest.param(
        "“The budget is balanced,” said Tom Reyes, the city treasurer.",
        [("The budget is balanced,", "direct", "Tom Reyes", "named")],
        id="direct-inverted-said-name",
    ),
    pytest.param(
        'Ortiz said: "We expect the work to finish by May."',
        [("We expect the work to finish by May.", "direct", "Ortiz", "named")],
        id="direct-speaker-before-colon-straight-marks",
    ),
    pytest.param(
        "“The river is rising,” the engineer said, “and we are ready for it.”",
        [("The river is rising,", "direct", "the engineer", "unknown"),
         ("and we are ready for it.", "direct", "the engineer", "unknown")],
        id="split-quote",
    ),
    pytest.param(
        "“Talks will resume next week,” a senior European diplomat said.",
        [("Talks will resume next week,", "direct", "a senior European diplomat", "anonymous")],
        id="anonymous-diplomat",
    ),
    pytest.param(
        "“No deal is close,” said one official familiar with the negotiations.",
        [("No deal is close,", "direct", "one official familiar with the negotiations", "anonymous")],
        id="anonymous-inverted",
    ),
    pytest.param(
        "The ministry said in a statement that the border would reopen on Friday.",
        [("that the border would reopen on Friday", "indirect", "The ministry", "organization")],
        id="indirect-organization",
    ),
    pytest.param(
        "Senator Paula Hart told reporters that the vote would be delayed until spring.",
        [("that the vote would be delayed until spring", "indirect", "Senator Paula Hart", "named")],
        id="indirect-told-that",
    ),
    pytest.param(
        "The factory will close in June, according to a company filing.",
        [("The factory will close in June", "indirect", "a company filing", "document")],
        id="according-to-document",
    ),
    pytest.param(
        "A group of 12 governors warned that the plan would raise costs for families.",
        [("that the plan would raise costs for families", "indirect", "A group of 12 governors", "group")],
        id="indirect-group",
    ),
    pytest.param(
        "Lena Brooks, the union leader, warned of “serious consequences” if the talks fail.",
        [("“serious consequences” if the talks fail", "partial", "Lena Brooks", "named")],
        id="partial-fragment",
    ),
    pytest.param(
        "The mayor called the proposal “a disaster for commuters.”",
        [("the proposal “a disaster for commuters.”", "partial", "The mayor", "unknown")],
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
        [("We did it,", "direct", "Nina Park", "named")],
        id="bracketed-aside-is-not-speech",
    ),
    pytest.param(
        "The so-called “reform” passed anyway after a long night in the chamber.",
        [],
        id="scare-quote-without-speaker",
    ),
    pytest.param(
        "Dr. Kim Lee studies storms.\n\n“Nobody expected the flood to come so fast,” she said.",
        [("Nobody expected the flood to come so fast,", "direct", "Kim Lee", "named")],
        id="pronoun-resolves-to-person",
    ),
    pytest.param(
        "Mark Stone met Jill Park.\n\n“I told Jill Park we would win,” he said.",
        [("I told Jill Park we would win,", "direct", "Mark Stone", "named")],
        id="pronoun-skips-names-inside-quotes",
    ),
    pytest.param(
        "Police chief Omar Diaz spoke first. “We made three arrests,” Diaz said.",
        [("We made three arrests,", "direct", "Omar Diaz", "named")],
        id="surname-resolves-to-full-name",
    ),
    pytest.param(
        "“The talks were frank,” said a senior State Department official.\n\n"
        "“We disagree on the timing,” the official said.",
        [("The talks were frank,", "direct", "a senior State Department official", "anonymous"),
         ("We disagree on the timing,", "direct", "a senior State Department official", "anonymous")],
        id="the-official-resolves-to-first-description",
    ),
    pytest.param(
        "“The first part of a long answer runs here.\n\n“And the second part ends here,” said Rosa Vega.",
        [("The first part of a long answer runs here.", "direct", "Rosa Vega", "named"),
         ("And the second part ends here,", "direct", "Rosa Vega", "named")],
        id="quote-over-two-paragraphs",
    ),
    pytest.param(
        "“We are done with this,” Carla Mendes said.\n\n“It is time to go home.”",
        [("We are done with this,", "direct", "Carla Mendes", "named"),
         ("It is time to go home.", "direct", "Carla Mendes", "named")],
        id="next-paragraph-continues-speaker",
    ),
    pytest.param(
        "The governor, according to two aides, plans to veto the bill next week.",
        [("The governor, according to two aides, plans to veto the bill next week", "indirect", "two aides", "anonymous")],
        id="mid-sentence-according-to-covers-the-sentence",
    ),
    pytest.param(
        "Governor Eva Lind blamed the utility for the blackout last week.",
        [("the utility for the blackout", "indirect", "Governor Eva Lind", "named")],
        id="blamed-x-for-y",
    ),
    pytest.param(
        "A company spokeswoman declined to comment on the lawsuit.",
        [("to comment on the lawsuit", "indirect", "A company spokeswoman", "anonymous")],
        id="declined-to-comment",
    ),
    pytest.param(
        "The reporter Sam Holt asked the senator whether the bill would pass this year.",
        [("whether the bill would pass this year", "indirect", "The reporter Sam Holt", "named")],
        id="asked-whether",
    ),
    pytest.param(
        "The mayor called the stadium deal a giveaway to developers.",
        [("the stadium deal a giveaway to developers", "indirect", "The mayor", "unknown")],
        id="called-x-y",
    ),
    pytest.param(
        "Senator Ruth Kim called on the minister to resign before the vote.",
        [("the minister to resign before the vote", "indirect", "Senator Ruth Kim", "named")],
        id="called-on-x-to-y",
    ),
    pytest.param(
        "Rosa Vega said the plan works and praised the staff.",
        [("the plan works", "indirect", "Rosa Vega", "named"),
         ("the staff", "indirect", "Rosa Vega", "named")],
        id="content-stops-before-a-second-verb",
    ),
    pytest.param(
        "Ivan Petrov said the talks failed, while other delegates said they were hopeful.",
        [("the talks failed", "indirect", "Ivan Petrov", "named"),
         ("they were hopeful", "indirect", "other delegates", "group")],
        id="content-stops-before-a-contrast",
    ),
    pytest.param(
        "Ivan Petrov said exports rose sharply, while imports fell.",
        [("exports rose sharply, while imports fell", "indirect", "Ivan Petrov", "named")],
        id="unattributed-while-clause-is-part-of-what-was-said",
    ),
    pytest.param(
        "The new rules, the agency said, will take effect in March.",
        [("The new rules, the agency said, will take effect in March", "indirect", "the agency", "organization")],
        id="parenthetical-attribution",
    ),
    pytest.param(
        "Senator Dan Moore acknowledged the costly mistake on Tuesday.",
        [("the costly mistake", "indirect", "Senator Dan Moore", "named")],
        id="object-of-acknowledge",
    ),
    pytest.param(
        "Rita Moss called for an independent inquiry into the crash.",
        [("an independent inquiry into the crash", "indirect", "Rita Moss", "named")],
        id="called-for",
    ),
    pytest.param(
        "Senator Ted Lin blasted the county board at a rally in Ohio.",
        [("the county board", "indirect", "Senator Ted Lin", "named")],
        id="object-stops-before-where-it-was-said",
    ),
    pytest.param(
        "Host Tom Kerr spoke with Senator Maria Diaz on Sunday.\n\n“KERR: Thanks for joining us tonight.”\n\n“DIAZ: Glad to be here, Tom.”",
        [("Thanks for joining us tonight.", "direct", "Tom Kerr", "named"),
         ("Glad to be here, Tom.", "direct", "Maria Diaz", "named")],
        id="transcript-speaker-labels",
    ),
    pytest.param(
        "The harbor plan, first drafted a decade ago, “will finally be built this year,” said Mayor Ana Ortiz.",
        [("The harbor plan, first drafted a decade ago, “will finally be built this year,", "partial", "Mayor Ana Ortiz", "named")],
        id="quote-that-finishes-a-narrated-sentence-is-partial",
    ),
    pytest.param(
        "Donald Marsh spoke first. Later, Ivanka Marsh took the stage.\n\n“We are ready,” she said.",
        [("We are ready,", "direct", "Ivanka Marsh", "named")],
        id="pronoun-gender-from-first-name-not-family-name",
    ),
    pytest.param(
        "Dr. Rita Cole ran the ward for years. A hospital spokeswoman said the ward had reopened.\n\n“Visitors are welcome again,” she said.",
        [("the ward had reopened", "indirect", "A hospital spokeswoman", "anonymous"),
         ("Visitors are welcome again,", "direct", "A hospital spokeswoman", "anonymous")],
        id="pronoun-refers-to-a-described-source",
    ),
    pytest.param(
        "Insurers hoped to save money by demanding lower prices from hospitals.",
        [],
        id="object-of-a-participle-is-not-a-source",
    ),
    pytest.param(
        "A recount is unlikely; the clerk's office says the count will be certified on Friday.",
        [("the count will be certified on Friday", "indirect", "the clerk's office", "organization")],
        id="complement-after-the-verb-not-before-a-semicolon",
    ),
    pytest.param(
        "Mayor Ana Ortiz said the pool would reopen in June, and when asked about the cost, she declined to answer.",
        [("the pool would reopen in June", "indirect", "Mayor Ana Ortiz", "named"),
         ("to answer", "indirect", "Mayor Ana Ortiz", "named")],
        id="content-stops-where-the-reporter-returns",
    ),
    pytest.param(
        "The water agency said the dam was safe.\n\nIt said repairs would start in May.\n\nIt is said that the lake is deep. It is fair to say the town was lucky.",
        [("the dam was safe", "indirect", "The water agency", "organization"),
         ("repairs would start in May", "indirect", "The water agency", "organization")],
        id="it-said-refers-to-an-organisation-it-is-said-does-not",
    ),
    pytest.param(
        "Other senators joined Maria Lopez's call for an independent audit of the agency.",
        [("an independent audit of the agency", "indirect", "Maria Lopez", "named")],
        id="report-built-on-a-noun",
    ),
    pytest.param(
        "Governor Eva Lind released a statement saying she would not attend the parade.",
        [("she would not attend the parade", "indirect", "Governor Eva Lind", "named")],
        id="whoever-issues-a-statement-speaks-through-it",
    ),
    pytest.param(
        "Protesters carried a sign saying the war must end soon.",
        [("the war must end soon", "indirect", "a sign", "unknown")],
        id="speaker-words-stop-before-the-reporting-verb",
    ),
    pytest.param(
        "“The levee held,” said Mayor Tom Reed.\n\nSenator Ana Ruiz toured the flooded town on Monday. “We will rebuild every house.”",
        [("The levee held,", "direct", "Mayor Tom Reed", "named"),
         ("We will rebuild every house.", "direct", "Senator Ana Ruiz", "named")],
        id="unattributed-quote-after-a-sentence-about-a-person",
    ),
    pytest.param(
        "Our pick this week is “How the river town rebuilt its harbor after the storm,” by Jane Doe.",
        [],
        id="title-with-a-byline-is-not-a-quote",
    ),
    pytest.param(
        "Poll: Voters back the new stadium plan",
        [("Voters back the new stadium plan", "indirect", "Poll", "document")],
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
        [("the cost of the new bridge", "indirect", "Senator Ruth Kim", "named")],
        id="verb-and-noun-report-together",
    ),
    pytest.param(
        "Mayor Ana Ortiz said after the vote she would not run again next year.",
        [("she would not run again next year", "indirect", "Mayor Ana Ortiz", "named")],
        id="said-then-when-then-what",
    ),
    pytest.param(
        "The council heard from Omar Haddad, who said the bridge was unsafe.",
        [("the bridge was unsafe", "indirect", "Omar Haddad", "named")],
        id="relative-pronoun-speaks-for-its-antecedent",
    ),
    pytest.param(
        "Hillary Barnes met Tom Reed on Monday.\n\n“We have a deal,” she said.",
        [("We have a deal,", "direct", "Hillary Barnes", "named")],
        id="pronoun-agrees-in-gender",
    ),
    pytest.param(
        "Ivan Petrov said “this never closes and goes on.\n\n“A clean quote,” said Ivan Petrov.",
        [("this never closes", "indirect", "Ivan Petrov", "named"),
         ("A clean quote,", "direct", "Ivan Petrov", "named")],
        id="unbalanced-mark-does-not-swallow-the-rest",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution(annotate_text, text, expected):
    article = annotate_text(text)
    got = [(q.text, q.kind, q.speaker.name, q.speaker.kind) for q in article.quotes]
    assert got == expected
    for q in article.quotes:
        sp = q.speaker
        assert article.text[q.start:q.end] == q.text
        assert article.text[sp.start:sp.end] == sp.text
        assert article.text[sp.name_start:sp.name_end] == sp.name


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
