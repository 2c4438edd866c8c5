"""The dashboard's charts as Vega-Lite specifications: plain data, made here, drawn in the
reader's browser by the vendored vega-embed (`content/assets/charts.js`).

Each spec holds its own numbers (a chart is its data), the n it rests on in every point's
tooltip, and a `sample` field that marks a point resting on a small sample (`SmallSample`):
a lighter bar, a hollow point. Colours are CSS variables (`var(--sb-named)`), which the
script resolves against the page's colour scheme; sizes are CSS pixels (the chart is as
wide as its column, never scaled down), so labels stay readable on a phone.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from markupsafe import Markup

from .dashboard import UNDATED, Dashboard, SmallSample, Tally

FONT_SIZE = 13  # px: axis labels, titles and legends, at every screen width
BAR_STEP = 26  # px per bar
SMALL, ENOUGH = "small sample", "enough"
CORPUS = "All outlets"
KIND_COLORS = {  # the source tags' colours (content/assets/sourcebook.css)
    "named": "var(--sb-named)", "anonymous": "var(--sb-anonymous)", "organization": "var(--sb-organization)",
    "group": "var(--sb-group)", "document": "var(--sb-document)", "unknown": "var(--sb-unknown)",
}
TEXT = "var(--md-default-fg-color)"
GRID = "var(--md-default-fg-color--lightest)"

CONFIG = {
    "background": "transparent",
    "font": "var(--md-text-font-family)",
    "view": {"stroke": None},
    "axis": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "labelColor": TEXT, "titleColor": TEXT,
             "titleFontWeight": "normal", "domainColor": TEXT, "tickColor": TEXT, "gridColor": GRID,
             "labelLimit": 150},
    "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "labelColor": TEXT, "titleColor": TEXT,
               "orient": "bottom", "direction": "horizontal", "columns": 2, "labelLimit": 160,
               "symbolStrokeColor": TEXT,
               # two legends (kinds, sample) one above the other: side by side they outgrow a phone
               "layout": {"bottom": {"anchor": "start", "direction": "vertical"}}},
}


def spec_json(spec: dict) -> Markup:
    """A spec as JSON to place inside <script type="application/json">: sorted keys (the same
    bytes on every build), and `<`, `>` and `&` escaped so no text can close the script."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(text)


def _spec(description: str, values: list[dict], body: dict, *, width: str = "container") -> dict:
    return {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "description": description,
            "width": width, "autosize": {"contains": "padding"},
            "config": CONFIG, "data": {"values": values}, **body}


def _sample(small: bool) -> str:
    return SMALL if small else ENOUGH


def _opacity_legend() -> dict:
    """Lighter bars rest on a small sample; the legend says so."""
    return {"field": "sample", "type": "ordinal", "title": "Sample", "sort": [ENOUGH, SMALL],
            "scale": {"domain": [ENOUGH, SMALL], "range": [1, 0.4]}}


def kinds_chart(description: str, rows: list[tuple[str, Tally]], *, labels: dict[str, str],
                small: SmallSample, what: str) -> dict:
    """Stacked bars of quotes by kind of source, one bar per row (outlet or month)."""
    kinds = [k for k in labels if any(t.kinds.get(k) for _, t in rows)]
    values = [{"row": name, "kind": labels[k], "order": kinds.index(k), "quotes": t.kinds[k],
               "articles": t.articles, "total": t.quotes, "sample": _sample(small.few_articles(t))}
              for name, t in rows for k in kinds if t.kinds.get(k)]
    return _spec(description, values, {
        "height": {"step": BAR_STEP},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "row", "type": "nominal", "title": None, "sort": [name for name, _ in rows]},
            "x": {"field": "quotes", "type": "quantitative", "title": "Quotes", "stack": "zero"},
            "color": {"field": "kind", "type": "nominal", "title": "Kind of source",
                      "scale": {"domain": [labels[k] for k in kinds], "range": [KIND_COLORS[k] for k in kinds]}},
            "order": {"field": "order", "type": "quantitative"},
            "opacity": _opacity_legend(),
            "tooltip": [{"field": "row", "title": what.capitalize()}, {"field": "kind", "title": "Kind of source"},
                        {"field": "quotes", "title": "Quotes"}, {"field": "total", "title": "n (quotes)"},
                        {"field": "articles", "title": "n (articles)"}, {"field": "sample", "title": "Sample"}],
        },
    })


