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

import csv
import dataclasses
import datetime as dt
import json
import logging
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dateutil import parser as dateparser

from . import lexicon as lx
from . import safe_yaml
from .links import is_safe_url
from .markup import plain
from .names import is_debris
from .records import Article, Problem, Span

log = logging.getLogger(__name__)

# The largest article read, in bytes (plugin setting `max_article_mb`).
MAX_ARTICLE_BYTES = 5_000_000
# A saved page with fewer words of article text than this has no article.
MIN_PAGE_WORDS = 20
# The fields of a corpus record, and the metadata that is always a string.
RECORD_FIELDS = ("id", "title", "text", "date", "outlet", "author", "authors", "url")
METADATA_TEXT = ("outlet", "url", "title", "id")

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
            # A short line that recurs is a widget or a caption, not prose (a quotation
            # or a question-answer turn is what was said, however often).
            if lines_seen[stripped] > 1 and len(stripped) < 80 and not _is_speech(stripped):
                continue
            kept.append(stripped)
        if kept:
            paragraphs.append(re.sub(r"\s+", " ", " ".join(kept)))
    return paragraphs


_TURN = re.compile(r"^(?:[QA]\s*[:.]|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*:)\s+\S")


def _is_speech(line: str) -> bool:
    """A line that holds a quotation mark or is a question-answer turn ("A: No.")."""
    return any(mark in line for mark in lx.OPEN_MARKS + "”»") or bool(_TURN.match(line))


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
            data = _read_at_most(handle, limit + 1)
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
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")  # NUL is no text


def _read_at_most(handle, size: int, chunk: int = 1 << 20) -> bytes:
    """Up to `size` bytes, read a chunk at a time: a large limit is never allocated up front."""
    parts, got = [], 0
    while got < size:
        part = handle.read(min(chunk, size - got))
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


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


def parse_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date written any common way ("2016-03-03",
    "March 3, 2016", "2016-03-03T10:00:00Z"), or None when it names no whole day."""
    text = str(value).strip()
    if not text:
        return None
    try:
        # Parsed twice with different defaults: a part missing from the text shows as a difference.
        one = dateparser.parse(text, default=dt.datetime(2001, 1, 1))
        two = dateparser.parse(text, default=dt.datetime(2002, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    return one.date().isoformat() if one.date() == two.date() else None


_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")


def _page_date(found: str | None, page: str, warnings: list[str]) -> str | None:
    """The date of a saved page as the page writes it. Trafilatura completes a month
    ("2024-02") with today's day and a day that does not exist ("2024-02-30") with
    the 1st: a month stays a month, and an impossible day is left out with a warning."""
    if not found or not re.fullmatch(r"\d{4}-\d\d-\d\d", found) or re.search(re.escape(found) + r"(?!\d)", page):
        return found
    month = found[:7]
    for written in re.findall(re.escape(month) + r"-(\d\d)(?!\d)", page):
        try:
            dt.date(int(found[:4]), int(found[5:7]), int(written))
        except ValueError:
            warnings.append(f"date {month}-{written} is not a day of the calendar; left out")
            return None
    if re.search(re.escape(month) + r"(?![-/\d])", page):
        return month
    return found


def _metadata(meta: dict, warnings: list[str]) -> dict:
    """Metadata as every stage uses it: `date` an ISO day, `authors` a list of
    names (from `author` or `authors`), one-line strings, and a `url` that is
    safe to link (others are shown as text). Other keys are kept as they are."""
    meta = {k: v for k, v in meta.items() if v is not None and v != ""}
    for key in METADATA_TEXT:
        if key in meta and not isinstance(meta[key], str):
            meta[key] = str(meta[key])
    if "date" in meta:
        day = parse_date(meta["date"])
        if day is None and _MONTH.fullmatch(str(meta["date"]).strip()):
            day = str(meta["date"]).strip()  # a month stays a month: no day is invented
        if day is None:
            warnings.append(f"date {str(meta.pop('date'))!r} is not a whole date (e.g. 2024-05-01); left out")
        else:
            meta["date"] = day
    authors = meta.pop("authors", meta.pop("author", None))
    if authors is not None:
        names = authors if isinstance(authors, list) else re.split(r"\s*;\s*|\s+and\s+", str(authors))
        meta["authors"] = [" ".join(str(a).split()) for a in names if str(a).strip()]
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


def read_article(path: Path, *, limit: int = MAX_ARTICLE_BYTES, warnings: list[str] | None = None) -> Article:
    """Read one `.txt` or `.md` article file. Raises ReadError naming what is
    wrong; what is only worth telling is appended to `warnings`."""
    warnings = [] if warnings is None else warnings
    raw = _decode(path, limit)
    if not raw.strip():
        raise ReadError("empty file")
    meta: dict = {}
    if path.suffix.lower() in (".md", ".markdown"):
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
    ident = meta.pop("id", None) or path.stem
    return Article(id=ident, title=title, source=path.name, text=text, paragraphs=spans, metadata=meta)


@dataclass(frozen=True)
class Settings:
    """How files are read: the size limit of one article, and for corpora
    (`.jsonl`, `.csv`) the input's name for each field, where it differs
    (`{"text": "body", "outlet": "source_name"}`)."""

    limit: int = MAX_ARTICLE_BYTES
    fields: Mapping[str, str] = field(default_factory=dict)

    def name(self, key: str) -> str:
        return self.fields.get(key, key)

    def value(self, data: dict, key: str) -> object:
        """A record's field: under its mapped name, else under its own."""
        name = self.name(key)
        return data.get(name) if name in data else data.get(key)


