"""Confidence of quotes and speakers: read from the fitted table, finest bucket first,
certain for corrected quotes, and in every data file."""
from __future__ import annotations

import csv
import dataclasses
import io
import json

from base import actor, article, quote

from builder.confidence import quote_confidence, speaker_confidence
from builder.confidence_table import TABLE
from builder.export import export_files
from builder.index import index_site

TEXT = "“We won,” said Ann Lee."


def test_the_table_is_fitted_and_in_range():
    for what in ("quote", "speaker"):
        assert TABLE[what]["*"][1] > 1000  # fitted on the dev corpus, not a placeholder
        assert all(0 <= rate <= 1 and n >= 0 for rate, n in TABLE[what].values())


def test_finest_bucket_wins_and_unknown_buckets_back_off():
    q = quote("Ann Lee", "We won,", TEXT)  # direct, rule "direct", speaker "verb-subject"
    assert quote_confidence(q) == TABLE["quote"]["direct|direct"][0]
    odd = dataclasses.replace(q, rule="no-such-rule")
    assert quote_confidence(odd) == TABLE["quote"]["direct"][0]
    odd = dataclasses.replace(q, kind="no-such-kind")
    assert quote_confidence(odd) == TABLE["quote"]["*"][0]
    assert 0 < speaker_confidence(q) <= 1


def test_a_pronoun_speaker_is_less_certain_than_a_name():
    q = quote("Ann Lee", "We won,", TEXT)
    pronoun = dataclasses.replace(q, speaker=dataclasses.replace(q.speaker, resolution="pronoun"))
    assert speaker_confidence(pronoun) < speaker_confidence(q)


def test_a_corrected_quote_is_certain():
    q = dataclasses.replace(quote("Ann Lee", "We won,", TEXT), corrected=True)
    assert quote_confidence(q) == speaker_confidence(q) == 1.0


def test_confidence_in_every_data_file(tmp_path):
    import sqlite3

    q = quote("Ann Lee", "We won,", TEXT, actor="ann-lee")
    files = export_files(index_site([article("one", TEXT, quotes=(q,))],
                                    [actor("ann-lee", "Ann Lee", ("one", 15, 22))]))
    [rec] = [json.loads(line) for line in files["data/annotations.jsonl"].splitlines()]
    expected = (quote_confidence(q), speaker_confidence(q))
    assert (rec["quotes"][0]["confidence"], rec["quotes"][0]["speaker"]["confidence"]) == expected
    [row] = csv.DictReader(io.StringIO(files["data/quotes.csv"]))
    assert (float(row["confidence"]), float(row["speaker_confidence"])) == expected
    db = tmp_path / "s.sqlite"
    db.write_bytes(files["data/sourcebook.sqlite"])
    found = sqlite3.connect(db).execute(
        "SELECT q.confidence, s.confidence FROM quotes q JOIN speakers s ON s.quote_id = q.id").fetchone()
    assert found == expected


def test_the_card_says_how_sure_the_annotator_is_and_a_correction_says_it_was_corrected():
    import html
    from pathlib import Path

    from builder.render import render_site

    q = quote("Ann Lee", "We won,", TEXT, actor="ann-lee")
    fixed = dataclasses.replace(quote("Ann Lee", "We won,", TEXT, actor="ann-lee"), corrected=True)
    index = index_site([article("one", TEXT, quotes=(q,)), article("two", TEXT, quotes=(fixed,))],
                       [actor("ann-lee", "Ann Lee", ("one", 15, 22), ("two", 15, 22))])
    pages, _ = render_site(index, templates=Path(__file__).parents[1] / "templates")
    one, two = (html.unescape(pages[f"articles/{name}.md"]) for name in ("one", "two"))
    said = (f"Confidence: quote {100 * quote_confidence(q):.0f}%, "
            f"speaker {100 * speaker_confidence(q):.0f}%")
    assert said in one and "Corrected by the editors" not in one
    assert "Confidence:" not in two and "Corrected by the editors" in two
