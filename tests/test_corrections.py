"""The editors' corrections (`corrections.yml`): each kind applied to a real build, in the
page, the footnote, JSONL, CSV and SQLite; holding through cache, setting, text and
format changes; and every problem with its file and line."""
from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

from builder import build as build_module
from builder.annotate.attribution import disabled_rules
from builder.build import build, collect
from builder.corrections import apply_corrections, load_corrections
from builder.export import CSV, JSONL, SQLITE

STORY = """\
    Council votes on the bridge

    Mayor Ana Ortiz and Senator Tom Reyes met on Monday to discuss the bridge.

    "We will rebuild the bridge," said Ortiz.

    "The money is there," he said.

    "Thank you all for coming," the crowd said.

    The vote was close, an official said.

    Reyes said the state would help. "It is a good day for the city," Ortiz said.

    The bridge is old and unsafe.

    Costs will rise next year, according to the budget office.
"""
OTHER = """\
    Traffic on the bridge

    "Traffic is bad," said Councilman Bo Park.
"""
CORRECTIONS = """\
    - article: council
      quote: The money is there
      speaker: Ana Ortiz
      note: Ortiz speaks; "he" is not Reyes
    - article: council
      quote: The vote was close
      speaker: a council aide
      note: the aide, per the recording
    - article: council
      quote: Thank you all
      not_a_quote: true
      note: the crowd is not a source
    - article: council
      quote: Costs will rise
      span: Costs will rise
      note: the year is the reporter's
    - article: council
      quote: good day for the city
      kind: partial
      note: a fragment
    - article: council
      add: The bridge is old and unsafe
      speaker: Ana Ortiz
      kind: indirect
      note: missed
    - actor: Tom Reyes
      merge: [Bo Park]
    - actor: Ana Ortiz
      type: person
      gender: female
      description: Mayor of Springfield
      party: Green
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (folder / name).write_text(textwrap.dedent(body).lstrip(), "utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    seeds = write(tmp_path_factory.mktemp("corr") / "seeds",
                  {"council.txt": STORY, "other.txt": OTHER, "corrections.yml": CORRECTIONS})
    result = build(seeds, templates=ROOT / "templates")
    assert result.problems == [] and result.warnings == []
    files = result.site.files
    db = tmp_path_factory.mktemp("db") / "site.sqlite"
    db.write_bytes(files[SQLITE])
    return {
        "result": result,
        "jsonl": {r["id"]: r for r in map(json.loads, files[JSONL].splitlines())},
        "csv": list(csv.DictReader(io.StringIO(files[CSV]))),
        "db": sqlite3.connect(db),
        "page": lambda article: result.site.pages[f"articles/{result.index.slug[article]}.md"],
    }


def quote_of(rec: dict, words: str) -> dict:
    [q] = [q for q in rec["quotes"] if words in q["text"]]
    return q


# Each kind of quote correction: the words that find the corrected quote, then what its JSON record holds.
CASES = {
    "speaker-actor": ("The money is there", "Ortiz speaks; \"he\" is not Reyes",
                      lambda q: q["speaker"]["actor"] == "ana-ortiz" and q["speaker"]["name"] == "Ana Ortiz"
                      and q["machine"]["speaker"]["actor"] == "tom-reyes" and q["speaker"]["rule"] == "correction"),
    "speaker-description": ("The vote was close", "the aide, per the recording",
                            lambda q: q["speaker"]["name"] == "a council aide" and q["speaker"]["actor"] is None
                            and q["speaker"]["kind"] == "anonymous" and q["machine"]["speaker"]["text"] == "an official"),
    "span": ("Costs will rise", "the year is the reporter's",
             lambda q: q["text"] == "Costs will rise" and q["machine"]["text"] == "Costs will rise next year"),
    "kind": ("good day for the city", "a fragment",
             lambda q: q["kind"] == "partial" and q["machine"]["kind"] == "direct"
             and q["fragments"] == [{"start": q["start"], "end": q["end"]}]),
    "add": ("The bridge is old and unsafe", "missed",
            lambda q: q["machine"] is None and q["rule"] == "correction" and q["kind"] == "indirect"
            and q["speaker"]["actor"] == "ana-ortiz"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_correction_reaches_the_record_page_and_data_files(built, case):
    words, note, check = CASES[case]
    rec = built["jsonl"]["council"]
    q = quote_of(rec, words)
    assert q["corrected"] is True and q["correction_note"] == note
    assert q["confidence"] == q["speaker"]["confidence"] == 1.0  # the editors checked it
    assert check(q), q
    assert rec["text"][q["start"]:q["end"]] == q["text"]
    # The footnote says so, with the note (escaped for the page).
    [footnote] = [line for line in built["page"]("council").splitlines() if line.startswith(f"[^{q['id']}]:")]
    assert "Corrected by the editors: " in footnote and "Why:" not in footnote
    assert note.replace('"', "&#34;").replace("'", "&#39;") in footnote
    assert f'id="{q["id"]}"' in built["page"]("council")
    # CSV: one row, with what the annotator had.
    [row] = [r for r in built["csv"] if r["article"] == "council" and r["quote_id"] == q["id"]]
    assert (row["corrected"], row["correction_note"], row["text"]) == ("true", note, q["text"])
    assert row["machine_kind"] == (q["machine"]["kind"] if q["machine"] else "")
    # SQLite: the same.
    corrected, stored_note, machine, actor = built["db"].execute(
        "SELECT corrected, correction_note, machine, actor_id FROM quotes WHERE id = ?",
        (f"council/{q['id']}",)).fetchone()
    assert (corrected, stored_note, actor) == (1, note, q["speaker"]["actor"])
    assert (json.loads(machine) if machine else None) == q["machine"]


def test_not_a_quote_leaves_pages_and_counts_but_stays_in_the_data(built):
    rec = built["jsonl"]["council"]
    assert not [q for q in rec["quotes"] if "Thank you" in q["text"]]
    [removed] = rec["removed_quotes"]
    assert removed["machine"]["text"] == "Thank you all for coming," and removed["correction_note"] == "the crowd is not a source"
    assert not [r for r in built["csv"] if "Thank you" in r["text"]]
    assert built["db"].execute("SELECT text, correction_note FROM removed_quotes").fetchall() == \
        [("Thank you all for coming,", "the crowd is not a source")]
    assert built["db"].execute("SELECT COUNT(*) FROM quotes WHERE text LIKE 'Thank you%'").fetchone() == (0,)
    page = built["page"]("council")
    assert "Thank you all for coming," in page and 'sb-quote--direct" id="q3"' not in page


def test_uncorrected_quotes_say_nothing_of_corrections(built):
    q = quote_of(built["jsonl"]["council"], "We will rebuild")
    assert (q["corrected"], q["correction_note"], q["machine"]) == (False, None, None)
    assert "Corrected by the editors" not in [l for l in built["page"]("council").splitlines()
                                              if l.startswith(f"[^{q['id']}]:")][0]


def test_actor_corrections_merge_and_set_fields(built):
    other = quote_of(built["jsonl"]["other"], "Traffic is bad")
    assert other["speaker"]["actor"] == "tom-reyes" and other["corrected"] is False
    actors = {a["id"]: a for rec in built["jsonl"].values() for a in rec["actors"]}
    assert "bo-park" not in actors and "Bo Park" in actors["tom-reyes"]["aliases"]
    ortiz = actors["ana-ortiz"]
    assert (ortiz["gender"], ortiz["description"], ortiz["party"]) == ("female", "Mayor of Springfield", "Green")
    assert built["db"].execute("SELECT gender, description, party FROM actors WHERE id = 'ana-ortiz'").fetchone() == \
        ("female", "Mayor of Springfield", "Green")


# ---------------------------------------------------------------- corrections hold

HOLD = """\
    - article: council
      quote: The money is there
      speaker: Ana Ortiz
    - article: council
      quote: Thank you all
      not_a_quote: true
