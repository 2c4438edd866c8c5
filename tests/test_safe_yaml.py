"""The one YAML reader for user files: ordinary YAML in, JSON-safe data out; hostile YAML refused quickly, with its line."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from conftest import ROOT

from builder import safe_yaml
from builder.safe_yaml import LIMIT, MAX_DEPTH, YamlError, load, load_entries

# Nine levels of nine aliases: 9**9 "lol"s if expanded, 342 bytes of text.
LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))

MERGED = """\
base: &base {type: person, note: from base}
other: &other {type: place, extra: from other}
jane:
  <<: [*base, *other]
  note: own
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(MERGED, {"base": {"type": "person", "note": "from base"},
                              "other": {"type": "place", "extra": "from other"},
                              "jane": {"type": "person", "extra": "from other", "note": "own"}}, id="merge-keys"),
        pytest.param("a: &n Jane\nb: *n\nc: [*n]\n", {"a": "Jane", "b": "Jane", "c": ["Jane"]}, id="anchors"),
        pytest.param("date: 2024-05-01\nupdated: 2024-05-02\n", {"date": "2024-05-01", "updated": "2024-05-02"},
                     id="dates"),
        pytest.param("at: 2024-05-01 10:30:00\nutc: 2024-05-01T10:30:00Z\n",
                     {"at": "2024-05-01T10:30:00", "utc": "2024-05-01T10:30:00+00:00"}, id="datetimes"),
        pytest.param("a: 1\nb: 1.5\nc: 0x1F\nd: true\ne: ~\nf: =\n",
                     {"a": 1, "b": 1.5, "c": 31, "d": True, "e": None, "f": "="}, id="plain-values"),
        pytest.param("a: !!str 12\nb: !!int '7'\nc: !!float '1'\nd: !!bool yes\n",
                     {"a": "12", "b": 7, "c": 1.0, "d": True}, id="standard-tags"),
        pytest.param("tags: !!set {b, a, c}\n", {"tags": ["a", "b", "c"]}, id="set-sorted-list"),
        pytest.param("o: !!omap [{b: 1}, {a: 2}]\n", {"o": [{"b": 1}, {"a": 2}]}, id="omap-list"),
        pytest.param("1: a\ntrue: b\n2024-05-01: c\n1.50: d\n~: e\n",
                     {"1": "a", "true": "b", "2024-05-01": "c", "1.50": "d", "~": "e"}, id="keys-as-written"),
        pytest.param("a: .nan\nb: [1, .inf, -.inf, 2]\nc: 3\n", {"b": [1, 2], "c": 3}, id="non-finite-dropped"),
        pytest.param("b: !!binary aGk=\nc: 1\n", {"c": 1}, id="binary-dropped"),
        pytest.param("- [a, [b, {c: d}]]\n", [["a", ["b", {"c": "d"}]]], id="nested"),
        pytest.param("# nothing\n", None, id="empty"),
    ],
)
def test_values_are_json_safe(text, expected):
    value = load(text).value
    assert value == expected
    json.dumps(value, allow_nan=False)


@pytest.mark.parametrize(
    "text, line, message",
    [
        pytest.param("x: !!python/object/apply:os.system ['echo hi']\n", 1,
                     "unsupported tag !!python/object/apply:os.system: only standard YAML types are read", id="python"),
        pytest.param("a: 1\nx: !custom 5\n", 2, "unsupported tag !custom", id="custom-scalar"),
        pytest.param("x: !thing {a: 1}\n", 1, "unsupported tag !thing", id="custom-mapping"),
        pytest.param("x: !!set [a]\n", 1, "unsupported tag !!set", id="set-on-a-list"),
        pytest.param("title: A\nby: B\ntitle: C\n", 3, "duplicate key 'title' (lines 1 and 3)", id="duplicate"),
        pytest.param("a:\n  x: 1\n  x: 2\n", 3, "duplicate key 'x' (lines 2 and 3)", id="duplicate-nested"),
        pytest.param("1: a\n'1': b\n", 2, "duplicate key '1' (lines 1 and 2)", id="duplicate-as-text"),
        pytest.param("? [a, b]\n: 1\n", 1, "a key must be a single value, not a list or mapping", id="list-key"),
        pytest.param("a: &a [1, *a]\n", 1, "an alias makes this value contain itself", id="self-alias"),
        pytest.param("a: &a {x: 1, <<: *a}\n", 1, "an alias makes this value contain itself", id="self-merge"),
        pytest.param("a: 1\n<<: 5\n", 2, "a merge key (<<) takes a mapping or a list of mappings", id="bad-merge"),
        pytest.param("date: 2024-02-30\n", 1, "cannot read '2024-02-30' as !!timestamp: day is out of range",
                     id="impossible-date"),
        pytest.param("n: " + "9" * 5000 + "\n", 1, "cannot read '9999", id="huge-integer"),
        pytest.param("x: *nope\n", 1, "invalid YAML: found undefined alias 'nope'", id="undefined-alias"),
        pytest.param("a: [1, 2\n", 2, "invalid YAML: while parsing a flow sequence", id="syntax"),
        pytest.param("a: 1\n---\nb: 2\n", 2, "invalid YAML: expected a single document", id="two-documents"),
        pytest.param("a: \x07\n", 1, "invalid YAML: character #x0007", id="control-character"),
        pytest.param("a:\n  " + "[" * 5000 + "]" * 5000, 2, f"nested deeper than {MAX_DEPTH} levels", id="deep"),
    ],
)
def test_errors_name_the_line(text, line, message):
    with pytest.raises(YamlError) as caught:
        load(text)
    assert caught.value.line == line
    assert caught.value.message.startswith(message)
    assert str(caught.value).startswith(f"line {line}: ")


