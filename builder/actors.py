"""Stage 3: resolve mentions across all articles into actors with stable ids.

Within an article, a surname or first name alone joins the full name it
shortens and an acronym its expansion. Across the corpus, full names that can
name one person join (middle initials, nicknames: `people.same_person`), a
name still alone joins the one person that clearly dominates it, and each
actor's type is a vote over the evidence of all its mentions.
Speakers are then linked to the actors by `linking.link_speakers`.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import lexicon as lx
from . import people
from . import names
from .linking import link_speakers
from .index import RESERVED_SLUGS
from .records import Actor, Article, Mention
from .slugs import slugify

_ORG_SUFFIX = re.compile(r"^\s+(" + "|".join(map(re.escape, lx.NAMED_AFTER_SUFFIXES)) + r")\b")
_ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Z&.]{1,9})\)")
# A lone name joins the person holding at least this share of the articles
# in which any candidate bearer of that name is named in full.
DOMINANCE = 0.8
# A name left alone in one article is grouped under its key, this separator and the article's id.
_HERE = "\x1f"


# Characters that change no word: zero-width and joiner marks, direction marks and
# overrides, the byte-order mark and the soft hyphen.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


_DOTTED = re.compile(r"(?:[A-Z]\.){2,}[A-Z]?\.?")


@functools.lru_cache(maxsize=65536)
def _key(name: str) -> str:
    """A grouping key: lowercase words of any script ("Владимир Путин" keeps its letters),
    without accents or invisible characters ("José Díaz", "Jose Diaz" and "Jo\u200dse Diaz" are one)."""
    if _DOTTED.fullmatch(name.strip()):  # "F.B.I." and "FBI" are one name
        name = name.replace(".", "")
    bare = unicodedata.normalize("NFKD", _INVISIBLE.sub("", name))
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", bare.lower()).strip() or name.strip().lower() or "?"


@dataclass
class _Group:
    names: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    related: set[str] = field(default_factory=set)
    proper: str | None = None  # a name that wins over the forms found ("Florida" for "Fla.")

    def add(self, article: str, m: Mention, name: str, votes: tuple[tuple[str, int], ...]) -> None:
        self.names[name] += 1
        for kind, weight in votes:
            self.votes[kind] += weight
        self.mentions.append((article, m.start, m.end))

    def absorb(self, other: _Group) -> None:
        self.names.update(other.names)
        self.votes.update(other.votes)
        self.mentions += other.mentions
        self.related |= other.related
        self.proper = self.proper or other.proper

    @property
    def articles(self) -> set[str]:
        return {article for article, _, _ in self.mentions}

    @property
    def type(self) -> str:
        if not self.votes:
            return "other"
        return sorted(self.votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    @property
    def name(self) -> str:
        if self.proper:
            return self.proper
        if self.type == "person":
            full = [(n, c) for n, c in self.names.items() if people.parse(n, strict=False)]
            if full:  # the most used full name ("Donald Trump", not "Donald J. Trump")
                return sorted(full, key=lambda kv: (not people.parse(kv[0]), -kv[1], -len(kv[0]), kv[0]))[0][0]
        # The fullest form, then the most frequent: stable as articles are added.
        return sorted(self.names.items(), key=lambda kv: (-len(kv[0].split()), -kv[1], kv[0]))[0][0]


# A corpus names the same people over and over: clean each spelling once.
_clean_name = functools.lru_cache(maxsize=65536)(names.clean_name)
_is_junk = functools.lru_cache(maxsize=65536)(names.is_junk)


def _state(name: str, before: str) -> str | None:
    """The US state a name gives: its name, its abbreviation, or the postal code
    of a party-state tag ("R-Tex.", "D-VT"); or the United States, by any of its
    spellings ("U.S.", "USA", "America")."""
    low = name.lower().rstrip(".")
    if low in lx.US_STATES:
        return low
    if low in lx.COUNTRY_NAMES and (name.isupper() or name[:1].isupper() and low != "us"):
        return lx.COUNTRY_NAMES[low]
    if before.endswith(lx.PARTY_LETTERS) and low in lx.POSTAL_CODES:
        return lx.POSTAL_CODES[low]
    return lx.STATE_ABBREVIATIONS.get(low)


def _org_head(name: str) -> bool:
    words = name.lower().split()
    heads = [w for i, w in enumerate(words) if i == len(words) - 1 or words[i + 1] in lx.ORG_HEAD_LINKS]
    return any(w in lx.ORG_HEADS for w in heads) and len(words) > 1


def _votes(m: Mention, name: str, state: str | None) -> tuple[tuple[str, int], ...]:
    """Evidence of what a mention names, as (type, weight) votes; `state` is the US state it names, if any."""
    return _votes_for(m.label, m.titled, m.speaker, name, state)


@functools.lru_cache(maxsize=65536)  # a corpus names the same people over and over
def _votes_for(label: str, titled: bool, speaker: bool, name: str, state: str | None) -> tuple[tuple[str, int], ...]:
    votes = ((lx.LABEL_TYPES.get(label, "other"), 1),)
    words = name.split()
    if state:
        return votes + (("place", 4),)
    if _org_head(name):
        return votes + (("organization", 3),)
    if len(words) > 1 and words[-1].lower() in lx.GROUP_NAME_ENDS:  # "Senate Republicans", "Sunni Muslims"
        return votes + (("group", 3),)
    if titled:
        return votes + (("person", 3),)
    if label in ("PERSON", "ORG", "NORP") and people.parse(name) and not name.isupper() and not (
            label == "NORP" and words[-1].lower() in lx.GROUP_NAME_ENDS):
        return votes + (("person", 3 if speaker else 2),)
    if speaker and label in ("PERSON", "ORG") and 2 <= len(words) <= 3 and not name.isupper() and all(
            w[:1].isupper() for w in words):
        return votes + (("person", 2),)
    return votes


@dataclass
class _Item:
    mention: Mention
    name: str
    votes: tuple[tuple[str, int], ...]
    state: str | None = None  # the US state it names ("Fla." → florida)

    @property
    def placed(self) -> bool:
        """Named as a place or an organisation by its own words (a state, "… Committee")."""
        return any(weight >= 3 and kind in ("place", "organization") for kind, weight in self.votes)

    @property
    def personal(self) -> bool:
        """Tagged, titled or spelt as a person (a first name and a last name)."""
        return not self.placed and any(kind == "person" for kind, _ in self.votes)


def _items(article: Article) -> tuple[list[_Item], dict[str, str], dict[str, str]]:
    """An article's mentions as cleaned names with their votes; the acronyms it
    spells out; and its organisations named after people ("the Doe campaign")."""
    text = article.text
    items: list[_Item] = []
    acronyms: dict[str, str] = {}
    named_after: dict[str, str] = {}
    for m in article.mentions:
        name = _owned(_clean_name(_unmangled(_INVISIBLE.sub("", m.text))))
        if m.label == "PERSON":
            name = _person_part(name)
        else:
            name = _person_before_lowercase(name)
        suffix = _ORG_SUFFIX.match(text[m.end:m.end + 20])
        if suffix and m.label in ("PERSON", "ORG", "NORP") and not name.endswith(suffix.group(1)):
            end = m.end + suffix.end()
            person = name
            m = dataclasses.replace(m, text=text[m.start:end], end=end, label="ORG", titled=False)
            word = suffix.group(1)
            name = f"{name} {word[:-1] if word in ('administrations', 'campaigns') else word}"
            named_after[_key(name)] = person
        if _is_junk(name) or name.lower() in lx.NAME_SUFFIXES:
            continue
        after = _ACRONYM_AFTER.match(text[m.end:m.end + 14])
        if after and len(name.split()) > 1 and after.group(1).lower().rstrip(".") not in lx.STATE_ABBREVIATIONS:
            acronyms[after.group(1).replace(".", "")] = _key(name)
        state = _state(name, text[max(0, m.start - 2):m.start])
        items.append(_Item(m, name, _votes(m, name, state), state))
    return items, acronyms, named_after


@functools.lru_cache(maxsize=65536)
def _person_part(name: str) -> str:
    """The person's name in a mention that ran into other words: page furniture
    ("Follow Jane Doe" is junk: ""), a photo credit ("Jane Doe / Reuters"), a
    lowercase word that is no name particle ("Doe to Lee", "Doe in December"), a
    headline's words ("Ted Cruz Apologizes", "Jane Doe On Why …"), or leading words
    that are not names before a full name ("Entrusting Jane Doe", "Phoenix Mayor Jane Doe")."""
    words = name.split(" / ")[0].split()
    if len(words) > 1 and words[0].lower() in lx.FURNITURE_OPENERS:
        return ""
    for i, word in enumerate(words[1:], 1):
        low = word.lower()
        if word.islower() and low not in lx.NAME_PARTICLES:
            if low not in lx.ORG_HEAD_LINKS or people.parse(" ".join(words[:i])):
                words = words[:i]
            break
        if word[:1].isupper() and (low in lx.HEADLINE_VERBS or (low in lx.HEADLINE_WORDS and i >= 2) or (
                low.endswith("ed") and len(low) >= (5 if i >= 2 else 7) and not people.is_first_name(low))):
            words = words[:i]
            break
    if len(words) >= 3 and people.parse(" ".join(words[-2:])) and not any(
            people.is_first_name(w) or len(w.rstrip(".")) == 1 or w.lower() in lx.NAME_PARTICLES for w in words[:-2]):
        words = words[-2:]
    return " ".join(words)


_MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")


@functools.lru_cache(maxsize=65536)
def _unmangled(name: str) -> str:
    """A name whose UTF-8 was read as Windows-1252 ("PeÃ±a"), as written ("Peña"); any other name unchanged."""
    if not _MOJIBAKE.search(name):
        return name
    try:
        return name.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return name


@functools.lru_cache(maxsize=65536)
def _person_before_lowercase(name: str) -> str:
    """A person's full name that a mention the parser did not tag as a person runs into
    a lowercase word ("Carly Fiorina to Rubio"); any other name unchanged ("Committee to Protect Journalists")."""
    words = name.split()
    for i, word in enumerate(words[1:], 1):
        if word.islower() and word not in lx.NAME_PARTICLES:
            return " ".join(words[:i]) if people.parse(" ".join(words[:i])) else name
    return name


def _owned(name: str) -> str:
    """What a possessive name is about: "Green Party's Jill Stein" is Jill Stein,
    "Clinton's State Department" the State Department; a one-word remainder is
    part of a name and stays ("Martha's Vineyard")."""
    parts = re.split(r"['’‘]s(?:\s+|$)", name)
    last = parts[-1].split()
    if len(parts) > 1 and len(last) > 1 and last[0][:1].isupper():
        return " ".join(last)
    if len(parts) > 1 and people.parse(parts[0]):  # "Hillary Clinton's Remarks": her name
        return parts[0]
    return name


def _is_full(item: _Item) -> bool:
    """A person's full name: a known first name and a last name, or two names or
    more tagged or titled as a person's."""
    m = item.mention
    return item.personal and bool(people.parse(item.name) or (
        (m.label == "PERSON" or m.titled) and people.parse(item.name, strict=False)))


