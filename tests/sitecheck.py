"""Helpers to read a built site: pages, links, and whether links resolve."""
from __future__ import annotations

import gzip
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "link" and a.get("href") and a.get("rel") == "stylesheet":
            self.links.append(a["href"])
        if tag == "script" and a.get("src"):
            self.links.append(a["src"])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def page_file(site: Path, url_path: str) -> Path | None:
    """The file a static server would send for a site-relative URL path."""
    target = site / unquote(url_path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def broken_links(site: Path, prefix: str = "/") -> list[str]:
    """Every internal link (and fragment) that does not resolve, served under `prefix`."""
    broken = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        page_url = prefix + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
        for href in parse(html).links:
            parts = urlparse(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            absolute = urlparse(urljoin("http://host" + page_url, href))
            if not absolute.path.startswith(prefix):
                broken.append(f"{rel}: {href} leaves {prefix}")
                continue
            target = page_file(site, absolute.path[len(prefix) - 1:])
            if target is None:
                broken.append(f"{rel}: {href}")
            elif absolute.fragment and target.suffix == ".html" and absolute.fragment not in parse(target).ids:
                broken.append(f"{rel}: {href} (no #{absolute.fragment})")
    return broken


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class _Quoted(HTMLParser):
    """Re-serialises HTML with every attribute value in double quotes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []

    def _tag(self, tag, attrs, close=""):
        parts = "".join(f' {k}' if v is None else f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs)
        self.out.append(f"<{tag}{parts}{close}>")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, "/")

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def read_html(path: Path) -> str:
    """A built page's HTML with its attributes quoted ("href=x" → 'href="x"'):
    the site is minified, and tests read it as the browser does."""
    parser = _Quoted()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return "".join(parser.out)


def search_index(site: Path) -> dict[str, str]:
    """Each page Pagefind indexed (its URL) and the text it holds for it; the
    fragments under pagefind/fragment/ (and pagefind/part-N/fragment/ when the index
    comes in parts) are gzipped JSON after a signature."""
    pages = {}
    for path in sorted((site / "pagefind").glob("**/fragment/*.pf_fragment")):
        data = _fragment(path)
        assert data["url"] not in pages, f"{data['url']} is indexed twice"
        pages[data["url"]] = data["content"]
    return pages


def _fragment(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))


def search_index_url(fragment: Path) -> str:
    """The URL of the page a Pagefind fragment file holds."""
    return _fragment(fragment)["url"]
