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

import codecs
import csv
import dataclasses
import datetime as dt
import json
import logging
import math
import os
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
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


def _decode(path: Path, limit: int, *, page: bool = False) -> str:
    """The text of a regular file of at most `limit` bytes, with line ends as `\n`
    and no invisible characters (`clean_text`). It is read as its byte order mark
    says (UTF-8, UTF-16, UTF-32), else as UTF-8; a saved `page` that is not UTF-8
    is read in the charset it declares (`<meta charset="windows-1252">`)."""
    if not path.is_file():  # a FIFO would block, a device never end
        raise ReadError("not a regular file; skipped")
    try:
        with path.open("rb") as handle:
            data = _read_at_most(handle, limit + 1)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise ReadError(f"larger than the limit of {_size(limit)} (setting max_article_mb); skipped")
    text = _text(data, page=page)
    return clean_text(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""))  # NUL is no text


# Byte order marks, longest first (a UTF-32 mark starts like a UTF-16 one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# A page's own declaration of its charset: `<meta charset=…>`, `<meta http-equiv="Content-Type"
# content="text/html; charset=…">`, or an XML declaration's `encoding=…`.
_DECLARED = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([\w:.+-]+)|\A\s*<\?xml[^>]*?encoding\s*=\s*["']([\w:.+-]+)""", re.I)
# Labels a browser reads as another charset (the WHATWG Encoding standard): a page
# that says "iso-8859-1" is read as windows-1252, as every browser reads it.
_AS_BROWSERS_READ = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gbk",
                     "iso8859-9": "cp1254", "iso8859-11": "cp874", "tis-620": "cp874"}


def _bom(data: bytes) -> str | None:
    """The codec a byte order mark at the start of `data` names, or None."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _text(data: bytes, *, page: bool) -> str:
    """A file's bytes as text: by its byte order mark, else UTF-8, else (a saved page)
    the charset it declares; ReadError when none of these reads it."""
    codec = _bom(data)
    if codec is not None and codec != "utf-8-sig":
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = ""
        # Binary data may start with the same two bytes: the text must look like the format.
        if ("<" if page else "\n") in text:
            return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        not_utf8 = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    found = _DECLARED.search(data[:65536]) if page else None
    if found is None:
        raise ReadError(not_utf8)
    label = (found.group(1) or found.group(2)).decode("ascii", "replace")
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        raise ReadError(f"{not_utf8}, and its charset {label!r} is not one Python knows") from None
    if codec.startswith("utf"):  # UTF-8 already failed; UTF-16 without its mark is read as UTF-8 by browsers too
        raise ReadError(not_utf8)
    codec = _AS_BROWSERS_READ.get(codec, codec)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ReadError(f"{not_utf8}, nor valid {label} as the page declares "
                        f"(byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


# Characters that change no word, removed from article text as it is read (`clean_text`):
# direction marks, embeddings, overrides and isolates, the word joiner and invisible
# operators, the byte order mark and the soft hyphen.
_INVISIBLE = re.compile("[\u00ad\u061c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
# Zero-width space, non-joiner and joiner shape words in some scripts (Persian, the Indic
# scripts, Thai, emoji sequences): they are removed only beside a Latin, Greek or Cyrillic
# letter, a digit, a space or punctuation, where they change nothing a reader sees.
_PLAIN = re.compile(r"[\s\x21-\x7e\u00a0-\u024f\u0370-\u04ff\u1e00-\u1fff\u2010-\u2027\u2030-\u205e]")
_JOINERS = re.compile("[\u200b-\u200d]+")
_ANY_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _stray_joiner(match: re.Match) -> str:
    """Nothing for zero-width characters beside a letter of a script that needs none (see above)."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[start - 1] if start else " ", text[end] if end < len(text) else " "
    return "" if _PLAIN.match(before) or _PLAIN.match(after) else match.group()


