"""Quotes that travel: the same words quoted in several articles, grouped once across the corpus.

Two quotes are the same quote when their words are, case, punctuation and the kind of
quotation marks aside, or nearly so: one may leave out the start or the end of the
other (a trimmed clause, a truncation), and up to MAX_CHANGED words may differ
(changed, left out or added; at most one per WORDS_PER_CHANGE words of the shorter).
Only the speaker's words count: direct quotes, and the quoted fragments of partial
ones. A reported statement is the reporter's wording and is never grouped.

Finding which quotes to compare grows about linearly with the number of quotes, never
with all pairs: quotes with the same words fall together at once; any other quote is
compared with the CANDIDATES quotes that share the most runs of ANCHOR_WORDS words with
it (runs that hold a word beyond the common ones), and the CANDIDATES that share the
most bands of their MinHash sketches (datasketch; sets of words without the common
ones, so Jaccard similarity about 0.3 or more). Each pair found is checked word by word
(difflib) before it is joined. A quote of fewer than MIN_WORDS words is never grouped:
"fake news" or "no comment" would chain unrelated articles together.

Each group lists its appearances earliest first (by date, undated last, then by article
id): the first is the "earliest in this corpus", not an origin, since the corpus holds
only what it holds. Every later one carries its words marked against that earliest
version. The same input gives the same groups, in the same order, with the same ids.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from . import lexicon as lx
from .outlets import outlet_of
from .records import Appearance, Article, Quote, QuoteGroup, WordState

MIN_WORDS = 6  # a shorter quote is never grouped
MAX_CHANGED = 3  # words that may differ between two quotes of a group...
WORDS_PER_CHANGE = 4  # ...at most one per this many words of the shorter
PART_SHARE = 0.4  # a part of a longer quote joins it when it holds at least this share of its words,
PART_WORDS = 12  # or at least this many of them
ANCHOR_WORDS = 4  # a shared run of this many words makes two quotes worth comparing
BANDS, ROWS = 21, 3  # MinHash bands and values per band: a Jaccard similarity of 0.3 pairs quotes half the time
WINDOW = 10  # in a run or band many quotes share, each is paired with this many after it
CANDIDATES = 10  # each way of finding pairs compares a quote with at most this many others
SEED = 1  # fixed: the same quotes always give the same candidates
GROUPED_KINDS = ("direct", "partial")

_WORD = re.compile(r"\w+(?:'\w+)*")
_EDGE = re.compile(r"^\W+|\W+$")


@dataclass(frozen=True)
class _Item:
    """A quote worth grouping: where it is, and its words (as shown and as compared)."""

    order: tuple[str, str, int, str]  # (date or "~" when undated, article id, start, quote id)
    article: Article
    quote: Quote
    shown: tuple[str, ...]  # the quoted words as written, split at spaces
    tokens: tuple[str, ...]  # the words as compared: case and marks folded, punctuation dropped
    owner: tuple[int, ...]  # for each token, the shown word it comes from


def _quoted_words(article: Article, q: Quote) -> str:
    """The speaker's own words of a quote: a direct quote's text, a partial quote's
    quoted fragments joined by an ellipsis."""
    if q.kind == "partial" and q.fragments:
        return " … ".join(article.text[f.start:f.end] for f in q.fragments)
    return q.text


def _tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
    shown = tuple(text.split())
    tokens, owner = [], []
    for n, word in enumerate(shown):
        for token in _WORD.findall(word.translate(lx.MARK_FOLDS).casefold()):
            tokens.append(token)
            owner.append(n)
    return shown, tuple(tokens), tuple(owner)


def _items(articles: Iterable[Article]) -> list[_Item]:
    items = []
    for art in articles:
        date = str(art.metadata.get("date") or "") or "~"  # "~" sorts after every ISO date
        for q in art.quotes:
            if q.kind not in GROUPED_KINDS:
                continue
            shown, tokens, owner = _tokens(_quoted_words(art, q))
            if len(tokens) >= MIN_WORDS:
                items.append(_Item((date, art.id, q.start, q.id), art, q, shown, tokens, owner))
    return sorted(items, key=lambda item: item.order)


class _Sets:
    """Union-find over distinct quotes, by index; the smaller index is the root."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, n: int) -> int:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _closest(postings: Iterable[list[int]]) -> Iterator[tuple[int, int]]:
    """For each quote, the CANDIDATES others that share the most postings with it (runs of
    words, MinHash bands). In a posting each quote is paired with the WINDOW after it
    only, so a posting thousands of quotes share costs thousands of pairs, not millions."""
    shared: dict[int, Counter[int]] = defaultdict(Counter)
    for found in postings:
        for i, a in enumerate(found):
            for b in found[i + 1:i + 1 + WINDOW]:
                shared[a][b] += 1
                shared[b][a] += 1
    for a in sorted(shared):
        for b, _ in sorted(shared[a].items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]:
            yield a, b