def _short_for(item: _Item, full: list[tuple[list[str], str]], title: str | None = None
               ) -> str | tuple[str, ...] | None:
    """The key of the full name in the article that a surname or first name alone
    shortens: the full name it ends ("Doe", "Wasserman Schultz") whose first name
    does not surely contradict a gendered title ("Mrs. Clinton" is not Bill Clinton;
    "Ms. Epstein" may be Lee Epstein), or
    the keys of all such names when they are different people (Barack and Michelle
    Obama: the corpus decides between them); else the one full name with that
    first name ("Hillary")."""
    words = item.name.split()
    if len(words) > 1 and people.parse(item.name):
        return None
    ends = []
    for full_words, key in full:
        if people.ends_with(full_words, words):
            named = people.name_gender(full_words[0]) if title else None
            if named and named[1] and named[0] != title:  # only a sure first name contradicts a title
                continue
            ends.append((full_words, key))
    if ends:
        first = people.parse(" ".join(ends[0][0]), strict=False)
        if all(first and (other := people.parse(" ".join(w), strict=False)) and people.same_person(first, other)
               for w, _ in ends[1:]):
            return ends[0][1]
        return tuple(dict.fromkeys(key for _, key in ends))
    if len(words) == 1 and item.mention.label == "PERSON":
        keys = {key for full_words, key in full if people.same_first_name(full_words[0].lower(), words[0].lower())}
        return keys.pop() if len(keys) == 1 else None
    return None


