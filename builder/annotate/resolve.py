"""Turn paragraph candidates into Quote records: resolve pronouns and
"the official" back to their fullest mention and decide the source kind."""
from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from ..records import Cue, Mention, Quote, Speaker, Span
from .. import lexicon as lx
from ..people import name_gender as first_name_gender
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
    gender: str | None  # "m" / "f" when a title or first name says so
    head: str = ""  # lowercased head word of the name
    doubtful: bool = False  # tagged as an organisation or a common noun: a person only if named as one elsewhere


@dataclass(frozen=True)
class Group:
    """A group, party or organisation as the subject of a sentence outside
    quotation marks: a candidate for "they"."""

    text: str
    start: int
    end: int
    para: int
    sent: int
    subject: bool
    kind: str  # "group" or "organization"
    head: str = ""
    clause: int = -1  # offset of the verb whose clause holds it (a non-subject's only)


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
    while len(words) > 2 and words[0].lower() in lx.TITLES:
        words = words[1:]  # "Sen. Ann Lee"
    if len(words) < 2:
        return None
    first = words[0].lower()
    if first in lx.FIRST_NAMES:
        return lx.FIRST_NAMES[first]
    guessed = first_name_gender(first)  # a names list; only its sure answers count
    return guessed[0][0] if guessed and guessed[1] else None


def _same_first_name(a: str, b: str) -> bool:
    """Whether a name `b` can be the person named `a` (of the same surname):
    `b` is a surname alone, or its first word is among the words of `a`."""
    before = b.split()[:-1]
    return not before or before[0].lower() in a.lower().split()


def _most_salient(pool: list):
    """From candidates in text order: a subject before a non-subject, then the
    latest sentence, then the subject within it (else its first mention)."""
    if not pool:
        return None
    subjects = [p for p in pool if p.subject]
    if subjects:
        pool = subjects
    latest = max(p.sent for p in pool)
    in_sent = [p for p in pool if p.sent == latest]
    return next((p for p in in_sent if p.subject), in_sent[0])


