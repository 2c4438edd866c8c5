"""Stage 4: records → Markdown pages through the Jinja2 templates in `templates/`.

Every value from an article is escaped for both HTML and Markdown before it
reaches a page (see `md_escape`), so article text can never become markup.
"""
from __future__ import annotations

import bisect
import csv
import io
import json
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import lexicon as lx
from .export import record
from .records import Actor, Article, Quote

SOURCE_LABELS = {
    "named": "Named source",
    "anonymous": "Anonymous source",
    "organization": "Organization",
    "group": "Group",
    "document": "Document",
    "unknown": "Unattributed",
}
SOURCE_ICONS = {"named": "●", "anonymous": "◌", "organization": "■", "group": "▲", "document": "▤", "unknown": "?"}
QUOTE_LABELS = {"direct": "direct quotation", "partial": "partial quotation", "indirect": "reported statement"}
TYPE_LABELS = {"person": "Person", "organization": "Organization", "place": "Place", "group": "Group", "other": "Other"}

# Characters that mean something to HTML, Markdown or its extensions anywhere in a line.
_SPECIAL = frozenset('&<>"\'\\`*_[]{}!|~^$:#')
# ...and those that mean something at the start of a line.
_LINE_START = frozenset("0123456789+-=>.")


def md_escape(value: object) -> Markup:
    """Escape text for HTML, then turn Markdown punctuation into character
    references so that Python-Markdown leaves it alone."""
    if isinstance(value, Markup):
        return value
    out = []
    line_start = True
    for ch in str(value):
        if ch in _SPECIAL or (line_start and ch in _LINE_START):
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
        if ch == "\n":
            line_start = True
        elif not ch.isspace():
            line_start = False
    return Markup("".join(out))


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, (str,)) and not isinstance(value, Markup):
        return md_escape(value)
    return value