def bars_chart(description: str, rows: list[tuple[str, int]], *, title: str,
               colors: list[str] | None = None) -> dict:
    """Plain horizontal bars: a count per label, in the order given; each bar in its colour
    from `colors`, else the theme's."""
    values = [{"label": label, "n": n} for label, n in rows]
    encoding = {
        "y": {"field": "label", "type": "nominal", "title": None, "sort": [label for label, _ in rows]},
        "x": {"field": "n", "type": "quantitative", "title": title},
        "tooltip": [{"field": "label", "title": "Name"}, {"field": "n", "title": title}],
    }
    if colors:
        encoding["color"] = {"field": "label", "type": "nominal", "legend": None,
                             "scale": {"domain": [label for label, _ in rows], "range": colors}}
    return _spec(description, values, {
        "height": {"step": BAR_STEP},
        "mark": {"type": "bar", "color": "var(--md-primary-fg-color)"},
        "encoding": encoding,
    })


SHARES: dict[str, dict] = {
    # share → what it is a share of, the n it rests on, and its colour
    "anonymous": {"title": "Anonymous sources (% of quotes)", "n": "quotes", "of": "n (quotes)",
                  "color": "var(--sb-anonymous)"},
    "women": {"title": "Women (% of people quoted)", "n": "people", "of": "n (people of known gender)",
              "color": "var(--sb-group)"},
}


def _share(kind: str, t: Tally) -> float | None:
    return t.anonymous_share if kind == "anonymous" else t.women_share


def _point(kind: str, t: Tally, small: SmallSample, **keys: object) -> dict | None:
    value = _share(kind, t)
    if value is None:
        return None
    is_small = small.anonymous(t) if kind == "anonymous" else small.women(t)
    return {**keys, "share": value, "articles": t.articles,
            "n": t.quotes if kind == "anonymous" else t.women + t.men, "sample": _sample(is_small)}


def share_by_outlet(description: str, kind: str, rows: list[tuple[str, Tally]], corpus: Tally, *,
                    small: SmallSample) -> dict:
    """One bar per outlet for a share (anonymous or women), lighter on a small sample, with
    the share of all outlets as a dashed rule."""
    meta = SHARES[kind]
    values = [p for name, t in rows if (p := _point(kind, t, small, row=name))]
    layers = [{
        "mark": {"type": "bar", "tooltip": True, "color": meta["color"]},
        "encoding": {
            "y": {"field": "row", "type": "nominal", "title": None, "sort": [name for name, _ in rows]},
            "x": {"field": "share", "type": "quantitative", "title": meta["title"], "scale": {"domain": [0, 100]}},
            "opacity": _opacity_legend(),
            "tooltip": [{"field": "row", "title": "Outlet"}, {"field": "share", "title": "Share (%)"},
                        {"field": "n", "title": meta["of"]}, {"field": "articles", "title": "n (articles)"},
                        {"field": "sample", "title": "Sample"}],
        },
    }]
    whole = _share(kind, corpus)
    if whole is not None:
        layers.append({"mark": {"type": "rule", "color": TEXT, "strokeDash": [4, 3], "strokeWidth": 2},
                       "encoding": {"x": {"datum": whole, "type": "quantitative"}}})
    return _spec(description, values, {"height": {"step": BAR_STEP}, "layer": layers})