"""


def holds(corpus) -> None:
    assert corpus.problems == [] and corpus.warnings == []
    [article] = [a for a in corpus.articles if a.id == "council"]
    [q] = [q for q in article.quotes if "The money is there" in q.text]
    assert q.corrected and q.speaker.actor == "ana-ortiz" and q.machine["speaker"]["actor"] == "tom-reyes"
    assert not [q for q in article.quotes if "Thank you" in q.text] and len(article.removed) == 1


def test_corrections_survive_a_cleared_cache(tmp_path, nlp):
    seeds = write(tmp_path / "seeds", {"council.txt": STORY, "corrections.yml": HOLD})
    store = tmp_path / "cache"
    first = collect([seeds], cache_dir=store)
    holds(first)
    warm = collect([seeds], cache_dir=store)
    holds(warm)
    assert warm.cached == 1
    shutil.rmtree(store)
    build_module._CACHE.clear()
    cold = collect([seeds], cache_dir=store)
    holds(cold)
    assert cold.parsed == 1


def test_corrections_survive_a_changed_annotator_setting(tmp_path, nlp):
    seeds = write(tmp_path / "seeds", {"council.txt": STORY, "corrections.yml": HOLD})
    store = tmp_path / "cache"
    holds(collect([seeds], cache_dir=store))
    with disabled_rules("according-to"):
        changed = collect([seeds], cache_dir=store)
    assert changed.parsed == 1  # another cache key: annotated again
    holds(changed)


def test_corrections_survive_an_edit_elsewhere_in_the_article(tmp_path, nlp):
    edited = STORY.replace("    Mayor Ana Ortiz", "    The meeting ran late.\n\n    Mayor Ana Ortiz").replace(
        "next year", "next spring")
    seeds = write(tmp_path / "seeds", {"council.txt": edited, "corrections.yml": HOLD})
    holds(collect([seeds]))


def test_corrections_survive_the_article_moving_into_a_jsonl_corpus(tmp_path, nlp):
    body = textwrap.dedent(STORY).strip().split("\n\n")
    record = {"id": "council", "title": body[0], "text": "\n".join(body[1:])}
    seeds = write(tmp_path / "seeds", {"corpus.jsonl": json.dumps(record) + "\n", "corrections.yml": HOLD})
    corpus = collect([seeds])
    assert corpus.articles[0].source == "corpus.jsonl:1"
    holds(corpus)


# ---------------------------------------------------------------- problems

TWICE = """\
    Two rallies

    "Four more years," the crowd chanted, said Ana Ortiz.

    Later Ortiz spoke again. "Four more years," said Tom Reyes.
