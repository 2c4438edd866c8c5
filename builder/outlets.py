"""Outlets: who published each article, with a name to show and a page of their own.

An outlet is the `outlet` an article's input gives ("wash-post", "The Hill").
Its name is read from an optional `seeds/outlets.yml`:

    wash-post:                       # the outlet as the articles give it
      name: The Washington Post      # shown everywhere
      url: https://www.washingtonpost.com   # optional: its site, linked from its page
      description: Daily newspaper, Washington, D.C.   # optional
    nyt: The New York Times          # a name alone

Without an entry, the name is the outlet as written, or a readable form of a
slug ("huff-post" → "Huff Post", "nyt" → "NYT"). An entry for an outlet no
article has is a warning; a malformed file or entry is an error naming file and line.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import safe_yaml
from .overrides import SIZE_LIMIT, _read
from .records import Article, Problem
from .slugs import slugify

OUTLETS_FILE = "outlets.yml"
NO_OUTLET = "No outlet given"
KEYS = ("name", "url", "description")
_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


@dataclass(frozen=True)
class Outlet:
    key: str  # as the articles give it
    slug: str  # its page: outlets/<slug>/
    name: str
    url: str | None = None
    description: str | None = None
    articles: int = 0


def readable(key: str) -> str:
    """A slug made readable ("wash-post" → "Wash Post", "nyt" → "NYT"); other names as written."""
    key = " ".join(key.split())
    if not _SLUG.fullmatch(key):
        return key
    words = re.split(r"[-_]", key)
    if len(words) == 1 and len(key) <= 4:
        return key.upper()
    return " ".join(w.capitalize() for w in words)


def outlet_of(article: Article) -> str:
    """The outlet an article gives, as written ("" when it gives none)."""
    return " ".join(str(article.metadata.get("outlet") or "").split())


def load_outlets(paths: list[Path]) -> tuple[dict[str, dict], list[Problem]]:
    """The curated entries of `outlets.yml` files, by outlet key (later files win), each
    with the `where` (file:line) it was written; and the problems found."""
    entries: dict[str, dict] = {}
    problems: list[Problem] = []
    for path in paths:
        found, bad = _load_file(path)
        entries.update(found)
        problems += bad
    return entries, problems


def _load_file(path: Path) -> tuple[dict[str, dict], list[Problem]]:
    where = str(path)
    try:
        doc, errors = safe_yaml.load_entries(_read(path), limit=SIZE_LIMIT)
    except OSError as exc:
        return {}, [Problem(where, f"cannot read: {exc.strerror or exc}")]
    except safe_yaml.YamlError as exc:
        return {}, [Problem(_at(where, exc.line), exc.message)]
    problems = [Problem(_at(where, e.line), e.message) for e in errors]
    if doc.value is None:
        return {}, problems
    if not isinstance(doc.value, dict):
        return {}, problems + [Problem(_at(where, doc.line()), "expected a mapping of outlets to names or settings")]
    entries = {}
    for key, value in doc.value.items():
        at = _at(where, doc.line(key))
        if isinstance(value, str):
            value = {"name": value}
        wrong = _wrong(key, value)
        if wrong:
            problems.append(Problem(_at(where, doc.line(key, wrong[0]) or doc.line(key)), wrong[1]))
            continue
        entries[" ".join(str(key).split())] = {**{k: " ".join(v.split()) for k, v in value.items()}, "where": at}
    return entries, problems


def _wrong(key: object, value: object) -> tuple[str, str] | None:
    """(the field at fault, what is wrong) with one entry; None if it is sound."""
    if not str(key).strip():
        return "", "an outlet must be a non-empty name"
    if not isinstance(value, dict):
        return "", f"{key!r}: expected a name, or settings ({', '.join(KEYS)})"
    for field, setting in value.items():
        if field not in KEYS:
            return field, f"{key!r}: unknown setting {field!r} (expected one of {', '.join(KEYS)})"
        if not isinstance(setting, str) or not setting.strip():
            return field, f"{key!r}: {field!r} must be a non-empty string"
    if "name" not in value:
        return "", f"{key!r}: an outlet entry needs a `name`"
    return None


def _at(where: str, line: int | None) -> str:
    return f"{where}:{line}" if line else where


def outlets(articles: list[Article], curated: dict[str, dict] | None = None
            ) -> tuple[dict[str, Outlet], list[Problem]]:
    """Every outlet of `articles`, by key, with its curated name (matched ignoring case)
    or a readable one, and a page slug of its own; warnings for curated outlets no
    article has."""
    curated = curated or {}
    by_fold = {k.casefold(): k for k in curated}
    counts = Counter(outlet_of(a) for a in articles)
    counts.pop("", None)
    found: dict[str, Outlet] = {}
    used_slugs: set[str] = {"index"}
    used: set[str] = set()
    for key in sorted(counts, key=lambda k: (k.casefold(), k)):
        entry = curated.get(by_fold.get(key.casefold(), ""), {})
        if entry:
            used.add(by_fold[key.casefold()])
        base = slugify(key) or "outlet"
        slug, n = base, 1
        while slug in used_slugs:
            n += 1
            slug = f"{base}-{n}"
        used_slugs.add(slug)
        found[key] = Outlet(key=key, slug=slug, name=entry.get("name") or readable(key), url=entry.get("url"),
                            description=entry.get("description"), articles=counts[key])
    warnings = [Problem(entry["where"], f"no article has the outlet {key!r}; entry ignored", fatal=False)
                for key, entry in curated.items() if key not in used]
    return found, warnings
