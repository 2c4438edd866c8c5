"""The reader: titles, paragraphs, debris removal, credits, bad files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.read import ReadError, read_article, read_seeds
from builder.records import Problem
from builder.slugs import slugify


def write(tmp_path: Path, name: str, body: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "body, paragraphs",
    [
        ("Title\n\nOne.\n\nTwo.", ["One.", "Two."]),
        ("Title\n\nA line\nwrapped here.\n\nNext.", ["A line wrapped here.", "Next."]),
        ("Title\n\n  • Oops!\n    Something went wrong.\n    Please try again later.\n\nBody text.", ["Body text."]),
        ("Title\n\nAdvertisement\n\nBody text.\n\nSHARE THIS ARTICLE", ["Body text."]),
        ("Title\n\nBody.\n\nRead more\n\nMore body.", ["Body.", "More body."]),
        ("Title\n\nFollow us\n\nBody one.\n\nFollow us\n\nBody two.", ["Body one.", "Body two."]),
        ("Title\n\nBody.\n\nJane Doe contributed to this report.", ["Body."]),
        ("Title\n\nBody.\n\nJane Doe and John Roe contributed reporting.", ["Body."]),
        ("Title\n\nA long paragraph that mentions that Jane contributed to this report in passing, but goes on and on with more words.", None),
    ],
)
def test_cleaning(tmp_path, body, paragraphs):
    article = read_article(write(tmp_path, "a.txt", body))
    got = [article.text[p.start:p.end] for p in article.paragraphs]
    if paragraphs is None:  # a mention of a credit inside prose stays prose
        assert len(got) == 1 and "contributed" in got[0]
    else:
        assert got == paragraphs
    assert article.title == "Title"
    for p in article.paragraphs:
        assert article.text[p.start:p.end].strip() == article.text[p.start:p.end]


@pytest.mark.parametrize(
    "credit, names",
    [
        ("Jane Doe contributed to this report.", ["Jane Doe"]),
        ("Jane Doe and John Roe contributed reporting.", ["Jane Doe", "John Roe"]),
        ("Ann Lee, Bo Park and Cy Young contributed to this story.", ["Ann Lee", "Bo Park", "Cy Young"]),
        ("Reporting by Ann Lee; Editing by Bo Park", ["Ann Lee", "Bo Park"]),
    ],
)
def test_credit_becomes_metadata(tmp_path, credit, names):
    article = read_article(write(tmp_path, "a.txt", f"Title\n\nBody.\n\n{credit}\n"))
    assert article.metadata["contributors"] == names
    assert "contributed" not in article.text and "Reporting by" not in article.text


def test_markdown_front_matter(tmp_path):
    body = "---\ntitle: A headline\ndate: 2024-03-01\noutlet: Daily\nauthors: Jo Ann\n---\n\nFirst.\n\nSecond.\n"
    article = read_article(write(tmp_path, "story.md", body))
    assert article.title == "A headline"
    assert article.metadata == {"date": "2024-03-01", "outlet": "Daily", "authors": ["Jo Ann"]}
    assert article.text == "First.\n\nSecond."


def test_markdown_title_from_heading(tmp_path):
    article = read_article(write(tmp_path, "story.md", "# The heading\n\nBody.\n"))
    assert article.title == "The heading" and article.text == "Body."


@pytest.mark.parametrize(
    "name, body, message",
    [
        ("empty.txt", "", "empty file"),
        ("blank.txt", "  \n\n \n", "empty file"),
        ("title-only.txt", "Just a title\n", "no article body"),
        ("latin1.txt", b"Title\n\nCaf\xe9 society.", "not valid UTF-8 (byte 0xe9 at offset 10)"),
        ("bad-yaml.md", "---\ntitle: [unclosed\n---\n\nBody.", "invalid front matter at line 2: invalid YAML"),
        ("list-yaml.md", "---\n- a\n- b\n---\n\nBody.", "front matter must be a mapping"),
    ],
)
def test_bad_files_raise_a_clear_error(tmp_path, name, body, message):
    with pytest.raises(ReadError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        read_article(write(tmp_path, name, body))


def test_unreadable_path_is_reported(tmp_path):
    """A path that cannot be read as a file (here a directory named like an article)."""
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(ReadError, match="not a regular file"):
        read_article(tmp_path / "dir.txt")


def test_read_seeds_skips_bad_and_keeps_good(tmp_path):
    write(tmp_path, "good.txt", "Good\n\nBody.")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "notes.json", "{}")  # not an article
    articles, problems = read_seeds(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert [(Path(p.source).name, p.message) for p in problems] == [("empty.txt", "empty file")]


def test_ids_are_kept_as_given_and_clashes_numbered(tmp_path):
    from builder.index import index_site

    write(tmp_path, "My Story!.txt", "A\n\nBody.")
    write(tmp_path, "my-story.md", "B\n\nBody.")
    write(tmp_path, "other.md", "---\nid: my-story\n---\nC\n\nBody.")
    articles, problems = read_seeds(tmp_path)
    assert sorted(a.id for a in articles) == ["My Story!", "my-story", "my-story-2"]
    assert [p.message for p in problems] == ["id 'my-story' is taken by an earlier article; this one is 'my-story-2'"]
    assert sorted(index_site(articles, []).slug.values()) == ["my-story", "my-story-2", "my-story-2-2"]
    assert slugify("Café Ünïcode — 2024") == "cafe-unicode-2024"


def test_readers_are_registered_by_suffix():
    from builder.read import READERS, read_jsonl, read_text_file

    assert READERS[".txt"] is READERS[".md"] is read_text_file
    assert READERS[".jsonl"] is read_jsonl


def test_a_jsonl_corpus_yields_many_articles_and_names_bad_lines(tmp_path):
    from builder.read import read_paths

    lines = ['{"id": "a_1", "text": "First line.\\nSecond line."}', "", "not json", '{"id": "b", "text": "B."}']
    path = write(tmp_path, "corpus.jsonl", "\n".join(lines) + "\n")
    articles, problems = read_paths([tmp_path])
    assert [(a.id, a.text) for a in articles] == [("a_1", "First line.\nSecond line."), ("b", "B.")]
    assert [articles[0].text[p.start:p.end] for p in articles[0].paragraphs] == ["First line.", "Second line."]
    assert [p.source for p in problems] == [f"{path}:3"]
    assert problems[0].message.startswith("bad record")


def test_read_paths_reports_missing_paths_and_unknown_formats(tmp_path):
    from builder.read import read_paths

    odd = write(tmp_path, "notes.docx", "x")
    articles, problems = read_paths([tmp_path / "nope", odd])
    assert articles == []
    assert [(p.source, p.message.split(" (")[0]) for p in problems] == [
        (str(tmp_path / "nope"), "no such file or directory"), (str(odd), "unknown format")]


def test_a_saved_news_page_keeps_the_article_only():
    from builder.read import Settings, read_html

    [article] = list(read_html(Path(__file__).parent / "formats" / "harbor-page.html", Settings()))
    assert article.title == "Harbor dredging wins approval"
    assert article.metadata == {"date": "2024-04-09", "outlet": "The Coastal Times", "authors": ["Nina Hale"],
                                "url": "https://coastal.example/2024/04/09/harbor-dredging"}
    paragraphs = [article.text[p.start:p.end] for p in article.paragraphs]
    assert len(paragraphs) == 4 and paragraphs[1].startswith("“Ships are running aground")
    for furniture in ("cookies", "Subscribe", "Related stories", "Ferry fares", "Comments", "waste of money",
                      "Ships are sinking", "Privacy policy", "All rights reserved"):
        assert furniture not in article.text


@pytest.mark.parametrize(
    "value, day",
    [("2024-05-01", "2024-05-01"), ("March 3, 2016", "2016-03-03"), ("2016-03-03T10:00:00Z", "2016-03-03"),
     ("3 March 2016", "2016-03-03"), ("2016", None), ("March 2016", None), ("sometime soon", None), ("", None)],
)
def test_dates_parse_to_whole_iso_days(value, day):
    from builder.read import parse_date

    assert parse_date(value) == day


def test_a_csv_corpus_with_mapped_fields(tmp_path):
    from builder.read import Settings, read_csv

    path = write(tmp_path, "c.csv", 'key,body,when\nk1,"Line one.\nLine two.",2024-01-02\n,"No key.",\nk3,,2024-01-03\n')
    items = list(read_csv(path, Settings(fields={"id": "key", "text": "body", "date": "when"})))
    arts = [i for i in items if not isinstance(i, Problem)]
    assert [(a.id, a.text, a.metadata.get("date")) for a in arts] == [
        ("k1", "Line one.\nLine two.", "2024-01-02"), ("c-4", "No key.", None)]
    assert [(p.source, p.message) for p in items if isinstance(p, Problem)] == [
        (f"{path}:5", "bad record: no 'body' field with text")]


def test_a_duplicate_id_suffix_never_takes_another_articles_own_id(tmp_path):
    from builder.read import read_paths

    lines = [{"id": "dup", "text": "First."}, {"id": "dup", "text": "Second."}, {"id": "dup-2", "text": "Third."}]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    articles, problems = read_paths([tmp_path])
    ids = {a.text: a.id for a in articles}
    assert ids == {"First.": "dup", "Second.": "dup-3", "Third.": "dup-2"}  # "dup-2" keeps its own id
    assert [p.fatal for p in problems] == [False] and "'dup-3'" in problems[0].message


def test_many_duplicate_ids_read_in_linear_time(tmp_path):
    from builder.read import read_paths

    n = 3000
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps({"id": "same", "text": f"Text {i}."}) + "\n"
                                                   for i in range(n)), "utf-8")
    articles, _ = read_paths([tmp_path])
    assert len({a.id for a in articles}) == n and articles[-1].id == f"same-{n}"


def test_nul_is_dropped_from_titles_and_text(tmp_path):
    from builder.read import read_paths

    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "a", "title": "Ti\x00tle", "text": "Fi\x00rst."}) + "\n", "utf-8")
    write(tmp_path, "b.txt", "Head\x00line\n\nBo\x00dy.")
    articles, _ = read_paths([tmp_path])
    assert all("\x00" not in a.title + a.text for a in articles) and len(articles) == 2
