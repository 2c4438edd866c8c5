"""Command line: `python -m builder annotate …` and `python -m builder build …`."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path



def _add_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=None, help="spaCy model name (default: en_core_web_sm, else the repackaged small model)")


def _add_no_cache(parser: argparse.ArgumentParser, where: str) -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help=f"parse every article again and write no annotation cache (default: {where})")


def _count(value: str) -> int:
    """A number of processes: 0 or more."""
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value}: give 0 (one per CPU) or more")
    return number


def _add_processes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--processes", type=_count, default=None, metavar="N",
                        help="processes that parse the articles not in the cache (default: one per CPU; 1: this one only)")


def _add_verbosity(parser: argparse.ArgumentParser, default: object) -> None:
    """-v and -q, before or after the subcommand (after it, they default to nothing, so
    that the value given before it stands)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-v", "--verbose", action="store_true", default=default, help="log more (debug messages)")
    group.add_argument("-q", "--quiet", action="store_true", default=default, help="log errors only")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sourcebook", description="Annotated news articles as a browsable MkDocs site.")
    _add_verbosity(parser, False)
    flags = argparse.ArgumentParser(add_help=False)
    _add_verbosity(flags, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)

    ann = sub.add_parser("annotate", parents=[flags], help="print annotation records as JSON")
    ann.add_argument("paths", nargs="*", type=Path, help="article files or directories of them")
    ann.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    ann.add_argument("--jsonl", type=Path, metavar="FILE",
                     help='a JSON Lines corpus of {"id", "text"} records, each text annotated verbatim')
    ann.add_argument("--strict", action="store_true", help="exit 1 if any article was bad (the others are still printed)")
    _add_model(ann)
    _add_no_cache(ann, "./.cache/sourcebook")
    _add_processes(ann)
    ann.add_argument("--scheduler", metavar="ADDRESS",
                     help="parse on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786)")

    bld = sub.add_parser("build", parents=[flags], help="build the site (mkdocs build with these settings)")
    bld.add_argument("--seeds", type=Path, help="directory of articles")
    bld.add_argument("--site-dir", type=Path, help="output directory")
    bld.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"))
    bld.add_argument("--strict", action="store_true", help="fail on any bad article")
    _add_no_cache(bld, ".cache/sourcebook beside mkdocs.yml")
    _add_processes(bld)

    pgs = sub.add_parser("pages", parents=[flags],
                         help="write the site as a folder of Markdown with a config for Zensical (or another generator)")
    pgs.add_argument("folder", type=Path, help="where: DIR/docs (pages, data, hand-written pages), DIR/mkdocs.yml, "
                                               "DIR/overrides; build it with `cd DIR && zensical build`")
    pgs.add_argument("--seeds", type=Path, help="directory of articles (default: the config's)")
    pgs.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"))
    pgs.add_argument("--strict", action="store_true", help="fail on any bad article")
    _add_no_cache(pgs, "beside mkdocs.yml")
    srch = sub.add_parser("search", parents=[flags], help="index a built site with Pagefind (after zensical build)")
    srch.add_argument("site", type=Path, help="the built site's folder")
    chk = sub.add_parser("check-actors", parents=[flags],
                         help="list actors a reader would flag: gender conflicts, split or run-on names, type splits")
    chk.add_argument("paths", nargs="*", type=Path, default=[Path("seeds")], help="article files or directories (default: seeds)")
    _add_model(chk)
    _add_no_cache(chk, "./.cache/sourcebook")
    _add_processes(chk)
    cch = sub.add_parser("cache", parents=[flags], help="show or clear the annotation cache")
    cch.add_argument("--clear", action="store_true", help="delete the cached annotations")
    cch.add_argument("--dir", type=Path, default=None, help="cache directory (default: ./.cache/sourcebook)")
    return parser


