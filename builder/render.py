"""Stage 5: the index → Markdown pages through the Jinja2 templates in `templates/`.

Every value from an article is escaped for both HTML and Markdown before it
reaches a page (see `md_escape`), so article text can never become markup.
"""
from __future__ import annotations

import functools
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import lexicon as lx
from .confidence import quote_confidence, speaker_confidence
from .corrections import snippet
from .charts import dashboard_charts, spec_json
from .dashboard import UNDATED, Dashboard, SmallSample, dashboard
from .explain import explain
from .groups import MIN_WORDS
from .index import Index, least_confident, month
from .links import is_safe_url
from .outlet_pages import outlet_pages, outlet_src
from .outlets import NO_OUTLET, outlet_of
from .records import Actor, Appearance, Article, Quote, QuoteGroup

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

# Characters that mean something to HTML, Markdown or its extensions anywhere in
# a line, and control characters (Markdown uses some as placeholders).
_SPECIAL = '&<>"\'\\`*_[]{}!|~^$:#'
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"  # not tab, line feed or carriage return
# ...and those that mean something at the start of a line.
_LINE_START = "0123456789+-=>."
_NEEDS_REFERENCE = re.compile(
    # a line's leading whitespace (it would indent a code block) and a marker after it
    r"(?:^|(?<=[\n\r]))(?:[^\S\n\r]+[" + re.escape(_LINE_START) + r"]?|[" + re.escape(_LINE_START) + r"])"
    r"|[" + re.escape(_SPECIAL) + _CONTROL + r"]"
    r"|[ \t](?=[\n\r])"  # spaces that would end a line with a break
)


def _reference(match: re.Match) -> str:
    return "".join(f"&#{ord(ch)};" if ch in " \t" or ord(ch) < 32 or ord(ch) == 127 or not ch.isspace() else ch
                   for ch in match.group())


def md_escape(value: object) -> Markup:
    """Escape text for HTML, then turn Markdown punctuation into character
    references so that Python-Markdown leaves it alone: special characters
    anywhere, list and heading markers at a line start, spaces that would
    indent a code block or end a line with a break, and invisible control
    characters."""
    if isinstance(value, Markup):
        return value
    text = str(value)
    return _escape_short(text) if len(text) <= 80 else Markup(_NEEDS_REFERENCE.sub(_reference, text))


@functools.lru_cache(maxsize=65536)  # names, slugs and labels recur on every page
def _escape_short(text: str) -> Markup:
    return Markup(_NEEDS_REFERENCE.sub(_reference, text))


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
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
        auto_reload=False,  # one build, one set of templates: no file check per include
    )
    env.filters["md"] = md_escape
    env.filters["chart_json"] = spec_json
    env.tests["safe_url"] = is_safe_url
    env.tests["punctuation"] = lambda text: bool(text) and text[0] in _TIGHT
    env.globals.update(SOURCE_LABELS=SOURCE_LABELS, SOURCE_ICONS=SOURCE_ICONS,
                       QUOTE_LABELS=QUOTE_LABELS, TYPE_LABELS=TYPE_LABELS, explain=explain,
                       quote_confidence=quote_confidence, speaker_confidence=speaker_confidence)
    return env


@dataclass(frozen=True)
class Segment:
    text: str
    quote: Quote | None = None
    closing: str = ""  # the quotation mark that closes a quote, kept before its tag


# Punctuation that follows a quote's tag and footnote reference without a space ("…tag¹.").
_TIGHT = ".,;:!?)"
_CLOSING = re.compile("^(?:" + "|".join(map(re.escape, lx.CLOSING_RUN)) + ")+")


@dataclass(frozen=True)
class Site:
    """Everything the renderer produces: page sources and data files by path
    (a data file's content, or the file on disk it was written to)."""

    pages: dict[str, str]
    files: dict[str, str | bytes | Path]
    home: str  # Markdown for the home page's article list


class Urls:
    """Site-relative URLs of generated pages, and links between them."""

    def __init__(self, use_directory_urls: bool = True, *, from_source: bool = False):
        self.dirs = use_directory_urls
        # True: links are relative to the page's Markdown file, as a generator that rewrites
        # them (Zensical) expects; False: to the page's URL, which MkDocs leaves as written.
        self.from_source = from_source

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
        here = posixpath.dirname(from_src) + "/" if self.from_source else self.url(from_src)
        there = self.url(to_src) if to_src.endswith(".md") else to_src
        base = posixpath.dirname(here.rstrip("/")) if not here.endswith("/") else here.rstrip("/")
        rel = _relpath(there or ".", base or ".")
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


