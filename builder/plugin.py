"""The MkDocs plugin: adds the generated pages in `on_files`, watches seeds in `on_serve`."""
from __future__ import annotations

import shutil
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

log = get_plugin_logger("sourcebook")

HOME_MARKER = "<!-- sourcebook:articles -->"


class SourcebookConfig(Config):
    # Paths relative to mkdocs.yml, checked in `on_config` before anything is built
    # (after `python -m builder build --seeds` has had its say).
    seeds = c.Type(str, default="seeds")
    templates = c.Type(str, default="templates")
    model = c.Type(str, default="en_core_web_sm")
    max_article_mb = c.Type((int, float), default=5)  # larger articles are reported and skipped
    fields = c.Type(dict, default={})  # corpus field names: {"text": "body", "outlet": "source"}
    strict = c.Type(bool, default=False)
    # An actor gets a page when quoted this often, or mentioned in this many articles.
    actor_page_quotes = c.Type(int, default=1)
    actor_page_articles = c.Type(int, default=3)
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
        if self.config.search_pages_per_index < 1:
            raise PluginError(f"sourcebook: option 'search_pages_per_index': {self.config.search_pages_per_index} "
                              "is not 1 or more")
        if self.config.n_process < 0:
            raise PluginError(f"sourcebook: option 'n_process': {self.config.n_process} is not 0 (one per CPU) or more")
        _choose_search(self.config.search, config)
        return config

    def on_env(self, env, /, *, config, files):
        # The theme overrides (templates/overrides) put Pagefind's search box in the header when this says so.
        env.globals["sourcebook_search"] = self.config.search
        return env

    def on_files(self, files: Files, /, *, config) -> Files:
        from .annotate import ModelNotFound
        from .build import build
        from .index import PagePolicy
        from .cache import CACHE_DIR
        from .parallel import WorkerError
        from .read import Settings

        self.held = {}
        self._drop_data_dir()
        self.data_dir = _data_dir(Path(config.site_dir))
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
                           gender=self.config.gender, data_dir=self.data_dir)
        except (ModelNotFound, WorkerError) as exc:
            raise PluginError(str(exc)) from exc
        # Reported at INFO: a skipped article must not fail `mkdocs build --strict`;
        # the plugin's own `strict` setting makes bad input fatal.
        for problem in result.problems:
            log.info("skipped %s", problem)
        for warning in result.warnings:
            log.info("warning: %s", warning)
        found = result.problems + result.warnings
        if found and self.config.strict:
            listing = "\n".join(f"  {p}" for p in found)
            raise PluginError(f"sourcebook: {len(found)} problem(s) with the input in strict mode:\n{listing}")
        for path, content in sorted(result.site.pages.items()):
            files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        for path, written in sorted(result.site.files.items()):
            files.append(File.generated(config, path, abs_src_path=str(written)))
        self.home = result.site.home
        _drop_unused_theme_files(files, config, material_search=self.config.search == "material")
        log.info("%d articles (%d from the cache, %d parsed), %d actors (%d with a page), %d pages, "
                 "%d problems, %d warnings in %.1f s",
                 len(result.articles), result.cached, result.parsed, len(result.index.actors), len(result.index.paged),
                 len(result.site.pages), len(result.problems), len(result.warnings), time.monotonic() - started)
        return files

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


def _data_dir(site_dir: Path) -> Path:
    """A new folder for the data files until MkDocs copies them: beside the site (on
    its disk; the system's temporary folder may be memory), else the temporary folder."""
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".sourcebook-data-", dir=site_dir.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="sourcebook-data-"))


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
