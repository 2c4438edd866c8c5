"""The editors' corrections from `seeds/corrections.yml`, applied after actors are resolved.

    - article: biden-speech              # the article's id
      quote: we will not back down       # a short exact excerpt of the quote as the site shows it
      paragraph: 4                       # optional: a tiebreak when the excerpt is in several quotes
      speaker: Joe Biden                 # an actor's name, id or alias, or a description ("a campaign aide")
      note: Biden speaks; "he" is not Obama
    - article: biden-speech
      quote: thank you all
      not_a_quote: true
    - article: biden-speech
      add: the economy is strong         # a quote the annotator missed, by its exact text
      speaker: Kamala Harris
    - actor: Joe Biden                   # actors, as in actors.yml
      merge: [Biden, Joseph R. Biden]
      gender: male
    - actor: Smith                       # one actor that is two people (builder/splits.py)
      split: {name: Tom Smith, articles: [senate-vote]}

Entries are anchored to words, not offsets, so they hold after the annotator, the
reading of the article or the cache changes. Quote entries also take `span` (the
quote's new exact text), `kind` (direct | partial | indirect), `source` (the kind
of source) and `all: true` (every quote the excerpt matches). An entry that matches
nothing is a warning; one that matches several quotes without `all` is an error;
either way it is left out and the other entries apply. The file is read by
`safe_yaml`; every problem names its file and line.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args


from . import lexicon as lx
from . import safe_yaml
from .database import paragraph_number
from .overrides import GENDERS, SIZE_LIMIT, TYPES, Override, Overrides, _read, apply_overrides
from .records import Actor, Article, Problem, Quote, QuoteKind, SourceKind, Span, Speaker, machine_view
from .safe_yaml import YamlError
from .slugs import slugify
from .splits import ActorSplit, is_split, split_actors

CORRECTIONS_FILE = "corrections.yml"
KINDS = get_args(QuoteKind)
SOURCES = get_args(SourceKind)


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _positive(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


# Each field: (check, what it must be).
_STRING = (_text, "a non-empty string")
_FLAG = (lambda v: isinstance(v, bool), "true or false")
# Which quote an entry means, and what it changes.
_ANCHOR_FIELDS: dict[str, tuple[Callable[[object], bool], str]] = {
    "article": (lambda v: _text(v) or _positive(v), "an article id"),
    "quote": _STRING, "add": _STRING, "note": _STRING,
    "paragraph": (_positive, "a paragraph number (1, 2, …)"), "all": _FLAG,
}
_CHANGE_FIELDS: dict[str, tuple[Callable[[object], bool], str]] = {
    "speaker": _STRING, "source": (lambda v: v in SOURCES, "one of " + ", ".join(SOURCES)),
    "kind": (lambda v: v in KINDS, "one of " + ", ".join(KINDS)), "span": _STRING, "not_a_quote": _FLAG,
}
QUOTE_FIELDS = {**_ANCHOR_FIELDS, **_CHANGE_FIELDS}
ACTOR_FIELDS: dict[str, tuple[Callable[[object], bool], str]] = {
    "actor": _STRING, "note": _STRING, "description": _STRING, "party": _STRING,
    "merge": (lambda v: isinstance(v, list) and all(_text(n) for n in v), "a list of actor names"),
    "type": (lambda v: v in TYPES, "one of " + ", ".join(TYPES)),
    "gender": (lambda v: v in GENDERS, "one of " + ", ".join(GENDERS)),
    "split": (is_split, "a mapping of `name` (who the actor is there) and `articles` (a list of article ids)"),
}
# A speaker's kind of source, by the type of the actor it names.
SOURCE_OF_TYPE = {"person": "named", "organization": "organization", "group": "group"}


@dataclass(frozen=True)
class QuoteFix:
    """One quote entry: which quote (`excerpt`, or `add` for a missed one) and what to change."""

    where: str  # file:line of the entry
    article: str
    excerpt: str = ""
    add: str = ""
    paragraph: int | None = None
    all: bool = False
    note: str = ""
    speaker: str | None = None
    source: str | None = None
    kind: str | None = None
    span: str | None = None
    not_a_quote: bool = False


@dataclass
class Corrections:
    quotes: list[QuoteFix] = field(default_factory=list)
    actors: Overrides = field(default_factory=Overrides)
    splits: list[ActorSplit] = field(default_factory=list)


def load_corrections(paths: list[Path]) -> tuple[Corrections, list[Problem]]:
    """Read and check corrections files, in order; a missing file means none. A bad
    entry is left out with a problem naming its file and line; the others apply."""
    found = Corrections()
    problems: list[Problem] = []
    for path in paths:
        if path.exists():
            problems += _load_file(path, found)
    return found, problems


def _at(where: str, line: int | None) -> str:
    return f"{where}:{line}" if line else where


def _load_file(path: Path, into: Corrections) -> list[Problem]:
    where = str(path)
    try:
        doc = safe_yaml.load(_read(path), limit=SIZE_LIMIT)
    except OSError as exc:
        return [Problem(where, f"cannot read: {exc.strerror or exc}")]
    except YamlError as exc:
        return [Problem(_at(where, exc.line), exc.message)]
    if doc.value is None:
        return []
    if not isinstance(doc.value, list):
        return [Problem(_at(where, doc.line()), "expected a list of corrections (each item starting with “- ”)")]
    spoilt = {w.path[0] for w in doc.warnings if w.path}
    problems = [Problem(_at(where, w.line), w.message) for w in doc.warnings]
    for number, entry in enumerate(doc.value):
        at = _at(where, doc.line(number))
        wrong = _check(entry, lambda key: _at(where, doc.line(number, key)), at)
        if wrong:
            problems.append(wrong)
        elif number not in spoilt:
            _add(entry, at, into)
    return problems


def _check(entry: object, line_of: Callable[[str], str], at: str) -> Problem | None:
    """What is wrong with one entry, naming the line of the field at fault; None if it is sound."""
    if not isinstance(entry, dict):
        return Problem(at, "a correction must be a mapping with `article` (a quote) or `actor` (an actor)")
    if "actor" in entry:
        fields, what = ACTOR_FIELDS, "actor"
    elif "article" in entry:
        fields, what = QUOTE_FIELDS, "quote"
    else:
        return Problem(at, "a correction needs `article` (for a quote) or `actor` (for an actor)")
    for key, value in entry.items():
        if key not in fields:
            return Problem(line_of(key), f"unknown field {key!r} in a {what} correction "
                                         f"(expected one of {', '.join(fields)})")
        check, must = fields[key]
        if not check(value):
            shown = "a list" if isinstance(value, list) else repr(value)
            return Problem(line_of(key), f"{key!r} must be {must}, not {shown}")
    if what == "actor":
        changes = set(entry) - {"actor", "note"}
        return None if changes else Problem(at, "an actor correction needs one of merge, split, type, gender, description, party")
    return _check_quote(entry, at)


def _check_quote(entry: dict, at: str) -> Problem | None:
    has = set(entry)
    if ("quote" in has) == ("add" in has):
        return Problem(at, "a quote correction needs one of `quote` (an excerpt of the quote) or `add` (a missed quote)")
    if "add" in has:
        if "speaker" not in has:
            return Problem(at, "an added quote needs a `speaker`")
        if has & {"span", "not_a_quote"}:
            return Problem(at, "an added quote takes no `span` or `not_a_quote`")
    elif entry.get("not_a_quote"):
        if len(has & set(_CHANGE_FIELDS)) > 1:
            return Problem(at, "`not_a_quote` takes no other change")
    elif not has & set(_CHANGE_FIELDS):
        return Problem(at, f"a quote correction needs a change: {', '.join(_CHANGE_FIELDS)}")
    return None


def _add(entry: dict, at: str, into: Corrections) -> None:
    if "split" in entry:
        split = entry["split"]
        into.splits.append(ActorSplit(where=at, actor=entry["actor"].strip(), name=split["name"].strip(),
                                      articles=tuple(str(a).strip() for a in split["articles"])))
    if "actor" in entry and set(entry) - {"actor", "note", "split"}:
        into.actors.entries.append(Override(
            target=entry["actor"].strip(), where=at, aliases=tuple(n.strip() for n in entry.get("merge", ())),
            type=entry.get("type"), gender=entry.get("gender"),
            description=entry.get("description"), party=entry.get("party")))
    if "actor" in entry:
        return
    into.quotes.append(QuoteFix(
        where=at, article=str(entry["article"]), excerpt=entry.get("quote", ""), add=entry.get("add", ""),
        paragraph=entry.get("paragraph"), all=entry.get("all", False), note=entry.get("note", "").strip(),
        speaker=entry.get("speaker", "").strip() or None, source=entry.get("source"), kind=entry.get("kind"),
        span=entry.get("span"), not_a_quote=entry.get("not_a_quote", False)))


# ---------------------------------------------------------------- applying

_MARKS = {'"': "\"“”„«»", "'": "'‘’‚‹›"}


_FOLD_MARKS = str.maketrans({mark: key for key, marks in _MARKS.items() for mark in marks})


def _pattern(words: str) -> re.Pattern:
    """Words as written in an entry, found in the text whatever its runs of
    whitespace and whichever quotation marks, straight or curly."""
    parts = []
    for chunk in re.split(r"(\s+)", words.strip()):
        if chunk.isspace():
            parts.append(r"\s+")
            continue
        for char in chunk:
            family = next((marks for marks in _MARKS.values() if char in marks), None)
            parts.append(f"[{re.escape(family)}]" if family else re.escape(char))
    return re.compile("".join(parts))


def _nearest(found: list, fix: QuoteFix, article: Article, start: Callable) -> list:
    """Of several matches, the ones the entry means: all of them with `all`, else those
    in the paragraph it names (or, after an edit moved paragraphs, the nearest)."""
    if fix.all or len(found) < 2 or fix.paragraph is None:
        return found
    distance = {id(m): abs((paragraph_number(article, start(m)) or 0) - fix.paragraph) for m in found}
    best = min(distance.values())
    return [m for m in found if distance[id(m)] == best]


class _Actors:
    """Actors by each of their names (id, name, aliases; case-insensitive), and new ones named by entries."""

    def __init__(self, actors: list[Actor]):
        self.all = {a.id: a for a in actors}
        self.by_name: dict[str, set[str]] = {}
        for a in actors:
            for name in (a.id, a.name, *a.aliases):
                self.by_name.setdefault(name.casefold(), set()).add(a.id)

    def named(self, name: str) -> list[Actor]:
        return [self.all[i] for i in sorted(self.by_name.get(name.casefold(), ()))]

    def create(self, name: str, source: str) -> Actor:
        ident, n = slugify(name), 1
        while ident in self.all:
            n += 1
            ident = f"{slugify(name)}-{n}"
        kind = {v: k for k, v in SOURCE_OF_TYPE.items()}.get(source, "other")
        actor = Actor(id=ident, name=name, type=kind)  # type: ignore[arg-type]
        self.all[ident] = actor
        self.by_name.setdefault(name.casefold(), set()).add(ident)
        return actor


class _Skip(Exception):
    """An entry that cannot apply: left out with this problem."""

    def __init__(self, message: str, fatal: bool = True):
        super().__init__(message)
        self.fatal = fatal


def _speaker(fix: QuoteFix, article: Article, at: int, actors: _Actors, old: Speaker | None) -> Speaker:
    """The speaker an entry gives, found in the article as near the quote at `at` as may be."""
    if fix.speaker is None:  # only the kind of source changes
        assert old is not None
        return dataclasses.replace(old, kind=fix.source or old.kind)
    matches = actors.named(fix.speaker)
    if len(matches) > 1:
        raise _Skip(f"speaker {fix.speaker!r} names {len(matches)} actors ({', '.join(a.id for a in matches)}); "
                    "write one's id")
    actor = matches[0] if matches else None
    if actor is None and fix.source in SOURCE_OF_TYPE.values():
        actor = actors.create(fix.speaker, fix.source)
    if actor is not None:
        kind = fix.source or SOURCE_OF_TYPE.get(actor.type, "named")
        spans = [(s, e) for a, s, e in actor.mentions if a == article.id]
    else:
        first = fix.speaker.split()[0].lower()
        kind = fix.source or ("anonymous" if first in lx.INDEFINITE else "unknown")
        spans = []
    spans += [m.span() for m in _pattern(fix.speaker).finditer(article.text)]
    if not spans:  # words the article does not hold: a name without a place in the text
        return Speaker(text="", start=0, end=0, kind=kind, actor=actor.id if actor else None,  # type: ignore[arg-type]
                       name=fix.speaker, head=fix.speaker.split()[-1].lower(), rule="correction")

    def nearest(found: list[tuple[int, int]]) -> tuple[int, int]:  # before the quote rather than after
        return min(found, key=lambda m: (m[0] > at, abs(at - m[0])))

    s, e = nearest(spans)  # as written; the name: the actor's full name nearest, if the article has it
    ns, ne = nearest([m for m in spans if actor and article.text[m[0]:m[1]] == actor.name] or [(s, e)])
    name = article.text[ns:ne]
    return Speaker(text=article.text[s:e], start=s, end=e, kind=kind, actor=actor.id if actor else None,  # type: ignore[arg-type]
                   name=name, name_start=ns, name_end=ne, head=name.split()[-1].lower(), rule="correction")


def _kind_of(text: str, start: int) -> str:
    """A missed quote's kind: direct when a quotation mark opens it, else indirect."""
    marks = _MARKS['"'] + _MARKS["'"]
    return "direct" if any(c in marks for c in text[max(0, start - 1):start + 1]) else "indirect"


