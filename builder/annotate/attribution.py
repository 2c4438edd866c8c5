"""Find quotations and reported statements in one paragraph and who said them.

Works on one parsed paragraph at a time (a spaCy Doc) and returns plain
candidates with character offsets relative to that paragraph. Speaker
resolution across paragraphs (pronouns, "the official") happens in
`resolve.py`.

Every way of finding a quote, and every filter or cut applied on the way, is
a named rule (`RULES`); the passes run in the order of `PASSES`. Each
candidate carries the name of the rule that found it (`Candidate.rule`) and
its speaker the name of the way its words were found (`Who.rule`, see
`speakers.SPEAKER_RULES`). `disabled_rules(...)` switches rules off by name.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from .marks import Quoted
from .speakers import (DISABLED, SPEAKER_RULES, Who, inside, rule_on as _on, speech_verb, subject_of, trim,
                       who_from, who_of_verb)


Range = tuple[int, int]


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


@dataclass
class _Paragraph:
    """What the passes share while they work through one paragraph."""

    doc: Doc
    marks: list[Quoted]  # every pair of quotation marks
    regions: list[Range]  # their character ranges, marks included
    standalone: list[Quoted]  # quotations that open a sentence: direct quotes
    embedded: list[Quoted]  # quotations inside a sentence: fragments
    out: list[Candidate] = field(default_factory=list)
    directs: list[Candidate] = field(default_factory=list)  # the direct pass's share of `out`
    used_verbs: set[int] = field(default_factory=set)
    consumed: set[Quoted] = field(default_factory=set)
    run_in: set[Quoted] = field(default_factory=set)  # long quotations run into a sentence with no verb of saying
    done: bool = False  # no later pass runs

    @property
    def text(self) -> str:
        return self.doc.text


def _cue(tok: Token) -> tuple[str, int, int]:
    return tok.text, tok.idx, tok.idx + len(tok)


def _chars(doc: Doc, s: int, e: int) -> Range:
    """Character range of the token range [s, e)."""
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1])


def _word_count(text: str) -> int:
    return len(text.split())


def _overlaps(start: int, end: int, quotes: list[Quoted]) -> bool:
    return any(start < q.end and q.start < end for q in quotes)


def _complement(verb: Token) -> Token | None:
    """The verb's clausal complement: the one after it when there are two, and
    never a clause cut off from it by a semicolon ("It's unlikely; aides say …")."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if _on("semicolon-cut"):
        comps = [c for c in comps
                 if not any(t.text == ";" for t in doc[min(c.right_edge.i, verb.i): max(c.left_edge.i, verb.i)])]
    return next((c for c in comps if c.i > verb.i), comps[0] if comps else None)


def _is_time(prep: Token) -> bool:
    """'on Tuesday', 'in March': a phrase that only says when."""
    words = [t for t in prep.subtree if t.i != prep.i and not t.is_punct]
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "DET" for t in words)


def _is_adjunct(child: Token, keep: Token) -> bool:
    """A verb's phrase that tells when, where or in spite of what, not what was
    said ("in a statement", "during the rally", "on Tuesday"); `keep` is never one."""
    if child.i == keep.i or not _on("adjunct-cut"):
        return False
    return _is_time(child) or (child.dep_ == "prep" and child.lower_ in lx.ADJUNCT_PREPS)


def _same_speaker(subj: Token | None, reporter: Token | None) -> bool:
    """'She said …, and she declined …': the clause's subject is the reporter again."""
    if subj is None or reporter is None:
        return False
    return subj.lower_ == reporter.lower_ or (
        subj.lower_ in lx.PRONOUNS_HE_SHE and (reporter.pos_ == "PROPN" or reporter.lower_ in lx.PRONOUNS_HE_SHE))


def _subject_child(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _another_verb(child: Token, head: Token, reporter: Token | None) -> bool:
    """'… and calls her …': a coordinated verb of saying with no subject of its
    own, the reporter's next statement ("… and will not release …" stays)."""
    return (child.dep_ == "conj" and speech_verb(child, lx.SPEECH_VERBS)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children))


def _reporter_returns(child: Token, head: Token, reporter: Token | None) -> bool:
    """'…, and she declined …': a coordinated clause about the reporter again."""
    return (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
            and _same_speaker(_subject_child(child), reporter) and not _same_speaker(_subject_child(head), reporter)
            and not any(c.dep_ == "mark" for c in child.children))


def _shares_subject(cc: Token, head: Token) -> bool:
    """'… isn't good, but will make Iran rich': the verb after the conjunction has
    no subject of its own, so it goes on saying what the reported clause says."""
    if not _on("contrast-shared-subject"):
        return False
    conj = next((c for c in head.rights if c.dep_ == "conj" and c.i > cc.i), None)
    return conj is not None and conj.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for c in conj.children)


def _contrast(child: Token, head: Token, reporter: Token | None) -> bool:
    """'…, but …', '… although …': a turn to a contrast."""
    return ((child.dep_ == "advcl" and any(m.lower_ in lx.CONTRAST_WORDS for m in child.children if m.dep_ == "mark"))
            or (child.dep_ == "cc" and child.lower_ in lx.CONTRAST_WORDS and not _shares_subject(child, head)))


def _nested_attribution(child: Token, head: Token, reporter: Token | None) -> bool:
    """'…, while others said …': another attribution with its own subject."""
    return any(t.lemma_.lower() in lx.SAY_VERBS and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)
               for t in child.subtree)


_STATEMENT_VERBS = lx.SPEECH_VERBS | lx.INDIRECT_VERBS


