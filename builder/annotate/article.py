"""Annotate one article: its quotes, their speakers and its named mentions.

`annotate()` is a pure function of the article text and the pipeline: it
never looks at other articles.
"""
from __future__ import annotations

import bisect
import dataclasses
import logging
import re

from spacy.language import Language

from ..records import Article, Mention, Span
from .. import lexicon as lx
from .attribution import attribute_paragraph
from .marks import find_quoted
from ..names import clean_name, is_junk, looks_like_name
from .attribution import Candidate
from .resolve import Group, Person, SpeakerResolver, name_gender, to_quote
from .rules.direct import lead_in_paragraph
from .speakers import Regions, Who

log = logging.getLogger("builder.annotate")

MENTION_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
_MAX_PARAGRAPH = 20_000
# A wire story's dateline at the start of a paragraph: a place in capitals or a place
# and its news agency, then a dash ("ORLANDO, Fla. (Reuters) - ", "Washington (AFP) – ").
_DATELINE = re.compile(r"(?:[A-Z]{2}[A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
                       r"(?:\s*\([A-Z][\w .&/-]{1,30}\))?"
                       r"|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
                       r"\s*\([A-Z][\w .&/-]{1,30}\))\s*[-–—―]+\s+(?=[A-Z“\"])")
# The most text spaCy parses in one batch: a batch of long pieces (a one-paragraph article of
# a megabyte is fifty of them) would otherwise hold the model's arrays for all their words at once.
_BATCH_CHARS = 100_000


def _mentions(doc, offset: int, speaker_spans: Regions) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in MENTION_LABELS:
            continue
        start, end = offset + ent.start_char, offset + ent.end_char
        prev = doc[ent.start - 1].lower_ if ent.start else ""
        found.append(Mention(
            text=ent.text, start=start, end=end, label=ent.label_,
            speaker=speaker_spans.covers(start, end),
            titled=prev in lx.TITLES, head=ent.root.lower_,
        ))
    return found


def _people(doc, offset: int, para: int, regions: Regions) -> list[Person]:
    """PERSON names outside quotation marks (`regions`): the candidates for 'he' and 'she'."""
    spans = [(ent, False) for ent in doc.ents if ent.label_ == "PERSON"]
    # Proper-noun subjects the model did not tag as people ("Sanders said"); one
    # tagged as an organisation is doubtful unless it speaks.
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.ent_type_ in ("", "ORG") and (tok.pos_ == "PROPN" or tok.text.istitle()):
            left = tok.i
            while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].dep_ == "compound" and doc[left - 1].lower_ not in lx.TITLES:
                left -= 1
            # A name the parser took for an organisation, or a capitalised common noun
            # ("Sanders supports" parsed as a plural noun), is doubtful.
            doubtful = tok.pos_ != "PROPN" or bool(tok.ent_type_) and tok.head.lemma_.lower() not in lx.SPEECH_VERBS
            spans.append((doc[left: tok.i + 1], doubtful))
    found = []
    for ent, doubtful in spans:
        if regions.holds(ent.start_char):
            continue
        prev = doc[ent.start - 1].text if ent.start else ""
        found.append(Person(
            text=ent.text, start=offset + ent.start_char, end=offset + ent.end_char, para=para,
            sent=offset + ent.sent.start_char, subject=ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.head.dep_ in ("nsubj",) and ent.root.dep_ in ("appos", "compound"),
            gender=name_gender(prev, ent.text), head=ent.root.lower_, doubtful=doubtful,
        ))
    lead = _headline_lead(doc, offset, para) if para == 0 else None
    if lead is not None and not any(p.start == lead.start for p in found):
        found.append(lead)
    return sorted(found, key=lambda p: p.start)


def _headline_lead(doc, offset: int, para: int) -> Person | None:
    """The capitalised word that opens an article's first line, which a headline makes its subject
    however the parser read it ("Lee fires up base"): doubtful, so a person only when named as one
    elsewhere in the article."""
    first = doc[0] if len(doc) else None
    if first is None or not (first.is_alpha and first.text.istitle()) or first.ent_type_ not in ("", "PERSON", "ORG"):
        return None
    if first.lower_ in lx.NOT_NAMES or first.lower_ in lx.TITLES or first.is_stop:
        return None
    return Person(text=first.text, start=offset + first.idx, end=offset + first.idx + len(first), para=para,
                  sent=offset + first.sent.start_char, subject=True, gender=None, head=first.lower_, doubtful=True)


