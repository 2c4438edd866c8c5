"""The MkDocs plugin: adds the generated pages in `on_files`, watches seeds in `on_serve`."""
from __future__ import annotations

import errno
import math
import os
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import report
from .pages import PagesError, write_pages
from .dashboard import SMALL_ARTICLES, SMALL_PEOPLE

log = get_plugin_logger("sourcebook")

HOME_MARKER = "<!-- sourcebook:articles -->"
# The largest `max_article_mb` (an article is parsed whole: 1 GB of text would take days).
MAX_ARTICLE_MB = 1000


class Megabytes(c.BaseConfigOption[float]):
    """A size in megabytes: a finite number above 0 and at most `maximum`."""

    def __init__(self, default: float, maximum: float) -> None:
        super().__init__()
        self.default, self.maximum = default, maximum

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError(f"{value!r} is not a number of megabytes (e.g. 5)")
        if not math.isfinite(value) or not 0 < value <= self.maximum:
            raise ValidationError(f"{value!r} is not a number of megabytes above 0 and at most {self.maximum}")
        return value


class SourcebookConfig(Config):
    # Paths relative to mkdocs.yml, checked in `on_config` before anything is built
    # (after `python -m builder build --seeds` has had its say).
    seeds = c.Type(str, default="seeds")
    templates = c.Type(str, default="templates")
    model = c.Type(str, default="en_core_web_sm")
    max_article_mb = Megabytes(default=5, maximum=MAX_ARTICLE_MB)  # larger articles are reported and skipped
    fields = c.Type(dict, default={})  # corpus field names: {"text": "body", "outlet": "source"}
    strict = c.Type(bool, default=False)
    # An actor gets a page when quoted this often, or mentioned in this many articles.
    actor_page_quotes = c.Type(int, default=1)
    actor_page_articles = c.Type(int, default=3)
    # A share resting on fewer articles than this, or (women's share) on fewer people of known
    # gender, is marked as a small sample on the dashboard and outlet pages (shown, not hidden).
    small_sample_articles = c.Type(int, default=SMALL_ARTICLES)
    small_sample_people = c.Type(int, default=SMALL_PEOPLE)
    # Minify every HTML page as it is written (about a fifth smaller; scripts and styles untouched).
    minify = c.Type(bool, default=True)
    # Annotation cache: true (.cache/sourcebook beside mkdocs.yml), false (off) or a directory.
    cache = c.Type((bool, str), default=True)
    # Processes that parse the articles not in the cache: 0 = one per CPU, 1 = MkDocs' own only.
    n_process = c.Type(int, default=0)
    # Work out quoted people's gender from the text (pronouns, titles, first names).
    gender = c.Type(bool, default=True)
    # Site search: Pagefind's chunked index (run after the build), or material's search plugin.
    search = c.Choice(("pagefind", "material"), default="pagefind")
    # Pagefind indexes at most this many pages at once (about 0.4 MB of memory each);
    # a bigger site's index comes in parts that the search box merges.
    search_pages_per_index = c.Type(int, default=2000)


class Progress:
    """Plain log lines while articles are parsed (MkDocs' output is a log, not a
    terminal): at most one every `every` seconds, with the rate and time left."""

    def __init__(self, started: float, every: float = 5.0):
        self.started = self.last = started
        self.every = every

    def __call__(self, done: int, total: int, parsed: int) -> None:
        now = time.monotonic()
        if not parsed or now - self.last < self.every:
            return  # nothing parsed yet (all from the cache), or too soon
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        log.info("annotating: %d/%d articles, %.1f articles/s, about %.0f s left",
                 done, total, rate, (total - done) / rate)


