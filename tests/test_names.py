"""Names as strings: cleaning mentions, telling names from junk and from debris."""
from __future__ import annotations

import pytest

from builder.names import clean_name, is_debris, is_junk, looks_like_name


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("President Jane Doe", "Jane Doe"),
        ("Doe's", "Doe"),
        ("Doe’s", "Doe"),
        ("Sen. Chris Coons", "Chris Coons"),
        ("the White House", "White House"),
        ("Former Gov. Ann Lee", "Ann Lee"),
    ],
)
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean


@pytest.mark.parametrize("name", ["fed", "A", "2024", "1990s", "he", "They", "Oops!", "Advertisement", "x"])
def test_junk_is_never_an_actor(name):
    assert is_junk(clean_name(name))


@pytest.mark.parametrize("name", ["Jane Doe", "NATO", "U.N.", "Gaza", "3M"])
def test_names_are_not_junk(name):
    assert not is_junk(clean_name(name))


@pytest.mark.parametrize(
    "text, expected",
    [("Senate Republicans", True), ("Jane Doe", True), ("the senior officials", False),
     ("Former Gov. Ann Lee", True), ("he", False), ("Advertisement", False)],
)
def test_looks_like_name(text, expected):
    assert looks_like_name(text) is expected


@pytest.mark.parametrize("line, expected", [("• Share this article", True), ("", True), ("The mayor spoke.", False)])
def test_debris_lines(line, expected):
    assert is_debris(line) is expected
