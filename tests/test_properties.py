"""Property tests (hypothesis) with the real spaCy model: no input breaks the
annotator or the build, offsets always hold, file names never change results,
and escaped text stays text.

Every test is derandomized (the same examples on every run) and keeps no
example database, so CI is reproducible; the real spaCy model is never mocked.
"""
from __future__ import annotations

import html
import json
import os
import re
import tempfile
from pathlib import Path

import markdown
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT

from builder.annotate import annotate
from builder.build import build, collect
from builder.read import paragraph_spans
from builder.records import Article
from builder.render import Urls, md_escape
from builder.slugs import slugify


def examples(count: int) -> settings:
    """Settings for a property: `count` examples, the same ones every run, no timing limit."""
    return settings(max_examples=count, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- Text pieces ---------------------------------------------------------------

# (opening, closing) quotation marks of every kind, paired and mismatched.
MARKS = [("“", "”"), ('"', '"'), ("'", "'"), ("‘", "’"), ("«", "»"), ("''", "''"), ("``", "''"),
         ("„", "“"), ("« ", " »"), ("“", '"'), ("‘", "'"), ("", "”"), ("“", "")]
STRAY = ["“", "”", '"', "'", "‘", "’", "«", "»", "''", "``", "„", "‹", "›", "「", "」"]
VERBS = ["said", "says", "told reporters", "added", "warned", "argued", "insisted", "explained",
         "wrote", "asked", "claimed", "said on Monday", "said in a statement", "tweeted"]
KNOWN_NAMES = [
    "Ana Ortiz", "Ted Cruz", "Texas Sen. Ted Cruz", "Ohio Sen. Dana Webb", "Mayor Ana Ortiz", "Dr. Li Wei",
    "Владимир Путин", "习近平", "محمد بن سلمان", "José Ñúñez", "Zoë O'Brien-Smith", "Ｊｏｈｎ Ｓｍｉｔｈ",
    "A\u030angstro\u0308m Lee", "🙂 Smiley", "Ólafur Arnalds", "Index", "Nan", "he", "she", "they", "It",
    "the official", "a senior State Department official", "the White House", "police", "the company",
    "Ortiz", "Cruz", "Mr. Webb", "Sanders",
]
PLACES = ["Houston", "Texas", "Ohio", "Москва", "北京", "القاهرة", "the city", "Washington"]
WORDS = ["we", "will", "rebuild", "the", "bridge", "never", "retreat", "costs", "rise", "it", "is", "a",
         "disaster", "plan", "law", "support", "I", "don't", "know", "what", "happened", "—", "…", "?", "!",
         "said", "according", "to", "Ana", "Cruz", "he", "she", "mayor"]
SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzéüñçøß",
    "cyrillic": "".join(map(chr, range(0x430, 0x450))),
    "cjk": "".join(map(chr, range(0x4E00, 0x4E40))),
    "arabic": "".join(map(chr, range(0x627, 0x64B))),
    "emoji": "🙂🎉👩🏽‍💻🇺🇸❤️",
}
COMBINING = "".join(map(chr, range(0x300, 0x370)))


@st.composite
def generated_names(draw) -> str:
    """A name of one to three words in one script, capitalised where the script has case,
    sometimes with combining marks."""
    letters = SCRIPTS[draw(st.sampled_from(sorted(SCRIPTS)))]
    words = draw(st.lists(st.text(letters, min_size=1, max_size=8), min_size=1, max_size=3))
    name = " ".join(w[:1].upper() + w[1:] for w in words)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(name)))
        name = name[:at] + draw(st.text(COMBINING, min_size=1, max_size=2)) + name[at:]
    return name


def names() -> st.SearchStrategy[str]:
    """Speakers: known hard cases (titles, pronouns, descriptions, scripts) and generated names."""
    return st.one_of(st.sampled_from(KNOWN_NAMES), generated_names())


def said() -> st.SearchStrategy[str]:
    """What is said: a few words, sometimes arbitrary text."""
    words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
    return st.one_of(words, words.map(str.capitalize), st.text(max_size=30))


