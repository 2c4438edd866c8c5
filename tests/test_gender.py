"""People's gender from evidence in the text (builder/gender.py)."""
from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from base import actor, article, quote

from builder.gender import assign_genders, decide


def quoted(name: str, pronouns: list[str], titles: list[str] = (), type: str = "person"):
    """One article naming `name` (after each title in `titles`), then quoting them
    once through each pronoun in `pronouns`, the pronoun resolved to them."""
    parts = [f"{title} {name.split()[-1]} spoke." for title in titles] or [f"{name} spoke."]
    text = " ".join(parts + [f"“Line {i},” {p} said." for i, p in enumerate(pronouns)])
    quotes = tuple(quote(p, f"Line {i},", text[text.index(f"“Line {i}"):], number=i + 1, actor="x")
                   for i, p in enumerate(pronouns))
    shift = text.index("“Line 0") if pronouns else 0
    quotes = tuple(dataclasses.replace(q, start=q.start + shift, end=q.end + shift, speaker=dataclasses.replace(
        q.speaker, start=q.speaker.start + shift, end=q.speaker.end + shift)) for q in quotes)
    mentions = []
    for title in titles or [""]:
        at = text.index(f"{title} {name.split()[-1]}".strip()) + (len(title) + 1 if title else 0)
        mentions.append(("a", at, at + (len(name.split()[-1]) if title else len(name))))
    return [article("a", text, quotes=quotes)], [actor("x", name, *mentions, type=type)]


@pytest.mark.parametrize("name, pronouns, titles, expected", [
    ("Maria Lopez", [], [], "female"),                  # the first name alone
    ("John Smith", [], [], "male"),
    ("John Smith", ["she"], [], "male"),                # 3 of 4: a stray pronoun does not outweigh the name
    ("Casey Blake", [], [], "unknown"),                 # a first name of both genders
    ("Jamie Blake", [], [], "female"),                  # "mostly female": one vote, alone
    ("Xq Blake", [], [], "unknown"),                   # not a known first name
    ("Casey Blake", ["she", "she"], [], "female"),       # pronouns resolved to them
    ("Casey Blake", ["she", "he"], [], "unknown"),        # evidence that disagrees
    ("Jamie Blake", ["he", "he", "he"], [], "male"),      # 3 of 4: the text outweighs a "mostly"
    ("John Smith", ["she", "she"], [], "unknown"),        # name (3 votes) against 2 pronouns
    ("John Smith", ["she"] * 9, [], "female"),            # 9 of 12
    ("Blake", [], ["Ms."], "female"),                  # a gendered title before a mention
    ("Blake", [], ["Mr.", "Mr."], "male"),
    ("Harbor Council", ["she"], [], "unknown"),        # organizations have none
])
def test_gender_is_a_vote_over_the_evidence(name, pronouns, titles, expected):
    kind = "organization" if name.endswith("Council") else "person"
    articles, actors = quoted(name, pronouns, titles, type=kind)
    [found] = assign_genders(articles, actors)
    assert found.gender == expected


def test_a_curated_gender_is_kept():
    articles, actors = quoted("John Smith", [])
    curated = [dataclasses.replace(actors[0], gender="unknown")]
    assert assign_genders(articles, curated)[0].gender == "unknown"


@pytest.mark.parametrize("votes, expected", [
    ({}, "unknown"), ({"female": 3, "male": 1}, "female"), ({"female": 2, "male": 1}, "unknown"),
    ({"male": 1}, "male"),
])
def test_decide_needs_three_quarters(votes, expected):
    assert decide(Counter(votes)) == expected
