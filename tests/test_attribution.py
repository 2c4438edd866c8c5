"""Attribution of whole articles: what holds across paragraphs and rules.

The rules' own tables are in tests/test_rules_<family>.py, one module per
family of rule (builder/annotate/rules/). Every case is written for this test;
none comes from the evaluation set.
"""
from __future__ import annotations

import pytest


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


@pytest.mark.parametrize("text", [
    "ORLANDO, Fla. (Reuters) - President Barack Obama met survivors on Thursday and said the country must act.",
    "Washington (AFP) – Democrat Barack Obama took a swipe at his rival, saying that the plan would fail.",
    "SELMA, Ala. — Barack Obama said on Sunday that the country must act.",
])
def test_a_dateline_is_never_the_speaker(annotate_text, text):
    art = annotate_text(text)
    assert art.quotes and all("Obama" in q.speaker.text for q in art.quotes)


@pytest.mark.parametrize("text, speaker", [
    ("Reporter Ann Lee says:\n\n“The harbor is closed until Monday.”", "Reporter Ann Lee"),
    ("The council released the following statement:\n\n“The bridge will reopen in May.”", "The council"),
    ("Mayor Bo Diaz spoke first.\n\n“The bridge will reopen in May,” said Ann Lee.", "Ann Lee"),  # no colon: its own
])
def test_a_quotation_paragraph_takes_the_source_of_a_lead_in_ending_with_a_colon(annotate_text, text, speaker):
    (quote,) = annotate_text(text).quotes
    assert quote.speaker.text == speaker


def test_a_paragraph_of_doubled_apostrophes_gives_no_bogus_partial_quotes(annotate_text):
    """The New York Times' typewriter marks: titles in '' are not quotes, possessive
    apostrophes close nothing, and the one quotation is read as with curly marks."""
    text = ("The store's ''Buy American'' sign and the mayor's ''Main Street'' plan were mentioned. "
            "It's the owners' ''best season,'' Ms. Lee said.")
    curly = text.replace("''", "“", 1).replace("''", "”", 1).replace("''", "“", 1).replace("''", "”", 1) \
        .replace("''", "“", 1).replace("''", "”", 1)
    got = [(q.text, q.speaker.text) for q in annotate_text(text).quotes]
    assert got == [("It's the owners' ''best season,''", "Ms. Lee")]
    assert len(annotate_text(curly).quotes) == 1
