"""Linking each quote's speaker to the actor it names (part of stage 3, after actors are grouped).

A speaker links by the mention at its words (the one holding its head word, inside
the name, a person, the one ending last); failing that, by the one actor of the
article with its name, or by the one person the article gave its role; a joint
speaker is credited to each person. Its kind then follows the actor's type.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from . import lexicon as lx
from . import names, people
from .describe import is_role, role_before
from .records import Actor, Article, Speaker

_clean_name = functools.lru_cache(maxsize=65536)(names.clean_name)


def link_speakers(articles: list[Article], actors: list[Actor]) -> list[Article]:
    """The articles with each speaker's `actor` (and a joint speaker's `also`) filled in."""
    known = _linking(actors)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for actor in actors:
        for article_id, s, e in actor.mentions:
            spans[article_id].append((s, e, actor.id))
    return [_link_speakers(a, sorted(spans[a.id]), known) for a in articles]


@dataclass(frozen=True)
class _Found:
    """The mention a speaker's name links to, and how it sits in the name."""

    actor: str
    start: int
    end: int
    holds_head: bool  # it holds the name's head word
    beyond: bool  # it reaches beyond the name ("Ann Lee administration" for "Ann Lee")
    ends_name: bool  # it ends where the name ends ("master of ceremonies Ann Lee")


def _speaker_actor(text: str, sp: Speaker, spans: list[tuple[int, int, str]], starts: list[int],
                   types: dict[str, str]) -> _Found | None:
    """The mention a speaker's name links to. Of the mentions overlapping the name
    ("Texas Sen. Ted Cruz" holds Texas and Ted Cruz), the one holding its head word
    wins, then one inside the name (not "Ann Lee administration" for "Ann Lee"), a
    person, the one ending last. `spans` are sorted by start."""
    found = []
    for s, e, actor in spans[max(0, bisect.bisect_left(starts, sp.name_start) - _LOOK_BACK):
                             bisect.bisect_left(starts, sp.name_end)]:
        if s < sp.name_end and sp.name_start < e:
            holds_head = bool(sp.head) and sp.head in text[s:e].lower().split()
            beyond = s < sp.name_start or e > sp.name_end
            found.append((not holds_head, beyond, types.get(actor) != "person", -e, -(e - s), actor))
    if not found:
        return None
    best = min(found)
    end = -best[3]
    return _Found(best[-1], end + best[4], end, not best[0], best[1], end == sp.name_end)


# Mentions overlapping a name start at most this many mentions before it.
_LOOK_BACK = 8


# A linked speaker's kind follows its actor's type: a source linked to an actor is named
# ("Democratic candidates Hillary Clinton and Bernie Sanders" is no anonymous source), and
# a place that speaks is its government.
_KIND_OF_TYPE = {"person": "named", "organization": "organization", "group": "group", "place": "organization",
                 "other": "named"}


def source_kind(actor_type: str, kind: str) -> str:
    """The kind of source a speaker linked to an actor of `actor_type` is (`kind`: as the annotator found it)."""
    return _KIND_OF_TYPE.get(actor_type, kind)


@dataclass(frozen=True)
class _Linking:
    """What linking a speaker needs to know of the actors."""

    types: dict[str, str]  # actor id → type
    names: dict[str, list[people.PersonName]]  # person id → its full names (canonical and aliases)
    named_after: dict[str, str]  # organization id → the one person it is named after
    forms: dict[str, frozenset[str]]  # actor id → its names, casefolded, and a person's surnames


def _linking(actors: list[Actor]) -> _Linking:
    types = {a.id: a.type for a in actors}
    names = {a.id: [n for n in map(people.parse, (a.name, *a.aliases)) if n] for a in actors if a.type == "person"}
    named_after = {}
    for a in actors:
        persons = [r for r in a.related if types.get(r) == "person"]
        if a.type == "organization" and len(persons) == 1:
            named_after[a.id] = persons[0]
    forms = {a.id: frozenset({n.casefold() for n in (a.name, *a.aliases)} | {n.last for n in names.get(a.id, ())})
             for a in actors}
    return _Linking(types, names, named_after, forms)


_JOINED = re.compile(r"(?:\s*(?:,|\band\b|&)\s*(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s+)?)+")


def _joint(text: str, sp: Speaker, spans: list[tuple[int, int, str]], starts: list[int], known: _Linking,
           actor: str) -> tuple[str, ...]:
    """The other people of a joint speaker ("Ann Lee and Bo Park", "Mr. Lee and Mr. Park",
    "Democratic candidates Ann Lee and Bo Park"): person mentions in the name joined only by
    "and" or commas, the last ending the name. Empty for anything else."""
    inside = [(s, e, a) for s, e, a in spans[bisect.bisect_left(starts, sp.name_start):bisect.bisect_left(starts, sp.name_end)]
              if e <= sp.name_end]
    if len(inside) < 2 or text[inside[-1][1]:sp.name_end].strip(" .,’'s") or any(
            known.types.get(a) != "person" for _, _, a in inside):
        return ()
    if any(not _JOINED.fullmatch(text[e:s]) for (_, e, _), (s, _, _) in zip(inside, inside[1:])):
        return ()
    if re.search(r"\b(?:for|of|to|with|by|from|at|on|about|like|between|among)\s*$", text[sp.name_start:inside[0][0]]):
        return ()  # "spokesmen for Ann Lee and Bo Park": the names are not the speakers
    others = tuple(dict.fromkeys(a for _, _, a in inside if a != actor))
    return others if actor in {a for _, _, a in inside} else ()