def _article_pages(env: jinja2.Environment, urls: Urls, index: Index) -> dict[str, str]:
    pages = {}
    paged = _paged(index)
    speaker = _snippet_speaker(index)
    shown = {g.id for g in _travel_shown(index)}
    for art in index.articles:
        src = urls.article_src(index.slug[art.id])
        pages[src] = env.get_template("article.md.j2").render(
            article=art, paragraphs=[segments(art, p.start, p.end) for p in art.paragraphs],
            summary=index.summary[art.id], actors=paged,
            actor_link=lambda aid, _s=src: urls.link(_s, urls.actor_src(aid)),
            index_link=urls.link(src, "actors/index.md"), link=lambda s, _s=src: urls.link(_s, s),
            fix=lambda q, _a=art: snippet(_a, q, speaker=speaker(q)),
            travel=lambda q, _a=art, _s=src: _trip(index, urls, shown, _s, _a, q),
        )
    return pages


def _trip(index: Index, urls: Urls, shown: set[str], src: str, art: Article, q: Quote) -> dict | None:
    """What a quote's card says of the other articles that quote the same words: how many,
    the earliest appearance, and a link to its group on the travel page (when listed there)."""
    group = index.group_of.get((art.id, q.id))
    if group is None:
        return None
    first = group.earliest
    return {"others": group.articles - 1, "outlet": first.outlet, "date": first.date, "here": first.article == art.id,
            "link": urls.link(src, TRAVEL_PAGE, group.id) if group.id in shown else None}


def _snippet_speaker(index: Index) -> Callable[[Quote], str]:
    """How a "Correct this" entry names a quote's speaker: its actor's name, or the actor's
    id when the name is another actor's too; a description as the article gives it."""
    named: dict[str, set[str]] = {}
    for a in index.actors:
        for name in (a.id, a.name, *a.aliases):
            named.setdefault(name.casefold(), set()).add(a.id)

    def speaker(q: Quote) -> str:
        actor = index.actor.get(q.speaker.actor) if q.speaker.actor else None
        if actor is None:
            return q.speaker.name
        return actor.name if named.get(actor.name.casefold()) == {actor.id} else actor.id
    return speaker


# An actor page lists at most this many quotes, reported statements, articles and roles.
ACTOR_PAGE_LIMITS = {"quotes": 50, "articles": 50, "roles": 20}


def _actor_pages(env: jinja2.Environment, urls: Urls, index: Index) -> dict[str, str]:
    pages = {}
    titles = {a.id: a.title for a in index.articles}
    metadata = {a.id: a.metadata for a in index.articles}
    by_id = {a.id: a for a in index.articles}
    limit = ACTOR_PAGE_LIMITS
    for actor in index.actors:
        if actor.id not in index.paged:
            continue
        src = urls.actor_src(actor.id)
        said = index.said.get(actor.id, [])
        quotes = [(a, q) for a, q in said if q.kind != "indirect"]
        statements = [(a, q) for a, q in said if q.kind == "indirect"]
        articles = index.appearances.get(actor.id, [])
        listed = [a for a, _ in quotes[:limit["quotes"]] + statements[:limit["quotes"]]]
        listed += [by_id[aid] for aid, _ in articles[:limit["articles"]] if aid in by_id]
        pages[src] = env.get_template("actor.md.j2").render(
            actor=actor, quotes=quotes, statements=statements,
            related=[index.actor[r] for r in actor.related if r in index.paged],
            articles=articles, by_id=by_id, narrow=_narrowing(env, listed),
            titles=titles, metadata=metadata, limits=limit, timeline=_timeline(said),
            together=[(index.actor[i], n) for i, n in index.together.get(actor.id, []) if i in index.paged],
            article_link=lambda aid, anchor="", _s=src: urls.link(_s, urls.article_src(index.slug[aid]), anchor),
            actor_link=lambda aid, _s=src: urls.link(_s, urls.actor_src(aid)),
        )
    return pages


