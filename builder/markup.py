"""Markup left in scraped text, made plain: embedded posts become labelled text, tags go.

Corpora scraped from the web keep some of the page's markup in their text:
embedded tweets (`<tweet author="…">…</tweet>`, `<tweet tweet-id="…"><tweet/>`),
Twitter's `<blockquote class="twitter-tweet">`, links (`<a href="…">…</a>`).
Shown as they are, they are literal tags on the page; read as text, their
attributes (`pic=""`) look like quotation marks. Reading keeps the words a
reader would see and says where a post was embedded:

    <tweet author="@jdoe" datetime="2016-02-09">We won.</tweet>   →  [Tweet by @jdoe] We won.
    <tweet tweet-id="6721…"><tweet/>                               →  [Embedded tweet]

Only the tags listed here are touched: "a < b > c" and `<script>` are text.
"""
from __future__ import annotations

import bisect
import difflib
import html
import re
from collections.abc import Callable

# Tags that are page furniture: removed, their words kept.
# Others (`<script>`, say) stay, as text: an article may be about them, and the page escapes them.
_TAGS = ("a", "abbr", "b", "blockquote", "br", "cite", "div", "em", "figcaption", "figure", "h[1-6]", "hr",
         "i", "li", "ol", "p", "small", "span", "strong", "sub", "sup", "u", "ul")
_TAG = re.compile(r"</?(?:" + "|".join(_TAGS) + r")(?:\s[^<>]*)?/?>", re.I)
# An embedded post: its opening tag, and whatever closes it (`</tweet>`, or `<tweet/>` as some scrapers write it).
_POST_OPEN = re.compile(r"<(tweet|blockquote)\b([^<>]*)>", re.I)
_POST_CLOSE = re.compile(r"</tweet\s*>|<tweet\s*/>", re.I)
_AUTHOR = re.compile(r"""\b(?:tweet-)?author\s*=\s*["“”]([^"“”<>\n]{1,40})["“”]""", re.I)
_HANDLE = re.compile(r"@?[A-Za-z0-9_]{1,30}")


def _label(match: re.Match) -> str:
    name, attributes = match.group(1).lower(), match.group(2)
    if attributes.rstrip().endswith("/"):  # `<tweet/>`: a close, removed below
        return match.group()
    if name == "blockquote" and "twitter" not in attributes.lower():
        return ""
    rest = match.string[match.end():match.end() + 12]
    if _POST_CLOSE.match(rest):  # nothing inside: the post itself is not in the text
        return "[Embedded tweet]"
    author = _AUTHOR.search(attributes)
    if author and _HANDLE.fullmatch(author.group(1).strip()):
        return f"[Tweet by @{author.group(1).strip().lstrip('@')}] "
    return "[Tweet] "


def plain(text: str) -> str:
    """`text` without the markup of embedded posts and page tags (see the module)."""
    if "<" not in text:
        return text
    cleaned = _TAG.sub("", _POST_CLOSE.sub("", _POST_OPEN.sub(_label, text)))
    # Entities come with the page's markup ("&mdash;"); in text without it, "&amp;" may be meant.
    return html.unescape(cleaned) if cleaned != text else text



def to_source(shown: str, source: str) -> Callable[[int], int]:
    """A map from offsets in `shown` (the text as `plain` made it) to offsets in `source`
    (the text as written): an offset in unchanged text keeps its place; one inside words
    the reading added ("[Tweet by @jdoe] ") goes to the end of what they replace."""
    if shown == source:
        return lambda offset: offset
    blocks = difflib.SequenceMatcher(None, shown, source, autojunk=False).get_matching_blocks()
    starts = [i for i, _, _ in blocks]

    def offset_in_source(offset: int) -> int:
        i, j, n = blocks[max(0, bisect.bisect_right(starts, offset) - 1)]
        return j + min(offset - i, n) if offset >= i else j
    return offset_in_source
