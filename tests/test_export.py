"""Data out: annotation records and the quotes CSV, written from the index."""
from __future__ import annotations

import csv
import io
import json

from base import actor, article, quote

from builder.export import export_files, record, write_files
from builder.index import index_site

TEXT = "“We won,” said Ann Lee."


def index():
    a = article("one", TEXT, quotes=(quote("Ann Lee", "We won,", TEXT, actor="ann-lee"),), outlet="Daily")
    ann = actor("ann-lee", "Ann Lee", ("one", TEXT.index("Ann"), TEXT.index("Ann") + 7))
    return index_site([a], [ann])


def test_record_names_rules_offsets_and_actors():
    idx = index()
    rec = record(idx.articles[0], idx.present["one"])
    q = rec["quotes"][0]
    assert rec["text"][q["start"]:q["end"]] == q["text"] == "We won,"
    assert q["rule"] == "direct" and q["speaker"]["rule"] == "verb-subject"
    assert q["speaker"]["actor"] == "ann-lee"
    assert rec["actors"] == [{"id": "ann-lee", "name": "Ann Lee", "type": "person", "gender": "unknown",
                              "description": None, "party": None, "aliases": [],
                              "mentions": [{"start": 15, "end": 22}]}]
    assert rec["metadata"] == {"outlet": "Daily"}


def test_data_files():
    files = export_files(index())
    assert set(files) == {"data/annotations.jsonl", "data/quotes.csv", "data/sourcebook.sqlite"}
    [rec] = [json.loads(line) for line in files["data/annotations.jsonl"].splitlines()]
    assert rec["id"] == "one"
    rows = list(csv.DictReader(io.StringIO(files["data/quotes.csv"])))
    confidences = [(row.pop("confidence"), row.pop("speaker_confidence")) for row in rows]
    assert all(0 <= float(c) <= 1 for pair in confidences for c in pair)
    assert rows == [{"article": "one", "title": "One", "date": "", "outlet": "Daily", "url": "", "quote_id": "q1",
                     "kind": "direct", "text": "We won,", "speaker": "Ann Lee", "speaker_as_written": "Ann Lee",
                     "source_kind": "named", "actor": "ann-lee", "actor_name": "Ann Lee", "gender": "unknown", "start": "1", "end": "8",
                     "paragraph": "1", "rule": "direct", "also_actors": "", "corrected": "false",
                     "correction_note": "", "machine_speaker": "", "machine_kind": "", "machine_text": "",
                     "group_id": ""}]


def test_data_files_written_to_disk_are_the_same_bytes(tmp_path):
    """A site writes its data files to disk as they are made; they are what `export_files` holds."""
    idx = index()
    written = write_files(idx, tmp_path)
    held = export_files(idx)
    assert set(written) == set(held)
    for path, content in held.items():
        assert written[path] == tmp_path / path
        assert written[path].read_bytes() == (content if isinstance(content, bytes) else content.encode("utf-8"))