class SourcebookPlugin(BasePlugin[SourcebookConfig]):
    """Reads and annotates the seeds and adds one page per article and per actor."""

    def __init__(self) -> None:
        self.home = ""
        self.held: dict[str, bytes] = {}  # generated pages' HTML, compressed, until written
        self.data_dir: Path | None = None  # the data files, written here, until MkDocs copies them
        # Told how annotation goes; None: `Progress` log lines (the CLI puts a bar here on a terminal).
        self.progress: Callable[[int, int, int], None] | None = None

    def on_config(self, config):
        base = Path(config.config_file_path or ".").resolve().parent
        for option in ("seeds", "templates"):
            path = (base / self.config[option]).resolve()
            if not path.is_dir():
                raise PluginError(f"sourcebook: option '{option}': {path} is not a directory "
                                  f"(paths are relative to {config.config_file_path or 'mkdocs.yml'})")
            self.config[option] = str(path)
        _check_site_dir(config, base, self.config.seeds, self.config.templates)
        if self.config.search_pages_per_index < 1:
            raise PluginError(f"sourcebook: option 'search_pages_per_index': {self.config.search_pages_per_index} "
                              "is not 1 or more")
        if self.config.n_process < 0:
            raise PluginError(f"sourcebook: option 'n_process': {self.config.n_process} is not 0 (one per CPU) or more")
        for option in ("small_sample_articles", "small_sample_people"):
            if self.config[option] < 0:
                raise PluginError(f"sourcebook: option '{option}': {self.config[option]} is not 0 (mark nothing) or more")
        _choose_search(self.config.search, config)
        return config

    def on_env(self, env, /, *, config, files):
        # The theme overrides (templates/overrides) put Pagefind's search box in the header when this says so.
        env.globals["sourcebook_search"] = self.config.search
        return env

    def on_files(self, files: Files, /, *, config) -> Files:
        self.held = {}
        self._drop_data_dir()
        self.data_dir = _data_dir(Path(config.site_dir))
        result = self.run(config, data_dir=self.data_dir)
        pages = dict(result.site.pages)
        home = files.get_file_from_path("index.md")
        if home is not None and home.abs_src_path and HOME_MARKER in home.content_string:
            # The home page's list changes with the articles: a generated page too, so that
            # a dirty build (`mkdocs serve --dirty`) sees it change.
            pages["index.md"] = home.content_string.replace(HOME_MARKER, result.site.home)
            files.remove(home)
        # With the cache off nothing is kept between builds: the pages go with the data files.
        folder = self.data_dir / ".pages" if self.config.cache is False else _pages_dir(config, self.config.cache)
        guard = [Path(self.config.seeds), Path(self.config.templates), Path(config.docs_dir)]
        try:
            try:
                write_pages(pages, folder, guard=guard)
            except OSError as exc:  # a read-only cache folder (the build has said so): pages go with the data
                if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                    raise
                log.debug("pages cannot be written to %s (%s); writing them beside the data files", folder, exc)
                folder = self.data_dir / ".pages"
                write_pages(pages, folder, guard=guard)
        except PagesError as exc:
            raise PluginError(f"sourcebook: pages: {exc}") from exc
        for path in sorted(pages):
            inclusion = InclusionLevel.UNDEFINED if path == "index.md" else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, abs_src_path=str(folder / path), inclusion=inclusion))
        for path, written in sorted(result.site.files.items()):
            files.append(File.generated(config, path, abs_src_path=str(written)))
        self.home = result.site.home
        _drop_unused_theme_files(files, config, material_search=self.config.search == "material")
        return files

    def run(self, config, *, data_dir: Path | None = None, links_from_source: bool = False):
        """Build the pages and data files with this plugin's settings, telling what the input
        got (skipped files, warnings, a summary); the `build.Result`. PluginError when the
        build cannot go on (no model, a broken template, bad input under `strict`)."""
        from .annotate import ModelNotFound
        from .build import BuildFailed, build
        from .index import PagePolicy
        from .cache import CACHE_DIR
        from .dashboard import SmallSample
        from .parallel import WorkerError
        from .read import Settings

        seeds = Path(self.config.seeds)
        setting = self.config.cache
        base = Path(config.config_file_path or ".").resolve().parent
        cache_dir = None if setting is False else base / (CACHE_DIR if setting is True else Path(setting))
        started = time.monotonic()
        try:
            result = build(seeds, templates=Path(self.config.templates),
                           model=self.config.model, use_directory_urls=config.use_directory_urls,
                           settings=Settings(limit=int(self.config.max_article_mb * 1_000_000),
                                             fields={str(k): str(v) for k, v in self.config.fields.items()}),
                           cache_dir=cache_dir, progress=self.progress or Progress(started),
                           n_process=self.config.n_process,
                           actor_pages=PagePolicy(self.config.actor_page_quotes, self.config.actor_page_articles),
                           gender=self.config.gender, data_dir=data_dir, links_from_source=links_from_source,
                           small_sample=SmallSample(self.config.small_sample_articles,
                                                    self.config.small_sample_people))
        except (ModelNotFound, WorkerError) as exc:
            raise PluginError(str(exc)) from exc
        except BuildFailed as exc:
            raise PluginError(f"sourcebook: {exc}") from exc
        # Reported at INFO: a skipped article must not fail `mkdocs build --strict`;
        # the plugin's own `strict` setting makes bad input fatal.
        for line in report.lines(result.problems):
            log.info("skipped %s", line)
        for line in report.lines(result.warnings + result.noted):
            log.info("warning: %s", line)
        found = result.problems + result.warnings + result.noted
        if found and self.config.strict:
            listing = "\n".join(f"  {line}" for line in report.lines(found))
            raise PluginError(f"sourcebook: {report.plural(len(found), 'problem')} with the input in strict mode:\n{listing}")
        log.info("%s (%d from the cache, %d parsed), %s, %s (%d with a page), %s, %s, %s in %.1f s; site: %s",
                 report.plural(len(result.articles), "article"), result.cached, result.parsed,
                 report.plural(sum(len(a.quotes) for a in result.articles), "quote"),
                 report.plural(len(result.index.actors), "actor"), len(result.index.paged),
                 report.plural(len(result.site.pages), "page"), report.plural(len(result.problems), "problem"),
                 report.plural(len(result.warnings) + len(result.noted), "warning"), time.monotonic() - started,
                 report.safe(str(config.site_dir)))
        return result

    # MkDocs renders every page's Markdown to HTML before it writes the first one, and
    # keeps each page's source, Markdown and HTML until the end: at 10,000 articles that
    # is gigabytes. For the generated pages, the source and the Markdown are let go once
    # rendered, and the HTML is held compressed until its page is written.

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        if page.meta.get("sourcebook") and page.file.generated_by:
            page.file.content_string = ""  # read: the page holds its Markdown now
        if HOME_MARKER in markdown:
            return markdown.replace(HOME_MARKER, self.home)
        return markdown

    @event_priority(-100)  # after any other plugin has seen the HTML
    def on_page_content(self, html: str, /, *, page, config, files) -> str:
        # An article's footnotes repeat its tags: searching them finds nothing new.
        if page.meta.get("sourcebook") == "article":
            html = html.replace('<div class="footnote">', '<div class="footnote" data-search-exclude>', 1)
        if page.meta.get("sourcebook"):
            page.markdown = ""
            self.held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
            return ""
        return html

    @event_priority(100)  # before any other plugin reads the HTML
    def on_page_context(self, context, /, *, page, config, nav):
        held = self.held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = zlib.decompress(held).decode("utf-8")
        return context

    def on_post_page(self, output: str, /, *, page, config) -> str:
        if page.meta.get("sourcebook"):
            page.content = ""  # written: let it go
        if not self.config.minify:
            return output
        import minify_html
        return minify_html.minify(output, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                                  minify_js=False, minify_css=False)

    def on_build_error(self, *, error) -> None:
        self._drop_data_dir()

    def on_shutdown(self) -> None:
        self._drop_data_dir()

    def _drop_data_dir(self) -> None:
        if self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir = None

    def on_post_build(self, *, config) -> None:
        self._drop_data_dir()  # copied into the site by now
        if self.config.search != "pagefind":
            return
        from .search import SearchIndexError, index_site
        try:
            done = index_site(Path(config.site_dir), pages_per_index=self.config.search_pages_per_index)
        except SearchIndexError as exc:
            raise PluginError(f"sourcebook: search: pagefind: {exc}") from exc
        log.info("search: Pagefind indexed %d pages (%d distinct words) in %.1f s, %d part(s)",
                 done.pages, done.words, done.seconds, done.parts)

    def on_serve(self, server, /, *, config, builder):
        for path in (self.config.seeds, self.config.templates):
            server.watch(path)
        return server