def month_key(article: Article) -> str:
    """An article's month as its list items carry it for the filters ("2024-03", or "undated")."""
    return month(article) or "undated"


def _narrowing(env: jinja2.Environment, articles: list[Article]) -> dict[str, list[tuple[str, str]]]:
    """The outlets and months of the articles a page lists, as (key, name) options for its
    filter: each kind only when there are two or more to choose from."""
    outlets = sorted({outlet_of(a) for a in articles},
                     key=lambda k: (not k, env.globals["outlet_name"](k).casefold(), k))
    found = {month_key(a) for a in articles}
    months = sorted(found - {"undated"}, reverse=True) + sorted(found & {"undated"})  # newest first, undated last
    return {"outlet": [(k, env.globals["outlet_name"](k)) for k in outlets] if len(outlets) > 1 else [],
            "month": [(m, UNDATED if m == "undated" else _month_name(m)) for m in months] if len(months) > 1 else []}


def _timeline(said: list) -> list[tuple[str, int, str]]:
    """An actor's quotes per month, in order, for a chart: (month, quotes, CSS class)."""
    months = Counter(month(art) for art, _ in said)
    return [(m, n, "sb-chart__bar--actor") for m, n in sorted((m, n) for m, n in months.items() if m)]


def _actors_index(env: jinja2.Environment, urls: Urls, index: Index) -> str:
    """The actors table, most quoted first (the page's script sorts it by any column).
    The A–Z links point at the first row of each letter in name order; following one
    sorts the table by name first."""
    rows, letters = [], {}
    for actor in sorted(index.actors, key=lambda a: (a.name.lower(), a.id)):
        letter = _letter(actor.name)
        anchor = None if letter in letters else "letter-" + (letter.lower() if letter != "#" else "other")
        letters.setdefault(letter, anchor)
        rows.append({
            "anchor": anchor,
            "actor": actor, "quotes": len(index.said.get(actor.id, [])),
            "articles": len(index.appearances.get(actor.id, [])),
            "link": urls.link("actors/index.md", urls.actor_src(actor.id)) if actor.id in index.paged else None,
        })
    rows.sort(key=lambda row: -row["quotes"])  # stable: A–Z among equals
    return env.get_template("actors.md.j2").render(rows=rows, letters=letters)


# The sources index lists at most this many sources per section, and this many
# articles per source (the data files hold every quote).
SOURCES_LIMITS = {"groups": 200, "articles": 8}


def _sources_index(env: jinja2.Environment, urls: Urls, index: Index) -> str:
    src = "sources/index.md"
    return env.get_template("sources.md.j2").render(
        sources=index.sources, paged=index.paged, limits=SOURCES_LIMITS,
        counts={section: sum(len(g.quotes) for g in groups) for section, groups in index.sources.items()},
        article_link=lambda aid, anchor="": urls.link(src, urls.article_src(index.slug[aid]), anchor),
        actor_link=lambda aid: urls.link(src, urls.actor_src(aid)),
        actors_link=urls.link(src, "actors/index.md"),
        total=sum(len(a.quotes) for a in index.articles),
    )


def _dashboard(env: jinja2.Environment, urls: Urls, index: Index, small: SmallSample, d: Dashboard) -> str:
    """The dashboard: its numbers (`dashboard`), their charts as Vega-Lite specs (`charts`)
    and the tables beside them; outlets by their names, months by theirs."""
    src = "dashboard/index.md"
    name = env.globals["outlet_name"]
    d.outlets = [(name("" if key == NO_OUTLET else key), t) for key, t in d.outlets]
    d.outlet_months = [(name("" if key == NO_OUTLET else key), m, t) for key, m, t in d.outlet_months]
    charts = dashboard_charts(d, small=small, labels=SOURCE_LABELS, month_name=_short_month)
    return env.get_template("dashboard.md.j2").render(
        d=d, charts=charts, small=small, paged=index.paged, NO_OUTLET=NO_OUTLET, UNDATED=UNDATED,
        kinds=[k for k in SOURCE_LABELS if d.total.kinds.get(k)],
        actor_link=lambda aid: urls.link(src, urls.actor_src(aid)),
        asset=lambda path: urls.link(src, f"assets/{path}"),
        guide=urls.link(src, "guide.md"), quotes_csv=urls.link(src, "data/quotes.csv"),
    )


