"""Who is speaking: the words that name a source in a parsed paragraph.

`who_of_verb` finds the source of a reporting verb (its subject, the agent of
a passive, the noun phrase after an inverted "said", the antecedent of "who")
and `who_from` describes the noun phrase around a token as a `Who` record,
cut before appositions and clauses, with its role and any stated reason for
anonymity.
"""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx


# The ways the words naming a source are found: the name in `Who.rule`.
SPEAKER_RULES: dict[str, str] = {
    "verb-subject": "the subject of the reporting verb, also through a coordinated, controlling or participle verb",
    "passive-agent": "the agent of a passive verb (\"as relayed by a senior official\")",
    "name-before": "the person named right before a verb the parser left with no subject (\"…,” screenwriter Ann Lee wrote\")",
    "inverted-subject": "the noun phrase right after an inverted verb (\"…,” said the senior official\")",
    "relative-pronoun": "the antecedent of a relative \"who\" (\"Ann Lee, who said …\"), kept as written",
    "issuer": "whoever puts out the document that speaks (\"Pence released a statement saying …\")",
    "participle-noun": "the noun a participle of saying describes (\"a sign saying …\")",
    "dateline-apposition": "the apposition after a dateline parsed as the subject (\"WASHINGTON -- President X …\")",
    "colon-person": "the last person named in a lead-in ending with a colon (\"… pollster Jane Roe: “…”\")",
    "according-to-object": "the object of \"according to\", also on a reporting verb (\"Lee said, according to a transcript\")",
    "noun-possessor": "the owner of a reporting noun (\"Pence's call for …\")",
    "noun-by-phrase": "the \"by\" phrase of a reporting noun (\"a demand by the senator that …\")",
    "noun-modifier": "a group, person or organisation modifying a reporting noun (\"Republican calls for …\")",
    "transcript-label": "the capitalised label of a transcript line (\"WALLACE: …\")",
    "headline-source": "the source before the colon of a headline (\"Poll: …\")",
    "split-quote": "the speaker of another piece of the same quotation in the paragraph",
    "previous-subject": "the person the sentence right before the quote is about",
}

from .settings import DISABLED  # noqa: E402  (rule names switched off; see `attribution.disabled_rules`)


def rule_on(name: str) -> bool:
    """Whether the named rule is switched on (not in `DISABLED`)."""
    return name not in DISABLED


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


class Regions(tuple):
    """Character ranges [start, end) (a paragraph's quotations, marks included), indexed
    so that `holds` bisects instead of scanning: a paragraph of thousands of
    quotations asks it once per token. Immutable, so the index never goes stale."""

    def __new__(cls, ranges=()):
        self = super().__new__(cls, ranges)
        order = sorted(self)
        self._starts = [s for s, _ in order]
        self._reach, top = [], None  # the furthest end of any range starting at or before each start
        for _, e in order:
            top = e if top is None or e > top else top
            self._reach.append(top)
        return self

    def holds(self, pos: int) -> bool:
        """Whether `pos` lies in one of the ranges."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos

    def covers(self, start: int, end: int) -> bool:
        """Whether one of the ranges holds all of [start, end)."""
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._reach[i] >= end


def inside(tok: Token, regions: list[tuple[int, int]]) -> bool:
    """Whether the token starts inside one of the character ranges `regions`."""
    if isinstance(regions, Regions):
        return regions.holds(tok.idx)
    return any(s <= tok.idx < e for s, e in regions)


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a reporting verb, following conjunctions,
    control verbs and relative clauses."""
    return _subject(verb)[0]


def _own_subject(verb: Token) -> tuple[Token | None, str]:
    """The verb's own subject, or the agent of a passive, with its rule name."""
    if rule_on("verb-subject"):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj, "verb-subject"
    if rule_on("passive-agent"):
        for child in verb.children:
            obj = next((o for o in child.children if o.dep_ == "pobj"), None) if child.dep_ == "agent" else None
            if obj is not None:
                return obj, "passive-agent"
    return None, ""


def _governing_verb(verb: Token) -> Token | None:
    """The verb whose subject `verb` shares, or None."""
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        # "X said the plan works and praised …": a verb coordinated with a
        # reported clause, with no subject of its own, belongs to the reporter.
        if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head.head.i != verb.head.i:
            return verb.head.head
        return verb.head
    # "…, saying: …" / "…, adding that …": a participle takes its clause's subject.
    if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        return _reporter(verb.head)
    # "won the crowd over by saying …": a gerund after "by", "after" … takes the subject of the verb it modifies.
    prep = verb.head
    if (rule_on("gerund-after-preposition") and verb.dep_ == "pcomp" and verb.tag_ == "VBG"
            and prep.lower_ in lx.GERUND_PREPS and prep.dep_ == "prep" and prep.head.pos_ in ("VERB", "AUX")
            and (_own_subject(prep.head)[0] is not None or _subject_controlled(prep.head))):
        return _reporter(prep.head)
    # "were more likely to say …", "quick to point out …": an adjective's infinitive takes the subject of its verb.
    if (rule_on("adjective-control") and verb.pos_ == "ADJ" and verb.dep_ == "acomp" and verb.head.i != verb.i
            and any(c.dep_ == "nsubj" for c in verb.head.children)):
        return verb.head
    return None


