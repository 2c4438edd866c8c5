"""Data out: the SQLite database, written from the same index as the CSV and the JSON records."""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from base import actor, article, quote

from builder.database import database
from builder.export import quotes_csv
from builder.index import Index, index_site

ROOT = Path(__file__).resolve().parent.parent

ONE = "“We won,” said Ann Lee.\n“It was close,” an official said."
TWO = ("Turnout was high.\n“We are ready,” Bo Park said.\n“Again we won,” Ann Lee said.\n"
       "“We will see,” said Bo Park.\n“Nobody expected it,” a source close to the talks said.")
THREE = "“Who knows,” said a ghost."

# The guide's example queries, as a reader runs them in `sqlite3 site/data/sourcebook.sqlite` or datasette.
ANONYMOUS_BY_OUTLET = """
SELECT COALESCE(a.outlet, '(no outlet)') AS outlet,
       COUNT(*) AS quotes,
       SUM(s.kind = 'anonymous') AS anonymous,
       ROUND(100.0 * SUM(s.kind = 'anonymous') / COUNT(*), 1) AS anonymous_percent
FROM quotes AS q
JOIN speakers AS s ON s.quote_id = q.id
JOIN articles AS a ON a.id = q.article_id
GROUP BY a.outlet
ORDER BY anonymous_percent DESC, outlet;
"""

TOP_ACTORS_BY_MONTH = """
WITH counts AS (
  SELECT substr(a.date, 1, 7) AS month, ac.name AS actor, COUNT(*) AS quotes
  FROM quotes AS q
  JOIN articles AS a ON a.id = q.article_id
  JOIN actors AS ac ON ac.id = q.actor_id
  WHERE a.date IS NOT NULL
  GROUP BY month, ac.id, ac.name
),
ranked AS (
  SELECT *, RANK() OVER (PARTITION BY month ORDER BY quotes DESC) AS place
  FROM counts
)
SELECT month, actor, quotes
FROM ranked
WHERE place <= 3
ORDER BY month, place, actor;
"""

QUOTES_OF_ONE_ACTOR = """
SELECT a.date, a.title, q.text, q.kind, a.url
FROM quotes AS q
JOIN actors AS ac ON ac.id = q.actor_id
JOIN articles AS a ON a.id = q.article_id
WHERE ac.name = 'Ann Lee'
ORDER BY a.date, a.id, q.number;
"""


def at(article_id: str, text: str, name: str, *, after: int = 0) -> tuple[str, int, int]:
    """A mention of `name` in `text`, at or after an offset."""
    start = text.index(name, after)
    return article_id, start, start + len(name)


def site_index() -> Index:
    """Two articles with metadata, one without; named, anonymous and unresolved sources."""
    one = article("one", ONE, quotes=(
        quote("Ann Lee", "We won,", ONE, actor="ann-lee", number=1),
        quote("an official", "It was close,", ONE, source="anonymous", number=2),
    ), date="2024-03-05", outlet="Daily", authors=["Ann Writer", "Bo Smith, Jr."], url="https://daily.example/one")
    two = article("two", TWO, quotes=(
        quote("Bo Park", "We are ready,", TWO, actor="bo-park", number=1),
        quote("Ann Lee", "Again we won,", TWO, actor="ann-lee", number=2),
        quote("Bo Park", "We will see,", TWO, actor="bo-park", number=3),
        quote("a source close to the talks", "Nobody expected it,", TWO, source="anonymous", number=4),
    ), date="2024-04-02", outlet="Herald", authors=["Cy Doe"], url="https://herald.example/two")
    three = article("three", THREE, quotes=(quote("a ghost", "Who knows,", THREE, actor="ghost"),))
    ann = actor("ann-lee", "Ann Lee", at("one", ONE, "Ann Lee"), at("two", TWO, "Ann Lee"), ("gone", 0, 7))
    bo = actor("bo-park", "Bo Park", at("two", TWO, "Bo Park"), at("two", TWO, "Bo Park", after=50))
    return index_site([one, two, three], [ann, bo])


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("db") / "sourcebook.sqlite"
    path.write_bytes(database(site_index()))
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def rows(db: sqlite3.Connection, sql: str, *params: object) -> list[tuple]:
    return db.execute(sql, params).fetchall()


def test_import_does_not_load_spacy():
    code = "import sys, builder.database; assert 'spacy' not in sys.modules, 'spacy loaded'"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_tables_and_primary_keys(db):
    tables = rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    assert [t for (t,) in tables] == ["actors", "articles", "credits", "mentions", "quote_groups", "quotes",
                                      "removed_quotes", "speakers"]
    pks = {t: [r[1] for r in rows(db, f"PRAGMA table_info({t})") if r[5]] for (t,) in tables}
    assert pks == {"actors": ["id"], "articles": ["id"], "credits": [], "mentions": [], "quotes": ["id"],
                   "quote_groups": ["id"], "removed_quotes": [],
                   "speakers": ["quote_id"]}


def test_foreign_keys_declared_and_kept(db):
    def keys(table: str) -> set[tuple]:
        return {(r[3], r[2], r[4]) for r in rows(db, f"PRAGMA foreign_key_list({table})")}

    assert keys("quotes") == {("article_id", "articles", "id"), ("actor_id", "actors", "id"),
                              ("group_id", "quote_groups", "id")}
    assert keys("quote_groups") == {("earliest_article_id", "articles", "id")}
    assert keys("speakers") == {("quote_id", "quotes", "id"), ("actor_id", "actors", "id")}
    assert keys("mentions") == {("article_id", "articles", "id"), ("actor_id", "actors", "id")}
    assert keys("articles") == keys("actors") == set()
    assert rows(db, "PRAGMA foreign_key_check") == []