class _Article:
    """One article's quotes while its entries apply: the annotator's (to match against) and the current ones."""

    def __init__(self, article: Article):
        self.article = article
        self.machine = list(article.quotes)
        self.current: dict[str, Quote] = {q.id: q for q in article.quotes}
        self.removed: list[Quote] = []
        numbers = [int(q.id[1:]) for q in article.quotes if q.id[1:].isdigit()]
        self.next = max(numbers, default=0) + 1

    def overlapping(self, start: int, end: int, but: str | None = None) -> list[Quote]:
        return [q for q in self.current.values() if q.id != but and q.start < end and start < q.end]

    def matches(self, fix: QuoteFix) -> list[Quote]:
        pattern = _pattern(fix.excerpt)
        found = [q for q in self.machine if q.id in self.current and pattern.search(q.text)]
        return _nearest(found, fix, self.article, lambda q: q.start)

    def result(self) -> Article:
        quotes = tuple(sorted(self.current.values(), key=lambda q: (q.start, q.end)))
        return dataclasses.replace(self.article, quotes=quotes, removed=self.article.removed + tuple(self.removed))


def _corrected(q: Quote, fix: QuoteFix, **changes) -> Quote:
    """`q` changed as an entry says, marked corrected, with what the annotator first said."""
    return dataclasses.replace(q, **changes, corrected=True, correction_note=fix.note or q.correction_note,
                               machine=q.machine if q.corrected else machine_view(q))


