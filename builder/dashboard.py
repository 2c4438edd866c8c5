"""The sourcing dashboard's numbers: the corpus at a glance, by outlet and by month.

Computed from the index alone, so every number can be recomputed from the data
files (`data/quotes.csv` holds the kind, source kind, actor, gender, outlet and
date of every quote; `data/annotations.jsonl` the reasons given for anonymity).

People are counted once per article they are quoted in: the share of women is
women ÷ (women + men) over those appearances, people of unknown gender counted
apart (as the Gender Gap Tracker counts people quoted).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .index import Index, month as month_of
from .outlets import NO_OUTLET, outlet_of
from .records import Article

TOP_ACTORS = 15
TOP_REASONS = 10
UNDATED = "Undated"
# A share resting on fewer articles, or on fewer people of known gender, is marked a small
# sample (the defaults of the `small_sample_articles` and `small_sample_people` settings).
SMALL_ARTICLES = 10
SMALL_PEOPLE = 20


@dataclass
class Tally:
    """Counts for one slice of the corpus (the whole site, an outlet, a month)."""

    articles: int = 0
    quotes: int = 0
    anonymous: int = 0
    women: int = 0  # people quoted, once per article
    men: int = 0
    unknown: int = 0
    kinds: Counter = field(default_factory=Counter)  # quotes by kind of source

    @property
    def anonymous_share(self) -> float | None:
        return round(100 * self.anonymous / self.quotes, 1) if self.quotes else None

    @property
    def women_share(self) -> float | None:
        known = self.women + self.men
        return round(100 * self.women / known, 1) if known else None


@dataclass(frozen=True)
class SmallSample:
    """When a slice of the corpus is too small to trust its shares: it is shown, and marked."""

    articles: int = SMALL_ARTICLES  # a month, an outlet: fewer articles than this
    people: int = SMALL_PEOPLE  # a women's share: fewer people of known gender than this

    def few_articles(self, tally: Tally) -> bool:
        return tally.articles < self.articles

    def few_people(self, tally: Tally) -> bool:
        return 0 < tally.women + tally.men < self.people

    def anonymous(self, tally: Tally) -> bool:
        """Whether the anonymous share of `tally` rests on a small sample (its articles)."""
        return self.few_articles(tally)

    def women(self, tally: Tally) -> bool:
        """Whether the women's share of `tally` rests on a small sample (its articles or its people)."""
        return self.few_articles(tally) or self.few_people(tally)


@dataclass
class Dashboard:
    total: Tally
    sources: int  # distinct sources: actors quoted, plus sources without an actor by name
    kinds: list[tuple[str, int]]  # quotes by kind of source, most first
    reasons: list[tuple[str, int]]  # reasons given for anonymity, most first
    reasons_given: int  # anonymous quotes that give a reason
    top: list[tuple[str, str, int]]  # (actor id, name, quotes), most quoted first
    outlets: list[tuple[str, Tally]] = field(default_factory=list)  # by quotes, most first
    months: list[tuple[str, Tally]] = field(default_factory=list)  # YYYY-MM, in order; undated last
    # (outlet, month, tally) for each outlet in `outlets` order, its months in order (undated last)
    outlet_months: list[tuple[str, str, Tally]] = field(default_factory=list)


def _add(index: Index, article: Article, slices: tuple[Tally, ...]) -> None:
    """Count one article into each of `slices`."""
    summary = index.summary[article.id]  # its people quoted, by gender
    anonymous = sum(q.speaker.kind == "anonymous" for q in article.quotes)
    kinds = Counter(q.speaker.kind for q in article.quotes)
    for tally in slices:
        tally.articles += 1
        tally.women += summary["women"]
        tally.men += summary["men"]
        tally.unknown += summary["people"] - summary["women"] - summary["men"]
        tally.quotes += len(article.quotes)
        tally.anonymous += anonymous
        tally.kinds.update(kinds)


def by_month(index: Index, articles: list[Article]) -> tuple[Tally, list[tuple[str, Tally]]]:
    """The tally of `articles` and of each month of them (YYYY-MM in order, undated last)."""
    total: Tally = Tally()
    months: dict[str, Tally] = defaultdict(Tally)
    for article in articles:
        _add(index, article, (total, months[month_of(article) or UNDATED]))
    return total, sorted(months.items(), key=lambda kv: (kv[0] == UNDATED, kv[0]))


def dashboard(index: Index) -> Dashboard:
    """Totals, shares and top lists for the whole site, each outlet and each month."""
    total = Tally()
    outlets: dict[str, Tally] = defaultdict(Tally)
    months: dict[str, Tally] = defaultdict(Tally)
    outlet_months: dict[tuple[str, str], Tally] = defaultdict(Tally)
    kinds: Counter = Counter()
    reasons: Counter = Counter()
    quoted: Counter = Counter()
    unnamed: set[str] = set()
    for article in index.articles:
        outlet = outlet_of(article) or NO_OUTLET
        when = month_of(article) or UNDATED
        _add(index, article, (total, outlets[outlet], months[when], outlet_months[outlet, when]))
        for q in article.quotes:
            sp = q.speaker
            kinds[sp.kind] += 1
            if sp.kind == "anonymous" and sp.reason:
                reasons[sp.reason.strip()] += 1
            if sp.actor in index.actor:
                quoted.update(a for a in sp.actors if a in index.actor)  # a joint speaker's quote is each one's
            else:
                unnamed.add(sp.name.casefold() if sp.name else "")
    ranked = sorted(outlets.items(), key=lambda kv: (-kv[1].quotes, kv[0]))
    place = {key: n for n, (key, _) in enumerate(ranked)}
    top = [(aid, index.actor[aid].name, n) for aid, n in sorted(quoted.items(), key=lambda kv: (-kv[1], kv[0]))]
    return Dashboard(
        total=total, sources=len(quoted) + len(unnamed - {""}),
        kinds=sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        reasons=sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_REASONS],
        reasons_given=sum(reasons.values()),
        top=top[:TOP_ACTORS],
        outlets=ranked,
        months=sorted(months.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])),
        outlet_months=[(o, m, t) for (o, m), t in sorted(outlet_months.items(),
                                                          key=lambda kv: (place[kv[0][0]], kv[0][1] == UNDATED, kv[0][1]))],
    )