# An article's surname that names two people in it, with their keys in order of first mention.
_Pending = list[tuple[_Item, tuple[str, ...]]]


def _article_groups(article: Article) -> tuple[dict[str, list[_Item]], set[str], dict[str, str], _Pending]:
    """Group one article's mentions by key; surnames, first names and acronyms
    join full names. Returns the groups, the keys of names left alone (a
    surname with no full name here), and organisation key → person name."""
    items, acronyms, named_after = _items(article)
    full: list[tuple[list[str], str]] = []  # in order of first appearance
    seen: set[str] = set()
    for item in items:
        words = item.name.split()
        if _is_full(item) and _key(item.name) not in seen:
            seen.add(_key(item.name))
            full.append((words, _key(item.name)))
        if len(words) > 1 and item.mention.label in ("ORG", "GPE", "FAC", "LOC"):
            initials = "".join(w[0] for w in words if w[0].isupper())
            if len(initials) > 1:
                acronyms.setdefault(initials, _key(item.name))
    groups: dict[str, list[_Item]] = defaultdict(list)
    alone: set[str] = set()
    pending: _Pending = []
    for item in items:
        key = _key(_fold(item.name, item.mention.label))
        short = item.mention.label in ("PERSON", "ORG", "NORP", "GPE") and not item.placed
        target = _short_for(item, full, people.title_gender(article.text, item.mention.start, item.mention.end)) if short else None
        if isinstance(target, tuple):
            item.votes = (("person", 1),)
            pending.append((item, target))
            continue
        if item.state:
            key = _key(item.state)
        elif target:
            key = target
            item.votes = (("person", 1),)  # a surname standing for a full name in this article
        elif item.name.replace(".", "") in acronyms:
            key = acronyms[item.name.replace(".", "")]
        elif short and not people.parse(item.name):
            if " " not in key:  # a bare name may mean different people in different articles
                key = f"{key}{_HERE}{article.id}"
            alone.add(key)
        groups[key].append(item)
    return groups, alone, {org: _persons_key(person, full) for org, person in named_after.items()}, pending