def _fix_quote(state: _Article, q: Quote, fix: QuoteFix, actors: _Actors) -> None:
    text = state.article.text
    if fix.not_a_quote:
        del state.current[q.id]
        state.removed.append(_corrected(q, fix))
        return
    start, end = q.start, q.end
    if fix.span:
        spans = [m.span() for m in _pattern(fix.span).finditer(text) if m.start() < q.end and q.start < m.end()]
        if not spans:
            raise _Skip(f"span {fix.span!r} is not in the text around the quote", fatal=False)
        start, end = spans[0]
        clash = state.overlapping(start, end, but=q.id)
        if clash:
            raise _Skip(f"span {fix.span!r} overlaps quote {clash[0].id} ({clash[0].text[:40]!r}); "
                        "mark that one not_a_quote first")
    speaker = _speaker(fix, state.article, start, actors, q.speaker) if (fix.speaker or fix.source) else q.speaker
    kind = fix.kind or q.kind
    fragments = q.fragments if (start, end) == (q.start, q.end) and q.fragments else (Span(start, end),)
    state.current[q.id] = _corrected(q, fix, start=start, end=end, text=text[start:end], kind=kind,
                                     speaker=speaker, fragments=fragments if kind == "partial" else ())


def _add_quote(state: _Article, fix: QuoteFix, actors: _Actors) -> None:
    text = state.article.text
    spans = _nearest([m.span() for m in _pattern(fix.add).finditer(text)], fix, state.article, lambda m: m[0])
    if not spans:
        raise _Skip(f"the text {fix.add!r} is not in the article; nothing added", fatal=False)
    if len(spans) > 1 and not fix.all:
        raise _Skip(_twice(fix.add, [paragraph_number(state.article, s) for s, _ in spans]))
    for start, end in spans:
        clash = state.overlapping(start, end)
        if len(clash) > 1:
            raise _Skip(f"the text {fix.add!r} overlaps {len(clash)} quotes; mark them not_a_quote first")
        if clash:  # the annotator found it since (in part): correct its quote instead
            _fix_quote(state, clash[0], dataclasses.replace(fix, span=fix.add), actors)
            continue
        speaker = _speaker(fix, state.article, start, actors, None)
        ident = f"q{state.next}"
        state.next += 1
        kind = fix.kind or _kind_of(text, start)
        state.current[ident] = Quote(
            id=ident, start=start, end=end, text=text[start:end], kind=kind, speaker=speaker,  # type: ignore[arg-type]
            fragments=(Span(start, end),) if kind == "partial" else (), rule="correction",
            corrected=True, correction_note=fix.note, machine=None)