def _gerund_statement(child: Token, head: Token, reporter: Token | None) -> bool:
    """'… before claiming that …', '…, while trying to explain …': the reporter's
    next statement, made in a gerund of saying after a preposition or "while"."""
    if child.dep_ == "prep" and child.lower_ in lx.GERUND_MARKS:  # not "by mocking …", the means
        gerund = next((c for c in child.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
    elif child.dep_ == "advcl" and child.tag_ == "VBG":
        gerund = child if any(m.dep_ == "mark" and m.lower_ in lx.GERUND_MARKS for m in child.children) else None
    else:
        return False
    chain = [gerund] + [c for c in gerund.children if c.dep_ == "xcomp"] if gerund is not None else []
    return any(speech_verb(t, _STATEMENT_VERBS) for t in chain)


_CLAUSE_CUTS: dict[str, Callable[[Token, Token, Token | None], bool]] = {
    "coordinated-verb-cut": _another_verb,
    "reporter-returns-cut": _reporter_returns,
    "contrast-cut": _contrast,
    "nested-attribution-cut": _nested_attribution,
    "gerund-statement-cut": _gerund_statement,
}


def _clause_end(head: Token, reporter: Token | None = None) -> int:
    """Index of the last token of a reported clause, leaving out what follows it
    but is not part of it (the `_CLAUSE_CUTS`)."""
    end = head.right_edge.i
    for child in head.rights:
        if any(_on(name) and cut(child, head, reporter) for name, cut in _CLAUSE_CUTS.items()):
            end = min(end, child.left_edge.i - 1)
    doc = head.doc
    while end > head.i and (doc[end].dep_ == "cc" or doc[end].is_punct):
        end -= 1
    return max(end, head.i)


def _parenthetical(verb: Token, regions: list[Range]) -> Range | None:
    """'The museum, Mr. Obama said, would …': the attribution interrupts its
    content, which is then the whole sentence."""
    doc, sent = verb.doc, verb.sent
    if (verb.i + 1 < sent.end and doc[verb.i + 1].text == "," and verb.i - 2 > sent.start
            and any(t.text == "," for t in doc[max(sent.start, verb.i - 8): verb.i])
            and not any(t.text in lx.OPEN_MARKS or t.text in lx.CLOSE_MARKS for t in sent)):
        s, e = trim(doc, sent.start, sent.end)
        if e - s >= 6:
            return s, e
    return None


def _clausal_complement(verb: Token, regions: list[Range]) -> Range | None:
    """The verb's clausal complement, cut where the reported clause ends."""
    comp = _complement(verb)
    if comp is None:
        return None
    start = _object_subject(verb, comp) if _on("object-subject") else comp.left_edge.i
    return trim(verb.doc, start, _clause_end(comp, subject_of(verb)) + 1)


def _reason_clause_end(verb: Token, end: int) -> int:
    """'said it left them out because …': a clause of reason or condition right after the
    complement, which the parser hung on the verb of saying, goes on with what was said."""
    doc = verb.doc
    for child in verb.rights:
        gap = doc[end + 1: child.left_edge.i]
        if (child.dep_ == "advcl" and child.left_edge.i > end and all(t.is_punct for t in gap) and len(gap) <= 1
                and any(c.dep_ == "mark" and c.lower_ in lx.REASON_MARKS for c in child.children)):
            return _clause_end(child)
    return end


def _object_subject(verb: Token, comp: Token) -> int:
    """Where a complement starts when the parser took its subject for the
    verb's object ("told reporters frustration with the mayor has grown"):
    at that object, after a hearer glued onto it."""
    obj = _direct_object(verb)
    between = obj.doc[obj.right_edge.i + 1: comp.left_edge.i] if obj is not None else []
    if (obj is None or not verb.i < obj.i < comp.i
            or any(t.head.i != verb.i and t.head.i not in {b.i for b in between} for t in between)
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in comp.children)):
        return comp.left_edge.i
    glued = [c for c in obj.lefts if c.dep_ == "compound"] if verb.lemma_.lower() == "tell" else []
    return glued[-1].right_edge.i + 1 if glued else obj.left_edge.i


_HEARER_DEPS = ("dative", "dobj", "prep", "npadvmod", "advmod", "prt", "punct")


def _skip_hearer(verb: Token, start: int) -> int:
    """'told reporters on Monday …': where the content starts after the hearer and circumstances."""
    for child in verb.rights:
        if child.left_edge.i != start or child.dep_ not in _HEARER_DEPS:
            break
        if child.dep_ == "dobj" and verb.lemma_.lower() == "say":
            break
        start = child.right_edge.i + 1
    return start


def _rest_of_sentence(verb: Token, regions: list[Range]) -> Range | None:
    """For a verb of saying with no parsed complement, the rest of its
    sentence (from "that" if there is one)."""
    doc, sent_end = verb.doc, verb.sent.end
    inverted = any(c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i for c in verb.children)
    after_quote = verb.i > 0 and any(t.text in lx.CLOSE_MARKS for t in doc[max(0, verb.i - 2): verb.i])
    rest = list(doc[verb.i + 1: sent_end])
    if verb.lemma_.lower() not in lx.SAY_VERBS or inverted or after_quote or not rest:
        return None
    if any(t.text in lx.OPEN_MARKS or t.text == ":" for t in rest[:3]):
        return None
    that = next((t for t in rest if t.lower_ == "that" and (t.dep_ == "mark" or t.i == verb.i + 1)), None)
    start = that.i if that is not None else verb.i + 1
    if that is None and _on("skip-hearer"):
        start = _skip_hearer(verb, start)
    s, e = trim(doc, start, sent_end)
    if (_on("skip-time-phrase") and s < e and doc[s].dep_ == "prep" and doc[s].right_edge.i + 1 < e
            and doc[doc[s].right_edge.i + 1].dep_ in ("nsubj", "nsubjpass")):
        s = doc[s].right_edge.i + 1  # "said after the convention he would …"
    if e - s >= 4 and doc[s].pos_ in ("SCONJ", "PRON", "PROPN", "NOUN", "DET", "ADJ", "NUM", "ADV", "AUX", "VERB") \
            and not inside(doc[s], regions):
        return s, e
    return None


def _content_before(verb: Token, regions: list[Range]) -> Range | None:
    """'…, CNN reported.': a verb of saying that ends its sentence, its subject
    set off by a comma, reports what comes before the comma when the parser
    did not attach it as a complement."""
    doc, sent = verb.doc, verb.sent
    subj = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (verb.lemma_.lower() not in lx.INDIRECT_VERBS or subj is None
            or any(not t.is_punct for t in doc[verb.i + 1: sent.end])):
        return None
    comma = subj.left_edge.i - 1
    if comma - sent.start < 4 or doc[comma].text != "," or any(t.text in (";", ":") for t in doc[sent.start:comma]):
        return None
    return trim(doc, sent.start, comma)


def _infinitive(verb: Token, regions: list[Range]) -> Range | None:
    """'promised to cut taxes', 'threatened to sue': the undertaking a commissive verb reports."""
    if verb.lemma_.lower() not in lx.COMMISSIVE_VERBS:
        return None
    xcomp = next((c for c in verb.rights if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts)), None)
    if xcomp is None:
        return None
    end = min([_clause_end(xcomp, subject_of(verb))]
              + [c.left_edge.i - 1 for c in xcomp.rights if c.dep_ == "prep" and _is_adjunct(c, xcomp)
                 or c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME")])
    return trim(verb.doc, xcomp.left_edge.i, end + 1)


def _content_rights(verb: Token) -> list[Token]:
    return [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj", "advmod", "npadvmod")]


def _direct_object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _naming_object(verb: Token, regions: list[Range]) -> Range | None:
    """'called Trump a fascist': the object and what it is called."""
    obj = _direct_object(verb)
    if verb.lemma_.lower() not in lx.NAMING_VERBS or obj is None:
        return None
    names = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr", "ccomp") and c.i > obj.i]
    if not names:
        return None
    return trim(verb.doc, obj.left_edge.i, max(c.right_edge.i for c in names) + 1)


def _as_description(verb: Token, regions: list[Range]) -> Range | None:
    """'described herself as a moderate', 'referred to the plan as a “fraud”':
    what is described, and what it is described as."""
    if verb.lemma_.lower() not in lx.AS_VERBS:
        return None
    obj = _direct_object(verb)
    to = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "to"), None)
    if obj is None and to is not None:
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    as_ = next((c for c in list(verb.rights) + list(obj.rights) if c.dep_ == "prep" and c.lower_ == "as"), None)
    if as_ is None or as_.i < obj.i:
        return None
    return trim(verb.doc, obj.left_edge.i, as_.right_edge.i + 1)


def _topic_preposition(verb: Token, regions: list[Range]) -> Range | None:
    """'called on the senator to resign', 'talked about the economy':
    everything the preposition introduces."""
    preps = lx.TOPIC_PREPS.get(verb.lemma_.lower())
    if preps is None:
        return None
    prep = next((c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in preps), None)
    if prep is None and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ in preps:
        # "called for the mayor to resign", parsed as a clause with "for" as its marker
        clause = verb.doc[verb.i + 1].head
        if clause.dep_ == "advcl" and clause.head.i == verb.i and any(c.lower_ == "to" for c in clause.lefts):
            return trim(verb.doc, verb.i + 2, clause.right_edge.i + 1)
    if prep is None or prep.i + 1 >= verb.sent.end:
        return None
    end = max(c.right_edge.i for c in _content_rights(verb) if c.i >= prep.i and not _is_adjunct(c, prep))
    return trim(verb.doc, prep.i + 1, end + 1)


def _refusal(verb: Token, regions: list[Range]) -> Range | None:
    """'declined to comment on the lawsuit': the refusal to speak."""
    if verb.lemma_.lower() not in lx.REFUSAL_VERBS:
        return None
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in lx.SPEAKING_XCOMPS), None)
    return trim(verb.doc, xcomp.left_edge.i, xcomp.right_edge.i + 1) if xcomp is not None else None


