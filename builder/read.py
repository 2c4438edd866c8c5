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

from . import lexicon as lx
from . import safe_yaml
from .names import is_debris
from .records import Article, Problem, Span
from .slugs import slugify

log = logging.getLogger(__name__)

# The largest article read, in bytes (plugin setting `max_article_mb`).
MAX_ARTICLE_BYTES = 5_000_000

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


def _decode(path: Path, limit: int) -> str:
    """The text of a regular file of at most `limit` bytes, with line ends as `\n`."""
    if not path.is_file():  # a FIFO would block, a device never end
        raise ReadError("not a regular file; skipped")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise ReadError(f"larger than the limit of {_size(limit)} (setting max_article_mb); skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _size(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB"


def _front_matter(text: str) -> tuple[dict, str, list[str]]:
    """Front matter (JSON-safe, see safe_yaml), the body after it, and warnings."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    try:
        doc = safe_yaml.load(match.group(1))
    except safe_yaml.YamlError as exc:
        where = f" at line {exc.line + 1}" if exc.line else ""
        raise ReadError(f"invalid front matter{where}: {exc.message}") from exc
    if doc.value is None:
        return {}, text[match.end():], []
    if not isinstance(doc.value, dict):
        raise ReadError("front matter must be a mapping of keys to values")
    warnings = [f"front matter line {w.line + 1}: {w.message}" for w in doc.warnings]
    return doc.value, text[match.end():], warnings


def is_safe_url(url: object) -> bool:
    """True for a link a page may carry: http(s) or relative, never `javascript:` and the like."""
    if not isinstance(url, str):
        return False
    bare = re.sub(r"[\x00-\x20\x7f]+", "", url).lower()  # browsers ignore these inside a scheme
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", bare)
    return scheme is None or scheme.group(1) in ("http", "https")


def _metadata(meta: dict, warnings: list[str]) -> dict:
    """Front matter as the pages use it: authors a list of names, one-line
    strings, and a `url` that is safe to link (others are shown as text)."""
    meta = {k: v for k, v in meta.items() if v is not None}
    for key in ("date", "outlet", "url"):
        if key in meta and not isinstance(meta[key], str):
            meta[key] = str(meta[key])
    authors = meta.get("authors")
    if authors is not None:
        meta["authors"] = [str(a) for a in authors] if isinstance(authors, list) else [str(authors)]
    if "url" in meta and not is_safe_url(meta["url"]):
        warnings.append(f"url {meta['url']!r} is not an http(s) or relative link; it is shown as text")
    return meta


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


def read_article(path: Path, *, slug: str | None = None, limit: int = MAX_ARTICLE_BYTES,
                 warnings: list[str] | None = None) -> Article:
    """Read one `.txt` or `.md` article file. Raises ReadError naming what is
    wrong; what is only worth telling is appended to `warnings`."""
    warnings = [] if warnings is None else warnings
    raw = _decode(path, limit)
    if not raw.strip():
        raise ReadError("empty file")
    meta: dict = {}
    if path.suffix == ".md":
        meta, raw, found = _front_matter(raw)
        warnings += found
    meta = _metadata(meta, warnings)
    paragraphs = _paragraphs(raw)
    title = " ".join(str(meta.pop("title", "")).split())
    if not title:
        if not paragraphs:
            raise ReadError("no title and no body")
        title = re.sub(r"^#+\s*", "", paragraphs.pop(0)).strip()
    paragraphs, contributors = _split_credits(paragraphs)
    if not paragraphs:
        raise ReadError("no article body after the title")
    if contributors:
        meta["contributors"] = contributors
    text, spans = _assemble(paragraphs)
    return Article(id=slug or slugify(path.stem), title=title, source=path.name,
                   text=text, paragraphs=spans, metadata=meta)


Reader = Callable[[Path, str, int], Iterator["Article | Problem"]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for files with these suffixes. A reader takes the
    path, the id its file name suggests and the size limit of one article,
    and yields articles and problems."""
    def register(func: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = func
        return func
    return register


@reader(".txt", ".md")
def read_text_file(path: Path, slug: str, limit: int) -> Iterator[Article | Problem]:
    """One article per file: the first line (or front matter `title`) is the title."""
    warnings: list[str] = []
    try:
        article = read_article(path, slug=slug, limit=limit, warnings=warnings)
    except ReadError as exc:
        yield Problem(str(path), str(exc))
        return
    yield from (Problem(str(path), w, fatal=False) for w in warnings)
    yield article


@reader(".jsonl")
def read_jsonl(path: Path, slug: str, limit: int) -> Iterator[Article | Problem]:
    """A corpus, one JSON record a line: `id`, `text` and optional `title`.
    The text is kept verbatim (offsets stay those of the input); its lines are the paragraphs."""
    if not path.is_file():
        yield Problem(str(path), "not a regular file; skipped")
        return
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if raw.strip():
                yield _json_record(raw, f"{path}:{number}", f"{path.name}:{number}", limit)


def _json_record(raw: bytes, where: str, source: str, limit: int) -> Article | Problem:
    if len(raw) > limit:
        return Problem(where, f"record larger than the limit of {_size(limit)} (setting max_article_mb); skipped")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        if not isinstance(data, dict):
            raise TypeError("a record must be a JSON object")
        text, ident = data["text"], data["id"]
        if not isinstance(text, str):
            raise TypeError("'text' must be a string")
        if not isinstance(ident, (str, int)) or not str(ident).strip():
            raise TypeError("'id' must be a non-empty string or number")
    except KeyError as exc:
        return Problem(where, f"bad record: no {exc} field")
    except UnicodeDecodeError as exc:
        return Problem(where, f"bad record: not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
    except (ValueError, TypeError) as exc:
        return Problem(where, f"bad record: {exc}")
    title = " ".join(str(data.get("title") or ident).split())
    return Article(id=str(ident), title=title, source=source, text=text.replace("\r", "\n"),
                   paragraphs=paragraph_spans(text.replace("\r", "\n")))


def article_paths(seeds: Path) -> list[Path]:
    """Files in a seeds directory that a reader knows, in a stable order."""
    return sorted(p for p in seeds.iterdir() if p.suffix in READERS and not p.name.startswith("."))


def _files(path: Path) -> tuple[list[Path], list[Problem]]:
    """The article files a path stands for, and why any are left out."""
    if path.is_dir():
        root, files, problems = path.resolve(), [], []
        for file in article_paths(path):
            if file.is_symlink() and not file.resolve().is_relative_to(root):
                problems.append(Problem(str(file), "a symbolic link to a file outside the seeds directory; skipped"))
            else:
                files.append(file)
        return files, problems
    if not path.exists():
        return [], [Problem(str(path), "no such file or directory")]
    if path.suffix not in READERS:
        return [], [Problem(str(path), f"unknown format (readers: {', '.join(sorted(READERS))})")]
    return [path], []


def read_paths(paths: list[Path], *, limit: int = MAX_ARTICLE_BYTES) -> tuple[list[Article], list[Problem]]:
    """Read article files and directories of them; bad input becomes Problems, not articles.

    Every article gets a unique id: a clash takes a numbered suffix and a warning.
    `limit` is the largest article, in bytes, that is read."""
    articles: list[Article] = []
    problems: list[Problem] = []
    taken: set[str] = set()
    for path in _distinct(paths):
        files, left_out = _files(path)
        problems += left_out
        for file in files:
            for item in READERS[file.suffix](file, slugify(file.stem), limit):
                if isinstance(item, Problem):
                    problems.append(item)
                    continue
                if item.id in taken:
                    unique = _unique(item.id, taken)
                    problems.append(Problem(str(file), f"id {item.id!r} is taken by an earlier article; "
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