def _group_kind(tok) -> str | None:
    """"group" or "organization" when a subject names people in the plural or a
    body of them ("Senate Democrats", "the campaign"); None otherwise."""
    lemma, word = tok.lemma_.lower(), tok.lower_
    if tok.ent_type_ == "NORP" or word in lx.GROUP_PLURALS or lemma in lx.GROUP_NOUNS:
        return "group"
    if tok.ent_type_ == "ORG" and tok.pos_ == "PROPN" or lemma in lx.ORG_NOUNS:
        return "organization"
    if tok.tag_ in ("NNS", "NNPS") and (word in lx.ANONYMOUS_NOUNS or word in lx.ROLE_NOUNS):
        return "group"
    return None


def _clause_verb(tok):
    """The verb whose clause holds `tok`, or None."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _groups(doc, offset: int, para: int, regions: Regions) -> list[Group]:
    """Subjects naming groups or organisations outside quotation marks (`regions`), and objects naming
    people in the plural ("drove her critics away") with the verb of their clause: the candidates for "they"."""
    found = []
    for tok in doc:
        subject = tok.dep_ in ("nsubj", "nsubjpass")
        plural_object = tok.dep_ in ("dobj", "pobj", "dative") and tok.tag_ in ("NNS", "NNPS")
        kind = _group_kind(tok) if subject or plural_object else None
        verb = None if subject else _clause_verb(tok)
        if kind is None or not subject and (kind != "group" or verb is None):
            continue
        if regions.holds(tok.idx):
            continue
        left = tok.left_edge.i
        while left < tok.i and (doc[left].is_punct or doc[left].pos_ in ("CCONJ", "ADP")):
            left += 1
        span = doc[left: tok.i + 1]
        found.append(Group(text=span.text, start=offset + span.start_char, end=offset + span.end_char, para=para,
                           sent=offset + tok.sent.start_char, subject=subject, kind=kind, head=tok.lower_,
                           clause=offset + verb.idx if verb is not None else -1))
    return found


def _drop_unfinished(parsed, article: Article) -> None:
    """An unclosed quote runs on only into a paragraph that opens with a
    quotation mark; otherwise its mark was a stray and the quote is dropped."""
    for i, (number, para, cands, _) in enumerate(parsed):
        following = parsed[i + 1][1] if i + 1 < len(parsed) else None
        opens = following is not None and article.text[following.start:following.start + 2].startswith(lx.CONTINUATION_OPENERS)
        if not opens and any(c.open_end for c in cands):
            log.warning("%s: paragraph %d has an unclosed quotation mark; its quote is skipped", article.source, number + 1)
            cands[:] = [c for c in cands if not c.open_end]


def _carry_back(parsed) -> None:
    """A quote running over paragraphs is attributed at its end: give the
    earlier paragraphs' pieces that attribution."""
    for i in range(len(parsed) - 2, -1, -1):
        cands, following = parsed[i][2], parsed[i + 1][2]
        opener = next((c for c in following if c.kind == "direct" and c.opens_paragraph), None)
        if opener is None or opener.who is None:
            continue
        for cand in cands:
            if cand.kind == "direct" and cand.open_end and cand.who is None:
                cand.who = dataclasses.replace(opener.who, rule="carry-back")
                cand.cue, cand.continues, cand.rule = opener.cue, False, "carry-back"