def _ask_topic(verb: Token, regions: list[Range]) -> Range | None:
    """'asked about the budget', 'asked the mayor to resign': what was asked."""
    if verb.lemma_.lower() != "ask":
        return None
    about = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "about"), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    obj = _direct_object(verb)
    if about is not None:
        return trim(verb.doc, about.i, about.right_edge.i + 1)
    if obj is not None and xcomp is not None:
        return trim(verb.doc, obj.left_edge.i, xcomp.right_edge.i + 1)
    return None


def _answer(verb: Token, regions: list[Range]) -> Range | None:
    """'72 percent said yes': a one-word answer to a question put to the speaker."""
    if verb.lemma_.lower() not in lx.SAY_VERBS:
        return None
    answer = next((c for c in verb.rights if c.lower_ in lx.ANSWER_WORDS and c.dep_ in ("intj", "dobj", "ccomp")), None)
    return trim(verb.doc, answer.left_edge.i, answer.right_edge.i + 1) if answer is not None else None


def _topic_object(verb: Token, regions: list[Range]) -> Range | None:
    """'blamed Bush for the crash', 'acknowledged the error': the object and what goes with it."""
    obj = _direct_object(verb)
    if verb.lemma_.lower() not in lx.TOPIC_VERBS or obj is None or obj.pos_ == "PRON":
        return None
    parts = [c.right_edge.i for c in _content_rights(verb)
             if c.i >= obj.i and c.dep_ in ("dobj", "prep", "dative", "oprd", "xcomp") and not _is_adjunct(c, obj)]
    return trim(verb.doc, obj.left_edge.i, max(parts, default=obj.right_edge.i) + 1)


def _passive_subject(verb: Token, regions: list[Range]) -> Range | None:
    """'The plan was denounced by the mayor', 'the memo disclosed by the agency':
    what a passive verb with a "by" phrase reports is its subject, or the noun
    the participle describes."""
    if verb.lemma_.lower() not in lx.PASSIVE_REPORT_VERBS or not any(c.dep_ == "agent" for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is not None:
        return None if subj.pos_ == "PRON" else trim(verb.doc, subj.left_edge.i, subj.right_edge.i + 1)
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or noun.pos_ not in ("NOUN", "PROPN") or noun.i > verb.i:
        return None
    return trim(verb.doc, noun.left_edge.i, verb.left_edge.i)


# What a reporting verb reports: the first of these that finds something.
_CONTENT_RULES: dict[str, Callable[[Token, list[Range]], Range | None]] = {
    "parenthetical-attribution": _parenthetical,
    "yes-no-answer": _answer,
    "complement": _clausal_complement,
    "infinitive": _infinitive,
    "rest-of-sentence": _rest_of_sentence,
    "content-before-source": _content_before,
    "naming-object": _naming_object,
    "as-description": _as_description,
    "topic-preposition": _topic_preposition,
    "refusal": _refusal,
    "ask-topic": _ask_topic,
    "topic-object": _topic_object,
    "passive-subject": _passive_subject,
}


def _content_range(verb: Token, regions: list[Range]) -> Range | None:
    """Token range [start, end) of what a reporting verb reports, or None
    (the first of the `_CONTENT_RULES` that are switched on and apply)."""
    for name, find in _CONTENT_RULES.items():
        found = find(verb, regions) if _on(name) else None
        if found is not None:
            return (found[0], _reason_clause_end(verb, found[1] - 1) + 1) if _on("reason-clause") else found
    return None


def _after_noun(noun: Token, clauses: tuple[str, ...], more: list[Token] = ()) -> Range | None:
    """Token range of what a reporting noun reports: the object of its
    preposition ("call for an audit") and its clause ("claim that …"), plus
    `more` parts; None when nothing follows the noun."""
    cut = lx.ADJUNCT_PREPS if _on("adjunct-cut") else frozenset()
    parts = [c for c in noun.rights if (c.dep_ == "prep" and c.lower_ not in cut and c.lower_ != "by")
             or c.dep_ in clauses] + list(more)
    if not parts:
        return None
    first = min(parts, key=lambda c: c.i)
    start = first.i + 1 if first.dep_ == "prep" else first.left_edge.i
    return trim(noun.doc, start, max(c.right_edge.i for c in parts) + 1)


Report = tuple[Token, Range, Who | None]


def _verb_reports(doc: Doc, regions: list[Range]) -> Iterator[Report]:
    """(cue, content token range, source) for each reporting verb outside quotation marks."""
    verbs = lx.INDIRECT_VERBS | lx.TOPIC_VERBS | lx.AS_VERBS | lx.REFUSAL_VERBS | lx.COMMISSIVE_VERBS | frozenset(lx.TOPIC_PREPS)
    for tok in doc:
        if not (speech_verb(tok, verbs) or _verb_tagged_noun(tok, verbs)) or inside(tok, regions):
            continue
        found = _content_range(tok, regions)
        if found is not None:
            yield tok, found, who_of_verb(tok, regions)


def _verb_tagged_noun(tok: Token, verbs: frozenset[str]) -> bool:
    """'Trump claims he is worth …' with "claims" tagged a noun: a reporting
    word with a subject and a clausal complement of its own is a verb."""
    return (_on("verb-tagged-noun") and tok.pos_ == "NOUN" and tok.lemma_.lower() in verbs
            and any(c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "ccomp" for c in tok.children))


def _noun_source(noun: Token) -> tuple[Token | None, str]:
    """Who a reporting noun belongs to: "Pence's call", "a call by Pence",
    "Republican calls", with the rule that found it."""
    if _on("noun-possessor"):
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is not None:
            return source, "noun-possessor"
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    source = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if source is not None and _on("noun-by-phrase"):
        return source, "noun-by-phrase"
    if _on("noun-modifier"):
        source = next((c for c in noun.lefts
                       if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "PERSON", "ORG")), None)
        if source is not None:
            return source, "noun-modifier"
    return None, ""


