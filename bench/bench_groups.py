"""Quotes-that-travel benchmark: plant known repetitions in a real corpus and score the groups.

    python bench/bench_groups.py [--quotes gold|annotated] [--sources N] [--scale 10000 100000] [--json OUT]

The corpus is the 424 dev+train articles of ../shared/eval (outlet and date from each
article's id). Its quotes are either the hand-annotated direct quotes of the eval data
(`--quotes gold`, the default: no spaCy, a few seconds) or what Sourcebook's annotator
finds (`--quotes annotated`: `builder.build.collect` on the corpus written by
`corpus.py --as jsonl`; with the annotation cache in .cache/sourcebook, about 2 min).

Into that corpus the benchmark plants copies of N source quotes (default 300, at least
8 words, in no group before planting) into other articles of other outlets, so with
other dates: exact copies; changed case, punctuation and marks (curly and straight,
dashes); truncations (the first or last 40-85% of the words); one to three changed
words (at most one per four words, never side by side); a truncation with a changed
word; and copies given to a different speaker. Short quotes ("fake news", "No.") are
planted in 40 articles each, and must join no group.

It reports, over the planted quotes (a source and its copies form one gold group;
every other quote is alone):
- pairwise precision and recall of the pairs that hold a planted quote;
- B-cubed precision, recall and F1 (targets: F1 >= 0.95);
- the accuracy of the earliest appearance of each gold group (target >= 0.95);
- for the groups whose source is earliest, the word-level changes each copy reports
  against it: precision and recall of the (earlier word, later word) pairs, and the
  share of copies whose changes are all exactly right (no change for an exact copy,
  a truncation or a copy with other marks).
The groups found before planting (repetitions the corpus really holds) are counted and
shown, not scored. Then it times the grouping step (`builder.groups.group_quotes`) at
each `--scale` size, on quotes made by a word-bigram chain trained on the corpus (a
tenth of them planted copies), against a plain sort of the same quotes in the same run.

Prints a table, then as its last line one JSON object with the numbers.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.groups import MIN_WORDS, WORDS_PER_CHANGE, _tokens, group_quotes  # noqa: E402
from builder.read import paragraph_spans  # noqa: E402
from builder.records import Article, Quote, Speaker  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
if not EVAL.is_dir():
    EVAL = Path("/work/shared/eval")
SEED = 26
SHORT_QUOTES = ("fake news", "No.", "We’ll see.", "It’s a disgrace.", "Believe me.")
SHORT_COPIES = 40
KINDS = ("exact", "marks", "truncated", "changed", "trimmed-changed", "speaker")
_ID = re.compile(r"^(?P<outlet>[a-z-]+)_(?P<date>\d{4}-\d\d-\d\d)_")


# ---------------------------------------------------------------- the corpus

def gold_articles() -> list[Article]:
    """The 424 dev+train articles with their hand-annotated direct quotes."""
    found = []
    for split in ("dev", "train"):
        for line in (EVAL / f"{split}.jsonl").read_text("utf-8").splitlines():
            rec = json.loads(line)
            m = _ID.match(rec["id"])
            meta = {"outlet": m["outlet"], "date": m["date"]} if m else {}
            quotes = tuple(
                Quote(id=f"q{n}", start=q["start"], end=q["end"], text=q["text"], kind="direct",
                      speaker=Speaker(text=q["speaker"], start=q["speaker_start"], end=q["speaker_end"],
                                      kind="named", name=q["speaker"]))
                for n, q in enumerate(rec["quotes"], 1) if q["kind"] == "direct")
            found.append(Article(id=rec["id"], title=rec["id"], source=f"{split}.jsonl", text=rec["text"],
                                 paragraphs=paragraph_spans(rec["text"]), metadata=meta, quotes=quotes))
    return found


def annotated_articles() -> list[Article]:
    """The 424 articles as Sourcebook annotates them (cached in .cache/sourcebook)."""
    from builder.build import collect

    with tempfile.TemporaryDirectory(prefix="bench-groups-") as tmp:
        subprocess.run([sys.executable, str(EVAL / "corpus.py"), tmp, "--from", "all", "--as", "jsonl"],
                       check=True, stdout=subprocess.DEVNULL)
        corpus = collect([Path(tmp)], cache_dir=ROOT / ".cache" / "sourcebook", gender=False)
    return corpus.articles


# ---------------------------------------------------------------- variants

def marks(text: str, rng: random.Random) -> str:
    """The same words with other case, punctuation and marks."""
    if "’" in text or "“" in text or "—" in text:
        text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "--")
    else:
        text = text.replace("'", "’").replace("--", "—")
    text = rng.choice([str.lower, str.upper, lambda t: t[:1].swapcase() + t[1:]])(text)
    return text.rstrip(".") if text.endswith(".") else text.replace(",", "", 1) + "."


def truncated(words: list[str], rng: random.Random) -> tuple[list[str], bool]:
    """The first or the last 40-85% of the words (at least MIN_WORDS + 1); True when the end is kept."""
    keep = max(MIN_WORDS + 1, round(len(words) * rng.uniform(0.4, 0.85)))
    from_end = rng.random() < 0.5
    return (words[-keep:] if from_end else words[:keep]), from_end


def changed(words: list[str], k: int, vocabulary: list[str], rng: random.Random
            ) -> tuple[list[str], list[tuple[str, str]]]:
    """k words replaced by others from the vocabulary, never two side by side."""
    slots = [n for n, w in enumerate(words) if re.search(r"\w", w)]
    chosen: list[int] = []
    for n in rng.sample(slots, len(slots)):
        if all(abs(n - c) > 1 for c in chosen):
            chosen.append(n)
        if len(chosen) == k:
            break
    out, pairs = list(words), []
    for n in sorted(chosen):
        core = re.sub(r"^\W+|\W+$", "", words[n])
        new = rng.choice([v for v in rng.sample(vocabulary, 20) if v.casefold() != core.casefold()])
        out[n] = words[n].replace(core, new, 1) if core else new
        pairs.append((core, new))
    return out, pairs


def variant(q: Quote, kind: str, vocabulary: list[str], speakers: list[str], rng: random.Random
            ) -> tuple[str, str, list[tuple[str, str]]]:
    """A planted copy of a quote: its text, its speaker and the (old, new) word pairs changed."""
    words, speaker, pairs = q.text.split(), q.speaker.name, []
    if kind == "marks":
        return marks(q.text, rng), speaker, []
    if kind in ("truncated", "trimmed-changed"):
        words, _ = truncated(words, rng)
    if kind in ("changed", "trimmed-changed"):
        most = min(3, len(_tokens(" ".join(words))[1]) // WORDS_PER_CHANGE)
        words, pairs = changed(words, 1 if kind == "trimmed-changed" else rng.randint(1, most), vocabulary, rng)
    if kind == "speaker":
        speaker = rng.choice([s for s in speakers if s.casefold() != speaker.casefold()])
    return " ".join(words), speaker, pairs


# ---------------------------------------------------------------- planting

@dataclasses.dataclass
class Planted:
    clusters: dict[str, list[tuple[str, str]]]  # gold group → (article id, quote id) of each member
    changes: dict[tuple[str, str], tuple[str, list[tuple[str, str]]]]  # copy → (kind, planted word pairs)
    shorts: list[tuple[str, str]]


def plant(articles: list[Article], n_sources: int, rng: random.Random) -> tuple[list[Article], Planted]:
    before = group_quotes(articles)
    grouped = {(a.article, a.quote) for g in before for a in g.appearances}
    by_id = {a.id: a for a in articles}
    vocabulary = sorted({w for a in articles for w in re.findall(r"[A-Za-z]{3,}", a.text)})
    speakers = sorted({q.speaker.name for a in articles for q in a.quotes if q.speaker.name})
    seen, pool = set(), []
    for art in articles:
        for q in art.quotes:
            tokens = _tokens(q.text)[1]
            if q.kind == "direct" and len(tokens) >= 8 and (art.id, q.id) not in grouped and tokens not in seen:
                seen.add(tokens)
                pool.append((art, q))
    extra: dict[str, list[Quote]] = defaultdict(list)
    planted = Planted({}, {}, [])

    def put(article_id: str, text: str, speaker: str) -> tuple[str, str]:
        art, n = by_id[article_id], len(extra[article_id]) + 1
        start = len(art.text) + 10 * n  # after the text: planted quotes come last in their article
        q = Quote(id=f"planted{n}", start=start, end=start + len(text), text=text, kind="direct",
                  speaker=Speaker(text=speaker, start=0, end=0, kind="named", name=speaker))
        extra[article_id].append(q)
        return article_id, q.id

    for number, (art, q) in enumerate(rng.sample(pool, min(n_sources, len(pool)))):
        outlet = art.metadata.get("outlet")
        others = [a.id for a in articles if a.metadata.get("outlet") != outlet]
        members = [(art.id, q.id)]
        for target in rng.sample(others, rng.randint(1, 4)):
            kind = rng.choice(KINDS)
            text, speaker, pairs = variant(q, kind, vocabulary, speakers, rng)
            members.append(put(target, text, speaker))
            planted.changes[members[-1]] = (kind, pairs)
        planted.clusters[f"gold{number}"] = members
    for text in SHORT_QUOTES:
        for target in rng.sample(sorted(by_id), SHORT_COPIES):
            planted.shorts.append(put(target, text, rng.choice(speakers)))
    out = [dataclasses.replace(a, quotes=a.quotes + tuple(extra[a.id])) if a.id in extra else a for a in articles]
    return out, planted


# ---------------------------------------------------------------- scoring

def _order(by_id: dict[str, Article], member: tuple[str, str]) -> tuple:
    """Date order, undated last, then article id and place: the earliest in the corpus first."""
    art = by_id[member[0]]
    q = next(q for q in art.quotes if q.id == member[1])
    return (str(art.metadata.get("date") or "") or "~", art.id, q.start, q.id)


def _norm(words: str) -> str:
    return " ".join(_tokens(words)[1])


def score(articles: list[Article], planted: Planted, groups) -> dict:
    by_id = {a.id: a for a in articles}
    pred: dict[tuple[str, str], str] = {(a.article, a.quote): g.id for g in groups for a in g.appearances}
    members: dict[str, set] = defaultdict(set)
    for item, gid in pred.items():
        members[gid].add(item)
    gold = {m: cid for cid, ms in planted.clusters.items() for m in ms}
    items = sorted(gold)

    def predicted(item):
        return members[pred[item]] if item in pred else {item}

    # B-cubed over the planted quotes.
    bp = br = 0.0
    for item in items:
        p, g = predicted(item), set(planted.clusters[gold[item]])
        bp += len(p & g) / len(p)
        br += len(p & g) / len(g)
    bp, br = bp / len(items), br / len(items)
    # Pairwise, over the pairs that hold a planted quote.
    pred_pairs = {tuple(sorted((i, j))) for i in items for j in predicted(i) if j != i}
    gold_pairs = {tuple(sorted((i, j))) for ms in planted.clusters.values() for i in ms for j in ms if i < j}
    hits = len(pred_pairs & gold_pairs)
    # Earliest appearance, and the changes reported against it.
    earliest_ok, change_hits, change_pred, change_gold, exact_copies, copies = 0, 0, 0, 0, 0, 0
    by_group = {g.id: g for g in groups}
    for cid, ms in planted.clusters.items():
        first = min(ms, key=lambda m: _order(by_id, m))
        votes = defaultdict(int)
        for m in ms:
            if m in pred:
                votes[pred[m]] += 1
        group = by_group[max(sorted(votes), key=lambda k: votes[k])] if votes else None
        if group and (group.earliest.article, group.earliest.quote) == first:
            earliest_ok += 1
        if group is None or first != ms[0]:
            continue  # the words are scored against the source only where it is the earliest
        shown = {(a.article, a.quote): a for a in group.appearances}
        for m in ms[1:]:
            copies += 1
            want = {(_norm(o), _norm(n)) for o, n in planted.changes[m][1]}
            got = {(_norm(o), _norm(n)) for o, n in shown[m].changes} if m in shown else set()
            change_hits += len(want & got)
            change_pred += len(got)
            change_gold += len(want)
            exact_copies += want == got
    shorts_grouped = sum(1 for s in planted.shorts if s in pred)
    f1 = 2 * bp * br / (bp + br) if bp + br else 0.0
    return {
        "planted_groups": len(planted.clusters), "planted_quotes": len(items),
        "pairwise_precision": hits / len(pred_pairs) if pred_pairs else 1.0,
        "pairwise_recall": hits / len(gold_pairs) if gold_pairs else 1.0,
        "bcubed_precision": bp, "bcubed_recall": br, "bcubed_f1": f1,
        "earliest_accuracy": earliest_ok / len(planted.clusters),
        "change_precision": change_hits / change_pred if change_pred else 1.0,
        "change_recall": change_hits / change_gold if change_gold else 1.0,
        "copies_with_exact_changes": exact_copies / copies if copies else 1.0, "copies_scored": copies,
        "short_quotes_grouped": shorts_grouped,
    }


# ---------------------------------------------------------------- scale

def chain_quotes(articles: list[Article], n: int, rng: random.Random) -> list[Article]:
    """n quotes from a word-bigram chain trained on the corpus (a tenth planted copies of
    earlier ones), 20 to an article, with dates over a year and seven outlets."""
    follow: dict[str, list[str]] = defaultdict(list)
    starts = []
    for art in articles:
        words = art.text.split()
        for a, b in zip(words, words[1:]):
            follow[a].append(b)
        starts += [b for a, b in zip(words, words[1:]) if a.endswith(".")]
    lengths = [len(q.text.split()) for a in articles for q in a.quotes] or [20]
    vocabulary = sorted({w for a in articles[:50] for w in re.findall(r"[A-Za-z]{3,}", a.text)})
    texts: list[str] = []
    for _ in range(n):
        if texts and rng.random() < 0.1:
            base = Quote("x", 0, 0, rng.choice(texts), "direct", Speaker("x", 0, 0, name="x"))
            texts.append(variant(base, rng.choice(KINDS[:5]), vocabulary, ["x"], rng)[0]
                         if len(base.text.split()) >= 12 else base.text)
            continue
        word, words = rng.choice(starts), []
        for _ in range(rng.choice(lengths)):
            words.append(word)
            word = rng.choice(follow.get(word) or starts)
        texts.append(" ".join(words))
    outlets = ["outlet-%d" % i for i in range(7)]
    out = []
    for a in range(0, n, 20):
        quotes = tuple(Quote(f"q{i}", i, i + 1, t, "direct", Speaker("x", 0, 0, name="x"))
                       for i, t in enumerate(texts[a:a + 20]))
        out.append(Article(id=f"s{a:07d}", title="", source="", text="", paragraphs=(),
                           metadata={"outlet": rng.choice(outlets), "date": f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"},
                           quotes=quotes))
    return out


def timed(articles: list[Article]) -> dict:
    texts = [q.text for a in articles for q in a.quotes]
    t0 = time.perf_counter()
    sorted(texts)
    sort = time.perf_counter() - t0
    t0 = time.perf_counter()
    groups = group_quotes(articles)
    grouping = time.perf_counter() - t0
    return {"quotes": len(texts), "groups": len(groups), "grouping_s": round(grouping, 3),
            "sort_s": round(sort, 4), "ratio": round(grouping / sort, 1) if sort else None}


# ---------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", choices=("gold", "annotated"), default="gold")
    parser.add_argument("--sources", type=int, default=300)
    parser.add_argument("--scale", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rng = random.Random(SEED)
    articles = gold_articles() if args.quotes == "gold" else annotated_articles()
    natural = group_quotes(articles)
    print(f"{len(articles)} articles, {sum(len(a.quotes) for a in articles)} quotes ({args.quotes}); "
          f"{len(natural)} groups before planting")
    for g in natural[:8]:
        print(f"  {g.articles} articles: {g.earliest.text[:90]!r}")
    planted_articles, planted = plant(articles, args.sources, rng)
    t0 = time.perf_counter()
    groups = group_quotes(planted_articles)
    again = group_quotes(list(reversed(planted_articles)))
    result = {"quotes_from": args.quotes, "articles": len(articles), "natural_groups": len(natural),
              "grouping_s": round(time.perf_counter() - t0, 3) / 2, "deterministic": groups == again,
              **score(planted_articles, planted, groups)}
    for name, value in result.items():
        print(f"{name:28} {value:.3f}" if isinstance(value, float) else f"{name:28} {value}")
    result["scale"] = []
    for n in args.scale:
        found = timed(chain_quotes(articles, n, random.Random(SEED + n)))
        result["scale"].append(found)
        print(f"{n:>7} quotes: grouping {found['grouping_s']:.2f} s, sort {found['sort_s']:.4f} s, "
              f"ratio {found['ratio']}, {found['groups']} groups")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
