"""The whole flow on one screen: read → annotate → resolve actors → index → render and export.

`collect()` runs the stages every face of Sourcebook shares (the site and the
`annotate` command); `build()` adds the index and the pages.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import annotate as ann
from .actors import resolve_actors
from .export import export_files
from .index import Index, index_site
from .overrides import OVERRIDES_FILE, apply_overrides, load_overrides
from .read import Settings, read_paths
from .records import Actor, Article, Problem
from .render import Site, render_site

log = logging.getLogger(__name__)
T = TypeVar("T")

# Annotation is a pure function of (model, article): keep results across
# rebuilds of `mkdocs serve` so an edit re-annotates only what changed.
_CACHE: dict[tuple[str, str], Article] = {}


@dataclass(frozen=True)
class Corpus:
    """Annotated articles with their actors resolved across all of them."""

    articles: list[Article]
    actors: list[Actor]
    problems: list[Problem]  # bad inputs, skipped (fatal when strict)
    warnings: list[Problem]  # worth telling, never fatal


@dataclass(frozen=True)
class Result:
    site: Site
    index: Index
    problems: list[Problem]
    warnings: list[Problem]

    @property
    def articles(self) -> list[Article]:
        return self.index.articles


def _cache_key(model: str, article: Article) -> tuple[str, str]:
    digest = hashlib.sha256()
    for part in (article.id, article.title, article.text, repr(article.paragraphs)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return model, digest.hexdigest()


def annotate_cached(article: Article, model: str) -> Article:
    """Annotate one article, reusing an earlier result for identical input."""
    key = _cache_key(model, article)
    if key not in _CACHE:
        _CACHE[key] = ann.annotate(article, ann.load_pipeline(model))
    cached = _CACHE[key]
    # Metadata and source path are not part of the key; take them from the fresh read.
    return dataclasses.replace(cached, metadata=article.metadata, source=article.source)


def annotate_all(articles: list[Article], model: str) -> tuple[list[Article], list[Problem]]:
    """Annotate each article on its own: one that fails is reported and left out."""
    annotated, problems = [], []
    for article in articles:
        try:
            annotated.append(annotate_cached(article, model))
        except ann.ModelNotFound:
            raise
        except Exception as exc:  # one bad article never takes the site down
            log.debug("annotation failed", exc_info=True)
            problems.append(Problem(article.source, f"annotation failed: {exc!r}"))
    return annotated, problems


def overrides_files(paths: list[Path]) -> list[Path]:
    """The curated actors files that go with these inputs, each once: `actors.yml`
    in each directory read, or beside each file read. Later files apply after earlier ones."""
    found = []
    for path in paths:
        candidate = ((path if path.is_dir() else path.parent) / OVERRIDES_FILE).resolve()
        if candidate.is_file() and candidate not in found:
            found.append(candidate)
    return found


def isolated(stage: Callable[[list[Article]], T], articles: list[Article], what: str
             ) -> tuple[T, list[Article], list[Problem]]:
    """Run a stage over all articles; if one article breaks it, find it by
    running the stage on each article alone, leave it out with a problem naming
    its file, and run the stage on the rest."""
    try:
        return stage(articles), articles, []
    except ann.ModelNotFound:
        raise
    except Exception:  # one odd record never takes the site down
        log.debug("%s failed; looking for the article that breaks it", what, exc_info=True)
    problems, bad = [], set()
    for article in articles:
        try:
            stage([article])
        except Exception as exc:
            bad.add(article.id)
            problems.append(Problem(article.source, f"{what} failed: {exc!r}"))
    kept = [a for a in articles if a.id not in bad]
    return stage(kept), kept, problems


def collect(paths: list[Path], *, model: str = ann.DEFAULT_MODEL, settings: Settings = Settings()) -> Corpus:
    """Read, annotate and resolve actors for the articles in `paths` (files or
    directories), applying their curated `actors.yml`. `settings` say how to
    read (size limit, corpus field names)."""
    articles, read_problems = read_paths(paths, settings)
    overrides, bad_overrides = load_overrides(overrides_files(paths))
    annotated, failed = annotate_all(articles, model)
    (resolved, actors), annotated, unresolved = isolated(resolve_actors, annotated, "actor resolution")
    resolved, actors, override_warnings = apply_overrides(resolved, actors, overrides)
    found = read_problems + bad_overrides + failed + unresolved
    warnings = [p for p in found if not p.fatal] + override_warnings
    return Corpus(resolved, actors, [p for p in found if p.fatal], warnings)


def build(seeds: Path, *, templates: Path, model: str = ann.DEFAULT_MODEL,
          use_directory_urls: bool = True, settings: Settings = Settings()) -> Result:
    """Build every generated page and data file from the articles in `seeds`.

    Bad articles are reported in `Result.problems` and left out; the rest build.
    """
    corpus = collect([seeds], model=model, settings=settings)

    def pages(articles: list[Article]) -> tuple[Site, Index]:
        index = index_site(articles, corpus.actors)
        found, home = render_site(index, templates=templates, use_directory_urls=use_directory_urls)
        return Site(pages=found, files=export_files(index), home=home), index

    (site, index), _, unrendered = isolated(pages, corpus.articles, "rendering")
    return Result(site=site, index=index, problems=corpus.problems + unrendered, warnings=corpus.warnings)