def _persons_key(person: str, full: list[tuple[list[str], str]]) -> str:
    """The key of the full name a person's name shortens in its article, else its own."""
    words = person.split()
    return next((key for full_words, key in full if full_words == words or people.ends_with(full_words, words)),
                _key(person))


def _fold(name: str, label: str) -> str:
    """Group names fold plurals: "Israeli" and "Israelis" are one group."""
    if label == "NORP" and name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


class _Merges:
    """Which group keys are one actor (union-find; the first key given stays the root)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def join(self, key: str, into: str) -> None:
        a, b = self.find(key), self.find(into)
        if a != b:
            self.parent[a] = b


def _plurals(groups: dict[str, _Group], merges: _Merges) -> None:
    """A one-word plural joins the group its singular names ("Muslims" tagged a person
    joins "Muslim", the group): people are not named in the plural."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for key in sorted(groups):
        by_name[key.split(_HERE)[0]].append(key)
    for key in sorted(groups):
        name = key.split(_HERE)[0]
        singular = by_name.get(name[:-1], []) if name.endswith("s") and not name.endswith("ss") else []
        votes = sum((groups[k].votes for k in singular), Counter())
        if " " not in name and singular and _Group(votes=votes).type == "group":
            merges.join(key, singular[0])


def _person_clusters(groups: dict[str, _Group], merges: _Merges) -> None:
    """Join full names that can name one person: the same last name and
    suffix, first names that agree (nicknames too), middle names that do not
    contradict. A name that fits two people joins neither ("George Bush")."""
    buckets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, group in groups.items():
        parsed = people.parse(group.name, strict=False) if group.type == "person" else None
        if parsed:
            buckets[(parsed.last, parsed.suffix)].append(key)
    for keys in buckets.values():
        clusters: list[list[tuple[str, people.PersonName]]] = []
        for key in sorted(keys, key=lambda k: (-len(groups[k].mentions), k)):
            name = people.parse(groups[key].name, strict=False)
            fits = [c for c in clusters if all(people.same_person(name, other) for _, other in c)]
            if len(fits) == 1:
                fits[0].append((key, name))
                merges.join(key, fits[0][0][0])
            else:
                clusters.append([(key, name)])


