"""The persistent annotation cache: annotated quotes and mentions kept in one
SQLite file, `.cache/sourcebook/annotations.sqlite`, so that a rebuild parses
only the articles that changed.

An entry is keyed by the article (id, title, text, paragraphs) and by everything
else that changes the result: the annotator's own code and data, the spaCy
version, the model's name and version and the annotation settings. Nothing read
back is trusted: an entry that does not decode is a miss, and a file that is not
a usable cache is moved aside. The cache never makes a build fail; a cache
that cannot be written is read, and the build warns of it once (a warning, so
fatal under `strict` like any other).
"""
from __future__ import annotations

import errno
import functools
import hashlib
import json
import logging
import os
import sqlite3
import time
import types
import typing
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import annotate as ann
from .records import CORRECTION_FIELDS, Article, Mention, Quote

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

CACHE_DIR = Path(".cache") / "sourcebook"
CACHE_FILE = "annotations.sqlite"
SCHEMA = 1  # PRAGMA user_version of a Sourcebook cache; bump when the table changes
BUSY_TIMEOUT_S = 30.0

PACKAGE = Path(__file__).resolve().parent
# What annotation runs: any change to these files gives every entry a new key.
ANNOTATOR_SOURCES = ("annotate", "data", "lexicon.py", "names.py", "people.py", "records.py", "cache.py")


class Undecodable(ValueError):
    """A cached value that is not the record shape this code writes."""


@dataclass
class Tally:
    """How many articles came from the cache and how many were parsed."""

    hits: int = 0
    misses: int = 0


# ---------------------------------------------------------------- the key

@functools.lru_cache(maxsize=1)
def annotator_version() -> str:
    """A hash of the annotator's source and data files, computed once per process."""
    digest = hashlib.sha256()
    for name in ANNOTATOR_SOURCES:
        root = PACKAGE / name
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def spacy_version() -> str:
    """The installed spaCy version (read from its metadata: spaCy is not imported)."""
    from importlib.metadata import version

    return version("spacy")


@functools.lru_cache(maxsize=8)
def model_identity(model: str) -> str | None:
    """`lang_name==version` of the model `load_pipeline(model)` would load, read from
    its meta.json without loading it (or spaCy); None when no such model is installed."""
    from .annotate.settings import DEFAULT_MODEL, FALLBACK_MODELS

    candidates = [model] + [m for m in FALLBACK_MODELS if m != model and model == DEFAULT_MODEL]
    for name in candidates:
        meta = _model_meta(name)
        if meta is not None:
            return f"{meta.get('lang', '')}_{meta.get('name', '')}=={meta.get('version', '')}"
    return None


def _model_meta(name: str) -> dict | None:
    """The meta.json of an installed model package or a model directory, found without importing either."""
    import importlib.util

    folder = Path(name) if Path(name).is_dir() else None
    if folder is None:
        try:
            spec = importlib.util.find_spec(name) if name.isidentifier() else None
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def environment(model: str, settings: Mapping[str, Any] | None = None) -> str | None:
    """Everything but the article that goes into a key, as one string; None when
    the model cannot be identified (then nothing is cached)."""
    from .annotate.settings import DISABLED

    identity = model_identity(model)
    if identity is None:
        return None
    parts = {"schema": SCHEMA, "annotator": annotator_version(), "spacy": spacy_version(), "model": identity,
             "settings": {"model": model, "disabled_rules": sorted(DISABLED), **(settings or {})}}
    return json.dumps(parts, sort_keys=True, default=str)


def cache_key(article: Article, env: str) -> str:
    """sha256 of the article's id, title, text and paragraphs and the environment."""
    digest = hashlib.sha256()
    paragraphs = ",".join(f"{p.start}:{p.end}" for p in article.paragraphs)
    for part in (env, article.id, article.title, article.text, paragraphs):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


# ---------------------------------------------------------------- the value

