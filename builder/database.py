"""Data out: the whole site as one SQLite database (`data/sourcebook.sqlite`), for datasette or pandas.

Written from the index, like the annotation records and the quotes CSV, so the
counts agree. Offsets (`start`, `end`, …) refer to `articles.text`, the text
published in `annotations.jsonl`. Lists (`authors`, `aliases`, `fragments`) are
JSON text. The file is built with sqlite-utils in a temporary directory by a
fixed sequence of operations and then VACUUMed: the same index gives the same bytes.
"""
from __future__ import annotations

import bisect
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from .confidence import quote_confidence, speaker_confidence
from .index import Index
from .records import Actor, Article, Quote, QuoteGroup

FILENAME = "sourcebook.sqlite"

_ACTOR_COLUMNS = {"id": str, "name": str, "type": str, "gender": str, "description": str, "party": str,
                  "aliases": str}

# Each table: its columns (in order, with types), primary key, NOT NULL columns and foreign keys.
TABLES: dict[str, dict] = {
    "articles": {
        "columns": {"id": str, "title": str, "date": str, "outlet": str, "authors": str,
                    "url": str, "source": str, "text": str},
        "pk": "id", "not_null": ["title", "source", "text"], "foreign_keys": [],
    },
    "actors": {
        "columns": _ACTOR_COLUMNS,
        "pk": "id", "not_null": [c for c in _ACTOR_COLUMNS if c not in ("id", "description", "party")], "foreign_keys": [],
    },
    # Quotes that travel (builder/groups.py): one row per group, its earliest appearance in
    # the corpus (a quote), and how many articles and quotes it spans; each quote's
    # `group_id` says which group it is in (NULL: it appears in one article only).
    "quote_groups": {
        "columns": {"id": str, "earliest_quote_id": str, "earliest_article_id": str, "earliest_date": str,
                    "earliest_outlet": str, "articles": int, "quotes": int, "speakers": int, "altered": int},
        "pk": "id", "not_null": ["earliest_quote_id", "earliest_article_id", "articles", "quotes", "speakers",
                                 "altered"],
        "foreign_keys": [("earliest_article_id", "articles", "id")],
    },
    "quotes": {
        "columns": {"id": str, "article_id": str, "number": int, "kind": str, "text": str,
                    "start": int, "end": int, "paragraph": int, "rule": str, "cue": str,
                    "cue_start": int, "cue_end": int, "fragments": str, "actor_id": str,
                    "confidence": float, "corrected": int, "correction_note": str, "machine": str,
                    "group_id": str},
        "pk": "id", "not_null": ["article_id", "number", "kind", "text", "start", "end", "corrected"],
        "foreign_keys": [("article_id", "articles", "id"), ("actor_id", "actors", "id"),
                         ("group_id", "quote_groups", "id")],
    },
    "speakers": {
        "columns": {"quote_id": str, "text": str, "start": int, "end": int, "name": str,
                    "name_start": int, "name_end": int, "kind": str, "role": str, "reason": str,
                    "rule": str, "resolution": str, "confidence": float, "actor_id": str},
        "pk": "quote_id", "not_null": ["kind"],
        "foreign_keys": [("quote_id", "quotes", "id"), ("actor_id", "actors", "id")],
    },
    # Every actor each quote is credited to: one row for most, one per person of a joint speaker.
    "credits": {
        "columns": {"quote_id": str, "actor_id": str},
        "pk": None, "not_null": ["quote_id", "actor_id"],
        "foreign_keys": [("quote_id", "quotes", "id"), ("actor_id", "actors", "id")],
    },
    # Quotes the editors marked as not quotes: what the annotator had (`machine`, JSON) and their note.
    "removed_quotes": {
        "columns": {"article_id": str, "start": int, "end": int, "paragraph": int, "text": str,
                    "correction_note": str, "machine": str},
        "pk": None, "not_null": ["article_id", "start", "end", "text", "machine"],
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "mentions": {
        "columns": {"article_id": str, "actor_id": str, "start": int, "end": int},
        "pk": None, "not_null": ["article_id", "actor_id", "start", "end"],
        "foreign_keys": [("article_id", "articles", "id"), ("actor_id", "actors", "id")],
    },
}

INDEXES: list[tuple[str, str]] = [
    ("articles", "date"), ("articles", "outlet"),
    ("quotes", "article_id"), ("quotes", "actor_id"), ("quotes", "group_id"),
    ("speakers", "kind"), ("speakers", "actor_id"),
    # Mentions are found by actor; by article, SQLite's automatic index serves the rare
    # query (a stored one would be the largest part of the file).
    ("mentions", "actor_id"),
]


def _json(values: list | tuple) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _text(value: object) -> str | None:
    """A metadata value as text; a missing one is NULL."""
    return None if value is None else str(value)


def _authors(value: object) -> str | None:
    """Authors as a JSON list of names (names may hold commas: "Smith, Jr.")."""
    if value is None:
        return None
    return _json([str(a) for a in value] if isinstance(value, (list, tuple)) else [str(value)])


def _article_row(article: Article) -> dict:
    meta = article.metadata
    return {"id": article.id, "title": article.title, "date": _text(meta.get("date")),
            "outlet": _text(meta.get("outlet")), "authors": _authors(meta.get("authors")),
            "url": _text(meta.get("url")), "source": article.source, "text": article.text}


def _actor_row(actor: Actor) -> dict:
    return {"id": actor.id, "name": actor.name, "type": actor.type, "gender": actor.gender or "unknown",
            "description": actor.description, "party": actor.party, "aliases": _json(actor.aliases)}


def paragraph_number(article: Article, offset: int) -> int | None:
    """The 1-based number of the paragraph holding `offset` in the article text."""
    number = bisect.bisect_right(article.paragraphs, offset, key=lambda p: p.start)
    return number or None


def _group_row(group: QuoteGroup) -> dict:
    first = group.earliest
    return {"id": group.id, "earliest_quote_id": f"{first.article}/{first.quote}", "earliest_article_id": first.article,
            "earliest_date": first.date, "earliest_outlet": first.outlet, "articles": group.articles,
            "quotes": len(group.appearances), "speakers": len(group.speakers), "altered": group.altered}


def _quote_row(article: Article, number: int, q: Quote, actor_id: str | None, group_id: str | None = None) -> dict:
    cue = q.cue
    fragments = [[f.start, f.end] for f in q.fragments] if q.kind == "partial" else None
    return {"id": f"{article.id}/{q.id}", "article_id": article.id, "number": number,
            "kind": q.kind, "text": q.text, "start": q.start, "end": q.end,
            "paragraph": paragraph_number(article, q.start), "rule": q.rule,
            "cue": cue.text if cue else None, "cue_start": cue.start if cue else None,
            "cue_end": cue.end if cue else None,
            "fragments": _json(fragments) if fragments is not None else None, "actor_id": actor_id,
            "confidence": quote_confidence(q), "corrected": int(q.corrected), "correction_note": q.correction_note or None,
            "machine": json.dumps(q.machine, ensure_ascii=False, sort_keys=True) if q.machine else None,
            "group_id": group_id}


def _removed_rows(index: Index) -> Iterator[dict]:
    for article in index.articles:
        for q in article.removed:
            yield {"article_id": article.id, "start": q.start, "end": q.end,
                   "paragraph": paragraph_number(article, q.start), "text": q.text,
                   "correction_note": q.correction_note or None,
                   "machine": json.dumps(q.machine, ensure_ascii=False, sort_keys=True)}


def _speaker_row(quote_id: str, q: Quote, actor_id: str | None) -> dict:
    sp = q.speaker
    return {"quote_id": quote_id, "text": sp.text, "start": sp.start, "end": sp.end,
            "name": sp.name, "name_start": sp.name_start, "name_end": sp.name_end,
            "kind": sp.kind, "role": sp.role, "reason": sp.reason, "rule": sp.rule,
            "resolution": sp.resolution, "confidence": speaker_confidence(q), "actor_id": actor_id}


def _quotes(index: Index) -> Iterator[tuple[dict, dict]]:
    """A quotes row and its speakers row for every quote, in index order. An actor id
    the index does not know (an actor dropped by a later stage) becomes NULL."""
    for article in index.articles:
        for number, q in enumerate(article.quotes, start=1):
            actor_id = q.speaker.actor if q.speaker.actor in index.actor else None
            group = index.group_of.get((article.id, q.id))
            row = _quote_row(article, number, q, actor_id, group.id if group else None)
            yield row, _speaker_row(row["id"], q, actor_id)


def _credits(index: Index) -> Iterator[dict]:
    """(quote, actor) for every actor a quote is credited to, known to the index."""
    for article in index.articles:
        for q in article.quotes:
            for actor_id in q.speaker.actors:
                if actor_id in index.actor:
                    yield {"quote_id": f"{article.id}/{q.id}", "actor_id": actor_id}


def _mentions(index: Index) -> Iterator[dict]:
    """Where each actor is mentioned, only in the articles of the index."""
    for article in index.articles:
        for actor, spans in index.present.get(article.id, []):
            for start, end in spans:
                yield {"article_id": article.id, "actor_id": actor.id, "start": start, "end": end}


def _create(db: sqlite_utils.Database) -> None:
    for name, spec in TABLES.items():
        db.table(name).create(spec["columns"], pk=spec["pk"], not_null=spec["not_null"],
                              foreign_keys=spec["foreign_keys"] or None)
    for table, column in INDEXES:
        db.table(table).create_index([column])


def _insert(db: sqlite_utils.Database, table: str, rows: Iterator[dict]) -> None:
    """Insert rows (dicts keyed by the table's columns) with one prepared statement:
    several times faster than sqlite-utils' `insert_all`, which checks every value."""
    columns = list(TABLES[table]["columns"])
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})",
                        (tuple(row[c] for c in columns) for row in rows))


