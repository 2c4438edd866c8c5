"""Gender of the people quoted, from evidence in the text, for counting who gets a voice.

A person's gender is `female`, `male` or `unknown`, decided over the whole corpus:

1. The text's own evidence: each mention of them after a gendered title ("Mr.",
   "Ms.", "Mrs.", "Congresswoman") counts three votes; each quote of theirs
   attributed through "he" or "she" (a pronoun the annotator resolved to them)
   one, and so does each mention followed in its sentence, before any other
   name, by pronouns of one gender only ("Graham said he would …").
   When the text titles them, or gives four pronoun votes or more, it decides
   alone: the gender holding at least three quarters of the votes wins, and a
   text that disagrees with itself gives `unknown` (never a coin toss).
2. Otherwise the pronouns are weighed with their first name: `gender-guesser`'s
   sure answer counts three votes, its "mostly" answer one (a stray misresolved
   pronoun does not outweigh a name).

Organizations, groups and places are always `unknown`. A `gender:` in
`seeds/actors.yml` wins over all of it.

Then the links are made to agree with it (`reconcile`): a speaker written as
"Mrs. Clinton" or "she" is never left linked to a man, nor "Mr."/"he" to a
woman. Such a link goes to the person the words fit (the one of that surname
and gender in the article, or the one dominating the corpus; for a pronoun,
the nearest person of that gender named before it) or, when none fits, to no
one. Plain string work on the records, no spaCy.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict

from . import lexicon as lx
from .actors import _dominant
from .people import name_gender, parse, title_gender
from .records import Actor, Article, Quote

WINNING_SHARE = 0.75
NAME_VOTES = 3
TITLE_VOTES = 3
PRONOUNS_DECIDE = 4  # pronoun votes that decide without the first name
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
# A pronoun goes to the nearest person of its gender named at most this many characters before it.
PRONOUN_REACH = 1500
# How far after a mention its sentence's pronouns are read, and where the sentence ends.
PRONOUN_WINDOW = 160
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s|\n")
_PRONOUNS = {"male": re.compile(r"\b(?:he|his|him|himself)\b", re.I),
             "female": re.compile(r"\b(?:she|her|hers|herself)\b", re.I)}


def said_gender(text: str) -> str | None:
    """The gender the words of a speaker state: "Mrs. Clinton", "she" → female; "Mr. Lee", "he" → male."""
    words = text.strip().lower().split()
    if not words:
        return None
    first = words[0]
    if len(words) == 1 and first in PRONOUN_GENDER:
        return PRONOUN_GENDER[first]
    if first in lx.FEMALE_TITLES or first.rstrip(".") in lx.FEMALE_TITLES:
        return "female"
    if first in lx.MALE_TITLES or first.rstrip(".") in lx.MALE_TITLES:
        return "male"
    return None


def settle_genders(articles: list[Article], actors: list[Actor]) -> tuple[list[Article], list[Actor]]:
    """Decide people's gender, make the gendered speakers' links agree with it,
    and decide again on the links so corrected. A gender already set (by
    `actors.yml`) stays."""
    first = assign_genders(articles, actors)
    articles, changed = reconcile(articles, first)
    if not changed:
        return articles, first
    return articles, assign_genders(articles, actors)


def assign_genders(articles: list[Article], actors: list[Actor]) -> list[Actor]:
    """The actors with `gender` decided by the evidence (see the module's rule),
    except where it already is (by `actors.yml`)."""
    text_votes: dict[str, Counter] = defaultdict(Counter)
    texts = {a.id: a.text for a in articles}
    for article in articles:
        for q in article.quotes:
            said = PRONOUN_GENDER.get(q.speaker.text.strip().lower())
            if q.speaker.actor and said:
                text_votes[q.speaker.actor][said] += 1
    for actor_id, gender in _pronouns_after(texts, actors):
        text_votes[actor_id][gender] += 1
    found = []
    for actor in actors:
        if actor.gender is not None:
            found.append(actor)
            continue
        if actor.type != "person":
            found.append(dataclasses.replace(actor, gender="unknown"))
            continue
        tally = text_votes[actor.id].copy()
        titled = False
        for article_id, start, end in actor.mentions:
            title = title_gender(texts.get(article_id, ""), start, end)
            if title:
                tally[title] += TITLE_VOTES
                titled = True
        found.append(dataclasses.replace(actor, gender=decide_with_name(tally, actor.name, titled=titled)))
    return found


def _pronouns_after(texts: dict[str, str], actors: list[Actor]):
    """(person id, gender) for each mention of a person followed in its sentence,
    before the next mention of anyone, by pronouns of one gender only."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for a in actors:
        for article_id, s, e in a.mentions:
            spans[article_id].append((s, e, a.id if a.type == "person" else ""))
    for article_id, found in spans.items():
        text = texts.get(article_id, "")
        found.sort()
        for (s, e, actor_id), after in zip(found, found[1:] + [(len(text), 0, "")]):
            if not actor_id:
                continue
            window = text[e:min(after[0], e + PRONOUN_WINDOW)]
            end = _SENTENCE_END.search(window)
            window = window[:end.start()] if end else window
            genders = [g for g, pattern in _PRONOUNS.items() if pattern.search(window)]
            if len(genders) == 1:
                yield actor_id, genders[0]


def decide_with_name(text_votes: Counter, name: str, *, titled: bool = False) -> str:
    """The text's evidence when it titles the person or gives PRONOUNS_DECIDE
    votes, else the text's votes with the first name's."""
    if titled or text_votes["female"] + text_votes["male"] >= PRONOUNS_DECIDE:
        return decide(text_votes)
    tally = text_votes.copy()
    person = parse(name, strict=False)
    guessed = name_gender(person.first) if person else None
    if guessed:
        tally[guessed[0]] += NAME_VOTES if guessed[1] else 1
    return decide(tally)


def decide(votes: Counter) -> str:
    """The gender holding at least WINNING_SHARE of the votes, else unknown."""
    total = votes["female"] + votes["male"]
    for gender in ("female", "male"):
        if total and votes[gender] / total >= WINNING_SHARE:
            return gender
    return "unknown"


def reconcile(articles: list[Article], actors: list[Actor]) -> tuple[list[Article], int]:
    """The articles with every gendered speaker linked to a person of that gender
    or to no one (see the module's rule); and how many links changed."""
    by_id = {a.id: a for a in actors}
    surnames = _surnames(actors)
    mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for a in actors:
        if a.type == "person":
            for article_id, s, e in a.mentions:
                mentions[article_id].append((s, e, a.id))
    changed = 0
    out = []
    for article in articles:
        here = sorted(mentions.get(article.id, []))
        quotes = [_reconciled(article, q, by_id, surnames, here) for q in article.quotes]
        moved = sum(a is not b for a, b in zip(quotes, article.quotes))
        changed += moved
        out.append(dataclasses.replace(article, quotes=tuple(quotes)) if moved else article)
    return out, changed


def _conflicts(said: str | None, actor: Actor | None) -> bool:
    return bool(said and actor and actor.gender in ("female", "male") and actor.gender != said)


def _reconciled(article: Article, q: Quote, by_id: dict[str, Actor], surnames: dict[str, dict[str, int]],
                mentions: list[tuple[int, int, str]]) -> Quote:
    sp = q.speaker
    said = said_gender(sp.text)
    if q.corrected or not _conflicts(said, by_id.get(sp.actor or "")):  # the editors' word stands
        return q
    words = sp.text.split()
    target = None
    if len(words) > 1:  # "Mrs. Clinton": a person of that surname and gender
        surname = words[-1].lower().removesuffix("’s").removesuffix("'s")
        bearers = {a: n for a, n in surnames.get(surname, {}).items() if by_id[a].gender == said}
        here = [a for a in bearers if any(a == m[2] for m in mentions)]
        target = here[0] if len(here) == 1 else _dominant(bearers) if not here else None
    else:  # "she": the nearest person of that gender named before it
        starts = [s for s, _, _ in mentions]
        for s, e, actor in reversed(mentions[:bisect.bisect_left(starts, sp.start)]):
            if sp.start - e > PRONOUN_REACH:
                break
            if by_id[actor].gender == said:
                target = actor
                break
    if target is None:
        return dataclasses.replace(q, speaker=dataclasses.replace(sp, actor=None, kind="unknown" if sp.kind == "named" else sp.kind))
    s, e, _ = min(((s, e, a) for s, e, a in mentions if a == target), key=lambda m: (m[0] > sp.start, abs(sp.start - m[0])))
    return dataclasses.replace(q, speaker=dataclasses.replace(
        sp, actor=target, kind="named", name=article.text[s:e], name_start=s, name_end=e))


def _surnames(actors: list[Actor]) -> dict[str, dict[str, int]]:
    """Person actors by the last word of each of their names, with their article counts."""
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for a in actors:
        if a.type != "person":
            continue
        articles = len({m[0] for m in a.mentions})
        for name in (a.name, *a.aliases):
            person = parse(name, strict=False)
            if person:
                found[person.last][a.id] = articles
    return found