def encode(article: Article, logged: list[list[Any]] | None = None) -> str:
    """An annotated article's quotes and mentions (and what annotating it logged) as JSON."""
    return json.dumps({"quotes": [_annotation(q) for q in article.quotes],
                       "mentions": [asdict(m) for m in article.mentions],
                       "log": logged or []}, ensure_ascii=False, allow_nan=False)


def _annotation(q: Quote) -> dict[str, Any]:
    """A quote as the annotator made it: without the fields corrections set (so entries keep their bytes)."""
    data = asdict(q)
    for name in CORRECTION_FIELDS:
        del data[name]
    return data


_SCALARS = (int, str, bool)


def _check(value: Any, hint: Any) -> Any:
    """`value` read from JSON as the type `hint` says, or Undecodable."""
    if hint in _SCALARS:  # most fields: checked first, and fast
        if type(value) is hint:
            return value
        raise Undecodable(f"{value!r} is not a {hint.__name__}")
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if is_dataclass(hint):
        return from_json(hint, value)
    if origin is typing.Literal:
        if value not in args:
            raise Undecodable(f"{value!r} is not one of {args}")
        return value
    if origin in (typing.Union, types.UnionType):
        for option in args:
            try:
                return _check(value, option)
            except Undecodable:
                continue
        raise Undecodable(f"{value!r} is not a {hint}")
    if origin is tuple:
        if not isinstance(value, list):
            raise Undecodable(f"{value!r} is not a list")
        return tuple(_check(v, args[0]) for v in value)
    if hint is type(None) and value is None:
        return None
    raise Undecodable(f"{value!r} is not a {hint}")


@functools.lru_cache(maxsize=None)
def _fields(cls: type) -> dict[str, Any]:
    """The field names of a record class with their resolved types, in order."""
    hints = typing.get_type_hints(cls)
    skipped = CORRECTION_FIELDS if cls is Quote else ()  # defaults on decode: corrections come later
    return {f.name: hints[f.name] for f in fields(cls) if f.name not in skipped}


def from_json(cls: type, data: Any) -> Any:
    """A record of the frozen dataclass `cls` from its `asdict` JSON: exactly its
    fields, each of its type, or Undecodable."""
    hints = _fields(cls)
    if not isinstance(data, dict) or data.keys() != hints.keys():
        raise Undecodable(f"not a {cls.__name__}: {str(data)[:80]}")
    return cls(**{name: _check(value, hints[name]) for name, value in data.items()})


def decode(value: Any, text: str) -> tuple[tuple[Quote, ...], tuple[Mention, ...], list[list[Any]]]:
    """Quotes, mentions and log lines from a cached value; Undecodable if anything
    about it is off, including an offset outside the article's text."""
    try:
        data = json.loads(value)
    except (TypeError, ValueError) as exc:
        raise Undecodable(f"bad JSON: {exc}") from exc
    if not isinstance(data, dict) or set(data) != {"quotes", "mentions", "log"}:
        raise Undecodable("not a cache entry")
    quotes = _check(data["quotes"], tuple[Quote, ...])
    mentions = _check(data["mentions"], tuple[Mention, ...])
    logged = data["log"]
    if not isinstance(logged, list) or not all(_log_line(line) for line in logged):
        raise Undecodable("bad log lines")
    spans = [(q.start, q.end) for q in quotes] + [(m.start, m.end) for m in mentions]
    if any(not 0 <= s <= e <= len(text) for s, e in spans):
        raise Undecodable("an offset outside the text")
    return quotes, mentions, logged


def _log_line(line: Any) -> bool:
    """[logger name, level, message template, args…] as `Recorder` writes them."""
    if not (isinstance(line, list) and len(line) >= 3 and isinstance(line[0], str) and line[0].startswith("builder")
            and type(line[1]) is int and isinstance(line[2], str)):
        return False
    try:
        line[2] % tuple(line[3:])
    except (TypeError, ValueError):
        return False
    return True


# ---------------------------------------------------------------- the file

