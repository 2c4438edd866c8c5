"""A corpus by outlet and over time, as a reader uses it in Chromium: the outlet pages, the
articles index's menus and the search page's filters and date order (issue 26)."""
from __future__ import annotations

import pytest

from conftest import make_project, mkdocs_build
from test_browser import REVIEW_SEEDS, browser, served  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

SEEDS = {
    **REVIEW_SEEDS,
    "ferry.md": """
        ---
        title: Ferry fares rise
        outlet: metro-online
        date: 2024-05-20
        ---

        “Fares go up in June,” said Transit Director Lena Wu.
    """,
    "notes.txt": """
        Council notes

        “The minutes are online,” the clerk said.
    """,
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """Three outlets (one given as a slug), four dates and an article with neither, served under a sub-path."""
    project = make_project(tmp_path_factory.mktemp("corpus"), SEEDS)
    (project / "seeds" / "outlets.yml").write_text("metro-online: Metro Daily Online\n", "utf-8")
    mkdocs_build(project)
    with served(project / "site") as url:
        yield url


@pytest.fixture
def pg(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def results(page) -> list[str]:
    page.locator(".sb-search-page__count").filter(has_text="found").wait_for()
    return page.locator(".sb-search-page__results > li > a").all_inner_texts()


def test_every_outlet_has_a_page_named_as_curated_or_written(pg, site_url):
    pg.goto(site_url + "outlets/")
    names = pg.locator("table th[scope=row]").all_inner_texts()
    assert names == ["Metro Daily", "Metro Daily Online", "Valley Herald", "No outlet given"]
    pg.get_by_role("link", name="Metro Daily Online").click()
    assert pg.url == site_url + "outlets/metro-online/"
    assert pg.locator("h1").inner_text().rstrip("¶") == "Metro Daily Online"
    assert "Ferry fares rise" in pg.locator(".sb-article-list").inner_text()
    assert "Lena Wu" in pg.locator(".sb-top").inner_text()
    assert pg.errors == []


def test_the_home_page_names_the_corpus(pg, site_url):
    pg.goto(site_url)
    said = pg.locator(".sb-corpus").inner_text()
    assert "4 articles" in said and "3 outlets" in said and "1 with no outlet given" in said
    assert "2024-03-02 to 2024-05-20" in said and "1 with no date given" in said


def test_the_articles_index_narrows_to_one_outlet_and_one_month(pg, site_url):
    pg.goto(site_url + "articles/")
    shown = lambda: pg.locator(".sb-article-list > li:not([hidden]) > a").all_inner_texts()  # noqa: E731
    assert len(shown()) == 4
    pg.get_by_label("Outlet").select_option(label="Metro Daily Online")
    assert shown() == ["Ferry fares rise"]
    pg.get_by_label("Outlet").select_option(label="All outlets")
    pg.get_by_label("Month").select_option(label="March 2024")
    assert shown() == ["Harbor plan approved"]
    assert [h.rstrip("¶") for h in pg.locator("h2:not([hidden])").all_inner_texts()] == ["March 2024"]
    assert "1 of 4 shown" in pg.locator(".sb-list-filter__count").inner_text()


def test_search_filters_by_outlet_month_and_kind_of_page_and_orders_by_date(pg, site_url):
    pg.goto(site_url + "search/")
    pg.locator(".sb-search-page[data-ready]").wait_for()
    pg.locator("select[data-filter=type]").select_option("Article")
    assert sorted(results(pg)) == ["Council notes", "Ferry fares rise", "Harbor plan approved", "School budget vote"]
    pg.locator("select[name=sort]").select_option(label="Newest first")
    pg.wait_for_timeout(300)
    dated = [t for t in results(pg) if t in ("Ferry fares rise", "Harbor plan approved", "School budget vote")]
    assert dated == ["Ferry fares rise", "School budget vote", "Harbor plan approved"]
    pg.locator("select[data-filter=outlet]").select_option("Metro Daily")
    pg.wait_for_timeout(300)
    assert results(pg) == ["Harbor plan approved"]
    pg.locator("select[data-filter=outlet]").select_option("")
    pg.locator("select[data-filter=month]").select_option("2024-04")
    pg.wait_for_timeout(300)
    assert results(pg) == ["School budget vote"]
    pg.locator("select[data-filter=month]").select_option("")
    pg.locator("select[name=sort]").select_option("")  # a date order lists dated pages only
    pg.locator("select[data-filter=type]").select_option("Outlet")
    pg.wait_for_timeout(300)
    assert sorted(results(pg)) == ["Metro Daily", "Metro Daily Online", "Valley Herald"]
    assert pg.errors == []


def test_search_leaves_the_index_pages_out(pg, site_url):
    pg.goto(site_url + "search/")
    pg.locator(".sb-search-page[data-ready]").wait_for()
    pg.get_by_label("Words").fill("articles")
    pg.wait_for_timeout(500)
    found = pg.locator(".sb-search-page__results > li > a").evaluate_all("els => els.map(e => e.href)")
    for index in ("articles/", "actors/", "sources/", "dashboard/", "review/", "outlets/", "search/"):
        assert site_url + index not in found
    assert site_url not in found


@pytest.mark.parametrize("path", ["outlets/", "outlets/metro-online/", "search/", "articles/"])
@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_outlet_and_search_pages_fit_a_phone_and_pass_axe(browser, site_url, path, width, height):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url + path)
    if path == "search/":
        page.locator(".sb-search-page[data-ready]").wait_for()
    violations = Axe().run(page).response["violations"]
    wide = overflow(page)
    context.close()
    assert wide == 0
    assert violations == [], [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
