"""Fragments and partial quotes: a quoted phrase hung on a verb (called the plan
“illogical”), and a quotation that finishes a sentence, a report or a clause,
taken as a partial quote from where that starts (the leads `direct` tries)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ... import lexicon as lx
from ..marks import Quoted
from ..speakers import inside, rule_on as _on, speech_verb, trim, who_of_verb
from .common import Candidate, Paragraph, Range, cue_of, word_count
from .cuts import inner_fragments, skip_hearer


def _verb_over(span: Span, regions: list[Range]) -> Token | None:
    """The nearest verb of saying, naming or refusing (refused to rule out
    “consequences”) above a quoted fragment, outside it."""
    verbs = lx.SPEECH_VERBS | lx.NAMING_VERBS | (lx.REFUSAL_VERBS if _on("refusal-fragment") else frozenset())
    for anc in span.root.ancestors:
        if (anc.i < span.start or anc.i >= span.end) and speech_verb(anc, verbs) and not inside(anc, regions):
            return anc
    return None


def _quoted_fragment(p: Paragraph, q: Quoted) -> None:
    """A quoted fragment hung on a verb: the verb's content, partly quoted."""
    doc, para = p.doc, p.text
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return
    verb = _verb_over(span, p.regions)
    if verb is None:
        if _on("run-in-quote") and word_count(para[q.start:q.end]) >= 8 and not q.open_end:
            p.standalone.append(q)  # a full quote run into the sentence
            p.run_in.add(q)
        return
    who = who_of_verb(verb, p.regions)
    rights = [c for c in verb.children
              if c.i > verb.i and c.dep_ not in ("punct", "nsubj", "cc", "conj", "advmod", "npadvmod")]
    if who is None or not rights:
        return
    s, e = trim(doc, min(c.left_edge.i for c in rights), max(c.right_edge.i for c in rights) + 1)
    cstart = doc[s].idx
    cend = max(doc[e - 1].idx + len(doc[e - 1]), q.outer_end)
    if cstart > q.start:
        cstart = min(cstart, q.outer_start)
    p.consumed.add(q)
    more = inner_fragments(p, cstart, cend, 2) if _on("close-quote") else []
    if more:  # … and visit “the most anguished state.”: to the last fragment's closing mark
        cend = max(cend, max(o.outer_end for o in more))
        p.consumed.update(more)
    p.used_verbs.add(verb.i)
    p.out.append(Candidate(start=cstart, end=min(cend, len(para)), kind="partial", who=who, cue=cue_of(verb),
                           fragments=[(q.start, q.end)], rule="quoted-fragment"))


def quoted_fragment_pass(p: Paragraph) -> None:
    """Quoted fragments inside a clause: called the plan "illogical"."""
    for q in p.embedded:
        if q not in p.consumed:
            _quoted_fragment(p, q)


def sentence_lead(span: Span, text: str, outer_start: int, regions: list[Range]) -> int | None:
    """Where the sentence starts when a quotation finishes it ("The plan,
    officials said, "will not survive the winter""), or None. The words before
    the marks must be plain narration: no other quotation, no reporting verb."""
    if not text[:1].islower():
        return None
    sent = span[0].sent
    lead = [t for t in sent if t.idx < outer_start]
    if len(lead) < 2 or any(inside(t, regions) or speech_verb(t, lx.SPEECH_VERBS) for t in lead):
        return None
    return lead[0].idx


