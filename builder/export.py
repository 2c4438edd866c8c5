"""Data out: the annotation record of each article (see content/format.md) and the data files.

Export only writes: everything it needs comes from the index stage.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .confidence import quote_confidence, speaker_confidence
from .database import database, paragraph_number, write_database
from .index import Index
from .records import Actor, Article, Quote, QuoteGroup


def _quote(article: Article, q: Quote, group_id: str | None = None) -> dict:
    sp = q.speaker
    data = {
        "id": q.id, "start": q.start, "end": q.end, "paragraph": paragraph_number(article, q.start),
        "text": q.text, "kind": q.kind,
        "cue": {"text": q.cue.text, "start": q.cue.start, "end": q.cue.end} if q.cue else None,
        "speaker": {
            "text": sp.text, "start": sp.start, "end": sp.end,
            "name": sp.name, "name_start": sp.name_start, "name_end": sp.name_end,
            "actor": sp.actor, "kind": sp.kind, "role": sp.role, "reason": sp.reason,
            "rule": sp.rule, "resolution": sp.resolution, "also": list(sp.also),
            "confidence": speaker_confidence(q),
        },
        "rule": q.rule, "confidence": quote_confidence(q),
        "corrected": q.corrected, "correction_note": q.correction_note or None, "machine": q.machine,
        "group_id": group_id,
    }
    if q.kind == "partial":
        data["fragments"] = [{"start": f.start, "end": f.end} for f in q.fragments]
    return data


def record(article: Article, present: list[tuple[Actor, list[tuple[int, int]]]],
           groups: dict[tuple[str, str], QuoteGroup] | None = None) -> dict:
    """The annotation record of one article, with the actors it mentions and where, and the
    group of quotes that travel (`groups`, by article and quote id) each quote belongs to."""
    groups = groups or {}
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "metadata": article.metadata,
        "text": article.text,
        "quotes": [_quote(article, q, _group_id(groups, article, q)) for q in article.quotes],
        # What the editors marked as not a quote, as the annotator had it, with their note.
        "removed_quotes": [{"paragraph": paragraph_number(article, q.start), "correction_note": q.correction_note or None,
                            "machine": q.machine} for q in article.removed],
        "actors": [
            {"id": actor.id, "name": actor.name, "type": actor.type, "gender": actor.gender or "unknown",
             "description": actor.description, "party": actor.party, "aliases": list(actor.aliases),
             "mentions": [{"start": s, "end": e} for s, e in spans]}
            for actor, spans in present
        ],
    }


def _group_id(groups: dict[tuple[str, str], QuoteGroup], article: Article, q: Quote) -> str | None:
    group = groups.get((article.id, q.id))
    return group.id if group else None


def records(index: Index) -> Iterator[dict]:
    """Annotation records of every article, in index order, one at a time (a corpus
    of thousands of articles need not hold them all)."""
    return (record(a, index.present.get(a.id, []), index.group_of) for a in index.articles)


# What a spreadsheet skips before a formula: whitespace (the ideographic space
# included), a byte order mark and zero-width characters.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u180e"
_LEAD = re.compile(f"^[\\s{_INVISIBLE}]+")
_FORMULA = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")  # full-width ＝ ＋ － ＠ too
# Columns that hold ids: kept as they are, so that they join with the JSON Lines and SQLite files.
ID_COLUMNS = ("article", "quote_id", "actor", "also_actors", "group_id")


def _cell(value: object) -> object:
    """A CSV cell a spreadsheet will not evaluate: free text that starts, after any
    whitespace, byte order mark or zero-width character, with = + - @ (or their
    full-width forms, a tab or a carriage return) gets a leading apostrophe."""
    if isinstance(value, str) and (value[:1] in _FORMULA or _LEAD.sub("", value)[:1] in _FORMULA):
        return "'" + value
    return value


def _cells(header: list[str], values: tuple) -> list[object]:
    """A row's cells: ids as they are, free text made safe (`_cell`)."""
    return [v if name in ID_COLUMNS else _cell(v) for name, v in zip(header, values)]


def quotes_csv(index: Index) -> str:
    """One row per quote: where it is, what kind, who said it."""
    buf = io.StringIO()
    _write_csv(index, buf)
    return buf.getvalue()


def _write_csv(index: Index, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header := ["article", "title", "date", "outlet", "url", "quote_id", "kind", "text", "speaker",
                     "speaker_as_written", "source_kind", "actor", "actor_name", "gender", "start", "end", "paragraph",
                     "rule", "also_actors", "confidence", "speaker_confidence", "corrected", "correction_note",
                     "machine_speaker", "machine_kind", "machine_text", "group_id"])
    for a in index.articles:
        meta = [a.metadata.get(key, "") for key in ("date", "outlet", "url")]
        for q in a.quotes:
            actor = index.actor.get(q.speaker.actor or "")
            writer.writerow(_cells(header, (
                a.id, a.title, *meta, q.id, q.kind, q.text, q.speaker.name, q.speaker.text, q.speaker.kind,
                q.speaker.actor or "", actor.name if actor else "", (actor.gender or "unknown") if actor else "",
                q.start, q.end,
                paragraph_number(a, q.start), q.rule, " ".join(x for x in q.speaker.also if x in index.actor),
                quote_confidence(q), speaker_confidence(q), *_machine_cells(q),
                _group_id(index.group_of, a, q) or "")))


def _machine_cells(q: Quote) -> tuple:
    """Whether the editors corrected a quote, their note, and what the annotator had
    (its speaker, kind and words; empty for a quote it missed)."""
    if not q.corrected:
        return "false", "", "", "", ""
    was = q.machine or {}
    speaker = was.get("speaker") or {}
    return ("true", q.correction_note, speaker.get("name") or speaker.get("text") or "",
            was.get("kind", ""), was.get("text", ""))


def _write_jsonl(index: Index, out: TextIO) -> None:
    for rec in records(index):
        out.write(json.dumps(rec, ensure_ascii=False, sort_keys=True, allow_nan=False, separators=(",", ":")))
        out.write("\n")


JSONL, CSV, SQLITE = "data/annotations.jsonl", "data/quotes.csv", "data/sourcebook.sqlite"


def export_files(index: Index) -> dict[str, str | bytes]:
    """The site's data files by path: `data/annotations.jsonl`, `data/quotes.csv`
    and `data/sourcebook.sqlite`."""
    jsonl = io.StringIO()
    _write_jsonl(index, jsonl)
    return {JSONL: jsonl.getvalue(), CSV: quotes_csv(index), SQLITE: database(index)}


def write_files(index: Index, directory: Path) -> dict[str, Path]:
    """Write the data files of `export_files` under `directory`, one at a time and as
    they are made (at 10,000 articles they are hundreds of megabytes); returns
    where each went, by path in the site."""
    found = {path: directory / path for path in (JSONL, CSV, SQLITE)}
    found[JSONL].parent.mkdir(parents=True, exist_ok=True)
    for path, write in ((JSONL, _write_jsonl), (CSV, _write_csv)):
        with found[path].open("w", encoding="utf-8", newline="") as out:
            write(index, out)
    write_database(index, found[SQLITE])
    return found
