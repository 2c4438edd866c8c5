"""Pairing quotation marks in a paragraph."""
from __future__ import annotations

import pytest

from builder.annotate.marks import find_quoted


def texts(para: str):
    found, unbalanced = find_quoted(para)
    return [para[q.start:q.end] for q in found], unbalanced


@pytest.mark.parametrize(
    "para, quoted, unbalanced",
    [
        ("He said “yes, we will.”", ["yes, we will."], False),
        ('He said "yes, we will."', ["yes, we will."], False),
        ("“One,” she said, “two.”", ["One,", "two."], False),
        ("“It’s ‘fine,’ really,” he said.", ["It’s ‘fine,’ really,"], False),
        ("‘We will win,” she said.", ["We will win,"], False),          # a single mark opening, a double closing
        ("She said: ‘We don’t know.”", ["We don’t know."], False),       # an apostrophe inside is no close
        ("The ‘fine’ print, she said.", [], False),                       # single marks closed by a single mark
        ("Jones’ ‘plan’ is “bold,” she said.", ["bold,"], False),
        ("“This runs on into the next paragraph.", ["This runs on into the next paragraph."], False),
        ("A stray ” mark here and “a real quote.”", ["a real quote."], True),
        ("He said “this never closes and the article goes on.", [], True),
        ('Mixed "straight and curly” marks.', ["straight and curly"], False),
        ("No quotes at all.", [], False),
        ("''We will win,'' he said, ''and soon.''", ["We will win,", "and soon."], False),
        ("It was 5'11\" tall, “he said.”", ["he said."], True),
    ],
)
def test_find_quoted(para, quoted, unbalanced):
    assert texts(para) == (quoted, unbalanced)
