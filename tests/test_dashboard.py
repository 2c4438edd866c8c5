"""The sourcing dashboard (builder/dashboard.py, builder/charts.py, templates/dashboard.md.j2):
its numbers are the data files' numbers, recomputed here from quotes.csv and annotations.jsonl;
its charts are Vega-Lite specs that carry their n and mark small samples."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import shutil

import pytest

from base import actor, article, quote
from conftest import make_project, mkdocs_build
from sitecheck import read_html, text_of

from builder.charts import ENOUGH, SMALL, dashboard_charts, spec_json
from builder.dashboard import SMALL_ARTICLES, SMALL_PEOPLE, UNDATED, SmallSample, Tally, dashboard
from builder.index import index_site
from builder.render import SOURCE_LABELS

SEEDS = {
    "corpus.jsonl": "\n".join(json.dumps(row) for row in [
        {"id": "ledger-1", "outlet": "Valley Ledger", "date": "2024-02-11", "title": "Clinic to close",
         "text": "“We had no choice,” said Maria Lopez, the clinic's director.\n\n"
                 "John Smith, a patient, said he would drive an hour for care.\n\n"
                 "A county official, who spoke on condition of anonymity because the talks are private, "
                 "said the county would not step in."},
        {"id": "ledger-2", "outlet": "Valley Ledger", "date": "2024-03-02", "title": "Clinic reopens",
         "text": "“It is a good day,” said Maria Lopez.\n\n“We listened,” said Governor Paul Hart."},
        {"id": "post-1", "outlet": "Harbor Post", "date": "2024-03-09", "title": "Port plan",
         "text": "“The port will grow,” said Paul Hart.\n\nA senior aide said the plan was final."},
        {"id": "post-2", "outlet": "Harbor Post", "title": "Undated note",
         "text": "“Nothing new,” said Ana Reyes."},
    ]) + "\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("dash"), SEEDS)
    mkdocs_build(project)
    return project / "site"


def from_data_files(site: Path) -> dict:
    """The dashboard's numbers, computed from the data files alone."""
    rows = list(csv.DictReader(io.StringIO((site / "data" / "quotes.csv").read_text("utf-8"))))
    records = [json.loads(line) for line in (site / "data" / "annotations.jsonl").read_text("utf-8").splitlines()]
    outlet_of = {r["id"]: r["metadata"].get("outlet") or "(no outlet)" for r in records}
    month_of = {r["id"]: (r["metadata"].get("date") or "")[:7] or UNDATED for r in records}
    people = {(row["article"], row["actor"]): row["gender"] for row in rows if row["gender"] in ("female", "male")}
    slices: dict[str, dict[str, Counter]] = {"outlet": defaultdict(Counter), "month": defaultdict(Counter)}
    for r in records:
        slices["outlet"][outlet_of[r["id"]]]["articles"] += 1
        slices["month"][month_of[r["id"]]]["articles"] += 1
    for row in rows:
        for what, key in (("outlet", outlet_of[row["article"]]), ("month", month_of[row["article"]])):
            slices[what][key]["quotes"] += 1
            slices[what][key]["anonymous"] += row["source_kind"] == "anonymous"
    for (art, _), gender in people.items():
        for what, key in (("outlet", outlet_of[art]), ("month", month_of[art])):
            slices[what][key][gender] += 1
    women = sum(g == "female" for g in people.values())
    return {
        "articles": len(records), "quotes": len(rows),
        "anonymous": sum(r["source_kind"] == "anonymous" for r in rows),
        "kinds": Counter(r["source_kind"] for r in rows),
        "women": women, "men": len(people) - women,
        "top": Counter((r["actor"], r["actor_name"]) for r in rows if r["actor"]),
        "reasons": Counter(q["speaker"]["reason"] for r in records for q in r["quotes"]
                           if q["speaker"]["kind"] == "anonymous" and q["speaker"]["reason"]),
        **slices,
    }


