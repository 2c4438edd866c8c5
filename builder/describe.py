"""Who a person is, in the text's own words: a short description and a party.

Each mention of a person actor offers evidence:

- an apposition right after it ("Richard Haass, former president of the Council
  on Foreign Relations, said …"),
- the role words right before it ("Clinton campaign chairman John Podesta",
  "Vermont Sen. Bernie Sanders", abbreviated titles spelt out),
- a party tag after it ("Sen. Chris Murphy (D-Conn.)"), or a party word in
  the role words ("Republican presidential candidate …").

The description is the phrase offered most often across the corpus (ties: the
longer, then the alphabetically first); the party is the one stated most
often. A `description:` or `party:` in `seeds/actors.yml` wins. Plain string work, no spaCy.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict

from . import lexicon as lx
from .records import Actor, Article

MAX_WORDS = 10  # an apposition longer than this is a clause, not a description
# An apposition, after the person's age if given ("Ann Lee, 49, a Navy veteran, …").
_APPOSITION = re.compile(r"^,\s+(?:\d{1,3},\s+)?((?:[^,;:()\"“”.!?]|\.(?=[A-Za-z]))+?)\s*[,;.)]")
# Where an apposition gives way to a clause about the person ("…, a lawyer who’s …").
_CLAUSE = re.compile(r"\s+(?:who|which|that|whose|where|when)\b|\s[-–—]\s")
# A trailing place or body the description can do without when it runs long ("… at the University of …").
_TRAILING = re.compile(r"\s+(?:at|in|for|from|on|during|under|since|and\s+(?:a|an|the|now))\s")
_PARTY_TAG = re.compile(r"^\s*\(([DRI])(?:\s*[-–,]\s*[A-Z][A-Za-z. ]{1,14})?\)")
_ROLE_WORDS = lx.TITLES | lx.ROLE_NOUNS | lx.OCCUPATION_NOUNS | lx.DESCRIPTION_NOUNS
# A body the person belongs to, after "of" ("Ann Lee of the Tax Policy Center said").
_OF_BODY = re.compile(r"^\s+(of\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+(?:of|on|for|and|the|[A-Z][\w'’.&-]*)){0,8})")


def describe_actors(articles: list[Article], actors: list[Actor]) -> list[Actor]:
    """The actors with `description` (where none is set) and `party` found in the text."""
    texts = {a.id: a.text for a in articles}
    found: dict[str, Counter] = defaultdict(Counter)
    parties: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        for q in article.quotes:
            role = _spoken_role(q.speaker.role) if q.speaker.actor else None
            if role:
                found[q.speaker.actor][role] += 1
    for actor in actors:
        if actor.type != "person":
            continue
        for article_id, start, end in actor.mentions:
            text = texts.get(article_id, "")
            before = role_before(text, start) or _role_set_off(text, start, end)
            for phrase in filter(None, (_apposition(text, end), before, _of_body(text, end))):
                found[actor.id][phrase] += 1
            party = _party_tag(text, end) or _party_word(before)
            if party:
                parties[actor.id][party] += 1
    out = []
    for actor in actors:
        description = actor.description or _most(found.get(actor.id))
        party = actor.party or _most(parties.get(actor.id))
        out.append(dataclasses.replace(actor, description=description, party=party))
    return out


def _spoken_role(role: str | None) -> str | None:
    """A speaker's role as the annotator found it ("a political scientist at Rice"), as a description."""
    if not is_role(role):
        return None
    words = role.split()
    if words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    if not words or len(words) > MAX_WORDS or words[0].lower() in lx.NOT_OPENERS:
        return None
    return " ".join(words)


def _most(counts: Counter | None) -> str | None:
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def _apposition(text: str, end: int) -> str | None:
    """The apposition right after a name, without its article ("the", "a")."""
    window = text[end:end + 240]
    clause = _CLAUSE.search(window)
    m = _APPOSITION.match(window[:clause.start()] + "," if clause else window)
    if not m:
        return None
    phrase = m.group(1)
    while len(phrase.split()) > MAX_WORDS and (cut := list(_TRAILING.finditer(phrase))):
        phrase = phrase[:cut[-1].start()]
    words = phrase.split()
    article = bool(words) and words[0].lower() in ("a", "an", "the")
    if article:
        words = words[1:]
    if words and (words[-1].lower() in lx.COURTESY or len(words[-1]) == 1):
        return None  # cut at the stop of "Mr." or "M.I.T."
    if not words or len(words) > MAX_WORDS or words[0].lower() in lx.NOT_OPENERS or not (
            words[0][:1].islower() or _is_role_word(words[0]) or any(w.islower() and _is_role_word(w) for w in words)
    ) or re.search(r"(?:ing|['’]s)$", words[0]):
        return None  # a capitalised start needs a role in lowercase ("South Carolina state director of …")
    if not article and not any(_is_role_word(w) for w in words):
        return None  # "Ann Lee, speaking …", "Ann Lee, of Boston,": no role named
    if any(w.lower() in lx.TITLES and w[:1].isupper() and n[:1].isupper() and n.lower() not in _ROLE_WORDS
           and (i == 0 or words[i - 1].lower() == "and")
           for i, (w, n) in enumerate(zip(words, words[1:]))) or any(w.lower() in ("said", "says") for w in words):
        return None  # "Ann Lee, Senator Bo Doe …": a list of names, or a clause
    return " ".join(words)


