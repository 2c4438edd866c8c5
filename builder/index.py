"""Stage 4: group across articles once, before anything is rendered.

Quotes by actor, where each actor appears, who appears beside whom, sources
grouped by how they are described, each article's sourcing summary, and the
quotes that travel between articles (builder/groups.py).
Render and export only read this index; neither groups on its own.
"""
from __future__ import annotations

import bisect
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .confidence import quote_confidence, speaker_confidence
from .groups import group_quotes
from .outlets import Outlet, outlets as outlets_of
from .records import Actor, Article, Quote, QuoteGroup
from .slugs import slugify

# Page names the generated indexes use: an article or actor never takes them.
RESERVED_SLUGS = frozenset({"index"})
# The sources index's sections: named sources (people, organizations, groups),
# anonymous sources (described, not named), documents, and sources not identified
# (no speaker found, or a pronoun that was not resolved).
SECTION_OF_KIND = {"anonymous": "anonymous", "document": "document", "unknown": "unknown"}
SOURCE_SECTIONS = ("named", *SECTION_OF_KIND)


@dataclass(frozen=True)
class PagePolicy:
    """Which actors earn a page of their own: quoted at least `min_quotes` times,
    mentioned in at least `min_articles` articles, or described in `actors.yml`.
    The others stay in the actors index and the data files."""

    min_quotes: int = 1
    min_articles: int = 3

    def earns(self, actor: Actor, quotes: int, articles: int) -> bool:
        return quotes >= self.min_quotes or articles >= self.min_articles or bool(actor.description)


@dataclass(frozen=True)
class SourceGroup:
    """The quotes of one source: an actor's (`actor` set) or one description's."""

    key: str  # the actor id, or the source as described (casefolded)
    actor: Actor | None
    quotes: list[tuple[Article, Quote]]
    label: str = ""  # a described source as most often written

    @property
    def name(self) -> str:
        return self.actor.name if self.actor else self.label or self.key

    @property
    def by_article(self) -> list[tuple[Article, list[Quote]]]:
        """The quotes grouped by article, in the index's article order."""
        found: dict[str, tuple[Article, list[Quote]]] = {}
        for art, q in self.quotes:
            found.setdefault(art.id, (art, []))[1].append(q)
        return list(found.values())


@dataclass(frozen=True)
class Index:
    """Everything the pages and data files need, computed once."""

    articles: list[Article]  # newest first (undated last), then by id
    actors: list[Actor]  # by id
    actor: dict[str, Actor]  # by id
    slug: dict[str, str]  # article id → the article page's slug
    said: dict[str, list[tuple[Article, Quote]]]  # actor id → its quotes, in article order
    appearances: dict[str, list[tuple[str, int]]]  # actor id → (article id, mentions), most first
    together: dict[str, list[tuple[str, int]]]  # actor id → (actor id, shared paragraphs), top 8
    present: dict[str, list[tuple[Actor, list[tuple[int, int]]]]]  # article id → its actors and their spans
    summary: dict[str, dict]  # article id → sourcing summary
    sources: dict[str, list[SourceGroup]]  # per section of SOURCE_SECTIONS, most quoted first
    paged: frozenset[str] = frozenset()  # actor ids with a page of their own
    outlets: dict[str, Outlet] = field(default_factory=dict)  # by the key the articles give
    groups: tuple[QuoteGroup, ...] = ()  # quotes that travel, in the most articles first
    # (article id, quote id) → the group of quotes that travel the quote belongs to
    group_of: dict[tuple[str, str], QuoteGroup] = field(default_factory=dict)


def summary(article: Article, actors: dict[str, Actor] | None = None) -> dict:
    """Sourcing at a glance: counts, share of anonymous quotes, top speakers, and
    the people quoted by gender (`actors` by id tells who is a person, and their gender)."""
    quotes = article.quotes
    sources = Counter(q.speaker.name for q in quotes if q.speaker.name)
    kinds = Counter(q.speaker.kind for q in quotes)
    anon = kinds.get("anonymous", 0)
    people = {a for q in quotes for a in q.speaker.actors if a in (actors or {}) and actors[a].type == "person"}
    genders = Counter((actors[p].gender or "unknown") for p in people)
    return {
        "people": len(people), "women": genders["female"], "men": genders["male"],
        "quotes": len(quotes),
        "sources": len(sources),
        "anonymous": anon,
        "anonymous_share": round(100 * anon / len(quotes)) if quotes else 0,
        "kinds": sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        "top": sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))[:3],
    }


def least_confident(articles: list[Article], limit: int) -> tuple[list[tuple[Article, Quote, float, float]], int]:
    """The `limit` least confident attributions, as (article, quote, quote confidence,
    speaker confidence), the least likely to be right whole first (quote × speaker
    confidence; then in article order, and in text order within one); and how many there are."""
    rows = [(quote_confidence(q) * speaker_confidence(q), n, q.start, art, q)
            for n, art in enumerate(articles) for q in art.quotes]
    chosen = heapq.nsmallest(limit, rows, key=lambda r: r[:3])
    return [(art, q, quote_confidence(q), speaker_confidence(q)) for _, _, _, art, q in chosen], len(rows)


def month(article: Article) -> str | None:
    """The article's month ("2024-03") when its date names one."""
    date = str(article.metadata.get("date") or "")
    return date[:7] if len(date) >= 7 else None