@st.composite
def sentences(draw) -> str:
    """One sentence from a template: quotes with marks of any kind, reporting verbs,
    names in any script, stray marks, long runs, arbitrary text."""
    o, c = draw(st.sampled_from(MARKS))
    verb, name, words = draw(st.sampled_from(VERBS)), draw(names()), draw(said())
    templates = [
        f"{o}{words}{c} {verb} {name}.",
        f"{o}{words},{c} {name} {verb}.",
        f"{o}{words},{c} {verb} {name}, {o}{draw(said())}.{c}",
        f"{name} {verb}, {o}{words}.{c}",
        f"{name} {verb}: {o}{words}{c}",
        f"{name} {verb} that {words}.",
        f"According to {name}, {words}.",
        f"according to {name}, {o}{words}{c}",
        f"{name} {verb} the plan was {o}{words}{c} and {o}{draw(said())}{c}.",
        f"{o}{words}",
        f"{words}{c} {verb} {name}.",
        f"{name} visited {draw(st.sampled_from(PLACES))} on Monday.",
        f"{draw(st.sampled_from(PLACES))} Sen. {name} said he supports the law.",
        f"{o}{words}{c}",
        draw(st.sampled_from(STRAY)),
        f"{o}{words} {draw(st.sampled_from(STRAY))} {words}{c} {verb} {name}.",
        " ".join([f"{o}{words},{c} {verb} {name}."] * draw(st.integers(2, 12))),
        draw(st.text(max_size=40)),
    ]
    return draw(st.sampled_from(templates))


@st.composite
def articles_text(draw) -> str:
    """An article body: paragraphs of sentences, separated by any kind of line break,
    with tabs, carriage returns and empty or blank lines."""
    gap = st.sampled_from([" ", " ", "  ", "\t", " \r ", " \t "])
    breaks = st.sampled_from(["\n", "\n\n", "\n\n\n", "\r\n", "\r", "\n \n", "\n\t\n", "\n\r\n"])
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4), min_size=0, max_size=5))
    text = ""
    for i, para in enumerate(paragraphs):
        if i:
            text += draw(breaks)
        text += para[0] + "".join(draw(gap) + s for s in para[1:])
    return draw(st.sampled_from(["", " ", "\n", "\t"])) + text + draw(st.sampled_from(["", "\n", " \n", "\r"]))


def annotated(nlp, text: str) -> Article:
    """Annotate `text` as conftest's `annotate_text` does, verbatim (no dedent or strip)."""
    return annotate(Article(id="t", title="t", source="test", text=text, paragraphs=paragraph_spans(text)), nlp)


def assert_offsets_hold(article: Article) -> None:
    """Every quote, speaker, name, cue, fragment and mention points at its own text."""
    text = article.text
    for q in article.quotes:
        assert 0 <= q.start <= q.end <= len(text), q
        assert text[q.start:q.end] == q.text, q
        sp = q.speaker
        if sp.text:
            assert text[sp.start:sp.end] == sp.text, sp
        if sp.name:
            assert text[sp.name_start:sp.name_end] == sp.name, sp
        if q.cue:
            assert text[q.cue.start:q.cue.end] == q.cue.text, q.cue
        for f in q.fragments:
            assert q.start <= f.start <= f.end <= q.end, (f, q)
    for m in article.mentions:
        assert 0 <= m.start <= m.end <= len(text), m
        assert text[m.start:m.end] == m.text, m


# --- 1. Annotation -------------------------------------------------------------

@examples(80)
@given(text=articles_text())
def test_annotation_never_raises_and_offsets_hold(nlp, text):
    """Any article text annotates, and every offset points at its own words."""
    assert_offsets_hold(annotated(nlp, text))


NARRATION = ("The council met on Monday to discuss the budget for the coming year, and members spoke at "
             "length about roads, schools and the new bridge across the river.")


@settings(examples(2), phases=[Phase.explicit, Phase.generate])  # each example parses a long text
@given(sentence=sentences(), gap=st.sampled_from([" ", "\t", "  "]))
def test_long_paragraphs_are_annotated_whole(nlp, sentence, gap):
    """A paragraph past the parser's piece size (20,000 characters) keeps exact
    offsets and has quotes found after the first piece too."""
    quote = "“We will rebuild the bridge,” said Ana Ortiz."
    parts = []
    while sum(map(len, parts)) < 24_000:
        parts += [sentence[:300], NARRATION, quote]
    article = annotated(nlp, gap.join(parts))
    assert_offsets_hold(article)
    assert any(q.start > 20_000 and "We will rebuild" in q.text for q in article.quotes)


