"""Reports after verbs, nouns and light verbs: "said the plan works", "Pence's call
for an audit", "expressed doubt that …"; and a source named by a passive agent
with no quote of its own."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ... import lexicon as lx
from ..marks import Quoted
from ..speakers import inside, rule_on as _on, speech_verb, trim, who_from, who_of_verb
from .common import Candidate, Paragraph, Range, Report, char_range, cue_of, overlaps, word_count
from .content import content_range
from .cuts import ends_within, is_adjunct, trailing_aside


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


def _verb_reports(doc: Doc, regions: list[Range]) -> Iterator[Report]:
    """(cue, content token range, source) for each reporting verb outside quotation marks."""
    verbs = lx.INDIRECT_VERBS | lx.TOPIC_VERBS | lx.AS_VERBS | lx.REFUSAL_VERBS | lx.COMMISSIVE_VERBS | frozenset(lx.TOPIC_PREPS)
    for tok in doc:
        if not (speech_verb(tok, verbs) or _verb_tagged_noun(tok, verbs)) or inside(tok, regions):
            continue
        found = content_range(tok, regions)
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
    return (_on("light-verb-preposition") and child.dep_ == "prep" and not is_adjunct(child, noun)
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


def _add_report(p: Paragraph, report: Report, rule: str) -> None:
    """Keep one reported statement, unless it is a direct quote's, too short,
    or has no source apart from its own content."""
    tok, (s, e), who = report
    e = trailing_aside(p.doc, s, e) if _on("trailing-aside-cut") else e
    if e <= s:
        return
    cstart, cend = char_range(p.doc, s, e)
    if overlaps(cstart, cend, p.standalone):
        return  # the complement is a direct quote: the direct pass takes it
    answer = p.text[cstart:cend].lower() in lx.ANSWER_WORDS  # "said yes"
    if word_count(p.text[cstart:cend]) < 2 and not answer or who is None or tok.idx < cstart <= who.start < cend:
        return
    inner = [q for q in p.embedded if ends_within(q, cstart, cend, p.text)]
    if inner:
        cend = max(cend, max(q.outer_end for q in inner))
        p.consumed.update(inner)
    p.used_verbs.add(tok.i)
    kind = "partial" if inner else "indirect"
    if rule == "verb-report" and _whole_quote(p, cstart, cend, inner):
        kind, cstart, cend = "direct", inner[0].start, inner[0].end  # every word is quoted: a direct quote
    p.out.append(Candidate(start=cstart, end=cend, kind=kind, who=who,
                           cue=cue_of(tok), fragments=[(q.start, q.end) for q in inner], rule=rule))


def _whole_quote(p: Paragraph, start: int, end: int, inner: list[Quoted]) -> bool:
    """Whether the report [start, end) holds nothing but one quoted clause with a
    subject of its own, its marks and punctuation (says “we won.”)."""
    if not _on("whole-quote-report") or len(inner) != 1 or not start <= inner[0].start < inner[0].end <= end:
        return False
    q = inner[0]
    if any(ch.isalnum() for ch in p.text[start:q.start] + p.text[q.end:end]):
        return False
    span = p.doc.char_span(q.start, q.end, alignment_mode="expand")
    return span is not None and any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in span)


def verb_report_pass(p: Paragraph) -> None:
    """A reporting verb and what it reports (`CONTENT_RULES`)."""
    for report in list(_verb_reports(p.doc, p.regions)):
        _add_report(p, report, "verb-report")


def noun_report_pass(p: Paragraph) -> None:
    """A reporting noun with its owner: "Pence's call for an audit"."""
    for report in list(_noun_reports(p.doc, p.regions)):
        _add_report(p, report, "noun-report")


def light_verb_report_pass(p: Paragraph) -> None:
    """A verb and noun that report together: "expressed doubt that …"."""
    for report in list(_light_verb_reports(p.doc, p.regions)):
        _add_report(p, report, "light-verb-report")


def agent_source_pass(p: Paragraph) -> None:
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


# The rules of this family that `disabled_rules` can switch off, with what they do.
RULES: dict[str, str] = {
    "verb-report": "a reporting verb and what it reports (\"said the plan works\", \"blamed X for Y\")",
    "noun-report": "a reporting noun with its owner (\"Pence's call for an audit\")",
    "light-verb-report": "a verb and noun that report together (\"expressed doubt that …\")",
    "light-verb-preposition": "a light verb's preposition after its noun belongs to the noun (\"voiced a wish for"
                              " …\", parsed onto the verb)",
    "agent-source": "a source named without a quote (\"as relayed by a senior official\") is remembered",
    "whole-quote-report": "a report whose every word is inside one quotation (says “we won.”) is a direct quote"
                          " of what is inside the marks",
    "verb-tagged-noun": "a reporting word tagged as a noun but with a subject and a clause of its own is a verb"
                        " (\"Lee claims she won\")",
}
