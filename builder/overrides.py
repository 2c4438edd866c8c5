"""Curated actor overrides from `seeds/actors.yml`.

    Benjamin Netanyahu:          # an actor's name, id or one of its aliases
      aliases: [Bibi]            # other names to merge into this actor
      type: person               # person | organization | place | group | other
      description: Prime Minister of Israel
      name: Benjamin "Bibi" Netanyahu   # display name (the page address stays)
      gender: male               # female | male | unknown (wins over the text's evidence)
      party: Likud               # a person's party (wins over the text's)
    Some Mislabelled Thing:
      hide: true                 # no page, no links

The file is read by `safe_yaml` (ordinary YAML: anchors, merge keys `<<: *x`,
standard tags; size and alias expansion bounded by SIZE_LIMIT). Every problem
is reported with its file and line, and the entry it concerns is left out while
the others apply: a bad key or value, a name written twice, an alias listed
under two entries or equal to another entry's name (case-insensitive, across
all the files read). An entry naming no known actor is a warning, not an error.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from . import safe_yaml
from .linking import source_kind
from .records import Actor, ActorType, Article, Gender, Problem, Speaker
from .safe_yaml import Document, YamlError


OVERRIDES_FILE = "actors.yml"
TYPES = get_args(ActorType)
GENDERS = get_args(Gender)
KEYS = {"aliases": list, "type": str, "description": str, "name": str, "hide": bool, "gender": str, "party": str}
SIZE_LIMIT = 256 * 1024  # bytes of actors.yml, and of its expansion through aliases


@dataclass(frozen=True)
class Override:
    target: str
    where: str  # file:line of the entry
    aliases: tuple[str, ...] = ()
    type: str | None = None
    description: str | None = None
    name: str | None = None
    hide: bool = False
    gender: str | None = None
    party: str | None = None


@dataclass
class Overrides:
    entries: list[Override] = field(default_factory=list)


def load_overrides(paths: list[Path]) -> tuple[Overrides, list[Problem]]:
    """Read and validate overrides files, in order; a missing file means no overrides.

    Every problem names its file and line. An entry with a problem, or whose
    aliases clash with another entry (in any of the files), is left out; the
    other entries still apply.
    """
    entries: list[Override] = []
    problems: list[Problem] = []
    for path in paths:
        found, bad = _load_file(path)
        entries += found
        problems += bad
    clashing, clashes = _clashes(entries)
    return Overrides([e for i, e in enumerate(entries) if i not in clashing]), problems + clashes


def _read(path: Path) -> str:
    """The text of a regular file of at most SIZE_LIMIT bytes."""
    if not path.is_file():
        raise YamlError("not a regular file; ignored")
    with path.open("rb") as handle:
        data = handle.read(SIZE_LIMIT + 1)
    if len(data) > SIZE_LIMIT:
        raise YamlError(f"over the size limit of {SIZE_LIMIT:,} bytes; file ignored")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def _load_file(path: Path) -> tuple[list[Override], list[Problem]]:
    if not path.exists():
        return [], []
    where = str(path)
    try:
        doc, errors = safe_yaml.load_entries(_read(path), limit=SIZE_LIMIT)
    except OSError as exc:
        return [], [Problem(where, f"cannot read: {exc.strerror or exc}")]
    except YamlError as exc:
        return [], [Problem(_at(where, exc.line), exc.message)]
    problems = [Problem(_at(where, e.line), e.message) for e in errors]
    problems += [Problem(_at(where, w.line), w.message) for w in doc.warnings]
    if doc.value is None:
        return [], problems
    if not isinstance(doc.value, dict):
        return [], problems + [Problem(_at(where, doc.line()), "expected a mapping of actor names to settings")]
    spoilt = {w.path[0] for w in doc.warnings if w.path}
    entries = []
    for target, settings in doc.value.items():
        entry, bad = _entry(doc, where, target, settings)
        problems += bad
        if entry and target not in spoilt:
            entries.append(entry)
    return entries, sorted(problems, key=lambda p: _line_of(p.source))


def _at(where: str, line: int | None) -> str:
    return f"{where}:{line}" if line else where


def _line_of(source: str) -> int:
    tail = source.rpartition(":")[2]
    return int(tail) if tail.isdigit() else 0


def _entry(doc: Document, where: str, target: str, settings: object) -> tuple[Override | None, list[Problem]]:
    """One entry checked: the Override, or None and what is wrong with it."""
    at = _at(where, doc.line(target))
    if not target.strip():
        return None, [Problem(at, "an actor name must be a non-empty string")]
    if not isinstance(settings, dict):
        return None, [Problem(at, f"{target!r}: expected settings ({', '.join(KEYS)})")]
    values: dict = {}
    problems = []
    for key, value in settings.items():
        wrong = _wrong(target, key, value)
        if wrong:
            problems.append(Problem(_at(where, doc.line(target, key)), wrong))
        else:
            values[key] = tuple(a.strip() for a in value) if key == "aliases" else value
    if problems:
        return None, problems
    return Override(target=target.strip(), where=at, **values), []


def _wrong(target: str, key: str, value: object) -> str | None:
    """What is wrong with one setting of an entry, if anything."""
    if key not in KEYS:
        return f"{target!r}: unknown key {key!r} (expected one of {', '.join(KEYS)})"
    if not isinstance(value, KEYS[key]):
        return f"{target!r}: {key!r} must be a {KEYS[key].__name__}"
    if key == "type" and value not in TYPES:
        return f"{target!r}: type {value!r} is not one of {', '.join(TYPES)}"
    if key == "gender" and value not in GENDERS:
        return f"{target!r}: gender {value!r} is not one of {', '.join(GENDERS)}"
    if key == "aliases" and not all(isinstance(a, str) and a.strip() for a in value):
        return f"{target!r}: 'aliases' must be a list of names"
    return None


def _clashes(entries: list[Override]) -> tuple[set[int], list[Problem]]:
    """Entries whose aliases clash: one alias under two entries, or an alias
    that is another entry's name (case-insensitive). Both sides are left out,
    so the result does not depend on the order of entries or files."""
    names: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        for name in {n.casefold() for n in (entry.target, entry.name) if n}:
            names.setdefault(name, []).append(i)
    owners: dict[str, int] = {}
    clashing: set[int] = set()
    problems = []
    for i, entry in enumerate(entries):
        for alias in dict.fromkeys(entry.aliases):
            key = alias.casefold()
            first = owners.setdefault(key, i)
            if not _same(entries[first], entry):
                clashing |= {first, i}
                problems.append(Problem(entry.where, f"alias {alias!r} is listed under both {_entry_at(entries[first])} "
                                                     f"and {_entry_at(entry)}; both entries left out"))
            for other in names.get(key, ()):
                if not _same(entries[other], entry):
                    clashing |= {other, i}
                    problems.append(Problem(entry.where, f"alias {alias!r} of {_entry_at(entry)} is the name of "
                                                         f"{_entry_at(entries[other])}; both entries left out"))
    return clashing, problems


def _same(one: Override, other: Override) -> bool:
    """Two entries for one actor (one entry, or the same name in two files)."""
    return one.target.casefold() == other.target.casefold()


def _entry_at(entry: Override) -> str:
    return f"{entry.target!r} ({entry.where})"


def _names(actor: Actor) -> set[str]:
    return {actor.id.lower(), actor.name.lower(), *(a.lower() for a in actor.aliases)}


def _merged(target: Actor, other: Actor) -> Actor:
    """`target` with `other`'s names, mentions, roles and relations."""
    return dataclasses.replace(
        target,
        aliases=tuple(sorted({*target.aliases, other.name, *other.aliases} - {target.name})),
        mentions=tuple(sorted({*target.mentions, *other.mentions})),
        roles=tuple(dict.fromkeys(target.roles + other.roles)),
        related=tuple(sorted(set(target.related) | set(other.related) - {target.id})),
    )


