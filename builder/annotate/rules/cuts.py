"""Boundaries and cuts: where what was said starts and stops (the hearer, a
contrast, a second verb of saying, an aside set off by a comma), a report's
reach to a closing mark or bracket, and which of two overlapping candidates wins."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ... import lexicon as lx
from ..marks import Quoted
from ..speakers import rule_on as _on, speech_verb, trim
from .common import Candidate, Paragraph, position, subject_child


def complement_of(verb: Token) -> Token | None:
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


def is_adjunct(child: Token, keep: Token) -> bool:
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


def _another_verb(child: Token, head: Token, reporter: Token | None) -> bool:
    """'… and calls her …': a coordinated verb of saying with no subject of its
    own, the reporter's next statement ("… and will not release …" stays)."""
    return (child.dep_ == "conj" and speech_verb(child, lx.SPEECH_VERBS)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children))


def _reporter_returns(child: Token, head: Token, reporter: Token | None) -> bool:
    """'…, and she declined …': a coordinated clause about the reporter again."""
    return (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
            and _same_speaker(subject_child(child), reporter) and not _same_speaker(subject_child(head), reporter)
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


def clause_end(head: Token, reporter: Token | None = None) -> int:
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


def reason_clause_end(verb: Token, end: int) -> int:
    """'said it left them out because …': a clause of reason or condition right after the
    complement, which the parser hung on the verb of saying, goes on with what was said."""
    doc = verb.doc
    for child in verb.rights:
        gap = doc[end + 1: child.left_edge.i]
        if (child.dep_ == "advcl" and child.left_edge.i > end and all(t.is_punct for t in gap) and len(gap) <= 1
                and any(c.dep_ == "mark" and c.lower_ in lx.REASON_MARKS for c in child.children)):
            return clause_end(child)
    return end


_HEARER_DEPS = ("dative", "dobj", "prep", "npadvmod", "advmod", "prt", "punct")


def skip_hearer(verb: Token, start: int) -> int:
    """'told reporters on Monday …': where the content starts after the hearer and circumstances."""
    for child in verb.rights:
        if child.left_edge.i != start or child.dep_ not in _HEARER_DEPS:
            break
        if child.dep_ == "dobj" and verb.lemma_.lower() == "say":
            break
        start = child.right_edge.i + 1
    return start


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


def trailing_aside(doc: Doc, s: int, e: int) -> int:
    """Where a report [s, e) ends when comments set off by commas run to its
    end ("he would release them, calling them “boring”"): before the first of them."""
    for k in range(e - 2, s + 2, -1):
        if doc[k].text != "," or k >= e:
            continue
        root = _aside_root(doc, k + 1, e)
        if root is not None and _set_off(root):
            e = trim(doc, s, k)[1]
    return e


def ends_within(q: Quoted, start: int, end: int, text: str, slack: int = 2) -> bool:
    """Whether a quoted fragment belongs to the report [start, end): it lies
    inside (up to `slack` characters past the end), or the report stops in it
    with only punctuation left before its closing mark (… like “Pryor.”)."""
    if q.start < start:
        return False
    return q.outer_end <= end + slack or (
        _on("close-quote") and q.start < end and not any(ch.isalnum() for ch in text[end:q.end]))


def inner_fragments(p: Paragraph, start: int, end: int, slack: int) -> list[Quoted]:
    """Quoted fragments inside [start, end + slack) not yet taken by another report."""
    return [q for q in p.embedded if ends_within(q, start, end, p.text, slack) and q not in p.consumed]


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the first of two overlapping candidates, preferring direct quotes."""
    order = sorted(cands, key=lambda c: (c.kind != "direct", c.kind != "partial", c.start))
    kept: list[Candidate] = []
    for c in order:
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=position)


def overlap_pass(p: Paragraph) -> None:
    """Of two overlapping candidates keep the direct quote, then the partial, then the first."""
    p.out = _drop_overlaps(sorted(p.out, key=position))


def _to_closing_mark(p: Paragraph, c: Candidate) -> None:
    """A partial quote that stops inside a quotation with only punctuation left
    before its closing mark runs on to the mark (… engage in “more learning.”)."""
    if c.kind != "partial":
        return
    for q in p.marks:
        if c.start <= q.outer_start and q.start < c.end < q.outer_end and not q.open_end \
                and not any(ch.isalnum() for ch in p.text[c.end:q.end]):
            c.end = q.outer_end


def reach_closers(p: Paragraph) -> None:
    """Each candidate that stops inside a quotation runs on to its closing mark
    (`close-quote`), and a report that opened a bracket takes its closing one (`close-bracket`)."""
    for c in p.out:
        if _on("close-quote"):
            _to_closing_mark(p, c)
        if _on("close-bracket") and c.kind != "direct" and p.text[c.end:c.end + 1] == ")" \
                and p.text.count("(", c.start, c.end) > p.text.count(")", c.start, c.end):
            c.end += 1  # … attack Sen. Marco Rubio (R-Fla.)


# The rules of this family that `disabled_rules` can switch off, with what they do.
RULES: dict[str, str] = {
    "overlap": "of two overlapping candidates keep the direct quote, then the partial one, then the first",
    "skip-hearer": "\"told reporters on Monday …\": the hearer and circumstances are not what was said",
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
    "close-bracket": "a report that stops just before the closing bracket of one it opened takes the bracket"
                     " (\"… Sen. Ann Lee (D-Ore.)\")",
    "close-quote": "a report that stops inside a quotation runs on to its closing mark (can \"stir the pot.\")",
    "trailing-aside-cut": "a report stops before a relative clause or participle set off by a comma at its end"
                          " (\"…, who also spoke\", \"…, citing polls\")",
    "aside-participle-of-saying": "of the participles set off at a report's end, only one of saying is cut"
                                  " (\"…, citing polls\"); another goes on with what was said (\"…, allowing …\")",
    "aside-time-clause": "a report stops before a clause with \"when\" or \"as\" set off by a comma at its end"
                         " (\"…, when voters head to the polls\", \"…, even as he …\")",
    "which-clause-kept": "a closing \", which …\" clause about a thing stays in the report (the trailing-aside"
                         " cut leaves it)",
    "adjunct-cut": "phrases saying when or where (\"at a rally\", \"on Tuesday\") are not what was said",
}
