"""Curated actor overrides from `seeds/actors.yml`.

    Benjamin Netanyahu:          # an actor's name, id or one of its aliases
      aliases: [Bibi]            # other names to merge into this actor
      type: person               # person | organization | place | group | other
      description: Prime Minister of Israel
      name: Benjamin "Bibi" Netanyahu   # display name (the page address stays)
    Some Mislabelled Thing:
      hide: true                 # no page, no links

Every problem is reported with its line; an entry naming no known actor is a
warning, not an error.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

import yaml

from .records import Actor, ActorType, Article, Problem


OVERRIDES_FILE = "actors.yml"
TYPES = get_args(ActorType)
KEYS = {"aliases": list, "type": str, "description": str, "name": str, "hide": bool}


@dataclass(frozen=True)
class Override:
    target: str
    where: str  # file:line of the entry
    aliases: tuple[str, ...] = ()
    type: str | None = None
    description: str | None = None
    name: str | None = None
    hide: bool = False


@dataclass
class Overrides:
    entries: list[Override] = field(default_factory=list)


def _scalar(node: yaml.Node) -> object:
    return yaml.safe_load(yaml.serialize(node)) if node is not None else None


def load_overrides(paths: list[Path]) -> tuple[Overrides, list[Problem]]:
    """Read and validate overrides files, in order; a missing file means no overrides."""
    entries: list[Override] = []
    problems: list[Problem] = []
    for path in paths:
        found, bad = _load_file(path)
        entries += found.entries
        problems += bad
    return Overrides(entries), problems


def _load_file(path: Path) -> tuple[Overrides, list[Problem]]:
    if not path.exists():
        return Overrides(), []
    where = str(path)
    try:
        root = yaml.compose(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return Overrides(), [Problem(where, f"cannot read: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        return Overrides(), [Problem(where + line, f"invalid YAML: {getattr(exc, 'problem', exc)}")]
    if root is None:
        return Overrides(), []
    if not isinstance(root, yaml.MappingNode):
        return Overrides(), [Problem(f"{where}:{root.start_mark.line + 1}", "expected a mapping of actor names to settings")]
    entries, problems = [], []
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        target = _scalar(key_node)
        if not isinstance(target, str) or not target.strip():
            problems.append(Problem(f"{where}:{line}", "an actor name must be a non-empty string"))
            continue
        if not isinstance(value_node, yaml.MappingNode):
            problems.append(Problem(f"{where}:{line}", f"{target!r}: expected settings ({', '.join(KEYS)})"))
            continue
        settings: dict = {}
        for k_node, v_node in value_node.value:
            k_line = k_node.start_mark.line + 1
            key, value = _scalar(k_node), _scalar(v_node)
            if key not in KEYS:
                problems.append(Problem(f"{where}:{k_line}", f"{target!r}: unknown key {key!r} (expected one of {', '.join(KEYS)})"))
                continue
            if not isinstance(value, KEYS[key]):
                problems.append(Problem(f"{where}:{k_line}", f"{target!r}: {key!r} must be a {KEYS[key].__name__}"))
                continue
            if key == "type" and value not in TYPES:
                problems.append(Problem(f"{where}:{k_line}", f"{target!r}: type {value!r} is not one of {', '.join(TYPES)}"))
                continue
            if key == "aliases":
                if not all(isinstance(a, str) and a.strip() for a in value):
                    problems.append(Problem(f"{where}:{k_line}", f"{target!r}: 'aliases' must be a list of names"))
                    continue
                value = tuple(a.strip() for a in value)
            settings[key] = value
        entries.append(Override(target=target.strip(), where=f"{where}:{line}", **settings))
    return Overrides(entries), problems


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
    if entry.description:
        target = dataclasses.replace(target, description=entry.description)
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
    fixed_articles = []
    for article in articles:
        quotes = tuple(
            dataclasses.replace(q, speaker=dataclasses.replace(q.speaker, actor=follow(q.speaker.actor)))
            for q in article.quotes
        )
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
