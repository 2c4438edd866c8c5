"""Find quotations and reported statements in one paragraph and who said them.

Works on one parsed paragraph at a time (a spaCy Doc) and returns plain
candidates with character offsets relative to that paragraph. Speaker
resolution across paragraphs (pronouns, "the official") happens in
`resolve.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from .marks import Quoted
from .speakers import Who, inside, speech_verb, subject_of, trim, who_from, who_of_verb


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # direct | partial | indirect, or "source" for a source named without a quote
    who: Who | None
    cue: tuple[str, int, int] | None = None
    fragments: list[tuple[int, int]] = field(default_factory=list)
    continues: bool = False  # no attribution of its own; carries the previous speaker
    opens_paragraph: bool = False
    open_end: bool = False  # runs on into the next paragraph
    rule: str = ""  # the named rule that found it


def _according_to(doc: Doc, quotes: list[tuple[int, int]]) -> list[Candidate]:
    found = []
    for tok in doc:
        if tok.lower_ != "according" or inside(tok, quotes):
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            continue
        sent = tok.sent
        phrase_end = max(obj.right_edge.i, to.i) + 1
        at_end = phrase_end >= sent.end - 1 or all(t.is_punct for t in doc[phrase_end:sent.end])
        if tok.i == sent.start or (tok.i - sent.start <= 2 and doc[sent.start].is_punct):
            s, e = trim(doc, phrase_end, sent.end)
        elif at_end:
            s, e = trim(doc, sent.start, tok.i)
        else:  # "In all, according to the memo, the firm paid …": the whole sentence
            s, e = trim(doc, sent.start, sent.end)
        if e - s < 3:
            continue
        found.append(Candidate(
            start=doc[s].idx, end=doc[e - 1].idx + len(doc[e - 1]), kind="indirect",
            who=who_from(obj, quotes), cue=("according to", tok.idx, to.idx + len(to)),
        ))
    return found


def _complement(verb: Token) -> Token | None:
    """The verb's clausal complement: the one after it when there are two, and
    never a clause cut off from it by a semicolon ("It's unlikely; aides say …")."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ == "ccomp"
             and not any(t.text == ";" for t in doc[min(c.right_edge.i, verb.i): max(c.left_edge.i, verb.i)])]
    return next((c for c in comps if c.i > verb.i), comps[0] if comps else None)




def _is_time(prep: Token) -> bool:
    """'on Tuesday', 'in March': a phrase that only says when."""
    words = [t for t in prep.subtree if t.i != prep.i and not t.is_punct]
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "DET" for t in words)


def _is_adjunct(child: Token, keep: Token) -> bool:
    """A verb's phrase that tells when, where or in spite of what, not what was
    said ("in a statement", "during the rally", "on Tuesday"); `keep` is never one."""
    if child.i == keep.i:
        return False
    return _is_time(child) or (child.dep_ == "prep" and child.lower_ in lx.ADJUNCT_PREPS)


def _same_speaker(subj: Token | None, reporter: Token | None) -> bool:
    """'She said …, and she declined …': the clause's subject is the reporter again."""
    if subj is None or reporter is None:
        return False
    return subj.lower_ == reporter.lower_ or (
        subj.lower_ in lx.PRONOUNS_HE_SHE and (reporter.pos_ == "PROPN" or reporter.lower_ in lx.PRONOUNS_HE_SHE))


