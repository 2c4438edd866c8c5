"""Direct quotes: a quotation opening a sentence and the attribution in reach, a
transcript line; what is not speech (a title, a bracketed aside); and the
passes that give a quote with no attribution of its own a speaker."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ... import lexicon as lx
from ..marks import Quoted
from ..speakers import Regions, Who, inside, rule_on as _on, speech_verb, who_from, who_of_verb
from .common import Candidate, Paragraph, Range, cue_of, subject_child, word_count
from .fragments import clause_lead, colon_content_lead, quote_runs_on, run_in_lead, sentence_lead


_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+(?=\S)")


def _transcript_label(para: str, q: Quoted) -> Candidate | None:
    """A transcript line, “WALLACE: Let's start …”: the capitalised label
    before the colon is the speaker; the words after it are the quote."""
    if q.outer_start != len(para) - len(para.lstrip()):
        return None
    m = _LABEL.match(para, q.start, q.end)
    if m is None or sum(c.isalpha() for c in m.group(1)) < 3:
        return None
    words = tuple(m.group(1).split())
    who = Who(text=m.group(1), start=m.start(1), end=m.end(1), head=words[-1].lower(), head_lemma=words[-1].lower(),
              pos="PROPN", ent="PERSON", plural=False, definite=False, name_tokens=words, rule="transcript-label")
    return Candidate(start=m.end(), end=q.end, kind="direct", who=who, opens_paragraph=True, open_end=q.open_end,
                     rule="transcript-label")


def opens_sentence(doc: Doc, q: Quoted, para: str) -> bool:
    before = para[:q.outer_start].rstrip()
    if not before or before[-1] in lx.QUOTE_OPENS_AFTER:
        return True
    # said "We are ready" — an opening capital right after a speech verb.
    prev = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    return bool(prev) and prev[0].lemma_.lower() in lx.SPEECH_VERBS and para[q.start:q.start + 1].isupper()


def _verbs_in_reach(p: Paragraph, q: Quoted, span: Span) -> list[Token]:
    """Verbs of saying outside quotation marks in the quote's own sentences,
    and in a short sentence right after it (“… ready.” Smith said.)."""
    doc = p.doc
    sents = {t.sent.start for t in span}
    after = doc.char_span(q.outer_end, len(p.text), alignment_mode="expand") if q.outer_end < len(p.text) else None
    first = next((t for t in after if not t.is_space), None) if after is not None else None
    # A short sentence after it, or one going on in lower case (the parser ended the sentence at the quote).
    short_after = first is not None and first.is_sent_start and (len(first.sent) <= 12 or first.text[:1].islower())
    if short_after and _on("next-sentence"):
        sents.add(first.sent.start)
    # Only those sentences are read, in text order: never the whole paragraph once per quotation.
    return [t for start in sorted(sents) for t in doc[start].sent
            if not inside(t, p.regions) and speech_verb(t, lx.SPEECH_VERBS)]


_ACCORDING_LEAD = re.compile(r"(?:^|[.!?]\s+|\n)\s*According to [^.!?\"“”]+[,:]\s*$")


def _according_to_lead_in(p: Paragraph, q: Quoted) -> Who | None:
    """The source of a quotation opened right after "According to X," or "According to X:"."""
    before = p.text[:q.outer_start]
    m = _ACCORDING_LEAD.search(before)
    if m is None:
        return None
    lead = p.doc.char_span(m.start(), len(before.rstrip()), alignment_mode="expand")
    according = next((t for t in lead if t.lower_ == "according"), None) if lead is not None else None
    to = next((c for c in according.children if c.lower_ == "to"), None) if according is not None else None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return who_from(obj, p.regions, rule="according-to-object") if obj is not None else None


def _colon_lead_in(p: Paragraph, q: Quoted) -> tuple[list[Token], Token | None]:
    """The verbs of the sentence that ends with a colon right before the quote,
    or the last person it names ("… pollster Jane Roe: “…”"), or any of its verbs."""
    before = p.text[:q.outer_start].rstrip()
    prev = p.doc.char_span(0, len(before), alignment_mode="contract")
    last_sent = list(prev.sents)[-1] if prev is not None and len(prev) else None
    if last_sent is None:
        return [], None
    verbs = [t for t in last_sent if speech_verb(t, lx.SPEECH_VERBS)]
    if verbs:
        return verbs, None
    people = [e for e in p.doc.ents if e.label_ == "PERSON" and last_sent.start <= e.start and e.end <= last_sent.end]
    if people and _on("colon-person"):
        return [], people[-1].root
    return [t for t in last_sent if t.pos_ == "VERB"], None


def lead_in_paragraph(doc: Doc, quoted: list[Quoted]) -> Who | None:
    """The source a paragraph ending with a colon gives the quotation that makes up the
    next paragraph ("Reporter Ann Lee says:" / "The council released this statement:"):
    the subject of its last sentence's verbs, else the last person it names. None when
    the paragraph does not end with a colon outside quotation marks. The article stage
    uses it (rule `lead-in-paragraph`, like `carry-back` a rule across paragraphs)."""
    text = doc.text.rstrip()
    if not text.endswith(":"):
        return None
    regions = Regions((q.outer_start, q.outer_end) for q in quoted)
    if inside(doc.char_span(
            len(text) - 1, len(text), alignment_mode="expand")[0], regions):
        return None
    sent = list(doc.sents)[-1]
    verbs = sorted((t for t in sent if t.pos_ in ("VERB", "AUX") and not inside(t, regions)),
                   key=lambda t: (t.dep_ != "ROOT", -t.i))
    for verb in verbs:
        who = who_of_verb(verb, regions)
        if who is not None:
            return who
    people = [e for e in doc.ents if e.label_ == "PERSON" and sent.start <= e.start and e.end <= sent.end]
    return who_from(people[-1].root, regions, rule="colon-person") if people else None


def _source_of_verbs(p: Paragraph, q: Quoted, verbs: list[Token]) -> tuple[Who | None, tuple[str, int, int] | None]:
    """The source of the verb nearest the quote that has one, and its cue."""
    for verb in sorted(verbs, key=lambda v: min(abs(v.idx - q.start), abs(v.idx - q.end))):
        who = who_of_verb(verb, p.regions)
        if who is not None:
            p.used_verbs.add(verb.i)
            return who, cue_of(verb)
    return None, None


def _direct(p: Paragraph, q: Quoted) -> Candidate | None:
    """A direct quote and the attribution in reach: in its sentence, in a
    short one after it, or in a lead-in ending with a colon."""
    span = p.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    verbs, rule, person = _verbs_in_reach(p, q, span), "direct", None
    according = _according_to_lead_in(p, q) if not verbs and _on("according-to-lead-in") else None
    if according is not None:
        return Candidate(start=q.start, end=q.end, kind="direct", who=according, cue=None, rule="direct",
                         opens_paragraph=False, open_end=q.open_end)
    if not verbs and _on("colon-lead-in") and p.text[:q.outer_start].rstrip().endswith(":"):
        (verbs, person), rule = _colon_lead_in(p, q), "colon-lead-in"
    if person is not None:
        who, cue = who_from(person, p.regions, rule="colon-person"), None
    else:
        who, cue = _source_of_verbs(p, q, verbs)
    if who is None:
        rule = "direct"
        who, cue = next(((c.who, c.cue) for c in reversed(p.out)
                         if c.rule == "according-to" and c.start <= q.start <= c.end), (None, None))
    opens = q.outer_start == len(p.text) - len(p.text.lstrip())
    cand = Candidate(start=q.start, end=q.end, kind="direct", who=who, cue=cue, opens_paragraph=opens,
                     open_end=q.open_end, rule=rule)
    lead = sentence_lead(span, p.text[q.start:q.end], q.outer_start, p.regions) if _on("sentence-lead") else None
    if lead is not None and who is not None:
        cand.start, cand.kind, cand.fragments, cand.rule = lead, "partial", [(q.start, q.end)], "sentence-lead"
        return cand
    titled = who is None and word_count(p.text[q.start:q.end]) <= 4  # “Containment” has been …: a title
    runs_on = quote_runs_on(p, q) if _on("quote-runs-on") and not q.open_end and not titled else None
    if runs_on is not None:  # “Rubio is in a battle with Bush” for second place
        inner = [o for o in p.marks if q.outer_end <= o.outer_start and o.outer_end <= runs_on]
        p.consumed.update(inner)
        cand.start, cand.end, cand.kind, cand.rule = q.outer_start, runs_on, "partial", "quote-runs-on"
        cand.fragments = [(o.start, o.end) for o in [q, *inner]]
        return cand
    run_in, lead_rule = run_in_lead(p, q, span) if _on("run-in-lead") and not q.open_end else None, "run-in-lead"
    if run_in is None and _on("colon-content-lead") and not q.open_end:
        run_in, lead_rule = colon_content_lead(p, q, span), "colon-content-lead"
    if run_in is not None:
        start, verb = run_in
        p.used_verbs.add(verb.i)
        return Candidate(start=start, end=q.outer_end, kind="partial", who=who_of_verb(verb, p.regions),
                         cue=cue_of(verb), fragments=[(q.start, q.end)], rule=lead_rule)
    clause = clause_lead(p, q, span) if _on("clause-lead") and q in p.run_in else None
    if clause is not None:  # worried that the safety net was becoming “a hammock …”
        cand.start, cand.end, cand.kind, cand.fragments = clause, q.outer_end, "partial", [(q.start, q.end)]
        cand.rule = "clause-lead"
    return cand


def direct_pass(p: Paragraph) -> None:
    """Quotations that open a sentence, with the attribution in reach."""
    for q in sorted(p.standalone, key=lambda q: q.start):
        if q in p.consumed:
            continue
        if _on("byline-title") and p.text[q.outer_end:q.outer_end + 6].lstrip(" ,").startswith(lx.BYLINE_WORD):
            continue  # “Storm closes schools,” by Jane Doe: a title with its byline
        cand = _transcript_label(p.text, q) if _on("transcript-label") else None
        cand = cand or _direct(p, q)
        if cand is not None:
            p.directs.append(cand)
            p.out.append(cand)


def _drop_directs(p: Paragraph, keep: Callable[[Candidate], bool]) -> None:
    dropped = {id(c) for c in p.directs if not keep(c)}
    p.directs = [c for c in p.directs if id(c) not in dropped]
    p.out = [c for c in p.out if id(c) not in dropped]


def short_title_pass(p: Paragraph) -> None:
    """A short quoted phrase with no attribution in reach is a title or a name."""
    anyone = any(c.who for c in p.directs)
    _drop_directs(p, lambda c: c.who is not None or anyone or word_count(p.text[c.start:c.end]) > 4)


def _is_aside(text: str) -> bool:
    return text.startswith(("(", "[")) and text.rstrip(".").endswith((")", "]"))


def bracketed_aside_pass(p: Paragraph) -> None:
    """A bracketed aside ("(CROSSTALK.)") is not speech."""
    _drop_directs(p, lambda c: not _is_aside(p.text[c.start:c.end]))


def split_quote_pass(p: Paragraph) -> None:
    """A piece of a split quote with no attribution takes its neighbour's."""
    for i, cand in enumerate(p.directs):
        if cand.who is not None:
            continue
        neighbours = p.directs[i + 1:] if i == 0 else p.directs[:i][::-1] + p.directs[i + 1:]
        other = next((o for o in neighbours if o.who is not None), None)
        if other is not None:
            cand.who, cand.cue = dataclasses.replace(other.who, rule="split-quote"), other.cue
            cand.rule = _attributed(cand, "split-quote")


