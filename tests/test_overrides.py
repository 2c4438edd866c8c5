"""Curated actors (`actors.yml`): merging, retyping, renaming, hiding, and every problem with its line."""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from base import with_mentions as article

from builder.actors import resolve_actors
from builder.overrides import SIZE_LIMIT, apply_overrides, load_overrides


def by_name(actors):
    return {a.name: a for a in actors}


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "actors.yml"
    path.write_text(textwrap.dedent(body), "utf-8")
    return path


def test_overrides_merge_retype_describe_rename_and_hide(tmp_path):
    a = article("a", "Jane Doe met Janie. Acme Corp agreed. Zed Thing came.",
                [("Jane Doe", "PERSON"), ("Janie", "PERSON"), ("Acme Corp", "PERSON"), ("Zed Thing", "ORG")])
    arts, actors = resolve_actors([a])
    overrides, problems = load_overrides([write(tmp_path, """
        Jane Doe:
          aliases: [Janie]
          description: Mayor of Springfield.
        acme-corp:
          type: organization
          name: Acme Corporation
        Zed Thing:
          hide: true
    """)])
    assert problems == []
    arts, actors, warnings = apply_overrides(arts, actors, overrides)
    assert warnings == []
    names = by_name(actors)
    assert set(names) == {"Jane Doe", "Acme Corporation"}
    assert names["Jane Doe"].aliases == ("Janie",) and names["Jane Doe"].description == "Mayor of Springfield."
    assert len(names["Jane Doe"].mentions) == 2
    assert names["Acme Corporation"].type == "organization" and names["Acme Corporation"].id == "acme-corp"


def test_override_for_unknown_actor_is_a_warning(tmp_path):
    a = article("a", "Jane Doe spoke.", [("Jane Doe", "PERSON")])
    arts, actors = resolve_actors([a])
    overrides, problems = load_overrides([write(tmp_path, "Nobody Here:\n  type: person\n")])
    assert problems == []
    _, after, warnings = apply_overrides(arts, actors, overrides)
    assert after == actors
    assert [str(w) for w in warnings] == [f"{tmp_path / 'actors.yml'}:1: no actor named 'Nobody Here'; entry ignored"]


@pytest.mark.parametrize(
    "body, where, message",
    [
        ("Jane Doe:\n  aliases: [Janie\n", ":3", "invalid YAML"),
        ("- Jane Doe\n", ":1", "expected a mapping of actor names to settings"),
        ("Jane Doe:\n  type: robot\n", ":2", "'Jane Doe': type 'robot' is not one of person, organization, place, group, other"),
        ("Jane Doe:\n  nickname: JD\n", ":2", "'Jane Doe': unknown key 'nickname'"),
        ("Jane Doe:\n  gender: woman\n", ":2", "'Jane Doe': gender 'woman' is not one of female, male, unknown"),
        ("Jane Doe:\n  aliases: Janie\n", ":2", "'Jane Doe': 'aliases' must be a list"),
        ("Jane Doe:\n  hide: maybe\n", ":2", "'Jane Doe': 'hide' must be a bool"),
        ("Jane Doe: person\n", ":1", "'Jane Doe': expected settings"),
    ],
)
def test_malformed_overrides_name_the_line_and_key(tmp_path, body, where, message):
    path = write(tmp_path, body)
    _, problems = load_overrides([path])
    assert len(problems) == 1
    assert problems[0].source == f"{path}{where}"
    assert problems[0].message.startswith(message)


def test_merge_keys_and_standard_tags_apply(tmp_path):
    a = article("a", "Jane Doe met John Roe.", [("Jane Doe", "PERSON"), ("John Roe", "PERSON")])
    arts, actors = resolve_actors([a])
    overrides, problems = load_overrides([write(tmp_path, """
        Jane Doe: &council
          type: person
          description: Member of the city council.
        John Roe:
          <<: *council
          name: !!str John Q. Roe
    """)])
    assert problems == []
    assert [(e.target, e.where.rpartition(":")[2]) for e in overrides.entries] == [("Jane Doe", "2"), ("John Roe", "5")]
    _, actors, _ = apply_overrides(arts, actors, overrides)
    names = by_name(actors)
    assert names["John Q. Roe"].description == "Member of the city council."
    assert names["John Q. Roe"].type == "person"


def test_a_curated_gender_wins_over_the_texts_evidence(tmp_path):
    from builder.gender import assign_genders

    a = article("a", "Jane Doe met John Roe.", [("Jane Doe", "PERSON"), ("John Roe", "PERSON")])
    arts, actors = resolve_actors([a])
    overrides, problems = load_overrides([write(tmp_path, "Jane Doe:\n  gender: unknown\nJohn Roe:\n  gender: female\n")])
    assert problems == []
    arts, actors, _ = apply_overrides(arts, actors, overrides)
    names = by_name(assign_genders(arts, actors))
    assert (names["Jane Doe"].gender, names["John Roe"].gender) == ("unknown", "female")
    assert by_name(assign_genders(*resolve_actors([a])))["Jane Doe"].gender == "female"  # what the name alone says


