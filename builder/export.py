"""The annotation record: one JSON-ready dict per article (see content/format.md)."""
from __future__ import annotations

from .records import Actor, Article, Quote


def _quote(q: Quote) -> dict:
    sp = q.speaker
    data = {
        "id": q.id, "start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
        "cue": {"text": q.cue.text, "start": q.cue.start, "end": q.cue.end} if q.cue else None,
        "speaker": {
            "text": sp.text, "start": sp.start, "end": sp.end,
            "name": sp.name, "name_start": sp.name_start, "name_end": sp.name_end,
            "actor": sp.actor, "kind": sp.kind, "role": sp.role, "reason": sp.reason,
        },
    }
    if q.kind == "partial":
        data["fragments"] = [{"start": f.start, "end": f.end} for f in q.fragments]
    return data


def record(article: Article, actors: list[Actor]) -> dict:
    """The annotation record of one article, with the actors it mentions."""
    mine = []
    for actor in actors:
        spans = [{"start": s, "end": e} for a, s, e in actor.mentions if a == article.id]
        if spans:
            mine.append({"id": actor.id, "name": actor.name, "type": actor.type,
                         "aliases": list(actor.aliases), "mentions": spans})
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "metadata": article.metadata,
        "text": article.text,
        "quotes": [_quote(q) for q in article.quotes],
        "actors": mine,
    }
