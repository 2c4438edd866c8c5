"""The whole flow on one screen: read → annotate → resolve actors → index → render and export.

`collect()` runs the stages every face of Sourcebook shares (the site and the
`annotate` command); `build()` adds the index and the pages.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import annotate as ann
from . import cache, parallel
from .cache import parse
from .actors import resolve_actors
from .corrections import CORRECTIONS_FILE, apply_corrections, load_corrections
from .dashboard import SmallSample
from .describe import describe_actors
from .gender import settle_genders
from .export import export_files, write_files
from .index import Index, PagePolicy, index_site
from .outlets import OUTLETS_FILE, Outlet, load_outlets, outlets
from .overrides import OVERRIDES_FILE, apply_overrides, load_overrides
from .parallel import ParsedStream
from .read import Settings, read_paths
from .records import Actor, Article, Problem
from .render import Site, render_site
from .report import plural

log = logging.getLogger(__name__)
T = TypeVar("T")
# Told (articles done, articles in all, articles parsed so far) as annotation goes.
Progress = Callable[[int, int, int], None]

# Annotation is a pure function of (annotator, model, settings, article). Results
# persist in `cache.AnnotationCache`; within one process (`mkdocs serve`
# rebuilds) they are also kept here, by the same key, with what they logged.
_CACHE: dict[str, tuple[Article, list]] = {}


@dataclass(frozen=True)
class Corpus:
    """Annotated articles with their actors resolved across all of them."""

    articles: list[Article]
    actors: list[Actor]
    problems: list[Problem]  # bad inputs, skipped (fatal when strict)
    warnings: list[Problem]  # worth telling, never fatal
    cached: int = 0  # articles whose annotation came from the cache
    parsed: int = 0  # articles parsed in this run
    # What annotation warned of ("an unclosed quotation mark"), freshly or from the cache:
    # told and counted with the warnings, fatal when strict.
    noted: list[Problem] = dataclasses.field(default_factory=list)
    outlets: dict[str, Outlet] = dataclasses.field(default_factory=dict)  # by the key the articles give


@dataclass(frozen=True)
class Result:
    site: Site
    index: Index
    problems: list[Problem]
    warnings: list[Problem]
    cached: int = 0
    parsed: int = 0
    noted: list[Problem] = dataclasses.field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return self.index.articles


def _cache_key(article: Article, model: str) -> str | None:
    """The cache key of `article` annotated with `model` under the current settings
    (None when the model cannot be identified: then nothing is cached)."""
    env = cache.environment(model)
    return None if env is None else cache.cache_key(article, env)


def _from_store(store: cache.AnnotationCache | None, key: str, article: Article) -> tuple[Article, list] | None:
    """The article with its quotes and mentions from the persistent cache, if a
    stored entry decodes; a bad entry is a miss (and is overwritten)."""
    value = store.get(key) if store else None
    if value is None:
        return None
    try:
        quotes, mentions, logged = cache.decode(value, article.text)
    except cache.Undecodable as exc:
        log.info("%s: cached annotation ignored (%s); annotating again", article.source, exc)
        return None
    return dataclasses.replace(article, quotes=quotes, mentions=mentions), logged


def _lookup(article: Article, model: str, store: cache.AnnotationCache | None
            ) -> tuple[str | None, tuple[Article, list] | None]:
    """The article's cache key and its earlier result: from memory, else from the store."""
    key = _cache_key(article, model)
    return key, None if key is None else _CACHE.get(key) or _from_store(store, key, article)


def _keep(article: Article, found: tuple[Article, list]) -> Article:
    """Metadata and source path are not part of the key; take them from the fresh read."""
    return dataclasses.replace(found[0], metadata=article.metadata, source=article.source)


def _parse_here(articles: list[Article], model: str) -> ParsedStream:
    """Annotate in this process, one article at a time, as the caller asks for them."""
    for article in articles:
        try:
            found = parse(article, model)
        except ann.ModelNotFound:
            raise
        except Exception as exc:  # one bad article never takes the site down
            log.debug("annotation failed", exc_info=True)
            yield parallel.Failed(repr(exc)), None
        else:
            yield found, cache.encode(*found)


def _parse_misses(misses: list[Article], model: str, n_process: int, scheduler: str | None) -> ParsedStream:
    """The articles not in the cache, annotated in input order: on a Dask cluster
    (`scheduler`), in worker processes when there are enough of them, else here."""
    if scheduler and misses:
        from .distributed import parse_on_cluster  # dask is imported only when asked for

        return parse_on_cluster(misses, model, scheduler, cache.environment(model))
    if parallel.use_pool(misses, n_process):
        return parallel.parse_in_workers(misses, model, n_process, cache.environment(model))
    return _parse_here(misses, model)