def description(q: Quote) -> str:
    """How a source is described, grouped case-insensitively ("A U.S. official" = "a U.S. official")."""
    text = q.speaker.name or "(no source found)"
    return text[0].lower() + text[1:] if q.speaker.kind == "anonymous" and text[:2] in ("A ", "An") else text


def _slugs(articles: list[Article]) -> dict[str, str]:
    """A unique page slug per article id, independent of input order."""
    slugs: dict[str, str] = {}
    taken: set[str] = set(RESERVED_SLUGS)
    for ident in sorted(a.id for a in articles):
        base = slug = slugify(ident)
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[ident] = slug
    return slugs


def _co_occurrence(articles: list[Article], actors: list[Actor]) -> dict[str, Counter]:
    """For each actor, how many paragraphs it shares with each other actor."""
    paragraph_of: dict[str, list[int]] = {a.id: [p.start for p in a.paragraphs] for a in articles}
    members: dict[tuple[str, int], set[str]] = defaultdict(set)
    for actor in actors:
        for article_id, start, _ in actor.mentions:
            starts = paragraph_of.get(article_id)
            if starts:
                members[(article_id, bisect.bisect_right(starts, start))].add(actor.id)
    together: dict[str, Counter] = defaultdict(Counter)
    for group in members.values():
        for a in group:
            for b in group:
                if a != b:
                    together[a][b] += 1
    return together


def _source_groups(articles: list[Article], actors: dict[str, Actor]) -> dict[str, list[SourceGroup]]:
    """Quotes by who they come from, per kind of source: named sources by actor (the
    speaker as written when no actor was found), the others by their description."""
    # Keyed by (actor id, "") or ("", description): a description never takes an actor's id ("police").
    groups: dict[str, dict[tuple[str, str], list[tuple[Article, Quote]]]] = {
        k: defaultdict(list) for k in SOURCE_SECTIONS}
    for art in articles:
        for q in art.quotes:
            sp = q.speaker
            if sp.actor in actors:  # counted on its actors, as the actor pages and the data count it
                for actor_id in sp.actors:
                    if actor_id in actors:
                        groups["named"][(actor_id, "")].append((art, q))
            else:
                groups[SECTION_OF_KIND.get(sp.kind, "named")][("", description(q).casefold())].append((art, q))

    def group(key: tuple[str, str], items: list[tuple[Article, Quote]]) -> SourceGroup:
        actor_id, described = key
        if actor_id:
            return SourceGroup(actor_id, actors[actor_id], items)
        written = Counter(description(q) for _, q in items)
        return SourceGroup(described, None, items, label=sorted(written.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])

    return {section: sorted((group(key, items) for key, items in found.items()),
                            key=lambda g: (-len(g.quotes), g.name))
            for section, found in groups.items()}


def _by_count(counter: Counter, limit: int | None = None) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def actors_present(articles: list[Article], actors: list[Actor]
                   ) -> dict[str, list[tuple[Actor, list[tuple[int, int]]]]]:
    """For each article, the actors it mentions (by id) and where; mentions of
    articles not given (left out by a later stage) are dropped."""
    known = {a.id for a in articles}
    present: dict[str, list[tuple[Actor, list[tuple[int, int]]]]] = defaultdict(list)
    for actor in sorted(actors, key=lambda a: a.id):
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for article_id, start, end in actor.mentions:
            if article_id in known:
                spans[article_id].append((start, end))
        for article_id, found in spans.items():
            present[article_id].append((actor, found))
    return dict(present)


def index_site(articles: list[Article], actors: list[Actor], pages: PagePolicy = PagePolicy(), *,
               outlets: dict[str, Outlet] | None = None) -> Index:
    """Group the resolved articles and actors for rendering and export; `pages`
    says which actors get a page; `outlets` are the articles' outlets, named (by
    default, as the articles give them)."""
    # Newest first; undated articles last; then by id.
    articles = sorted(sorted(articles, key=lambda a: a.id), key=lambda a: str(a.metadata.get("date", "")), reverse=True)
    actors = sorted(actors, key=lambda a: a.id)
    by_id = {a.id: a for a in actors}
    said: dict[str, list[tuple[Article, Quote]]] = defaultdict(list)
    for art in articles:
        for q in art.quotes:
            for actor_id in q.speaker.actors:  # a joint speaker's quote is each one's
                said[actor_id].append((art, q))
    titles = {a.id: a.title for a in articles}
    present = actors_present(articles, actors)
    counts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for article_id, found in present.items():
        for actor, spans in found:
            counts[actor.id].append((article_id, len(spans)))
    appearances = {a.id: sorted(counts[a.id], key=lambda kv: (-kv[1], titles.get(kv[0], kv[0]))) for a in actors}
    together = _co_occurrence(articles, actors)
    groups = group_quotes(articles)
    return Index(
        articles=articles, actors=actors, actor=by_id, slug=_slugs(articles),
        said=dict(said), appearances=appearances,
        together={a.id: _by_count(together[a.id], 8) for a in actors},
        present=present, summary={a.id: summary(a, by_id) for a in articles},
        sources=_source_groups(articles, by_id),
        paged=frozenset(a.id for a in actors if pages.earns(a, len(said.get(a.id, ())), len(appearances[a.id]))),
        outlets=outlets if outlets is not None else outlets_of(articles)[0],
        groups=groups, group_of={(a.article, a.quote): g for g in groups for a in g.appearances},
    )
