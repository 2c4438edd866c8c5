"""Markup from scraped corpora is made plain as articles are read (builder/markup.py)."""
from __future__ import annotations

import json

import pytest

from builder.markup import plain
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