def _settle(article: Article, looked_up: tuple[str | None, tuple[Article, list] | None],
            parsed: ParsedStream, store: cache.AnnotationCache | None,
            tally: cache.Tally, noted: list[Problem]) -> Article | parallel.Failed:
    """The annotated article: a hit or the next parsed miss (stored); Failed when
    annotating it raised. What its annotation warned of, from the cache or fresh,
    goes into `noted`: the faces tell and count it."""
    key, found = looked_up
    if found is None:
        tally.misses += 1
        found, value = next(parsed)
        if isinstance(found, parallel.Failed):
            return found
        if key is not None and store is not None and value is not None:
            store.put(key, value)
    else:
        tally.hits += 1
    if key is not None:
        _CACHE[key] = found
    noted += [Problem(article.source, message, fatal=False) for message in cache.told(found[1], article.source)]
    return _keep(article, found)


def annotate_all(articles: list[Article], model: str, *, cache_dir: Path | None = None,
                 progress: Progress | None = None, tally: cache.Tally | None = None,
                 n_process: int = 0, scheduler: str | None = None,
                 noted: list[Problem] | None = None) -> tuple[list[Article], list[Problem]]:
    """Annotate each article on its own: one that fails is reported and left out.
    With `cache_dir`, results persist there between runs; `progress` is told
    (done, total, parsed) after each article; `tally` counts hits and misses.
    The misses are parsed by `n_process` processes (0: one per CPU), or on the
    Dask cluster whose scheduler is at `scheduler`; the records are the same.
    The problems: articles left out, and what the cache has to tell (non-fatal)."""
    store = cache.AnnotationCache(cache_dir) if cache_dir is not None else None
    tally = tally if tally is not None else cache.Tally()
    annotated, problems = [], []
    try:
        looked_up = [_lookup(article, model, store) for article in articles]
        misses = [article for article, (_, found) in zip(articles, looked_up) if found is None]
        parsed = _parse_misses(misses, model, n_process or parallel.default_processes(), scheduler)
        if progress is not None:
            progress(0, len(articles), 0)  # before the model loads: a bar shows at once
        try:
            for done, (article, entry) in enumerate(zip(articles, looked_up), 1):
                result = _settle(article, entry, parsed, store, tally, noted if noted is not None else [])
                if isinstance(result, parallel.Failed):
                    problems.append(Problem(article.source, f"annotation failed: {result.reason}"))
                else:
                    annotated.append(result)
                if progress is not None:
                    progress(done, len(articles), tally.misses)
        finally:
            parsed.close()
    finally:
        if store is not None:
            store.close()
            # Told and counted with the warnings (a read-only cache): fatal when strict.
            problems += [Problem(str(store.path.parent), message, fatal=False) for message in store.told]
    log.info("annotation: %s, %d from the cache, %d parsed", plural(len(articles), "article"), tally.hits, tally.misses)
    return annotated, problems


def overrides_files(paths: list[Path], refused: list[Problem] | None = None, *,
                    name: str = OVERRIDES_FILE) -> list[Path]:
    """The curated files called `name` (`actors.yml`, `corrections.yml`) that go with these
    inputs, each once: in each directory read, or beside each file read. Later files apply
    after earlier ones. One that resolves outside its folder (a symbolic link) is not read:
    a problem in `refused`."""
    found = []
    for path in paths:
        folder = path if path.is_dir() else path.parent
        candidate = (folder / name).resolve()
        if not candidate.is_relative_to(folder.resolve()):
            if refused is not None and (folder / name) not in {Path(p.source) for p in refused}:
                refused.append(Problem(str(folder / name),
                                       "a symbolic link to a file outside the seeds directory; not read"))
            continue
        if candidate.is_file() and candidate not in found:
            found.append(candidate)
    return found


class BuildFailed(Exception):
    """A fault of the build itself (a template, a setting), not of one article: nothing is built."""


def isolated(stage: Callable[[list[Article]], T], articles: list[Article], what: str
             ) -> tuple[T, list[Article], list[Problem]]:
    """Run a stage over all articles; if one article breaks it, find it by
    running the stage on each article alone, leave it out with a problem naming
    its file, and run the stage on the rest. A fault that hits every article, or
    the stage without the bad ones, is the build's: BuildFailed, with its cause."""
    try:
        return stage(articles), articles, []
    except (ann.ModelNotFound, OSError):  # the machine's fault (a full disk), not an article's
        raise
    except Exception as exc:  # one odd record never takes the site down
        log.debug("%s failed; looking for the article that breaks it", what, exc_info=True)
        first = exc
    problems, bad = [], set()
    for article in articles:
        try:
            stage([article])
        except Exception as exc:
            bad.add(article.id)
            problems.append(Problem(article.source, f"{what} failed: {exc!r}"))
    if len(bad) == len(articles):
        raise BuildFailed(f"{what} failed for every article, so the fault is not theirs: {_cause(first)}") from first
    kept = [a for a in articles if a.id not in bad]
    try:
        return stage(kept), kept, problems
    except Exception as exc:
        raise BuildFailed(f"{what} failed: {_cause(exc)}") from exc