def _subject_controlled(verb: Token) -> bool:
    """'tried to win votes by promising …': a verb under a control verb with a
    subject and no object of its own ("tried", not "asked her to"), which
    lends the verb its subject; not under a wish ("hoped to …"), where
    nothing was said yet."""
    if not rule_on("gerund-through-control"):
        return False
    for _ in range(4):
        adjective = rule_on("adjective-control") and verb.dep_ == "acomp" and verb.pos_ == "ADJ"
        if (verb.dep_ != "xcomp" and not adjective) or verb.head.i == verb.i \
                or any(c.dep_ == "dobj" for c in verb.head.children):
            return False
        verb = verb.head
        if verb.lemma_.lower() in lx.WISH_VERBS or verb.lower_ in lx.WISH_VERBS:
            return False  # "hoped to save money by demanding …": nothing was said yet
        subj = _own_subject(verb)[0]
        if subj is not None:
            return subj.dep_ != "csubj"  # "Whether … is hard to say": a clause says nothing
    return False


def _reporter(verb: Token) -> Token:
    """The verb of saying whose reported clause `verb` heads ("said the plan failed,
    before adding …": "said"), or `verb` itself."""
    if rule_on("reported-clause-gerund") and verb.dep_ == "ccomp" and speech_verb(verb.head, lx.SPEECH_VERBS):
        return verb.head
    return verb


def _subject(verb: Token) -> tuple[Token | None, str]:
    """`subject_of` with the name of the rule that found the subject."""
    for _ in range(4):
        subj, rule = _own_subject(verb)
        if subj is not None:
            return subj, rule
        governing = _governing_verb(verb)
        if governing is not None:
            verb = governing
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            issuer = _issuer(verb.head)
            if issuer is not None:
                return issuer, "issuer"
            clause = _clause_of_object(verb)
            subj, rule = _subject(clause) if clause is not None else (None, "")
            if subj is not None:
                return subj, rule
            if rule_on("participle-noun"):
                return verb.head, "participle-noun"
        break
    return None, ""


def _clause_of_object(participle: Token) -> Token | None:
    """The verb of the clause whose subject a participle of saying belongs to
    when the parser hung it on that clause's object: "Lee drew crowds, warning
    …", "Lee opposes a formula called …". None when the object can itself
    carry the words (a document, a sign) or is a person the participle follows
    right on ("quoted Ann Lee saying …")."""
    noun = participle.head
    if participle.tag_ not in ("VBG", "VBN") or noun.lemma_.lower() in lx.DOCUMENT_NOUNS | lx.INSCRIBED_NOUNS:
        return None
    comma = participle.i > 0 and participle.doc[participle.i - 1].text == ","
    if noun.ent_type_ == "PERSON" and not comma:
        return None
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.pos_ in ("VERB", "AUX"):
        return noun  # "called for a vote, and then a count, declaring …": a noun hung on the verb
    governor = noun.head
    if noun.dep_ == "pobj" and governor.dep_ in ("prep", "dative"):
        governor = governor.head
    elif noun.dep_ not in ("dobj", "attr", "dative", "oprd"):
        return None
    return governor if governor.pos_ in ("VERB", "AUX") and governor.i != noun.i else None


def _issuer(noun: Token) -> Token | None:
    """Who put out a document: "Pence released a statement saying …" → Pence."""
    if not rule_on("issuer") or noun.lemma_.lower() not in lx.DOCUMENT_NOUNS or noun.dep_ != "dobj":
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