def _last_before(p: Paragraph, start: int) -> Token | None:
    """The last word ending at or before character `start`, not counting
    spaces or the opening marks right before it; None when there is none."""
    doc = p.doc
    for i in range(p.token_at(start) - 1, -1, -1):  # backwards from `start`, not the whole paragraph
        tok = doc[i]
        if tok.idx + len(tok) > start or tok.is_space or tok.text in lx.OPEN_MARKS:
            continue
        return tok
    return None


def _previous_subject(p: Paragraph, start: int) -> Token | None:
    """The person a quote's preceding sentence is about, when that sentence
    ends right before the quote and is not itself quoted."""
    regions = p.regions
    last = _last_before(p, start)
    if last is None or last.text not in lx.SENTENCE_CLOSERS or inside(last, regions):
        return None
    subj = subject_child(last.sent.root)
    if subj is None or inside(subj, regions):
        return None
    if subj.ent_type_ == "PERSON" or subj.lower_ in lx.PRONOUNS_HE_SHE:
        return subj
    return None


def previous_subject_pass(p: Paragraph) -> None:
    """'Clinton touted her record. “We need …”': a quote right after a sentence
    about a person is that person's, not the last source named before."""
    for cand in p.directs:
        subj = _previous_subject(p, cand.start) if cand.who is None else None
        if subj is not None:
            cand.who, cand.rule = who_from(subj, p.regions, rule="previous-subject"), _attributed(cand, "previous-subject")


