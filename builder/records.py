"""Plain records that flow through the stages: read → annotate → resolve actors → render.

Nothing here imports spaCy or MkDocs; every record is frozen and serialisable.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "partial", "indirect"]
SourceKind = Literal["named", "anonymous", "organization", "group", "document", "unknown"]
ActorType = Literal["person", "organization", "place", "group", "other"]
Gender = Literal["female", "male", "unknown"]


@dataclass(frozen=True)
class Span:
    """A character range of an article's text (end exclusive)."""

    start: int
    end: int


@dataclass(frozen=True)
class Cue:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to.

    `text` is the source as written at the attribution ("she", "the official");
    `name` is the same source at its most informative mention in the article
    ("Jane Doe", "a senior State Department official"), with its offsets.
    """

    text: str
    start: int
    end: int
    kind: SourceKind = "unknown"
    actor: str | None = None
    role: str | None = None
    reason: str | None = None  # stated reason for anonymity, if any
    name: str = ""
    name_start: int = 0
    name_end: int = 0
    head: str = ""  # head word of `name` ("official" of "a senior Biden administration official")
    rule: str = ""  # the named rule that found the source's words ("verb-subject", "according-to-object", …)
    resolution: str = ""  # how `name` was found from `text`: "pronoun", "same-description", "full-name", "role" or ""
    also: tuple[str, ...] = ()  # the other actors of a joint speaker ("Ann Lee and Bo Park said")

    @property
    def actors(self) -> tuple[str, ...]:
        """Every actor the quote is credited to: `actor`, then `also`."""
        return ((self.actor,) if self.actor else ()) + self.also


@dataclass(frozen=True)
class Quote:
    id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Speaker
    cue: Cue | None = None
    fragments: tuple[Span, ...] = ()
    rule: str = ""  # the named rule that found the quote ("direct", "verb-report", …)
    # Set by the editors' corrections (builder/corrections.py), never by the annotator:
    corrected: bool = False
    correction_note: str = ""
    # What the annotator said before the correction (`machine_view`); None: a quote it missed.
    machine: dict[str, Any] | None = field(default=None, hash=False, compare=False)


# Quote fields the corrections set: not part of an annotation, so not in the annotation cache.
CORRECTION_FIELDS = ("corrected", "correction_note", "machine")


def machine_view(q: Quote) -> dict[str, Any]:
    """What the annotator said about a quote, as plain data: its span, kind, rule and speaker."""
    sp = q.speaker
    return {"start": q.start, "end": q.end, "text": q.text, "kind": q.kind, "rule": q.rule,
            "speaker": {"text": sp.text, "name": sp.name, "actor": sp.actor, "kind": sp.kind,
                        "rule": sp.rule, "resolution": sp.resolution}}


@dataclass(frozen=True)
class Mention:
    """A named entity in an article, before actors are resolved."""

    text: str
    start: int
    end: int
    label: str  # spaCy entity label
    speaker: bool = False  # the mention names a source of a quote
    titled: bool = False  # preceded by a personal title (Sen., President, Mr.)
    head: str = ""  # the head word of the name ("Haass" of "Richard Haass")


@dataclass(frozen=True)
class Article:
    """One article. `text` is the cleaned body; every offset refers to it."""

    id: str
    title: str
    source: str
    text: str
    paragraphs: tuple[Span, ...]
    metadata: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
    # Quotes the editors marked as not quotes (`not_a_quote` in corrections.yml), as the annotator had them.
    removed: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: ActorType
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    description: str | None = None
    # (article id, start, end) of each mention across the site
    mentions: tuple[tuple[str, int, int], ...] = ()
    related: tuple[str, ...] = ()  # ids of actors named after this one ("the Doe campaign")
    # People's gender, from actors.yml or evidence in the text (builder/gender.py); None: not decided.
    gender: Gender | None = None
    party: str | None = None  # a person's party as the text states it (builder/describe.py)


WordState = Literal["same", "changed", "extra"]


@dataclass(frozen=True)
class Appearance:
    """One quote of a group of quotes that travel (builder/groups.py): where it appears, who
    the article says spoke, and how its words differ from the group's earliest version."""

    article: str  # article id
    quote: str  # the quote's id in its article
    outlet: str | None  # the outlet as the article gives it (see builder/outlets.py for its name)
    date: str | None
    speaker: str  # the source as the article names it ("" when the annotator found none)
    actor: str | None
    # The quote's words as written, each "same", "changed" (differs from the earliest
    # version) or "extra" (beyond the part of it the earliest version quotes).
    words: tuple[tuple[str, WordState], ...]
    # (the earliest version's words, this one's) for each change inside the shared part:
    # ("great", "terrific") replaced, ("very", "") left out, ("", "really") added.
    changes: tuple[tuple[str, str], ...] = ()
    trimmed: bool = False  # leaves out the start or end of the earliest version

    @property
    def text(self) -> str:
        return " ".join(word for word, _ in self.words)


@dataclass(frozen=True)
class QuoteGroup:
    """The same words quoted in several articles: the earliest appearance in this
    corpus first, then every repetition in date order (undated last)."""

    id: str
    appearances: tuple[Appearance, ...]

    @property
    def earliest(self) -> Appearance:
        return self.appearances[0]

    @property
    def articles(self) -> int:
        """How many articles the quote appears in."""
        return len({a.article for a in self.appearances})

    @property
    def altered(self) -> int:
        """How many words were changed, left out or added, over all repetitions."""
        return sum(max(len(old.split()), len(new.split())) for a in self.appearances for old, new in a.changes)

    @property
    def speakers(self) -> tuple[str, ...]:
        """The speakers the articles give, each once, in date order: one actor however
        it is written, else the name as written (case aside). More than one: they disagree."""
        seen: dict[str, str] = {}
        for a in self.appearances:
            seen.setdefault(a.actor or (a.speaker or "").casefold(), a.speaker)
        return tuple(seen.values())


@dataclass(frozen=True)
class Problem:
    """A bad input: the file and what is wrong with it."""

    source: str
    message: str
    fatal: bool = True  # False: a warning; the input is still used

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def to_dict(record: Any) -> Any:
    """Turn a record (or a tuple of them) into plain JSON-ready data."""
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    return asdict(record)
