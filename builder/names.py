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


def clean_name(text: str) -> str:
    """A mention's name without titles, possessives, 'the' or stray punctuation."""
    name = re.sub(r"\s+", " ", text).strip(lx.NAME_EDGE_PUNCTUATION)
    if not re.search(r"\b[A-Z]\.$", name):  # keep the stop of "U.N."
        name = name.rstrip(".")
    name = _POSSESSIVE.sub("", name)
    words = name.split(" ")
    while len(words) > 1 and (words[0].lower() in lx.TITLES or words[0].lower() in lx.ARTICLE_WORDS):
        words.pop(0)
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