def _damaged(exc: BaseException) -> bool:
    """Whether an error says the file is not a (healthy) SQLite database."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorname", None)
    return code in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or code is None and not isinstance(exc, sqlite3.OperationalError)


def _refused(exc: BaseException) -> bool:
    """Whether an error says the cache may not be written: a read-only folder, file or disk."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    code = getattr(exc, "sqlite_errorname", None) or ""
    return code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"))


class AnnotationCache:
    """One SQLite file of entries `key → value`. Every failure turns the cache off
    for the run (a damaged file is moved aside and replaced); none is raised. A
    cache that cannot be written (a read-only folder or file) is still read. Each
    failure goes into `told`, for the build to tell and count with its warnings."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / CACHE_FILE
        self.conn: sqlite3.Connection | None = None
        self.writable = True
        self.told: list[str] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = self._open()
        except (OSError, sqlite3.Error) as exc:
            if not (_refused(exc) and self._open_read_only(exc)):
                self._failed(exc)

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            _when_unlocked(conn, "PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            with conn:  # under the write lock: another build may be creating it right now
                conn.execute("BEGIN IMMEDIATE")
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if version == 0 and tables == 0:
                    conn.execute("CREATE TABLE annotations "
                                 "(key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)")
                    conn.execute(f"PRAGMA user_version={SCHEMA}")
                    version = SCHEMA
            _check_schema(conn, version)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_read_only(self, exc: OSError | sqlite3.Error) -> bool:
        """Open an existing cache that cannot be written, to read it only; whether it opened.
        Without its `-shm` file (gone when the last writer closed it) SQLite reads a WAL
        database only as immutable: no other build can write it either."""
        if not self.path.is_file():
            return False
        for mode in ("ro", "ro&immutable=1"):
            try:
                conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode={mode}", uri=True,
                                       timeout=BUSY_TIMEOUT_S, isolation_level=None)
            except sqlite3.Error:
                continue
            try:
                _check_schema(conn, conn.execute("PRAGMA user_version").fetchone()[0])
            except sqlite3.Error:
                conn.close()
                continue
            self.conn = conn
            self._cannot_write(exc)
            return True
        return False

    def _cannot_write(self, exc: OSError | sqlite3.Error) -> None:
        """Read on, write no more, and say so once."""
        if not self.writable:
            return
        self.writable = False
        folder = self.path.parent
        why = ("its folder is read-only" if not os.access(folder, os.W_OK) else
               "the file is read-only" if self.path.exists() and not os.access(self.path, os.W_OK) else str(exc))
        self.told.append(f"cannot write to the annotation cache ({why}); it is read, "
                         "but what this build parses is not kept")

    def _move_aside(self, exc: Exception) -> None:
        """Keep a broken or foreign file for inspection and start an empty cache."""
        aside = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        self.told.append(f"the annotation cache {self.path.name} is not usable ({exc}); moved to {aside.name}, "
                         "starting afresh")
        try:
            self.path.replace(aside)
            for suffix in ("-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            self.conn = self._open()
        except (OSError, sqlite3.Error) as again:
            self.told.append(f"the annotation cache {self.path.name} cannot be recreated ({again}); annotating without it")
            self.conn = None

    def _failed(self, exc: OSError | sqlite3.Error) -> None:
        """A damaged or foreign file is moved aside and replaced; any other failure
        (locked for longer than the busy timeout, no space, no permission) turns
        the cache off for the rest of the run."""
        self.close()
        if _damaged(exc):
            self._move_aside(exc)
        else:
            self.told.append(f"the annotation cache {self.path.name} failed ({exc}); annotating without it")

    def get(self, key: str) -> Any:
        """The stored value under `key` (anything: it is checked by the caller), or None."""
        if self.conn is None:
            return None
        try:
            row = self.conn.execute("SELECT value FROM annotations WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        return row[0] if row else None

    def put(self, key: str, value: str) -> None:
        """Store one entry in its own transaction: written whole or not at all. A cache
        that refuses the write (read-only, full, locked too long) is still read."""
        if self.conn is None or not self.writable:
            return
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute("INSERT OR REPLACE INTO annotations (key, value, created) VALUES (?, ?, ?)",
                                  (key, value, time.time()))
        except sqlite3.Error as exc:
            if _refused(exc):
                self._cannot_write(exc)
            elif _damaged(exc):
                self._failed(exc)
            else:  # locked for longer than the busy timeout, or no space: read on, write no more
                self.told.append(f"the annotation cache {self.path.name} cannot be written ({exc}); it is read, "
                                 "but what this build parses is not kept")
                self.writable = False

    def close(self) -> None:
        """Close the file; later gets miss and puts do nothing."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _check_schema(conn: sqlite3.Connection, version: int) -> None:
    """DatabaseError unless the file is a Sourcebook cache of this schema."""
    if version != SCHEMA:
        raise sqlite3.DatabaseError(f"not a Sourcebook cache (user_version {version})")
    try:
        conn.execute("SELECT key, value FROM annotations LIMIT 0")
    except sqlite3.OperationalError as exc:  # a table of the same name, other columns
        raise sqlite3.DatabaseError(f"not a Sourcebook cache ({exc})") from exc