def clean_text(text: str) -> str:
    """Article text as it is published and annotated: without invisible characters
    ("Ma\u200dria Lopez" is "Maria Lopez" to the reader, and now to the parser). Every
    visible character stays as written: "e" + a combining accent is not composed here
    (names are compared in a folded form, `actors._key`)."""
    if text.isascii() or not _ANY_INVISIBLE.search(text):
        return text
    return _JOINERS.sub(_stray_joiner, _INVISIBLE.sub("", text))


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


_NESTED = (list, tuple, dict, set, frozenset)


def _kind(value: object) -> str:
    """What a value of the wrong type is, in a word ("a list"), for a warning."""
    if value is None:
        return "empty"
    return "a mapping" if isinstance(value, dict) else "a set" if isinstance(value, (set, frozenset)) else "a list"


def _metadata(meta: dict, warnings: list[str]) -> dict:
    """Metadata as every stage uses it: `date` an ISO day, `authors` a list of
    names (from `author` or `authors`), one-line strings, and a `url` that is
    safe to link (others are shown as text). Other keys are kept as they are."""
    meta = {k: v for k, v in meta.items() if v is not None and v != ""}
    for key in (*METADATA_TEXT, "date"):
        if isinstance(meta.get(key), _NESTED):
            warnings.append(f"{key}: {_kind(meta.pop(key))}, not a single value; left out")
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
        if isinstance(authors, _NESTED) and not isinstance(authors, list):
            warnings.append(f"authors: {_kind(authors)}, not a name or a list of names; left out")
            authors = []
        names = authors if isinstance(authors, list) else re.split(r"\s*;\s*|\s+and\s+", str(authors))
        for n, name in enumerate(names, 1):
            if name is None or isinstance(name, _NESTED):
                warnings.append(f"authors: entry {n} is {_kind(name)}, not a name; left out")
        meta["authors"] = [" ".join(str(a).split()) for a in names
                           if a is not None and not isinstance(a, _NESTED) and str(a).strip()]
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

        raw = _decode(path, settings.limit, page=True)
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
        for number, raw in enumerate(_lines(handle), 1):
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


_LINE_END = re.compile(rb"\r\n|\r|\n")