def _clause_end(head: Token, reporter: Token | None = None) -> int:
    """Index of the last token of a reported clause, leaving out what follows it
    but is not part of it: another coordinated verb ("… and calls her …"), a
    clause about the reporter again ("…, and she declined …"), a contrast
    ("…, but …"), another attribution ("…, while others said …")."""
    end = head.right_edge.i
    own_subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for child in head.rights:
        subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None) if child.dep_ == "conj" else None
        cut = (
            (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
             and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children))
            or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and _same_speaker(subj, reporter)
                and not _same_speaker(own_subj, reporter) and not any(c.dep_ == "mark" for c in child.children))
            or (child.dep_ == "advcl" and any(m.lower_ in lx.CONTRAST_WORDS for m in child.children if m.dep_ == "mark"))
            or (child.dep_ == "cc" and child.lower_ in lx.CONTRAST_WORDS)
            or any(t.lemma_.lower() in lx.SAY_VERBS and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children) for t in child.subtree)
        )
        if cut:
            end = min(end, child.left_edge.i - 1)
    doc = head.doc
    while end > head.i and (doc[end].dep_ == "cc" or doc[end].is_punct):
        end -= 1
    return max(end, head.i)


def _content_range(verb: Token, regions: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Token range [start, end) of what a reporting verb reports, or None.

    In order: its clausal complement; for verbs of saying, the rest of the
    sentence (from "that" if there is one); for verbs whose object is what was
    said, that object ("acknowledged the error", "called for elections").
    """
    doc = verb.doc
    sent = verb.sent
    # "The museum, Mr. Obama said, would …": the attribution interrupts its content.
    if (verb.i + 1 < sent.end and doc[verb.i + 1].text == "," and verb.i - 2 > sent.start
            and any(t.text == "," for t in doc[max(sent.start, verb.i - 8): verb.i])
            and not any(t.text in lx.OPEN_MARKS or t.text in lx.CLOSE_MARKS for t in sent)):
        s, e = trim(doc, sent.start, sent.end)
        if e - s >= 6:
            return s, e
    comp = _complement(verb)
    if comp is not None:
        s, e = trim(doc, comp.left_edge.i, _clause_end(comp, subject_of(verb)) + 1)
        return s, e
    lemma = verb.lemma_.lower()
    sent_end = verb.sent.end
    inverted = any(c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i for c in verb.children)
    after_quote = verb.i > 0 and any(t.text in lx.CLOSE_MARKS for t in doc[max(0, verb.i - 2): verb.i])
    if lemma in lx.SAY_VERBS and not inverted and not after_quote:
        rest = [t for t in doc[verb.i + 1: sent_end]]
        if rest and not any(t.text in lx.OPEN_MARKS or t.text == ":" for t in rest[:3]):
            that = next((t for t in rest if t.lower_ == "that" and t.dep_ == "mark"), None)
            start = that.i if that is not None else verb.i + 1
            if that is None:
                # "told reporters on Monday …": skip the hearer and circumstances.
                for child in verb.rights:
                    if child.left_edge.i != start or child.dep_ not in ("dative", "dobj", "prep", "npadvmod", "advmod", "prt", "punct"):
                        break
                    if child.dep_ == "dobj" and lemma == "say":
                        break
                    start = child.right_edge.i + 1
            s, e = trim(doc, start, sent_end)
            if s < e and doc[s].dep_ == "prep" and doc[s].right_edge.i + 1 < e and doc[doc[s].right_edge.i + 1].dep_ in ("nsubj", "nsubjpass"):
                s = doc[s].right_edge.i + 1  # "said after the convention he would …"
            if e - s >= 4 and doc[s].pos_ in ("SCONJ", "PRON", "PROPN", "NOUN", "DET", "ADJ", "NUM", "ADV", "AUX", "VERB") and not inside(doc[s], regions):
                return s, e
    rights = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj", "advmod", "npadvmod")]
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    # "called Trump a fascist": the object and what it is called.
    if lemma in lx.NAMING_VERBS and obj is not None and any(c.dep_ in ("oprd", "xcomp", "attr", "ccomp") and c.i > obj.i for c in verb.children):
        end = max(c.right_edge.i for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr", "ccomp") and c.i > obj.i)
        return trim(doc, obj.left_edge.i, end + 1)
    if lemma in lx.TOPIC_PREPS:
        prep = next((c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in lx.TOPIC_PREPS[lemma]), None)
        if prep is not None and prep.i + 1 < sent_end:
            # "called on the senator to resign": everything the call asks for.
            end = max(c.right_edge.i for c in rights if c.i >= prep.i and not _is_adjunct(c, prep))
            return trim(doc, prep.i + 1, end + 1)
    if lemma in lx.REFUSAL_VERBS:
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in lx.SPEAKING_XCOMPS), None)
        if xcomp is not None:
            return trim(doc, xcomp.left_edge.i, xcomp.right_edge.i + 1)
    if lemma == "ask":
        about = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "about"), None)
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if about is not None:
            return trim(doc, about.i, about.right_edge.i + 1)
        if obj is not None and xcomp is not None:
            return trim(doc, obj.left_edge.i, xcomp.right_edge.i + 1)
    if lemma in lx.TOPIC_VERBS and obj is not None and obj.pos_ != "PRON":
        # The object and what goes with it: "blamed Bush for the crash".
        end = max((c.right_edge.i for c in rights if c.i >= obj.i and c.dep_ in ("dobj", "prep", "dative", "oprd", "xcomp") and not _is_adjunct(c, obj)), default=obj.right_edge.i)
        return trim(doc, obj.left_edge.i, end + 1)
    return None


_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+(?=\S)")


def _speaker_label(para: str, q: Quoted) -> Candidate | None:
    """A transcript line, “WALLACE: Let's start …”: the capitalised label
    before the colon is the speaker; the words after it are the quote."""
    if q.outer_start != len(para) - len(para.lstrip()):
        return None
    m = _LABEL.match(para, q.start, q.end)
    if m is None or sum(c.isalpha() for c in m.group(1)) < 3:
        return None
    words = tuple(m.group(1).split())
    who = Who(text=m.group(1), start=m.start(1), end=m.end(1), head=words[-1].lower(), head_lemma=words[-1].lower(),
              pos="PROPN", ent="PERSON", plural=False, definite=False, name_tokens=words)
    return Candidate(start=m.end(), end=q.end, kind="direct", who=who, opens_paragraph=True, open_end=q.open_end)


def _sentence_lead(span: Span, text: str, outer_start: int, regions: list[tuple[int, int]]) -> int | None:
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


def _verb_reports(doc: Doc, regions: list[tuple[int, int]]):
    """(cue, content token range, source) for each reporting verb outside quotation marks."""
    for tok in doc:
        if not speech_verb(tok, lx.INDIRECT_VERBS | lx.TOPIC_VERBS | lx.REFUSAL_VERBS | frozenset(lx.TOPIC_PREPS)) or inside(tok, regions):
            continue
        found = _content_range(tok, regions)
        if found is not None:
            yield tok, found, who_of_verb(tok, regions)


def _noun_reports(doc: Doc, regions: list[tuple[int, int]]):
    """Reports built on a noun: "Pence's call for a special prosecutor", "a
    demand, by the senator, that …", "his promise to cut taxes"."""
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lx.REPORT_NOUNS or inside(tok, regions):
            continue
        source = next((c for c in tok.children if c.dep_ == "poss"), None)
        if source is None:
            by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            source = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if source is None:
            source = next((c for c in tok.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "PERSON", "ORG")), None)
        if source is None or inside(source, regions):
            continue
        found = _after_noun(tok, ("acl", "ccomp", "advcl"))
        if found is not None:
            yield tok, found, who_from(source, regions)