def annotate(article: Article, nlp: Language) -> Article:
    """Return the article with its quotes and mentions filled in."""
    paragraphs = [_after_dateline(article.text, piece) for p in article.paragraphs for piece in _pieces(article.text, p)]
    docs = _parse(nlp, [article.text[p.start:p.end] for p in paragraphs])
    parsed = []
    mentions: list[Mention] = []
    people: list[Person] = []
    groups: list[Group] = []
    lead: Who | None = None  # the source a paragraph ending with a colon gives the next one
    for number, (para, doc) in enumerate(zip(paragraphs, docs)):
        quoted, unbalanced = find_quoted(doc.text)
        if unbalanced:
            log.info("%s: paragraph %d has unbalanced quotation marks", article.source, number + 1)
        try:
            cands = [_shifted(c, para.start) for c in attribute_paragraph(doc, quoted)]
            for cand in cands:
                if lead is not None and cand.kind == "direct" and cand.opens_paragraph and cand.who is None:
                    cand.who, cand.rule = lead, "lead-in-paragraph"
            found = lead_in_paragraph(doc, quoted)
            lead = _shifted_who(found, para.start) if found is not None else None
        except Exception:  # one confusing paragraph must not lose the article
            log.warning("%s: paragraph %d could not be attributed; skipped", article.source, number + 1, exc_info=log.isEnabledFor(logging.DEBUG))
            cands, lead = [], None
        speakers = Regions((c.who.start, c.who.end) for c in cands if c.who)
        mentions.extend(_mentions(doc, para.start, speakers))
        outside = Regions((q.outer_start, q.outer_end) for q in quoted)
        people.extend(_people(doc, para.start, number, outside))
        groups.extend(_groups(doc, para.start, number, outside))
        sents = [para.start + s.start_char for s in doc.sents]
        parsed.append((number, para, cands, sents))
    _drop_unfinished(parsed, article)
    _carry_back(parsed)
    resolver = SpeakerResolver(mentions, people, groups)
    quotes = []
    for number, para, cands, sents in parsed:
        for cand in cands:
            where = cand.who.start if cand.who else cand.start
            at = bisect.bisect_right(sents, where)  # `sents` is in text order
            sent = sents[at - 1] if at else para.start
            speaker = resolver.speaker(cand, number, sent)
            if cand.kind == "source":
                continue
            quotes.append(to_quote(cand, text=article.text, number=len(quotes) + 1, speaker=speaker))
    mentions = sorted(mentions + _speaker_mentions(quotes, mentions), key=lambda m: (m.start, m.end))
    return dataclasses.replace(article, quotes=tuple(quotes), mentions=tuple(mentions))


def _after_dateline(text: str, para: Span) -> Span:
    """A paragraph without the dateline that opens it, which is not parsed: the place that
    opens a wire story is not the subject of its first sentence ("ORLANDO, Fla. (Reuters) - Obama said")."""
    m = _DATELINE.match(text, para.start, para.end)
    return Span(m.end(), para.end) if m and m.end() < para.end else para