def _lines(handle, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The lines of a binary file, each ended by `\n`, `\r\n` or a lone `\r` (a file
    saved with old Mac line ends), without their ends. A long line is joined once."""
    pending: list[bytes] = []
    while part := handle.read(chunk):
        if b"\n" not in part and b"\r" not in part[:-1]:
            pending.append(part)
            continue
        data = b"".join(pending) + part
        held = b"\r" if data.endswith(b"\r") else b""  # maybe the first half of a \r\n
        lines = _LINE_END.split(data[:len(data) - len(held)])
        pending = [lines.pop() + held]
        yield from lines
    rest = b"".join(pending)
    if rest:
        lines = _LINE_END.split(rest)
        yield from lines[:-1] if lines[-1] == b"" else lines


@reader(".csv")
def read_csv(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """A corpus as a table with a header row (fields: see `record_article`), its cells
    separated by the delimiter the header uses (`,` `;` tab or `|`). A bad row is
    reported at the line where it starts and skipped; the rows after it are read."""
    if not path.is_file():
        yield Problem(str(path), "not a regular file; skipped")
        return
    csv.field_size_limit(max(settings.limit, 131072))
    lines = _TableLines(())
    try:
        with path.open("rb") as handle:
            codec = _bom(handle.read(4)) or "utf-8-sig"
        errors = "surrogateescape" if codec == "utf-8-sig" else "strict"  # a bad byte is its row's problem
        with path.open(encoding=codec, errors=errors, newline="") as handle:
            lines = _TableLines(handle)
            yield from _table(path, lines, settings)
    except (OSError, UnicodeDecodeError) as exc:
        yield Problem(f"{path}:{lines.number + 1}" if lines.number else str(path),
                      f"cannot read the table further: {getattr(exc, 'strerror', None) or exc}")


class _TableLines:
    """The lines of a table as the csv module reads them, numbered, with the lines of
    the record being read kept: a bad record's later lines can be given back to be
    read again (a quotation mark left open swallows the rows after it)."""

    def __init__(self, handle: Iterable[str]) -> None:
        self._source = iter(handle)
        self._again: deque[str] = deque()
        self.number = 0  # of the last line given out
        self.record: list[str] = []

    def __iter__(self) -> _TableLines:
        return self

    def __next__(self) -> str:
        line = self._again.popleft() if self._again else next(self._source)
        self.number += 1
        self.record.append(line)
        return line

    def start(self) -> int:
        """Begin a record; the number of its first line."""
        self.record = []
        return self.number + 1

    def again(self, lines: list[str], first: int) -> None:
        """Give `lines` back, to be read next, numbered from `first`."""
        self._again.extendleft(reversed(lines))
        self.number = first - 1


_SURROGATE = re.compile("[\udc80-\udcff]")


def _delimiter(header: str) -> str:
    """The delimiter the header line uses, of `,` `;` tab and `|` (`,` when it has one column)."""
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _table(path: Path, lines: _TableLines, settings: Settings) -> Iterator[Article | Problem]:
    """The articles and problems of a table's lines (see `read_csv`)."""
    header = next((line for line in lines if line.strip()), None)
    if header is None:
        yield Problem(str(path), "empty file")
        return
    where = f"{path}:{lines.number}"
    if bad := _SURROGATE.search(header):
        yield Problem(where, f"bad header: not valid UTF-8 (byte 0x{ord(bad.group()) - 0xdc00:02x}); no row is read")
        return
    delimiter = _delimiter(header)
    names = next(csv.reader([header], delimiter=delimiter))
    if settings.name("text") not in names and "text" not in names:
        shown = ", ".join(repr(n) for n in names[:8]) + (", …" if len(names) > 8 else "")
        yield Problem(where, f"the header has no {settings.name('text')!r} column (it has {shown}); no row is read")
        return
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        first = lines.start()
        where = f"{path}:{first}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(where, _skip_bad_record(exc, lines, first, delimiter, len(names), settings))
            reader = csv.reader(lines, delimiter=delimiter, strict=True)  # afresh, at the next line to read
            continue
        if not row:
            continue  # a blank line
        if bad := _SURROGATE.search("".join(row)):
            yield Problem(where, f"bad record: not valid UTF-8 (byte 0x{ord(bad.group()) - 0xdc00:02x})")
            continue
        if any(cell.strip() for cell in row[len(names):]):
            yield Problem(where, f"bad record: {len(row)} cells, but the header names {len(names)} "
                                 f"(is a cell with a {_DELIMITER_NAMES[delimiter]} in it not quoted?); skipped")
            continue
        yield from record_article(dict(zip(names, row)), where=where, source=f"{path.name}:{first}",
                                  default_id=f"{path.stem}-{first}", settings=settings)


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}


def _skip_bad_record(exc: csv.Error, lines: _TableLines, first: int, delimiter: str, width: int,
                     settings: Settings) -> str:
    """Skip the record that starts at line `first` and could not be read; what is wrong
    with it. Its later lines are given back when they are rows of their own (a quoted
    cell left open swallowed them); else they go with it."""
    rest = lines.record[1:]
    if rest and _rows_of_their_own(rest, delimiter, width):
        lines.again(rest, first + 1)
        rest = []
    elif "field larger than field limit" in str(exc):
        _to_record_end(lines)
        return f"a cell larger than the limit of {_size(settings.limit)} (setting max_article_mb); skipped"
    span = f" (lines {first}–{first + len(rest)})" if rest else ""
    return f'bad record: a quoted cell is not closed properly (a " inside a quoted cell is written ""){span}; skipped'


