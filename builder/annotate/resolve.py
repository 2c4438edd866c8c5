"""Turn paragraph candidates into Quote records: resolve pronouns and
"the official" back to their fullest mention and decide the source kind."""
from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from ..records import Cue, Mention, Quote, Speaker, Span
from .. import lexicon as lx
from .attribution import Candidate
from .speakers import Who


@dataclass
class Seen:
    """A source already met in the article, at its most informative mention."""

    who: Who
    text: str
    start: int
    end: int
    kind: str
    para: int
    head: str  # lowercased head word of `text`
    at: int = -1  # where the attribution itself is written


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
    if who.head in lx.ROLE_NOUNS or who.head_lemma in lx.ROLE_NOUNS:
        return "anonymous" if words and (words[0] in lx.INDEFINITE or who.plural and words[0] != "the") else "unknown"
    if who.head_lemma in lx.ORG_NOUNS or who.head in lx.ORG_NOUNS:
        return "organization"
    if who.pos == "PROPN":
        return "organization" if who.plural is False and len(words) > 1 and words[0] == "the" else "named"
    if who.plural:
        return "group"
    return "unknown"


@dataclass(frozen=True)
class Person:
    """A person's name outside quotation marks, as a pronoun antecedent."""

    text: str
    start: int
    end: int
    para: int
    sent: int  # character offset of its sentence
    subject: bool
    gender: str | None  # "m" / "f" when a title says so
    head: str = ""  # lowercased head word of the name


def _pronoun_gender(pronoun: str) -> str:
    """'f' for she/her, else 'm'."""
    return "f" if pronoun in lx.PRONOUNS_FEMALE else "m"


def name_gender(title: str, name: str) -> str | None:
    """'f' or 'm' from a title ("Mrs.") or a common first name, else None."""
    word = title.lower()
    if word in lx.FEMALE_TITLES:
        return "f"
    if word in lx.MALE_TITLES:
        return "m"
    words = name.split()
    return lx.FIRST_NAMES.get(words[0].lower()) if len(words) > 1 else None