class SpeakerResolver:
    """Walks an article in order, remembering sources and person mentions."""

    def __init__(self, mentions: list[Mention], people: list[Person], groups: list[Group] = ()):
        # Indexes keep every look-up bounded, so resolution stays linear in the article's length.
        self.by_surname: dict[str, list[Mention]] = defaultdict(list)
        self._fuller: dict[tuple[str, int, str | None], list[Mention]] = {}  # see `_full_name`
        for m in mentions:
            if m.label == "PERSON":
                self.by_surname[self._surname(m.text)].append(m)
        # A name tagged as an organisation counts as a person when the article names that person elsewhere.
        people = [p for p in people if not p.doubtful or self._surname(p.text) in self.by_surname]
        self.outside = people  # in text order
        self.outside_starts = [p.start for p in people]
        self.outside_paras = [p.para for p in people]
        self.groups = list(groups)  # in text order
        self.group_starts = [g.start for g in self.groups]
        self.seen: list[Seen] = []
        self.named: dict[str, Seen] = {}  # surname → latest named source
        self.described: dict[str, list[Seen]] = defaultdict(list)  # head lemma → sources, in order
        self.last: Speaker | None = None
        self.gender: dict[str, str] = {}
        for p in people:
            if p.gender:
                self.gender.setdefault(self._surname(p.text), p.gender)
        for m in mentions:  # a full name anywhere in the article tells its surname's gender
            gender = name_gender("", m.text) if m.label == "PERSON" else None
            if gender:
                self.gender.setdefault(self._surname(m.text), gender)

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
            and self._fits(p, want) and (p.sent != sent or p.subject)
        ]
        return _most_salient(pool) if pool else self._cataphora(want, pos, sent, hi)

    def _fits(self, person: Person, want: str) -> bool:
        """Whether `person` can be a pronoun of gender `want`: theirs, or their
        surname's as learnt so far, matches it, or is not known."""
        return (person.gender or self.gender.get(self._surname(person.text), want)) == want

    def _cataphora(self, want: str, pos: int, sent: int, at: int) -> Person | None:
        """With no antecedent, the subject named later in the pronoun's own
        sentence ("In her statement, Ann Lee said …"), if its gender fits."""
        for p in self.outside[at:]:
            if p.sent != sent:
                break
            if p.subject and p.start > pos and self._fits(p, want):
                return p
        return None

    def _chain(self, person: Person) -> None:
        """Remember a resolved pronoun as a mention of its person, so a later
        pronoun can follow the chain past the window of the first name."""
        at = bisect.bisect_right(self.outside_starts, person.start)
        self.outside.insert(at, person)
        self.outside_starts.insert(at, person.start)
        self.outside_paras.insert(at, person.para)

    def _group_antecedent(self, pos: int, sent: int, para: int, clause: int = -1) -> Group | None:
        """The most salient group or organisation subject before "they", in this paragraph or the one before;
        else people named in the plural earlier in its own sentence, outside its clause (`clause`, the
        offset of the verb "they" is the subject of): "drove her critics away, though they said …"."""
        hi = bisect.bisect_left(self.group_starts, pos)
        pool = []
        for g in reversed(self.groups[:hi]):
            if para - g.para > 1:
                break
            if g.end <= pos and (g.subject or g.sent == sent and clause >= 0 and g.clause != clause):
                pool.append(g)
        return _most_salient(pool[::-1])

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
        key = (self._surname(name), len(words), first)
        fuller = self._fuller.get(key)
        if fuller is None:  # the fuller mentions of that surname, in their order, found once per shape of name
            fuller = self._fuller[key] = [
                m for m in self.by_surname.get(key[0], ())
                if len(m.text.split()) > len(words) and (first is None or m.text.split()[0].lower() == first)]
        return next((m for m in fuller if m.start < pos), None)

    def _antecedent(self, who: Who, pos: int, para: int, sent: int = -1, clause: int = -1) -> Seen | None:
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
            self._chain(dataclasses.replace(person, start=pos, end=who.end, para=para, sent=sent, subject=True,
                                            gender=_pronoun_gender(head)))
            earlier = self.named.get(self._surname(found.text))
            if earlier is not None and not _same_first_name(earlier.text, found.text):
                earlier = None  # "Jane Sanders" is not the "Bernie Sanders" quoted before
            return earlier or Seen(who, found.text, found.start, found.end, "named", para, found.head)
        if head == "it":
            return self._latest(("document", "organization"), para, 2)
        if head in lx.PRONOUNS_PLURAL:
            return self._they(who, pos, sent, para, clause)
        if who.definite and who.pos == "NOUN":
            return next((s for s in reversed(self.described.get(who.head_lemma, ())) if s.who is not who), None)
        return None

    def _they(self, who: Who, pos: int, sent: int, para: int, clause: int = -1) -> Seen | None:
        """"they": the latest group source, or a group subject met after it."""
        source = self._latest(("group", "organization", "anonymous"), para, 3)
        group = self._group_antecedent(pos, sent, para, clause)
        if group is None or source is not None and source.at >= group.start:
            return source
        return Seen(who, group.text, group.start, group.end, group.kind, para, group.head)

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
        clause = cand.cue[1] if cand.cue and who.rule == "verb-subject" else -1
        ante = self._antecedent(who, start, para, sent, clause)
        resolution = _resolution_rule(who) if ante is not None else ""
        if ante is not None:
            seen = Seen(who, ante.text, ante.start, ante.end, ante.kind, para, ante.head)
            seen.who = ante.who if ante.who.role or ante.who.reason else who
        else:
            full = self._full_name(" ".join(who.name_tokens), start)
            if full is not None:
                seen = Seen(who, full.text, full.start, full.end, source_kind(who), para, full.head)
                resolution = "full-name"
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
                          head=seen.head, rule=who.rule, resolution=resolution)
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