# --- 2. The whole build ----------------------------------------------------------

# Values a YAML loader should take: dates, numbers (non-finite too), tags, anchors,
# nested lists and mappings, block scalars, unsafe links, names in any script.
YAML_VALUES = [
    "2024-05-01", "2024-05-01T10:00:00Z", "12:30:00", ".nan", ".inf", "-.inf", "1e400", "0x1F", "0o17", "5",
    "-0", "null", "~", "yes", "no", "on", "'quoted: value'", '"\\u0000 nul"', '"javascript:alert(1)"',
    "JaVaScRiPt:alert(1)", "https://example.com/a?b=1", "/relative/link", "!!binary aGVsbG8=", "!!set {a, b}",
    "!!str 2024-01-01", "!!int '7'", "!!timestamp 2001-12-14", "!!float 1e999", "&a [1, 2, 3]",
    "[a, [b, [c, [d]]]]", "{a: 1, b: [2, 3], c: {d: e}}", "|\n  line one\n  line two", ">\n  folded\n  text",
    "\n  - a\n  - [b, c]\n  - {d: 1}", "\n  - Ana Ortiz\n  - Владимир Путин", "[]", "{}", "Владимир Путин",
    '"\\r---\\r- item"', '"A  \\nB"', "[2024-05-01, .nan, 7]", "{2024-05-01: x}",
]
# ...and values it may refuse, which must become a problem naming the file.
YAML_HOSTILE = [
    "2024-13-45", "!!python/object/apply:os.system ['true']", "*a", "*missing", "'unterminated", "[unclosed",
    "{a: 1", "@reserved", "`backtick`", "%TAG", "- - -", "'title\r---'", "!!binary ???", "!!set [a]",
    "&b [*b]", "&c {x: 1}\n<<: *c",
]
YAML_KEYS = ["title", "date", "updated", "authors", "outlet", "url", "tags", "x", "Date", "123", "'quoted key'",
             "? complex", "<<", "&k key", "*k"]


@st.composite
def front_matter(draw) -> str:
    """YAML-ish front matter: mostly ordinary (distinct keys, valid values),
    sometimes hostile (duplicate keys, bad tags, dangling aliases), or arbitrary text."""
    mode = draw(st.sampled_from(["valid", "valid", "hostile", "text"]))
    if mode == "text":
        body = draw(st.text(max_size=60))
    else:
        values = YAML_VALUES if mode == "valid" else YAML_VALUES + YAML_HOSTILE
        keys = draw(st.lists(st.sampled_from(YAML_KEYS[:7] if mode == "valid" else YAML_KEYS),
                             min_size=1, max_size=6, unique=mode == "valid"))
        text = st.text(st.characters(blacklist_categories=("Cc", "Cs") if mode == "valid" else ("Cs",)), max_size=20)
        body = "\n".join(f"{key}: {draw(st.one_of(st.sampled_from(values), text))}" for key in keys)
    return f"---\n{body}\n{draw(st.sampled_from(['---', '---', '...', '--- ', '']))}\n"


@st.composite
def file_bodies(draw, suffix: str) -> bytes:
    """The bytes of one seeds file of this kind."""
    title = draw(st.one_of(st.sampled_from(["A story", "# Heading", "", "Index", "“Quoted title”"]),
                           st.text(max_size=20)))
    body = draw(articles_text())
    if suffix == ".txt":
        choice = draw(st.integers(0, 3))
        if choice == 0:
            return draw(st.binary(max_size=200))
        data = f"{title}\n\n{body}".encode("utf-8", "surrogatepass")
        if choice == 1:
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00"])) + data[at:]
        if choice == 2:
            data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
        return data
    if suffix == ".md":
        return (draw(front_matter()) + f"\n{title}\n\n{body}").encode("utf-8", "surrogatepass")
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        ident = st.one_of(st.sampled_from(["a", "b", "index", "Index", "A story"]), st.text(max_size=10),
                          st.integers(), st.none(), st.floats())
        record = {"id": draw(ident), "text": draw(st.one_of(articles_text(), articles_text(), st.integers()))}
        if draw(st.booleans()):
            record["title"] = draw(st.one_of(st.text(max_size=10), st.none(), st.lists(st.integers())))
        good = json.dumps(record, ensure_ascii=draw(st.booleans()))
        line = draw(st.sampled_from([good, good, good[:-1], "[1, 2]", "NaN", '{"id": "x"}',
                                     '{"id": "n", "text": "x", "title": NaN}', "", "  "]))
        lines.append(line.encode("utf-8", "surrogatepass"))
    if draw(st.booleans()):
        lines.append(draw(st.binary(max_size=30)))
    return b"\n".join(lines)


