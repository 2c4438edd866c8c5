"""The whole flow on one screen: read → annotate → resolve actors → render."""
from __future__ import annotations

import dataclasses
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from . import annotate as ann
from .actors import resolve_actors
from .overrides import apply_overrides, load_overrides
from .read import read_seeds
from .records import Article, Problem
from .render import Site, render_site

log = logging.getLogger(__name__)

# Annotation is a pure function of (model, article): keep results across
# rebuilds of `mkdocs serve` so an edit re-annotates only what changed.
_CACHE: dict[tuple[str, str], Article] = {}


@dataclass(frozen=True)
class Result:
    site: Site
    articles: list[Article]
    problems: list[Problem]  # bad inputs, skipped (fatal when strict)
    warnings: list[Problem]  # worth telling, never fatal


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


def build(seeds: Path, *, templates: Path, model: str = ann.DEFAULT_MODEL,
          use_directory_urls: bool = True) -> Result:
    """Build every generated page from the articles in `seeds`.

    Bad articles are reported in `Result.problems` and left out; the rest build.
    """
    articles, problems = read_seeds(seeds)
    overrides, override_problems = load_overrides(seeds / "actors.yml")
    problems += override_problems
    annotated = []
    for article in articles:
        try:
            annotated.append(annotate_cached(article, model))
        except ann.ModelNotFound:
            raise
        except Exception as exc:  # one bad article never takes the site down
            log.debug("annotation failed", exc_info=True)
            problems.append(Problem(article.source, f"annotation failed: {exc!r}"))
    resolved, actors = resolve_actors(annotated)
    resolved, actors, warnings = apply_overrides(resolved, actors, overrides)
    site = render_site(resolved, actors, templates=templates, use_directory_urls=use_directory_urls)
    return Result(site=site, articles=resolved, problems=problems, warnings=warnings)