def run_in_lead(p: Paragraph, q: Quoted, span: Span) -> tuple[int, Token] | None:
    """Where the paraphrase starts when a quotation finishes what a verb of
    saying before it in the sentence reports (said that the mayor “has …”),
    with that verb; None when only the hearer or punctuation stands between
    them (told reporters: “…”)."""
    lead = [t for t in span[0].sent if t.idx < q.outer_start and not inside(t, p.regions)]
    ends = [i for i, t in enumerate(lead) if t.text in lx.SENTENCE_CLOSERS]
    lead = lead[ends[-1] + 1:] if ends else lead
    verbs = [t for t in lead if speech_verb(t, lx.SPEECH_VERBS) and who_of_verb(t, p.regions) is not None]
    if not verbs:
        return None
    verb, doc = verbs[-1], span.doc
    inverted = {t.i for c in verb.rights if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    between = [t for t in doc[skip_hearer(verb, verb.i + 1): span.start]
               if not t.is_punct and t.idx < q.outer_start and not inside(t, p.regions) and t.i not in inverted]
    if not between or any(speech_verb(t, lx.SPEECH_VERBS) for t in between):
        return None
    if p.text[:q.outer_start].rstrip()[-1:] in lx.QUOTE_OPENS_AFTER and p.text[q.start:q.start + 1].isupper() \
            and not any(t.dep_ == "mark" for t in between):
        return None  # "… in a statement: “The plan …”": a full quote after the circumstances
    first = between[0]
    if doc[verb.i + 1].text == "," and any(t.text == "," and t.i < verb.i for t in lead):
        first = lead[0]  # "The plan, he said, was “…”": from the start of the sentence
    s, _ = trim(doc, first.i, span.start)
    return doc[s].idx, verb


def _content_child(verb: Token, colon: Token) -> Token | None:
    """What a verb of saying reports before a colon, running up to it ("recalled
    the pay freeze:", "said of the plan:", "said he often thinks of …:"); None
    for a hearer ("told reporters:") or circumstances ("said in a statement:")."""
    for child in verb.rights:
        if child.i >= colon.i:
            break
        hearer = child.dep_ == "dobj" and (verb.lemma_.lower() in lx.HEARER_VERBS or child.pos_ == "PRON")
        content = child.dep_ in ("ccomp", "oprd") or (child.dep_ == "dobj" and not hearer) or (
            child.dep_ == "prep" and child.lower_ == "of")
        if content:
            rest = verb.doc[child.i: colon.i]
            return child if all(verb in t.ancestors or t.i == verb.i for t in rest) else None
        if child.dep_ not in ("prt", "advmod", "npadvmod", "dative", "dobj", "prep", "punct"):
            return None
    return None


def _words_back_to_sentence_end(p: Paragraph, q: Quoted, span: Span) -> list[Token]:
    """The words before a quotation's opening mark and outside quotation marks, in
    text order, back to and including the last sentence closer among them: read
    backwards from the quotation, never the whole paragraph before it."""
    doc, lead = span.doc, []
    for i in range(span.start - 1, -1, -1):
        tok = doc[i]
        if tok.idx >= q.outer_start or inside(tok, p.regions):
            continue
        lead.append(tok)
        if tok.text in lx.SENTENCE_CLOSERS:
            break
    return lead[::-1]


def colon_content_lead(p: Paragraph, q: Quoted, span: Span) -> tuple[int, Token] | None:
    """Where the paraphrase starts when a verb of saying reports something of
    its own right up to the colon before a quotation ("She recalled the pay
    freeze: “…”"), with that verb; None after a bare "said:" or a hearer."""
    doc = span.doc
    lead = _words_back_to_sentence_end(p, q, span)
    if not lead or lead[-1].text != ":":
        return None
    colon = lead[-1]
    ends = [i for i, t in enumerate(lead) if t.text in lx.SENTENCE_CLOSERS]
    lead = lead[ends[-1] + 1:] if ends else lead
    verbs = [t for t in lead if speech_verb(t, lx.SPEECH_VERBS)]
    for verb in reversed(verbs):
        child = _content_child(verb, colon)
        if child is not None and any(v.i > child.right_edge.i for v in verbs):
            return None  # another verb of saying comes after it ("…, saying:")
        if any(c.cue is not None and c.cue[1] == verb.idx for c in p.out):
            return None  # the verb's report is taken already
        if child is not None and who_of_verb(verb, p.regions) is not None:
            return doc[child.left_edge.i if child.dep_ != "prep" else child.i].idx, verb
    return None


def quote_runs_on(p: Paragraph, q: Quoted) -> int | None:
    """Where a sentence opened by a quotation ends when the narration runs on past
    the closing mark ("“Rubio is in a battle with Bush” for second place"): at
    the sentence's end, or at the comma before an attribution (… was to be a
    “cautionary tale,” said …). None when the quotation closes with punctuation
    or the sentence goes on with a capital (“…” The mayor …)."""
    text, doc = p.text, p.doc
    if (text[q.start:q.end].rstrip()[-1:] in lx.QUOTE_CLOSING_PUNCTUATION
            or not (text[q.outer_end:q.outer_end + 1].isspace() and text[q.outer_end:].lstrip()[:1].islower())):
        return None  # … ended its own clause, or the mark is glued to a word: not one that closes
    after = []
    for tok in doc[p.token_at(q.outer_end):]:  # the tokens from the closing mark on
        if tok.text in lx.SENTENCE_CLOSERS and not inside(tok, p.regions) or "\n" in tok.text:
            break
        after.append(tok)
        if tok.text in lx.SENTENCE_CLOSERS and any(s <= tok.idx and not text[tok.idx + 1:e].strip(lx.CLOSE_MARKS + " ")
                                                   for s, e in p.regions):
            break  # … and “Disarm hate.” In New York …: the sentence ends inside the last quotation
    verb = next((i for i, t in enumerate(after) if not inside(t, p.regions) and speech_verb(t, lx.SPEECH_VERBS)), None)
    if verb is not None:
        commas = [i for i, t in enumerate(after[:verb]) if t.text == ","]
        if not commas:
            return None  # “…” he said
        after = after[:commas[-1]]
    words = [t for t in after if not (t.is_punct and t.text not in lx.CLOSE_MARKS) and not t.is_space]
    if not words:
        return None
    end = words[-1].idx + len(words[-1])
    return max([end] + [e for s, e in p.regions if s < end < e])


def clause_lead(p: Paragraph, q: Quoted, span: Span) -> int | None:
    """Where the phrase starts that a quotation run into a sentence finishes: the
    words from the nearest verb above the quotation up to its opening mark, or None."""
    root = span.doc[span.start:min(span.end, span[0].sent.end)].root  # of its first sentence
    verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX") and a.i < span.start), None)
    if verb is None:
        return None
    child = next((c for c in verb.rights if c.left_edge.i <= root.i <= c.right_edge.i), None)
    if child is None or child.left_edge.idx >= q.outer_start or inside(child.left_edge, p.regions):
        return None
    s, _ = trim(p.doc, child.left_edge.i, span.start)
    return p.doc[s].idx if p.doc[s].idx < q.outer_start else None


# The rules of this family that `disabled_rules` can switch off, with what they do.
RULES: dict[str, str] = {
    "quoted-fragment": "a quoted fragment hung on a verb: partial quote (called the plan “illogical”)",
    "refusal-fragment": "a quoted fragment under \"refused to …\" (refused to rule out “sanctions”)"
                        " is a partial quote of the refusal",
    "sentence-lead": "a quotation finishing a narrated sentence becomes a partial quote of the whole sentence",
    "run-in-lead": "a quotation finishing what a verb of saying before it reports (said that the mayor “has …”)"
                   " becomes a partial quote from where the paraphrase starts",
    "colon-content-lead": "a quotation after a colon that ends what a verb of saying reports (recalled the pay"
                          " freeze: “…”) is a partial quote from where that report starts",
    "quote-runs-on": "a quotation opening a sentence whose narration runs on past the closing mark (“…” for second"
                     " place) is a partial quote of the sentence",
    "clause-lead": "a long quotation run into a sentence with no verb of saying over it (worried that the net was"
                   " becoming “a hammock …”) is a partial quote from where the phrase it finishes starts",
    "run-in-quote": "a long quotation (8+ words) run into a sentence with no verb over it is a direct quote",
}