def _anchor_pairs(keys: list[tuple[str, ...]]) -> Iterator[tuple[int, int]]:
    """Quotes that share runs of ANCHOR_WORDS words, each run holding a word beyond the common ones."""
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for n, tokens in enumerate(keys):
        for run in {tokens[i:i + ANCHOR_WORDS] for i in range(len(tokens) - ANCHOR_WORDS + 1)}:
            if any(t not in lx.COMMON_WORDS for t in run):  # "going to be a" links nothing
                holders[run].append(n)
    return _closest(found for found in holders.values() if len(found) > 1)


def _content(tokens: tuple[str, ...]) -> set[str]:
    """The words of a quote that say what it is about: all but the common ones (all of
    them when fewer than three are left): the set MinHash compares."""
    found = {t for t in tokens if t not in lx.COMMON_WORDS}
    return found if len(found) >= 3 else set(tokens)


def _similar_pairs(keys: list[tuple[str, ...]]) -> Iterator[tuple[int, int]]:
    """Quotes whose sets of words are alike: datasketch's MinHash of each set, cut into
    BANDS bands of ROWS values; two quotes with a band the same are likely alike (Jaccard
    similarity about 0.3 or more), the more bands the likelier (locality-sensitive hashing)."""
    if len(keys) < 2:
        return iter(())
    from datasketch import MinHash  # imported when there is something to compare (it takes a second)

    sketches = MinHash.bulk([[t.encode() for t in _content(tokens)] for tokens in keys],
                            num_perm=BANDS * ROWS, seed=SEED)
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for n, sketch in enumerate(sketches):
        values = sketch.hashvalues
        for band in range(BANDS):
            buckets[(band, values[band * ROWS:(band + 1) * ROWS].tobytes())].append(n)
    return _closest(found for found in buckets.values() if len(found) > 1)


@dataclass(frozen=True)
class _Alignment:
    """How quote b's words line up with quote a's: b's words marked, the changes as
    (a's tokens, b's tokens) ranges, and the counts that decide whether they join."""

    states: tuple[WordState, ...]  # for each token of b
    changes: tuple[tuple[range, range], ...]
    changed: int  # words changed, left out or added inside the shared part
    matched: int  # words the two share
    unpaired: int  # words at a's start or end that b leaves out

    @property
    def trimmed(self) -> bool:
        return self.unpaired > 0


def _align(a: tuple[str, ...], b: tuple[str, ...], *, need: float = 0) -> _Alignment | None:
    """The best alignment of b with a (difflib's opcodes, the shared part chosen to change
    the fewest words: a word matched by chance at an edge is not taken as its start);
    None when they share fewer than `need` words."""
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    equal = [n for n, op in enumerate(ops) if op[0] == "equal"]
    if not equal or sum(ops[n][2] - ops[n][1] for n in equal) < need:
        return None
    found = [_aligned(a, b, ops, first, last) for first in equal[:3] for last in equal[-3:] if last >= first]
    return min(found, key=lambda al: (al.changed, -al.matched))


