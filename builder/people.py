"""People's names across a corpus: parse them, tell when two name one person.

Names are parsed with `nameparser` (titles, middle names and initials,
generational suffixes); first names are compared through the `nicknames`
dataset (Tim and Timothy, Bill and William) and recognised with the names of
`gender-guesser`. Plain string work, no spaCy.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import lexicon as lx


@dataclass(frozen=True)
class PersonName:
    """A person's name in lowercase parts: "Donald J. Trump" → donald / (j,) / trump."""

    first: str
    middle: tuple[str, ...]
    last: str
    suffix: str = ""

    @property
    def initials(self) -> str:
        return "".join(m[0] for m in self.middle)


@functools.lru_cache(maxsize=1)
def _nicknames():
    from nicknames import NickNamer
    return NickNamer()


@functools.lru_cache(maxsize=1)
def _genders():
    import gender_guesser.detector
    return gender_guesser.detector.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=65536)
def first_name_gender(word: str) -> str | None:
    """"female", "male" or "unknown" for a known first name (also when used by
    both), None for a word that is not a first name."""
    word = word.strip(".").lower()
    if len(word) < 2 or not word.isalpha():
        return None
    answer = _genders().get_gender(word)
    if answer == "unknown":
        return lx.FIRST_NAMES.get(word) and {"f": "female", "m": "male"}[lx.FIRST_NAMES[word]]
    return {"female": "female", "mostly_female": "female", "male": "male",
            "mostly_male": "male"}.get(answer, "unknown")


def name_gender(word: str) -> tuple[str, bool] | None:
    """What `gender-guesser` says of a first name: ("female" or "male", sure), where
    sure is False for its "mostly" answers; None when it gives no single gender."""
    answer = _genders().get_gender(word.strip(".").lower())
    if answer in ("female", "male"):
        return answer, True
    if answer in ("mostly_female", "mostly_male"):
        return answer.removeprefix("mostly_"), False
    return None


def title_gender(text: str, start: int, end: int | None = None) -> str | None:
    """"female" or "male" when a name at `start` in `text` follows a gendered title
    ("Mrs. Clinton", "Congresswoman Lee"), or begins with one when the name runs to
    `end`; else None."""
    inside = text[start:end].split()[:1] if end is not None else []
    before = text[max(0, start - 16):start].split()
    title = (inside or before[-1:] or [""])[0].lower()
    if inside and title not in lx.FEMALE_TITLES | lx.MALE_TITLES:
        title = before[-1].lower() if before else ""
    if title in lx.FEMALE_TITLES:
        return "female"
    if title in lx.MALE_TITLES:
        return "male"
    return None


def is_first_name(word: str) -> bool:
    """True when `word` is a known given name ("Ted", "Hillary"), whatever its gender."""
    return first_name_gender(word) is not None


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z]", word))


@functools.lru_cache(maxsize=1)
def _special_words() -> frozenset[str]:
    """Words nameparser reads as more than a plain name: titles, suffixes, prefixes ("de"), conjunctions."""
    from nameparser.config import CONSTANTS
    return frozenset(w.lower() for group in (CONSTANTS.titles, CONSTANTS.suffix_acronyms, CONSTANTS.suffix_not_acronyms,
                                             CONSTANTS.prefixes, CONSTANTS.conjunctions) for w in group)


@functools.lru_cache(maxsize=65536)
def parse(name: str, strict: bool = True) -> PersonName | None:
    """The parts of a full person name (a first name and a last name at least),
    or None for a single word. When `strict`, also None for a name whose first
    word is not a known first name ("Wasserman Schultz" may be a surname alone;
    "Mitt Romney" is a full name only by other evidence)."""
    from nameparser import HumanName
    words = name.split()
    if len(words) < 2 or (strict and not (is_first_name(words[0]) or _is_initial(words[0]))):
        return None
    if len(words) == 2 and all(re.fullmatch(r"[^\W\d_][\w'’-]*", w) and w.lower() not in _special_words()
                               for w in words):
        return PersonName(words[0].lower(), (), words[1].lower())  # "Jane Doe": what nameparser would say, faster
    parsed = HumanName(name)
    if not parsed.first or not parsed.last:
        return None
    middle = tuple(p.strip(".").lower() for part in parsed.middle.split() for p in part.split(".") if p.strip("."))
    return PersonName(parsed.first.strip(".").lower(), middle, parsed.last.lower(),
                      parsed.suffix.strip(".").lower())


@functools.lru_cache(maxsize=65536)
def first_name_forms(word: str) -> frozenset[str]:
    """A first name, its nicknames and the names it is a nickname of (tim → timothy), lowercase."""
    names = _nicknames()
    word = word.lower()
    return frozenset({word} | names.canonicals_of(word) | names.nicknames_of(word))


@functools.lru_cache(maxsize=65536)
def same_first_name(a: str, b: str) -> bool:
    """True for one given name in two forms: equal, or a nickname of the other (Tim / Timothy)."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial ("J. Smith")
        return a[0] == b[0]
    return b in first_name_forms(a) or a in first_name_forms(b)


def same_person(a: PersonName, b: PersonName) -> bool:
    """True when the two names can name one person: the same last name and
    suffix, first names that agree, and middle names that do not contradict
    ("Donald J. Trump" and "Donald Trump"; not "George H. W. Bush" and "George W. Bush")."""
    if a.last != b.last or a.suffix != b.suffix or not same_first_name(a.first, b.first):
        return False
    if not a.middle or not b.middle:
        return True
    return a.initials == b.initials


def without_suffix(words: list[str]) -> list[str]:
    """A name's words without a trailing generational suffix ("Morris J. Brooks Jr." → Morris J. Brooks)."""
    end = len(words)
    while end > 1 and words[end - 1].lower().rstrip(",") in lx.NAME_SUFFIXES:
        end -= 1
    return words[:end]


def ends_with(full: list[str], short: list[str]) -> bool:
    """True when `short` is the last words of `full`, a suffix aside ("Wasserman Schultz" of
    "Debbie Wasserman Schultz", "Brooks" of "Morris J. Brooks Jr.")."""
    full = without_suffix(full)
    n = len(short)
    return 0 < n < len(full) and [w.lower() for w in full[-n:]] == [w.lower() for w in short]