def continuation_pass(p: Paragraph) -> None:
    """A quote still without attribution carries the last speaker named."""
    for cand in p.directs:
        if cand.who is None:
            cand.continues, cand.rule = True, _attributed(cand, "continuation")


def _attributed(cand: Candidate, rule: str) -> str:
    """The name a quote keeps when `rule` gives it the speaker it had no attribution for:
    the rule's, for a plain quotation ("direct" claims a verb of saying in reach, and
    there was none); the first rule's for a quotation a rule shaped ("clause-lead",
    "quote-runs-on"), whose speaker's `Who.rule` says how it was attributed."""
    return rule if cand.rule == "direct" else cand.rule


def paragraph(doc: Doc, quoted: list[Quoted]) -> Paragraph:
    """What the passes work through in one paragraph: its pairs of marks, the
    quotations that open a sentence (direct quotes) apart from those inside one
    (fragments); a scare quote ("so-called “…”") is neither."""
    para = doc.text
    speech = [q for q in quoted
              if not (_on("scare-quote") and para[:q.outer_start].rstrip().lower().endswith(lx.SCARE_QUOTE_LEAD))]
    standalone = [q for q in speech if opens_sentence(doc, q, para)]
    opening = set(standalone)  # looked up once per quotation: a set, not the list
    return Paragraph(doc=doc, marks=quoted, regions=Regions((q.outer_start, q.outer_end) for q in quoted),
                     standalone=standalone, embedded=[q for q in speech if q not in opening])


# The rules of this family that `disabled_rules` can switch off, with what they do.
RULES: dict[str, str] = {
    "direct": "a quotation opening a sentence, attributed to a verb of saying in reach",
    "colon-lead-in": "a direct quote attributed by a sentence ending with a colon before it",
    "next-sentence": "a short sentence right after a quotation is in its reach (“… ready.” Smith said.)",
    "according-to-lead-in": "a quotation opened right after \"According to X,\" is X's (According to Ann Lee, “…”)",
    "transcript-label": "a transcript line (“WALLACE: …”): the label speaks",
    "split-quote": "a piece of a quote with no attribution takes its neighbour's in the paragraph",
    "previous-subject": "a quote with no attribution right after a sentence about a person is that person's",
    "continuation": "a quote still with no attribution carries the last speaker named",
    "scare-quote": "a quotation after \"so-called\" is a scare quote, not speech",
    "byline-title": "a quotation followed by \"by …\" is a title with its byline",
    "short-title": "a short quoted phrase (four words or fewer) with no attribution in reach is a title",
    "bracketed-aside": "a bracketed aside in quotation marks (“(APPLAUSE.)”) is not speech",
}
