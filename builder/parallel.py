"""Annotating the articles the cache does not have in other processes: worker
processes on this machine (`parse_in_workers`), or Dask workers (`distributed.py`).

Both send batches of articles to `annotate_batch`, which runs in the worker,
loads the pipeline once per process and returns plain strings: each article's
`cache.encode` value (its records and what annotating it logged) or why it
failed. The main process turns them back into records with `unpack`, in input
order, so that what it stores, logs and returns is what one process would.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Generator, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from . import cache
from .cache import parse
from .records import Article

log = logging.getLogger(__name__)

# Starting workers (fresh interpreters that import spaCy and load the model) takes
# about a second longer than loading the model here, the time one process parses
# some 35,000 characters in: below this much text to parse, workers gain little.
MIN_POOL_CHARS = 100_000
BATCH_ARTICLES = 4  # articles sent to a worker at a time

# What a batch returns: (what loading the model logged; why the worker refused,
# as ["model" or "version", message], or None; one [status, value] per article:
# ["ok", cache.encode(...)] or ["failed", repr(exception)]).
BatchResult = tuple[list[list[Any]], list[str] | None, list[list[str]]]


class WorkerError(RuntimeError):
    """Workers that cannot annotate for this process: unreachable, dead, or
    running another version of Sourcebook, spaCy or the model."""


@dataclass(frozen=True)
class Failed:
    """An article whose annotation raised: `reason` is the exception's repr."""

    reason: str


# An article annotated (with the log lines it recorded), or why it failed.
Parsed = tuple[Article, list] | Failed
# Parsed articles in input order, each with its encoded value to store (None if it failed).
ParsedStream = Generator[tuple[Parsed, str | None], None, None]


def default_processes() -> int:
    """The CPUs this process may run on (the `n_process` default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def use_pool(misses: list[Article], n_process: int) -> bool:
    """Whether starting `n_process` workers pays: enough articles and enough text."""
    return (n_process > 1 and len(misses) >= 2 * n_process
            and sum(len(a.text) for a in misses) >= MIN_POOL_CHARS)


def batches(articles: list[Article], size: int = BATCH_ARTICLES) -> list[list[Article]]:
    """The articles in consecutive batches of `size`."""
    return [articles[i:i + size] for i in range(0, len(articles), size)]


# ---------------------------------------------------------------- in a worker

def _exit_with_parent(parent: int) -> None:
    """Worker initializer: exit as soon as the process that started the worker is gone
    (killed, say), rather than parse on for nobody."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="sourcebook-parent-watch").start()


@functools.lru_cache(maxsize=4)
def _load(model: str) -> tuple[list[list[Any]], str | None]:
    """Load the pipeline once per process; return what loading logged and, if
    the model is missing, the error message."""
    from . import annotate as ann

    recorder = cache.Recorder("")
    logger = logging.getLogger("builder")
    logger.addHandler(logging.NullHandler())  # a worker logs nothing itself: the main process tells
    logger.addHandler(recorder)
    try:
        ann.load_pipeline(model)
        return recorder.lines, None
    except ann.ModelNotFound as exc:
        return recorder.lines, str(exc)
    finally:
        logger.removeHandler(recorder)


def annotate_batch(articles: list[Article], model: str, env: str | None) -> BatchResult:
    """Annotate a batch in a worker. `env` is the main process's cache environment:
    a worker whose code or model differs refuses rather than fill the cache with
    records under the wrong key."""
    loaded, missing = _load(model)
    if missing is not None:
        return loaded, ["model", missing], []
    if env is not None and cache.environment(model) != env:
        return loaded, ["version", "a worker runs another version of Sourcebook, spaCy or the model "
                                   "than the main process"], []
    outcomes = []
    for article in articles:
        try:
            outcomes.append(["ok", cache.encode(*parse(article, model))])
        except Exception as exc:  # one bad article is reported, never the batch
            outcomes.append(["failed", repr(exc)])
    return loaded, None, outcomes


# ---------------------------------------------------------------- in the main process

def unpack(pairs: Iterable[tuple[list[Article], BatchResult]]) -> ParsedStream:
    """Each article of each (batch, result) pair, in order, as (annotated article
    or Failed, its encoded value to store); what loading the model logged is
    told once. A missing model is ModelNotFound, other code a WorkerError."""
    from . import annotate as ann

    told: set[str] = set()
    for articles, (loaded, refused, outcomes) in pairs:
        for line in loaded:
            if json.dumps(line) not in told:
                told.add(json.dumps(line))
                cache.replay([line], "")
        if refused is not None:
            raise (ann.ModelNotFound if refused[0] == "model" else WorkerError)(refused[1])
        for article, (status, value) in zip(articles, outcomes, strict=True):
            yield _decoded(article, status, value), value if status == "ok" else None


def _decoded(article: Article, status: str, value: str) -> Parsed:
    """The article with the records a worker returned and the log lines it recorded
    (told with the build's warnings)."""
    if status != "ok":
        return Failed(value)
    try:
        quotes, mentions, logged = cache.decode(value, article.text)
    except cache.Undecodable as exc:
        return Failed(repr(exc))
    return dataclasses.replace(article, quotes=quotes, mentions=mentions), logged


def worker_pool(n_process: int) -> ProcessPoolExecutor:
    """`n_process` worker processes, started with "spawn" (forking a process that holds
    spaCy's threads, or `mkdocs serve`'s, is not safe), that exit with this process."""
    return ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_exit_with_parent, initargs=(os.getpid(),))


def parse_in_workers(articles: list[Article], model: str, n_process: int,
                     env: str | None) -> ParsedStream:
    """Annotate `articles` in `n_process` worker processes, yielding results in
    input order as they arrive (see `worker_pool`)."""
    log.info("annotating %d articles in %d worker processes", len(articles), n_process)
    groups = batches(articles, max(1, min(BATCH_ARTICLES, len(articles) // (2 * n_process))))  # 2+ per worker
    pool = worker_pool(n_process)
    try:
        results = pool.map(annotate_batch, groups, [model] * len(groups), [env] * len(groups))
        yield from unpack(zip(groups, results))
    except BrokenProcessPool as exc:
        raise WorkerError(f"a worker process died ({exc}); try fewer processes (n_process)") from exc
    finally:
        pool.shutdown(cancel_futures=True)
