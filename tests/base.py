"""In-memory helpers for tests: records built by hand, without spaCy or files.

In the spirit of MkDocs' tests/base.py: a test says only what matters to it.
"""
from __future__ import annotations

import textwrap

from builder.read import paragraph_spans
from builder.records import Actor, Article, Mention, Quote, Speaker


def article(ident: str, text: str, *, quotes: tuple[Quote, ...] = (), **metadata) -> Article:
    """An Article whose paragraphs are the text's lines."""
    text = textwrap.dedent(text).strip()
    return Article(id=ident, title=ident.title(), source=f"{ident}.txt", text=text,
                   paragraphs=paragraph_spans(text), metadata=metadata, quotes=quotes)


def quote(text: str, said: str, in_text: str, *, kind: str = "direct", actor: str | None = None,
          source: str = "named", number: int = 1, rule: str = "direct") -> Quote:
    """A Quote of `said` in `in_text`, attributed to the words `text` there."""
    start, who = in_text.index(said), in_text.index(text)
    speaker = Speaker(text=text, start=who, end=who + len(text), kind=source, actor=actor,
                      name=text, name_start=who, name_end=who + len(text),
                      head=text.split()[-1].lower(), rule="verb-subject")
    return Quote(id=f"q{number}", start=start, end=start + len(said), text=said, kind=kind,  # type: ignore[arg-type]
                 speaker=speaker, rule=rule)


def actor(ident: str, name: str, *mentions: tuple[str, int, int], type: str = "person") -> Actor:
    return Actor(id=ident, name=name, type=type, mentions=tuple(sorted(mentions)))  # type: ignore[arg-type]


def with_mentions(ident: str, text: str, mentions: list[tuple[str, str]] | None = None, **flags) -> Article:
    """A hand-made article whose mentions are (text, label) pairs found in order;
    `flags` maps a mention's text to extra Mention fields."""
    found, pos = [], 0
    for name, label in mentions or []:
        start = text.index(name, pos)
        found.append(Mention(text=name, start=start, end=start + len(name), label=label, **flags.get(name, {})))
        pos = start + len(name)
    return Article(id=ident, title=ident, source=ident, text=text, paragraphs=paragraph_spans(text), mentions=tuple(found))
