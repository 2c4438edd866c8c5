"""Markup from scraped corpora is made plain as articles are read (builder/markup.py)."""
from __future__ import annotations

import json

import pytest

from builder.markup import plain, to_source
from builder.read import read_paths


@pytest.mark.parametrize("raw, shown", [
    ('<tweet pic="" author="MartinOMalley" timestamp="1">Enough is enough.</tweet>.',
     "[Tweet by @MartinOMalley] Enough is enough.."),
    ('<tweet tweet-author="@jeets" tweet-date="February 9, 2016">Ouch. #nh<tweet/>.', "[Tweet by @jeets] Ouch. #nh."),
    ('<tweet tweet-id="673672413863927808"><tweet/>.', "[Embedded tweet]."),
    ('<tweet id="1" author="@SpeakerRyan" datetime="2016-07-05">No one is above the law.</tweet>',
     "[Tweet by @SpeakerRyan] No one is above the law."),
    ('<tweet tweet-author="just look at Western Europe" tweet-date="\n— Cut taxes.">Here are nine reasons</tweet>',
     "[Tweet] Here are nine reasons"),
    ('<blockquote class="twitter-tweet"><p lang="en">Hi all</p>&mdash; Ann (@ann) <a href="t">May 1</a></blockquote>',
     "[Tweet] Hi all— Ann (@ann) May 1"),
    ('Watch at <a href="http://video.example.com">video.example.com</a>.', "Watch at video.example.com."),
    ("<script>alert(1)</script>Text<br/>more", "<script>alert(1)</script>Textmore"),
    ("If a < b and c > d, then AT&T &amp; co.", "If a < b and c > d, then AT&T &amp; co."),
    ("<unknown>tags stay as text</unknown>", "<unknown>tags stay as text</unknown>"),
], ids=["tweet", "tweet-slash-close", "empty-embed", "tweet-at-author", "broken-author", "twitter-blockquote",
        "link", "script", "no-markup", "unknown-tag"])
def test_markup_becomes_plain_text_or_a_labelled_embed(raw, shown):
    assert plain(raw) == shown


def test_reading_makes_a_corpus_plain_and_finds_its_paragraphs_again(tmp_path):
    text = ('<tweet tweet-id="1"><tweet/>.\n\n“We will win,” said Ann Lee.\n\n'
            '<tweet author="annlee">Vote today</tweet>.')
    (tmp_path / "corpus.jsonl").write_text(json.dumps({"id": "a", "title": "<b>Vote</b>", "text": text}) + "\n")
    [article], problems = read_paths([tmp_path])
    assert problems == [] and "<" not in article.text + article.title and article.title == "Vote"
    assert [article.text[p.start:p.end] for p in article.paragraphs] == [
        "[Embedded tweet].", "“We will win,” said Ann Lee.", "[Tweet by @annlee] Vote today."]


@pytest.mark.parametrize("raw", [
    'Intro.\n\n<tweet pic="" author="ann" timestamp="1">We won.</tweet>\n\n“We will build it,” said Ann Lee.',
    '<blockquote class="twitter-tweet"><p>Hi &amp; bye</p></blockquote>\n\n“We will build it,” said Ann Lee.',
    'No markup here.\n\n“We will build it,” said Ann Lee.',
])
def test_an_offset_in_the_text_as_shown_finds_its_place_in_the_text_as_written(raw):
    shown = plain(raw)
    where = to_source(shown, raw)
    start = shown.index("We will build it")
    end = start + len("We will build it")
    assert raw[where(start):where(end)] == "We will build it"
    assert where(len(shown)) == len(raw)


def test_annotate_gives_offsets_in_the_input_as_written(tmp_path):
    """`annotate` output matches the input's own annotations: offsets count in the text with its markup."""
    import subprocess
    import sys

    raw = ('<tweet author="ann" timestamp="1">Vote today.</tweet>\n\n'
           '“We will build the bridge,” said Ann Lee, the mayor.')
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "t", "title": "T", "text": raw}) + "\n")
    proc = subprocess.run([sys.executable, "-m", "builder", "annotate", "--no-cache", "--jsonl", str(path)],
                          capture_output=True, text=True, timeout=600)
    [rec] = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rec["text"] == raw
    [q] = rec["quotes"]
    assert "We will build the bridge" in raw[q["start"]:q["end"]]
    assert raw[q["speaker"]["start"]:q["speaker"]["end"]] == "Ann Lee"