class SpeakerResolver:
    """Walks an article in order, remembering sources and person mentions."""

    def __init__(self, mentions: list[Mention], people: list[Person]):
        # Indexes keep every look-up bounded, so resolution stays linear in the article's length.
        self.by_surname: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.label == "PERSON":
                self.by_surname[self._surname(m.text)].append(m)
        self.outside = people  # in text order
        self.outside_starts = [p.start for p in people]
        self.outside_paras = [p.para for p in people]
        self.seen: list[Seen] = []
        self.named: dict[str, Seen] = {}  # surname → latest named source
        self.described: dict[str, list[Seen]] = defaultdict(list)  # head lemma → sources, in order
        self.last: Speaker | None = None
        self.gender: dict[str, str] = {}
        for p in people:
            if p.gender:
                self.gender.setdefault(self._surname(p.text), p.gender)

    @staticmethod
    def _surname(name: str) -> str:
        words = name.split()
        return words[-1].lower().removesuffix("'s").removesuffix("’s") if words else ""

    def _pronoun_antecedent(self, pronoun: str, pos: int, sent: int, para: int) -> Person | None:
        want = _pronoun_gender(pronoun)
        lo = bisect.bisect_left(self.outside_paras, para - 3)
        hi = bisect.bisect_left(self.outside_starts, pos)
        pool = [
            p for p in self.outside[lo:hi]
            if p.end <= pos and para - p.para <= 3
            and (p.gender or self.gender.get(self._surname(p.text), want)) == want
            and (p.sent != sent or p.subject)
        ]
        if not pool:
            return None
        subjects = [p for p in pool if p.subject]
        if subjects:
            pool = subjects
        latest = max(p.sent for p in pool)
        in_sent = [p for p in pool if p.sent == latest]
        return next((p for p in in_sent if p.subject), in_sent[0])

    def _described(self, pronoun: str, pos: int, para: int) -> Seen | None:
        """The latest source described, not named, as one person ("a
        spokeswoman", "the senior official"), in this paragraph or the one before."""
        want = _pronoun_gender(pronoun)
        for s in reversed(self.seen):
            if para - s.para > 1:
                break  # sources are remembered in text order
            if s.at >= pos:
                continue
            who = s.who
            if s.kind not in ("anonymous", "unknown") or who.plural or who.pos != "NOUN" or who.head in lx.PRONOUNS_PERSON:
                continue
            if who.head_lemma not in lx.ANONYMOUS_NOUNS | lx.ROLE_NOUNS:
                continue
            gender = "f" if who.head.endswith("woman") else "m" if who.head.endswith("man") else None
            if gender in (None, want):
                return s
        return None

    def _full_name(self, name: str, pos: int) -> Mention | None:
        """The earliest fuller mention, before `pos`, of a person named here by
        surname alone ("Haass" → "Richard Haass"), or by a shorter form of the same
        first name ("Richard Haass" → "Richard N. Haass"; never "Lolita Grayson" →
        "Dena Grayson")."""
        words = name.split()
        if not words:
            return None
        first = words[0].lower() if len(words) > 1 else None
        return next((m for m in self.by_surname.get(self._surname(name), ())
                     if m.start < pos and len(m.text.split()) > len(words)
                     and (first is None or m.text.split()[0].lower() == first)), None)

    def _antecedent(self, who: Who, pos: int, para: int, sent: int = -1) -> Seen | None:
        head = who.head
        if head in lx.PRONOUNS_PERSON:
            person = self._pronoun_antecedent(head, pos, sent, para)
            described = self._described(head, pos, para)
            if described is not None and (person is None or described.at > person.start):
                return described  # "A company spokesman said … He added …"
            if person is None:
                return None
            self.gender.setdefault(self._surname(person.text), _pronoun_gender(head))
            full = self._full_name(person.text, person.start)
            found = full or person
            earlier = self.named.get(self._surname(found.text))
            return earlier or Seen(who, found.text, found.start, found.end, "named", para, found.head)
        if head == "it":
            return self._latest(("document", "organization"), para, 2)
        if head in lx.PRONOUNS_PLURAL:
            return self._latest(("group", "organization", "anonymous"), para, 3)
        if who.definite and who.pos == "NOUN":
            return next((s for s in reversed(self.described.get(who.head_lemma, ())) if s.who is not who), None)
        return None

    def _latest(self, kinds: tuple[str, ...], para: int, within: int) -> Seen | None:
        """The latest source of one of `kinds` at most `within` paragraphs back."""
        for s in reversed(self.seen):
            if para - s.para > within:
                return None
            if s.kind in kinds:
                return s
        return None

    def _remember(self, seen: Seen) -> None:
        self.seen.append(seen)
        if seen.kind == "named":
            self.named[self._surname(seen.text)] = seen
        self.described[seen.who.head_lemma].append(seen)

    def speaker(self, cand: Candidate, para: int, sent: int = -1) -> Speaker:
        """The Speaker record for one candidate (article offsets) in paragraph `para`."""
        if cand.who is None:
            # A quote with no attribution continues the last source named.
            if cand.continues and self.last is not None:
                return dataclasses.replace(self.last, rule="continuation", resolution="")
            here = cand.start
            return Speaker(text="", start=here, end=here, kind="unknown", name="", name_start=here, name_end=here)
        who = cand.who
        start, end = who.start, who.end
        ante = self._antecedent(who, start, para, sent)
        ante_rule = _resolution_rule(who) if ante is not None else ""
        if ante is not None:
            seen = Seen(who, ante.text, ante.start, ante.end, ante.kind, para, ante.head)
            seen.who = ante.who if ante.who.role or ante.who.reason else who
        else:
            full = self._full_name(" ".join(who.name_tokens), start)
            if full is not None:
                seen = Seen(who, full.text, full.start, full.end, source_kind(who), para, full.head)
                ante_rule = "full-name"
            else:
                seen = Seen(who, who.text, start, end, source_kind(who), para, who.head)
        if (who.head in lx.PRONOUNS_PERSON or who.head == "it") and ante is None:
            seen.kind = "unknown"
        seen.at = start
        self._remember(seen)
        text = who.text
        if who.relative is not None:
            text, start, end = who.relative
        speaker = Speaker(text=text, start=start, end=end, kind=seen.kind,
                          role=seen.who.role, reason=seen.who.reason,
                          name=seen.text, name_start=seen.start, name_end=seen.end,
                          head=seen.head, rule=who.rule, resolution=ante_rule)
        if cand.kind != "source":
            self.last = speaker
        return speaker


def _resolution_rule(who: Who) -> str:
    """How a source was resolved to an earlier mention: through a pronoun or a repeated description."""
    if who.head in lx.PRONOUNS_PERSON or who.head in lx.PRONOUNS_PLURAL or who.head == "it":
        return "pronoun"
    return "same-description"


def to_quote(cand: Candidate, *, text: str, number: int, speaker: Speaker) -> Quote:
    """A Quote record (the candidate already carries article offsets)."""
    start, end = cand.start, cand.end
    cue = Cue(*cand.cue) if cand.cue else None
    return Quote(
        id=f"q{number}",
        start=start,
        end=end,
        text=text[start:end],
        kind=cand.kind,  # type: ignore[arg-type]
        speaker=speaker,
        cue=cue,
        fragments=tuple(Span(s, e) for s, e in cand.fragments),
        rule=cand.rule,
    )
