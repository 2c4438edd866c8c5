"""Turn paragraph candidates into Quote records: resolve pronouns and
"the official" back to their fullest mention and decide the source kind."""
from __future__ import annotations

from dataclasses import dataclass

from ..records import Cue, Mention, Quote, Speaker, Span
from . import lexicon as lx
from .attribution import Candidate, Who


@dataclass
class Seen:
    """A source already met in the article, at its most informative mention."""

    who: Who
    text: str
    start: int
    end: int
    kind: str
    para: int


def source_kind(who: Who) -> str:
    """named | anonymous | organization | group | document | unknown."""
    words = who.text.lower().split()
    if who.ent == "PERSON" or who.name_tokens:
        return "named"
    if who.ent in ("ORG", "GPE", "FAC"):
        return "organization"
    if who.ent == "NORP":
        return "group"
    if who.head_lemma in lx.DOCUMENT_NOUNS or who.head in lx.DOCUMENT_NOUNS:
        return "document"
    if who.head in lx.GROUP_NOUNS or who.head_lemma in lx.GROUP_NOUNS:
        return "group"
    if who.head in lx.GROUP_PLURALS:
        return "group"
    if who.head in lx.ANONYMOUS_NOUNS or who.head_lemma in lx.ANONYMOUS_NOUNS:
        return "anonymous"
    if who.head_lemma in lx.ORG_NOUNS or who.head in lx.ORG_NOUNS:
        return "organization"
    if who.pos == "PROPN":
        return "organization" if who.plural is False and len(words) > 1 and words[0] == "the" else "named"
    if who.plural:
        return "group"
    return "unknown"


class SpeakerResolver:
    """Walks an article in order, remembering sources and person mentions."""

    def __init__(self, mentions: list[Mention]):
        self.people = [m for m in mentions if m.label == "PERSON"]
        self.seen: list[Seen] = []
        self.last: Seen | None = None

    def _full_name(self, who: Who, pos: int) -> Mention | None:
        """The earliest full mention of a person named here by surname alone."""
        if not who.name_tokens:
            return None
        last = who.name_tokens[-1].lower().removesuffix("'s").removesuffix("’s")
        for m in self.people:
            words = m.text.split()
            if m.start < pos and len(words) > len(who.name_tokens) and words[-1].lower() == last:
                return m
        return None

    def _antecedent(self, who: Who, pos: int, para: int) -> Seen | None:
        head = who.head
        if head in lx.PRONOUNS_PERSON:
            recent = [s for s in self.seen if s.kind == "named" and para - s.para <= 2]
            last_person = next((m for m in reversed(self.people) if m.end <= pos), None)
            if recent and (last_person is None or recent[-1].start >= last_person.start or para - recent[-1].para <= 1):
                return recent[-1]
            if last_person is not None:
                return Seen(who, last_person.text, last_person.start, last_person.end, "named", para)
            return None
        if head in lx.PRONOUNS_PLURAL:
            for s in reversed(self.seen):
                if s.kind in ("group", "organization", "anonymous") and para - s.para <= 3:
                    return s
            return None
        if who.definite and who.pos == "NOUN":
            for s in reversed(self.seen):
                if s.who.head_lemma == who.head_lemma and s.who is not who:
                    return s
        return None

    def speaker(self, cand: Candidate, offset: int, para: int) -> Speaker:
        """The Speaker record for one candidate at paragraph offset `offset`."""
        if cand.who is None:
            if cand.continues and self.last is not None:
                s = self.last
                return Speaker(text=s.text, start=s.start, end=s.end, kind=s.kind,
                               role=s.who.role, reason=s.who.reason)
            return Speaker(text="", start=offset + cand.start, end=offset + cand.start, kind="unknown")
        who = cand.who
        start, end = offset + who.start, offset + who.end
        ante = self._antecedent(who, start, para)
        if ante is not None:
            seen = Seen(who, ante.text, ante.start, ante.end, ante.kind, para)
            seen.who = ante.who if ante.who.role or ante.who.reason else who
        else:
            text, s, e = who.text, start, end
            full = self._full_name(who, start)
            if full is not None:
                text, s, e = full.text, full.start, full.end
            seen = Seen(who, text, s, e, source_kind(who), para)
        if who.head in lx.PRONOUNS_PERSON and ante is None:
            seen.kind = "unknown"
        self.seen.append(seen)
        self.last = seen
        written = who.text if who.text != seen.text else None
        return Speaker(text=seen.text, start=seen.start, end=seen.end, kind=seen.kind,
                       role=seen.who.role, reason=seen.who.reason, written=written)


def to_quote(cand: Candidate, *, text: str, offset: int, number: int, speaker: Speaker) -> Quote:
    """A Quote record with article-relative offsets."""
    start, end = offset + cand.start, offset + cand.end
    cue = Cue(cand.cue[0], offset + cand.cue[1], offset + cand.cue[2]) if cand.cue else None
    return Quote(
        id=f"q{number}",
        start=start,
        end=end,
        text=text[start:end],
        kind=cand.kind,  # type: ignore[arg-type]
        speaker=speaker,
        cue=cue,
        fragments=tuple(Span(offset + s, offset + e) for s, e in cand.fragments),
    )