def _twice(words: str, paragraphs: list[int | None]) -> str:
    where = ", ".join(str(p) for p in paragraphs)
    return (f"{words[:60]!r} matches {len(paragraphs)} quotes (paragraphs {where}); "
            "give `paragraph` or longer words, or `all: true`")


def _apply_one(state: _Article, fix: QuoteFix, actors: _Actors) -> None:
    if fix.add:
        _add_quote(state, fix, actors)
        return
    found = state.matches(fix)
    if not found:
        raise _Skip(f"no quote contains {fix.excerpt[:60]!r}; entry ignored", fatal=False)
    if len(found) > 1 and not fix.all:
        raise _Skip(_twice(fix.excerpt, [paragraph_number(state.article, q.start) for q in found]))
    for q in found:
        _fix_quote(state, state.current[q.id], fix, actors)


def apply_corrections(articles: list[Article], actors: list[Actor], corrections: Corrections, *,
                      known: set[str] | None = None) -> tuple[list[Article], list[Actor], list[Problem]]:
    """Apply actor entries (as actors.yml would), then quote entries, each article's in
    file order. `known` are the ids of every article read (an entry for one of them that
    failed to annotate is skipped quietly; any other id is an error). Returns the articles,
    the actors and the problems (fatal: errors; else warnings)."""
    articles, actors, problems = apply_overrides(articles, actors, corrections.actors)
    articles, actors, split_problems = split_actors(articles, actors, corrections.splits, known=known)
    problems += split_problems
    if not corrections.quotes:
        return articles, actors, problems
    known = {a.id for a in articles} | (known or set())
    registry = _Actors(actors)
    states = {a.id: _Article(a) for a in articles}
    for fix in corrections.quotes:
        state = states.get(fix.article)
        if state is None:
            if fix.article not in known:
                problems.append(Problem(fix.where, f"unknown article id {fix.article!r}; entry ignored"))
            continue
        try:
            _apply_one(state, fix, registry)
        except _Skip as skip:
            problems.append(Problem(fix.where, f"article {fix.article!r}: {skip}", fatal=skip.fatal))
    return [states[a.id].result() for a in articles], sorted(registry.all.values(), key=lambda a: a.id), problems