def _aligned(a: tuple[str, ...], b: tuple[str, ...], ops: list, first: int, last: int) -> _Alignment:
    """The alignment whose shared part runs from opcode `first` to opcode `last`. Inside it a
    difference is a change; outside it the words are paired outward from the shared part,
    a pair that differs is a changed word, and the rest is what one quote leaves out."""
    states: list[WordState] = ["same"] * len(b)
    changes: list[tuple[range, range]] = []
    changed = matched = 0
    for tag, i1, i2, j1, j2 in ops[first:last + 1]:
        if tag == "equal":
            matched += i2 - i1
        else:
            changes.append((range(i1, i2), range(j1, j2)))
            changed += max(i2 - i1, j2 - j1)
            states[j1:j2] = ["changed"] * (j2 - j1)
    unpaired = 0
    for a_edge, b_edge in ((range(ops[first][1] - 1, -1, -1), range(ops[first][3] - 1, -1, -1)),
                           (range(ops[last][2], len(a)), range(ops[last][4], len(b)))):
        run: list[tuple[int, int]] = []
        for i, j in zip(a_edge, b_edge):
            if a[i] == b[j]:
                matched += 1
                changes += [_run(run)] if run else []
                run = []
            else:
                changed += 1
                states[j] = "changed"
                run.append((i, j))
        changes += [_run(run)] if run else []
        paired = min(len(a_edge), len(b_edge))
        for j in b_edge[paired:]:
            states[j] = "extra"
        unpaired += len(a_edge) - paired
    return _Alignment(tuple(states), tuple(sorted(changes, key=lambda c: c[1].start)), changed, matched, unpaired)


def _run(pairs: list[tuple[int, int]]) -> tuple[range, range]:
    """Neighbouring changed pairs (index in a, index in b) as one change."""
    i, j = sorted(p[0] for p in pairs), sorted(p[1] for p in pairs)
    return range(i[0], i[-1] + 1), range(j[0], j[-1] + 1)