@pytest.mark.parametrize(
    "body, where, message",
    [
        ("Jane Doe:\n  type: !custom person\n", ":2", "unsupported tag !custom: only standard YAML types are read"),
        ("Jane Doe:\n  type: !!python/name:os.system\n", ":2", "unsupported tag !!python/name:os.system"),
        ("Jane Doe:\n  type: person\nJohn Roe:\n  hide: true\nJane Doe:\n  type: place\n", ":5",
         "duplicate key 'Jane Doe' (lines 1 and 5)"),
        ("Jane Doe:\n  aliases: [Janie]\n  type: person\n  aliases: [JD]\n", ":4", "duplicate key 'aliases' (lines 2 and 4)"),
        ("Jane Doe:\n  description: .nan\n", ":2", "Jane Doe.description: '.nan' is not a finite number; left out"),
        ("Jane Doe:\n  <<: [1]\n", ":2", "a merge key (<<) takes a mapping or a list of mappings"),
    ],
)
def test_bad_yaml_in_one_entry_leaves_only_that_entry_out(tmp_path, body, where, message):
    path = write(tmp_path, body + "Someone Else:\n  type: group\n")
    overrides, problems = load_overrides([path])
    assert [(p.source, p.message[:len(message)]) for p in problems] == [(f"{path}{where}", message)]
    assert "Someone Else" in [e.target for e in overrides.entries]
    assert "Jane Doe" not in [e.target for e in overrides.entries]


def test_an_alias_under_two_entries_is_an_error_naming_both(tmp_path):
    path = write(tmp_path, """\
        Jane Doe:
          aliases: [JD, Janie]
        John Roe:
          type: person
        Jay Dee:
          aliases: [jd]
    """)
    overrides, problems = load_overrides([path])
    assert [str(p) for p in problems] == [
        f"{path}:5: alias 'jd' is listed under both 'Jane Doe' ({path}:1) and 'Jay Dee' ({path}:5); both entries left out"]
    assert [e.target for e in overrides.entries] == ["John Roe"]


def test_an_alias_equal_to_another_entry_name_is_an_error(tmp_path):
    path = write(tmp_path, "Jane Doe:\n  aliases: [Janie]\nJANIE:\n  type: person\nActo:\n  name: Acme Corp\n"
                           "Acme:\n  aliases: [acme corp]\n")
    overrides, problems = load_overrides([path])
    assert [str(p) for p in problems] == [
        f"{path}:1: alias 'Janie' of 'Jane Doe' ({path}:1) is the name of 'JANIE' ({path}:3); both entries left out",
        f"{path}:7: alias 'acme corp' of 'Acme' ({path}:7) is the name of 'Acto' ({path}:5); both entries left out",
    ]
    assert overrides.entries == []


def test_clashes_across_files_are_reported_the_same_way(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", "Jane Doe:\n  aliases: [Janie]\nJohn Roe:\n  aliases: [Johnny]\n")
    second = write(tmp_path / "b", "# curated elsewhere\nJanie Smith:\n  aliases: [janie]\nJohn Roe:\n  aliases: [Johnny]\n")
    overrides, problems = load_overrides([first, second])
    assert [str(p) for p in problems] == [
        f"{second}:2: alias 'janie' is listed under both 'Jane Doe' ({first}:1) and 'Janie Smith' ({second}:2); "
        "both entries left out"]
    # the same actor curated in two files may repeat its aliases
    assert [e.where for e in overrides.entries] == [f"{first}:3", f"{second}:4"]


def test_runaway_aliases_and_oversized_files_are_refused(tmp_path):
    laughs = "x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefg", "bcdefgh"))
    path = write(tmp_path, laughs.replace("x:", "a:"))
    _, problems = load_overrides([path])
    assert [str(p) for p in problems] == [f"{path}:5: aliases expand this document past the limit of {SIZE_LIMIT:,} bytes"]
    path.write_text("# padding\n" * (SIZE_LIMIT // 10 + 1), "utf-8")
    overrides, problems = load_overrides([path])
    assert [str(p) for p in problems] == [f"{path}: over the size limit of {SIZE_LIMIT:,} bytes; file ignored"]
    assert overrides.entries == []


def test_only_regular_files_are_read(tmp_path):
    fifo = tmp_path / "actors.yml"
    os.mkfifo(fifo)
    _, problems = load_overrides([fifo])
    assert [str(p) for p in problems] == [f"{fifo}: not a regular file; ignored"]