def _find(entry: Override, by_id: dict[str, Actor]) -> tuple[Actor | None, list[Actor]]:
    """The actor an entry names and the actors its aliases name; an entry named
    only through an alias takes that actor and renames it."""
    wanted = entry.target.lower()
    target = next((a for a in by_id.values() if wanted in _names(a)), None)
    alias_hits = [a for a in by_id.values() if _names(a) & {x.lower() for x in entry.aliases}]
    if target is None and alias_hits:
        target = alias_hits[0]
        target = dataclasses.replace(target, name=entry.target, aliases=tuple(sorted({*target.aliases, target.name} - {entry.target})))
    return target, alias_hits


def _apply(entry: Override, target: Actor) -> Actor:
    if entry.type:
        target = dataclasses.replace(target, type=entry.type)
    if entry.gender:
        target = dataclasses.replace(target, gender=entry.gender)
    if entry.description:
        target = dataclasses.replace(target, description=entry.description)
    if entry.party:
        target = dataclasses.replace(target, party=entry.party)
    if entry.name:
        target = dataclasses.replace(target, name=entry.name, aliases=tuple(sorted({*target.aliases, target.name} - {entry.name})))
    return target


def _relink(articles: list[Article], actors: dict[str, Actor], moved: dict[str, str | None]) -> tuple[list[Article], list[Actor]]:
    """Point speakers and relations at the actors that merged ones became."""
    def follow(actor_id: str | None) -> str | None:
        while actor_id in moved:
            actor_id = moved[actor_id]
        return actor_id

    fixed_actors = sorted(
        (dataclasses.replace(a, related=tuple(sorted({r for r in map(follow, a.related) if r and r != a.id})))
         for a in actors.values()),
        key=lambda a: a.id,
    )
    def relinked(sp: Speaker) -> Speaker:
        actor = actors.get(follow(sp.actor) or "")
        if actor is None:
            return dataclasses.replace(sp, actor=None, also=())
        also = tuple(dict.fromkeys(a for a in map(follow, sp.also) if a in actors and a != actor.id))
        return dataclasses.replace(sp, actor=actor.id, kind=source_kind(actor.type, sp.kind), also=also)

    fixed_articles = []
    for article in articles:
        quotes = tuple(dataclasses.replace(q, speaker=relinked(q.speaker)) for q in article.quotes)
        fixed_articles.append(dataclasses.replace(article, quotes=quotes))
    return fixed_articles, fixed_actors


def apply_overrides(articles: list[Article], actors: list[Actor], overrides: Overrides) -> tuple[list[Article], list[Actor], list[Problem]]:
    """Merge, retype, describe, rename and hide actors as the overrides say.

    Returns the articles (speakers re-pointed), the actors and warnings.
    """
    if not overrides.entries:
        return articles, actors, []
    by_id = {a.id: a for a in actors}
    moved: dict[str, str | None] = {}
    warnings: list[Problem] = []
    for entry in overrides.entries:
        target, alias_hits = _find(entry, by_id)
        if target is None:
            warnings.append(Problem(entry.where, f"no actor named {entry.target!r}; entry ignored"))
            continue
        for other in alias_hits:
            if other.id != target.id:
                target = _merged(target, other)
                del by_id[other.id]
                moved[other.id] = target.id
        by_id[target.id] = _apply(entry, target)
        if entry.hide:
            del by_id[target.id]
            moved[target.id] = None
    articles, fixed = _relink(articles, by_id, moved)
    return articles, fixed, warnings