# Theme files no page loads: source maps (only a browser's developer tools fetch them)
# and, when Pagefind is the search, material's search worker and its lunr languages.
# Left out, they no longer weigh on the site (about 2.2 MB).
SOURCE_MAPS = (".map",)
MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def _check_site_dir(config, base: Path, seeds: str, templates: str) -> None:
    """Refuse a site directory that would empty the inputs when MkDocs cleans it: one that is,
    holds or sits in the seeds, templates or content folder, or is or holds the project folder."""
    site = Path(config.site_dir).resolve()
    guarded = {"seeds": Path(seeds), "templates": Path(templates), "content (docs_dir)": Path(config.docs_dir).resolve()}
    for name, folder in guarded.items():
        if site == folder or folder.is_relative_to(site) or site.is_relative_to(folder):
            raise PluginError(f"sourcebook: site_dir {str(site)!r} is, holds or sits in the {name} folder "
                              f"{str(folder)!r}; building there would delete it. Choose another site_dir")
    if base.is_relative_to(site):
        raise PluginError(f"sourcebook: site_dir {str(site)!r} is or holds the project folder {str(base)!r}; "
                          "building there would delete it. Choose another site_dir")


def _pages_dir(config, cache: bool | str) -> Path:
    """Where the generated pages are written for MkDocs to read: `pages/` in the annotation
    cache's folder. Only pages that changed are written again, so `mkdocs build --dirty`
    renders only those."""
    from .cache import CACHE_DIR

    base = Path(config.config_file_path or ".").resolve().parent
    return base / (Path(cache) if isinstance(cache, str) else CACHE_DIR) / "pages"