def _relayed_by(verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """"Lee said, according to a transcript": the words reach the reader
    through the object of "according to" on the verb, which is the source."""
    for child in verb.children:
        if child.lower_ == "according" and not inside(child, quotes):
            to = next((c for c in child.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return obj
    return None


def _name_before(verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """A verb the parser left with no subject ("…,” screenwriter Ann Lee
    wrote): the person named right before it, with nothing between but
    commas and that name's own apposition ("Ann Lee, a city spokeswoman, said")."""
    doc = verb.doc
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # a participle or infinitive has its subject elsewhere
    names = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= verb.i and e.start >= verb.sent.start]
    if not names or inside(names[-1].root, quotes):
        return None
    name = names[-1].root
    if any(t.dep_ in lx.CLAUSE_DEPS for t in [name, *name.ancestors] if t.i != verb.i and not t.is_ancestor(verb)):
        return None  # "In criticizing Ann Lee, hints …": the name belongs to another clause
    between = doc[names[-1].end: verb.i]
    if all(t.text == "," or name.is_ancestor(t) for t in between):
        return name
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
    return tok.dep_ == "appos" and tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text in lx.ASIDE_MARKS


def _speaker_span(head: Token, quotes: list[tuple[int, int]], stop: int | None = None) -> tuple[Span, Token]:
    """The words naming a source around `head`, and the head itself, which
    may move onto a name ("President Obama" parsed with the title as head)."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    last = head.right_edge.i if stop is None or stop <= head.i else min(head.right_edge.i, stop - 1)
    for tok in doc[head.i + 1: last + 1]:
        if tok.text in lx.SPEAKER_STOPS or _aside(tok) or inside(tok, quotes):
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


def who_from(head: Token, quotes: list[tuple[int, int]], stop: int | None = None, rule: str = "") -> Who:
    """Describe the noun phrase around `head`, cut before appositions and
    clauses; `rule` names the way the phrase was found."""
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
        definite=bool(lowered) and lowered[0] in lx.DEFINITE,
        role=role,
        reason=_anonymity_reason(head, span, quotes),
        name_tokens=name,
        rule=rule,
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
    """Whether the token is a verb with one of the lemmas `words`, or one the parser took
    for a noun right after a closing mark ("“… now!” reply Ann and Bo": rule `verb-after-quote`)."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok.lemma_.lower() in words
    doc = tok.doc
    # The quotation ends as an attributed one does ("…!”", "…,”") and a name or a noun phrase follows.
    return tok.pos_ == "NOUN" and tok.is_lower and tok.lower_ in words and tok.i >= 2 \
        and doc[tok.i - 1].text in lx.CLOSE_MARKS and doc[tok.i - 2].text in (",", "!", "?") \
        and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("PROPN", "DET") and rule_on("verb-after-quote")


def _relative_source(pronoun: Token, quotes: list[tuple[int, int]]) -> Who | None:
    """'Ann Lee, who said …': the antecedent as the source, the pronoun as written."""
    antecedent = pronoun.head.head
    issuer = _issuer(antecedent)
    if issuer is not None and not inside(issuer, quotes):
        return who_from(issuer, quotes, rule="issuer")  # "Sanders released an ad that urges …"
    if inside(antecedent, quotes):
        return None
    who = who_from(antecedent, quotes, rule="relative-pronoun")
    return dataclasses.replace(who, relative=(pronoun.text, pronoun.idx, pronoun.idx + len(pronoun)))


def _is_relative(subj: Token) -> bool:
    return subj.tag_ in ("WP", "WDT") and subj.head.dep_ == "relcl" and subj.head.head.i != subj.head.i


def _dateline_apposition(subj: Token) -> Token | None:
    """A dateline parsed as the subject ("WASHINGTON -- President X … said"): the apposition."""
    doc = subj.doc
    if subj.i + 1 < len(doc) and doc[subj.i + 1].text in lx.DATELINE_DASHES and subj.text.isupper():
        return next((c for c in subj.children if c.dep_ == "appos"), None)
    return None


def _right_after_quote(verb: Token) -> bool:
    """'“…,” reply Ann and Bo': the verb follows a closing mark (and a comma),
    so a noun phrase the parser took for its object is its subject."""
    i = verb.i - 1
    if i > verb.sent.start and verb.doc[i].text == ",":
        i -= 1
    return i >= verb.sent.start and verb.doc[i].text in lx.CLOSE_MARKS


def who_of_verb(verb: Token, quotes: list[tuple[int, int]]) -> Who | None:
    """The source of a reporting verb outside the quotation marks `quotes`, or None."""
    relayed = _relayed_by(verb, quotes)
    if relayed is not None:
        return who_from(relayed, quotes, rule="according-to-object")
    subj, rule = _subject(verb)
    if subj is not None and _is_relative(subj) and rule_on("relative-pronoun"):
        return _relative_source(subj, quotes)
    objectless = not any(c.dep_ == "dobj" for c in verb.children) or (
        rule_on("object-after-quote") and _right_after_quote(verb))
    if (subj is None or inside(subj, quotes)) and objectless:
        inverted = _inverted_subject(verb, quotes) if rule_on("inverted-subject") else None
        subj, rule = inverted, "inverted-subject"
        if subj is None and rule_on("name-before"):
            subj, rule = _name_before(verb, quotes), "name-before"
    if subj is None or inside(subj, quotes):
        return None
    appos = _dateline_apposition(subj) if rule_on("dateline-apposition") else None
    if appos is not None:
        subj, rule = appos, "dateline-apposition"
    # "It said that …" names a document or organisation met before; "it is said" does not.
    if subj.lower_ == "it" and (subj.dep_ != "nsubj" or subj.head.i != verb.i or verb.lemma_.lower() not in lx.SAY_VERBS):
        return None
    if subj.lower_ in lx.NOT_SOURCES:
        return None
    return who_from(subj, quotes, stop=verb.i, rule=rule)
