"""The sourcing dashboard (builder/dashboard.py, templates/dashboard.md.j2): its numbers
are the data files' numbers, recomputed here from quotes.csv and annotations.jsonl."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from base import actor, article, quote
from conftest import make_project, mkdocs_build
from sitecheck import read_html, text_of

from builder.dashboard import UNDATED, dashboard
from builder.index import index_site

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
            assert shown[key] == [str(c["articles"]), str(c["quotes"]), share(c["anonymous"], c["quotes"]),
                                  str(c["female"]), str(c["male"]), share(c["female"], c["female"] + c["male"])], key


def test_each_chart_is_described_for_screen_readers_with_its_numbers_beside_it(site):
    html = read_html(site / "dashboard" / "index.html")
    svgs = [tag for tag in re.findall(r"<svg [^>]*>", html) if 'class="sb-chart__svg"' in tag]
    assert all('role="img"' in tag for tag in svgs)
    charts = [re.search(r'aria-labelledby="([\w-]+)-title \1-desc"', tag).group(1) for tag in svgs]
    assert {"kinds", "top", "outlets", "months"} <= set(charts)
    for chart in charts:
        desc = re.search(rf'<desc id="{chart}-desc">(.*?)</desc>', html).group(1)
        assert desc.startswith("Bar chart of") and re.search(r"\d", desc), desc
        assert html.index(f'id="{chart}"') < html.index("<details", html.index(f'id="{chart}"'))


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
            assert page.locator("svg.sb-chart__svg").count() >= (1 if path.startswith(("dashboard", "actors")) else 0)
            serious = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
            browser.close()
    finally:
        server.shutdown()
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