# ---------------------------------------------------------------- "Correct this"

# An excerpt starts at this many words and grows until no other quote of the article holds it.
EXCERPT_WORDS = 6


# What a YAML double-quoted scalar cannot hold as it is: the backslash and the quote, line
# breaks (they would fold), and characters YAML does not count as printable.
_UNQUOTABLE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _escape(match: re.Match) -> str:
    char = match.group()
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar: any text, escaped as YAML wants it (on one line)."""
    return '"' + _UNQUOTABLE.sub(_escape, value) + '"'


def _fold(text: str) -> str:
    """Text as an entry's words are matched (`_pattern`): one space for each run of
    whitespace, one mark for each family of quotation marks."""
    return " ".join(text.translate(_FOLD_MARKS).split())


def _machine_texts(article: Article) -> list[tuple[str, str]]:
    """(quote id, words) of each quote the corrections reader matches an entry against:
    what the annotator found, before any correction."""
    found = [(q.id, q.machine["text"] if q.corrected and q.machine else q.text)
             for q in article.quotes if not (q.corrected and q.machine is None)]
    return found + [(q.id, q.text) for q in article.removed]


def excerpt(article: Article, q: Quote) -> str:
    """The fewest leading words (at least EXCERPT_WORDS) of the annotator's words for `q`
    that no other quote of the article holds: the excerpt an entry names it by. All its
    words when another quote has the same (the paragraph then tells them apart)."""
    own = q.machine["text"] if q.corrected and q.machine else q.text
    others = [_fold(text) for ident, text in _machine_texts(article) if ident != q.id]
    ends = [m.end() for m in re.finditer(r"\S+", own)]
    for n in range(min(EXCERPT_WORDS, len(ends)), len(ends) + 1):
        words = own[:ends[n - 1]].strip()
        folded = _fold(words)  # what `_pattern(words)` matches, as plain text
        if not any(folded in text for text in others):
            return words
    return own.strip()


def snippet(article: Article, q: Quote, *, speaker: str) -> str:
    """The corrections.yml entry for quote `q`, ready to paste: the article's id, an excerpt
    the reader matches to this quote alone (its paragraph as a tiebreak) and the speaker
    (`speaker`: a name or id that names one actor, or a description) to edit. A quote the
    editors added is named by its words (`add:`), which correct it when pasted again."""
    added = q.corrected and q.machine is None
    lines = [f"- article: {_quoted(article.id)}",
             f"  add: {_quoted(q.text.strip())}" if added else f"  quote: {_quoted(excerpt(article, q))}"]
    number = paragraph_number(article, q.start)
    if number:
        lines.append(f"  paragraph: {number}")
    lines.append(f"  speaker: {_quoted(speaker)}")
    lines.append("  # note: why, shown in the footnote")
    return "\n".join(lines) + "\n"
