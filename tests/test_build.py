"""The orchestrator: collect() is the one pipeline behind the site and the CLI."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

from builder import build as build_module
from builder.build import build, collect


def seeds(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, body in files.items():
        path = folder / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body).lstrip(), "utf-8")
    return folder


STORY = """\
    Council votes on the bridge

    “We will rebuild the bridge,” said Mayor Ana Ortiz on Monday.

    Ortiz said the city would borrow the money.
"""
OTHER = """\
    ---
    title: A second story
    date: 2024-03-01
    ---

    “Costs will rise,” Ana Ortiz warned.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp):
    folder = seeds(tmp_path_factory.mktemp("collect"), {
        "story.txt": STORY, "other.md": OTHER, "broken.txt": b"\xff\xfe bad bytes",
        "actors.yml": "Ana Ortiz:\n  aliases: [Ortiz]\n  description: Mayor.\n",
    })
    return collect([folder])


def test_collect_reads_annotates_and_resolves_across_articles(corpus):
    assert sorted(a.id for a in corpus.articles) == ["other", "story"]
    ortiz = [a for a in corpus.actors if a.name == "Ana Ortiz"]
    assert len(ortiz) == 1 and ortiz[0].description == "Mayor."
    speakers = {q.speaker.actor for a in corpus.articles for q in a.quotes}
    assert speakers == {ortiz[0].id}


def test_collect_reports_a_bad_file_and_keeps_the_rest(corpus):
    assert [p.source.rsplit("/", 1)[-1] for p in corpus.problems] == ["broken.txt"]
    assert "not valid UTF-8" in corpus.problems[0].message


def test_an_article_that_fails_to_annotate_is_skipped(tmp_path, monkeypatch, nlp):
    folder = seeds(tmp_path, {"good.txt": STORY, "bad.txt": "Bad one\n\n“Boom,” said Bo Li.\n"})
    real = build_module.ann.annotate

    def flaky(article, pipeline):
        if article.id == "bad":
            raise RuntimeError("parser exploded")
        return real(article, pipeline)

    monkeypatch.setattr(build_module.ann, "annotate", flaky)
    monkeypatch.setattr(build_module, "_CACHE", {})
    corpus = collect([folder])
    assert [a.id for a in corpus.articles] == ["good"]
    assert [(p.source.rsplit("/", 1)[-1], "parser exploded" in p.message) for p in corpus.problems] == [("bad.txt", True)]


def test_build_renders_pages_and_data_files(tmp_path, nlp):
    folder = seeds(tmp_path, {"story.txt": STORY})
    result = build(folder, templates=ROOT / "templates")
    assert {"articles/story.md", "articles/index.md", "actors/index.md", "sources/index.md"} <= set(result.site.pages)
    assert any(p.startswith("actors/ana-ortiz") for p in result.site.pages)
    assert set(result.site.files) == {"data/annotations.jsonl", "data/quotes.csv", "data/sourcebook.sqlite"}
    assert result.problems == [] and [a.id for a in result.articles] == ["story"]


def test_a_full_disk_fails_the_stage_at_once_rather_than_blaming_each_article():
    from base import article

    calls = []

    def stage(articles):
        calls.append(len(articles))
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        build_module.isolated(stage, [article("a", "Text."), article("b", "More.")], "writing")
    assert calls == [2]  # not once more per article
