"""Headlines: "Source: what they said" and "Source Says …" in title case, each the
only candidate of its line."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ... import lexicon as lx
from ..marks import Quoted
from ..speakers import Who, inside, rule_on as _on, trim, who_from
from .common import Candidate, Paragraph, cue_of, word_count


def _headline_lead(doc: Doc, colon: Token) -> Span | None:
    """The words before a headline's colon when they can name a source."""
    lead = doc[:colon.i]
    if any(t.text in lx.OPEN_MARKS or t.is_punct and t.text not in lx.NAME_PUNCTUATION for t in lead):
        return None
    if not lead[0].text[:1].isupper() or lead.text.isupper():
        return None
    if _on("header-label") and lead.text.lower() in lx.HEADER_WORDS:
        return None  # "Update: …"
    head = lead.root
    if not (head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP")
            or head.lemma_.lower() in lx.DOCUMENT_NOUNS | lx.ANONYMOUS_NOUNS | lx.GROUP_NOUNS):
        return None
    return lead


def _headline(doc: Doc, quoted: list[Quoted]) -> Candidate | None:
    """A headline-style attribution, one short line "Source: what they said"
    ("Poll: Clinton leads in Ohio", "Insiders: Trump will rebound")."""
    para = doc.text
    colon = next((t for t in doc if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i > 6 or len(doc) > 40 or colon.i + 2 >= len(doc):
        return None
    end = len(para.rstrip().rstrip("."))
    opening = [q for q in quoted if q.outer_start == doc[colon.i + 1].idx]
    if doc[colon.i + 1].text in lx.OPEN_MARKS and not (_on("headline-quote-inside") and all(
            q.outer_end < end - 1 and word_count(para[q.start:q.end]) <= 4 for q in opening)):
        return None  # “Clinton: "…"” is a direct quote; “Ryan: ‘Hate’ has no place” is a headline
    if _on("headline-question") and para.rstrip().endswith("?"):
        return None  # “Cruz: hero or villain?”
    lead = _headline_lead(doc, colon)
    if lead is None:
        return None
    start = doc[colon.i + 1].idx
    inner = [q for q in quoted if start <= q.outer_start and q.outer_end <= len(para)]
    return Candidate(start=start, end=end, kind="partial" if inner else "indirect",
                     who=who_from(lead.root, [], rule="headline-source"), cue=(":", colon.idx, colon.idx + 1),
                     fragments=[(q.start, q.end) for q in inner], rule="headline")


def headline_pass(p: Paragraph) -> None:
    """A one-line headline "Source: what they said" is the paragraph's only candidate."""
    cand = _headline(p.doc, p.marks)
    if cand is not None:
        p.out, p.done = [cand], True


def _title_case(doc: Doc) -> bool:
    """A line in title case: every word of four letters or more capitalised."""
    words = [t for t in doc if t.is_alpha and len(t) >= 4]
    return len(words) >= 3 and all(t.text[0].isupper() for t in words)


def _title_speaker(doc: Doc, verb: Token) -> Span | None:
    """The capitalised words right before a headline's verb, back to the line's start or a mark."""
    start = verb.i
    while start > 0 and (doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in ("'s", "’s")):
        start -= 1
    return doc[start:verb.i] if start < verb.i and doc[start].text[:1].isupper() else None


def _title_headline(doc: Doc, quoted: list[Quoted]) -> Candidate | None:
    """A headline in title case, "Mayor Ann Lee Says Floodwall Will Hold": what follows the verb of
    saying, said by the capitalised words before it (the parser reads such lines poorly)."""
    if len(doc) > 30 or "\n" in doc.text.strip() or not _title_case(doc):
        return None
    verb = next((t for t in doc[1:] if t.lower_ in lx.SAY_VERB_FORMS and t.text[0].isupper()), None)
    speaker = _title_speaker(doc, verb) if verb is not None else None
    if speaker is None or inside(verb, [(q.outer_start, q.outer_end) for q in quoted]):
        return None
    s, e = trim(doc, verb.i + 1, len(doc))
    if e - s < 3:
        return None
    start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
    inner = [q for q in quoted if start <= q.outer_start and q.outer_end <= end + 1]
    end = max([end] + [q.outer_end for q in inner])
    last = speaker[-1]
    words = tuple(t.text for t in speaker if t.ent_type_ == "PERSON")
    who = Who(text=speaker.text, start=speaker.start_char, end=speaker.end_char, head=last.lower_,
              head_lemma=last.lemma_.lower(), pos="PROPN" if words else last.pos_, ent=last.ent_type_,
              plural=False, definite=False, name_tokens=words, rule="headline-source")
    return Candidate(start=start, end=end, kind="partial" if inner else "indirect", who=who,
                     cue=cue_of(verb), fragments=[(q.start, q.end) for q in inner], rule="title-headline")


def title_headline_pass(p: Paragraph) -> None:
    """A title-case headline "Source Says …" is the paragraph's only candidate."""
    cand = _title_headline(p.doc, p.marks)
    if cand is not None:
        p.out, p.done = [cand], True


# The rules of this family that `disabled_rules` can switch off, with what they do.
RULES: dict[str, str] = {
    "headline": "a one-line headline \"Source: what they said\" (\"Poll: Clinton leads\")",
    "title-headline": "a headline in title case \"Source Says …\": the capitalised words before the verb said"
                      " what follows it (\"Mayor Lee Says Floodwall Will Hold\")",
    "header-label": "a header word before a colon (\"Update:\") is not a headline source",
    "headline-quote-inside": "a headline whose words after the colon open with a quotation that stops before"
                             " the end (\"Ryan: ‘Hate’ has no place\") is a headline, not a direct quote",
    "headline-question": "a headline ending with a question mark is not a report",
}
