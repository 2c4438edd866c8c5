"""Slugs: lowercase ASCII, hyphens only, never empty."""
from __future__ import annotations

import re

import pytest

from builder.slugs import slugify


@pytest.mark.parametrize(
    "text, slug",
    [("Café Ünïcode — 2024", "cafe-unicode-2024"), ("My Story!", "my-story"), ("breitbart_2015-01-02", "breitbart-2015-01-02"),
     ("", "untitled"), ("a/../b", "a-b")],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["Владимир Путин", "习近平", "--", "محمد"])
def test_names_without_latin_letters_get_distinct_stable_slugs(text):
    slug = slugify(text)
    assert re.fullmatch(r"x-[0-9a-f]{8}", slug) and slugify(text) == slug
    assert slug != slugify(text + "x")


@pytest.mark.parametrize("text", ["a" * 300, "Word " * 100, "é" * 400, "id-" * 200])
def test_long_text_gets_a_bounded_stable_slug(text):
    from builder.slugs import MAX_SLUG

    slug = slugify(text)
    assert len(slug.encode()) <= MAX_SLUG and re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{8}", slug)
    assert slugify(text) == slug and slugify(text + "b") != slug


@pytest.mark.parametrize("variant", ["Владимир\u200d Путин", "\ufeffВладимир Путин", "Владимир Путин\u200f"])
def test_invisible_characters_never_change_an_address(variant):
    assert slugify(variant) == slugify("Владимир Путин")