def environment(templates: Path) -> jinja2.Environment:
    """The Jinja2 environment for generated pages: autoescape on, Markdown-safe output."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.globals.update(SOURCE_LABELS=SOURCE_LABELS, SOURCE_ICONS=SOURCE_ICONS,
                       QUOTE_LABELS=QUOTE_LABELS, TYPE_LABELS=TYPE_LABELS)
    return env


@dataclass(frozen=True)
class Segment:
    text: str
    quote: Quote | None = None
    closing: str = ""  # the quotation mark that closes a quote, kept before its tag


_CLOSING = re.compile("^(?:" + "|".join(map(re.escape, lx.CLOSING_RUN)) + ")+")


@dataclass(frozen=True)
class Site:
    """Everything the renderer produces: page sources and data files by path."""

    pages: dict[str, str]
    files: dict[str, str]
    home: str  # Markdown for the home page's article list


class Urls:
    """Site-relative URLs of generated pages, and links between them."""

    def __init__(self, use_directory_urls: bool = True):
        self.dirs = use_directory_urls

    @staticmethod
    def article_src(slug: str) -> str:
        return f"articles/{slug}.md"

    @staticmethod
    def actor_src(slug: str) -> str:
        return f"actors/{slug}.md"

    def url(self, src: str) -> str:
        stem = src[:-3]
        if stem == "index" or stem.endswith("/index"):
            return stem[:-5] if self.dirs else f"{stem}.html"
        return f"{stem}/" if self.dirs else f"{stem}.html"

    def link(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """A relative link that works wherever the site is served, sub-paths included."""
        here = self.url(from_src)
        there = self.url(to_src) if to_src.endswith(".md") else to_src
        base = posixpath.dirname(here.rstrip("/")) if not here.endswith("/") else here.rstrip("/")
        rel = posixpath.relpath(there or ".", base or ".")
        if there.endswith("/") and not rel.endswith("/"):
            rel += "/"
        # Built from slugs we made, so safe to place in a page as is.
        return Markup.escape(rel + (f"#{anchor}" if anchor else ""))


def segments(article: Article, start: int, end: int) -> list[Segment]:
    """Cut the text range [start, end) into plain text and quotes."""
    out: list[Segment] = []
    pos = start
    for q in article.quotes:
        if q.end <= start or q.start >= end:
            continue
        qs, qe = max(q.start, start), min(q.end, end)
        if qs > pos:
            out.append(Segment(article.text[pos:qs]))
        closing = _CLOSING.match(article.text[qe:end])
        marks = closing.group() if closing else ""
        out.append(Segment(article.text[qs:qe], q, marks))
        pos = qe + len(marks)
    if pos < end:
        out.append(Segment(article.text[pos:end]))
    return out


def summary(article: Article) -> dict:
    """Sourcing at a glance: counts, share of anonymous quotes, top speakers."""
    quotes = article.quotes
    sources = Counter(q.speaker.name for q in quotes if q.speaker.name)
    kinds = Counter(q.speaker.kind for q in quotes)
    anon = kinds.get("anonymous", 0)
    return {
        "quotes": len(quotes),
        "sources": len(sources),
        "anonymous": anon,
        "anonymous_share": round(100 * anon / len(quotes)) if quotes else 0,
        "kinds": sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        "top": sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))[:3],
    }


def _quotes_csv(articles: list[Article], actors: dict[str, Actor]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["article", "quote_id", "kind", "text", "speaker", "speaker_as_written", "source_kind", "actor", "actor_name", "start", "end"])
    for a in articles:
        for q in a.quotes:
            actor = actors.get(q.speaker.actor or "")
            writer.writerow([a.id, q.id, q.kind, q.text, q.speaker.name, q.speaker.text, q.speaker.kind,
                             q.speaker.actor or "", actor.name if actor else "", q.start, q.end])
    return buf.getvalue()


def render_site(articles: list[Article], actors: list[Actor], *, templates: Path,
                use_directory_urls: bool = True) -> Site:
    """Render every generated page and data file of the site."""
    env = environment(templates)
    urls = Urls(use_directory_urls)
    by_id = {a.id: a for a in actors}
    articles = sorted(articles, key=lambda a: (str(a.metadata.get("date", "")), a.id))
    quotes_by_actor: dict[str, list[tuple[Article, Quote]]] = defaultdict(list)
    for art in articles:
        for q in art.quotes:
            if q.speaker.actor:
                quotes_by_actor[q.speaker.actor].append((art, q))
    titles = {a.id: a.title for a in articles}
    pages: dict[str, str] = {}

    for art in articles:
        src = urls.article_src(art.id)
        paragraphs = [segments(art, p.start, p.end) for p in art.paragraphs]
        pages[src] = env.get_template("article.md.j2").render(
            article=art, paragraphs=paragraphs, summary=summary(art), actors=by_id,
            actor_link=lambda aid, _s=src: urls.link(_s, urls.actor_src(aid)),
            index_link=urls.link(src, "actors/index.md"),
        )

    together = _co_occurrence(articles, actors)
    for actor in actors:
        src = urls.actor_src(actor.id)
        counts = Counter(aid for aid, _, _ in actor.mentions)
        said = quotes_by_actor.get(actor.id, [])
        pages[src] = env.get_template("actor.md.j2").render(
            actor=actor,
            quotes=[(a, q) for a, q in said if q.kind != "indirect"],
            statements=[(a, q) for a, q in said if q.kind == "indirect"],
            related=[by_id[r] for r in actor.related if r in by_id],
            articles=sorted(counts.items(), key=lambda kv: (-kv[1], titles.get(kv[0], kv[0]))),
            titles=titles,
            together=[(by_id[i], n) for i, n in sorted(together[actor.id].items(), key=lambda kv: (-kv[1], kv[0]))[:8]],
            article_link=lambda aid, anchor="", _s=src: urls.link(_s, urls.article_src(aid), anchor),
            actor_link=lambda aid, _s=src: urls.link(_s, urls.actor_src(aid)),
        )

    index_rows = []
    for actor in sorted(actors, key=lambda a: (a.name.lower(), a.id)):
        index_rows.append({
            "letter": _letter(actor.name),
            "actor": actor, "quotes": len(quotes_by_actor.get(actor.id, [])),
            "articles": len({aid for aid, _, _ in actor.mentions}),
            "link": urls.link("actors/index.md", urls.actor_src(actor.id)),
        })
    pages["actors/index.md"] = env.get_template("actors.md.j2").render(rows=index_rows)

    anon: dict[str, list[tuple[Article, Quote]]] = defaultdict(list)
    named: dict[str, list[tuple[Article, Quote]]] = defaultdict(list)
    for art in articles:
        for q in art.quotes:
            target = anon if q.speaker.kind in ("anonymous", "unknown", "document") else named
            target[_description(q)].append((art, q))
    pages["sources/index.md"] = env.get_template("sources.md.j2").render(
        anonymous=sorted(anon.items(), key=lambda kv: (-len(kv[1]), kv[0])),
        named=sorted(named.items(), key=lambda kv: (-len(kv[1]), kv[0])),
        article_link=lambda aid, anchor="": urls.link("sources/index.md", urls.article_src(aid), anchor),
        total=sum(len(a.quotes) for a in articles),
    )

    rows = [{"article": a, "summary": summary(a), "src": urls.article_src(a.id)} for a in articles]
    pages["articles/index.md"] = env.get_template("articles.md.j2").render(
        rows=rows, link=lambda s: urls.link("articles/index.md", s))
    home = env.get_template("home_list.md.j2").render(
        rows=rows, link=lambda s: urls.link("index.md", s))

    files = {
        "data/annotations.jsonl": "".join(json.dumps(record(a, actors), ensure_ascii=False, sort_keys=True) + "\n" for a in articles),
        "data/quotes.csv": _quotes_csv(articles, by_id),
    }
    return Site(pages=pages, files=files, home=home)


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


def _letter(name: str) -> str:
    first = name.lstrip("\"'“‘(").upper()[:1]
    return first if first.isalpha() and first.isascii() else "#"


def _description(q: Quote) -> str:
    """How a source is described, grouped case-insensitively ("A U.S. official" = "a U.S. official")."""
    text = q.speaker.name or "(no source found)"
    return text[0].lower() + text[1:] if q.speaker.kind == "anonymous" and text[:2] in ("A ", "An") else text
