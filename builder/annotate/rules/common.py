"""What the attribution rules share: the candidate a rule finds, the paragraph the
passes work through, and small helpers over tokens and character ranges."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from ..marks import Quoted
from ..speakers import Regions, Who


Range = tuple[int, int]


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # direct | partial | indirect, or "source" for a source named without a quote
    who: Who | None
    cue: tuple[str, int, int] | None = None
    fragments: list[tuple[int, int]] = field(default_factory=list)
    continues: bool = False  # no attribution of its own; carries the previous speaker
    opens_paragraph: bool = False
    open_end: bool = False  # runs on into the next paragraph
    rule: str = ""  # the named rule that found it


@dataclass
class Paragraph:
    """What the passes share while they work through one paragraph."""

    doc: Doc
    marks: list[Quoted]  # every pair of quotation marks
    regions: Regions  # their character ranges, marks included
    standalone: list[Quoted]  # quotations that open a sentence: direct quotes
    embedded: list[Quoted]  # quotations inside a sentence: fragments
    out: list[Candidate] = field(default_factory=list)
    directs: list[Candidate] = field(default_factory=list)  # the direct pass's share of `out`
    used_verbs: set[int] = field(default_factory=set)
    consumed: set[Quoted] = field(default_factory=set)
    run_in: set[Quoted] = field(default_factory=set)  # long quotations run into a sentence with no verb of saying
    done: bool = False  # no later pass runs

    @cached_property
    def text(self) -> str:
        """The paragraph's text, built once (spaCy joins its tokens anew on every `doc.text`)."""
        return self.doc.text

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.idx for t in self.doc]

    def token_at(self, char: int) -> int:
        """Index of the first token starting at or after character `char` (`len(doc)` if none)."""
        return bisect.bisect_left(self._token_starts, char)


def cue_of(tok: Token) -> tuple[str, int, int]:
    return tok.text, tok.idx, tok.idx + len(tok)


def char_range(doc: Doc, s: int, e: int) -> Range:
    """Character range of the token range [s, e)."""
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1])


def word_count(text: str) -> int:
    return len(text.split())


def overlaps(start: int, end: int, quotes: list[Quoted]) -> bool:
    return any(start < q.end and q.start < end for q in quotes)


def subject_child(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def content_rights(verb: Token) -> list[Token]:
    return [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj", "advmod", "npadvmod")]


def direct_object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


Report = tuple[Token, Range, Who | None]


def position(c: Candidate) -> tuple[int, int]:
    return c.start, c.end
