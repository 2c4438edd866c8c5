"""Stage 1: read article files into Article records, through readers registered by format.

`READERS` maps a file suffix to a reader; a reader yields the articles of one
file (a `.jsonl` corpus holds many) and a `Problem` for each bad record, so a
new format is one new reader. Paragraph splitting belongs here: every article
leaves this stage with its paragraphs.

Scraping debris (share buttons, error widgets, repeated lines) is removed by
general rules and the phrase list in `data/debris.txt`; a closing credit line
("Jane Doe contributed to this report.") becomes metadata.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from . import lexicon as lx
from .names import is_debris
from .records import Article, Problem, Span
from .slugs import slugify

log = logging.getLogger(__name__)

_NAMES = r"[A-Z][\w.'’-]*(?:(?:\s+|,\s*|,?\s+and\s+)[A-Z][\w.'’-]*)*"
_CREDIT = re.compile(
    rf"^(?P<names>{_NAMES})\s+(?:also\s+)?contributed(?:\s+reporting)?(?:\s+(?:to|for)\s+this\s+(?:" + "|".join(lx.CREDIT_NOUNS) + "))?"
    r"(?:\s+from\s+[A-Z][\w ,.]*)?\.?$"
)
_REPORTING_BY = re.compile(r"^(?:Additional\s+)?(?:" + "|".join(lx.CREDIT_ROLES) + r")\s+by\s+.+$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)


class ReadError(ValueError):
    """The file cannot be turned into an article."""


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


def _assemble(paragraphs: list[str]) -> tuple[str, tuple[Span, ...]]:
    """Join paragraphs with blank lines; return the text and each paragraph's span."""
    text, spans, pos = "", [], 0
    for i, para in enumerate(paragraphs):
        if i:
            text += "\n\n"
            pos += 2
        spans.append(Span(pos, pos + len(para)))
        text += para
        pos += len(para)
    return text, tuple(spans)


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Paragraphs of a text kept verbatim: runs of non-empty lines between line breaks."""
    return tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text))


def read_article(path: Path, *, slug: str | None = None) -> Article:
    """Read one `.txt` or `.md` article file. Raises ReadError naming what is wrong."""
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
    if "date" in meta:
        meta["date"] = str(meta["date"])
    if isinstance(meta.get("authors"), str):
        meta["authors"] = [meta["authors"]]
    text, spans = _assemble(paragraphs)
    return Article(id=slug or slugify(path.stem), title=title, source=str(path),
                   text=text, paragraphs=spans, metadata=meta)


Reader = Callable[[Path, str], Iterator["Article | Problem"]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for files with these suffixes."""
    def register(func: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = func
        return func
    return register


@reader(".txt", ".md")
def read_text_file(path: Path, slug: str) -> Iterator[Article | Problem]:
    """One article per file: the first line (or front matter `title`) is the title."""
    try:
        yield read_article(path, slug=slug)
    except ReadError as exc:
        yield Problem(str(path), str(exc))


@reader(".jsonl")
def read_jsonl(path: Path, slug: str) -> Iterator[Article | Problem]:
    """A corpus, one JSON record a line: `id`, `text` and optional `title`.
    The text is kept verbatim (offsets stay those of the input); its lines are the paragraphs."""
    try:
        lines = _decode(path).split("\n")
    except ReadError as exc:
        yield Problem(str(path), str(exc))
        return
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise TypeError("a record must be a JSON object")
            text, ident = data["text"], str(data["id"])
            if not isinstance(text, str):
                raise TypeError("'text' must be a string")
        except KeyError as exc:
            yield Problem(where, f"bad record: no {exc} field")
            continue
        except (ValueError, TypeError) as exc:
            yield Problem(where, f"bad record: {exc}")
            continue
        yield Article(id=ident, title=str(data.get("title", ident)), source=where,
                      text=text, paragraphs=paragraph_spans(text))


def article_paths(seeds: Path) -> list[Path]:
    """Files in a seeds directory that a reader knows, in a stable order."""
    return sorted(p for p in seeds.iterdir() if p.suffix in READERS and not p.name.startswith("."))


def read_paths(paths: list[Path]) -> tuple[list[Article], list[Problem]]:
    """Read article files and directories of them; bad input becomes Problems, not articles.

    Every article gets a unique id: a clash takes a numbered suffix and a warning."""
    articles: list[Article] = []
    problems: list[Problem] = []
    taken: set[str] = set()
    for path in _distinct(paths):
        if path.is_dir():
            files = article_paths(path)
        elif path.exists():
            files = [path]
        else:
            problems.append(Problem(str(path), "no such file or directory"))
            continue
        for file in files:
            if file.suffix not in READERS:
                problems.append(Problem(str(file), f"unknown format (readers: {', '.join(sorted(READERS))})"))
                continue
            slug = slugify(file.stem)
            if slug in taken:
                slug = f"{slug}-{file.suffix.lstrip('.')}"
            for item in READERS[file.suffix](file, slug):
                if isinstance(item, Problem):
                    problems.append(item)
                    continue
                if item.id in taken:
                    unique = _unique(item.id, taken)
                    problems.append(Problem(item.source, f"id {item.id!r} is taken by an earlier article; "
                                                         f"this one is {unique!r}", fatal=False))
                    item = dataclasses.replace(item, id=unique)
                taken.add(item.id)
                articles.append(item)
    return articles, problems


def _distinct(paths: list[Path]) -> list[Path]:
    """The paths in order, each file or directory once however it is written."""
    seen: set[Path] = set()
    return [p for p in paths if not (p.resolve() in seen or seen.add(p.resolve()))]


def _unique(ident: str, taken: set[str]) -> str:
    n = 2
    while f"{ident}-{n}" in taken:
        n += 1
    return f"{ident}-{n}"


def read_seeds(seeds: Path) -> tuple[list[Article], list[Problem]]:
    """Read every article in the directory `seeds`."""
    if not seeds.is_dir():
        return [], [Problem(str(seeds), "seeds directory does not exist")]
    return read_paths([seeds])