def test_billion_laughs_is_refused_quickly():
    assert len(LAUGHS) < 400
    start = time.perf_counter()
    with pytest.raises(YamlError) as caught:
        load(LAUGHS)
    assert time.perf_counter() - start < 1.0
    assert caught.value.message == f"aliases expand this document past the limit of {LIMIT:,} bytes"
    assert caught.value.line == 5  # "e:", where nine to the fifth "lol"s pass the limit


def test_aliases_within_the_limit_are_expanded():
    value = load(LAUGHS.split("d:")[0]).value  # three levels: 729 "lol"s
    assert len(value["c"]) == 9 and value["c"][0] == value["b"]
    with pytest.raises(YamlError, match="past the limit of 1,000 bytes"):
        load(LAUGHS.split("d:")[0], limit=1000)


def test_text_over_the_limit_is_refused():
    with pytest.raises(YamlError) as caught:
        load("a: " + "é" * 40_000)
    assert caught.value.message == f"80,003 bytes of YAML is over the limit of {LIMIT:,} bytes"
    assert caught.value.line is None
    assert load("a: b", limit=4).value == {"a": "b"}
    with pytest.raises(YamlError, match="5 bytes of YAML is over the limit of 4 bytes"):
        load("a: bc", limit=4)


def test_a_document_near_the_limit_without_aliases_is_read():
    text = "".join(f"key{i:04}: [{'x' * 16}, {i}, {{a: b}}]\n" for i in range(1560))
    assert LIMIT - 3000 < len(text) < LIMIT
    assert len(load(text).value) == 1560


def test_dropped_values_are_warnings_with_line_and_path():
    doc = load("title: T\nscore: .nan\nlist: [1, .inf]\nblob: !!binary aGk=\nodd: \"a\\ud800\"\n")
    assert doc.value == {"title": "T", "list": [1], "odd": "a\ufffd"}
    assert [(w.line, w.path, w.message) for w in doc.warnings] == [
        (2, ("score",), "score: '.nan' is not a finite number; left out"),
        (3, ("list", 1), "list[1]: '.inf' is not a finite number; left out"),
        (4, ("blob",), "blob: binary data (!!binary) is not kept; left out"),
        (5, ("odd",), "odd: invalid character (a lone surrogate) replaced by U+FFFD"),
    ]
    json.dumps(doc.value, allow_nan=False, ensure_ascii=False).encode("utf-8")


def test_lines_of_keys_and_items():
    doc = load("# comment\ntitle: T\nauthors:\n  - Ann\n  - Bo\n" + MERGED)
    assert doc.line() == 2
    assert doc.line("title") == 2 and doc.line("authors") == 3
    assert doc.line("authors", 1) == 5
    assert doc.line("jane") == 8 and doc.line("jane", "note") == 10
    assert doc.line("jane", "type") == 6  # a merged key: where it is written
    assert doc.line("missing") is None


def test_entries_with_problems_are_left_out_and_the_rest_read():
    text = "A: {x: 1}\nB: {x: !custom 2}\nC: {x: 3}\nA: {x: 4}\nD: [1, .nan]\n"
    doc, errors = load_entries(text)
    assert doc.value == {"C": {"x": 3}, "D": [1]}
    assert [str(e) for e in errors] == [
        "line 2: unsupported tag !custom: only standard YAML types are read",
        "line 4: duplicate key 'A' (lines 1 and 4)",
    ]
    assert [w.path for w in doc.warnings] == [("D", 1)]
    assert doc.line("C") == 3


def test_entries_still_refuse_what_spoils_the_whole_text():
    with pytest.raises(YamlError, match="past the limit"):
        load_entries(LAUGHS)
    with pytest.raises(YamlError, match="invalid YAML"):
        load_entries("A: {x: 1\n")
    assert load_entries("- a\n")[0].value == ["a"]


def test_importing_it_loads_no_spacy():
    code = "import sys, builder.safe_yaml; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert safe_yaml.__doc__