def _joins(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two quotes' words are the same quote: the shorter is all or part of the
    longer, sharing at least PART_SHARE of its words (or PART_WORDS) and MIN_WORDS - 1 in
    all, with few enough words changed; a word of the shorter beyond the longer's start or
    end counts as changed (see the module's docstring)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    need = max(min(PART_SHARE * len(long), PART_WORDS), MIN_WORDS - 1)
    allowed = min(MAX_CHANGED, len(short) // WORDS_PER_CHANGE)
    most = (_counts(short) & _counts(long)).total()  # the most words they could share: a quick no
    if most < need or len(short) - most > allowed:
        return False
    found = _align(short, long, need=need)
    return found is not None and found.matched >= need and found.changed + found.unpaired <= allowed


@functools.lru_cache(maxsize=4096)
def _counts(tokens: tuple[str, ...]) -> Counter[str]:
    return Counter(tokens)


def _components(items: list[_Item]) -> list[list[_Item]]:
    """The items joined into groups: same words at once, near ones after checking."""
    index: dict[tuple[str, ...], int] = {}
    keys: list[tuple[str, ...]] = []
    for item in items:
        if item.tokens not in index:
            index[item.tokens] = len(keys)
            keys.append(item.tokens)
    sets = _Sets(len(keys))
    checked: set[tuple[int, int]] = set()
    for pair in itertools.chain(_anchor_pairs(keys), _similar_pairs(keys)):
        a, b = min(pair), max(pair)
        if (a, b) in checked or sets.find(a) == sets.find(b):
            continue
        checked.add((a, b))
        if _joins(keys[a], keys[b]):
            sets.join(a, b)
    found: dict[int, list[_Item]] = defaultdict(list)
    for item in items:  # in order: each group's items come earliest first
        found[sets.find(index[item.tokens])].append(item)
    return [group for _, group in sorted(found.items())]


def _words(item: _Item, owners: set[int]) -> str:
    """These shown words of an item, without the punctuation at their ends."""
    return " ".join(_EDGE.sub("", item.shown[n]) or item.shown[n] for n in sorted(owners))


def _compare(earliest: _Item, item: _Item) -> tuple[tuple[tuple[str, WordState], ...], tuple[tuple[str, str], ...], bool]:
    """An item's shown words marked against the earliest version, its changes as (earlier
    words, later words), and whether it leaves out the start or end of that version."""
    found = _align(earliest.tokens, item.tokens)
    if found is None:  # joined through another appearance: shares no word with the earliest
        return tuple((w, "extra") for w in item.shown), (), True
    return _shown_states(item, list(found.states)), _shown_changes(earliest, item, found.changes), found.trimmed


def _shown_changes(earliest: _Item, item: _Item, changes: tuple[tuple[range, range], ...]
                   ) -> tuple[tuple[str, str], ...]:
    """The changes as shown words (earlier, later); changes within one shown word are one."""
    merged: list[tuple[set[int], set[int]]] = []
    for old, new in changes:
        words = ({earliest.owner[t] for t in old}, {item.owner[t] for t in new})
        if merged and (merged[-1][0] & words[0] or merged[-1][1] & words[1]):
            merged[-1][0].update(words[0])
            merged[-1][1].update(words[1])
        else:
            merged.append(words)
    return tuple((_words(earliest, old), _words(item, new)) for old, new in merged)


def _shown_states(item: _Item, state: list[WordState]) -> tuple[tuple[str, WordState], ...]:
    """Each shown word's state from its tokens': changed if any is, extra if all are; a word
    without tokens (a dash) takes the state of the word before it when that is extra."""
    by_word: dict[int, list[WordState]] = defaultdict(list)
    for t, s in enumerate(state):
        by_word[item.owner[t]].append(s)
    out: list[tuple[str, WordState]] = []
    for n, word in enumerate(item.shown):
        found = by_word.get(n)
        if not found:
            s: WordState = "extra" if out and out[-1][1] == "extra" else "same"
        else:
            s = "changed" if "changed" in found else "extra" if all(x == "extra" for x in found) else "same"
        out.append((word, s))
    return tuple(out)


def _appearance(item: _Item, earliest: _Item) -> Appearance:
    sp, meta = item.quote.speaker, item.article.metadata
    if item is earliest:
        words, changes, trimmed = tuple((w, "same") for w in item.shown), (), False
    else:
        words, changes, trimmed = _compare(earliest, item)
    return Appearance(article=item.article.id, quote=item.quote.id,
                      outlet=outlet_of(item.article) or None,
                      date=str(meta["date"]) if meta.get("date") else None,
                      speaker=sp.name or sp.text, actor=sp.actor, words=words, changes=changes, trimmed=trimmed)


def _group_id(article_id: str, quote_id: str) -> str:
    """A group's id, from its earliest quote: stable while that quote stays the earliest."""
    return "g-" + hashlib.sha1(f"{article_id}/{quote_id}".encode()).hexdigest()[:10]


def group_quotes(articles: Iterable[Article]) -> tuple[QuoteGroup, ...]:
    """Group the quotes of all articles that repeat across articles, the quotes in more
    articles first (then by their earliest appearance). Quotes repeated only within one
    article, and quotes of fewer than MIN_WORDS words, are in no group."""
    groups = []
    for members in _components(_items(articles)):
        if len({m.article.id for m in members}) < 2:
            continue
        earliest = members[0]
        groups.append((earliest.order, QuoteGroup(
            id=_group_id(earliest.article.id, earliest.quote.id),
            appearances=tuple(_appearance(m, earliest) for m in members))))
    return tuple(g for _, g in sorted(groups, key=lambda og: (-og[1].articles, og[0], og[1].id)))
