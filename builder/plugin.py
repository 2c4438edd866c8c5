"""The MkDocs plugin: adds the generated pages in `on_files`, watches seeds in `on_serve`."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

log = logging.getLogger("mkdocs.plugins.sourcebook")

HOME_MARKER = "<!-- sourcebook:articles -->"


class SourcebookConfig(Config):
    seeds = c.Type(str, default="seeds")
    templates = c.Type(str, default="templates")
    model = c.Type(str, default="en_core_web_sm")
    strict = c.Type(bool, default=False)


class SourcebookPlugin(BasePlugin[SourcebookConfig]):
    """Reads and annotates the seeds and adds one page per article and per actor."""

    def __init__(self) -> None:
        self.home = ""

    def _path(self, config, value: str) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return (base / value).resolve()

    def on_files(self, files: Files, /, *, config) -> Files:
        from .annotate import ModelNotFound
        from .build import build

        seeds = self._path(config, self.config.seeds)
        try:
            result = build(seeds, templates=self._path(config, self.config.templates),
                           model=self.config.model, use_directory_urls=config.use_directory_urls)
        except ModelNotFound as exc:
            raise PluginError(str(exc)) from exc
        for problem in result.problems:
            # Not a MkDocs warning: a skipped article must not fail `mkdocs build --strict`.
            print(f"sourcebook: skipped {problem}", file=sys.stderr)
        for warning in result.warnings:
            print(f"sourcebook: warning: {warning}", file=sys.stderr)
        if result.problems and self.config.strict:
            listing = "\n".join(f"  {p}" for p in result.problems)
            raise PluginError(f"sourcebook: {len(result.problems)} bad input(s) in strict mode:\n{listing}")
        for path, content in sorted(result.site.pages.items()):
            files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        for path, content in sorted(result.site.files.items()):
            files.append(File.generated(config, path, content=content))
        self.home = result.site.home
        log.info("sourcebook: %d articles, %d pages", len(result.articles), len(result.site.pages))
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        if HOME_MARKER in markdown:
            return markdown.replace(HOME_MARKER, self.home)
        return markdown

    def on_serve(self, server, /, *, config, builder):
        for value in (self.config.seeds, self.config.templates):
            path = self._path(config, value)
            if path.exists():
                server.watch(str(path))
        return server
