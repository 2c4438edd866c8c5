"""People's names: parsing, one person in two forms, first names."""
from __future__ import annotations

import pytest

from builder.people import ends_with, first_name_gender, is_first_name, parse, same_person


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Jane Q. Public", "Jane Public", True),  # a middle initial
        ("Jane Quinn Public", "Jane Q. Public", True),  # a middle name and its initial
        ("Timothy Rook", "Tim Rook", True),  # a nickname
        ("William Rook", "Bill Rook", True),
        ("Robert Rook", "Bob Rook", True),
        ("J. Rook", "Jane Rook", True),  # an initial for the first name
        ("Jane Public", "John Public", False),  # family
        ("George H. W. Rook", "George W. Rook", False),  # middle initials that differ
        ("Ann Rook Jr.", "Ann Rook", False),  # a generational suffix
        ("Ann Rook Jr.", "Ann Rook Sr.", False),
        ("Ann Rook", "Ann Roe", False),
    ],
)
def test_same_person(a, b, same):
    assert same_person(parse(a), parse(b)) is same
    assert same_person(parse(b), parse(a)) is same


@pytest.mark.parametrize(
    "name, strict, parts",
    [
        ("Jane Q. Public", True, ("jane", ("q",), "public", "")),
        ("Ann Rook Jr.", True, ("ann", (), "rook", "jr")),
        ("Sen. Ann Rook", True, ("ann", (), "rook", "")),
        ("George H.W. Rook", True, ("george", ("h", "w"), "rook", "")),
        ("Rook", True, None),  # one word is no full name
        ("Wasserman Rook", True, None),  # may be a two-word surname alone
        ("Wasserman Rook", False, ("wasserman", (), "rook", "")),
    ],
)
def test_parse(name, strict, parts):
    found = parse(name, strict=strict)
    assert (found and (found.first, found.middle, found.last, found.suffix)) == parts


@pytest.mark.parametrize(
    "word, gender",
    [("Jane", "female"), ("John", "male"), ("Hillary", "female"), ("Ted", "male"),
     ("Pennsylvania", None), ("Twitter", None), ("Senate", None), ("x", None), ("J.", None)],
)
def test_first_names(word, gender):
    assert first_name_gender(word) == gender
    assert is_first_name(word) is (gender is not None)


@pytest.mark.parametrize(
    "full, short, expected",
    [("Debbie Wasserman Rook", "Wasserman Rook", True), ("Jane Rook", "Rook", True), ("Jane Rook", "rook", True),
     ("Jane Rook", "Jane Rook", False), ("Jane Rook", "Jane", False), ("Jane Rook", "", False)],
)
def test_ends_with(full, short, expected):
    assert ends_with(full.split(), short.split()) is expected


@pytest.mark.parametrize("name", ["Jane Doe", "De Blasio", "Los Angeles", "Mr Doe", "Doe Jr", "Jean-Luc Picard",
                                  "Beto O’Rourke", "Van Buren", "Ann and", "Dr Who"])
def test_two_word_names_parse_as_nameparser_says(name):
    """Two plain words take a shortcut around nameparser; it must give nameparser's answer."""
    from nameparser import HumanName
    parsed, human = parse(name, strict=False), HumanName(name)
    expected = (human.first.lower(), human.last.lower(), human.suffix.lower()) if human.first and human.last else None
    assert (parsed and (parsed.first, parsed.last, parsed.suffix)) == expected