def cmd_annotate(args: argparse.Namespace) -> int:
    """Print annotation records: the same stages as the site (`build.collect`), no pages."""
    from . import annotate as ann
    from .build import collect
    from .cache import CACHE_DIR
    from .export import record
    from .groups import group_quotes
    from .index import actors_present
    from .parallel import WorkerError
    from .progress import terminal_bar

    paths = list(args.paths) + ([args.jsonl] if args.jsonl else [])
    if not paths:
        print("sourcebook annotate: give article paths or --jsonl FILE", file=sys.stderr)
        return 2
    try:
        with terminal_bar() as bar:
            corpus = collect(paths, model=args.model or ann.DEFAULT_MODEL,
                             cache_dir=None if args.no_cache else CACHE_DIR.resolve(), progress=bar,
                             n_process=args.processes or 0, scheduler=args.scheduler)
    except (ann.ModelNotFound, WorkerError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for problem in corpus.problems:
        print(f"error: {problem}", file=sys.stderr)
    for warning in corpus.warnings + corpus.noted:
        print(f"warning: {warning}", file=sys.stderr)
    present = actors_present(corpus.articles, corpus.actors)
    grouped = {(a.article, a.quote): g for g in group_quotes(corpus.articles) for a in g.appearances}
    out = [record(a, present.get(a.id, []), grouped) for a in corpus.articles]
    out = _as_written(out, paths)
    if args.format == "jsonl":
        sys.stdout.writelines(json.dumps(rec, ensure_ascii=False) + "\n" for rec in out)
    else:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 1 if (corpus.problems or corpus.warnings or corpus.noted) and args.strict else 0


def _as_written(records: list[dict], paths: list[Path]) -> list[dict]:
    """The records with their text and offsets as the input wrote them: where reading made
    a scraped page's markup plain, offsets count in the text as given, so that they match
    the input's own annotations."""
    from .markup import to_source
    from .read import read_paths

    written = {a.id: a.text for a in read_paths(paths, markup=True)[0]}
    for rec in records:
        source = written.get(rec["id"], rec["text"])
        if source != rec["text"]:
            _move_offsets(rec, to_source(rec["text"], source))
            rec["text"] = source
    return records


def _move_offsets(value: object, where: Callable[[int], int]) -> None:
    """Every offset (a `start`/`end` field, `name_start` …) in a record, mapped by `where`."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in list(items):
        if isinstance(key, str) and key.endswith(("start", "end")) and isinstance(item, int):
            value[key] = where(item)
        else:
            _move_offsets(item, where)


def cmd_build(args: argparse.Namespace) -> int:
    """`mkdocs build` with the command line's settings, a progress bar on a terminal."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .progress import terminal_bar

    overrides = {}
    if args.site_dir:
        overrides["site_dir"] = str(args.site_dir.resolve())
    try:
        config = load_config(str(args.config_file), **overrides)
        plugin = config.plugins.get("sourcebook")
        if plugin is None:
            print(f"error: {args.config_file}: the sourcebook plugin is not enabled", file=sys.stderr)
            return 1
        if args.seeds:
            if not args.seeds.is_dir():
                print(f"error: --seeds {args.seeds}: no such directory", file=sys.stderr)
                return 1
            plugin.config.seeds = str(args.seeds.resolve())
        if args.strict:
            plugin.config.strict = True
        if args.no_cache:
            plugin.config.cache = False
        if args.processes is not None:
            plugin.config.n_process = args.processes
        with terminal_bar() as bar:
            plugin.progress = bar
            build(config)
    except MkDocsException as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    """Say where the annotation cache is and how big; with --clear, delete it."""
    from .cache import CACHE_DIR, CACHE_FILE, clear

    directory = (args.dir or CACHE_DIR).resolve()
    if args.clear:
        print(f"{directory}: removed {clear(directory)} file(s)")
        return 0
    files = sorted(directory.glob(CACHE_FILE + "*"))
    size = sum(f.stat().st_size for f in files if f.is_file())
    print(f"{directory}: {len(files)} file(s), {size / 1e6:.1f} MB" if files else f"{directory}: empty")
    return 0


def _log_to_stderr(*, verbose: bool, quiet: bool) -> None:
    """By default, what `mkdocs build` prints (each skipped file, warnings, the summary)
    and Sourcebook's own progress; -v adds debug messages, -q leaves errors only."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    if not verbose:
        for name in ("mkdocs", "builder"):
            logging.getLogger(name).setLevel(logging.ERROR if quiet else logging.INFO)
    if quiet and not verbose:
        logging.getLogger().setLevel(logging.ERROR)


def cmd_check_actors(args: argparse.Namespace) -> int:
    """Print what `check.check_actors` finds, one line each; exit 1 when it finds anything."""
    from . import annotate as ann
    from .build import collect
    from .cache import CACHE_DIR
    from .check import check_actors
    from .parallel import WorkerError
    from .progress import terminal_bar

    try:
        with terminal_bar() as bar:
            corpus = collect(args.paths, model=args.model or ann.DEFAULT_MODEL,
                             cache_dir=None if args.no_cache else CACHE_DIR.resolve(), progress=bar,
                             n_process=args.processes or 0)
    except (ann.ModelNotFound, WorkerError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    findings = check_actors(corpus.articles, corpus.actors)
    for finding in findings:
        print(f"{finding.kind}: {finding.message}")
    n = len(corpus.articles)
    print(f"{len(findings)} finding{'s' if len(findings) != 1 else ''} over {n} article{'s' if n != 1 else ''} "
          f"and {len(corpus.actors)} actors", file=sys.stderr)
    return 1 if findings else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `sourcebook` command and `python -m builder`."""
    args = _parser().parse_args(argv)
    _log_to_stderr(verbose=args.verbose, quiet=args.quiet)
    if args.command == "annotate":
        return cmd_annotate(args)
    if args.command == "cache":
        return cmd_cache(args)
    if args.command == "check-actors":
        return cmd_check_actors(args)
    if args.command == "pages":
        from .faces import cmd_pages
        return cmd_pages(args)
    if args.command == "search":
        from .faces import cmd_search
        return cmd_search(args)
    return cmd_build(args)