def _rows_of_their_own(lines: list[str], delimiter: str, width: int) -> bool:
    """Whether lines read as whole rows of the table, each with a cell for each column."""
    try:
        return all(len(row) == width for row in csv.reader(lines, delimiter=delimiter, strict=True) if row)
    except csv.Error:
        return False


def _to_record_end(lines: _TableLines) -> None:
    """Read on to the end of the record begun (the first line end outside quotation marks)."""
    quotes = sum(line.count('"') for line in lines.record)
    lines.record = []
    while quotes % 2:
        line = next(lines, None)
        if line is None:
            return
        quotes += line.count('"')
        lines.record = []


def record_article(data: object, *, where: str, source: str, default_id: str,
                   settings: Settings) -> Iterator[Article | Problem]:
    """An article from one corpus record: `text` (required), `id` (default: the
    file name and line), `title`, `date`, `outlet`, `author`/`authors`, `url`;
    other plain (not nested) fields are kept as metadata. The text is kept verbatim here
    (`read_paths` cleans it); its lines are the paragraphs."""
    if not isinstance(data, dict):
        yield Problem(where, "bad record: a record must be a JSON object")
        return
    text = settings.value(data, "text")
    # A text of invisible characters only is no text; the text is cleaned with the markup (`_without_markup`).
    if not isinstance(text, str) or not clean_text(text).strip():
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
        if key in ("text", "id") or isinstance(value, (dict, list)) and key not in RECORD_FIELDS:
            continue  # nested data (a corpus's own annotations, say) is not metadata; a known field is told
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
                elif why := _unwritable(file, item):
                    problems.append(Problem(_where(file, item), why))
                else:
                    read.append((file, item if markup else _without_markup(item)))
    return _distinct_ids(read, problems), problems


# Embeddings, overrides and isolates: in a title (the page's <title>, the theme's header)
# they would reorder the text around it, where no template can isolate them.
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _without_markup(article: Article) -> Article:
    """The article with the markup of a scraped page made plain (builder/markup.py) and
    its text cleaned (`clean_text`: an entity such as `&zwj;` is a character only now)."""
    text, title = clean_text(plain(article.text)), _DIRECTION_CONTROLS.sub("", plain(article.title))
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
            problems.append(Problem(_where(file, item), f"id {item.id!r} is taken by an earlier article; "
                                                       f"this one is {unique!r}", fatal=False))
            item = dataclasses.replace(item, id=unique)
        taken.add(item.id)
        articles.append(item)
    return articles


def _where(file: Path, article: Article) -> str:
    """The file and, for a record of a corpus (source "corpus.jsonl:12"), its line."""
    line = article.source[len(file.name):] if article.source.startswith(file.name + ":") else ""
    return f"{file}{line}"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _unwritable(file: Path, article: Article) -> str | None:
    """Why the article cannot be written as UTF-8 (a file name that is not UTF-8, a lone
    surrogate from a JSON escape), found here rather than when its pages are rendered."""
    if bad := _LONE_SURROGATE.search(file.name):
        code = ord(bad.group())
        byte = f" (byte 0x{code - 0xdc00:02x})" if code >= 0xdc80 else ""
        return f"the file name is not valid UTF-8{byte}; skipped"
    for field, value in (("id", article.id), ("title", article.title), ("text", article.text),
                         ("metadata", repr(article.metadata))):
        if _LONE_SURROGATE.search(value):
            return f"bad record: its {field} holds an invalid character (a lone surrogate); skipped"
    return None


def _distinct(paths: list[Path]) -> list[Path]:
    """The paths in order, each file or directory once however it is written."""
    seen: set[Path] = set()
    return [p for p in paths if not (p.resolve() in seen or seen.add(p.resolve()))]


def read_seeds(seeds: Path) -> tuple[list[Article], list[Problem]]:
    """Read every article in the directory `seeds`."""
    if not seeds.is_dir():
        return [], [Problem(str(seeds), "seeds directory does not exist")]
    return read_paths([seeds])