FILE_NAME = st.text(st.characters(blacklist_characters="/\\\x00", blacklist_categories=("Cs",)),
                    min_size=1, max_size=16).filter(lambda s: not s.startswith(".") and len(s.encode()) < 200)


@st.composite
def seeds_files(draw) -> dict[str, bytes]:
    """A seeds directory: a few .txt, .md and .jsonl files under generated names,
    sometimes names that differ only in case or punctuation."""
    stems = draw(st.lists(st.one_of(FILE_NAME, st.sampled_from(["index", "Index", "My Story", "my-story",
                                                                  "my_story", "a", "A"])),
                          min_size=1, max_size=4, unique=True))
    files = {}
    for stem in stems:
        suffix = draw(st.sampled_from([".txt", ".md", ".jsonl"]))
        files[stem + suffix] = draw(file_bodies(suffix))
    return files


def strict_json(line: str) -> object:
    """json.loads that rejects NaN and Infinity, as strict parsers do."""
    def reject(constant: str) -> object:
        raise ValueError(f"non-standard JSON constant {constant}")
    return json.loads(line, parse_constant=reject)


def names_a_seeds_file(source: str, seeds: Path) -> bool:
    """True when a problem's source is a file in `seeds` (absolute or relative to it),
    possibly followed by `:line`."""
    candidates = [source]
    while re.search(r":\d+$", candidates[-1]):
        candidates.append(re.sub(r":\d+$", "", candidates[-1]))
    for candidate in candidates:
        path = Path(candidate) if os.path.isabs(candidate) else seeds / candidate
        if path.is_file() and path.resolve().is_relative_to(seeds.resolve()):
            return True
    return False


@examples(40)
@given(files=seeds_files())
def test_build_never_raises_on_generated_seeds(nlp, files):
    """Any seeds directory builds: bad inputs are problems naming their file, the
    pages are text, every article has a page and the data file is strict JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        for name, data in files.items():
            (seeds / name).write_bytes(data)
        result = build(seeds, templates=ROOT / "templates")
        for problem in result.problems + result.warnings:
            assert names_a_seeds_file(problem.source, seeds), problem
        assert all(isinstance(page, str) for page in result.site.pages.values())
        assert all(isinstance(data, str) for path, data in result.site.files.items() if not path.endswith(".sqlite"))
        assert isinstance(result.site.home, str)
        for article in result.articles:
            assert Urls.article_src(result.index.slug[article.id]) in result.site.pages, article.id
        # JSON Lines ends records with "\n" only; U+2028 or U+0085 may sit inside a record.
        lines = result.site.files["data/annotations.jsonl"].split("\n")[:-1]
        assert len(lines) == len(result.articles)
        for line in lines:
            record = strict_json(line)
            assert not os.path.isabs(record["source"]) and tmp not in line, record["source"]
            for q in record["quotes"]:
                assert record["text"][q["start"]:q["end"]] == q["text"], q


# --- 3. File names and order ----------------------------------------------------

@st.composite
def story(draw, number: int) -> str:
    """An article file's text: a title line, then paragraphs of quotes and mentions."""
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4))
    return f"Story {number}\n\n" + "\n\n".join(paragraphs) + "\n"