Reader = Callable[[Path, Settings], Iterator["Article | Problem"]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for files with these suffixes. A reader takes the path
    and the read settings, and yields articles and problems."""
    def register(func: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = func
        return func
    return register


def _with_warnings(path: Path, read: Callable[[list[str]], Article]) -> Iterator[Article | Problem]:
    warnings: list[str] = []
    try:
        article = read(warnings)
    except ReadError as exc:
        yield Problem(str(path), str(exc))
        return
    yield from (Problem(str(path), w, fatal=False) for w in warnings)
    yield article


@reader(".txt", ".md", ".markdown")
def read_text_file(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """One article per file: the first line (or front matter `title`) is the title."""
    yield from _with_warnings(path, lambda warnings: read_article(path, limit=settings.limit, warnings=warnings))


@reader(".html", ".htm")
def read_html(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """A saved news page: the article's text, title, date and author, extracted
    with trafilatura; navigation, scripts, comments and footers are left out."""
    def read(warnings: list[str]) -> Article:
        import trafilatura  # loaded only when there are pages to read

        raw = _decode(path, settings.limit)
        page = trafilatura.bare_extraction(
            raw, include_comments=False, include_tables=False, with_metadata=True,
            favor_precision=True, date_extraction_params={"original_date": True, "extensive_search": False})
        text = getattr(page, "text", None) or ""
        paragraphs, _ = _split_credits(_paragraphs("\n\n".join(text.splitlines())))
        if paragraphs and page.title and paragraphs[0] == " ".join(page.title.split()):
            paragraphs.pop(0)  # the headline, repeated above the body
        if sum(len(p.split()) for p in paragraphs) < MIN_PAGE_WORDS:
            raise ReadError("no article text found in the page")
        meta = {"title": page.title, "date": _page_date(page.date, raw, warnings), "author": page.author, "outlet": page.sitename,
                "url": page.url}
        meta = _metadata({k: v for k, v in meta.items() if v}, warnings)
        body, spans = _assemble(paragraphs)
        title = " ".join(meta.pop("title", path.stem).split())
        return Article(id=path.stem, title=title, source=path.name, text=body, paragraphs=spans, metadata=meta)

    yield from _with_warnings(path, read)


@reader(".jsonl")
def read_jsonl(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """A corpus, one JSON object a line (fields: see `record_article`)."""
    if not path.is_file():
        yield Problem(str(path), "not a regular file; skipped")
        return
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            if len(raw) > settings.limit:
                yield Problem(where, f"record larger than the limit of {_size(settings.limit)} "
                                     "(setting max_article_mb); skipped")
                continue
            try:
                data = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError as exc:
                yield Problem(where, f"bad record: not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
                continue
            except ValueError as exc:
                yield Problem(where, f"bad record: {exc}")
                continue
            yield from record_article(data, where=where, source=f"{path.name}:{number}",
                                      default_id=f"{path.stem}-{number}", settings=settings)


@reader(".csv")
def read_csv(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """A corpus as a table with a header row (fields: see `record_article`)."""
    if not path.is_file():
        yield Problem(str(path), "not a regular file; skipped")
        return
    csv.field_size_limit(max(settings.limit, 131072))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle)
        try:
            for row in rows:
                where = f"{path}:{rows.line_num}"
                yield from record_article(row, where=where, source=f"{path.name}:{rows.line_num}",
                                          default_id=f"{path.stem}-{rows.line_num}", settings=settings)
        except (csv.Error, UnicodeDecodeError) as exc:
            yield Problem(f"{path}:{rows.line_num}", f"cannot read the table further: {exc}")


def record_article(data: object, *, where: str, source: str, default_id: str,
                   settings: Settings) -> Iterator[Article | Problem]:
    """An article from one corpus record: `text` (required), `id` (default: the
    file name and line), `title`, `date`, `outlet`, `author`/`authors`, `url`;
    other plain (not nested) fields are kept as metadata. The text is kept verbatim, so offsets
    stay those of the input; its lines are the paragraphs."""
    if not isinstance(data, dict):
        yield Problem(where, "bad record: a record must be a JSON object")
        return
    text = settings.value(data, "text")
    if not isinstance(text, str) or not text.strip():
        yield Problem(where, f"bad record: no {settings.name('text')!r} field with text")
        return
    if len(text.encode("utf-8", "surrogatepass")) > settings.limit:
        yield Problem(where, f"record larger than the limit of {_size(settings.limit)} (setting max_article_mb); skipped")
        return
    ident = settings.value(data, "id")
    ident = None if ident == "" else ident  # an empty cell of a table
    if ident is not None and (not isinstance(ident, (str, int)) or not str(ident).strip()):
        yield Problem(where, f"bad record: {settings.name('id')!r} must be a non-empty string or number")
        return
    renamed = {settings.name(k): k for k in RECORD_FIELDS}
    warnings: list[str] = []
    meta = {}
    for key, value in data.items():
        key = renamed.get(key, key)
        if key in ("text", "id") or isinstance(value, (dict, list)) and key != "authors":
            continue  # nested data (a corpus's own annotations, say) is not metadata
        if isinstance(value, float) and not math.isfinite(value):
            warnings.append(f"{key}: {value} is not a finite number; left out")
            continue
        meta[key] = value
    meta = _metadata(meta, warnings)
    yield from (Problem(where, w, fatal=False) for w in warnings)
    text = text.replace("\r", "\n").replace("\x00", "")  # NUL is no text
    ident = str(ident) if ident is not None else default_id
    title = " ".join(str(meta.pop("title", "") or ident).replace("\x00", "").split())
    yield Article(id=ident, title=title, source=source, text=text, paragraphs=paragraph_spans(text),
                  metadata=meta)


def article_paths(seeds: Path) -> list[Path]:
    """Files in a seeds directory and its subfolders that a reader knows (suffixes in
    any case), in a stable order; hidden files and folders are left out."""
    found = []
    for folder, dirs, names in os.walk(seeds):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, n) for n in names if _suffix(Path(n)) in READERS and not n.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(seeds).parts)


def _suffix(path: Path) -> str:
    return path.suffix.lower()


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
    if _suffix(path) not in READERS:
        return [], [Problem(str(path), f"unknown format (readers: {', '.join(sorted(READERS))})")]
    return [path], []


def read_paths(paths: list[Path], settings: Settings = Settings(), markup: bool = False
               ) -> tuple[list[Article], list[Problem]]:
    """Read article files and directories of them; bad input becomes Problems, not articles.

    Every article keeps the id its input gives (a `.jsonl`/`.csv` id, a front
    matter `id`, else the file name); a clash takes a numbered suffix and a warning.
    The markup of scraped pages is made plain unless `markup` is true."""
    read: list[tuple[Path, Article]] = []
    problems: list[Problem] = []
    for path in _distinct(paths):
        files, left_out = _files(path)
        problems += left_out
        for file in files:
            for item in READERS[_suffix(file)](file, settings):
                if isinstance(item, Problem):
                    problems.append(item)
                else:
                    read.append((file, item if markup else _without_markup(item)))
    return _distinct_ids(read, problems), problems


def _without_markup(article: Article) -> Article:
    """The article with the markup of a scraped page made plain (builder/markup.py)."""
    text, title = plain(article.text), plain(article.title)
    if text == article.text and title == article.title:
        return article
    return dataclasses.replace(article, text=text, title=" ".join(title.split()) or article.id,
                               paragraphs=paragraph_spans(text))


def _distinct_ids(read: list[tuple[Path, Article]], problems: list[Problem]) -> list[Article]:
    """The articles with an id each: the first to use an id keeps it; a later one takes
    the next numbered suffix that no article's own id uses ("dup-2" never takes the id of
    an article called "dup-2"), with a warning. Linear in the number of clashes."""
    given = {item.id for _, item in read}
    taken: set[str] = set()
    next_number: dict[str, int] = {}
    articles = []
    for file, item in read:
        if item.id in taken:
            n = next_number.get(item.id, 2)
            while f"{item.id}-{n}" in taken or f"{item.id}-{n}" in given:
                n += 1
            next_number[item.id] = n + 1
            unique = f"{item.id}-{n}"
            problems.append(Problem(str(file), f"id {item.id!r} is taken by an earlier article; "
                                               f"this one is {unique!r}", fatal=False))
            item = dataclasses.replace(item, id=unique)
        taken.add(item.id)
        articles.append(item)
    return articles


def _distinct(paths: list[Path]) -> list[Path]:
    """The paths in order, each file or directory once however it is written."""
    seen: set[Path] = set()
    return [p for p in paths if not (p.resolve() in seen or seen.add(p.resolve()))]


def read_seeds(seeds: Path) -> tuple[list[Article], list[Problem]]:
    """Read every article in the directory `seeds`."""
    if not seeds.is_dir():
        return [], [Problem(str(seeds), "seeds directory does not exist")]
    return read_paths([seeds])
