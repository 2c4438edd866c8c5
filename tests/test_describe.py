"""Descriptions and parties of people from the text (builder/describe.py)."""
from __future__ import annotations

import dataclasses

import pytest

from base import actor, article, quote

from builder.describe import describe_actors, is_role


def _described(text: str, name: str = "Ann Lee", *, quotes=()):
    """The Ann Lee actor of a one-article corpus, described; every occurrence of `name` is a mention."""
    spans, at = [], text.find(name)
    while at >= 0:
        spans.append(("a", at, at + len(name)))
        at = text.find(name, at + 1)
    [found] = describe_actors([article("a", text, quotes=quotes)], [actor("ann", name, *spans)])
    return found


@pytest.mark.parametrize("text, description", [
    ("Ann Lee, former president of the Harbor Council, said so.", "former president of the Harbor Council"),
    ("Ann Lee, a political scientist at Rice University, said so.", "political scientist at Rice University"),
    ("Harbor campaign chairman Ann Lee said so.", "Harbor campaign chairman"),
    ("He said Vermont Sen. Ann Lee would win.", "Vermont Senator"),  # an abbreviated title spelt out
    ("So Labor Secretary Ann Lee said no.", "Labor Secretary"),     # not the sentence's first word
    ("Ann Lee, 45, said so.", None),                                  # an age is no description
    ("Ann Lee, speaking on Monday, said so.", None),                  # nor a participle
    ("Ann Lee, Senator Bo Doe and others said so.", None),            # nor a list of names
    ("Ann Lee, a former official in President Bo Doe's administration who ran it, said so.",
     "former official in President Bo Doe's administration"),         # a title inside the description
    ("A Harbor spokesman, Ann Lee, said so.", "Harbor spokesman"),    # a role set off by commas
    ("Ann Lee, former head of the Harbor Party and a 43-year-old native of the bay area, said so.",
     "former head of the Harbor Party"),                             # a second apposition dropped
    ("Ann Lee of the Tax Policy Center said so.", "of the Tax Policy Center"),  # the body a person is of
    ("Ann Lee of Gainesville, Fla., said so.", None),                 # not a place
    ("Clinton ally Ann Lee said so.", "Clinton ally"),
    ("Mr. Ann Lee said so.", None),                                   # a courtesy title says nothing
    ("Ann Lee, the mayor, spoke. Later, Ann Lee, the mayor, left. Ann Lee, a runner, ran.", "mayor"),  # the most said
    ("Ann Lee, 49, a retired nurse who now works here, said so.", "retired nurse"),  # after an age, before a clause
    ("Ann Lee, a veteran party insider who’s on the board, said so.", "veteran party insider"),
    ("Ann Lee, South Carolina state director of Keep Faith, said so.", "South Carolina state director of Keep Faith"),
    ("Psychotherapist friends say psychotherapist Ann Lee knows.", "psychotherapist"),  # a profession by its ending
    ("Ann Lee, director of the Civic Engagement Project at the University of the Harbor Coast, said so.",
     "director of the Civic Engagement Project"),  # a long one loses its trailing place
])
def test_a_description_is_what_the_text_says_most(text, description):
    assert _described(text).description == description


@pytest.mark.parametrize("text, party", [
    ("Sen. Ann Lee (D-Conn.) said so.", "Democratic"),
    ("Ann Lee (R) said so.", "Republican"),
    ("Republican presidential candidate Ann Lee said so.", "Republican"),
    ("Ann Lee said so.", None),
])
def test_a_party_is_what_the_text_states(text, party):
    assert _described(text).party == party


def test_the_annotators_role_counts_and_a_curated_description_wins():
    text = "“We will win,” said Ann Lee, a veteran organizer."
    q = quote("Ann Lee", "We will win,", text, actor="ann")
    q = dataclasses.replace(q, speaker=dataclasses.replace(q.speaker, role="a veteran organizer"))
    assert _described(text, quotes=(q,)).description == "veteran organizer"
    curated = describe_actors([article("a", text)], [dataclasses.replace(actor("ann", "Ann Lee"), description="Mayor")])
    assert curated[0].description == "Mayor"


@pytest.mark.parametrize("role, ok", [
    ("D", False), ("21", False), ("R-Tex.", False), ("(I-Vt.)", False), ("the mayor", True), ("spokesman", True),
    ("a political scientist at Rice University", True), ("the Iraq war", False),
    ("Hillary Clinton and Bernie Sanders", False),
])
def test_a_role_is_words_not_a_letter_or_number(role, ok):
    assert is_role(role) is ok
