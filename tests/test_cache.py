"""The persistent annotation cache: a rebuild parses only what changed, every key
part invalidates, nothing read back is trusted, and --no-cache writes nothing."""
from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, make_project

from builder import build as build_module
from builder import cache
from builder.build import Corpus, collect
from builder.records import Article, Cue, Quote, Speaker, Span

ARTICLES = {
    "bridge.txt": """\
        Council votes on the bridge

        “We will rebuild the bridge,” said Mayor Ana Ortiz on Monday.

        Ortiz said the city would borrow the money.
    """,
    "costs.txt": """\
        Costs rise

        “Costs will rise,” Ana Ortiz warned. The treasurer, Tom Reed, called the plan “reckless.”
    """,
    "school.txt": """\
        A new school

        The principal said the school would open in May, according to a letter.
    """,
}


def write_articles(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    """A directory of article files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in articles.items():
        (folder / name).write_text(textwrap.dedent(body).lstrip(), "utf-8")
    return folder


@pytest.fixture
def parsed(monkeypatch, nlp) -> list[str]:
    """The ids of the articles spaCy parses from now on (annotate is wrapped, not mocked)."""
    seen: list[str] = []
    real = build_module.ann.annotate

    def spy(article, pipeline):
        seen.append(article.id)
        return real(article, pipeline)

    monkeypatch.setattr(build_module.ann, "annotate", spy)
    return seen


def fresh_collect(folder: Path, cache_dir: Path | None, monkeypatch) -> Corpus:
    """collect() as a fresh process runs it: nothing in the in-memory cache."""
    monkeypatch.setattr(build_module, "_CACHE", {})
    return collect([folder], cache_dir=cache_dir)


def same_records(one: Corpus, other: Corpus) -> bool:
    """Equal articles (quotes and mentions included) and equal actors."""
    return one.articles == other.articles and one.actors == other.actors and one.articles != []


# ---------------------------------------------------------------- the value


def test_records_round_trip_through_json(annotate_text):
    article = annotate_text("""
        “We will rebuild the bridge,” said Mayor Ana Ortiz on Monday. She called the plan “sound and cheap.”

        The treasurer said costs would rise, according to a letter.
    """)
    assert article.quotes and article.mentions
    made_up = Quote(id="q9", start=0, end=5, text="We wi", kind="partial", cue=None,
                    speaker=Speaker(text="she", start=1, end=4, kind="named", actor=None, reason="fear"),
                    fragments=(Span(0, 2), Span(3, 5)), rule="quoted-fragment")
    quotes = article.quotes + (made_up,)
    value = cache.encode(dataclasses.replace(article, quotes=quotes), [])
    assert cache.decode(value, article.text) == (quotes, article.mentions, [])


@pytest.mark.parametrize("value", [
    "not json at all {",
    '{"quotes": [], "mentions": []}',
    '{"quotes": [{"id": "q1"}], "mentions": [], "log": []}',
    '{"quotes": [], "mentions": [{"text": "A", "start": 0, "end": 1, "label": "PERSON", "speaker": 1,'
    ' "titled": false, "head": "a"}], "log": []}',
    '{"quotes": [], "mentions": [{"text": "A", "start": 0, "end": 999, "label": "PERSON", "speaker": false,'
    ' "titled": false, "head": "a"}], "log": []}',
    '{"quotes": [], "mentions": [], "log": [["builder.x", 30, "%s %s", "one"]]}',
    '[1, 2, 3]',
])
def test_a_value_that_is_not_ours_does_not_decode(value):
    with pytest.raises(cache.Undecodable):
        cache.decode(value, "A short text.")


def test_a_quote_of_an_unknown_kind_does_not_decode():
    quote = Quote(id="q1", start=0, end=1, text="A", kind="direct", speaker=Speaker("x", 0, 1), cue=Cue("s", 0, 1))
    article = Article(id="a", title="a", source="a", text="A short text.", paragraphs=(Span(0, 13),), quotes=(quote,))
    assert cache.decode(cache.encode(article, []), article.text)[0] == (quote,)
    with pytest.raises(cache.Undecodable, match="shouted"):
        cache.decode(cache.encode(article, []).replace('"direct"', '"shouted"'), article.text)


def test_the_model_is_identified_without_loading_it(nlp):
    meta = nlp.meta
    assert cache.model_identity("en_core_web_sm") == f"{meta['lang']}_{meta['name']}=={meta['version']}"
    assert cache.model_identity("no_such_model_xx") is None


# ---------------------------------------------------------------- rebuilds


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m builder -v ARGS` in a fresh process, run in `cwd` (where the cache goes)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "builder", "-v", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_a_second_run_in_a_fresh_process_parses_nothing(tmp_path):
    folder = write_articles(tmp_path / "seeds")
    first = run_cli(tmp_path, "annotate", str(folder))
    second = run_cli(tmp_path, "annotate", str(folder))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "annotation: 3 articles, 0 from the cache, 3 parsed" in first.stderr
    assert "loading spaCy model" in first.stderr
    assert "annotation: 3 articles, 3 from the cache, 0 parsed" in second.stderr
    assert "loading spaCy model" not in second.stderr and "is not installed" not in second.stderr
    assert second.stdout == first.stdout and first.stdout.count("\n") == 3
    assert (tmp_path / ".cache" / "sourcebook" / "annotations.sqlite").is_file()


def test_editing_one_article_reannotates_only_that_one(tmp_path, monkeypatch, parsed, caplog):
    folder = write_articles(tmp_path / "seeds")
    fresh_collect(folder, tmp_path / "cache", monkeypatch)
    assert sorted(parsed) == ["bridge", "costs", "school"]
    (folder / "costs.txt").write_text("Costs rise\n\n“Costs will fall,” Ana Ortiz said.\n", "utf-8")
    parsed.clear()
    with caplog.at_level(logging.INFO, logger="builder.build"):
        corpus = fresh_collect(folder, tmp_path / "cache", monkeypatch)
    assert parsed == ["costs"]
    assert "annotation: 3 articles, 2 from the cache, 1 parsed" in caplog.text
    assert [q.text for a in corpus.articles if a.id == "costs" for q in a.quotes] == ["Costs will fall,"]


def edit_text(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Change the words of one article."""
    (folder / "school.txt").write_text("A new school\n\nThe principal said the school would open in June.\n", "utf-8")


KEY_PARTS: dict[str, Callable[[Path, pytest.MonkeyPatch], None]] = {
    "nothing": lambda folder, mp: None,
    "text": edit_text,
    "model": lambda folder, mp: mp.setattr(cache, "model_identity", lambda model: "en_core_web_sm==9.9.9"),
    "spacy": lambda folder, mp: mp.setattr(cache, "spacy_version", lambda: "9.9.9"),
    "annotator": lambda folder, mp: mp.setattr(cache, "annotator_version", lambda: "changed code"),
    "settings": lambda folder, mp: mp.setattr("builder.annotate.settings.DISABLED", {"direct"}),
}


@pytest.mark.parametrize("part", list(KEY_PARTS))
def test_each_key_part_invalidates(tmp_path, monkeypatch, parsed, part):
    folder = write_articles(tmp_path / "seeds")
    fresh_collect(folder, tmp_path / "cache", monkeypatch)
    parsed.clear()
    KEY_PARTS[part](folder, monkeypatch)
    fresh_collect(folder, tmp_path / "cache", monkeypatch)
    expected = {"nothing": [], "text": ["school"]}.get(part, ["bridge", "costs", "school"])
    assert sorted(parsed) == expected


def test_warnings_of_annotation_are_repeated_from_the_cache(tmp_path, monkeypatch, parsed):
    folder = write_articles(tmp_path / "seeds", {"open.txt": "Open\n\n“We will win, he said.\n\nThe end.\n"})
    for run in range(2):
        corpus = fresh_collect(folder, tmp_path / "cache", monkeypatch)
        told = [str(p) for p in corpus.noted]
        assert len(told) == 1 and told[0].endswith("open.txt: paragraph 1 has an unclosed quotation mark; "
                                                   "its quote is skipped"), (run, told)
    assert parsed == ["open"]


# ---------------------------------------------------------------- nothing read back is trusted


def spoil_values(value: str) -> Callable[[Path], None]:
    """A spoiler that overwrites every stored value with `value`."""
    def spoil(path: Path) -> None:
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE annotations SET value = ?", (value,))
        conn.close()
    return spoil


def foreign_database(path: Path, user_version: int = 0) -> None:
    """Replace the cache with some other program's SQLite file at the same path."""
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version={user_version}")
        conn.execute("CREATE TABLE annotations (id INTEGER, note TEXT)")
        conn.execute("INSERT INTO annotations VALUES (1, 'mine')")
    conn.close()


SPOILERS: dict[str, Callable[[Path], None]] = {
    "garbage-json": spoil_values("{{{ not json"),
    "foreign-row-shape": spoil_values('{"quotes": [{"who": "me"}], "mentions": [], "log": []}'),
    "undecodable-value": spoil_values('{"quotes": [], "log": [], "mentions": [{"text": "A", "start": -4,'
                                      ' "end": 1, "label": "PERSON", "speaker": false, "titled": false, "head": "a"}]}'),
    "not-sqlite": lambda path: path.write_bytes(b"this is not a database\n" * 200),
    "half-written": lambda path: path.write_bytes(path.read_bytes()[:1500]),
    "foreign-database": foreign_database,
    "foreign-columns": lambda path: foreign_database(path, user_version=cache.SCHEMA),
}


@pytest.mark.parametrize("spoiler", list(SPOILERS))
def test_a_corrupt_cache_is_recomputed(tmp_path, monkeypatch, parsed, spoiler, caplog):
    folder = write_articles(tmp_path / "seeds")
    uncached = fresh_collect(folder, None, monkeypatch)
    fresh_collect(folder, tmp_path / "cache", monkeypatch)
    SPOILERS[spoiler](tmp_path / "cache" / cache.CACHE_FILE)
    parsed.clear()
    with caplog.at_level(logging.INFO):
        again = fresh_collect(folder, tmp_path / "cache", monkeypatch)
    assert sorted(parsed) == ["bridge", "costs", "school"]
    assert same_records(again, uncached) and again.problems == uncached.problems
    if spoiler in ("not-sqlite", "half-written", "foreign-database", "foreign-columns"):
        [told] = [w.message for w in again.warnings if "annotation cache" in w.message]
        assert "moved to annotations.sqlite.broken-" in told  # told and counted with the warnings
        assert list((tmp_path / "cache").glob("*.broken-*"))
    parsed.clear()
    assert same_records(fresh_collect(folder, tmp_path / "cache", monkeypatch), uncached)
    assert parsed == []  # the recomputed entries were stored again


def test_two_writers_at_once_do_not_corrupt_the_cache(tmp_path):
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from builder.cache import AnnotationCache
        store = AnnotationCache(Path(sys.argv[1]))
        for i in range(300):
            store.put(f"{sys.argv[2]}-{i}", '{"quotes": [], "mentions": [], "log": []}')
        store.close()
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path), name], env=env) for name in "ab"]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with sqlite3.connect(tmp_path / cache.CACHE_FILE) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM annotations").fetchone() == (600,)
    conn.close()