def _noun_reports(doc: Doc, regions: list[Range]) -> Iterator[Report]:
    """Reports built on a noun: "Pence's call for a special prosecutor", "a
    demand, by the senator, that …", "his promise to cut taxes"."""
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lx.REPORT_NOUNS or inside(tok, regions):
            continue
        source, rule = _noun_source(tok)
        if source is None or inside(source, regions):
            continue
        found = _after_noun(tok, ("acl", "ccomp", "advcl"))
        if found is not None:
            yield tok, found, who_from(source, regions, rule=rule)


_NOT_OF_THE_NOUN = lx.ADJUNCT_PREPS | {"by", "to"}  # circumstances, the means and the hearer


def _of_the_noun(child: Token, noun: Token) -> bool:
    """A part of a light verb after its noun that belongs to the noun: its clause
    ("made the point that …") or, parsed onto the verb, its preposition ("voiced
    a wish for …"), not a circumstance ("… at the rally") nor the hearer ("… to voters")."""
    if child.dep_ == "ccomp":
        return True
    return (_on("light-verb-preposition") and child.dep_ == "prep" and not _is_adjunct(child, noun)
            and child.lower_ not in _NOT_OF_THE_NOUN)


def _light_verb_reports(doc: Doc, regions: list[Range]) -> Iterator[Report]:
    """Reports on a verb and a noun together: "expressed doubt that …",
    "voiced concern about …", "made the point that …"."""
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lx.LIGHT_VERBS or inside(tok, regions):
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in lx.LIGHT_NOUNS), None)
        if obj is None:
            continue
        found = _after_noun(obj, ("acl", "ccomp"), [c for c in tok.rights if c.i > obj.i and _of_the_noun(c, obj)])
        if found is not None:
            yield tok, found, who_of_verb(tok, regions)


def _aside_root(doc: Doc, first: int, end: int) -> Token | None:
    """The root of the phrase that starts at token `first` and runs to the
    end of the range [.., end), or None when no phrase fills that stretch."""
    tok = doc[first]
    while tok.head.i != tok.i and tok.head.left_edge.i == first and first <= tok.head.i < end:
        tok = tok.head
    if tok.left_edge.i != first or tok.right_edge.i < end - 1:
        return None
    return tok


# Verbs whose participle at a report's end starts another statement ("…, calling it …", "…, citing …").
_SAYING_VERBS = lx.SPEECH_VERBS | lx.INDIRECT_VERBS | lx.TOPIC_VERBS | lx.AS_VERBS | frozenset(lx.TOPIC_PREPS)


def _set_off(root: Token) -> bool:
    """A comment set off after a comma that is not part of what was said: a
    relative clause ("…, who also spoke") or a participle ("…, citing polls").
    """
    if root.dep_ == "relcl":
        return not (_on("which-clause-kept") and root.left_edge.lower_ == "which")
    if _on("aside-time-clause") and root.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in lx.ASIDE_CLAUSE_MARKS for c in root.children):
        return True  # "…, when voters head to the polls", "…, even as he has taken shots …"
    # Only a participle of saying is the reporter's own aside ("…, citing polls"); another one
    # goes on with what was said ("…, allowing people to see …").
    saying = not _on("aside-participle-of-saying") or speech_verb(root, _SAYING_VERBS)
    return (root.dep_ in ("advcl", "xcomp", "conj") and root.tag_ == "VBG" and saying
            and not any(c.dep_ in ("nsubj", "mark", "aux") for c in root.children))


def _trailing_aside(doc: Doc, s: int, e: int) -> int:
    """Where a report [s, e) ends when comments set off by commas run to its
    end ("he would release them, calling them “boring”"): before the first of them."""
    for k in range(e - 2, s + 2, -1):
        if doc[k].text != "," or k >= e:
            continue
        root = _aside_root(doc, k + 1, e)
        if root is not None and _set_off(root):
            e = trim(doc, s, k)[1]
    return e


def _ends_within(q: Quoted, start: int, end: int, text: str, slack: int = 2) -> bool:
    """Whether a quoted fragment belongs to the report [start, end): it lies
    inside (up to `slack` characters past the end), or the report stops in it
    with only punctuation left before its closing mark (… like “Pryor.”)."""
    if q.start < start:
        return False
    return q.outer_end <= end + slack or (
        _on("close-quote") and q.start < end and not any(ch.isalnum() for ch in text[end:q.end]))


def _inner_fragments(p: _Paragraph, start: int, end: int, slack: int) -> list[Quoted]:
    """Quoted fragments inside [start, end + slack) not yet taken by another report."""
    return [q for q in p.embedded if _ends_within(q, start, end, p.text, slack) and q not in p.consumed]


