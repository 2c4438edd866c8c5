"""Stage 1: read article files from the seeds directory into Article records.

Scraping debris (share buttons, error widgets, repeated lines) is removed by
general rules and the phrase list in `data/debris.txt`; a closing credit line
("Jane Doe contributed to this report.") becomes metadata.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

import yaml

from . import lexicon as lx
from .records import Article, Problem, Span
from .slugs import slugify

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md")
_BULLET = re.compile(r"^\s*(?:[•·▪►*+\-–]|\d+[.)])\s+")
_NAMES = r"[A-Z][\w.'’-]*(?:(?:\s+|,\s*|,?\s+and\s+)[A-Z][\w.'’-]*)*"
_CREDIT = re.compile(
    rf"^(?P<names>{_NAMES})\s+(?:also\s+)?contributed(?:\s+reporting)?(?:\s+(?:to|for)\s+this\s+(?:report|story|article))?"
    r"(?:\s+from\s+[A-Z][\w ,.]*)?\.?$"
)
_REPORTING_BY = re.compile(r"^(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled)\s+by\s+.+$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)


class ReadError(ValueError):
    """The file cannot be turned into an article."""


def is_debris(line: str) -> bool:
    """True for a line of web furniture rather than article text."""
    bare = _BULLET.sub("", line).strip()
    if not bare:
        return True
    return bare.lower() in lx.DEBRIS


def _paragraphs(body: str) -> list[str]:
    """Split a body into paragraphs, joining wrapped lines and dropping debris."""
    blocks = re.split(r"\n\s*\n", body)
    lines_seen = Counter(
        l.strip() for block in blocks for l in block.splitlines() if l.strip()
    )
    paragraphs = []
    for block in blocks:
        kept = []
        for line in block.splitlines():
            stripped = line.strip()
            if not stripped or is_debris(stripped):
                continue
            # A short line that recurs is a widget or a caption, not prose.
            if lines_seen[stripped] > 1 and len(stripped) < 80:
                continue
            kept.append(stripped)
        if kept:
            paragraphs.append(re.sub(r"\s+", " ", " ".join(kept)))
    return paragraphs


def _split_credits(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Take closing credit lines off the end; return (paragraphs, contributor names)."""
    contributors: list[str] = []
    while paragraphs:
        last = paragraphs[-1]
        if len(last) > 300:
            break
        if match := _CREDIT.match(last):
            found = match.group("names")
        elif _REPORTING_BY.match(last):
            found = ",".join(re.sub(r"^.*?\bby\s+", "", part) for part in last.rstrip(".").split(";"))
        else:
            break
        names = re.split(r",\s*(?:and\s+)?|\s+and\s+", found)
        contributors[:0] = [n.strip() for n in names if n.strip()]
        paragraphs.pop()
    return paragraphs, contributors


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ReadError(f"invalid YAML front matter{where}: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(meta, dict):
        raise ReadError("front matter must be a mapping of keys to values")
    return meta, text[match.end():]


def read_article(path: Path, *, slug: str | None = None) -> Article:
    """Read one article file. Raises ReadError naming what is wrong."""
    raw = _decode(path)
    if not raw.strip():
        raise ReadError("empty file")
    meta: dict = {}
    if path.suffix == ".md":
        meta, raw = _front_matter(raw)
        meta = {str(k): v for k, v in meta.items() if v is not None}
    paragraphs = _paragraphs(raw)
    title = str(meta.pop("title", "")).strip()
    if not title:
        if not paragraphs:
            raise ReadError("no title and no body")
        title = re.sub(r"^#+\s*", "", paragraphs.pop(0)).strip()
    paragraphs, contributors = _split_credits(paragraphs)
    if not paragraphs:
        raise ReadError("no article body after the title")
    if contributors:
        meta["contributors"] = contributors
    for key in ("date",):
        if key in meta:
            meta[key] = str(meta[key])
    if isinstance(meta.get("authors"), str):
        meta["authors"] = [meta["authors"]]
    text, spans, pos = "", [], 0
    for i, para in enumerate(paragraphs):
        if i:
            text += "\n\n"
            pos += 2
        spans.append(Span(pos, pos + len(para)))
        text += para
        pos += len(para)
    return Article(
        id=slug or slugify(path.stem),
        title=title,
        source=str(path),
        text=text,
        paragraphs=tuple(spans),
        metadata=meta,
    )


def article_paths(seeds: Path) -> list[Path]:
    """Article files in a seeds directory, in a stable order."""
    return sorted(p for p in seeds.iterdir() if p.suffix in ARTICLE_SUFFIXES and not p.name.startswith("."))


def read_seeds(seeds: Path) -> tuple[list[Article], list[Problem]]:
    """Read every article in `seeds`; bad files become Problems instead of articles."""
    articles: list[Article] = []
    problems: list[Problem] = []
    if not seeds.is_dir():
        return [], [Problem(str(seeds), "seeds directory does not exist")]
    taken: set[str] = set()
    for path in article_paths(seeds):
        slug = slugify(path.stem)
        if slug in taken:
            slug = f"{slug}-{path.suffix.lstrip('.')}"
        try:
            article = read_article(path, slug=slug)
        except ReadError as exc:
            problems.append(Problem(str(path), str(exc)))
            continue
        taken.add(slug)
        articles.append(article)
    return articles, problems