# ---------------------------------------------------------------- switches


def test_no_cache_writes_nothing(tmp_path, monkeypatch, capsys, nlp):
    from builder.cli import main

    folder = write_articles(tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(build_module, "_CACHE", {})
    assert main(["annotate", "--no-cache", str(folder)]) == 0
    assert capsys.readouterr().out.count("\n") == 3
    assert not (tmp_path / ".cache").exists()
    assert main(["annotate", str(folder)]) == 0
    assert (tmp_path / ".cache" / "sourcebook" / cache.CACHE_FILE).is_file()
    assert main(["cache", "--clear"]) == 0
    assert "removed" in capsys.readouterr().out
    assert not list((tmp_path / ".cache" / "sourcebook").iterdir())


def test_build_no_cache_and_the_plugin_setting(tmp_path, monkeypatch, nlp):
    from builder.cli import main

    project = make_project(tmp_path, {"story.txt": ARTICLES["bridge.txt"]})
    monkeypatch.setattr(build_module, "_CACHE", {})
    config = str(project / "mkdocs.yml")
    assert main(["build", "-f", config, "--site-dir", str(tmp_path / "one"), "--no-cache"]) == 0
    assert (tmp_path / "one" / "articles" / "story" / "index.html").is_file()
    assert not (project / ".cache").exists()
    assert main(["build", "-f", config, "--site-dir", str(tmp_path / "two")]) == 0
    assert (project / ".cache" / "sourcebook" / cache.CACHE_FILE).is_file()


# ---------------------------------------------------------------- a cache that cannot be written


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """These files and folders read-only for this process: by their mode, or (for root, whom
    modes do not stop) immutable with chattr. Skips the test when neither holds."""
    modes = {p: p.stat().st_mode for p in paths}
    immutable: list[Path] = []
    try:
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        if any(os.access(p, os.W_OK) for p in paths):
            for p in paths:
                if subprocess.run(["chattr", "+i", str(p)], capture_output=True).returncode == 0:
                    immutable.append(p)
        if any(os.access(p, os.W_OK) for p in paths):
            pytest.skip("cannot make a file read-only here")
        yield
    finally:
        for p in immutable:
            subprocess.run(["chattr", "-i", str(p)], capture_output=True)
        for p, mode in modes.items():
            p.chmod(mode)


@pytest.mark.parametrize(
    "which, why",
    [("folder", "its folder is read-only"), ("file", "the file is read-only"),
     ("folder and file", "its folder is read-only")],
)
def test_a_read_only_cache_is_read_and_told_once(tmp_path, monkeypatch, parsed, which, why):
    folder = write_articles(tmp_path / "seeds")
    cache_dir = tmp_path / "cache"
    cold = fresh_collect(folder, cache_dir, monkeypatch)
    edit_text(folder, monkeypatch)  # one article to parse: what the cache cannot keep
    parsed.clear()
    database = cache_dir / cache.CACHE_FILE
    before = database.read_bytes()
    paths = {"folder": [cache_dir], "file": [database]}.get(which, [cache_dir, database])
    with read_only(*paths):
        warm = fresh_collect(folder, cache_dir, monkeypatch)
        assert database.read_bytes() == before  # nothing written
    assert parsed == ["school"] and (warm.cached, warm.parsed) == (2, 1)  # read: the others are hits
    assert [str(w) for w in warm.warnings] == [
        f"{cache_dir}: cannot write to the annotation cache ({why}); it is read, but what this build parses is not kept"]
    assert [a.quotes for a in warm.articles if a.id != "school"] == [a.quotes for a in cold.articles if a.id != "school"]


def test_a_build_with_a_read_only_cache_counts_the_warning_and_fails_when_strict(tmp_path, monkeypatch, nlp, caplog):
    from builder.cli import main

    project = make_project(tmp_path, {"story.txt": ARTICLES["bridge.txt"]})
    config = str(project / "mkdocs.yml")
    monkeypatch.setattr(build_module, "_CACHE", {})
    assert main(["build", "-f", config, "--site-dir", str(tmp_path / "one")]) == 0
    cache_dir = project / ".cache" / "sourcebook"
    with read_only(cache_dir, *cache_dir.rglob("*")):
        build_module._CACHE.clear()
        caplog.clear()
        with caplog.at_level(logging.INFO):
            assert main(["build", "-f", config, "--site-dir", str(tmp_path / "two")]) == 0
        told = [r.getMessage() for r in caplog.records if "cannot write to the annotation cache" in r.getMessage()]
        assert len(told) == 1 and str(cache_dir) in told[0], caplog.text
        assert "1 article (1 from the cache, 0 parsed)" in caplog.text and "0 problems, 1 warning in" in caplog.text
        assert (tmp_path / "two" / "articles" / "story" / "index.html").is_file()
        build_module._CACHE.clear()
        assert main(["build", "-f", config, "--site-dir", str(tmp_path / "three"), "--strict"]) == 1