def _fragments(groups: dict[str, _Group], merges: _Merges) -> None:
    """A person's name run on into a headline word ("Ted Cruz Apologizes") joins
    the person, when the longer form is the rarer one and the extra words are
    not name parts (a first name, an initial, a suffix)."""
    for key in sorted(groups):
        words = key.split()
        if len(words) < 3 or groups[key].type != "person":
            continue
        for n in range(len(words) - 1, 1, -1):
            prefix, extra = " ".join(words[:n]), words[n:]
            if prefix not in groups or groups[prefix].type != "person":
                continue
            if any(len(w) == 1 or w in lx.NAME_SUFFIXES or people.is_first_name(w) for w in extra):
                break
            if len(groups[prefix].mentions) > len(groups[key].mentions):
                merges.join(key, prefix)
                break


@dataclass
class _Bearers:
    """Person actors (root keys, with their article counts) by the surnames and
    first names their full names end or start with, and each one's full names as written."""

    surnames: dict[tuple[str, ...], dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    firsts: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    full_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _bearers(groups: dict[str, _Group], merges: _Merges) -> _Bearers:
    is_person: dict[str, bool] = {}
    names: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    found = _Bearers()
    for key, group in groups.items():
        root = merges.find(key)
        if root not in is_person:
            is_person[root] = groups[root].type == "person" and bool(people.parse(groups[root].name, strict=False))
        if is_person[root]:
            full = [n for n in group.names if people.parse(n, strict=False)]
            names[root] |= {tuple(w.lower() for w in people.without_suffix(n.split())) for n in full}
            found.full_names[root] |= set(full)
            articles[root] |= group.articles
    for root, words_set in names.items():
        for words in words_set:
            for n in range(1, len(words)):
                found.surnames[words[-n:]][root] = len(articles[root])
            found.firsts[words[0]][root] = len(articles[root])
    return found


def _dominant(candidates: dict[str, int]) -> str | None:
    """The candidate holding at least DOMINANCE of all candidates' articles."""
    if not candidates:
        return None
    best = sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return best[0] if best[1] >= DOMINANCE * sum(candidates.values()) else None


@functools.lru_cache(maxsize=65536)
def _spelt_out(name: str) -> re.Pattern:
    return re.compile(r"(?<![\w.])" + re.escape(name) + r"(?![\w-]|\s+[A-Z])")


def _named_in_full(text: str, full_names: set[str]) -> bool:
    """True when the text spells out one of a person's full names as a name of its
    own, not as the start of a longer one ("George Washington University")."""
    return any(_spelt_out(n).search(text) for n in full_names)


def _join_alone(groups: dict[str, _Group], alone: set[str], merges: _Merges, texts: dict[str, str]) -> set[str]:
    """Resolve each surname or first name that no full name anchors in its article
    (a one-word name's key is `name _HERE article`). It joins, in this order: the one person
    whose full name the article spells out where the parser missed it; the one
    person it names across the corpus (the only bearer, or the one that clearly
    dominates: Clinton → Hillary Clinton when she is named in nearly every article
    that names a Clinton in full). A person's name with several bearers and none
    of these is left unresolved: its keys are returned, to make no actor. Any
    other name joins the same name alone in other articles."""
    bearers = _bearers(groups, merges)
    votes: dict[str, Counter] = defaultdict(Counter)
    for key in alone:
        votes[key.partition(_HERE)[0]].update(groups[key].votes)
    dropped: set[str] = set()
    targets: dict[str, set[str]] = defaultdict(set)  # name → the roots its articles' mentions joined
    for key in sorted(alone):
        if merges.find(key) != key:  # a plural joined to its group
            continue
        base, _, article = key.partition(_HERE)
        surname = bearers.surnames.get(tuple(base.split()), {})
        first = not surname and " " not in base and people.is_first_name(base)
        if first:
            firsts = [bearers.firsts.get(form, {}) for form in people.first_name_forms(base) | {base[0]}]
            bearing = {root: n for found in firsts for root, n in found.items()}
        else:
            bearing = surname
        # The parser's labels are noisy on surnames ("Rubio" as a place): a name the text also
        # treats as a person's half the time may still be that person's; a group's name is not.
        v = votes[base]
        personal = bool(v["person"]) and v["person"] >= max(v["place"], v["organization"]) / 2
        spelt = [root for root in sorted(bearing) if v["person"] >= v["group"]
                 and _named_in_full(texts.get(article, ""), bearers.full_names[root])]
        target = spelt[0] if len(spelt) == 1 else _dominant(bearing) if personal else None
        if target:
            merges.join(key, target)
            targets[base].add(merges.find(target))
        elif surname and personal and article:  # a first name alone may be all an article gives of someone
            dropped.add(key)
            targets[base].add("")
        else:
            merges.join(key, base)
            targets[base].add(base)
    for base, found in sorted(targets.items()):  # the name where the parser gave no person's label
        if base in groups and len(found) == 1 and "" not in found:
            merges.join(base, found.pop())
    return dropped


def _group_site(articles: list[Article]) -> tuple[dict[str, _Group], list[tuple[str, str]]]:
    """Group every mention of every article into actors by key; return the groups
    and the (organisation, person) keys of organisations named after people."""
    groups: dict[str, _Group] = defaultdict(_Group)
    alone: set[str] = set()
    relations: list[tuple[str, str]] = []
    pending: list[tuple[str, _Item, tuple[str, ...]]] = []
    for article in articles:
        local, lone, named_after, ambiguous = _article_groups(article)
        pending += [(article.id, item, keys) for item, keys in ambiguous]
        relations += named_after.items()
        alone |= lone
        for key, items in local.items():
            for item in items:
                groups[key].add(article.id, item.mention, item.name, item.votes)
                if item.state:  # a state goes by its name, whatever the text abbreviates
                    groups[key].proper = " ".join(w if w == "of" else w.capitalize() for w in item.state.split())
    for article_id, item, keys in pending:  # the one dominating the corpus, else the first named here
        key = _dominant({k: len(groups[k].articles) if k in groups else 0 for k in keys}) or keys[0]
        groups[key].add(article_id, item.mention, item.name, item.votes)
    merges = _Merges()
    _plurals(groups, merges)
    _person_clusters(groups, merges)
    _fragments(groups, merges)
    dropped = _join_alone(groups, alone, merges, {a.id: a.text for a in articles})
    site: dict[str, _Group] = defaultdict(_Group)
    for key in sorted(groups):
        if key not in dropped:
            site[merges.find(key)].absorb(groups[key])
    return site, [(merges.find(org), merges.find(person)) for org, person in relations]


def resolve_actors(articles: list[Article]) -> tuple[list[Article], list[Actor]]:
    """Merge mentions across articles into actors and link each speaker to one.

    Returns the articles with `speaker.actor` filled in and the actors, sorted by id.
    """
    site, relations = _group_site(articles)
    for org, person in relations:
        if org in site and person in site and org != person:
            site[org].related.add(person)
            site[person].related.add(org)
    actors, ids = _to_actors(site)
    linked = link_speakers(articles, actors)
    roles: dict[str, list[str]] = defaultdict(list)
    for article in linked:
        for q in article.quotes:
            if q.speaker.actor and q.speaker.role and q.speaker.role not in roles[q.speaker.actor]:
                roles[q.speaker.actor].append(q.speaker.role)
    actors = [dataclasses.replace(a, roles=tuple(roles.get(a.id, ()))) for a in actors]
    return linked, actors


def _to_actors(site: dict[str, _Group]) -> tuple[list[Actor], dict[str, str]]:
    # A group's name and type are votes over all its mentions: decide each once.
    names = {key: group.name for key, group in site.items()}
    types = {key: group.type for key, group in site.items()}
    order = sorted(site, key=lambda k: (slugify(names[k]), k))
    ids: dict[str, str] = {}
    taken: set[str] = set(RESERVED_SLUGS)
    for key in order:
        slug = slugify(names[key])
        if slug in taken:
            slug = f"{slug}-{types[key]}"
        n, base = 2, slug
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        ids[key] = slug
    actors = [
        Actor(id=ids[key], name=names[key], type=types[key],
              aliases=tuple(sorted(n for n in site[key].names if n != names[key])),
              mentions=tuple(sorted(site[key].mentions)),
              related=tuple(sorted(ids[k] for k in site[key].related if k in ids)))
        for key in order
    ]
    actors.sort(key=lambda a: a.id)
    return actors, ids