def share_over_time(description: str, kind: str, months: list[tuple[str, Tally]],
                    outlet_months: list[tuple[str, str, Tally]], *, small: SmallSample) -> dict:
    """A time line of a share, month by month: all outlets (thick), and each outlet when there
    are several (thin); a point on a small sample is hollow."""
    values = [p for m, t in months if m != UNDATED and (p := _point(kind, t, small, series=CORPUS, month=f"{m}-01"))]
    series = [CORPUS]
    for name, m, t in outlet_months:
        if m != UNDATED and (p := _point(kind, t, small, series=name, month=f"{m}-01")):
            values.append(p)
            if name not in series:
                series.append(name)
    meta = SHARES[kind]
    x = {"field": "month", "type": "temporal", "timeUnit": "utcyearmonth", "title": None,
         "axis": {"format": "%b %Y", "labelAngle": -40, "labelOverlap": True, "tickCount": {"interval": "month"}}}
    y = {"field": "share", "type": "quantitative", "title": meta["title"], "scale": {"domain": [0, 100]}}
    color = {"field": "series", "type": "nominal", "title": "Outlet", "sort": series,
             "scale": {"domain": series, "range": [TEXT] + ["var(--sb-chart-" + str(n % 8) + ")" for n in range(len(series) - 1)]},
             "legend": None if len(series) == 1 else {"title": "Outlet"}}
    tooltip = [{"field": "series", "title": "Outlet"},
               {"field": "month", "type": "temporal", "timeUnit": "utcyearmonth", "format": "%B %Y", "title": "Month"},
               {"field": "share", "title": "Share (%)"}, {"field": "n", "title": meta["of"]},
               {"field": "articles", "title": "n (articles)"}, {"field": "sample", "title": "Sample"}]
    width = {"condition": {"test": f"datum.series === {json.dumps(CORPUS)}", "value": 3}, "value": 1.5}
    return _spec(description, values, {
        "height": 260,
        "encoding": {"x": x, "y": y, "color": color},
        "layer": [
            {"mark": {"type": "line"}, "encoding": {"strokeWidth": width}},
            # Every point is a ring; a point on enough articles (and people) is filled in as well.
            {"mark": {"type": "point", "filled": False, "size": 55, "strokeWidth": 2, "tooltip": True},
             "encoding": {"tooltip": tooltip}},
        ] + ([{"transform": [{"filter": {"field": "sample", "equal": ENOUGH}}],
               "mark": {"type": "point", "filled": True, "size": 55, "tooltip": True},
               "encoding": {"tooltip": tooltip}}] if any(v["sample"] == ENOUGH for v in values) else []),
    })


def dashboard_charts(d: Dashboard, *, small: SmallSample, labels: dict[str, str],
                     month_name: Callable[[str], str]) -> dict[str, dict]:
    """Every chart of the dashboard by id: its spec. `d.outlets` carry display names;
    `labels` names the kinds of source; months are labelled by `month_name`."""
    months = [(m if m == UNDATED else month_name(m), t) for m, t in d.months]
    charts = {
        "kinds": bars_chart("Bar chart of the number of quotes from each kind of source.",
                            [(labels[k], n) for k, n in d.kinds], title="Quotes",
                            colors=[KIND_COLORS[k] for k, _ in d.kinds]),
        "top": bars_chart("Bar chart of the number of quotes from each of the most quoted actors.",
                          [(name, n) for _, name, n in d.top], title="Quotes"),
    }
    if len(d.outlets) > 1:
        charts["outlet-kinds"] = kinds_chart("Stacked bar chart of quotes by kind of source, for each outlet.",
                                             d.outlets, labels=labels, small=small, what="outlet")
        charts["outlet-anonymous"] = share_by_outlet(
            "Bar chart of the share of quotes from anonymous sources, for each outlet.",
            "anonymous", d.outlets, d.total, small=small)
        charts["outlet-women"] = share_by_outlet(
            "Bar chart of the share of women among the people quoted, for each outlet.",
            "women", d.outlets, d.total, small=small)
    if len(d.months) > 1:
        charts["month-kinds"] = kinds_chart("Stacked bar chart of quotes by kind of source, for each month.",
                                            months, labels=labels, small=small, what="month")
    if sum(m != UNDATED for m, _ in d.months) > 1:
        several = d.outlet_months if len(d.outlets) > 1 else []
        charts["month-anonymous"] = share_over_time(
            "Line chart of the share of quotes from anonymous sources, month by month"
            + (", for all outlets and each outlet." if several else "."),
            "anonymous", d.months, several, small=small)
        charts["month-women"] = share_over_time(
            "Line chart of the share of women among the people quoted, month by month"
            + (", for all outlets and each outlet." if several else "."),
            "women", d.months, several, small=small)
    return charts
