"""Other faces than MkDocs' plugin: the site as a folder another generator builds.

`python -m builder pages DIR` writes, with the settings of the project's mkdocs.yml:

    DIR/docs/        every generated page (Markdown), the data files, the hand-written
                     pages of the docs_dir (the home page's list filled in), SUMMARY.md
    DIR/overrides/   the theme overrides (templates/overrides)
    DIR/mkdocs.yml   the config without the plugin, for Zensical (which reads mkdocs.yml)

then `cd DIR && zensical build` builds the site and `python -m builder search DIR/site`
indexes it with Pagefind. Links between generated pages are relative to each page's
Markdown file, which is how Zensical reads them. Only files that changed are written
again; DIR keeps a marker of what Sourcebook wrote, and a folder without it is never
written into (see builder/pages.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .pages import MARKER, SUMMARY, PagesError, hand_written, summary, write_pages

DOCS, OVERRIDES = "docs", "overrides"


def generator_config(config_file: Path, *, search: str) -> str:
    """The project's mkdocs.yml for a generator without plugins: the pages in docs/, the
    theme overrides in overrides/, the search the header shows in `extra.sourcebook_search`."""
    raw = yaml.safe_load(config_file.read_text("utf-8")) or {}
    raw.pop("plugins", None)
    raw.update(docs_dir=DOCS, site_dir="site")
    theme = raw.setdefault("theme", {"name": "material"})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = OVERRIDES
    raw.setdefault("extra", {})["sourcebook_search"] = search
    head = "# Written by `python -m builder pages`: build with `zensical build`. Edit the project's mkdocs.yml instead.\n"
    return head + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True)


def folder_files(result, config, plugin, home_marker: str) -> dict[str, object]:
    """Every file of the folder, by its path in it."""
    docs = Path(config.docs_dir)
    own = hand_written(docs)
    written = {f"{DOCS}/{path}": source for path, source in own.items()}
    home = docs / "index.md"
    if home.is_file():
        written[f"{DOCS}/index.md"] = home.read_text("utf-8").replace(home_marker, result.site.home)
    written.update({f"{DOCS}/{path}": text for path, text in result.site.pages.items()})
    written.update({f"{DOCS}/{path}": (Path(data) if isinstance(data, Path) else data)
                    for path, data in result.site.files.items()})
    written[f"{DOCS}/{SUMMARY}"] = summary(result.site.pages, list(own))
    overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    if overrides is not None and overrides.is_dir():
        written.update({f"{OVERRIDES}/{path}": source for path, source in hand_written(overrides, hidden=True).items()})
    written["mkdocs.yml"] = generator_config(Path(config.config_file_path), search=plugin.config.search)
    return written


def cmd_pages(args: argparse.Namespace) -> int:
    """Write the site as a folder (see the module); 1 with a message when it cannot."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .plugin import HOME_MARKER
    from .progress import terminal_bar

    try:
        config = load_config(str(args.config_file))
        plugin = config.plugins.get("sourcebook")
        if plugin is None:
            print(f"error: {args.config_file}: the sourcebook plugin is not enabled", file=sys.stderr)
            return 1
        if args.seeds:
            plugin.config.seeds = str(args.seeds.resolve())
        plugin.config.strict = plugin.config.strict or args.strict
        if args.no_cache:
            plugin.config.cache = False
        config = plugin.on_config(config)
        with terminal_bar() as bar:
            plugin.progress = bar
            result = plugin.run(config, links_from_source=True)
        files = folder_files(result, config, plugin, HOME_MARKER)
        done = write_pages(files, args.folder, guard=[Path(plugin.config.seeds), Path(plugin.config.templates),
                                                      Path(config.docs_dir)])
    except (MkDocsException, PagesError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.folder}: {len(done.written)} file(s) written, {done.kept} unchanged, {len(done.removed)} removed "
          f"({MARKER} lists them); build it with: cd {args.folder} && zensical build", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Index a built site with Pagefind, as the plugin does after `mkdocs build`."""
    from .search import SearchIndexError, index_site

    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}: no index.html; build the site first", file=sys.stderr)
        return 1
    try:
        done = index_site(args.site)
    except SearchIndexError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.site}: Pagefind indexed {done.pages} pages ({done.words} distinct words) in {done.seconds:.1f} s, "
          f"{done.parts} part(s)", file=sys.stderr)
    return 0