def _add_report(p: _Paragraph, report: Report, rule: str) -> None:
    """Keep one reported statement, unless it is a direct quote's, too short,
    or has no source apart from its own content."""
    tok, (s, e), who = report
    e = _trailing_aside(p.doc, s, e) if _on("trailing-aside-cut") else e
    if e <= s:
        return
    cstart, cend = _chars(p.doc, s, e)
    if _overlaps(cstart, cend, p.standalone):
        return  # the complement is a direct quote: the direct pass takes it
    answer = p.text[cstart:cend].lower() in lx.ANSWER_WORDS  # "said yes"
    if _word_count(p.text[cstart:cend]) < 2 and not answer or who is None or tok.idx < cstart <= who.start < cend:
        return
    inner = [q for q in p.embedded if _ends_within(q, cstart, cend, p.text)]
    if inner:
        cend = max(cend, max(q.outer_end for q in inner))
        p.consumed.update(inner)
    p.used_verbs.add(tok.i)
    kind = "partial" if inner else "indirect"
    if rule == "verb-report" and _whole_quote(p, cstart, cend, inner):
        kind, cstart, cend = "direct", inner[0].start, inner[0].end  # every word is quoted: a direct quote
    p.out.append(Candidate(start=cstart, end=cend, kind=kind, who=who,
                           cue=_cue(tok), fragments=[(q.start, q.end) for q in inner], rule=rule))


def _whole_quote(p: _Paragraph, start: int, end: int, inner: list[Quoted]) -> bool:
    """Whether the report [start, end) holds nothing but one quoted clause with a
    subject of its own, its marks and punctuation (says “we won.”)."""
    if not _on("whole-quote-report") or len(inner) != 1 or not start <= inner[0].start < inner[0].end <= end:
        return False
    q = inner[0]
    if any(ch.isalnum() for ch in p.text[start:q.start] + p.text[q.end:end]):
        return False
    span = p.doc.char_span(q.start, q.end, alignment_mode="expand")
    return span is not None and any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in span)


def _verb_report_pass(p: _Paragraph) -> None:
    """A reporting verb and what it reports (`_CONTENT_RULES`)."""
    for report in list(_verb_reports(p.doc, p.regions)):
        _add_report(p, report, "verb-report")


def _noun_report_pass(p: _Paragraph) -> None:
    """A reporting noun with its owner: "Pence's call for an audit"."""
    for report in list(_noun_reports(p.doc, p.regions)):
        _add_report(p, report, "noun-report")


def _light_verb_report_pass(p: _Paragraph) -> None:
    """A verb and noun that report together: "expressed doubt that …"."""
    for report in list(_light_verb_reports(p.doc, p.regions)):
        _add_report(p, report, "light-verb-report")


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


def _according_to_pass(p: _Paragraph) -> None:
    """'according to the memo': the sentence part the phrase covers."""
    for cand in _according_to(p.doc, p.regions):
        quoted = _quoted_report(p, cand)
        if quoted:  # “…,” Lee said, according to Ann: Ann's report of Lee's quote
            cand.start, cand.kind = min(cand.start, quoted[0].outer_start), "partial"
            cand.fragments = [(q.start, q.end) for q in quoted]
            p.consumed.update(quoted)
            p.out.append(cand)
            continue
        if _overlaps(cand.start, cand.end, p.standalone):
            continue
        inner = _inner_fragments(p, cand.start, cand.end, 2)
        if inner:
            cand.kind, cand.fragments = "partial", [(q.start, q.end) for q in inner]
            cand.end = max(cand.end, max(q.outer_end for q in inner))
            p.consumed.update(inner)
        p.out.append(cand)


def _quoted_report(p: _Paragraph, cand: Candidate) -> list[Quoted]:
    """The direct quotes an "according to" candidate covers whole when they come
    with their own verb of saying before the phrase (“…,” Lee said, according to Ann)."""
    quoted = [q for q in p.standalone if cand.start < q.outer_end and q.start < cand.end]
    if not _on("according-to-quote") or not quoted or any(
            q.outer_start < cand.start - 1 or q.outer_end > cand.end for q in quoted):
        return []
    tail = p.doc.char_span(quoted[-1].outer_end, cand.end, alignment_mode="expand")
    return quoted if tail is not None and any(speech_verb(t, lx.SPEECH_VERBS) for t in tail) else []


def _verb_over(span: Span, regions: list[Range]) -> Token | None:
    """The nearest verb of saying, naming or refusing (refused to rule out
    “consequences”) above a quoted fragment, outside it."""
    verbs = lx.SPEECH_VERBS | lx.NAMING_VERBS | (lx.REFUSAL_VERBS if _on("refusal-fragment") else frozenset())
    for anc in span.root.ancestors:
        if (anc.i < span.start or anc.i >= span.end) and speech_verb(anc, verbs) and not inside(anc, regions):
            return anc
    return None


def _quoted_fragment(p: _Paragraph, q: Quoted) -> None:
    """A quoted fragment hung on a verb: the verb's content, partly quoted."""
    doc, para = p.doc, p.text
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return
    verb = _verb_over(span, p.regions)
    if verb is None:
        if _on("run-in-quote") and _word_count(para[q.start:q.end]) >= 8 and not q.open_end:
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
    more = _inner_fragments(p, cstart, cend, 2) if _on("close-quote") else []
    if more:  # … and visit “the most anguished state.”: to the last fragment's closing mark
        cend = max(cend, max(o.outer_end for o in more))
        p.consumed.update(more)
    p.used_verbs.add(verb.i)
    p.out.append(Candidate(start=cstart, end=min(cend, len(para)), kind="partial", who=who, cue=_cue(verb),
                           fragments=[(q.start, q.end)], rule="quoted-fragment"))


def _quoted_fragment_pass(p: _Paragraph) -> None:
    """Quoted fragments inside a clause: called the plan "illogical"."""
    for q in p.embedded:
        if q not in p.consumed:
            _quoted_fragment(p, q)


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


def _sentence_lead(span: Span, text: str, outer_start: int, regions: list[Range]) -> int | None:
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


