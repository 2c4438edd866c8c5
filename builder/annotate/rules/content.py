"""What a reporting verb reports: its complement, the rest of its sentence, an
infinitive, an object and what it is called, a topic after a preposition …
(`CONTENT_RULES`, tried in order; the first that finds something wins)."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ... import lexicon as lx
from ..speakers import inside, rule_on as _on, subject_of, trim
from .common import Range, content_rights, direct_object
from .cuts import clause_end, complement_of, is_adjunct, reason_clause_end, skip_hearer


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
    comp = complement_of(verb)
    if comp is None:
        return None
    start = _object_subject(verb, comp) if _on("object-subject") else comp.left_edge.i
    return trim(verb.doc, start, clause_end(comp, subject_of(verb)) + 1)


def _object_subject(verb: Token, comp: Token) -> int:
    """Where a complement starts when the parser took its subject for the
    verb's object ("told reporters frustration with the mayor has grown"):
    at that object, after a hearer glued onto it."""
    obj = direct_object(verb)
    between = obj.doc[obj.right_edge.i + 1: comp.left_edge.i] if obj is not None else []
    if (obj is None or not verb.i < obj.i < comp.i
            or any(t.head.i != verb.i and t.head.i not in {b.i for b in between} for t in between)
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in comp.children)):
        return comp.left_edge.i
    glued = [c for c in obj.lefts if c.dep_ == "compound"] if verb.lemma_.lower() == "tell" else []
    return glued[-1].right_edge.i + 1 if glued else obj.left_edge.i


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
        start = skip_hearer(verb, start)
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
    end = min([clause_end(xcomp, subject_of(verb))]
              + [c.left_edge.i - 1 for c in xcomp.rights if c.dep_ == "prep" and is_adjunct(c, xcomp)
                 or c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME")])
    return trim(verb.doc, xcomp.left_edge.i, end + 1)


def _naming_object(verb: Token, regions: list[Range]) -> Range | None:
    """'called Trump a fascist': the object and what it is called."""
    obj = direct_object(verb)
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
    obj = direct_object(verb)
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
    end = max(c.right_edge.i for c in content_rights(verb) if c.i >= prep.i and not is_adjunct(c, prep))
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
    obj = direct_object(verb)
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
    obj = direct_object(verb)
    if verb.lemma_.lower() not in lx.TOPIC_VERBS or obj is None or obj.pos_ == "PRON":
        return None
    parts = [c.right_edge.i for c in content_rights(verb)
             if c.i >= obj.i and c.dep_ in ("dobj", "prep", "dative", "oprd", "xcomp") and not is_adjunct(c, obj)]
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
CONTENT_RULES: dict[str, Callable[[Token, list[Range]], Range | None]] = {
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


def content_range(verb: Token, regions: list[Range]) -> Range | None:
    """Token range [start, end) of what a reporting verb reports, or None
    (the first of the `CONTENT_RULES` that are switched on and apply)."""
    for name, find in CONTENT_RULES.items():
        found = find(verb, regions) if _on(name) else None
        if found is not None:
            return (found[0], reason_clause_end(verb, found[1] - 1) + 1) if _on("reason-clause") else found
    return None


# The rules of this family that `disabled_rules` can switch off, with what they do.
RULES: dict[str, str] = {
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
    "skip-time-phrase": "\"said after the vote she would …\": a leading time phrase is not what was said",
    "reason-clause": "a clause of reason or condition right after what was said goes on with it"
                     " (\"said it left them out because …\")",
}