def _fill(db: sqlite_utils.Database, index: Index) -> None:
    # Rows are made as they are inserted (twice for quotes): a corpus need not hold them all.
    with db.conn:
        _insert(db, "articles", (_article_row(a) for a in index.articles))
        _insert(db, "actors", (_actor_row(a) for a in index.actors))
        _insert(db, "quote_groups", (_group_row(g) for g in index.groups))
        _insert(db, "quotes", (row for row, _ in _quotes(index)))
        _insert(db, "speakers", (speaker for _, speaker in _quotes(index)))
        _insert(db, "removed_quotes", _removed_rows(index))
        _insert(db, "mentions", _mentions(index))
        _insert(db, "credits", _credits(index))


def write_database(index: Index, path: Path) -> None:
    """Write the site's data as an SQLite database file at `path` (`data/sourcebook.sqlite`):
    tables articles, actors, quote_groups, quotes, speakers, credits, removed_quotes and mentions,
    with foreign keys and indexes.
    A file already there is replaced.

    The same index always gives the same bytes.
    """
    path.unlink(missing_ok=True)
    db = sqlite_utils.Database(path, execute_plugins=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")  # a dangling reference fails the build here
        # A file written once, in the build's output: nothing to make durable on the way.
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA journal_mode = MEMORY")
        _create(db)
        _fill(db, index)
        db.vacuum()
    finally:
        db.close()


def database(index: Index) -> bytes:
    """The bytes of the database file `write_database` writes."""
    with tempfile.TemporaryDirectory(prefix="sourcebook-db-") as tmp:
        path = Path(tmp) / FILENAME
        write_database(index, path)
        return path.read_bytes()
