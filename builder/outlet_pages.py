"""The outlets' pages: one per outlet (its articles by month, who it quotes most, its
anonymous and women's shares over time against the corpus) and the outlets index."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import jinja2

from .dashboard import UNDATED, SmallSample, by_month
from .index import Index
from .outlets import NO_OUTLET, outlet_of
from .records import Article

if TYPE_CHECKING:
    from .render import Urls

TOP_QUOTED = 15


def outlet_src(slug: str) -> str:
    return f"outlets/{slug}.md"


def _top(index: Index, articles: list[Article]) -> list[tuple[str, str, int]]:
    """(actor id, name, quotes) of the actors these articles quote most."""
    quoted: Counter = Counter(a for art in articles for q in art.quotes for a in q.speaker.actors if a in index.actor)
    ranked = sorted(quoted.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_QUOTED]
    return [(aid, index.actor[aid].name, n) for aid, n in ranked]


def _span(articles: list[Article]) -> tuple[str, str]:
    """The first and last dates of `articles` ("" when none is dated)."""
    dates = sorted(str(a.metadata["date"]) for a in articles if a.metadata.get("date"))
    return (dates[0], dates[-1]) if dates else ("", "")


def outlet_pages(env: jinja2.Environment, urls: Urls, index: Index, rows: list[dict],
                 month_name, *, small: SmallSample = SmallSample()) -> dict[str, str]:
    """Each outlet's page and `outlets/index.md`, from the articles index `rows`
    (article, summary, src), newest first; `small` says which months are small samples."""
    by_outlet: dict[str, list[dict]] = {}
    for row in rows:
        by_outlet.setdefault(outlet_of(row["article"]), []).append(row)
    corpus_total, corpus_months = by_month(index, index.articles)
    corpus_by_month = dict(corpus_months)
    pages, listed = {}, []
    for key, outlet in index.outlets.items():
        mine = by_outlet.get(key, [])
        articles = [r["article"] for r in mine]
        total, months = by_month(index, articles)
        span = _span(articles)
        src = outlet_src(outlet.slug)
        grouped: dict[str, list[dict]] = {}
        for row in mine:
            found = row["article"].metadata.get("date")
            grouped.setdefault(month_name(str(found)[:7]) if found else UNDATED, []).append(row)
        pages[src] = env.get_template("outlet.md.j2").render(
            outlet=outlet, total=total, corpus=corpus_total, span=span,
            months=[(m, month_name(m) if m != UNDATED else m, t, corpus_by_month[m]) for m, t in months],
            grouped=list(grouped.items()), top=_top(index, articles), paged=index.paged,
            actor_link=lambda aid, _s=src: urls.link(_s, urls.actor_src(aid)),
            link=lambda s, _s=src: urls.link(_s, s), outlets_link=urls.link(src, "outlets/index.md"),
            small_articles=small.articles, small_people=small.people)
        listed.append((outlet, total, span, urls.link("outlets/index.md", src)))
    unnamed = [r["article"] for r in by_outlet.get("", [])]
    none_given = (by_month(index, unnamed)[0], _span(unnamed)) if unnamed else None
    pages["outlets/index.md"] = env.get_template("outlets.md.j2").render(
        listed=sorted(listed, key=lambda row: (-row[1].articles, row[0].name.casefold(), row[0].key)),
        none_given=none_given, NO_OUTLET=NO_OUTLET, corpus=corpus_total)
    return pages

