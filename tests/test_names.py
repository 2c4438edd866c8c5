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
        # quote marks, brackets, markup, links, poll figures left by scraping
        ("Jane Doe '", "Jane Doe"),
        ("Jane] Doe", "Jane Doe"),
        ("“Jane Doe”", "Jane Doe"),
        ("Port Ellis.</tweet>", "Port Ellis"),
        ("Jane Doe: http://bit.ly/x1", "Jane Doe"),
        ("Doe 34 percent", "Doe"),
        ("Doe 42-40", "Doe"),
        ("Jane Doe 3", "Jane Doe"),
        ("Jane Doe (D)", "Jane Doe"),
        # words run together across a missing space; brands and Mc/De names stay
        ("Jane DoeRep", "Jane Doe"),
        ("Ann LeeJo RoeSen", "Ann Lee"),
        ("DoeSen", "Doe"),
        ("PolitiFact", "PolitiFact"),
        ("Kevin McCarthy", "Kevin McCarthy"),
        ("Ron DeSantis", "Ron DeSantis"),
        ("O'Brien", "O'Brien"),
        ("Beto O’Rourke", "Beto O’Rourke"),
        # trailing lowercase words and titles are not the name; connectors keep it
        ("Harbor Trust Chair", "Harbor Trust"),
        ("Twitter junkie", "Twitter"),
        ("Office of the President", "Office of the President"),
        ("Alderman Jo Roe", "Jo Roe"),
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
