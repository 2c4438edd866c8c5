"""The command line: annotation records and their schema, the --jsonl mode, errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

QUOTE_KEYS = {"id", "start", "end", "text", "kind", "cue", "speaker", "rule"}
SPEAKER_KEYS = {"text", "start", "end", "name", "name_start", "name_end", "actor", "kind", "role", "reason", "rule", "resolution"}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=600)


def check_record(rec: dict) -> None:
    assert {"id", "title", "source", "text", "quotes", "actors"} <= rec.keys()
    actor_ids = {a["id"] for a in rec["actors"]}
    for a in rec["actors"]:
        assert a["type"] in {"person", "organization", "place", "group", "other"}
        assert a["mentions"] and all(rec["text"][m["start"]:m["end"]] for m in a["mentions"])
    for q in rec["quotes"]:
        assert QUOTE_KEYS <= q.keys()
        assert rec["text"][q["start"]:q["end"]] == q["text"]
        assert q["kind"] in {"direct", "partial", "indirect"}
        sp = q["speaker"]
        assert SPEAKER_KEYS <= sp.keys()
        assert sp["kind"] in {"named", "anonymous", "organization", "group", "document", "unknown"}
        assert sp["actor"] is None or sp["actor"] in actor_ids
        if sp["text"]:
            assert rec["text"][sp["start"]:sp["end"]] == sp["text"]
        if q["cue"]:
            assert rec["text"][q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]
        if q["kind"] == "partial":
            assert all(q["start"] <= f["start"] < f["end"] <= q["end"] for f in q["fragments"])


def test_annotate_seeds_directory():
    proc = run("annotate", "seeds")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(l) for l in proc.stdout.splitlines()]
    assert len(records) == len(list((ROOT / "seeds").glob("*.txt")))
    for rec in records:
        check_record(rec)
        assert len(rec["quotes"]) >= 10
        assert any(q["speaker"]["kind"] == "anonymous" for q in rec["quotes"])
        assert any(q["speaker"]["actor"] == "richard-haass" for q in rec["quotes"])
        assert all(q["rule"] and (q["speaker"]["rule"] or not q["speaker"]["text"]) for q in rec["quotes"])


def test_annotate_applies_the_curated_actors_file_of_the_seeds():
    records = [json.loads(l) for l in run("annotate", "seeds").stdout.splitlines()]
    actors = {a["id"]: a for rec in records for a in rec["actors"]}
    assert "Bibi" in actors["benjamin-netanyahu"]["aliases"]
    assert not {"bibi", "netanyahu"} & actors.keys()


def test_annotate_json_format(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("A title\n\n“It works,” said Ada Moss.\n", "utf-8")
    proc = run("annotate", "--format", "json", str(story))
    assert proc.returncode == 0, proc.stderr
    (rec,) = json.loads(proc.stdout)
    check_record(rec)
    assert rec["title"] == "A title"
    assert [(q["text"], q["speaker"]["text"], q["speaker"]["actor"]) for q in rec["quotes"]] == [("It works,", "Ada Moss", "ada-moss")]


def test_annotate_jsonl_keeps_text_verbatim(tmp_path):
    text = "Not a title line.\n\n“Offsets count from here,” said Ada Moss.\nOops! Something went wrong."
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x1", "text": text}) + "\n", "utf-8")
    proc = run("annotate", "--jsonl", str(src))
    assert proc.returncode == 0, proc.stderr
    (rec,) = [json.loads(l) for l in proc.stdout.splitlines()]
    assert rec["id"] == "x1" and rec["text"] == text
    check_record(rec)
    assert rec["quotes"][0]["start"] == text.index("Offsets")


@pytest.mark.parametrize(
    "line, message",
    [
        ("not json", "bad record"),
        (json.dumps({"id": "no-text"}), "bad record: no 'text' field with text"),
        (json.dumps({"id": ["a", "list"], "text": "Words."}), "bad record: 'id' must be a non-empty string or number"),
        (json.dumps(["a list"]), "bad record: a record must be a JSON object"),
        (json.dumps({"id": 1, "text": 5}), "bad record: no 'text' field with text"),
    ],
)
def test_jsonl_bad_records_are_reported_and_skipped(tmp_path, line, message):
    src = tmp_path / "in.jsonl"
    src.write_text(line + "\n" + json.dumps({"id": "ok", "text": "“Fine,” said Bo Li."}) + "\n", "utf-8")
    proc = run("annotate", "--jsonl", str(src))
    assert proc.returncode == 0
    assert f"{src}:1: {message}" in proc.stderr
    assert [json.loads(l)["id"] for l in proc.stdout.splitlines()] == ["ok"]
    assert run("annotate", "--strict", "--jsonl", str(src)).returncode == 1


def test_annotate_bad_file_is_named(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe junk")
    good = tmp_path / "good.txt"
    good.write_text("Title\n\nBody text here.\n", "utf-8")
    proc = run("annotate", str(bad), str(good))
    assert proc.returncode == 0
    assert f"{bad}: not valid UTF-8" in proc.stderr
    assert [json.loads(l)["id"] for l in proc.stdout.splitlines()] == ["good"]


def test_unknown_model_is_a_clear_error(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Title\n\nBody text here.\n", "utf-8")
    proc = run("annotate", "--model", "xx_no_such_model", str(good))
    assert proc.returncode == 1
    assert "spaCy model 'xx_no_such_model' is not installed" in proc.stderr