def test_indexes(db):
    found = {(table, rows(db, f"PRAGMA index_info('{name}')")[0][2])
             for name, table in rows(db, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                                         "AND name NOT LIKE 'sqlite_autoindex%'")}
    assert found >= {("quotes", "article_id"), ("quotes", "actor_id"), ("speakers", "kind"),
                     ("mentions", "actor_id"), ("articles", "date"),
                     ("articles", "outlet")}


def test_counts_agree_with_the_csv(db):
    index = site_index()
    csv_rows = list(csv.DictReader(io.StringIO(quotes_csv(index))))
    assert rows(db, "SELECT COUNT(*) FROM quotes") == [(len(csv_rows),)] == [(7,)]
    assert rows(db, "SELECT COUNT(*) FROM speakers") == [(7,)]
    assert [i for (i,) in rows(db, "SELECT id FROM quotes ORDER BY rowid")] == \
        [f"{r['article']}/{r['quote_id']}" for r in csv_rows]
    assert rows(db, "SELECT id FROM articles ORDER BY rowid") == [(a.id,) for a in index.articles]


def test_mentions_only_of_articles_in_the_index(db):
    assert rows(db, "SELECT article_id, actor_id, start, end FROM mentions ORDER BY article_id, start") == [
        ("one", "ann-lee", 15, 22), ("two", "bo-park", 34, 41), ("two", "ann-lee", 64, 71),
        ("two", "bo-park", 98, 105)]
    for article_id, actor_id, start, end in rows(db, "SELECT article_id, actor_id, start, end FROM mentions"):
        [(text,)] = rows(db, "SELECT text FROM articles WHERE id = ?", article_id)
        [(name,)] = rows(db, "SELECT name FROM actors WHERE id = ?", actor_id)
        assert text[start:end] == name


def test_article_metadata(db):
    got = rows(db, "SELECT id, title, date, outlet, authors, url, source FROM articles ORDER BY id")
    assert got == [
        ("one", "One", "2024-03-05", "Daily", '["Ann Writer", "Bo Smith, Jr."]', "https://daily.example/one", "one.txt"),
        ("three", "Three", None, None, None, None, "three.txt"),
        ("two", "Two", "2024-04-02", "Herald", '["Cy Doe"]', "https://herald.example/two", "two.txt"),
    ]
    assert json.loads(got[0][4]) == ["Ann Writer", "Bo Smith, Jr."]


def test_actors(db):
    assert rows(db, "SELECT id, name, type, description, aliases FROM actors ORDER BY id") == [
        ("ann-lee", "Ann Lee", "person", None, "[]"), ("bo-park", "Bo Park", "person", None, "[]")]


def test_quote_offsets_and_paragraphs(db):
    joined = rows(db, "SELECT a.text, q.text, q.start, q.end, q.paragraph, substr(a.text, q.start + 1, q.end - q.start) "
                      "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id")
    assert len(joined) == 7
    for text, said, start, end, paragraph, sliced in joined:
        assert text[start:end] == said == sliced
        assert text.split("\n")[paragraph - 1].find(said) >= 0
    assert rows(db, "SELECT id, number, paragraph, kind, rule FROM quotes WHERE article_id = 'two' ORDER BY number") == [
        ("two/q1", 1, 2, "direct", "direct"), ("two/q2", 2, 3, "direct", "direct"),
        ("two/q3", 3, 4, "direct", "direct"), ("two/q4", 4, 5, "direct", "direct")]


def test_speakers(db):
    got = rows(db, "SELECT s.quote_id, s.name, s.kind, s.rule, s.actor_id, a.text, s.start, s.end "
                   "FROM speakers AS s JOIN quotes AS q ON q.id = s.quote_id JOIN articles AS a ON a.id = q.article_id "
                   "WHERE s.quote_id LIKE 'one/%' ORDER BY s.quote_id")
    assert [row[:5] for row in got] == [("one/q1", "Ann Lee", "named", "verb-subject", "ann-lee"),
                                        ("one/q2", "an official", "anonymous", "verb-subject", None)]
    assert all(text[start:end] == name for _, name, _, _, _, text, start, end in got)


def test_actor_unknown_to_the_index_is_null(db):
    assert rows(db, "SELECT q.actor_id, s.actor_id, s.name FROM quotes AS q JOIN speakers AS s ON s.quote_id = q.id "
                    "WHERE q.article_id = 'three'") == [(None, None, "a ghost")]


@pytest.mark.parametrize("sql, expected", [
    (ANONYMOUS_BY_OUTLET, [("Daily", 2, 1, 50.0), ("Herald", 4, 1, 25.0), ("(no outlet)", 1, 0, 0.0)]),
    (TOP_ACTORS_BY_MONTH, [("2024-03", "Ann Lee", 1), ("2024-04", "Bo Park", 2), ("2024-04", "Ann Lee", 1)]),
    (QUOTES_OF_ONE_ACTOR, [("2024-03-05", "One", "We won,", "direct", "https://daily.example/one"),
                           ("2024-04-02", "Two", "Again we won,", "direct", "https://herald.example/two")]),
], ids=["anonymous-by-outlet", "top-actors-by-month", "quotes-of-one-actor"])
def test_guide_queries(db, sql, expected):
    assert rows(db, sql) == expected


def test_same_index_same_bytes():
    first = database(site_index())
    assert first[:16] == b"SQLite format 3\x00"
    assert database(site_index()) == first


def test_empty_site():
    conn = sqlite3.connect(":memory:")
    conn.deserialize(database(index_site([], [])))
    assert conn.execute("SELECT COUNT(*) FROM quotes").fetchone() == (0,)