def table_rows(html: str, caption: str) -> list[list[str]]:
    """The body rows of the table whose <details> summary is `caption`."""
    block = html[html.index(caption):]
    body = block[block.index("<tbody>"):block.index("</tbody>")]
    return [[text_of(cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_the_dashboard_shows_the_numbers_of_the_data_files(site):
    want = from_data_files(site)
    assert want["articles"] == 4 and want["quotes"] >= 6 and want["anonymous"] >= 1 and want["women"] >= 2
    check_dashboard(site)


def check_dashboard(site: Path) -> None:
    """Every number of a built site's dashboard against the data files (also run by
    hand on the 150 dev articles: `python -c 'import test_dashboard as t; t.check_dashboard(…)'`)."""
    want = from_data_files(site)
    html = read_html(site / "dashboard" / "index.html")
    text = text_of(html)
    share = lambda part, whole: f"{100 * part / whole:.1f}%" if whole else "—"  # noqa: E731
    assert f"Articles {want['articles']} " in text and f"Quotes {want['quotes']} " in text
    assert f"From anonymous sources {share(want['anonymous'], want['quotes'])}" in text
    assert f"Women among people quoted {share(want['women'], want['women'] + want['men'])}" in text
    assert f"{want['women']} women and {want['men']} men" in text
    kinds = {label: int(n) for label, n, _ in table_rows(html, "The numbers: quotes by kind of source")}
    assert sum(kinds.values()) == want["quotes"] and kinds["Anonymous source"] == want["anonymous"]
    assert kinds["Named source"] == want["kinds"]["named"]
    top = {name: int(n) for name, n in table_rows(html, "The numbers: the most quoted actors")}
    ranked = sorted(want["top"].items(), key=lambda kv: (-kv[1], kv[0][0]))[:15]  # ties by actor id
    assert top == {name: n for (_, name), n in ranked}
    reasons = dict(re.findall(r"<tr><td>([^<]*)</td><td>(\d+)</td></tr>", html[html.index("Reason given"):]))
    assert {r: int(n) for r, n in reasons.items()} == dict(want["reasons"])
    for what, caption in (("outlet", "The numbers by outlet"), ("month", "The numbers by month")):
        shown = {row[0]: row[1:] for row in table_rows(html, caption)}
        assert set(shown) == set(want[what])
        for key, c in want[what].items():
            assert shown[key][:6] == [str(c["articles"]), str(c["quotes"]), share(c["anonymous"], c["quotes"]),
                                      str(c["female"]), str(c["male"]), share(c["female"], c["female"] + c["male"])], key
            small = c["articles"] < SMALL_ARTICLES or 0 < c["female"] + c["male"] < SMALL_PEOPLE
            assert shown[key][6].startswith("small sample") == small, key


def charts_of(html: str) -> dict[str, tuple[str, dict, str]]:
    """Each chart's figure by id: (its accessible name, its spec, its caption's text)."""
    found = {}
    for tag, body in re.findall(r'(<figure [^>]*class="sb-chart sb-vega"[^>]*>)(.*?)</figure>', html, re.S):
        label = re.search(r'<div [^>]*role="img"[^>]*>', body).group()
        spec = re.search(r'<script [^>]*type="application/json"[^>]*>(.*?)</script>', body, re.S).group(1)
        found[re.search(r' id="([\w-]+)"', tag).group(1)] = (
            re.search(r'aria-label="([^"]*)"', label).group(1), json.loads(spec),
            text_of(re.search(r"<figcaption>(.*?)</figcaption>", body, re.S).group(1)))
    return found


def test_each_chart_is_a_spec_with_its_n_a_name_for_screen_readers_and_its_numbers_beside_it(site):
    html = read_html(site / "dashboard" / "index.html")
    charts = charts_of(html)
    assert {"kinds", "top", "outlet-kinds", "outlet-anonymous", "outlet-women", "month-kinds",
            "month-anonymous", "month-women"} <= set(charts)
    want = from_data_files(site)
    for chart, (label, spec, caption) in charts.items():
        assert spec["description"] in label and "table below" in label
        assert re.search(r"\bn = \d+ (quotes|people)", caption), (chart, caption)
        assert spec["data"]["values"], chart
        figure = html.index(f'id="{chart}"')
        section_end = html.find("<h2", figure) if "<h2" in html[figure:] else len(html)
        assert html.index("<details", figure) < section_end, chart  # its table in the same section
    assert f"n = {want['quotes']} quotes" in charts["kinds"][2]
    assert f"n = {want['women'] + want['men']} people of known gender" in charts["month-women"][2]
    kinds = {row["label"]: row["n"] for row in charts["kinds"][1]["data"]["values"]}
    assert kinds["Anonymous source"] == want["anonymous"] and sum(kinds.values()) == want["quotes"]
    # The charts are drawn by the vendored files: nothing is fetched from elsewhere.
    scripts = re.findall(r'<script [^>]*src="([^"]+)"', html)
    assert {"../assets/vendor/vega.min.js", "../assets/vendor/vega-lite.min.js",
            "../assets/vendor/vega-embed.min.js", "../assets/charts.js"} <= set(scripts)
    assert all((site / "dashboard" / src).resolve().is_file() for src in scripts if not src.startswith("http"))


def test_every_point_of_the_small_sample_site_is_marked_a_small_sample_and_none_is_hidden(site):
    """Four articles: every outlet and month rests on fewer than 10 articles."""
    charts = charts_of(read_html(site / "dashboard" / "index.html"))
    want = from_data_files(site)
    outlets = charts["outlet-anonymous"][1]["data"]["values"]
    assert {row["row"] for row in outlets} == {"Valley Ledger", "Harbor Post"}
    assert all(row["sample"] == SMALL for row in outlets)
    points = charts["month-anonymous"][1]["data"]["values"]
    dated = {m for m in want["month"] if m != UNDATED}
    assert {p["month"][:7] for p in points if p["series"] == "All outlets"} == dated
    assert all(p["sample"] == SMALL and p["articles"] < SMALL_ARTICLES for p in points)
    assert "fewer than 10 articles" in charts["month-anonymous"][2]


@pytest.mark.parametrize("text", [
    "</script><script>alert(1)</script>", "a & b", "<!--", "line\u2028separator", "quote \" and \\ back",
])
def test_a_spec_in_a_page_can_never_close_its_script(text):
    written = spec_json({"description": text, "data": {"values": [{"label": text}]}})
    assert "<" not in written and ">" not in written and "&" not in written and "\u2028" not in written
    assert json.loads(written) == {"description": text, "data": {"values": [{"label": text}]}}


def tally(articles: int, women: int = 0, men: int = 0) -> Tally:
    return Tally(articles=articles, quotes=articles, women=women, men=men)


@pytest.mark.parametrize("t, small, anonymous, women", [
    (tally(10, 15, 5), SmallSample(), False, False),  # 10 articles, 20 people: enough
    (tally(9, 15, 5), SmallSample(), True, True),  # one article short
    (tally(10, 10, 9), SmallSample(), False, True),  # 19 people: the women's share alone is small
    (tally(5, 2, 1), SmallSample(articles=5, people=3), False, False),  # the settings decide
    (tally(5, 2, 1), SmallSample(articles=6, people=3), True, True),
    (tally(5, 2, 1), SmallSample(articles=5, people=4), False, True),
    (tally(1, 0, 1), SmallSample(articles=0, people=0), False, False),  # 0: nothing is marked
    (tally(12, 0, 0), SmallSample(), False, False),  # no people of known gender: no share to mark
])
def test_when_a_share_rests_on_a_small_sample(t, small, anonymous, women):
    assert (small.anonymous(t), small.women(t)) == (anonymous, women)


def corpus(n: int) -> list:
    """`n` hand-built articles in two outlets over three months, each quoting a woman and a man."""
    def one(i: int):
        text = "“Yes,” said Ann Lee. “No,” said Bo Park."
        return article(f"a{i:03d}", text, outlet=("north", "south")[i % 2], date=f"2024-{1 + i % 3:02d}-02",
                       quotes=(quote("Ann Lee", "Yes,", text, actor="ann-lee"),
                               quote("Bo Park", "No,", text, actor="bo-park", number=2)))
    return [one(i) for i in range(n)]


PEOPLE = [dataclasses.replace(actor("ann-lee", "Ann Lee", ("a000", 0, 1)), gender="female"),
          dataclasses.replace(actor("bo-park", "Bo Park", ("a000", 0, 1)), gender="male")]


@pytest.mark.parametrize("small, marked", [
    (SmallSample(), {"north", "south", "All outlets"}),  # 60 articles: 20 a month, 10 a month and outlet
    (SmallSample(articles=11), {"north", "south"}),  # an outlet's month (10 articles) falls short
    (SmallSample(articles=21), {"north", "south", "All outlets"}),
    (SmallSample(articles=1, people=21), {"north", "south"}),  # 20 people an outlet's month
])
def test_the_time_lines_mark_each_point_by_the_settings(small, marked):
    d = dashboard(index_site(corpus(60), PEOPLE))
    charts = dashboard_charts(d, small=small, labels=SOURCE_LABELS, month_name=lambda m: m)
    points = charts["month-women"]["data"]["values"]
    assert len(points) == 3 * 3  # all outlets and two outlets, three months: none hidden
    assert all(p["articles"] in (10, 20) and p["n"] == 2 * p["articles"] and p["share"] == 50.0 for p in points)
    shown = {p["series"] for p in points if p["sample"] == SMALL}
    expected = marked if small != SmallSample() else set()
    assert shown == expected
    anonymous = charts["month-anonymous"]["data"]["values"]
    assert {p["series"] for p in anonymous if p["sample"] == SMALL} == {
        s for s in ("north", "south", "All outlets") if (10 if s != "All outlets" else 20) < small.articles}
    layers = charts["month-women"]["layer"]
    assert len(layers) == (3 if len(shown) < 3 else 2)  # filled points only where some rest on enough


def test_the_stacked_bars_count_each_kind_per_outlet_and_month():
    d = dashboard(index_site(corpus(12), PEOPLE))
    charts = dashboard_charts(d, small=SmallSample(), labels=SOURCE_LABELS, month_name=lambda m: f"M{m}")
    rows = charts["outlet-kinds"]["data"]["values"]
    assert {(r["row"], r["kind"], r["quotes"], r["total"], r["articles"], r["sample"]) for r in rows} == {
        ("north", "Named source", 12, 12, 6, SMALL), ("south", "Named source", 12, 12, 6, SMALL)}
    assert [r["row"] for r in charts["month-kinds"]["data"]["values"]] == ["M2024-01", "M2024-02", "M2024-03"]
    assert charts["month-kinds"]["encoding"]["y"]["sort"] == ["M2024-01", "M2024-02", "M2024-03"]


def test_one_outlet_and_one_month_make_no_chart_by_outlet_or_month():
    text = "“Yes,” said Ann Lee."
    one = article("a", text, quotes=(quote("Ann Lee", "Yes,", text, actor="ann-lee"),), date="2024-01-01")
    charts = dashboard_charts(dashboard(index_site([one], PEOPLE[:1])), small=SmallSample(),
                              labels=SOURCE_LABELS, month_name=lambda m: m)
    assert set(charts) == {"kinds", "top"}


def test_the_same_site_gives_the_same_specs_byte_for_byte():
    made = [spec_json(dashboard_charts(dashboard(index_site(corpus(30), PEOPLE)), small=SmallSample(),
                                       labels=SOURCE_LABELS, month_name=lambda m: m)) for _ in range(2)]
    assert made[0] == made[1]


def test_the_small_sample_settings_reach_the_dashboard_and_the_outlet_pages(site, tmp_path):
    """`small_sample_articles` and `small_sample_people` in mkdocs.yml (the annotation
    cache of the module's site is reused: no article is parsed again)."""
    project = make_project(tmp_path, SEEDS)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "      search: pagefind", "      search: pagefind\n      small_sample_articles: 2\n      small_sample_people: 1"), "utf-8")
    shutil.copytree(site.parent / ".cache", project / ".cache")
    mkdocs_build(project)
    html = read_html(project / "site" / "dashboard" / "index.html")
    assert "fewer than 2 articles" in text_of(html)
    outlets = charts_of(html)["outlet-anonymous"][1]["data"]["values"]
    assert {row["sample"] for row in outlets} == {ENOUGH}  # two articles each
    months = {r[0]: r[7] for r in table_rows(html, "The numbers by month")}
    assert months["2024-03"] == "" and months["2024-02"] == "small sample: 1 article"
    outlet = text_of(read_html(project / "site" / "outlets" / "valley-ledger" / "index.html"))
    assert "fewer than 2 articles" in outlet and "fewer than 1 people" in outlet


def test_months_run_in_order_with_undated_articles_last():
    def dated(ident: str, date: str | None):
        text = "“Yes,” said Ann Lee."
        meta = {"date": date} if date else {}
        return article(ident, text, quotes=(quote("Ann Lee", "Yes,", text, actor="ann-lee"),), **meta)

    ann = dataclasses.replace(actor("ann-lee", "Ann Lee", ("a", 0, 1)), gender="female")
    d = dashboard(index_site([dated("a", "2024-03-01"), dated("b", None), dated("c", "2023-12-31")], [ann]))
    assert [m for m, _ in d.months] == ["2023-12", "2024-03", UNDATED]
    assert (d.total.women, d.total.men, d.total.women_share) == (3, 0, 100.0)  # once per article
    assert d.top == [("ann-lee", "Ann Lee", 3)]


@pytest.mark.parametrize("path", ["dashboard/", "actors/maria-lopez/", "articles/", "sources/"])
def test_pages_with_outlets_and_months_have_no_serious_accessibility_violations(site, path):
    """The sample site has no outlets or dates: here the by-outlet and by-month parts,
    the timeline of an actor quoted in two months and the monthly articles index show."""
    import functools
    import http.server
    import threading

    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"], headless=True)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
            page.wait_for_load_state("networkidle")
            charts = "figure.sb-vega--drawn svg" if path.startswith("dashboard") else "svg.sb-chart__svg"
            assert page.locator(charts).count() >= (1 if path.startswith(("dashboard", "actors")) else 0)
            serious = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
            browser.close()
    finally:
        server.shutdown()
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
