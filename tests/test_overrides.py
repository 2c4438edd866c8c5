"""Curated actors (`actors.yml`): merging, retyping, renaming, hiding, and every problem with its line."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from base import with_mentions as article

from builder.actors import resolve_actors
from builder.overrides import apply_overrides, load_overrides


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
