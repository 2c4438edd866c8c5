"""Who is speaking: the words that name a source in a parsed paragraph.

`who_of_verb` finds the source of a reporting verb (its subject, the agent of
a passive, the noun phrase after an inverted "said", the antecedent of "who")
and `who_from` describes the noun phrase around a token as a `Who` record,
cut before appositions and clauses, with its role and any stated reason for
anonymity.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx



@dataclass
class Who:
    """The words naming a source in a paragraph."""

    text: str
    start: int
    end: int
    head: str  # lowercased head word
    head_lemma: str
    pos: str  # head part of speech
    ent: str  # entity label over the head, if any
    plural: bool
    definite: bool
    role: str | None = None
    reason: str | None = None
    name_tokens: tuple[str, ...] = ()  # tokens of the PERSON name inside, if any
    relative: tuple[str, int, int] | None = None  # "who" of "Ann Lee, who said …", as written
    rule: str = ""  # the named rule that found these words


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Shrink a token range [start, end) past punctuation and spaces at its edges."""
    while start < end and (doc[start].is_punct and doc[start].text not in lx.OPEN_MARKS or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in lx.CLOSE_MARKS or doc[end - 1].is_space):
        end -= 1
    return start, end


def inside(tok: Token, regions: list[tuple[int, int]]) -> bool:
    return any(s <= tok.idx < e for s, e in regions)


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a reporting verb, following conjunctions,
    control verbs and relative clauses."""
    seen = 0
    while verb is not None and seen < 4:
        seen += 1
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            # "X said the plan works and praised …": a verb coordinated with a
            # reported clause, with no subject of its own, belongs to the reporter.
            if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head.head.i != verb.head.i:
                verb = verb.head.head
            else:
                verb = verb.head
            continue
        # "…, saying: …" / "…, adding that …": a participle takes its clause's subject.
        if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return _issuer(verb.head) or verb.head
        break
    return None


def _issuer(noun: Token) -> Token | None:
    """Who put out a document: "Pence released a statement saying …" → Pence."""
    if noun.lemma_.lower() not in lx.DOCUMENT_NOUNS or noun.dep_ != "dobj":
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


def _inverted_subject(verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """'… ,” said the senior official': the noun phrase right after the verb."""
    for tok in verb.doc[verb.i + 1: verb.sent.end]:
        if inside(tok, quotes) or tok.is_punct:
            break
        if tok.pos_ == "PRON" and tok.lower_ not in lx.PERSONAL_SUBJECTS:
            return None
        if tok.pos_ in ("PROPN", "NOUN", "PRON"):
            head = tok
            while head.head.i != head.i and head.head.i > verb.i and head.dep_ in ("compound", "amod", "det", "nmod", "poss") and head.head.pos_ in ("PROPN", "NOUN"):
                head = head.head
            return head
        if tok.pos_ not in ("DET", "ADJ", "NUM", "ADV") and tok.dep_ not in ("det", "amod", "compound", "nummod"):
            break
    return None


def _entity_bounds(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the named entity `tok` belongs to."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _aside(tok: Token) -> bool:
    """A relative clause, or an apposition set off by punctuation ("Ann Lee,
    the mayor"); a close apposition ("candidates Ann Lee and Bo Li") is part of the name."""
    if tok.dep_ == "relcl":
        return True
    return tok.dep_ == "appos" and tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text in (",", "(", "—", "–", "--")


def _speaker_span(head: Token, quotes: list[tuple[int, int]], stop: int | None = None) -> tuple[Span, Token]:
    """The words naming a source around `head`, and the head itself, which
    may move onto a name ("President Obama" parsed with the title as head)."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    last = head.right_edge.i if stop is None or stop <= head.i else min(head.right_edge.i, stop - 1)
    for tok in doc[head.i + 1: last + 1]:
        if tok.text in (",", "(", "—", "–", "--", ";", ":") or _aside(tok) or inside(tok, quotes):
            break
        if tok.tag_ in ("WP", "WDT", "WP$") or any(_aside(a) for a in _ancestors_below(tok, head)):
            break
        right = tok.i
    # Cut a dateline or lead-in before a dash ("NEW YORK - Republican …"),
    # but not the hyphen of "two-term".
    for tok in doc[left:head.i]:
        spaced = tok.whitespace_ and tok.i > 0 and doc[tok.i - 1].whitespace_
        if tok.text in ("—", "–", "--", ":", "(", ")") or (tok.text == "-" and spaced) or inside(tok, quotes):
            left = tok.i + 1
    if head.lower_ in lx.TITLES and head.i + 1 < len(doc) and doc[head.i + 1].ent_type_ == "PERSON":
        head = doc[head.i + 1]
        right = max(right, head.i)
    if head.ent_iob_ in ("B", "I") and head.ent_type_ in ("PERSON", "ORG"):
        ent_start, ent_end = _entity_bounds(head)
        left, right = min(left, ent_start), max(right, ent_end - 1)
    while left < head.i and (doc[left].is_punct or inside(doc[left], quotes)):
        left += 1
    # "said Army Capt. Jo Pardo", "said master of ceremonies Jo Pardo": the name follows.
    nxt = right + 1
    if nxt < len(doc) and doc[nxt].text == "." and doc[right].lower_ + "." in lx.TITLES:
        nxt += 1
    elif nxt < len(doc) and doc[nxt].lower_ in lx.TITLES and doc[nxt].pos_ == "PROPN":
        nxt += 1  # "said Air Force 1st Lt. Jo Pardo": a rank the parser split off
        if nxt < len(doc) and doc[nxt].text == ".":
            nxt += 1
    if nxt < len(doc) and doc[nxt].ent_iob_ == "B" and doc[nxt].ent_type_ == "PERSON" and not inside(doc[nxt], quotes):
        right = _entity_bounds(doc[nxt])[1] - 1
        head = doc[right]
    while right > head.i and _dangling(doc[right], head):
        right -= 1
    return doc[left: right + 1], head


def _dangling(tok: Token, head: Token) -> bool:
    """A word that cannot end a speaker's name: punctuation, a function word
    left by a cut ("Obama's plan to"), or the possessive ending of the name
    itself ("Maria Lopez's call"), but not that of a word inside it."""
    if tok.dep_ == "case":
        return tok.head.i == head.i
    return tok.is_punct or tok.pos_ in ("PART", "ADP", "DET", "CCONJ", "AUX", "SCONJ")


def _anonymity_reason(head: Token, span: Span, quotes: list[tuple[int, int]]) -> str | None:
    """The stated reason a source is not named ("who spoke on condition of anonymity …")."""
    doc = head.doc
    for child in head.children:
        sub = doc[child.left_edge.i: child.right_edge.i + 1].text
        if child.i > head.i and any(w in sub.lower() for w in lx.ANONYMITY_WORDS):
            return sub.strip(" ,")
    # The parser may hang the clause elsewhere ("…, like others granted
    # anonymity to discuss …"): look through the rest of the sentence.
    tail = []
    for tok in doc[span.end: head.sent.end]:
        if inside(tok, quotes) or tok.text in lx.OPEN_MARKS:
            break
        tail.append(tok)
    if tail and any(w in " ".join(t.lower_ for t in tail) for w in lx.ANONYMITY_WORDS):
        s, e = trim(doc, tail[0].i, tail[-1].i + 1)
        if e > s:
            return doc[s:e].text
    return None


def who_from(head: Token, quotes: list[tuple[int, int]], stop: int | None = None) -> Who:
    """Describe the noun phrase around `head`, cut before appositions and clauses."""
    doc = head.doc
    span, head = _speaker_span(head, quotes, stop)
    role = next((_clip_text(doc, c.left_edge.i, c.right_edge.i + 1)
                 for c in head.children if c.dep_ == "appos" and c.i > head.i), None)
    name = ()
    if head.ent_type_ == "PERSON":
        name = tuple(t.text for t in span if t.ent_type_ == "PERSON")
    elif head.pos_ == "PROPN" and not head.ent_type_ and span[0].lower_ != "the":
        # The model missed the name: take the proper nouns that end at the head.
        name = tuple(t.text for t in span if t.pos_ == "PROPN" and t.i <= head.i and t.lower_ not in lx.TITLES)
    lowered = [t.lower_ for t in span]
    return Who(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        head=head.lower_,
        head_lemma=head.lemma_.lower(),
        pos=head.pos_,
        ent=head.ent_type_,
        plural=head.tag_ in ("NNS", "NNPS") or head.lower_ in lx.PRONOUNS_PLURAL,
        definite=bool(lowered) and lowered[0] in ("the", "this", "that", "these", "those"),
        role=role,
        reason=_anonymity_reason(head, span, quotes),
        name_tokens=name,
    )


def _ancestors_below(tok: Token, top: Token):
    """The tokens from `tok` up to, not including, `top`."""
    while tok.i != top.i and tok.head.i != tok.i:
        yield tok
        tok = tok.head


def _clip_text(doc: Doc, start: int, end: int) -> str:
    s, e = trim(doc, start, end)
    return doc[s:e].text


def speech_verb(tok: Token, words: frozenset[str]) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in words


def who_of_verb(verb: Token, quotes: list[tuple[int, int]]) -> Who | None:
    subj = subject_of(verb)
    if subj is not None and subj.tag_ in ("WP", "WDT") and subj.head.dep_ == "relcl" and subj.head.head.i != subj.head.i:
        # "Ann Lee, who said …": the relative pronoun as written, its antecedent as the source.
        antecedent = subj.head.head
        issuer = _issuer(antecedent)
        if issuer is not None and not inside(issuer, quotes):
            return who_from(issuer, quotes)  # "Sanders released an ad that urges …"
        if inside(antecedent, quotes):
            return None
        who = who_from(antecedent, quotes)
        return dataclasses.replace(who, relative=(subj.text, subj.idx, subj.idx + len(subj)))
    if (subj is None or inside(subj, quotes)) and not any(c.dep_ == "dobj" for c in verb.children):
        subj = _inverted_subject(verb, quotes)
    if subj is None or inside(subj, quotes):
        return None
    # A dateline parsed as the subject ("WASHINGTON -- President X … said"): the apposition speaks.
    doc = subj.doc
    if subj.i + 1 < len(doc) and doc[subj.i + 1].text in ("--", "—", "–", "-") and subj.text.isupper():
        appos = next((c for c in subj.children if c.dep_ == "appos"), None)
        if appos is not None:
            subj = appos
    # "It said that …" names a document or organisation met before; "it is said" does not.
    if subj.lower_ == "it" and (subj.dep_ != "nsubj" or subj.head.i != verb.i or verb.lemma_.lower() not in lx.SAY_VERBS):
        return None
    if subj.lower_ in lx.NOT_SOURCES:
        return None
    return who_from(subj, quotes, stop=verb.i)