def _data_dir(site_dir: Path) -> Path:
    """A new folder for the data files until MkDocs copies them: beside the site (on
    its disk; the system's temporary folder may be memory), else the temporary folder."""
    prefix = f"{DATA_PREFIX}{os.getpid()}-"
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        _drop_left_over_data_dirs(site_dir.parent)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix=prefix.lstrip(".")))


DATA_PREFIX = ".sourcebook-data-"


def _drop_left_over_data_dirs(folder: Path) -> None:
    """Delete the data folders of builds that were killed: those whose process is gone."""
    for path in folder.glob(DATA_PREFIX + "*"):
        pid = path.name[len(DATA_PREFIX):].split("-", 1)[0]
        if path.is_dir() and not path.is_symlink() and not (pid.isdigit() and _alive(int(pid))):
            log.info("removing %s, left over by a build that was stopped", path.name)
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def _drop_unused_theme_files(files: Files, config, *, material_search: bool) -> None:
    theme_dirs = [Path(d).resolve() for d in config.theme.dirs]
    for file in list(files):
        uri = file.src_uri
        unused = uri.endswith(SOURCE_MAPS) or (not material_search and uri.startswith(MATERIAL_SEARCH_FILES))
        if unused and file.abs_src_path and any(Path(file.abs_src_path).resolve().is_relative_to(d)
                                                for d in theme_dirs):
            files.remove(file)


def _choose_search(search: str, config) -> None:
    """Check the `search` setting against material's search plugin, switching that plugin
    off when Pagefind replaces it (a site keeps one search box and one index)."""
    material = config.plugins.get("material/search") or config.plugins.get("search")
    enabled = material is not None and material.config.get("enabled", True)
    if search == "material" and not enabled:
        raise PluginError("sourcebook: option 'search': 'material' needs material's search plugin: "
                          "add '- search' to plugins in mkdocs.yml (or use search: pagefind)")
    if search == "pagefind" and enabled:
        material.config["enabled"] = False
        log.info("search: Pagefind replaces material's search plugin, which is switched off "
                 "(remove '- search' from plugins in mkdocs.yml, or set search: material to keep it)")
