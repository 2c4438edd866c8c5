"""What a reader sees, in a real headless Chromium driven by Playwright.

The sample site is served under a sub-path (/sub/) as GitHub Pages would.
Screenshots are saved under test-artifacts/screenshots/.
"""
from __future__ import annotations

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


@pytest.fixture(scope="module")
def base_url(sample_site):
    handler = functools.partial(_SubPathHandler, directory=str(sample_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


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
    assert page.errors == []


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


@pytest.mark.parametrize(
    "query, target",
    [("Haass", "actors/richard-haass"), ("Bibi", "actors/benjamin-netanyahu"), ("transfusion", "articles/")],
    ids=["actor-by-name", "actor-by-alias", "article-by-quoted-word"],
)
def test_search_finds(page, base_url, query, target):
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    result = page.locator(f".md-search-result__item a[href*='{target}']").first
    result.wait_for(timeout=15000)
    assert result.is_visible()
    assert page.errors == []


@pytest.mark.parametrize("path", ["", "actors/", "actors/richard-haass/", "ARTICLE"])
def test_no_serious_accessibility_violations(page, base_url, sample_site, path):
    from axe_playwright_python.sync_playwright import Axe

    url = article_url(base_url, sample_site) if path == "ARTICLE" else base_url + path
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
