"""Split an actor that is two people: the editors' `split:` entries of `corrections.yml`.

    - actor: Smith                     # the actor as the site names it (name, id or alias)
      split:
        name: Tom Smith                # who the actor is in these articles: an actor, or a new one
        articles: [story-a, story-b]

In the articles listed, the actor's mentions and the quotes credited to it go to
`name`; elsewhere it stays as it was. Runs after the other actor entries and
before the quote entries, so a quote entry can still give any quote to either.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .records import Actor, Article, Problem, Speaker
from .slugs import slugify


@dataclass(frozen=True)
class ActorSplit:
    where: str  # file:line of the entry
    actor: str  # the actor split, by name, id or alias
    name: str  # who it is in `articles`
    articles: tuple[str, ...]


def is_split(value: object) -> bool:
    """A `split:` value: a mapping of a `name` and a non-empty list of article ids."""
    return (isinstance(value, dict) and set(value) == {"name", "articles"}
            and isinstance(value["name"], str) and bool(value["name"].strip())
            and isinstance(value["articles"], list) and bool(value["articles"])
            and all(isinstance(a, (str, int)) and not isinstance(a, bool) and str(a).strip()
                    for a in value["articles"]))


def _named(actors: dict[str, Actor], name: str) -> list[Actor]:
    key = name.casefold()
    return [a for a in actors.values() if key in {n.casefold() for n in (a.id, a.name, *a.aliases)}]


def _new_id(actors: dict[str, Actor], name: str) -> str:
    base = slugify(name)
    ident, n = base, 1
    while ident in actors:
        n += 1
        ident = f"{base}-{n}"
    return ident


def _moved(speaker: Speaker, old: str, new: str) -> Speaker:
    if old not in speaker.actors:
        return speaker
    actor = new if speaker.actor == old else speaker.actor
    also = tuple(dict.fromkeys(new if a == old else a for a in speaker.also if (new if a == old else a) != actor))
    return dataclasses.replace(speaker, actor=actor, also=also)


def _one(entry: ActorSplit, articles: dict[str, Article], actors: dict[str, Actor],
         known: set[str]) -> Problem | None:
    found = _named(actors, entry.actor)
    if len(found) != 1:
        if found:
            return Problem(entry.where, f"{entry.actor!r} names {len(found)} actors "
                                        f"({', '.join(sorted(a.id for a in found))}); entry ignored")
        return Problem(entry.where, f"no actor named {entry.actor!r}; entry ignored", fatal=False)
    unknown = [a for a in entry.articles if a not in known]
    if unknown:
        return Problem(entry.where, f"unknown article id {unknown[0]!r}; entry ignored")
    old = found[0]
    targets = [a for a in _named(actors, entry.name) if a.id != old.id]
    if len(targets) > 1:
        return Problem(entry.where, f"{entry.name!r} names {len(targets)} actors; entry ignored")
    chosen = set(entry.articles)
    moving = [m for m in old.mentions if m[0] in chosen]
    credited = [art for art in chosen & set(articles) if any(old.id in q.speaker.actors for q in articles[art].quotes)]
    if not moving and not credited:
        return Problem(entry.where, f"{old.name!r} is not in {', '.join(sorted(chosen))}; entry ignored", fatal=False)
    new = targets[0] if targets else Actor(id=_new_id(actors, entry.name), name=entry.name.strip(), type=old.type)
    actors[old.id] = dataclasses.replace(old, mentions=tuple(m for m in old.mentions if m[0] not in chosen))
    actors[new.id] = dataclasses.replace(new, mentions=tuple(sorted((*new.mentions, *moving))))
    for art in chosen & set(articles):
        article = articles[art]
        quotes = tuple(dataclasses.replace(q, speaker=_moved(q.speaker, old.id, new.id)) for q in article.quotes)
        articles[art] = dataclasses.replace(article, quotes=quotes)
    return None


def split_actors(articles: list[Article], actors: list[Actor], splits: list[ActorSplit], *,
                 known: set[str] | None = None) -> tuple[list[Article], list[Actor], list[Problem]]:
    """Apply `splits` in order. An actor that names nobody, or is not in the articles
    given, is a warning; an unknown article id or a name shared by actors, an error.
    Returns the articles, the actors (sorted by id) and the problems."""
    if not splits:
        return articles, actors, []
    by_article = {a.id: a for a in articles}
    by_id = {a.id: a for a in actors}
    known = set(by_article) | (known or set())
    problems = [p for entry in splits if (p := _one(entry, by_article, by_id, known)) is not None]
    return [by_article[a.id] for a in articles], sorted(by_id.values(), key=lambda a: a.id), problems
