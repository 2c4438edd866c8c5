"""Command line: `python -m builder annotate …` and `python -m builder build …`."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .records import Article, Problem


def _add_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=None, help="spaCy model name (default: en_core_web_sm, else the repackaged small model)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sourcebook", description="Annotated news articles as a browsable MkDocs site.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    ann = sub.add_parser("annotate", help="print annotation records as JSON")
    ann.add_argument("paths", nargs="*", type=Path, help="article files or directories of them")
    ann.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    ann.add_argument("--jsonl", type=Path, metavar="FILE",
                     help='read {"id", "text"} records and annotate each text verbatim')
    ann.add_argument("--strict", action="store_true", help="fail on the first bad article")
    _add_model(ann)

    bld = sub.add_parser("build", help="build the site (mkdocs build with these settings)")
    bld.add_argument("--seeds", type=Path, help="directory of articles")
    bld.add_argument("--site-dir", type=Path, help="output directory")
    bld.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"))
    bld.add_argument("--strict", action="store_true", help="fail on any bad article")
    return parser


def _records_from_jsonl(path: Path) -> tuple[list[Article], list[Problem]]:
    from .annotate import paragraph_spans

    articles, problems = [], []
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(str(path), f"cannot read: {exc}")]
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
            text, ident = data["text"], str(data["id"])
            if not isinstance(text, str):
                raise TypeError("'text' must be a string")
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(where, f"bad record: {exc}"))
            continue
        articles.append(Article(id=ident, title=str(data.get("title", ident)), source=where,
                                text=text, paragraphs=paragraph_spans(text)))
    return articles, problems


def _read_paths(paths: list[Path]) -> tuple[list[Article], list[Problem]]:
    from .read import ReadError, read_article, read_seeds

    articles, problems = [], []
    for path in paths:
        if path.is_dir():
            found, bad = read_seeds(path)
            articles += found
            problems += bad
            continue
        try:
            articles.append(read_article(path))
        except ReadError as exc:
            problems.append(Problem(str(path), str(exc)))
    return articles, problems


def cmd_annotate(args: argparse.Namespace) -> int:
    from . import annotate as ann
    from .actors import resolve_actors
    from .export import record

    if args.jsonl:
        articles, problems = _records_from_jsonl(args.jsonl)
    elif args.paths:
        articles, problems = _read_paths(args.paths)
    else:
        print("sourcebook annotate: give article paths or --jsonl FILE", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems and args.strict:
        return 1
    try:
        nlp = ann.load_pipeline(args.model or ann.DEFAULT_MODEL)
    except ann.ModelNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = []
    for article in articles:
        annotated = ann.annotate(article, nlp)
        # Actors are resolved per article here, so each record stands alone.
        (resolved,), actors = resolve_actors([annotated])
        rec = record(resolved, actors)
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            out.append(rec)
    if args.format == "json":
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 1 if problems and args.strict else 0


def cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

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
            plugin.config.seeds = str(args.seeds.resolve())
        if args.strict:
            plugin.config.strict = True
        build(config)
    except MkDocsException as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `sourcebook` command and `python -m builder`."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    if args.command == "annotate":
        return cmd_annotate(args)
    return cmd_build(args)