def _by_role(text: str, sp: Speaker, before: int, spans: list[tuple[int, int, str]], known: _Linking
             ) -> tuple[int, int, str] | None:
    """The mention of the one person the article named earlier with the role a description
    gives ("the president" after "President Ann Lee", "the Vermont senator" after "Vermont
    Sen. Ann Lee"): every word of the description is in the role words before that mention."""
    words = [w.lower() for w in sp.text.split()]
    if len(words) < 2 or words[0] != "the" or words[-1] in lx.ANONYMOUS_NOUNS or words[-1] not in lx.ROLE_NOUNS:
        return None
    wanted = set(words[1:])
    found: dict[str, tuple[int, int, str]] = {}
    for s, e, actor in spans:
        if s >= before:
            break
        role = role_before(text, s) if known.types.get(actor) == "person" else None
        if role and wanted <= set(role.lower().split()):
            found.setdefault(actor, (s, e, actor))
    return next(iter(found.values())) if len(found) == 1 else None


def _by_name(sp: Speaker, spans: list[tuple[int, int, str]], known: _Linking) -> str | None:
    """The one actor of the article whose name (or a person's surname) the speaker's name
    is, when the parser tagged no mention where the speaker stands ("Trump", "Hannity")."""
    if sp.kind not in ("named", "unknown", "group") or not names.looks_like_name(sp.name):
        return None
    name = _clean_name(sp.name).casefold()
    hits = {actor for _, _, actor in spans if name in known.forms.get(actor, ())}
    return hits.pop() if len(hits) == 1 else None


def _same_person(text: str, sp: Speaker, found: _Found, names: list[people.PersonName]) -> bool:
    """False when the name is a full name none of the person's names fits: a first name
    before a surname-only mention ("Lolita Grayson" is not Dena Grayson, though
    "Grayson" may be), or a name inside a longer mention that belongs to someone else."""
    if not names:
        return True
    if found.beyond:  # a longer mention holds the name: the name itself must fit the person
        full = people.parse(sp.name)
        return full is None or any(people.same_person(full, n) for n in names)
    before = text[sp.name_start:found.start].split()
    mention = text[found.start:found.end]
    if not before or people.parse(mention, strict=False) or not people.is_first_name(before[-1]):
        return True
    full = people.parse(f"{before[-1]} {mention}")
    return full is None or any(people.same_person(full, n) for n in names)


def _link_speakers(article: Article, spans: list[tuple[int, int, str]], known: _Linking) -> Article:
    quotes = []
    starts = [s for s, _, _ in spans]
    for q in article.quotes:
        sp = q.speaker
        found = _speaker_actor(article.text, sp, spans, starts, known.types)
        actor = found.actor if found else _by_name(sp, spans, known)
        if found and found.beyond and actor in known.named_after:
            actor = known.named_after[actor]  # "Ann Lee", found inside "the Ann Lee administration"
        if sp.kind not in ("named", "organization", "group") and found is not None:
            # A description links only to what its head word names ("a senior Biden
            # administration official" is not Joe Biden, "the CNN host" is not CNN), or to
            # the person named at its end ("master of ceremonies Ann Lee").
            named_at_end = found.ends_name and known.types.get(actor) == "person"
            if not sp.name or not (found.holds_head or named_at_end) or sp.head in lx.ANONYMOUS_NOUNS | lx.DOCUMENT_NOUNS:
                actor = None
        if found and actor in known.names and not _same_person(article.text, sp, found, known.names[actor]):
            actor = None
        if sp.reason and known.types.get(actor) == "person":  # a named person: the reason was another source's
            sp = dataclasses.replace(sp, reason=None)
        elif sp.reason:  # "a Republican involved in the planning, who spoke on condition of anonymity"
            actor, sp = None, dataclasses.replace(sp, kind="anonymous")
        elif sp.kind == "anonymous" and actor is not None and known.types.get(actor) != "person":
            actor = None  # "Republicans familiar with …": no group speaks through an anonymous source
        if actor is None:
            held = _by_role(article.text, sp, min(sp.start, q.start), spans, known)
            if held:
                s, e, actor = held
                sp = dataclasses.replace(sp, name=article.text[s:e], name_start=s, name_end=e, resolution="role")
        kind = sp.kind
        if actor is not None:
            # The actor's type is a vote over the corpus; the kind was one guess in one sentence.
            kind = source_kind(known.types[actor], kind)
        role = sp.role if is_role(sp.role) else None  # never a bare "D" or "21"
        also = _joint(article.text, sp, spans, starts, known, actor) if actor else ()
        quotes.append(dataclasses.replace(q, speaker=dataclasses.replace(sp, actor=actor, kind=kind, role=role,
                                                                         also=also)))
    return dataclasses.replace(article, quotes=tuple(quotes))