def _cause(exc: BaseException) -> str:
    """An exception as one line, with the template file and line when a template raised it."""
    where = ""
    tb = exc.__traceback__
    while tb is not None:  # the innermost frame of a Jinja2 template names the file and line
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = f" (in {name}, line {tb.tb_lineno})"
        tb = tb.tb_next
    return f"{type(exc).__name__}: {exc}{where}"


def collect(paths: list[Path], *, model: str = ann.DEFAULT_MODEL, settings: Settings = Settings(),
            cache_dir: Path | None = None, progress: Progress | None = None,
            n_process: int = 0, scheduler: str | None = None, gender: bool = True) -> Corpus:
    """Read, annotate and resolve actors for the articles in `paths` (files or
    directories), applying their curated `actors.yml` and the editors'
    `corrections.yml`, and decide people's gender
    from the text unless `gender` is False. `settings` say how to
    read (size limit, corpus field names); `cache_dir` holds the annotation cache
    (None: annotate without a persistent cache); `n_process` and `scheduler`
    say where to parse (see `annotate_all`)."""
    articles, read_problems = read_paths(paths, settings)
    refused: list[Problem] = []
    overrides, bad_overrides = load_overrides(overrides_files(paths, refused))
    corrections, bad_corrections = load_corrections(overrides_files(paths, refused, name=CORRECTIONS_FILE))
    curated_outlets, bad_outlets = load_outlets(overrides_files(paths, refused, name=OUTLETS_FILE))
    bad_overrides = refused + bad_overrides + bad_corrections + bad_outlets
    tally = cache.Tally()
    noted: list[Problem] = []
    annotated, failed = annotate_all(articles, model, cache_dir=cache_dir, progress=progress, tally=tally,
                                     n_process=n_process, scheduler=scheduler, noted=noted)
    (resolved, actors), annotated, unresolved = isolated(resolve_actors, annotated, "actor resolution")
    resolved, actors, override_warnings = apply_overrides(resolved, actors, overrides)
    resolved, actors, corrected = apply_corrections(resolved, actors, corrections, known={a.id for a in articles})
    actors = describe_actors(resolved, actors)
    if gender:
        resolved, actors = settle_genders(resolved, actors)
    found_outlets, outlet_warnings = outlets(articles, curated_outlets)
    found = read_problems + bad_overrides + failed + unresolved + corrected
    warnings = [p for p in found if not p.fatal] + override_warnings + outlet_warnings
    return Corpus(resolved, actors, [p for p in found if p.fatal], warnings, tally.hits, tally.misses, noted,
                  found_outlets)


def build(seeds: Path, *, templates: Path, model: str = ann.DEFAULT_MODEL,
          use_directory_urls: bool = True, settings: Settings = Settings(),
          cache_dir: Path | None = None, progress: Progress | None = None, n_process: int = 0,
          actor_pages: PagePolicy = PagePolicy(), gender: bool = True, data_dir: Path | None = None,
          links_from_source: bool = False, small_sample: SmallSample = SmallSample()) -> Result:
    """Build every generated page and data file from the articles in `seeds`,
    parsing in `n_process` processes (0: one per CPU); `actor_pages` says which
    actors get a page of their own; `gender` says whether people's gender is
    worked out from the text (`actors.yml` values apply either way). With
    `data_dir`, the data files are written there (`Site.files` then says where)
    rather than held in memory. `links_from_source` makes links between pages relative
    to each page's Markdown file (for a generator that rewrites them, as Zensical does).
    `small_sample` says when a share rests on too few articles or people to trust (the
    dashboard and outlet pages mark it).

    Bad articles are reported in `Result.problems` and left out; the rest build.
    """
    corpus = collect([seeds], model=model, settings=settings, cache_dir=cache_dir, progress=progress,
                     n_process=n_process, gender=gender)

    def pages(articles: list[Article]) -> tuple[Site, Index]:
        index = index_site(articles, corpus.actors, actor_pages, outlets=corpus.outlets)
        # Data files first: what writing them takes in memory is given back before the pages are held.
        files = export_files(index) if data_dir is None else write_files(index, data_dir)
        found, home = render_site(index, templates=templates, use_directory_urls=use_directory_urls,
                                  links_from_source=links_from_source, small=small_sample)
        return Site(pages=found, files=files, home=home), index

    (site, index), _, unrendered = isolated(pages, corpus.articles, "rendering")
    return Result(site=site, index=index, problems=corpus.problems + unrendered, warnings=corpus.warnings,
                  cached=corpus.cached, parsed=corpus.parsed, noted=corpus.noted)