@st.composite
def renamed_corpus(draw) -> tuple[list[str], list[str], list[str]]:
    """Article texts and two lists of distinct file names for them, the second in another order."""
    count = draw(st.integers(2, 4))
    texts = [draw(story(i)) for i in range(count)]
    stem = st.one_of(FILE_NAME, st.sampled_from(["a_story", "b_story", "My Story", "my-story", "my-story-txt",
                                                 "index", "Index"]))
    first = draw(st.lists(stem, min_size=count, max_size=count, unique=True))
    second = draw(st.permutations(first)) if draw(st.booleans()) else draw(
        st.lists(stem, min_size=count, max_size=count, unique=True))
    return texts, first, list(second)


def attribution(seeds: Path) -> dict[tuple[str, str], list[tuple]]:
    """Per article (title, text): each quote with its kind, speaker name and actor name."""
    corpus = collect([seeds])
    actors = {a.id: a.name for a in corpus.actors}
    return {
        (a.title, a.text): [(q.text, q.kind, q.speaker.name, actors.get(q.speaker.actor or "")) for q in a.quotes]
        for a in corpus.articles
    }


def written(folder: Path, names: list[str], texts: list[str]) -> Path:
    """A seeds folder holding each text under its name, as `.txt`."""
    folder.mkdir()
    for name, text in zip(names, texts):
        (folder / f"{name}.txt").write_text(text, "utf-8")
    return folder


CRUZ = ["Story 0\n\nTed Cruz visited Houston on Monday.\n",
        "Story 1\n\nTexas Sen. Ted Cruz said he supports the law.\n"]


@examples(30)
@given(corpus=renamed_corpus())
@example(corpus=(CRUZ, ["a_visit", "b_law"], ["b_visit", "a_law"]))  # issue 13: the quote went to "Texas"
def test_file_names_and_order_do_not_change_attribution(nlp, corpus):
    """The same articles under other file names, in another order, get the same
    quotes, speakers and actors."""
    texts, first, second = corpus
    with tempfile.TemporaryDirectory() as tmp:
        one = attribution(written(Path(tmp) / "one", first, texts))
        two = attribution(written(Path(tmp) / "two", second, texts))
    assert one == two


# --- 4. Escaping and slugs (pure string) ------------------------------------------

# The site's Markdown extensions (mkdocs.yml).
MARKDOWN = markdown.Markdown(extensions=["footnotes", "attr_list", "md_in_html", "admonition", "tables", "toc"])
# Characters and runs that mean something to Markdown, its extensions or HTML.
MARKUP = list("&<>\"'\\`*_[]{}!|~^$:#0123456789+-=>. \t\n\rabcé—“”«»") + [
    "    ", "\n\n", "  \n", "---", "***", "[^1]:", "{: .x}", "<div markdown>", "&amp;", "&#58;", "http://x.y",
    "<!--", "-->", "| a | b |\n|---|---|", "!!! note", "{{", "}}", "1. ", "* ", "> ", "\x02", "\x03"]
MARKDOWNISH = st.lists(st.sampled_from(MARKUP), max_size=30).map("".join)


@examples(400)
@given(text=st.one_of(st.text(), MARKDOWNISH, st.lists(MARKDOWNISH | st.text(max_size=10), max_size=4).map("".join)))
def test_escaped_text_renders_as_itself(text):
    """md_escape(text) through Python-Markdown is only paragraphs of the same characters."""
    out = MARKDOWN.reset().convert(str(md_escape(text)))
    assert set(re.findall(r"</?([^\s>/]+)", out)) <= {"p"}, out
    # Invisible control characters are written as character references, which
    # html.unescape (like a browser) does not turn back into characters: compare without them.
    invisible = re.compile(r"&#(?:[0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]|127);")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out), out
    shown = html.unescape(invisible.sub("", re.sub(r"<[^>]*>", "", out)))
    expected = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    assert "".join(shown.split()) == "".join(expected.split()), out


SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*|x-[0-9a-f]{8}|untitled")


@examples(500)
@given(text=st.one_of(st.text(), names(), FILE_NAME))
def test_slugs_are_plain_stable_and_final(text):
    """A slug is plain lowercase ASCII (or a hash, or 'untitled'), the same every
    time, and its own slug."""
    slug = slugify(text)
    assert SLUG.fullmatch(slug), slug
    assert slugify(text) == slug
    assert slugify(slug) == slug