# The review page lists at most this many attributions, the least confident first.
REVIEW_LIMIT = 500
REVIEW_WORDS = 160  # characters of a quote's words shown in its row


def _review(env: jinja2.Environment, urls: Urls, index: Index) -> str:
    """The review page: the REVIEW_LIMIT least confident attributions (index.least_confident),
    with their words, speaker, kind, article, outlet and a link to the quote."""
    src, limit = "review/index.md", REVIEW_LIMIT
    found, total = least_confident(index.articles, limit)
    rows = [{"article": art, "quote": q, "confidence": q_conf * s_conf, "quote_confidence": q_conf,
             "speaker_confidence": s_conf, "words": _truncate(q.text, REVIEW_WORDS),
             "outlet": env.globals["outlet_name"](outlet_of(art)),
             "link": urls.link(src, urls.article_src(index.slug[art.id]), q.id)}
            for art, q, q_conf, s_conf in found]
    order = {a.id: n for n, a in enumerate(index.articles)}
    articles = {r["article"].id: r["article"] for r in rows}
    return env.get_template("review.md.j2").render(
        rows=rows, total=total, limit=limit, guide=urls.link(src, "guide.md", "correcting-quotes"),
        articles=sorted(articles.values(), key=lambda a: order[a.id]),
        outlets=sorted({r["outlet"] for r in rows}, key=lambda o: (o == NO_OUTLET, o.lower())),
        kinds=[k for k in QUOTE_LABELS if any(r["quote"].kind == k for r in rows)],
        sources=[k for k in SOURCE_LABELS if any(r["quote"].speaker.kind == k for r in rows)],
        actors=_paged(index), actor_link=lambda aid: urls.link(src, urls.actor_src(aid)),
    )