def _after_noun(noun: Token, clauses: tuple[str, ...], more: list[Token] = ()) -> tuple[int, int] | None:
    """Token range of what a reporting noun reports: the object of its
    preposition ("call for an audit") and its clause ("claim that …"), plus
    `more` parts; None when nothing follows the noun."""
    parts = [c for c in noun.rights if (c.dep_ == "prep" and c.lower_ not in lx.ADJUNCT_PREPS and c.lower_ != "by")
             or c.dep_ in clauses] + list(more)
    if not parts:
        return None
    first = min(parts, key=lambda c: c.i)
    start = first.i + 1 if first.dep_ == "prep" else first.left_edge.i
    return trim(noun.doc, start, max(c.right_edge.i for c in parts) + 1)


def _light_verb_reports(doc: Doc, regions: list[tuple[int, int]]):
    """Reports on a verb and a noun together: "expressed doubt that …",
    "voiced concern about …", "made the point that …"."""
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lx.LIGHT_VERBS or inside(tok, regions):
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in lx.LIGHT_NOUNS), None)
        if obj is None:
            continue
        found = _after_noun(obj, ("acl", "ccomp"), [c for c in tok.rights if c.i > obj.i and c.dep_ == "ccomp"])
        if found is not None:
            yield tok, found, who_of_verb(tok, regions)