def _parse(nlp: Language, texts: list[str], budget: int = _BATCH_CHARS):
    """The parsed `texts`, in order, handed to spaCy a batch of at most `budget` characters
    at a time (an article shorter than that is one call, as before): memory stays that of
    the batch, however the article is cut into paragraphs."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > budget:
            yield from nlp.pipe(batch)
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    yield from nlp.pipe(batch)


def _pieces(text: str, para: Span, limit: int = _MAX_PARAGRAPH) -> list[Span]:
    """A paragraph longer than `limit` characters, cut for parsing at sentence ends
    outside quotations (a quotation longer than `limit` stays whole in its piece, up to
    `_MAX_PIECE`; at a space when a sentence is longer still): annotated whole, never truncated."""
    if para.end - para.start <= limit:
        return [para]
    quoted = [(para.start + q.outer_start, para.start + q.outer_end)
              for q in find_quoted(text[para.start:para.end])[0] if q.outer_start >= 0 and q.outer_end >= 0]
    starts = [s for s, _ in quoted]
    pieces, start = [], para.start
    while para.end - start > limit:
        end = _cut(text, start, limit, para.end, quoted, starts)
        pieces.append(Span(start, len(text[:end].rstrip())))
        start = end + len(text[end:para.end]) - len(text[end:para.end].lstrip())
    pieces.append(Span(start, para.end))
    return [p for p in pieces if p.end > p.start]


_SENTENCE_END = re.compile("|".join(re.escape(e) for e in lx.SENTENCE_ENDS))
_MAX_PIECE = 500_000  # a quotation longer still is cut like a sentence (spaCy parses at most 1,000,000)


def _quotation_at(pos: int, quoted: list[tuple[int, int]], starts: list[int]) -> tuple[int, int] | None:
    """The quotation (its marks' offsets) that `pos` falls strictly inside, if any."""
    i = bisect.bisect_left(starts, pos) - 1
    return quoted[i] if i >= 0 and quoted[i][0] < pos < quoted[i][1] else None


def _cut(text: str, start: int, limit: int, para_end: int, quoted: list[tuple[int, int]],
         starts: list[int]) -> int:
    """Where the piece that begins at `start` ends: the last sentence end of the next `limit`
    characters outside a quotation; else past the quotation that crosses the limit, at
    the first sentence end after it; else (a sentence longer than `limit`) at a space."""
    window_end = start + limit
    for found in reversed([m.end() for m in _SENTENCE_END.finditer(text, start, window_end)]):
        if found - start < limit // 4:
            break
        if _quotation_at(found, quoted, starts) is None:
            return found
    crossing = _quotation_at(window_end, quoted, starts)
    if crossing is not None and crossing[1] - start <= _MAX_PIECE:
        after = _SENTENCE_END.search(text, crossing[1], para_end)
        return after.end() if after else para_end
    window = text[start:window_end]
    cut = max(window.rfind(end) + len(end) for end in lx.SENTENCE_ENDS)
    if cut < limit // 2:
        cut = window.rfind(" ") + 1 or limit
    return start + cut


def _shifted_who(who: Who, offset: int) -> Who:
    rel = who.relative
    return dataclasses.replace(who, start=who.start + offset, end=who.end + offset,
                               relative=(rel[0], rel[1] + offset, rel[2] + offset) if rel else None)


def _shifted(cand: Candidate, offset: int) -> Candidate:
    """The candidate with article offsets in place of paragraph offsets: the one place they change."""
    who = _shifted_who(cand.who, offset) if cand.who is not None else None
    return dataclasses.replace(
        cand, start=cand.start + offset, end=cand.end + offset, who=who,
        cue=(cand.cue[0], cand.cue[1] + offset, cand.cue[2] + offset) if cand.cue else None,
        fragments=[(s + offset, e + offset) for s, e in cand.fragments],
    )


def _speaker_mentions(quotes: list, mentions: list[Mention]) -> list[Mention]:
    """A mention for each named source the model tagged no entity for
    ("Sanders said" with "Sanders" untagged), so every speaker can become an actor."""
    taken = _Taken((m.start, m.end) for m in mentions if not is_junk(clean_name(m.text)))
    added = []
    for q in quotes:
        sp = q.speaker
        if sp.kind not in ("named", "organization") or not sp.name:
            continue
        if taken.meets(sp.name_start, sp.name_end):
            continue
        if not looks_like_name(sp.name):
            continue
        label = "PERSON" if sp.kind == "named" else "ORG"
        added.append(Mention(text=sp.name, start=sp.name_start, end=sp.name_end, label=label,
                             speaker=True, head=sp.head))
        taken.add(sp.name_start, sp.name_end)
    return added


class _Taken:
    """The character ranges [start, end) of the mentions so far. `meets(start, end)` says
    whether one holds `start` or starts inside [start, end), by bisection while the
    ranges do not overlap (the model's entities never do, and `_speaker_mentions` adds
    only ranges that meet none), else by a scan: a long article asks once per quote."""

    def __init__(self, ranges) -> None:
        self.ranges = sorted(ranges)
        self.starts = [s for s, _ in self.ranges]
        self.disjoint = all(e <= s for (_, e), (s, _) in zip(self.ranges, self.ranges[1:]))

    def meets(self, start: int, end: int) -> bool:
        if not self.disjoint:
            return any(s <= start < e or start <= s < end for s, e in self.ranges)
        i = bisect.bisect_right(self.starts, start) - 1  # the one range that may hold `start`
        if i >= 0 and self.ranges[i][1] > start:
            return True
        j = bisect.bisect_left(self.starts, start)  # the first range starting at or after `start`
        return j < len(self.starts) and self.starts[j] < end

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_left(self.ranges, (start, end))
        self.ranges.insert(at, (start, end))
        self.starts.insert(at, start)
        if self.disjoint:
            self.disjoint = (at == 0 or self.ranges[at - 1][1] <= start) and (
                at + 1 == len(self.ranges) or end <= self.ranges[at + 1][0])
