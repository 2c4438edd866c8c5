""""According to …": the part of the sentence the phrase covers, and a direct quote
it reports whole (“…,” Lee said, according to Ann)."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import lexicon as lx
from ..marks import Quoted
from ..speakers import inside, rule_on as _on, speech_verb, trim, who_from
from .common import Candidate, Paragraph, Range, overlaps
from .cuts import inner_fragments


def _according_to(doc: Doc, regions: list[Range]) -> list[Candidate]:
    """'…, according to the memo': the part of the sentence the phrase covers."""
    found = []
    for tok in doc:
        if tok.lower_ != "according" or inside(tok, regions):
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            continue
        s, e = _according_to_range(tok, max(obj.right_edge.i, to.i) + 1)
        if e - s < 3:
            continue
        found.append(Candidate(
            start=doc[s].idx, end=doc[e - 1].idx + len(doc[e - 1]), kind="indirect",
            who=who_from(obj, regions, rule="according-to-object"), cue=(doc.text[tok.idx:to.idx + len(to)], tok.idx, to.idx + len(to)),
            rule="according-to",
        ))
    return found


def _according_to_range(tok: Token, phrase_end: int) -> Range:
    """What "according to …" (from `tok` to `phrase_end`) covers: the rest of
    the sentence after it, the start before it, or the whole sentence around it."""
    doc, sent = tok.doc, tok.sent
    at_end = phrase_end >= sent.end - 1 or all(t.is_punct for t in doc[phrase_end:sent.end])
    if _on("according-to-after-conjunction") and tok.i > sent.start and all(
            t.is_punct or t.pos_ in ("CCONJ", "ADV") for t in doc[sent.start:tok.i]):
        return trim(doc, phrase_end, sent.end)  # "But, according to the poll, …"
    if tok.i == sent.start or (tok.i - sent.start <= 2 and doc[sent.start].is_punct):
        return trim(doc, phrase_end, sent.end)
    # "X leads by 11 points, according to a survey taken after …": the phrase follows the verb it
    # modifies, so what it covers ends at its comma, whatever the parser hung on the words after it.
    after_verb = (_on("according-to-after-verb") and tok.i > sent.start and doc[tok.i - 1].text == ","
                  and doc[tok.i - 2].pos_ != "SCONJ"  # "reported that, according to …"
                  and any(_main_clause_verb(t) and sum(not x.is_punct for x in doc[t.i + 1:tok.i]) >= 2
                          for t in doc[sent.start:tok.i])
                  and not any(t.lower_ in lx.CONTRAST_WORDS or t.text in lx.OPEN_MARKS and t.text not in lx.CLOSE_MARKS
                          for t in doc[phrase_end:sent.end]))  # "…, although …", "…, “draws …”"
    if at_end or after_verb:
        return trim(doc, sent.start, tok.i)
    return trim(doc, sent.start, sent.end)  # "In all, according to the memo, the firm paid …"


def _main_clause_verb(tok: Token) -> bool:
    """A verb with a subject of its own, not in a subordinate clause."""
    return (tok.pos_ in ("VERB", "AUX") and tok.dep_ not in lx.CLAUSE_DEPS
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children))


def according_to_pass(p: Paragraph) -> None:
    """'according to the memo': the sentence part the phrase covers."""
    for cand in _according_to(p.doc, p.regions):
        quoted = _quoted_report(p, cand)
        if quoted:  # “…,” Lee said, according to Ann: Ann's report of Lee's quote
            cand.start, cand.kind = min(cand.start, quoted[0].outer_start), "partial"
            cand.fragments = [(q.start, q.end) for q in quoted]
            p.consumed.update(quoted)
            p.out.append(cand)
            continue
        if overlaps(cand.start, cand.end, p.standalone):
            continue
        inner = inner_fragments(p, cand.start, cand.end, 2)
        if inner:
            cand.kind, cand.fragments = "partial", [(q.start, q.end) for q in inner]
            cand.end = max(cand.end, max(q.outer_end for q in inner))
            p.consumed.update(inner)
        p.out.append(cand)


def _quoted_report(p: Paragraph, cand: Candidate) -> list[Quoted]:
    """The direct quotes an "according to" candidate covers whole when they come
    with their own verb of saying before the phrase (“…,” Lee said, according to Ann)."""
    quoted = [q for q in p.standalone if cand.start < q.outer_end and q.start < cand.end]
    if not _on("according-to-quote") or not quoted or any(
            q.outer_start < cand.start - 1 or q.outer_end > cand.end for q in quoted):
        return []
    tail = p.doc.char_span(quoted[-1].outer_end, cand.end, alignment_mode="expand")
    return quoted if tail is not None and any(speech_verb(t, lx.SPEECH_VERBS) for t in tail) else []


# The rules of this family that `disabled_rules` can switch off, with what they do.
RULES: dict[str, str] = {
    "according-to": "the part of a sentence \"according to …\" covers",
    "according-to-after-verb": "\"…, according to …\" after the verb it modifies covers the sentence up to its"
                               " comma, whatever words the parser hung after the phrase",
    "according-to-quote": "\"“…,” Lee said, according to Ann\": a direct quote with its own verb of saying before"
                          " \"according to\" is a partial quote, Ann's report of it",
    "according-to-after-conjunction": "\"But, according to the poll, …\": after a leading conjunction the phrase"
                                      " covers the rest of the sentence",
}