def _previous_subject(doc: Doc, start: int, regions: list[tuple[int, int]]) -> Token | None:
    """The person a quote's preceding sentence is about, when that sentence
    ends right before the quote and is not itself quoted."""
    before = [t for t in doc if t.idx + len(t) <= start and not t.is_space]
    while before and before[-1].text in lx.OPEN_MARKS:
        before.pop()
    if not before or before[-1].text not in lx.SENTENCE_CLOSERS or inside(before[-1], regions):
        return None
    root = before[-1].sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or inside(subj, regions):
        return None
    if subj.ent_type_ == "PERSON" or subj.lower_ in lx.PRONOUNS_HE_SHE:
        return subj
    return None


def _headline(doc: Doc, quoted: list[Quoted]) -> Candidate | None:
    """A headline-style attribution, one short line "Source: what they said"
    ("Poll: Clinton leads in Ohio", "Insiders: Trump will rebound")."""
    para = doc.text
    colon = next((t for t in doc if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i > 6 or len(doc) > 40 or colon.i + 2 >= len(doc):
        return None
    if doc[colon.i + 1].text in lx.OPEN_MARKS or para.rstrip().endswith("?"):
        return None  # “Clinton: "…"” is a direct quote; “Cruz: hero or villain?” a question
    lead = doc[:colon.i]
    if any(t.text in lx.OPEN_MARKS or t.is_punct and t.text not in (".", "’", "'", "-") for t in lead):
        return None
    if not lead[0].text[:1].isupper() or lead.text.isupper() or lead.text.lower() in lx.HEADER_WORDS:
        return None
    head = lead.root
    if not (head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP")
            or head.lemma_.lower() in lx.DOCUMENT_NOUNS | lx.ANONYMOUS_NOUNS | lx.GROUP_NOUNS):
        return None
    start = doc[colon.i + 1].idx
    end = len(para.rstrip().rstrip("."))
    inner = [q for q in quoted if start <= q.outer_start and q.outer_end <= len(para)]
    who = who_from(head, [])
    return Candidate(start=start, end=end, kind="partial" if inner else "indirect", who=who,
                     cue=(":", colon.idx, colon.idx + 1), fragments=[(q.start, q.end) for q in inner])


def _opens_sentence(doc: Doc, q: Quoted, para: str) -> bool:
    before = para[:q.outer_start].rstrip()
    if not before or before[-1] in ".?!:,;—–(":
        return True
    # said "We are ready" — an opening capital right after a speech verb.
    prev = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    return bool(prev) and prev[0].lemma_.lower() in lx.SPEECH_VERBS and para[q.start:q.start + 1].isupper()


def _word_count(text: str) -> int:
    return len(text.split())


def attribute_paragraph(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """All quotes and reported statements in one parsed paragraph, given its
    paired quotation marks (`marks.find_quoted`), with paragraph-relative offsets."""
    para = doc.text
    regions = [(q.outer_start, q.outer_end) for q in quoted]
    headline = _headline(doc, quoted)
    if headline is not None:
        return [headline]
    # "so-called “reform”" is a scare quote, never speech.
    quoted = [q for q in quoted if not para[:q.outer_start].rstrip().lower().endswith(lx.SCARE_QUOTE_LEAD)]
    standalone = [q for q in quoted if _opens_sentence(doc, q, para)]
    embedded = [q for q in quoted if q not in standalone]
    out: list[Candidate] = []
    used_verbs: set[int] = set()
    consumed: set[Quoted] = set()

    # Reported speech: a reporting verb with a clausal complement.
    for tok, (s, e), who in [*_verb_reports(doc, regions), *_noun_reports(doc, regions), *_light_verb_reports(doc, regions)]:
        if e <= s:
            continue
        cstart, cend = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        if any(cstart < q.end and q.start < cend for q in standalone):
            continue  # the complement is a direct quote; handled below
        if _word_count(para[cstart:cend]) < 2:
            continue
        if who is None or (tok.idx < cstart <= who.start < cend):
            continue  # no source, or the "source" is part of what follows the verb
        inner = [q for q in embedded if cstart <= q.start and q.end <= q.outer_end <= cend + 2]
        if inner:
            cend = max(cend, max(q.outer_end for q in inner))
            consumed.update(inner)
        used_verbs.add(tok.i)
        out.append(Candidate(
            start=cstart, end=cend, kind="partial" if inner else "indirect", who=who,
            cue=(tok.text, tok.idx, tok.idx + len(tok)),
            fragments=[(q.start, q.end) for q in inner],
        ))
    for cand in _according_to(doc, regions):
        if any(cand.start < q.end and q.start < cand.end for q in standalone):
            continue
        inner = [q for q in embedded if cand.start <= q.start and q.end <= cand.end + 2 and q not in consumed]
        if inner:
            cand.kind, cand.fragments = "partial", [(q.start, q.end) for q in inner]
            cand.end = max(cand.end, max(q.outer_end for q in inner))
            consumed.update(inner)
        out.append(cand)

    # Quoted fragments inside a clause: "called the plan "illogical"".
    for q in embedded:
        if q in consumed:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        verb = None
        for anc in span.root.ancestors:
            if anc.i < span.start or anc.i >= span.end:
                if speech_verb(anc, lx.SPEECH_VERBS | lx.NAMING_VERBS) and not inside(anc, regions):
                    verb = anc
                    break
        if verb is None:
            if _word_count(para[q.start:q.end]) >= 8 and not q.open_end:
                standalone.append(q)  # a full quote run into the sentence
            continue
        who = who_of_verb(verb, regions)
        if who is None:
            continue
        rights = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "nsubj", "cc", "conj", "advmod", "npadvmod")]
        if not rights:
            continue
        s = min(c.left_edge.i for c in rights)
        e = max(c.right_edge.i for c in rights) + 1
        s, e = trim(doc, s, e)
        cstart = doc[s].idx
        cend = max(doc[e - 1].idx + len(doc[e - 1]), q.outer_end)
        if not (cstart <= q.start):
            cstart = min(cstart, q.outer_start)
        consumed.add(q)
        used_verbs.add(verb.i)
        out.append(Candidate(
            start=cstart, end=min(cend, len(para)), kind="partial", who=who,
            cue=(verb.text, verb.idx, verb.idx + len(verb)), fragments=[(q.start, q.end)],
        ))

    # Direct quotes: the attribution sits in the same sentence, or nearby.
    directs: list[Candidate] = []
    for q in sorted(standalone, key=lambda q: q.start):
        if q in consumed:
            continue
        if para[q.outer_end:q.outer_end + 6].lstrip(" ,").startswith(lx.BYLINE_WORD):
            continue  # “Storm closes schools,” by Jane Doe: a title with its byline
        label = _speaker_label(para, q)
        if label is not None:
            directs.append(label)
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        sents = {t.sent.start for t in span} | {span[0].sent.start, span[-1].sent.start}
        after = doc.char_span(q.outer_end, len(para), alignment_mode="expand") if q.outer_end < len(para) else None
        if after is not None and len(after) and after[0].is_sent_start and len(after[0].sent) <= 12:
            sents.add(after[0].sent.start)  # “… ready.” Smith said.
        scope = [t for t in doc if t.sent.start in sents and not inside(t, regions)]
        verbs = [t for t in scope if speech_verb(t, lx.SPEECH_VERBS)]
        # An attribution ending with a colon right before the quote.
        before = para[:q.outer_start].rstrip()
        colon_person = None
        if not verbs and before.endswith(":"):
            prev = doc.char_span(0, len(before), alignment_mode="contract")
            last_sent = list(prev.sents)[-1] if prev is not None and len(prev) else None
            if last_sent is not None:
                verbs = [t for t in last_sent if speech_verb(t, lx.SPEECH_VERBS)]
                people = [e for e in doc.ents if e.label_ == "PERSON" and last_sent.start <= e.start and e.end <= last_sent.end]
                if not verbs and people:
                    colon_person = people[-1].root  # "… surprise pollster Jane Roe: “…”"
                elif not verbs:
                    verbs = [t for t in last_sent if t.pos_ == "VERB"]
        verbs.sort(key=lambda v: min(abs(v.idx - q.start), abs(v.idx - q.end)))
        who, cue = (who_from(colon_person, regions), None) if colon_person is not None else (None, None)
        for verb in verbs if who is None else []:
            who = who_of_verb(verb, regions)
            if who is not None:
                cue = (verb.text, verb.idx, verb.idx + len(verb))
                used_verbs.add(verb.i)
                break
        if who is None:
            for c in out:
                if c.cue and c.cue[0] == "according to" and c.start <= q.start <= c.end:
                    who, cue = c.who, c.cue
        cand = Candidate(
            start=q.start, end=q.end, kind="direct", who=who, cue=cue,
            continues=who is None, opens_paragraph=q.outer_start == len(para) - len(para.lstrip()),
            open_end=q.open_end,
        )
        lead = _sentence_lead(span, para[q.start:q.end], q.outer_start, regions)
        if lead is not None and who is not None:
            cand.start, cand.kind, cand.fragments = lead, "partial", [(q.start, q.end)]
        directs.append(cand)
    # A short quoted phrase with no attribution in reach is a title or a name,
    # and a bracketed aside ("(CROSSTALK.)") is not speech.
    directs = [
        c for c in directs
        if not (c.who is None and not any(o.who for o in directs) and _word_count(para[c.start:c.end]) <= 4)
        and not (para[c.start:c.end].startswith(("(", "[")) and para[c.start:c.end].rstrip(".").endswith((")", "]")))
    ]
    # Split quotes: a piece with no attribution takes its neighbour's in the paragraph.
    for i, cand in enumerate(directs):
        if cand.who is None:
            neighbours = directs[i + 1:] if i == 0 else directs[:i][::-1] + directs[i + 1:]
            for other in neighbours:
                if other.who is not None:
                    cand.who, cand.cue, cand.continues = other.who, other.cue, False
                    break
    # "Clinton touted her record. “We need …”": a quote right after a sentence
    # about a person is that person's, not the last source named before.
    for cand in directs:
        if cand.who is None:
            subj = _previous_subject(doc, cand.start, regions)
            if subj is not None:
                cand.who, cand.continues = who_from(subj, regions), False
    out.extend(directs)
    out.sort(key=lambda c: (c.start, c.end))
    kept = _drop_overlaps(out)
    # "as relayed by a senior official": a source named without a quote of its
    # own, remembered so that a later "the official" can refer to it.
    for tok in doc:
        if inside(tok, regions) or not speech_verb(tok, lx.SPEECH_VERBS) or tok.i in used_verbs:
            continue
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if obj is not None and not inside(obj, regions):
            kept.append(Candidate(start=obj.idx, end=obj.idx, kind="source", who=who_from(obj, regions)))
    return sorted(kept, key=lambda c: (c.start, c.end))


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the first of two overlapping candidates, preferring direct quotes."""
    order = sorted(cands, key=lambda c: (c.kind != "direct", c.kind != "partial", c.start))
    kept: list[Candidate] = []
    for c in order:
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))
