"""The gold-free check of a corpus's actors (builder/check.py) and its command."""
from __future__ import annotations

import dataclasses

import pytest

from base import actor, article, quote

from builder.check import check_actors
from builder.cli import main


def test_each_kind_of_finding_is_listed_and_a_clean_corpus_gives_none():
    text = "Ann Lee met Bo Lee and Ted Cruz. Ted Cruz Apologizes. “No,” Mrs. Lee said."
    q = quote("Mrs. Lee", "No,", text, actor="bo")
    people = [dataclasses.replace(actor("ann", "Ann Lee", ("a", 0, 7)), gender="female"),
              dataclasses.replace(actor("bo", "Bo Lee", ("a", 12, 18)), gender="male"),
              actor("cruz", "Ted Cruz", ("a", 23, 31)), actor("cruz-2", "Ted Cruz Apologizes", ("a", 33, 52)),
              actor("lee", "Lee", ("a", 60, 63)), actor("lee-group", "Lee", type="group")]
    kinds = sorted(f.kind for f in check_actors([article("a", text, quotes=(q,))], people))
    assert kinds == ["bare-name", "gender-conflict", "run-on-name", "type-split"]
    clean = [p for p in people if p.id in ("ann", "cruz")]
    assert check_actors([article("a", text)], clean) == []


def test_the_command_lists_nothing_on_the_sample_seeds(capsys):
    assert main(["check-actors", "seeds"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "0 findings over 1 article " in err


@pytest.mark.parametrize("people", [
    # a city and a person whose article calls him by the city's name
    [actor("madison", "Madison", type="place"),
     dataclasses.replace(actor("joe-madison", "Joe Madison"), aliases=("Madison",))],
    # a name that goes on as a name is no run-on
    [actor("mlk", "Martin Luther King Jr"), actor("ml", "Martin Luther")],
    [actor("epn", "Enrique Peña Nieto"), actor("ep", "Enrique Peña")],
])
def test_what_is_not_a_finding(people):
    assert check_actors([article("a", "Nothing here.")], people) == []
