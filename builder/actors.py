"""Stage 3: resolve mentions across all articles into actors with stable ids.

Mentions are cleaned (titles, possessives), junk is dropped, surnames join the
full name introduced earlier, acronyms join their expansion, and each actor's
type is decided by a vote over all its mentions.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import lexicon as lx
from .names import clean_name, is_junk
from .index import RESERVED_SLUGS
from .records import Actor, Article, Mention, Speaker
from .slugs import slugify

_ORG_SUFFIX = re.compile(r"^\s+(" + "|".join(map(re.escape, lx.NAMED_AFTER_SUFFIXES)) + r")\b")
_ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z&.]{1,9})\)")


def _key(name: str) -> str:
    """A grouping key: lowercase words of any script ("Владимир Путин" keeps its letters)."""
    return re.sub(r"[\W_]+", " ", name.lower()).strip() or name.strip().lower() or "?"


@dataclass
class _Group:
    names: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    related: set[str] = field(default_factory=set)

    def add(self, article: str, m: Mention, name: str, vote: str, weight: int = 1) -> None:
        self.names[name] += 1
        self.votes[vote] += weight
        self.mentions.append((article, m.start, m.end))

    @property
    def type(self) -> str:
        if not self.votes:
            return "other"
        return sorted(self.votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    @property
    def name(self) -> str:
        # The fullest form, then the most frequent: stable as articles are added.
        return sorted(self.names.items(), key=lambda kv: (-len(kv[0].split()), -kv[1], kv[0]))[0][0]


def _vote(m: Mention, name: str) -> tuple[str, int]:
    kind = lx.LABEL_TYPES.get(m.label, "other")
    words = name.split()
    if m.titled:
        return "person", 3
    if m.speaker and m.label in ("PERSON", "ORG") and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not name.isupper():
        return "person", 2
    return kind, 1


def _fold(name: str, label: str) -> str:
    """Group names fold plurals: "Israeli" and "Israelis" are one group."""
    if label == "NORP" and name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def _article_groups(article: Article) -> tuple[dict[str, tuple[str, list[tuple[Mention, str]]]], dict[str, str]]:
    """Group one article's mentions by name; surnames and acronyms join full names.

    Also returns, for organisations named after a person ("the Doe
    campaign"), the key of the organisation → the person's name.
    """
    text = article.text
    items: list[tuple[Mention, str]] = []
    acronyms: dict[str, str] = {}
    named_after: dict[str, str] = {}
    for m in article.mentions:
        name = clean_name(m.text)
        suffix = _ORG_SUFFIX.match(text[m.end:m.end + 20])
        if suffix and m.label in ("PERSON", "ORG", "NORP") and not name.endswith(suffix.group(1)):
            end = m.end + suffix.end()
            person = name
            m = dataclasses.replace(m, text=text[m.start:end], end=end, label="ORG", titled=False)
            word = suffix.group(1)
            name = f"{name} {word[:-1] if word in ('administrations', 'campaigns') else word}"
            named_after[_key(name)] = person
        if is_junk(name):
            continue
        after = _ACRONYM_AFTER.match(text[m.end:m.end + 14])
        if after and len(name.split()) > 1:
            acronyms[after.group(1).replace(".", "")] = _key(name)
        items.append((m, name))
    full: dict[str, str] = {}
    for m, name in items:
        words = name.split()
        if m.label == "PERSON" and len(words) > 1:
            full.setdefault(words[-1].lower(), _key(name))
        if len(words) > 1 and m.label in ("ORG", "GPE", "FAC", "LOC"):
            initials = "".join(w[0] for w in words if w[0].isupper())
            if len(initials) > 1:
                acronyms.setdefault(initials, _key(name))
    groups: dict[str, tuple[str, list[tuple[Mention, str]]]] = {}
    for m, name in items:
        key = _key(_fold(name, m.label))
        words = name.split()
        if len(words) == 1 and words[0].lower() in full and m.label in ("PERSON", "ORG", "NORP", "GPE"):
            key = full[words[0].lower()]
        elif name.replace(".", "") in acronyms:
            key = acronyms[name.replace(".", "")]
        groups.setdefault(key, (key, []))[1].append((m, name))
    return groups, {org: full.get(person.split()[-1].lower(), _key(person)) for org, person in named_after.items()}


def _group_site(articles: list[Article]) -> tuple[dict[str, _Group], list[tuple[str, str]]]:
    """Group every mention of every article by name key; return the groups and
    the (organisation, person) keys of organisations named after people."""
    site: dict[str, _Group] = defaultdict(_Group)
    surname_only: list[tuple[str, str, list[tuple[Mention, str]]]] = []
    relations: list[tuple[str, str]] = []
    for article in articles:
        local, named_after = _article_groups(article)
        relations += named_after.items()
        for key, (_, items) in local.items():
            if len(key.split()) == 1 and all(m.label == "PERSON" for m, _ in items):
                surname_only.append((article.id, key, items))
                continue
            for m, name in items:
                site[key].add(article.id, m, name, *_vote(m, name))
    # A lone surname joins the one person site-wide with that surname, if unambiguous.
    owners: dict[str, list[str]] = defaultdict(list)
    for k, g in site.items():
        if len(k.split()) > 1 and g.type == "person":
            owners[k.split()[-1]].append(k)
    for article_id, key, items in surname_only:
        target = owners[key][0] if len(owners.get(key, ())) == 1 else key
        for m, name in items:
            site[target].add(article_id, m, name, *_vote(m, name))
    return site, relations


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
    span_actor: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for key, group in site.items():
        for article_id, s, e in group.mentions:
            span_actor[article_id].append((s, e, ids[key]))
    linked = [_link_speakers(a, sorted(span_actor[a.id])) for a in articles]
    roles: dict[str, list[str]] = defaultdict(list)
    for article in linked:
        for q in article.quotes:
            if q.speaker.actor and q.speaker.role and q.speaker.role not in roles[q.speaker.actor]:
                roles[q.speaker.actor].append(q.speaker.role)
    actors = [dataclasses.replace(a, roles=tuple(roles.get(a.id, ()))) for a in actors]
    return linked, actors


def _to_actors(site: dict[str, _Group]) -> tuple[list[Actor], dict[str, str]]:
    order = sorted(site, key=lambda k: (slugify(site[k].name), k))
    ids: dict[str, str] = {}
    taken: set[str] = set(RESERVED_SLUGS)
    for key in order:
        group = site[key]
        slug = slugify(group.name)
        if slug in taken:
            slug = f"{slug}-{group.type}"
        n, base = 2, slug
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        ids[key] = slug
    actors = [
        Actor(id=ids[key], name=site[key].name, type=site[key].type,
              aliases=tuple(sorted(n for n in site[key].names if n != site[key].name)),
              mentions=tuple(sorted(site[key].mentions)),
              related=tuple(sorted(ids[k] for k in site[key].related if k in ids)))
        for key in order
    ]
    actors.sort(key=lambda a: a.id)
    return actors, ids


def _speaker_actor(text: str, sp: Speaker, spans: list[tuple[int, int, str]], starts: list[int]) -> str | None:
    """The actor named by a speaker's name: of the mentions inside the name
    ("Texas Sen. Ted Cruz" holds Texas and Ted Cruz), the one holding its head
    word, then the one ending last. `spans` are sorted by start."""
    found = []
    for s, e, actor in spans[max(0, bisect.bisect_left(starts, sp.name_start) - _LOOK_BACK):
                             bisect.bisect_left(starts, sp.name_end)]:
        if s < sp.name_end and sp.name_start < e:
            holds_head = bool(sp.head) and sp.head in text[s:e].lower().split()
            found.append((not holds_head, -e, -(e - s), actor))
    return min(found)[3] if found else None


# Mentions overlapping a name start at most this many mentions before it.
_LOOK_BACK = 8


def _link_speakers(article: Article, spans: list[tuple[int, int, str]]) -> Article:
    quotes = []
    starts = [s for s, _, _ in spans]
    for q in article.quotes:
        sp = q.speaker
        actor = _speaker_actor(article.text, sp, spans, starts)
        if sp.kind not in ("named", "organization", "group") and actor is not None:
            # "a senior Biden administration official" is not Joe Biden.
            actor = None if not sp.name or sp.head in lx.ANONYMOUS_NOUNS | lx.DOCUMENT_NOUNS else actor
        quotes.append(dataclasses.replace(q, speaker=dataclasses.replace(sp, actor=actor)))
    return dataclasses.replace(article, quotes=tuple(quotes))
