"""The reader: titles, paragraphs, debris removal, credits, bad files."""
from __future__ import annotations

import codecs
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


# ---------------------------------------------------------------- build or fail clearly (issue 24)

def read_items(path: Path, **settings) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(id, text) of each article a file gives, and (where, message) of each problem, `where`
    without the folder ("c.csv:3")."""
    from builder.read import Settings, read_paths

    articles, problems = read_paths([path], Settings(**settings))
    return ([(a.id, a.text) for a in articles],
            [(Path(p.source).name, p.message) for p in problems if p.fatal])


NOT_CLOSED = 'bad record: a quoted cell is not closed properly (a " inside a quoted cell is written "")'
BIG = "x" * 140_000


@pytest.mark.parametrize(
    "body, articles, problems",
    [
        pytest.param('id,text\n1,"He said "hi" there."\n2,Fine.\n', [("2", "Fine.")],
                     [("c.csv:2", NOT_CLOSED + "; skipped")], id="stray-quote"),
        pytest.param('id,text\n1,"Never closed.\n2,Two.\n3,"Three."\n', [("2", "Two."), ("3", "Three.")],
                     [("c.csv:2", NOT_CLOSED + "; skipped")], id="unclosed-swallows-no-row"),
        pytest.param('id,text\n1,"Never closed.\n2,Two.\n', [("2", "Two.")],
                     [("c.csv:2", NOT_CLOSED + "; skipped")], id="unclosed-at-the-end"),
        pytest.param('id,text\n1,"Line one.\nHe said "hi" today."\n2,Fine.\n', [("2", "Fine.")],
                     [("c.csv:2", NOT_CLOSED + " (lines 2–3); skipped")], id="multi-line-record-at-its-start"),
        pytest.param('id,text\n1,"Line one.\nLine two."\n2,"He ""won""."\n', [("1", "Line one.\nLine two."),
                     ("2", 'He "won".')], [], id="well-formed"),
        pytest.param(f'id,text\n1,"{BIG}"\n2,Two.\n3,"{BIG[:70_000]}\n{BIG[:70_000]}"\n4,Four.\n',
                     [("2", "Two."), ("4", "Four.")],
                     [("c.csv:2", "a cell larger than the limit of 0.1 MB (setting max_article_mb); skipped"),
                      ("c.csv:4", "a cell larger than the limit of 0.1 MB (setting max_article_mb); skipped")],
                     id="cell-over-the-field-limit"),
        pytest.param('id;title;text\n1;A;"Hello, world."\n2;B;Two.\n', [("1", "Hello, world."), ("2", "Two.")], [],
                     id="semicolons"),
        pytest.param('id\ttext\n1\tHello, world.\n', [("1", "Hello, world.")], [], id="tabs"),
        pytest.param('id|text\n1|Hello.\n', [("1", "Hello.")], [], id="bars"),
        pytest.param('id:text\n1:Hello.\n2:Two.\n', [],
                     [("c.csv:1", "the header has no 'text' column (it has 'id:text'); no row is read")],
                     id="no-text-column-told-once"),
        pytest.param('id,text\n1,Hello, world\n2,Two.\n3,Three.,\n', [("2", "Two."), ("3", "Three.")],
                     [("c.csv:2", "bad record: 3 cells, but the header names 2 (is a cell with a comma in it "
                                  "not quoted?); skipped")], id="more-cells-than-the-header"),
        pytest.param(b"id,text\n1,Caf\xe9.\n2,Two.\n", [("2", "Two.")],
                     [("c.csv:2", "bad record: not valid UTF-8 (byte 0xe9)")], id="a-bad-byte-is-its-row's"),
        pytest.param('id,text\r1,One.\r2,"Two\rlines."\r3,Three.\r', [("1", "One."), ("2", "Two\nlines."),
                     ("3", "Three.")], [], id="old-mac-line-ends"),
    ],
)
def test_a_csv_table_is_read_strictly_and_a_bad_row_named_where_it_starts(tmp_path, body, articles, problems):
    got = read_items(write(tmp_path, "c.csv", body), limit=100_000)
    assert got == (articles, problems)


@pytest.mark.parametrize(
    "ends",
    [pytest.param("\n", id="LF"), pytest.param("\r\n", id="CRLF"), pytest.param("\r", id="CR-only"),
     pytest.param(["\r", "\n", "\r\n", "\r"], id="mixed")],
)
def test_a_jsonl_corpus_is_read_line_by_line_whatever_its_line_ends(tmp_path, ends):
    lines = ['{"id": "a", "text": "A."}', '{"id": "b", "text": "B."}', "not json", '{"id": "d", "text": "D."}']
    ends = ends if isinstance(ends, list) else [ends] * 4
    path = write(tmp_path, "c.jsonl", "".join(line + end for line, end in zip(lines, ends)))
    articles, problems = read_items(path)
    assert articles == [("a", "A."), ("b", "B."), ("d", "D.")]
    assert [(where, message.split(":")[0]) for where, message in problems] == [("c.jsonl:3", "bad record")]


def _page(charset_tag: str = "") -> str:
    body = "".join(f"<p>The café council met on day {n} and talked about the budget for a long while.</p>"
                   for n in range(4))
    return (f"<html><head>{charset_tag}<title>Café council</title></head>"
            f"<body><article><h1>Café council</h1>{body}</article></body></html>")


@pytest.mark.parametrize(
    "name, data, title, error",
    [
        ("meta.html", _page('<meta charset="windows-1252">').encode("cp1252"), "Café council", None),
        ("equiv.html", _page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
         .encode("cp1252"), "Café council", None),
        ("latin1.html", _page("<meta charset='ISO-8859-1'>").encode("cp1252"), "Café council", None),
        ("utf16.html", _page().encode("utf-16"), "Café council", None),
        ("utf16be.htm", codecs.BOM_UTF16_BE + _page().encode("utf-16-be"), "Café council", None),
        ("utf16.txt", "Café title\n\nBody.\n".encode("utf-16"), "Café title", None),
        ("utf16.md", "---\ntitle: Café\n---\n\nBody.\n".encode("utf-16"), "Café", None),
        ("utf8bom.md", "\ufeff---\ntitle: Café\n---\n\nBody.\n".encode("utf-8"), "Café", None),
        ("undeclared.html", _page().encode("cp1252"), None, "not valid UTF-8 (byte 0xe9 at offset 22)"),
        ("unknown.html", _page('<meta charset="x-klingon">').encode("cp1252"), None,
         "not valid UTF-8 (byte 0xe9 at offset 48), and its charset 'x-klingon' is not one Python knows"),
        ("cp1252.txt", "Café title\n\nBody.\n".encode("cp1252"), None, "not valid UTF-8 (byte 0xe9 at offset 3)"),
        ("binary.txt", b"\xff\xfe bad", None, "not valid UTF-8 (byte 0xff at offset 0)"),
    ],
)
def test_a_file_is_decoded_by_its_byte_order_mark_or_declared_charset(tmp_path, name, data, title, error):
    from builder.read import read_paths

    articles, problems = read_paths([write(tmp_path, name, data)])
    assert [a.title for a in articles] == ([title] if title else [])
    assert [(Path(p.source).name, p.message) for p in problems] == ([(name, error)] if error else [])
    assert all("The café council met" in a.text or a.text == "Body." for a in articles)


@pytest.mark.parametrize(
    "raw, text",
    [
        ("Ma\u200dria Lopez", "Maria Lopez"),
        ("Maria\u2060 Lopez", "Maria Lopez"),
        ("\u200eMaria Lopez\u200f", "Maria Lopez"),
        ("\u202eMaria\u202c Lopez", "Maria Lopez"),
        ("\u2067Maria Lopez\u2069", "Maria Lopez"),
        ("\ufeffMaria \u200bLopez\u00ad", "Maria Lopez"),
        ("Jose\u0301 Di\u0301az", "Jose\u0301 Di\u0301az"),  # visible: kept as written, not composed
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),  # Persian: kept
        ("\U0001F469\u200d\U0001F4BB", "\U0001F469\u200d\U0001F4BB"),  # an emoji sequence: kept
    ],
)
def test_invisible_characters_leave_the_text_as_it_is_read(tmp_path, raw, text):
    from builder.read import clean_text

    assert clean_text(raw) == text
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "a", "text": f"Said {raw}."}) + "\n", "utf-8")
    write(tmp_path, "b.txt", f"Title\n\nSaid {raw}.\n")
    articles, _ = read_seeds(tmp_path)
    assert [a.text for a in articles] == [f"Said {text}."] * 2
    assert all(a.paragraphs[0].end == len(a.text) for a in articles)  # offsets hold in the published text


SPEECH = "“We will win,” said {}."


@pytest.mark.parametrize("name", ["Ma\u200dria Lopez", "Maria\u2060 Lopez", "\u200eMaria Lopez\u200f",
                                  "\ufeffMaria Lopez", "\u202eMaria Lopez", "Mari\u200ba Lo\u00adpez"])
@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_a_speaker_named_with_invisible_characters_is_found(tmp_path, nlp, name, suffix):
    from builder.build import collect

    text = SPEECH.format(name)
    if suffix == ".txt":
        write(tmp_path, "a.txt", f"A story\n\n{text}\n")
    else:
        write(tmp_path, "a.jsonl", json.dumps({"id": "a", "text": text}) + "\n")
    corpus = collect([tmp_path], cache_dir=None)
    [article] = corpus.articles
    [quote] = article.quotes
    names = {a.id: a.name for a in corpus.actors}
    assert quote.text == "We will win," and names[quote.speaker.actor] == "Maria Lopez"
    assert article.text[quote.speaker.start:quote.speaker.end] == "Maria Lopez"