"""


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, nlp):
    """Articles and actors as collect() leaves them, without corrections: entries are applied by hand."""
    seeds = write(tmp_path_factory.mktemp("plain") / "seeds", {"council.txt": STORY, "twice.txt": TWICE})
    corpus = collect([seeds])
    assert len([q for a in corpus.articles if a.id == "twice" for q in a.quotes if "Four more" in q.text]) == 2
    return corpus


def apply(tmp_path: Path, annotated, body: str):
    path = tmp_path / "corrections.yml"
    path.write_text(textwrap.dedent(body), "utf-8")
    corrections, problems = load_corrections([path])
    articles, actors, applied = apply_corrections(annotated.articles, annotated.actors, corrections)
    return path, {a.id: a for a in articles}, problems + applied


def test_an_entry_that_matches_nothing_is_a_warning_naming_file_line_and_article(tmp_path, annotated):
    path, articles, problems = apply(tmp_path, annotated, """\
        - article: council
          quote: The money is there
          speaker: Ana Ortiz
        - article: council
          quote: words nobody said
          speaker: Ana Ortiz
    """)
    assert [(p.source, p.fatal) for p in problems] == [(f"{path}:4", False)]
    assert "'council'" in problems[0].message and "words nobody said" in problems[0].message
    assert [q.speaker.actor for q in articles["council"].quotes if q.corrected] == ["ana-ortiz"]


def test_a_stale_entry_is_fatal_under_strict(tmp_path):
    seeds = write(tmp_path / "seeds", {"council.txt": STORY, "corrections.yml": """\
        - article: council
          quote: words nobody said
          kind: direct
    """})

    def annotate(*flags: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "builder", "annotate", "--no-cache", *flags, str(seeds)],
                              cwd=ROOT, capture_output=True, text=True, timeout=600)

    lenient, strict = annotate(), annotate("--strict")
    assert lenient.returncode == 0 and strict.returncode == 1
    assert f"{seeds / 'corrections.yml'}:1: article 'council': no quote contains 'words nobody said'" in strict.stderr
    assert json.loads(strict.stdout.splitlines()[0])["id"] == "council"  # the records are still printed


def test_an_entry_matching_twice_is_an_error_unless_all_or_a_paragraph(tmp_path, annotated):
    path, articles, problems = apply(tmp_path, annotated, """\
        - article: twice
          quote: Four more years
          speaker: the crowd
    """)
    assert [(p.source, p.fatal) for p in problems] == [(f"{path}:1", True)]
    assert "matches 2 quotes (paragraphs 1, 2)" in problems[0].message
    assert not any(q.corrected for q in articles["twice"].quotes)
    _, articles, problems = apply(tmp_path, annotated, """\
        - article: twice
          quote: Four more years
          all: true
          speaker: the crowd
          source: group
    """)
    assert problems == []
    assert [(q.speaker.name, q.speaker.kind) for q in articles["twice"].quotes if "Four" in q.text] == \
        [("the crowd", "group")] * 2
    _, articles, problems = apply(tmp_path, annotated, """\
        - article: twice
          quote: Four more years
          paragraph: 2
          speaker: Ana Ortiz
    """)
    assert problems == []
    assert [q.corrected for q in articles["twice"].quotes if "Four" in q.text] == [False, True]


@pytest.mark.parametrize("body, line, message", [
    ("- article: council\n  quote: [The money\n", 3, "invalid YAML"),  # where the parser gave up
    ("- article: council\n  quote: The money is there\n  speaker: Ana Ortiz\n"
     "- article: no-such-story\n  quote: The money\n  kind: direct\n", 4, "unknown article id 'no-such-story'"),
    ("- article: council\n  quote: The money is there\n  speker: Ana Ortiz\n", 3, "unknown field 'speker'"),
    ("- article: council\n  quote: The money is there\n  speaker: [Ana Ortiz, Tom Reyes]\n", 3,
     "'speaker' must be a non-empty string, not a list"),
    ("- article: council\n  quote: The money is there\n  kind: quoted\n", 3, "'kind' must be one of direct"),
    ("- article: council\n  quote: The money is there\n", 1, "a quote correction needs a change"),
    ("- article: council\n  add: The bridge is old\n", 1, "an added quote needs a `speaker`"),
    ("article: council\n", 1, "expected a list of corrections"),
    ("- actor: Ana Ortiz\n  gender: woman\n", 2, "'gender' must be one of female, male, unknown"),
    ("- actor: Ana Ortiz\n  split: [twice]\n", 2, "'split' must be a mapping of `name`"),
    ("- actor: Ana Ortiz\n  split:\n    name: Ann Ortiz\n", 2, "'split' must be a mapping of `name`"),
], ids=["yaml-error", "unknown-article", "unknown-field", "speaker-list", "bad-kind", "no-change", "add-no-speaker",
        "not-a-list", "bad-gender", "split-list", "split-no-articles"])
def test_a_malformed_file_is_an_error_naming_file_and_line(tmp_path, annotated, body, line, message):
    path, articles, problems = apply(tmp_path, annotated, body)
    assert len(problems) == 1, problems
    [problem] = problems
    assert problem.fatal and problem.source == f"{path}:{line}"
    assert message in problem.message
    if "speaker: Ana Ortiz\n- article: no-such" in body:  # the good entry beside the bad one applies
        assert [q.speaker.actor for q in articles["council"].quotes if q.corrected] == ["ana-ortiz"]


def test_one_bad_entry_never_stops_the_others(tmp_path, annotated):
    path, articles, problems = apply(tmp_path, annotated, """\
        - article: council
          quote: The money is there
          speaker: [Ana Ortiz]
        - article: twice
          quote: Four more years
          speaker: the crowd
        - article: council
          quote: The vote was close
          speaker: a council aide
    """)
    assert [(p.source, p.fatal) for p in problems] == [(f"{path}:3", True), (f"{path}:4", True)]
    assert [q.speaker.name for q in articles["council"].quotes if q.corrected] == ["a council aide"]


def test_a_span_over_another_quote_is_an_error_and_changes_nothing(tmp_path, annotated):
    path, articles, problems = apply(tmp_path, annotated, """\
        - article: council
          quote: We will rebuild
          span: We will rebuild the bridge,” said Ortiz.  “The money is there
    """)
    assert [(p.source, p.fatal) for p in problems] == [(f"{path}:1", True)]
    assert "overlaps quote" in problems[0].message
    assert articles["council"].quotes == next(a for a in annotated.articles if a.id == "council").quotes


def test_the_cache_holds_the_annotation_only(annotated):
    """Corrections never reach the annotation cache: its entries keep their bytes."""
    from builder import cache

    q = annotated.articles[0].quotes[0]
    value = json.loads(cache.encode(annotated.articles[0]))
    assert "corrected" not in value["quotes"][0] and "machine" not in value["quotes"][0]
    quotes, _, _ = cache.decode(cache.encode(annotated.articles[0]), annotated.articles[0].text)
    assert quotes[0] == q and quotes[0].corrected is False


# ---------------------------------------------------------------- "Correct this" (corrections.snippet)

def with_speaker(snippet_text: str, speaker: str, note: str = "") -> str:
    """A "Correct this" snippet as an editor edits it: another speaker, and a note."""
    lines = [f'  speaker: "{speaker}"' if line.startswith("  speaker: ") else line for line in snippet_text.splitlines()]
    if note:
        lines = [f"  note: {note}" if line.startswith("  # note:") else line for line in lines]
    return "\n".join(lines) + "\n"


def test_each_quotes_snippet_pasted_into_corrections_yml_applies_to_that_quote_alone(tmp_path, annotated):
    from builder.corrections import snippet

    checked = 0
    for art in annotated.articles:
        for q in art.quotes:
            text = snippet(art, q, speaker=q.speaker.name)
            assert text.startswith(f'- article: "{art.id}"\n  quote: "') and "\n  paragraph: " in text
            path, articles, problems = apply(tmp_path, annotated, with_speaker(text, "a council aide", "checked"))
            assert problems == [], (text, problems)
            corrected = [c for c in articles[art.id].quotes if c.corrected]
            assert [(c.id, c.speaker.name, c.correction_note) for c in corrected] == [(q.id, "a council aide", "checked")]
            unchanged = [c for a in articles.values() for c in a.quotes if not c.corrected]
            assert len(unchanged) == sum(len(a.quotes) for a in annotated.articles) - 1
            checked += 1
    assert checked >= 8  # council's quotes, and the two "Four more years" told apart by paragraph


def test_a_snippet_names_a_quote_by_a_short_excerpt_and_escapes_what_yaml_would_read():
    from base import article, quote

    from builder.corrections import excerpt, snippet

    text = 'She said: "A #1 priority: no \\ backslash, \'quotes\' or - dashes, ever again, said the mayor.'
    said = 'A #1 priority: no \\ backslash, \'quotes\' or - dashes, ever again'
    art = article("odd: id", text, quotes=(quote("the mayor", said, text),))
    q = art.quotes[0]
    assert excerpt(art, q) == "A #1 priority: no \\ backslash,"  # six words: no other quote holds them
    import yaml

    [entry] = yaml.safe_load(snippet(art, q, speaker='The "mayor"'))
    assert entry == {"article": "odd: id", "quote": "A #1 priority: no \\ backslash,", "paragraph": 1,
                     "speaker": 'The "mayor"'}


def test_the_snippet_of_a_corrected_quote_still_applies_after_the_entries_before_it(tmp_path, annotated, built):
    from builder.corrections import snippet

    council = next(a for a in built["result"].articles if a.id == "council")
    snippets = [snippet(council, q, speaker="Tom Reyes") for q in council.quotes if q.corrected]
    assert any("\n  add: " in s for s in snippets) and len(snippets) >= 5
    path, articles, problems = apply(tmp_path, annotated, CORRECTIONS + "".join(
        textwrap.indent(s, "    ") for s in snippets))
    assert [p for p in problems if "Bo Park" not in p.message] == []
    fixed = [q for q in articles["council"].quotes if q.corrected]
    assert len(fixed) == len(snippets) and all(q.speaker.actor == "tom-reyes" for q in fixed)


# ---------------------------------------------------------------- splitting an actor

def test_a_split_gives_the_actor_in_the_articles_named_to_a_new_person(tmp_path, annotated):
    path, articles, problems = apply(tmp_path, annotated, """\
        - actor: Ana Ortiz
          split:
            name: Ann Ortiz
            articles: [twice]
    """)
    assert problems == []
    corrections, _ = load_corrections([path])
    _, actors, _ = apply_corrections(annotated.articles, annotated.actors, corrections)
    by_id = {a.id: a for a in actors}
    assert {m[0] for m in by_id["ana-ortiz"].mentions} == {"council"}
    assert {m[0] for m in by_id["ann-ortiz"].mentions} == {"twice"}
    assert (by_id["ann-ortiz"].name, by_id["ann-ortiz"].type) == ("Ann Ortiz", "person")
    credited = {(art.id, q.speaker.actor) for art in articles.values() for q in art.quotes
                if q.speaker.actor in {"ana-ortiz", "ann-ortiz"}}
    assert ("twice", "ann-ortiz") in credited and ("twice", "ana-ortiz") not in credited
    assert ("council", "ana-ortiz") in credited and ("council", "ann-ortiz") not in credited


def test_a_split_into_an_actor_the_site_knows_joins_it(tmp_path, annotated):
    _, articles, problems = apply(tmp_path, annotated, """\
        - actor: Ana Ortiz
          split: {name: Tom Reyes, articles: [twice]}
    """)
    assert problems == []
    assert not [q for q in articles["twice"].quotes if q.speaker.actor == "ana-ortiz"]
    assert [q.speaker.actor for q in articles["twice"].quotes if q.speaker.actor] == ["tom-reyes", "tom-reyes"]


@pytest.mark.parametrize("body, fatal, message", [
    ("- actor: Nobody Here\n  split: {name: Ann Ortiz, articles: [twice]}\n", False, "no actor named 'Nobody Here'"),
    ("- actor: Ana Ortiz\n  split: {name: Ann Ortiz, articles: [no-such-story]}\n", True,
     "unknown article id 'no-such-story'"),
    ("- actor: Tom Reyes\n  split: {name: Ann Ortiz, articles: [other-story]}\n", False, "is not in"),
], ids=["unknown-actor", "unknown-article", "not-in-article"])
def test_a_split_that_cannot_apply_says_why_and_changes_nothing(tmp_path, annotated, body, fatal, message):
    path = tmp_path / "corrections.yml"
    path.write_text(body, "utf-8")
    corrections, loaded = load_corrections([path])
    articles, actors, problems = apply_corrections(annotated.articles, annotated.actors, corrections,
                                                   known={"council", "twice", "other-story"})
    assert loaded == [] and [(p.source, p.fatal) for p in problems] == [(f"{path}:1", fatal)]
    assert message in problems[0].message
    assert sorted(a.id for a in actors) == sorted(a.id for a in annotated.actors)


def test_a_split_reaches_the_pages_and_every_data_file(tmp_path, nlp):
    seeds = write(tmp_path / "seeds", {"council.txt": STORY, "twice.txt": TWICE, "corrections.yml": """\
        - actor: Ana Ortiz
          split: {name: Ann Ortiz, articles: [twice]}
    """})
    result = build(seeds, templates=ROOT / "templates")
    assert result.problems == [] and result.warnings == []
    files, pages = result.site.files, result.site.pages
    [twice] = [rec for rec in map(json.loads, files[JSONL].splitlines()) if rec["id"] == "twice"]
    assert "ann-ortiz" in {q["speaker"]["actor"] for q in twice["quotes"]}
    assert "ana-ortiz" not in {q["speaker"]["actor"] for q in twice["quotes"]}
    assert {row["actor"] for row in csv.DictReader(io.StringIO(files[CSV]))
            if row["article"] == "twice" and row["actor"]} >= {"ann-ortiz"}
    db = tmp_path / "s.sqlite"
    db.write_bytes(files[SQLITE])
    assert sqlite3.connect(db).execute("SELECT name FROM actors WHERE id = 'ann-ortiz'").fetchone() == ("Ann Ortiz",)
    assert "Ann Ortiz" in pages["actors/ann-ortiz.md"] and "Two rallies" in pages["actors/ann-ortiz.md"]
    assert "Two rallies" not in pages["actors/ana-ortiz.md"] and "Council votes" in pages["actors/ana-ortiz.md"]


def test_a_snippets_quoted_text_reads_back_as_written_whatever_it_holds():
    import yaml
    from hypothesis import given, settings, strategies as st

    from builder.corrections import _quoted

    @settings(max_examples=500, deadline=None)
    @given(st.text())
    def reads_back(value):
        written = _quoted(value)
        assert "\n" not in written and yaml.safe_load(f"x: {written}")["x"] == value

    reads_back()
