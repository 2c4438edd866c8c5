"""What a reader sees, in a real headless Chromium driven by Playwright.

The sample site is served under a sub-path (/sub/) as GitHub Pages would.
Screenshots are saved under test-artifacts/screenshots/.
"""
from __future__ import annotations

import contextlib
import shutil
import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = ROOT / "test-artifacts" / "screenshots"
PREFIX = "/sub/"


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(site: Path):
    """Serve a built site under the sub-path, as GitHub Pages would; yields its URL."""
    handler = functools.partial(_SubPathHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def base_url(sample_site):
    with served(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda msg: msg.type == "error" and pg.errors.append(msg.text))
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


def article_url(base_url: str, sample_site: Path) -> str:
    (slug,) = [p.name for p in (sample_site / "articles").iterdir() if p.is_dir()]
    return f"{base_url}articles/{slug}/"


def test_article_renders_tags_without_errors(page, base_url, sample_site):
    page.goto(article_url(base_url, sample_site))
    assert page.locator(".sb-quote").count() >= 10
    assert page.locator(".sb-tag--anonymous").count() >= 1
    assert page.locator(".sb-tag--named").count() >= 1
    assert page.locator(".sb-summary").is_visible()
    icon = "el => getComputedStyle(el, '::before').content"  # drawn by the style sheet, silent for screen readers
    assert "◌" in page.locator("article .sb-tag.sb-tag--anonymous").first.evaluate(icon)
    assert "●" in page.locator("article .sb-tag.sb-tag--named").first.evaluate(icon)
    assert page.errors == []


@pytest.mark.parametrize("path", ["", "articles/", "actors/", "actors/richard-haass/", "sources/", "guide/", "ARTICLE"])
def test_pages_load_every_file_they_ask_for(page, base_url, sample_site, path):
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    url = article_url(base_url, sample_site) if path == "ARTICLE" else base_url + path
    page.goto(url, wait_until="networkidle")
    page.get_by_role("combobox", name="Search").fill("Haass")  # the search loads its index and chunks
    page.locator("pagefind-searchbox [role=option]").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert failed == [] and page.errors == []


def test_a_chosen_colour_scheme_follows_the_reader_to_the_next_page(page, base_url):
    page.goto(base_url)
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.get_by_title("Switch to dark mode" if scheme == "default" else "Switch to light mode").click()
    chosen = page.locator("body").get_attribute("data-md-color-scheme")
    assert chosen != scheme
    page.goto(f"{base_url}actors/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == chosen
    assert page.errors == []
    # Before the theme's script runs (here: never), assets/palette.js has applied it: no flash.
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    page.goto(f"{base_url}sources/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == chosen


def drawn(page, figure: str):
    """The chart `figure` (its id) once vega has drawn it: the figure's locator."""
    chart = page.locator(f"figure#{figure}")
    chart.locator(".sb-vega__view svg").wait_for()
    return chart


def test_a_dashboard_chart_shows_its_numbers_in_a_table_on_demand(page, base_url):
    page.goto(f"{base_url}dashboard/")
    chart = drawn(page, "kinds")
    assert page.get_by_role("img", name="Quotes by kind of source").is_visible()
    assert chart.locator(".sb-vega__view svg path").count() >= 2  # bars, drawn by vega
    bars = {row["label"]: str(row["n"]) for row in chart.locator("script").evaluate(
        "s => JSON.parse(s.textContent).data.values")}
    table = page.locator("details", has_text="The numbers: quotes by kind of source")
    assert not table.locator("table").is_visible()
    table.locator("summary").click()
    assert table.locator("table").is_visible()
    rows = {r.locator("td").nth(0).text_content(): r.locator("td").nth(1).text_content()
            for r in table.locator("tbody tr").all()}
    assert rows == bars and sum(map(int, rows.values())) == int(page.locator("dt:text('Quotes') + dd").text_content())
    quotes = page.locator("dt:text('Quotes') + dd").text_content()
    assert f"n = {quotes} quotes" in chart.locator("figcaption").inner_text()
    assert page.errors == []


def test_without_vega_the_dashboard_opens_its_tables(page, base_url):
    page.route("**/assets/vendor/vega.min.js", lambda route: route.abort())
    page.goto(f"{base_url}dashboard/")
    table = page.locator("details", has_text="The numbers: quotes by kind of source")
    table.locator("table").wait_for()
    assert table.evaluate("d => d.open") and not page.locator("figure#kinds .sb-vega__view").is_visible()


def test_card_opens_on_hover_and_keyboard_focus(page, base_url, sample_site):
    page.goto(article_url(base_url, sample_site))
    tag = page.locator(".md-content .sb-tag[tabindex]").first
    card = tag.locator(".sb-card")
    assert not card.is_visible()
    tag.hover()
    assert card.is_visible()
    page.mouse.move(0, 0)
    assert not card.is_visible()
    # Keyboard: tab until a source tag has focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sb-tag')"):
            break
    else:
        pytest.fail("no source tag reachable with Tab")
    focused = page.locator(".sb-tag:focus .sb-card")
    assert focused.is_visible()
    assert focused.inner_text().strip()


def test_footnote_jumps_to_note_and_back(page, base_url, sample_site):
    page.goto(article_url(base_url, sample_site))
    ref = page.locator("a.footnote-ref").first
    ref.click()
    assert page.evaluate("location.hash").startswith("#fn:")
    note = page.locator(page.evaluate("'[id=\"' + location.hash.slice(1) + '\"]'"))
    assert note.is_visible() and "attributed to" in note.inner_text()
    note.locator("a.footnote-backref").click()
    assert page.evaluate("location.hash").startswith("#fnref:")


def test_speaker_filter_highlights_one_speaker(page, base_url, sample_site):
    page.goto(article_url(base_url, sample_site))
    select = page.locator(".sb-speaker-filter select")
    options = select.locator("option").all_inner_texts()
    assert "Richard Haass" in options
    select.select_option(label="Richard Haass")
    focus = page.locator(".sb-quote.sb-focus")
    dim = page.locator(".sb-quote.sb-dim")
    assert focus.count() >= 2 and dim.count() >= 5
    assert all(v == "richard-haass" for v in focus.evaluate_all("els => els.map(e => e.dataset.speaker)"))
    select.select_option(label="Everyone")
    assert page.locator(".sb-quote.sb-dim").count() == 0


def test_actors_index_filter(page, base_url):
    page.goto(f"{base_url}actors/")
    rows = page.locator(".sb-actors tbody tr")
    total = rows.count()
    page.get_by_role("button", name="Place").click()
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < total
    assert all(r.get_attribute("data-type") == "place" for r in visible)
    page.get_by_role("button", name="All").click()
    assert len([r for r in rows.all() if r.is_visible()]) == total


def column(page, n: int) -> list[str]:
    """The actors table's column n as shown, top to bottom (a name without its aliases)."""
    return page.locator(".sb-actors tbody tr").evaluate_all(
        f"rows => rows.map(r => r.cells[{n}].firstChild.textContent.trim())")


def sorted_by(page) -> dict[str, str]:
    return {th.inner_text(): th.get_attribute("aria-sort") for th in page.locator(".sb-actors th[aria-sort]").all()}


def test_actors_table_sorts_by_a_column_with_the_type_filter_on(page, base_url):
    page.goto(f"{base_url}actors/")
    table = page.locator(".sb-actors table")
    # The theme's table look: material styles (and wraps) a table without a class.
    assert table.evaluate("t => t.matches('.md-typeset__table > table:not([class])')")
    assert table.evaluate("t => getComputedStyle(t).borderTopStyle") == "solid"
    heading = lambda name: page.get_by_role("button", name=name, exact=True)  # noqa: E731
    # The most quoted first, then by name.
    quotes, names = [int(n) for n in column(page, 2)], column(page, 0)
    assert quotes == sorted(quotes, reverse=True) and quotes[0] > quotes[-1]
    assert sorted_by(page) == {"Quotes": "descending"}
    unquoted = [n for q, n in zip(quotes, names) if q == 0]
    assert unquoted == sorted(unquoted, key=str.lower)
    heading("Quotes").click()
    assert [int(n) for n in column(page, 2)] == sorted(quotes) and sorted_by(page) == {"Quotes": "ascending"}
    heading("Quotes").click()
    assert [int(n) for n in column(page, 2)] == sorted(quotes, reverse=True)
    assert sorted_by(page) == {"Quotes": "descending"}
    heading("Name").focus()
    page.keyboard.press("Enter")
    assert column(page, 0) == sorted(names, key=str.lower) and sorted_by(page) == {"Name": "ascending"}
    page.keyboard.press("Space")
    assert column(page, 0) == sorted(names, key=str.lower, reverse=True) and sorted_by(page) == {"Name": "descending"}
    heading("Articles").click()
    articles = [int(n) for n in column(page, 3)]
    assert articles == sorted(articles) and sorted_by(page) == {"Articles": "ascending"}
    heading("Type").click()
    assert column(page, 1) == sorted(column(page, 1)) and sorted_by(page) == {"Type": "ascending"}
    # A type filter, then sorting: the hidden rows stay hidden.
    rows = page.locator(".sb-actors tbody tr")
    everyone = rows.count()
    page.get_by_role("button", name="Place", exact=True).click()
    places = [r.locator("td").first.inner_text() for r in rows.all() if r.is_visible()]
    assert 0 < len(places) < everyone
    for name in ("Quotes", "Name"):
        heading(name).click()
        visible = [r for r in rows.all() if r.is_visible()]
        assert all(r.get_attribute("data-type") == "place" for r in visible) and len(visible) == len(places)
    assert [r.locator("td").first.inner_text() for r in rows.all() if r.is_visible()] == sorted(places, key=str.lower)
    # A letter of the A-Z links sorts by name (its row is the first of its letter there).
    heading("Quotes").click()
    page.get_by_role("button", name="All", exact=True).click()
    page.locator(".sb-az").get_by_role("link", name="R", exact=True).click()
    assert sorted_by(page) == {"Name": "ascending"}
    names = column(page, 0)
    first_r = next(n for n in names if n.startswith("R"))
    assert page.locator("#letter-r td").first.inner_text().startswith(first_r)
    assert page.locator("#letter-r").is_visible()
    assert page.errors == []


def test_on_a_phone_the_first_tap_on_a_tag_opens_its_card_inside_the_screen(browser, page, base_url, sample_site):
    url = article_url(base_url, sample_site)
    # With a mouse nothing changes: a click on a tag's name follows its link.
    page.goto(url)
    with page.expect_navigation():
        page.locator(".md-content .sb-tag a.sb-tag__name").first.click()
    assert "/actors/" in page.url
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    phone = context.new_page()
    errors = []
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    phone.goto(url)
    tags = phone.locator(".md-content .sb-tag:has(a.sb-tag__name)")
    lefts = tags.evaluate_all("els => els.map(e => e.getBoundingClientRect().left)")
    width = phone.evaluate("document.documentElement.clientWidth")
    right, left = lefts.index(max(lefts)), lefts.index(min(lefts))
    assert lefts[right] > width / 2 and lefts[left] < width / 10  # tags near both edges of the screen
    for n in (right, left):
        tag = tags.nth(n)
        card = tag.locator(".sb-card")
        assert not card.is_visible()
        tag.locator("a.sb-tag__name").tap()
        assert phone.url == url and card.is_visible()
        box = card.evaluate("c => { const r = c.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }")
        assert 0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= phone.viewport_size["height"], box
        phone.locator("article h1").tap()  # elsewhere
        assert not card.is_visible()
    # A second tap on the name follows its link.
    link = tags.nth(right).locator("a.sb-tag__name")
    href = link.evaluate("a => a.href")
    link.tap()
    assert phone.url == url
    with phone.expect_navigation():
        link.tap()
    assert phone.url == href and errors == []
    context.close()


def test_speaker_filter_lists_each_actor_once_by_name_and_counts_the_quotes(page, base_url, sample_site):
    from playwright.sync_api import expect

    page.goto(article_url(base_url, sample_site))
    select = page.get_by_label("Highlight a speaker")
    options = select.locator("option").all_inner_texts()
    speakers = page.locator(".sb-quote").evaluate_all("els => new Set(els.map(e => e.dataset.speaker)).size")
    assert options[0] == "Everyone" and len(set(options)) == len(options) == speakers + 1
    # The actors' own names, not the article's words for them.
    assert {"Chris Murphy", "Brendan Boyle", "Democrats", "Richard Haass"} <= set(options)
    assert not {"Sen. Chris Murphy", "Rep. Brendan Boyle", "A group of 17 Senate Democrats"} & set(options)
    count = page.locator(".sb-speaker-filter [aria-live=polite]")
    first = page.locator(".sb-quote[data-speaker=brendan-boyle]").first
    expect(first).not_to_be_in_viewport()
    select.select_option(label="Brendan Boyle")
    expect(first).to_be_in_viewport()  # the page went to the first of them
    assert count.inner_text() == "2 quotes" and page.locator(".sb-quote.sb-focus").count() == 2
    select.select_option(label="Benjamin Netanyahu")
    assert count.inner_text() == "1 quote"
    select.select_option(label="Everyone")
    assert count.inner_text() == "" and page.locator(".sb-quote.sb-dim").count() == 0
    assert page.errors == []


def test_speaker_filter_names_an_actor_as_the_actor_however_the_article_first_names_them(browser, tmp_path):
    from conftest import make_project, mkdocs_build

    project = make_project(tmp_path, {"vote.md": """
        ---
        title: Senate vote
        ---

        “We will keep fighting until this bill is gone,” said Texas Sen. Ted Cruz.

        A senior aide, who was not authorized to speak publicly, said the vote would be close.

        “This bill is a disgrace,” Cruz said. “It raises taxes.”
    """})
    mkdocs_build(project)
    context = browser.new_context()
    pg = context.new_page()
    pg.goto((project / "site" / "articles" / "vote" / "index.html").as_uri())
    assert pg.locator(".sb-tag__name").first.inner_text() == "Texas Sen. Ted Cruz"
    select = pg.get_by_label("Highlight a speaker")
    assert select.locator("option").all_inner_texts() == ["Everyone", "A senior aide", "Ted Cruz"]
    select.select_option(label="Ted Cruz")
    assert pg.locator(".sb-speaker-filter [aria-live=polite]").inner_text() == "3 quotes"
    context.close()


def search(page, url: str, query: str, *, paste: bool = False):
    """Reach the header's search box from the keyboard (Ctrl+K), enter a query and
    return the result links once the first has shown."""
    page.goto(url)
    page.keyboard.press("Control+k")
    box = page.get_by_role("combobox", name="Search")
    assert box.evaluate("el => el === document.activeElement")
    if paste:
        page.keyboard.insert_text(query)  # arrives whole, as a paste does
    else:
        page.keyboard.type(query)
    results = page.locator(".sb-search [role=option]")
    results.first.wait_for(timeout=15000)
    return results


@pytest.mark.parametrize(
    "query, target",
    [("Haass", "actors/richard-haass/"), ("Bibi", "actors/benjamin-netanyahu/"), ("transfusion", "articles/")],
    ids=["actor-by-name", "actor-by-alias", "article-by-quoted-word"],
)
def test_search_finds(page, base_url, query, target):
    results = search(page, base_url, query)
    result = page.locator(f".sb-search [role=option][href^='{PREFIX}{target}']").first
    result.wait_for(timeout=15000)
    assert result.is_visible()
    assert all(href.startswith(PREFIX) for href in results.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert page.errors == []


def test_a_pasted_quotation_finds_its_article_in_the_top_three(page, base_url, sample_site):
    article = article_url(base_url, sample_site)
    results = search(page, base_url, "“Relationships don’t matter to people when personal survival is at stake,”", paste=True)
    page.wait_for_timeout(500)  # let the search settle on the whole phrase
    top = [page.evaluate("h => new URL(h, location.href).href", h)
           for h in results.evaluate_all("els => els.slice(0, 3).map(e => e.getAttribute('href'))")]
    assert article in top, top


WORDS = ["harbor", "glacier", "orchard", "lighthouse"]


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory) -> Path:
    """A site whose search index comes in parts (three pages to a part)."""
    from conftest import make_project, mkdocs_build

    project = make_project(tmp_path_factory.mktemp("parted"), {
        f"{w}.md": f"---\ntitle: The {w} story\n---\n\nThe {w} plan was approved, the mayor said on Monday.\n"
        for w in WORDS})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("search: pagefind", "search: pagefind\n      search_pages_per_index: 3"),
                      "utf-8")
    mkdocs_build(project)
    assert len(list((project / "site" / "pagefind").glob("part-*"))) >= 2
    return project / "site"


def find_each_word(page, url: str) -> None:
    for word in WORDS:
        search(page, url, word)
        page.locator(f".sb-search [role=option][href*='articles/{word}/']").first.wait_for(timeout=15000)


def test_search_finds_pages_in_every_part_of_an_index_that_comes_in_parts(page, parted_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    with served(parted_site) as url:
        find_each_word(page, url)
    assert any("/pagefind/part-" in u for u in requested), "the merged parts were never loaded"
    assert page.errors == []


def test_parts_listed_after_the_first_search_are_merged_into_it(page, parted_site):
    held = []  # the list of parts arrives only after the box has loaded the first part and searched it
    page.route("**/sourcebook-parts.json", lambda route: held.append(route))
    with served(parted_site) as url:
        search(page, url, "mayor")
        assert len(held) == 1
        held[0].continue_()
        page.wait_for_timeout(500)
        box = page.get_by_role("combobox", name="Search")
        for word in WORDS:
            box.fill(word)
            page.locator(f".sb-search [role=option][href*='articles/{word}/']").first.wait_for(timeout=15000)
    assert page.errors == []


def test_search_runs_from_the_keyboard_on_files_of_the_site_alone(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    search(page, f"{base_url}actors/", "Haass")
    assert page.get_by_role("combobox", name="Search").get_attribute("aria-expanded") == "true"
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the first result is the selected one
    assert page.url == f"{base_url}actors/richard-haass/"
    assert all(url.startswith(base_url) for url in requested), [u for u in requested if not u.startswith(base_url)]
    assert any(f"{base_url}pagefind/index/" in url for url in requested)
    assert not any("search_index.json" in url for url in requested)
    assert page.errors == []


@pytest.mark.parametrize("path", ["", "actors/", "actors/richard-haass/", "ARTICLE", "SEARCH", "sources/", "dashboard/"])
def test_no_serious_accessibility_violations(page, base_url, sample_site, path):
    from axe_playwright_python.sync_playwright import Axe

    url = article_url(base_url, sample_site) if path == "ARTICLE" else base_url + path
    if path == "SEARCH":  # the search box open on its results
        search(page, base_url, "Netanyahu").nth(2).wait_for()
    else:
        page.goto(url)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser, base_url, sample_site, scheme):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, color_scheme=scheme)
    page = context.new_page()
    for name, url in (("article", article_url(base_url, sample_site)), ("actor", f"{base_url}actors/richard-haass/"),
                      ("actors", f"{base_url}actors/"), ("home", base_url)):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        path = SHOTS / f"{name}-{scheme}.png"
        page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 10_000
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (bg in ("rgb(255, 255, 255)",)) == (scheme == "light")
    search(page, base_url, "Netanyahu").nth(2).wait_for()
    page.screenshot(path=str(SHOTS / f"search-{scheme}.png"), full_page=False)
    dropdown = page.locator(".sb-search .pf-searchbox-dropdown")
    assert dropdown.evaluate("el => getComputedStyle(el).backgroundColor") == bg  # the theme's, in both schemes
    context.close()
    print(f"\nscreenshots: {SHOTS}")


def test_a_script_link_in_metadata_never_runs(browser, tmp_path):
    """Front matter `url: javascript:…` is shown as text: clicking it runs nothing."""
    from conftest import make_project, mkdocs_build

    project = make_project(tmp_path, {
        "trap.md": '---\ntitle: Trap\nurl: "javascript:window.__pwned = 1; alert(1)"\n---\n\n'
                   "“We are ready for the storm,” said Ada Moss.\n"})
    mkdocs_build(project)
    context = browser.new_context()
    pg = context.new_page()
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.goto((project / "site" / "articles" / "trap" / "index.html").as_uri())
    meta = pg.locator(".sb-meta")
    assert "original: javascript:window.__pwned" in meta.inner_text()
    assert meta.locator("a").count() == 0
    meta.click()
    pg.get_by_text("javascript:window.__pwned", exact=False).first.click()
    pg.wait_for_timeout(300)
    assert dialogs == [] and pg.evaluate("window.__pwned === undefined")
    context.close()


# ---------------------------------------------------------------- the review page and "Correct this"

REVIEW_SEEDS = {
    "harbor.md": """
        ---
        title: Harbor plan approved
        outlet: Metro Daily
        date: 2024-03-02
        ---

        “We will dredge the harbor this summer,” said Mayor Ana Ortiz.

        A city official, who asked not to be named, said the cost would double.

        The plan was rushed, according to the port authority.
    """,
    "school.md": """
        ---
        title: School budget vote
        outlet: Valley Herald
        date: 2024-04-09
        ---

        “Teachers deserve better,” said Councilman Bo Park.

        He said the vote would be close. Critics said the budget was a gimmick.
    """,
}


@pytest.fixture(scope="module")
def review_url(tmp_path_factory):
    """The sample article beside two short ones from two outlets, served as for GitHub Pages."""
    from conftest import make_project, mkdocs_build

    project = make_project(tmp_path_factory.mktemp("review"), REVIEW_SEEDS)
    for seed in (ROOT / "seeds").iterdir():
        shutil.copy(seed, project / "seeds" / seed.name)
    mkdocs_build(project)
    with served(project / "site") as url:
        yield url + "review/"


def overflow(pg) -> int:
    """How far the page is wider than the window (0: no sideways scrolling)."""
    return pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def visible_rows(pg) -> list[dict]:
    return pg.locator(".sb-review > li").evaluate_all(
        "els => els.filter(e => !e.hidden).map(e => Object.assign({}, e.dataset))")


def test_the_review_page_lists_the_least_confident_first_and_filters_by_outlet_and_kind(page, review_url):
    page.goto(review_url)
    rows = visible_rows(page)
    confidence = [float(r["confidence"]) for r in rows]
    assert len(rows) >= 30 and confidence == sorted(confidence) and confidence[0] < confidence[-1]
    shown = page.locator(".sb-review__confidence").all_inner_texts()
    assert shown == [f"{c:.2f}" for c in confidence]
    assert {r["outlet"] for r in rows} == {"Metro Daily", "Valley Herald", "No outlet given"}
    page.get_by_label("Outlet").select_option(label="Metro Daily")
    metro = visible_rows(page)
    assert metro and all(r["outlet"] == "Metro Daily" and r["article"] == "harbor" for r in metro)
    assert page.locator(".sb-review-filter__count").inner_text() == f"{len(metro)} of {len(rows)} shown"
    page.get_by_label("Outlet").select_option(label="All outlets")
    page.get_by_label("Kind").select_option(label="Reported statement")
    reported = visible_rows(page)
    assert 0 < len(reported) < len(rows) and all(r["kind"] == "indirect" for r in reported)
    page.get_by_label("Article").select_option(label="School budget vote")
    assert all(r["article"] == "school" and r["kind"] == "indirect" for r in visible_rows(page))
    page.get_by_label("Article").select_option(label="All articles")
    page.get_by_label("Kind").select_option(label="All kinds")
    assert len(visible_rows(page)) == len(rows) and page.locator(".sb-review-filter__count").inner_text() == ""
    # A row links to its quote in the article.
    first = page.locator(".sb-review > li a.sb-review__quote").first
    words = first.inner_text().rstrip("…")
    with page.expect_navigation():
        first.click()
    anchor = page.evaluate("location.hash.slice(1)")
    target = page.locator(f"[id='{anchor}']")
    assert target.get_attribute("class").startswith("sb-quote") and " ".join(target.inner_text().split()).startswith(words)
    assert page.errors == []


def test_the_review_page_fits_a_phone(browser, review_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    phone = context.new_page()
    errors = []
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    phone.goto(review_url)
    assert overflow(phone) == 0
    rights = phone.locator(".sb-review > li, .sb-review-filter select").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)")
    assert rights and max(rights) <= 390
    phone.get_by_label("Article").select_option(label="The limits of Biden’s one-on-one diplomacy with Netanyahu")
    assert overflow(phone) == 0 and {r["article"] for r in visible_rows(phone)} == {"000_0ae15d52ad391496"}
    assert errors == []
    context.close()


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_no_accessibility_violations_on_the_review_page(browser, review_url, width, height):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.goto(review_url)
    results = Axe().run(pg)
    serious = results.response["violations"]  # every violation, whatever its impact
    context.close()
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


def test_correct_this_gives_lines_that_pasted_into_corrections_yml_apply_on_the_next_build(browser, tmp_path):
    from conftest import make_project, mkdocs_build

    project = make_project(tmp_path, {})
    for seed in (ROOT / "seeds").iterdir():
        shutil.copy(seed, project / "seeds" / seed.name)
    mkdocs_build(project)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    with served(project / "site") as url:
        pg.goto(f"{url}articles/000-0ae15d52ad391496/")
        quote = pg.locator(".sb-quote[data-speaker=richard-haass]").first
        ident = quote.get_attribute("id")
        tag = pg.locator(f".sb-tag:has([aria-controls='fix-{ident}'])")
        button = tag.get_by_role("button", name="Correct this")
        code = pg.locator(f"[id='fix-{ident}']")
        assert not code.is_visible()
        tag.hover()
        button.click()
        assert code.is_visible() and button.get_attribute("aria-expanded") == "true"
        box = code.evaluate("c => { const r = c.getBoundingClientRect(); return [r.left, r.right]; }")
        assert 0 <= box[0] and box[1] <= 1280
        assert pg.evaluate("getSelection().toString()").strip() == code.text_content().strip()  # ready to copy
        lines = code.text_content()
        assert lines.startswith('- article: "000_0ae15d52ad391496"\n  quote: "') and '\n  speaker: "Richard Haass"' in lines
        # The editor changes the speaker, writes a note and saves the lines beside the seeds.
        (project / "seeds" / "corrections.yml").write_text(
            lines.replace('speaker: "Richard Haass"', 'speaker: "Benjamin Netanyahu"')
                 .replace("  # note: why, shown in the footnote", "  note: checked against the transcript"), "utf-8")
        proc = mkdocs_build(project)
        assert "0 problems, 0 warnings" in proc.stderr  # the entry applied: not stale, not ambiguous
        pg.goto(f"{url}articles/000-0ae15d52ad391496/")
        assert pg.locator(f"[id='{ident}']").get_attribute("data-speaker") == "benjamin-netanyahu"
        note = pg.locator(f"[id='fn:{ident}']").inner_text()
        assert "attributed to Benjamin Netanyahu" in note
        assert "corrected by the editors: checked against the transcript" in note.lower()
    context.close()


# ---------------------------------------------------------------- quotes that travel

TRAVEL_SEEDS = {
    f"{name}.md": f"""
        ---
        title: {title}
        outlet: {outlet}
        date: {date}
        ---

        The council met on {date}.

        “{words}” said Mayor Ana Ortiz.
    """ for name, title, outlet, date, words in [
        ("dredge", "Harbor plan approved", "Metro Daily", "2024-03-02",
         "We will dredge the harbor this summer and open the new pier by the fall."),
        ("pier", "A pier by the fall", "Valley Herald", "2024-03-04",
         "We will dredge the harbor this summer and open the new dock by the fall."),
        ("summer", "Summer of dredging", "Metro Daily", "2024-03-09",
         "We will dredge the harbor this summer"),
    ]
}


@pytest.fixture(scope="module")
def travel_url(tmp_path_factory):
    """Three articles quoting the same words, one changed and one trimmed, served as for GitHub Pages."""
    from conftest import make_project, mkdocs_build

    project = make_project(tmp_path_factory.mktemp("travel"), TRAVEL_SEEDS)
    mkdocs_build(project)
    with served(project / "site") as url:
        yield url


def test_the_also_in_card_names_the_earliest_and_leads_to_the_group(page, travel_url):
    page.goto(f"{travel_url}articles/summer/")
    tag = page.locator(".sb-tag:has(.sb-card)").first
    line = tag.locator(".sb-card__travel")
    assert not line.is_visible()
    tag.hover()
    assert line.is_visible()
    assert line.inner_text() == "Also in 2 articles; earliest: Metro Daily, 2024-03-02"
    line.get_by_role("link").click()
    page.wait_for_url("**/travel/#g-*")
    group = page.locator(f"[id='{page.url.split('#')[1]}']")
    assert group.is_visible() and group.locator("h3").inner_text().startswith("“We will dredge the harbor")
    items = group.locator(".sb-group__appearances > li")
    assert items.count() == 3
    assert [items.nth(n).locator("time").inner_text() for n in range(3)] == ["2024-03-02", "2024-03-04", "2024-03-09"]
    assert items.nth(0).inner_text().count("earliest in this corpus") == 1
    assert items.nth(1).locator("mark").all_inner_texts() == ["dock"]
    assert "Quotes part of the earliest version." in items.nth(2).inner_text()
    assert page.errors == []


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_travel_page_fits_a_phone_with_no_accessibility_violations(browser, travel_url, width, height):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.goto(f"{travel_url}travel/")
    assert overflow(pg) == 0
    results = Axe().run(pg)
    serious = results.response["violations"]  # every violation, whatever its impact
    context.close()
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


# ---------------------------------------------------------------- the dashboard and long pages

OUTLETS = ("Valley Ledger", "Harbor Post", "Metro Daily", "County Wire")
SPEAKERS = ("John Smith", "Paul Hart", "Ana Reyes", "Susan Park", "David Chen")


def outlet_corpus(n: int = 48) -> str:
    """`n` short articles (JSON Lines) in four outlets over eight months of 2024; Maria Lopez
    speaks in every third, so her page lists quotes from several outlets and months."""
    import json

    rows = []
    for i in range(n):
        first = "Maria Lopez" if i % 3 == 0 else SPEAKERS[i % 5]
        text = (f"“The plan will change things,” said {first}, a local official.\n\n"
                f"{SPEAKERS[(i * 3 + 1) % 5]} said the vote would be close.\n\n")
        if i % 4 == 0:
            text += "A senior aide, who spoke on condition of anonymity, said the deal was done.\n\n"
        rows.append({"id": f"story-{i:03d}", "outlet": OUTLETS[i % 4] if i % 7 else OUTLETS[0],
                     "date": f"2024-{1 + (i * 5) % 8:02d}-{1 + i % 27:02d}", "title": f"Story {i}", "text": text})
    return "".join(json.dumps(row) + "\n" for row in rows)


@pytest.fixture(scope="module")
def outlets_url(tmp_path_factory):
    """A site of four outlets over eight months, served as for GitHub Pages."""
    from conftest import make_project, mkdocs_build

    project = make_project(tmp_path_factory.mktemp("outlets"), {"corpus.jsonl": outlet_corpus()})
    mkdocs_build(project)
    with served(project / "site") as url:
        yield url


def all_charts_drawn(pg) -> int:
    """Wait until vega has drawn every chart of the page; how many there are."""
    figures = pg.locator("figure.sb-vega")
    pg.wait_for_function("() => [...document.querySelectorAll('figure.sb-vega')].every("
                         "f => f.classList.contains('sb-vega--drawn') && f.querySelector('.sb-vega__view svg'))")
    return figures.count()


def test_the_dashboard_fits_a_phone_with_every_chart_drawn_and_readable(browser, outlets_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    phone = context.new_page()
    errors = []
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    phone.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    phone.goto(f"{outlets_url}dashboard/")
    assert all_charts_drawn(phone) == 8
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert overflow(phone) == 0, width
    rights = phone.locator("figure.sb-vega, figure.sb-vega svg, .sb-summary, .sb-summary dd").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)")
    assert max(rights) <= 390
    # Drawn at the size it is shown (never scaled down), with text of 13 px.
    sizes = phone.locator("figure.sb-vega svg").evaluate_all(
        "els => els.map(s => [s.getBoundingClientRect().width, +s.getAttribute('width')])")
    assert all(abs(shown - drawn) < 1 for shown, drawn in sizes), sizes
    fonts = phone.locator("figure.sb-vega svg text").evaluate_all(
        "els => els.filter(t => t.textContent.trim()).map(t => parseFloat(getComputedStyle(t).fontSize))")
    assert fonts and min(fonts) >= 12, min(fonts)
    # Each figure says its n; the time lines and bars say what a small sample is.
    captions = phone.locator("figure.sb-vega figcaption").all_inner_texts()
    assert all("n = " in caption for caption in captions)
    assert "fewer than 10 articles" in phone.locator("figure#month-women figcaption").inner_text()
    phone.screenshot(path=str(SHOTS / "dashboard-phone.png"), full_page=True) if SHOTS.is_dir() else None
    print(f"\ndashboard at 390 px: scrollWidth {width}, {len(fonts)} chart labels, smallest {min(fonts)} px")
    assert errors == []
    context.close()


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_no_accessibility_violations_on_the_dashboard(browser, outlets_url, width, height):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.goto(f"{outlets_url}dashboard/")
    all_charts_drawn(pg)
    violations = Axe().run(pg).response["violations"]
    context.close()
    assert violations == [], [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
                              for v in violations]


def test_an_actor_page_narrows_to_one_outlet_and_one_month(page, outlets_url):
    page.goto(f"{outlets_url}actors/maria-lopez/")
    items = page.locator(".sb-actor-list > li")
    shown = lambda: items.evaluate_all(  # noqa: E731
        "els => els.filter(e => e.offsetParent !== null).map(e => [e.dataset.outlet, e.dataset.month])")
    everything = shown()
    assert len(everything) >= 16 and len({o for o, _ in everything}) == 4 and len({m for _, m in everything}) >= 4
    box = page.get_by_role("group", name="Narrow this page by outlet and month")
    box.get_by_label("Outlet").select_option(label="Harbor Post")
    harbor = shown()
    assert harbor and all(o == "Harbor Post" for o, _ in harbor) and len(harbor) < len(everything)
    assert box.locator(".sb-list-filter__count").inner_text() == f"{len(harbor)} of {len(everything)} shown"
    month = harbor[0][1]
    box.get_by_label("Month").select_option(value=month)
    assert shown() and all(item == ["Harbor Post", month] for item in shown())
    assert page.get_by_role("heading", name="Quotes (").is_visible()  # the sections stay
    box.get_by_label("Outlet").select_option(label="All outlets")
    box.get_by_label("Month").select_option(label="All months")
    assert len(shown()) == len(everything) and box.locator(".sb-list-filter__count").inner_text() == ""
    assert page.errors == []


FIRST = ("María", "John", "Ana", "Wei", "Olu", "Zoë", "Pierre", "Aisha")
LAST = ("López", "Smith", "Reyes", "Chen", "Adeyemi", "Ng", "Dubois", "Khan", "Zapata")


def many_actors(n: int) -> dict[str, str]:
    """The actors index's A–Z line and table body for `n` made-up actors, rendered by the
    real template (as `render._actors_index` does, without an index behind them)."""
    import re

    from builder.records import Actor
    from builder.render import TYPE_LABELS, _letter, environment

    types = list(TYPE_LABELS)
    rows, letters = [], {}
    actors = [Actor(id=f"a{i}", name=f"{FIRST[i % 8]} {LAST[i % 9]} {i}", type=types[i % 5],  # type: ignore[arg-type]
                    aliases=(f"{LAST[i % 9]} {i}",) if i % 5 == 0 else ()) for i in range(n)]
    for a in sorted(actors, key=lambda a: (a.name.lower(), a.id)):
        letter = _letter(a.name)
        anchor = None if letter in letters else f"letter-{letter.lower()}"
        letters.setdefault(letter, anchor)
        index = int(a.id[1:])
        rows.append({"anchor": anchor, "actor": a, "quotes": (index * 37) % 500, "articles": (index * 11) % 90,
                     "link": None})
    rows.sort(key=lambda row: -row["quotes"])
    page = environment(ROOT / "templates").get_template("actors.md.j2").render(rows=rows, letters=letters)
    return {"tbody": re.search(r"<tbody>.*</tbody>", page, re.S).group(),
            "nav": re.search(r'<nav class="sb-az".*?</nav>', page, re.S).group()}


def sort_ms(page, heading: str) -> float:
    """Milliseconds from a click on a column's heading to the sorted table laid out."""
    return page.evaluate("""name => {
        const button = [...document.querySelectorAll('.sb-actors thead button')].find(b => b.textContent === name);
        const start = performance.now();
        button.click();
        document.querySelector('.sb-actors table').getBoundingClientRect();  // layout included
        return performance.now() - start;
    }""", heading)


def test_the_actors_index_finds_pages_and_sorts_4000_actors_in_under_200_ms(page, base_url):
    import re

    made = many_actors(4000)

    def swap(route):
        html = route.fetch().text()
        html = re.sub(r"<tbody>.*</tbody>", lambda _: made["tbody"], html, count=1, flags=re.S)
        html = re.sub(r"<nav [^>]*sb-az[^>]*>.*?</nav>", lambda _: made["nav"], html, count=1, flags=re.S)
        route.fulfill(body=html, headers={"content-type": "text/html; charset=utf-8"})

    page.route("**/actors/", swap)
    page.goto(f"{base_url}actors/")
    rows = page.locator(".sb-actors tbody tr")
    count = page.locator(".sb-actors-tools__count")
    assert rows.count() == 100 and count.inner_text() == "1–100 of 4000 actors"
    quotes = [int(q) for q in column(page, 2)]
    assert quotes == sorted(((i * 37) % 500 for i in range(4000)), reverse=True)[:100]
    timings = {}
    for heading in ("Name", "Type", "Quotes", "Articles"):
        for turn in ("ascending", "descending"):
            timings[f"{heading} {turn}"] = sort_ms(page, heading)
            assert sorted_by(page) == {heading: turn}
    print("\nsorting 4000 actors (ms):", {k: round(v, 1) for k, v in timings.items()})
    assert max(timings.values()) < 200, timings
    articles = [int(n) for n in column(page, 3)]  # sorted by Articles, descending, last
    assert articles == sorted(articles, reverse=True) and articles[0] == 89
    sort_ms(page, "Name")
    names = column(page, 0)
    assert page.evaluate("n => n.every((x, i) => !i || new Intl.Collator(undefined, {numeric: true})"
                         ".compare(n[i - 1], x) <= 0)", names)
    # A page at a time.
    page.locator(".sb-pager").get_by_role("button", name="Next").click()
    assert count.inner_text() == "101–200 of 4000 actors" and rows.count() == 100 and column(page, 0)[0] != names[0]
    assert page.locator(".sb-pager__where").inner_text() == "Page 2 of 40"
    # Found by name or alias, accents or not, as one types.
    started = page.evaluate("""() => {
        const box = document.querySelector('.sb-actors-tools__find');
        const start = performance.now();
        box.value = 'lopez';
        box.dispatchEvent(new Event('input'));
        document.querySelector('.sb-actors table').getBoundingClientRect();
        return performance.now() - start;
    }""")
    assert started < 200
    found = [t.lower() for t in rows.all_inner_texts()]
    assert found and all("lópez" in t for t in found)
    assert re.fullmatch(r"(1–100 of )?\d+ matching actors \(4000 in all\)", count.inner_text()), count.inner_text()
    page.get_by_role("button", name="Person", exact=True).click()
    assert {r.get_attribute("data-type") for r in rows.all()} == {"person"}
    page.get_by_label("Find", exact=True).fill("zapata 8")
    assert all("zapata 8" in t.lower() for t in rows.all_inner_texts())
    page.get_by_label("Find", exact=True).fill("no such actor")
    assert rows.count() == 0 and count.inner_text() == "No actor matches"
    # A letter of the A–Z line shows every actor again and turns to the page of its first row.
    page.locator(".sb-az").get_by_role("link", name="Z", exact=True).click()
    assert page.locator("#letter-z").is_visible() and page.locator("#letter-z td").first.inner_text().startswith("Z")
    assert sorted_by(page) == {"Name": "ascending"} and page.get_by_label("Find", exact=True).input_value() == ""
    assert page.errors == []