def role_before(text: str, start: int) -> str | None:
    """The role words right before a name ("Clinton campaign chairman", "Vermont Sen."),
    abbreviations spelt out, ending on a title or role noun."""
    window = text[max(0, start - 80):start]
    window = re.split(r"[,;:()\"“”—–\n!?]|\bsaid\b|\bsays\b|\bby\b|\band\b|\bwith\b", window)[-1]
    words = window.split()
    for i in range(len(words) - 1, -1, -1):  # where the sentence starts: a stop that ends no abbreviation
        if words[i].endswith(".") and words[i].lower() not in lx.TITLE_WORDS and words[i].lower() not in lx.COURTESY \
                and len(words[i]) > 2:
            words = words[i + 1:]
            break
    while words and words[-1].lower() in lx.COURTESY:
        words.pop()
    if not words or not _is_role_word(words[-1]):
        return None
    kept: list[str] = []
    for word in reversed(words[-6:]):
        if not (word[:1].isupper() or _is_role_word(word) or word.lower() in lx.ROLE_MODIFIERS):
            break
        kept.insert(0, word)
    while kept and (kept[0].lower() in lx.NOT_OPENERS or kept[0].lower() in ("a", "an", "the", "so", "but", "in", "on", "for")):
        kept = kept[1:]  # a sentence's first word ("So Labor Secretary …", "When top … aide")
    words = kept
    if not words:
        return None
    spelt = [lx.TITLE_WORDS.get(w.lower(), w) for w in words]
    return " ".join(spelt)


def _of_body(text: str, end: int) -> str | None:
    """"of" and the organisation a name is followed by ("of the Tax Policy Center"), not a place."""
    m = _OF_BODY.match(text[end:end + 120])
    if not m:
        return None
    words = m.group(1).split()
    while words[-1].lower() in lx.BODY_NAME_LINKS:
        words.pop()
    heads = [w.lower().strip("'’s.") for w in words]
    return " ".join(words) if any(h in lx.ORG_HEADS for h in heads[1:]) else None


def _role_set_off(text: str, start: int, end: int) -> str | None:
    """The role a name is set off from by commas ("A Twitter spokesman, Ann Lee, said")."""
    if text[max(0, start - 2):start] != ", " or text[end:end + 1] not in (",", "."):
        return None
    return role_before(text, start - 2)


def _is_role_word(word: str) -> bool:
    """A title, role or occupation ("senator", "aides"), or a word formed as one names a
    profession: "-ist" ("psychotherapist"), "-ician" ("pediatrician"), "-ator" ("moderator"); "co-" aside."""
    low = word.lower().strip(".,").removeprefix("co-")
    return low in _ROLE_WORDS or low.rstrip("s") in _ROLE_WORDS or (
        word.islower() and len(low) >= 7 and low.endswith(lx.PROFESSION_ENDINGS))


def _party_tag(text: str, end: int) -> str | None:
    m = _PARTY_TAG.match(text[end:end + 24])
    return lx.PARTY_TAG_LETTERS[m.group(1)] if m else None


def _party_word(role: str | None) -> str | None:
    for word in (role or "").lower().split():
        if word in lx.PARTY_WORDS:
            return lx.PARTY_WORDS[word]
    return None


def is_role(role: str | None) -> bool:
    """True for words that name a role ("the mayor", "a political scientist at Rice"): a
    role or occupation word among them, and not a bare letter, number or party tag ("D",
    "21", "R-Tex.") nor other words the parser set beside a name ("the Iraq war")."""
    if not role:
        return False
    bare = role.strip(" .,()")
    if len(re.sub(r"[^A-Za-z]", "", bare)) <= 2 or re.fullmatch(r"[DRI]\s*[-–]\s*[A-Za-z. ]+", bare):
        return False
    return any(w in _ROLE_WORDS or w.rstrip("s") in _ROLE_WORDS for w in re.findall(r"[a-z-]+", bare.lower()))