def _run_in_lead(p: _Paragraph, q: Quoted, span: Span) -> tuple[int, Token] | None:
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
    between = [t for t in doc[_skip_hearer(verb, verb.i + 1): span.start]
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


def _colon_content_lead(p: _Paragraph, q: Quoted, span: Span) -> tuple[int, Token] | None:
    """Where the paraphrase starts when a verb of saying reports something of
    its own right up to the colon before a quotation ("She recalled the pay
    freeze: “…”"), with that verb; None after a bare "said:" or a hearer."""
    doc = span.doc
    lead = [t for t in doc[:span.start] if t.idx < q.outer_start and not inside(t, p.regions)]
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


def _opens_sentence(doc: Doc, q: Quoted, para: str) -> bool:
    before = para[:q.outer_start].rstrip()
    if not before or before[-1] in lx.QUOTE_OPENS_AFTER:
        return True
    # said "We are ready" — an opening capital right after a speech verb.
    prev = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    return bool(prev) and prev[0].lemma_.lower() in lx.SPEECH_VERBS and para[q.start:q.start + 1].isupper()


def _verbs_in_reach(p: _Paragraph, q: Quoted, span: Span) -> list[Token]:
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
    return [t for t in doc if t.sent.start in sents and not inside(t, p.regions) and speech_verb(t, lx.SPEECH_VERBS)]


def _colon_lead_in(p: _Paragraph, q: Quoted) -> tuple[list[Token], Token | None]:
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


def _source_of_verbs(p: _Paragraph, q: Quoted, verbs: list[Token]) -> tuple[Who | None, tuple[str, int, int] | None]:
    """The source of the verb nearest the quote that has one, and its cue."""
    for verb in sorted(verbs, key=lambda v: min(abs(v.idx - q.start), abs(v.idx - q.end))):
        who = who_of_verb(verb, p.regions)
        if who is not None:
            p.used_verbs.add(verb.i)
            return who, _cue(verb)
    return None, None


def _runs_on(p: _Paragraph, q: Quoted) -> int | None:
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
    for tok in (t for t in doc if t.idx >= q.outer_end):
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


def _direct(p: _Paragraph, q: Quoted) -> Candidate | None:
    """A direct quote and the attribution in reach: in its sentence, in a
    short one after it, or in a lead-in ending with a colon."""
    span = p.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    verbs, rule, person = _verbs_in_reach(p, q, span), "direct", None
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
    lead = _sentence_lead(span, p.text[q.start:q.end], q.outer_start, p.regions) if _on("sentence-lead") else None
    if lead is not None and who is not None:
        cand.start, cand.kind, cand.fragments, cand.rule = lead, "partial", [(q.start, q.end)], "sentence-lead"
        return cand
    titled = who is None and _word_count(p.text[q.start:q.end]) <= 4  # “Containment” has been …: a title
    runs_on = _runs_on(p, q) if _on("quote-runs-on") and not q.open_end and not titled else None
    if runs_on is not None:  # “Rubio is in a battle with Bush” for second place
        inner = [o for o in p.marks if q.outer_end <= o.outer_start and o.outer_end <= runs_on]
        p.consumed.update(inner)
        cand.start, cand.end, cand.kind, cand.rule = q.outer_start, runs_on, "partial", "quote-runs-on"
        cand.fragments = [(o.start, o.end) for o in [q, *inner]]
        return cand
    run_in, lead_rule = _run_in_lead(p, q, span) if _on("run-in-lead") and not q.open_end else None, "run-in-lead"
    if run_in is None and _on("colon-content-lead") and not q.open_end:
        run_in, lead_rule = _colon_content_lead(p, q, span), "colon-content-lead"
    if run_in is not None:
        start, verb = run_in
        p.used_verbs.add(verb.i)
        return Candidate(start=start, end=q.outer_end, kind="partial", who=who_of_verb(verb, p.regions),
                         cue=_cue(verb), fragments=[(q.start, q.end)], rule=lead_rule)
    clause = _clause_lead(p, q, span) if _on("clause-lead") and q in p.run_in else None
    if clause is not None:  # worried that the safety net was becoming “a hammock …”
        cand.start, cand.end, cand.kind, cand.fragments = clause, q.outer_end, "partial", [(q.start, q.end)]
    return cand


def _clause_lead(p: _Paragraph, q: Quoted, span: Span) -> int | None:
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


def _direct_pass(p: _Paragraph) -> None:
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


def _drop_directs(p: _Paragraph, keep: Callable[[Candidate], bool]) -> None:
    dropped = {id(c) for c in p.directs if not keep(c)}
    p.directs = [c for c in p.directs if id(c) not in dropped]
    p.out = [c for c in p.out if id(c) not in dropped]


def _short_title_pass(p: _Paragraph) -> None:
    """A short quoted phrase with no attribution in reach is a title or a name."""
    anyone = any(c.who for c in p.directs)
    _drop_directs(p, lambda c: c.who is not None or anyone or _word_count(p.text[c.start:c.end]) > 4)


def _is_aside(text: str) -> bool:
    return text.startswith(("(", "[")) and text.rstrip(".").endswith((")", "]"))


def _bracketed_aside_pass(p: _Paragraph) -> None:
    """A bracketed aside ("(CROSSTALK.)") is not speech."""
    _drop_directs(p, lambda c: not _is_aside(p.text[c.start:c.end]))


def _split_quote_pass(p: _Paragraph) -> None:
    """A piece of a split quote with no attribution takes its neighbour's."""
    for i, cand in enumerate(p.directs):
        if cand.who is not None:
            continue
        neighbours = p.directs[i + 1:] if i == 0 else p.directs[:i][::-1] + p.directs[i + 1:]
        other = next((o for o in neighbours if o.who is not None), None)
        if other is not None:
            cand.who, cand.cue, cand.rule = dataclasses.replace(other.who, rule="split-quote"), other.cue, "split-quote"


def _previous_subject(doc: Doc, start: int, regions: list[Range]) -> Token | None:
    """The person a quote's preceding sentence is about, when that sentence
    ends right before the quote and is not itself quoted."""
    before = [t for t in doc if t.idx + len(t) <= start and not t.is_space]
    while before and before[-1].text in lx.OPEN_MARKS:
        before.pop()
    if not before or before[-1].text not in lx.SENTENCE_CLOSERS or inside(before[-1], regions):
        return None
    subj = _subject_child(before[-1].sent.root)
    if subj is None or inside(subj, regions):
        return None
    if subj.ent_type_ == "PERSON" or subj.lower_ in lx.PRONOUNS_HE_SHE:
        return subj
    return None


def _previous_subject_pass(p: _Paragraph) -> None:
    """'Clinton touted her record. “We need …”': a quote right after a sentence
    about a person is that person's, not the last source named before."""
    for cand in p.directs:
        subj = _previous_subject(p.doc, cand.start, p.regions) if cand.who is None else None
        if subj is not None:
            cand.who, cand.rule = who_from(subj, p.regions, rule="previous-subject"), "previous-subject"


def _continuation_pass(p: _Paragraph) -> None:
    """A quote still without attribution carries the last speaker named."""
    for cand in p.directs:
        if cand.who is None:
            cand.continues, cand.rule = True, "continuation"


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the first of two overlapping candidates, preferring direct quotes."""
    order = sorted(cands, key=lambda c: (c.kind != "direct", c.kind != "partial", c.start))
    kept: list[Candidate] = []
    for c in order:
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=_position)


def _overlap_pass(p: _Paragraph) -> None:
    """Of two overlapping candidates keep the direct quote, then the partial, then the first."""
    p.out = _drop_overlaps(sorted(p.out, key=_position))


def _agent_source_pass(p: _Paragraph) -> None:
    """'as relayed by a senior official': a source named without a quote of its
    own, remembered so that a later "the official" can refer to it."""
    for tok in p.doc:
        if inside(tok, p.regions) or not speech_verb(tok, lx.SPEECH_VERBS) or tok.i in p.used_verbs:
            continue
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if obj is not None and not inside(obj, p.regions):
            p.out.append(Candidate(start=obj.idx, end=obj.idx, kind="source",
                                   who=who_from(obj, p.regions, rule="passive-agent"), rule="agent-source"))


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
            q.outer_end < end - 1 and _word_count(para[q.start:q.end]) <= 4 for q in opening)):
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


def _headline_pass(p: _Paragraph) -> None:
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
                     cue=_cue(verb), fragments=[(q.start, q.end) for q in inner], rule="title-headline")


def _title_headline_pass(p: _Paragraph) -> None:
    """A title-case headline "Source Says …" is the paragraph's only candidate."""
    cand = _title_headline(p.doc, p.marks)
    if cand is not None:
        p.out, p.done = [cand], True


# The passes, in the order they run.
PASSES: dict[str, Callable[[_Paragraph], None]] = {
    "headline": _headline_pass,
    "title-headline": _title_headline_pass,
    "verb-report": _verb_report_pass,
    "noun-report": _noun_report_pass,
    "light-verb-report": _light_verb_report_pass,
    "according-to": _according_to_pass,
    "quoted-fragment": _quoted_fragment_pass,
    "direct": _direct_pass,
    "short-title": _short_title_pass,
    "bracketed-aside": _bracketed_aside_pass,
    "split-quote": _split_quote_pass,
    "previous-subject": _previous_subject_pass,
    "continuation": _continuation_pass,
    "overlap": _overlap_pass,
    "agent-source": _agent_source_pass,
}

# Every rule that can be switched off, with what it does.
RULES: dict[str, str] = {
    # Passes that find quotes (also the names in `Candidate.rule`).
    "headline": "a one-line headline \"Source: what they said\" (\"Poll: Clinton leads\")",
    "title-headline": "a headline in title case \"Source Says …\": the capitalised words before the verb said"
                      " what follows it (\"Mayor Lee Says Floodwall Will Hold\")",
    "verb-report": "a reporting verb and what it reports (\"said the plan works\", \"blamed X for Y\")",
    "noun-report": "a reporting noun with its owner (\"Pence's call for an audit\")",
    "light-verb-report": "a verb and noun that report together (\"expressed doubt that …\")",
    "light-verb-preposition": "a light verb's preposition after its noun belongs to the noun (\"voiced a wish for"
                              " …\", parsed onto the verb)",
    "according-to": "the part of a sentence \"according to …\" covers",
    "quoted-fragment": "a quoted fragment hung on a verb: partial quote (called the plan “illogical”)",
    "refusal-fragment": "a quoted fragment under \"refused to …\" (refused to rule out “sanctions”)"
                        " is a partial quote of the refusal",
    "direct": "a quotation opening a sentence, attributed to a verb of saying in reach",
    "colon-lead-in": "a direct quote attributed by a sentence ending with a colon before it",
    "next-sentence": "a short sentence right after a quotation is in its reach (“… ready.” Smith said.)",
    "transcript-label": "a transcript line (“WALLACE: …”): the label speaks",
    "sentence-lead": "a quotation finishing a narrated sentence becomes a partial quote of the whole sentence",
    "run-in-lead": "a quotation finishing what a verb of saying before it reports (said that the mayor “has …”)"
                   " becomes a partial quote from where the paraphrase starts",
    "colon-content-lead": "a quotation after a colon that ends what a verb of saying reports (recalled the pay"
                          " freeze: “…”) is a partial quote from where that report starts",
    "quote-runs-on": "a quotation opening a sentence whose narration runs on past the closing mark (“…” for second"
                     " place) is a partial quote of the sentence",
    "split-quote": "a piece of a quote with no attribution takes its neighbour's in the paragraph",
    "previous-subject": "a quote with no attribution right after a sentence about a person is that person's",
    "continuation": "a quote still with no attribution carries the last speaker named",
    "agent-source": "a source named without a quote (\"as relayed by a senior official\") is remembered",
    # Filters (what is not speech) and which candidate wins.
    "scare-quote": "a quotation after \"so-called\" is a scare quote, not speech",
    "byline-title": "a quotation followed by \"by …\" is a title with its byline",
    "short-title": "a short quoted phrase (four words or fewer) with no attribution in reach is a title",
    "bracketed-aside": "a bracketed aside in quotation marks (“(APPLAUSE.)”) is not speech",
    "header-label": "a header word before a colon (\"Update:\") is not a headline source",
    "headline-quote-inside": "a headline whose words after the colon open with a quotation that stops before"
                             " the end (\"Ryan: ‘Hate’ has no place\") is a headline, not a direct quote",
    "headline-question": "a headline ending with a question mark is not a report",
    "clause-lead": "a long quotation run into a sentence with no verb of saying over it (worried that the net was"
                   " becoming “a hammock …”) is a partial quote from where the phrase it finishes starts",
    "run-in-quote": "a long quotation (8+ words) run into a sentence with no verb over it is a direct quote",
    "overlap": "of two overlapping candidates keep the direct quote, then the partial one, then the first",
    # What a reporting verb reports: tried in this order.
    "parenthetical-attribution": "an attribution interrupting its content (\"The rules, the agency said, will …\"):"
                                 " the whole sentence",
    "yes-no-answer": "\"72 percent said yes\": a one-word answer is what was said",
    "complement": "the verb's clausal complement",
    "object-subject": "a complement with no subject starts at the verb's object, its subject as parsed wrongly"
                      " (\"told reporters frustration … has grown\")",
    "infinitive": "\"promised to cut taxes\", \"threatened to sue\": the infinitive a commissive verb reports",
    "rest-of-sentence": "for say, tell, warn …: the rest of the sentence, from \"that\" if there is one",
    "content-before-source": "\"…, CNN reported.\": a verb of saying ending its sentence after a comma reports"
                             " what comes before the comma",
    "naming-object": "\"called Trump a fascist\": the object and what it is called",
    "as-description": "\"described herself as a moderate\", \"referred to X as Y\": what is described, and as what",
    "topic-preposition": "\"called on X to resign\", \"talked about Y\": what the preposition introduces",
    "refusal": "\"declined to comment on X\": the refusal to speak",
    "ask-topic": "\"asked about X\", \"asked X to Y\": what was asked",
    "topic-object": "\"blamed X for Y\", \"acknowledged the error\": the object and what goes with it",
    "passive-subject": "\"the plan was denounced by the mayor\", \"the memo released by the agency\": what a"
                       " passive verb with a \"by\" phrase reports is its subject",
    # Cuts: where what was said starts and stops.
    "skip-hearer": "\"told reporters on Monday …\": the hearer and circumstances are not what was said",
    "skip-time-phrase": "\"said after the vote she would …\": a leading time phrase is not what was said",
    "semicolon-cut": "a complement never reaches across a semicolon",
    "coordinated-verb-cut": "what was said stops before a coordinated verb of saying with no subject"
                            " (\"… and praised …\")",
    "reporter-returns-cut": "what was said stops at a clause about the reporter again (\"…, and she declined …\")",
    "contrast-cut": "what was said stops before a contrast (\"…, but …\", \"although …\")",
    "contrast-shared-subject": "a contrast whose verb has no subject of its own goes on with what was said"
                               " (\"… isn't good, but will make …\")",
    "nested-attribution-cut": "what was said stops before another attribution (\"…, while others said …\")",
    "gerund-statement-cut": "what was said stops before a gerund of saying after a preposition or \"while\""
                            " (\"… before claiming that …\", \"…, while trying to explain …\")",
    "whole-quote-report": "a report whose every word is inside one quotation (says “we won.”) is a direct quote"
                          " of what is inside the marks",
    "close-bracket": "a report that stops just before the closing bracket of one it opened takes the bracket"
                     " (\"… Sen. Ann Lee (D-Ore.)\")",
    "close-quote": "a report that stops inside a quotation runs on to its closing mark (can \"stir the pot.\")",
    "trailing-aside-cut": "a report stops before a relative clause or participle set off by a comma at its end"
                          " (\"…, who also spoke\", \"…, citing polls\")",
    "aside-participle-of-saying": "of the participles set off at a report's end, only one of saying is cut"
                                  " (\"…, citing polls\"); another goes on with what was said (\"…, allowing …\")",
    "aside-time-clause": "a report stops before a clause with \"when\" or \"as\" set off by a comma at its end"
                         " (\"…, when voters head to the polls\", \"…, even as he …\")",
    "reason-clause": "a clause of reason or condition right after what was said goes on with it"
                     " (\"said it left them out because …\")",
    "according-to-after-verb": "\"…, according to …\" after the verb it modifies covers the sentence up to its"
                               " comma, whatever words the parser hung after the phrase",
    "according-to-quote": "\"“…,” Lee said, according to Ann\": a direct quote with its own verb of saying before"
                          " \"according to\" is a partial quote, Ann's report of it",
    "according-to-after-conjunction": "\"But, according to the poll, …\": after a leading conjunction the phrase"
                                      " covers the rest of the sentence",
    "which-clause-kept": "a closing \", which …\" clause about a thing stays in the report (the trailing-aside"
                         " cut leaves it)",
    "adjunct-cut": "phrases saying when or where (\"at a rally\", \"on Tuesday\") are not what was said",
    "object-after-quote": "an inverted verb right after a quotation takes the noun phrase parsed as its object"
                          " as its subject (“…,” reply Ann and Bo)",
    "gerund-after-preposition": "a gerund of saying after \"by\", \"after\" … takes the subject of the verb it"
                                " modifies (\"won the crowd over by promising …\")",
    "gerund-through-control": "a gerund of saying after \"by\" … under a control verb takes that verb's subject"
                              " (\"tried to win votes by promising …\")",
    "adjective-control": "a verb of saying under an adjective takes the subject of the adjective's verb"
                         " (\"were quick to point out …\", \"is more likely to say …\")",
    "verb-tagged-noun": "a reporting word tagged as a noun but with a subject and a clause of its own is a verb"
                        " (\"Lee claims she won\")",
    "reported-clause-gerund": "a participle or gerund hung on a reported clause (\"said the plan failed, before adding"
                              " …\") is the reporter's, not the clause subject's",
    # Ways of finding the speaker's words that can be switched off (see `speakers.SPEAKER_RULES`).
    **{name: SPEAKER_RULES[name] for name in (
        "verb-subject", "passive-agent", "inverted-subject", "name-before", "relative-pronoun", "issuer",
        "participle-noun", "dateline-apposition", "colon-person", "noun-possessor", "noun-by-phrase", "noun-modifier")},
}


@contextmanager
def disabled_rules(*names: str) -> Iterator[None]:
    """Switch the named rules (`RULES`) off inside a `with` block."""
    unknown = sorted(set(names) - set(RULES))
    if unknown:
        raise ValueError(f"unknown rule(s): {', '.join(unknown)}")
    added = set(names) - DISABLED
    DISABLED.update(added)
    try:
        yield
    finally:
        DISABLED.difference_update(added)


def _position(c: Candidate) -> tuple[int, int]:
    return c.start, c.end


def attribute_paragraph(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """All quotes and reported statements in one parsed paragraph, given its
    paired quotation marks (`marks.find_quoted`), with paragraph-relative offsets.

    Runs the `PASSES` that are switched on, in order."""
    para = doc.text
    speech = [q for q in quoted
              if not (_on("scare-quote") and para[:q.outer_start].rstrip().lower().endswith(lx.SCARE_QUOTE_LEAD))]
    standalone = [q for q in speech if _opens_sentence(doc, q, para)]
    p = _Paragraph(doc=doc, marks=quoted, regions=[(q.outer_start, q.outer_end) for q in quoted],
                   standalone=standalone, embedded=[q for q in speech if q not in standalone])
    for name, step in PASSES.items():
        if _on(name):
            step(p)
        if p.done:
            break
    for c in p.out:
        if _on("close-quote"):
            _to_closing_mark(p, c)
        if _on("close-bracket") and c.kind != "direct" and p.text[c.end:c.end + 1] == ")" \
                and p.text.count("(", c.start, c.end) > p.text.count(")", c.start, c.end):
            c.end += 1  # … attack Sen. Marco Rubio (R-Fla.)
    return sorted(p.out, key=_position)


def _to_closing_mark(p: _Paragraph, c: Candidate) -> None:
    """A partial quote that stops inside a quotation with only punctuation left
    before its closing mark runs on to the mark (… engage in “more learning.”)."""
    if c.kind != "partial":
        return
    for q in p.marks:
        if c.start <= q.outer_start and q.start < c.end < q.outer_end and not q.open_end \
                and not any(ch.isalnum() for ch in p.text[c.end:q.end]):
            c.end = q.outer_end
