"""Pair quotation marks in a paragraph. Pure string work, no spaCy."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .. import lexicon as lx

log = logging.getLogger(__name__)

_OPEN = lx.QUOTE_PAIRS
_CLOSE = lx.CLOSING_ONLY


@dataclass(frozen=True)
class Quoted:
    """Text between a pair of marks: `start`/`end` exclude the marks.

    `open_end` is true when the quote runs past the paragraph (no closing mark).
    """

    start: int
    end: int
    open_end: bool = False
    outer_start: int = -1  # index of the opening mark
    outer_end: int = -1  # index just past the closing mark


def _straight_is_opening(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    if before.isspace() or before in lx.STRAIGHT_OPENERS:
        return not after.isspace()
    return False


# What decides a single opening mark: a closing double mark (it opens a quotation), or a
# double opening mark or a single mark that closes a word (it does not).
_MISMATCH_STOP = re.compile(r"[”“\"]|’(?![^\W\d_])")


def _opens_mismatched(text: str, i: int, seen: list[tuple[int, bool]]) -> bool:
    """True for a single opening mark closed by a double one ("‘We will win,” she said"):
    it opens a word, and a closing double mark follows before any double opening mark
    or any single mark that closes it. `seen` holds the last (stop, answer) found in this
    text: marks before the same stop share its answer, so a paragraph is scanned once."""
    if not _straight_is_opening(text, i):
        return False
    if not seen or seen[0][0] <= i:
        stop = _MISMATCH_STOP.search(text, i + 1)
        seen[:] = [(stop.start() if stop else len(text), bool(stop) and stop.group() == "”")]
    return seen[0][1]


def find_quoted(text: str) -> tuple[list[Quoted], bool]:
    """Find quoted stretches in one paragraph.

    Returns the stretches and whether the marks were unbalanced. An opening
    mark left unclosed at the end yields an `open_end` stretch only when it
    opened the paragraph (a quote running on into the next paragraph); any
    other unbalanced mark is dropped rather than swallowing the text after it.
    """
    found: list[Quoted] = []
    unbalanced = False
    opened: int | None = None  # index just past the opening mark
    closer = ""
    open_width = 1
    i = 0
    seen: list[tuple[int, bool]] = []
    while i < len(text):
        ch, width = text[i], 1
        if ch == "‘" and opened is None and _opens_mismatched(text, i, seen):
            opened, closer, open_width = i + 1, "”", 1  # a single mark opening, a double one closing
            i += 1
            continue
        if text.startswith("''", i) or text.startswith("``", i):
            ch, width = '"', 2  # typewriter-style double quotes
        if ch not in _OPEN and ch not in _CLOSE and ch != '"':
            i += 1
            continue
        if opened is None:
            if ch in _OPEN or (ch == '"' and _straight_is_opening(text, i, width)):
                opened, closer, open_width = i + width, _OPEN.get(ch, '"'), width
            else:
                unbalanced = True
        elif ch == closer or ch in _CLOSE or ch == '"':
            found.append(Quoted(opened, i, False, opened - open_width, i + width))
            opened = None
        elif ch in _OPEN and closer != '"':
            # A second opening mark before the first closed: the first was stray.
            unbalanced = True
            opened, closer, open_width = i + width, _OPEN[ch], width
        i += width
    if opened is not None:
        at_start = text[_first_visible(text):opened] in lx.PARAGRAPH_OPENERS
        unbalanced = unbalanced or not at_start
        if at_start:
            found.append(Quoted(opened, len(text.rstrip()), True, opened - open_width, len(text.rstrip())))
    return [_trim(text, q) for q in found if text[q.start:q.end].strip()], unbalanced


def _first_visible(text: str) -> int:
    return len(text) - len(text.lstrip())


def _trim(text: str, q: Quoted) -> Quoted:
    start, end = q.start, q.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quoted(start, end, q.open_end, q.outer_start, q.outer_end)