def _when_unlocked(conn: sqlite3.Connection, statement: str) -> None:
    """Run a statement that SQLite may refuse at once, without waiting, while
    another process holds the file (switching to WAL does): retry for a while."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute(statement)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def clear(directory: Path) -> int:
    """Delete the cache files in `directory` (the database, its journal and any
    moved-aside copies); return how many were removed."""
    removed = 0
    for path in sorted(Path(directory).glob(CACHE_FILE + "*")):
        if path.is_file():
            path.unlink()
            removed += 1
    return removed


# ---------------------------------------------------------------- what annotation logs

_SOURCE = "\0source"  # stands for the article's source path in a recorded log line


class Recorder(logging.Handler):
    """Records the warnings annotating one article logs, to replay them on a cache hit
    (a rebuild from the cache still tells about the unclosed quotation mark)."""

    def __init__(self, source: str) -> None:
        super().__init__(logging.WARNING)
        self.source = source
        self.lines: list[list[Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep a warning whose arguments JSON can carry, with the source path abstracted."""
        args = record.args if isinstance(record.args, tuple) else ()
        if all(isinstance(a, (str, int, float)) or a is None for a in args):
            self.lines.append([record.name, record.levelno, str(record.msg),
                               *(_SOURCE if a == self.source else a for a in args)])


def told(logged: list[list[Any]], source: str) -> list[str]:
    """What the recorded warnings say, each without the source it names first."""
    found = []
    for _, _, template, *args in logged:
        try:
            message = template % tuple(source if a == _SOURCE else a for a in args)
        except (TypeError, ValueError):
            message = template
        found.append(message.removeprefix(f"{source}: "))
    return found


def replay(logged: list[list[Any]], source: str) -> None:
    """Log again what annotating an article logged, naming its current source."""
    for name, level, template, *args in logged:
        logging.getLogger(name).log(level, template, *(source if a == _SOURCE else a for a in args))


# ---------------------------------------------------------------- parsing, with what it warns of

def _pipeline(model: str) -> Language:
    """The spaCy pipeline, loaded on the first article not in the cache."""
    if ann.load_pipeline.cache_info().currsize == 0:
        log.info("loading spaCy model %r", model)
    return ann.load_pipeline(model)


def parse(article: Article, model: str) -> tuple[Article, list]:
    """Annotate with spaCy, recording the warnings it logs so that a hit can repeat them
    (what the build, its workers and a Dask cluster all call: none imports the build)."""
    nlp = _pipeline(model)  # first: what loading the model logs is not the article's
    recorder = Recorder(article.source)
    logger = logging.getLogger(ann.__name__)
    logger.addHandler(recorder)
    logger.propagate = False  # recorded, then told once with the build's warnings (`noted`)
    try:
        return ann.annotate(article, nlp), recorder.lines
    finally:
        logger.removeHandler(recorder)
        logger.propagate = True
