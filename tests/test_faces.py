"""Other generators than MkDocs build the same site: `python -m builder pages DIR` then
`zensical build` (checked in Chromium), and ProperDocs with the project's own config."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from test_browser import browser  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("zensical") / "pages"
    run(sys.executable, "-m", "builder", "pages", str(folder))
    run(str(BIN / "zensical"), "build", cwd=folder)
    run(sys.executable, "-m", "builder", "search", str(folder / "site"))
    return folder / "site"


@pytest.fixture(scope="module")
def mkdocs_pages(sample_site) -> dict[str, str]:
    return {p.relative_to(sample_site).as_posix(): p.read_text("utf-8")
            for p in sample_site.rglob("index.html")}


def test_zensical_builds_every_page_mkdocs_builds_with_the_same_data(zensical_site, mkdocs_pages, sample_site):
    built = {p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("index.html")}
    assert set(mkdocs_pages) <= built
    for data in ("data/annotations.jsonl", "data/quotes.csv", "data/sourcebook.sqlite"):
        assert (zensical_site / data).read_bytes() == (sample_site / data).read_bytes(), data


def test_a_second_pages_run_writes_nothing_and_a_folder_not_ours_is_refused(tmp_path):
    folder = tmp_path / "pages"
    run(sys.executable, "-m", "builder", "pages", str(folder))
    again = run(sys.executable, "-m", "builder", "pages", str(folder))
    assert ": 0 file(s) written" in again.stderr
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.md").write_text("keep")
    proc = subprocess.run([sys.executable, "-m", "builder", "pages", str(mine)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1 and "is not a folder Sourcebook wrote" in proc.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.md"]


@pytest.mark.browser
def test_zensicals_article_and_actor_pages_read_as_mkdocs_ones(zensical_site, browser):  # noqa: F811
    from test_browser import served

    with served(zensical_site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        (article,) = [p.name for p in (zensical_site / "articles").iterdir() if p.is_dir()]
        page.goto(f"{url}articles/{article}/")
        assert page.locator(".sb-quote").count() >= 10 and page.locator(".sb-tag--named").count() >= 1
        assert page.locator(".footnote li").count() == page.locator(".sb-quote").count()
        page.locator(".sb-tag__name[href]").first.click()
        assert "/actors/" in page.url and page.locator("h1").count() == 1
        page.goto(f"{url}actors/richard-haass/")
        assert "Haass" in page.locator("h1").inner_text()
        page.locator("article a[href*='articles/']").first.click()
        assert page.url.split("#")[0] == f"{url}articles/{article}/"
        page.goto(f"{url}actors/richard-haass/")
        page.keyboard.press("Control+k")
        page.keyboard.type("Bibi")
        found = page.locator(".sb-search [role=option][href*='actors/benjamin-netanyahu/']").first
        found.wait_for(timeout=15000)
        assert errors == []
        context.close()


def test_properdocs_builds_the_project_as_it_is(tmp_path):
    out = tmp_path / "site"
    proc = run(str(BIN / "properdocs"), "build", "-f", "mkdocs.yml", "--site-dir", str(out))
    assert "Pagefind indexed" in proc.stderr
    (article,) = [p for p in (out / "articles").iterdir() if p.is_dir()]
    assert (article / "index.html").read_text("utf-8").count("sb-quote") >= 10
    assert (out / "actors" / "richard-haass" / "index.html").is_file() and (out / "data" / "quotes.csv").is_file()
