"""Gender of the people quoted, from evidence in the text, for counting who gets a voice.

A person's gender is `female`, `male` or `unknown`. It is a vote over what the
articles say about them, across the corpus:

- each quote of theirs attributed through "he" or "she" (a pronoun the
  annotator resolved to them), and each mention of them after a gendered title
  ("Mr.", "Ms.", "Mrs.", "Congresswoman") counts one vote;
- their first name counts three votes when the `gender-guesser` names list
  gives it one gender (a stray misresolved pronoun does not outweigh it), one vote when it says "mostly" that gender; a name used for
  both, or not in the list, counts nothing.

The gender with at least three quarters of the votes wins; with no votes, or
votes that disagree, it is `unknown`. Organizations, groups and places are
always `unknown`. A `gender:` in `seeds/actors.yml` is applied afterwards and
wins. Plain string work on the records, no spaCy.
"""
from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from .people import name_gender, parse, title_gender
from .records import Actor, Article

WINNING_SHARE = 0.75
NAME_VOTES = 3
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}


def assign_genders(articles: list[Article], actors: list[Actor]) -> list[Actor]:
    """The actors with `gender` decided (see the module's rule), except where it
    already is (by `actors.yml`)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    texts = {a.id: a.text for a in articles}
    for article in articles:
        for q in article.quotes:
            said = PRONOUN_GENDER.get(q.speaker.text.strip().lower())
            if q.speaker.actor and said:
                votes[q.speaker.actor][said] += 1
    found = []
    for actor in actors:
        if actor.gender is not None:
            found.append(actor)
            continue
        if actor.type != "person":
            found.append(dataclasses.replace(actor, gender="unknown"))
            continue
        tally = votes[actor.id].copy()
        for article_id, start, end in actor.mentions:
            titled = title_gender(texts.get(article_id, ""), start, end)
            if titled:
                tally[titled] += 1
        named = _first_name(actor.name)
        guessed = name_gender(named) if named else None
        if guessed:
            tally[guessed[0]] += NAME_VOTES if guessed[1] else 1
        found.append(dataclasses.replace(actor, gender=decide(tally)))
    return found


def decide(votes: Counter) -> str:
    """The gender holding at least WINNING_SHARE of the votes, else unknown."""
    total = votes["female"] + votes["male"]
    for gender in ("female", "male"):
        if total and votes[gender] / total >= WINNING_SHARE:
            return gender
    return "unknown"


def _first_name(name: str) -> str | None:
    person = parse(name, strict=False)
    return person.first if person else None
