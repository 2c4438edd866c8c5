"""Names as strings: cleaning a mention to the name it gives, and telling names from junk.

Plain string work shared by annotation (which speakers become mentions) and
actor resolution (how mentions group); no spaCy.
"""
from __future__ import annotations

import re

from . import lexicon as lx

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_DEBRIS_WORDS = frozenset(re.sub(r"[^\w\s]", "", d) for d in lx.DEBRIS)
_BULLET = re.compile(r"^\s*(?:[" + re.escape(lx.BULLETS) + r"]|\d+[.)])\s+")


def is_debris(line: str) -> bool:
    """True for a line of web furniture rather than article text."""
    bare = _BULLET.sub("", line).strip()
    if not bare:
        return True
    return bare.lower() in lx.DEBRIS


# Where a name ends and markup, a link, a poll figure or a handle begins.
_TAIL = re.compile(r"\s*(?:<|\s\(|https?:|www\.|@|\||:\s|\s\d|\s[-–—]\s).*$", re.S)
# Quote marks and brackets inside a name ("Hillary] Clinton"), but not an
# apostrophe between letters ("O'Brien").
_INNER_MARKS = re.compile(r"[\"“”«»\[\]{}()<>]|(?<![A-Za-z])['’‘]|['’‘](?![A-Za-z])")
# A capital run on after a lowercase word with no space: "CruzRep" is "Cruz" + "Rep".
_RUN_ON = re.compile(r"(?<=[a-z]{2})(?=[A-Z])")


def _run_together(words: list[str]) -> list[str]:
    """The words up to where two words were run together across a missing space
    ("Ted CruzRep" → "Ted Cruz"); a single word is a brand and stays ("PolitiFact")
    unless a title was run on to it ("RomneySen")."""
    if len(words) < 2:
        parts = _RUN_ON.split(words[0]) if words else []
        return [parts[0]] if len(parts) == 2 and parts[1].lower() in lx.TITLES else words
    for i, word in enumerate(words):
        parts = _RUN_ON.split(word)
        if len(parts) > 1 and parts[0].lower() not in lx.NAME_PREFIXES:
            return words[:i] + [parts[0]]
    return words


def clean_name(text: str) -> str:
    """A mention's name without titles, possessives, 'the', stray punctuation,
    quote marks, markup, links, poll figures or run-together words."""
    name = _TAIL.sub("", re.sub(r"\s+", " ", text))
    name = re.sub(r" {2,}", " ", _INNER_MARKS.sub("", name)).strip(lx.NAME_EDGE_PUNCTUATION)
    name = " ".join(_run_together(name.split(" ")))
    if not re.search(r"\b[A-Z]\.$", name):  # keep the stop of "U.N."
        name = name.rstrip(".")
    name = _POSSESSIVE.sub("", name)
    words = name.split(" ")
    while len(words) > 1 and (words[0].lower() in lx.TITLES or words[0].lower() in lx.ARTICLE_WORDS):
        words.pop(0)
    # Lowercase words and titles after a name are not part of it ("Twitter junkie",
    # "Democratic National Committee Chair"), unless a connector would end it ("Office of the President").
    while len(words) > 1 and (words[-1].islower() or words[-1].lower() in lx.TITLES) and words[-2][:1].isupper():
        words.pop()
    return " ".join(words).strip(" ,.")


def is_junk(name: str) -> bool:
    """True for strings that are not names: lowercase words, numbers, pronouns, widget text."""
    letters = sum(ch.isalpha() for ch in name)
    if len(name) < 2 or letters == 0:
        return True
    if not name[0].isupper() and not name[0].isdigit():
        return True
    if name.lower() in lx.NOT_NAMES or name.lower() in lx.TITLES:
        return True
    if re.fullmatch(r"[\d\s.,/:-]+(?:s|th|st|nd|rd)?", name):
        return True
    if is_debris(name) or re.sub(r"[^\w\s]", "", name).lower() in _DEBRIS_WORDS:
        return True
    return False


def looks_like_name(text: str) -> bool:
    """A source's words read as a proper name: not junk, and every longer word capitalised
    ("Senate Republicans", not "the senior officials")."""
    name = clean_name(text)
    return not is_junk(name) and all(w[:1].isupper() for w in name.split() if len(w) > 3)