def _truncate(text: str, size: int) -> str:
    """At most `size` characters of `text`, cut at a word, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    cut = text[:size].rsplit(" ", 1)[0]
    return (cut or text[:size]) + "…"


# The travel page lists this many groups in full (in the most articles first), and the
# most repeated and most altered of them in short; the data files hold every group.
TRAVEL_LIMITS = {"groups": 300, "top": 25}
TRAVEL_PAGE = "travel/index.md"
TRAVEL_WORDS = 160  # characters of a quote's words in a group's heading


def _travel_shown(index: Index) -> tuple[QuoteGroup, ...]:
    """The groups the travel page lists in full: those in the most articles."""
    return index.groups[:TRAVEL_LIMITS["groups"]]


def _travel(env: jinja2.Environment, urls: Urls, index: Index) -> str:
    """The "Quotes that travel" page: the most repeated and the most altered groups, then
    each group with its appearances in date order, speakers and changed words."""
    src, top = TRAVEL_PAGE, TRAVEL_LIMITS["top"]
    shown = _travel_shown(index)
    slugs = index.slug

    def quote_link(a: Appearance) -> str:
        return urls.link(src, urls.article_src(slugs[a.article]), a.quote)

    return env.get_template("travel.md.j2").render(
        groups=index.groups, shown=shown, repeated=shown[:top],
        altered=sorted((g for g in shown if g.altered), key=lambda g: (-g.altered, -g.articles))[:top],
        quotes=sum(len(g.appearances) for g in index.groups), articles=len(index.articles),
        titles={a.id: a.title for a in index.articles}, actors=_paged(index), min_words=MIN_WORDS,
        words=lambda a: _truncate(a.text, TRAVEL_WORDS), quote_link=quote_link,
        actor_link=lambda aid: urls.link(src, urls.actor_src(aid)),
        guide=urls.link(src, "guide.md", "quotes-that-travel"),
    )


# The home page lists the newest articles; the articles index lists them all.
HOME_ARTICLES = 20


def render_site(index: Index, *, templates: Path, use_directory_urls: bool = True,
                links_from_source: bool = False, small: SmallSample = SmallSample()) -> tuple[dict[str, str], str]:
    """Render every generated page; returns the pages by path and the home page's article list.
    `small` says when a share rests on a small sample (the dashboard and outlet pages mark it)."""
    env = environment(templates)
    urls = Urls(use_directory_urls, from_source=links_from_source)
    env.globals.update(outlet_name=lambda key: index.outlets[key].name if key in index.outlets else key or NO_OUTLET,
                       outlet_of=outlet_of, month_key=month_key,
                       outlet_page=lambda key: outlet_src(index.outlets[key].slug) if key in index.outlets else None)
    pages = {**_article_pages(env, urls, index), **_actor_pages(env, urls, index)}
    pages["actors/index.md"] = _actors_index(env, urls, index)
    pages["sources/index.md"] = _sources_index(env, urls, index)
    counts = dashboard(index)  # the dashboard's numbers; the home page names its most quoted
    pages["dashboard/index.md"] = _dashboard(env, urls, index, small, counts)
    pages["review/index.md"] = _review(env, urls, index)
    pages[TRAVEL_PAGE] = _travel(env, urls, index)
    rows = [{"article": a, "summary": index.summary[a.id], "src": urls.article_src(index.slug[a.id])}
            for a in index.articles]
    months: dict[str, list[dict]] = {}
    for row in rows:  # newest first, undated last: the months come in that order
        found = month(row["article"])
        months.setdefault(_month_name(found) if found else UNDATED, []).append(row)
    keys = sorted({str(r["article"].metadata["date"])[:7] for r in rows if r["article"].metadata.get("date")},
                  reverse=True)
    outlet_keys = sorted({outlet_of(r["article"]) for r in rows},
                         key=lambda k: (not k, env.globals["outlet_name"](k).casefold(), k))
    pages["articles/index.md"] = env.get_template("articles.md.j2").render(
        rows=rows, months=list(months.items()), link=lambda s: urls.link("articles/index.md", s),
        outlets=[(k, env.globals["outlet_name"](k)) for k in outlet_keys],
        month_keys=[(k, _month_name(k)) for k in keys] + ([("undated", UNDATED)] if len(keys) < len(months) else []))
    pages.update(outlet_pages(env, urls, index, rows, _month_name, small=small))
    return pages, _home(env, urls, index, rows, counts.top[:5])


def _home(env: jinja2.Environment, urls: Urls, index: Index, rows: list[dict], top: list) -> str:
    """The home page's generated part: the corpus in a sentence, where to start, the newest articles."""
    quoted = {a for art in index.articles for q in art.quotes for a in q.speaker.actors if a in index.actor}
    people = sum(index.actor[a].type == "person" for a in quoted)
    dates = sorted(str(a.metadata["date"]) for a in index.articles if a.metadata.get("date"))
    return env.get_template("home.md.j2").render(
        rows=rows, home_limit=HOME_ARTICLES, link=lambda s: urls.link("index.md", s),
        listed_outlets=sorted(index.outlets.values(), key=lambda o: (-o.articles, o.name.casefold(), o.key)),
        unnamed=sum(not outlet_of(a) for a in index.articles), undated=len(index.articles) - len(dates),
        span=(dates[0], dates[-1]) if dates else ("", ""), quotes=sum(len(a.quotes) for a in index.articles),
        people=people, others=len(quoted) - people, top=top, paged=index.paged,
        actor_src=urls.actor_src)


def _month_name(found: str) -> str:
    """"2024-03" → "March 2024"."""
    year, number = found[:4], found[5:7]
    names = ("January February March April May June July August September October November December").split()
    return f"{names[int(number) - 1]} {year}" if number.isdigit() and 1 <= int(number) <= 12 else found


def _short_month(found: str) -> str:
    """"2024-03" → "Mar 2024" (a chart's label, short enough for a phone)."""
    name = _month_name(found)
    return f"{name[:3]} {name.rsplit(' ', 1)[-1]}" if name != found else found


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for the site's own relative paths (no ".." in them), without its
    calls to the file system's current directory: a site links thousands of times."""
    to = [p for p in path.split("/") if p and p != "."]
    here = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def _paged(index: Index) -> dict[str, Actor]:
    """The actors with a page, by id: the only ones a page links to."""
    return {aid: actor for aid, actor in index.actor.items() if aid in index.paged}


def _letter(name: str) -> str:
    first = name.lstrip(lx.NAME_LEADING_MARKS).upper()[:1]
    return first if first.isalpha() and first.isascii() else "#"
