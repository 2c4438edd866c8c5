"""Slugs: lowercase ASCII, hyphens only, never empty."""
from __future__ import annotations

import pytest

from builder.slugs import slugify


@pytest.mark.parametrize(
    "text, slug",
    [("Café Ünïcode — 2024", "cafe-unicode-2024"), ("My Story!", "my-story"), ("breitbart_2015-01-02", "breitbart-2015-01-02"),
     ("Владимир Путин", "untitled"), ("--", "untitled"), ("a/../b", "a-b")],
)
def test_slugify(text, slug):
    assert slugify(text) == slug
