"""Actor-resolution benchmark: score a build's actors against a hand-checked gold.

    python bench/bench_actors.py [SEEDS_DIR] [--json OUT] [--from-json ACTORS.json] [--gold GOLD.yml]

SEEDS_DIR (default /tmp/dev/seeds) holds the 150 dev articles as Markdown seeds;
write them with `python3 ../shared/eval/corpus.py DIR --as md`. The script runs
`builder.build.collect` on them (the annotation cache in .cache/sourcebook makes
reruns fast; the first run takes about 80 s) and scores the actors against
bench/actors_gold.yml (evaluation data, never read by the builder).
`--from-json` scores a dump instead (a list of {id, name, type, quotes,
articles, mentions, aliases}, as the old build's actors_before.json).

Metrics (surface forms are compared case-sensitively, after folding ’ to '
and dropping a trailing period, against each actor's canonical name and aliases):
- merge: each gold form maps to the actors holding it. Recall: of the pairs of
  forms within one gold entry, how many share an actor. Precision: of the pairs
  of gold forms that share an actor, how many are in the same entry. Entries
  no single actor holds whole are listed as split; forms no actor holds as missing.
- apart: pairs of gold entries that must stay apart but share an actor.
- junk: canonical names listed in the gold's `junk` or matching the general
  patterns (quote marks, brackets, markup, URLs, mojibake, a number after a
  word, words run together); person actors with a US-state abbreviation alias.
- types: for the 100 most mentioned gold entries, the actor holding the entry's
  canonical name (or else most of its forms) has a different type.
- pages: actors that earn a page (quoted at least once, or mentioned in at least
  two articles), per article; actors in at least three articles.

Prints a table, then as its last line one JSON object with the numbers.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLD = Path(__file__).resolve().parent / "actors_gold.yml"
SEEDS = Path("/tmp/dev/seeds")
TOP_TYPES = 100

# AP-style state abbreviations and postal codes (compared without the period).
STATE_ABBREVIATIONS = set(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev "
    "N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Tex Vt Va Wash W.Va Wis Wyo "
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split())
QUOTE_OR_MARKUP = re.compile(r"[\"“”‘\[\]{}<>@]|(?<![A-Za-z])['’]|['’](?![A-Za-z])|https?:|www\.|[ÃÂ]")
NUMBER_AFTER_WORD = re.compile(r"[A-Za-z]\S*\s+\d")
NUMBERED_NOUNS = {"School", "Interstate", "Route", "Highway", "Precinct", "District", "Local", "Street", "Avenue"}
NAME_PREFIXES = ("Mc", "Mac", "De", "La", "Le", "O'", "O’")


def norm(form: str) -> str:
    """A surface form as compared: curly apostrophe folded, trailing period dropped."""
    return form.strip().replace("’", "'").rstrip(".")


def load_gold(path: Path) -> dict:
    """Read and check the gold: no form in two entries, apart names are entries."""
    gold = yaml.safe_load(path.read_text("utf-8"))
    seen: dict[str, str] = {}
    for entry in gold["people"]:
        for form in entry["forms"]:
            if norm(form) in seen:
                raise SystemExit(f"{path}: form {form!r} in both {seen[norm(form)]!r} and {entry['name']!r}")
            seen[norm(form)] = entry["name"]
    names = {e["name"] for e in gold["people"]}
    for pair in gold.get("apart", []):
        if not set(pair) <= names:
            raise SystemExit(f"{path}: apart pair {pair} names an entity not in people")
    return gold


def actors_from_build(seeds: Path) -> tuple[list[dict], int]:
    """Build the corpus in `seeds` and return its actors as dicts, and the article count."""
    from builder.build import collect
    from builder.cache import CACHE_DIR

    corpus = collect([seeds], cache_dir=ROOT / CACHE_DIR)
    quotes = Counter(q.speaker.actor for a in corpus.articles for q in a.quotes if q.speaker.actor)
    actors = [{"id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases), "gender": a.gender,
               "description": a.description,
               "quotes": quotes.get(a.id, 0), "articles": len({m[0] for m in a.mentions}),
               "mentions": len(a.mentions)} for a in corpus.actors]
    return actors, len(corpus.articles)


def form_index(actors: list[dict]) -> dict[str, set[str]]:
    """Each normalized canonical name or alias -> ids of the actors holding it."""
    index: dict[str, set[str]] = {}
    for actor in actors:
        for form in {actor["name"], *actor["aliases"]}:
            index.setdefault(norm(form), set()).add(actor["id"])
    return index


def merge_scores(gold: dict, index: dict[str, set[str]]) -> dict:
    """Pairwise merge precision/recall over gold forms; split entries; missing forms."""
    found = [(e["name"], e["type"], index[norm(f)]) for e in gold["people"] for f in e["forms"] if norm(f) in index]
    missing = [f for e in gold["people"] for f in e["forms"] if norm(f) not in index]
    together = same = 0
    within, within_together = Counter(), Counter()  # by entry type
    for (e1, kind, a1), (e2, _, a2) in combinations(found, 2):
        shared = bool(a1 & a2)
        together += shared
        if e1 == e2:
            within[kind] += 1
            within_together[kind] += shared
            same += shared
    split = {}
    for entry in gold["people"]:
        sets = [index[norm(f)] for f in entry["forms"] if norm(f) in index]
        if sets and not set.intersection(*sets):
            split[entry["name"]] = sorted(set.union(*sets))
    recall = {kind: within_together[kind] / within[kind] for kind in within}
    return {"precision": same / together if together else 1.0,
            "recall": sum(within_together.values()) / sum(within.values()) if within else 1.0,
            "recall_by_type": recall, "pairs_together": together, "pairs_within": sum(within.values()),
            "split": split, "missing": missing}


def entry_actors(entry: dict, index: dict[str, set[str]]) -> set[str]:
    """All actors holding any form of a gold entry."""
    return set().union(*(index.get(norm(f), set()) for f in entry["forms"]))


def apart_violations(gold: dict, index: dict[str, set[str]]) -> list[dict]:
    """Pairs of entries that must stay apart but share an actor."""
    by_name = {e["name"]: e for e in gold["people"]}
    out = []
    for a, b in gold.get("apart", []):
        shared = entry_actors(by_name[a], index) & entry_actors(by_name[b], index)
        if shared:
            out.append({"pair": [a, b], "actors": sorted(shared)})
    return out


def junk_reason(name: str, junk: set[str]) -> str | None:
    """Why a canonical name is junk, or None."""
    if norm(name) in junk:
        return "listed"
    if QUOTE_OR_MARKUP.search(name):
        return "quote/markup/mojibake"
    for m in NUMBER_AFTER_WORD.finditer(name):
        if m.group(0).split()[0] not in NUMBERED_NOUNS:
            return "number"
    for word in name.split()[1:]:  # a first word in camel case is usually a brand (HuffPost)
        for hit in re.finditer(r"(?<=[a-z])[A-Z]", word):
            if hit.start() >= 3 and word[:hit.start()] not in NAME_PREFIXES:
                return "run-together"
    return None


def junk_scores(gold: dict, actors: list[dict]) -> dict:
    """Junk canonical names and person actors with a state abbreviation as an alias."""
    junk = {norm(j) for j in gold.get("junk", [])}
    names = []
    for actor in actors:
        reason = junk_reason(actor["name"], junk)
        if reason:
            names.append({"id": actor["id"], "name": actor["name"], "why": reason})
    states = [{"id": a["id"], "name": a["name"], "aliases": [x for x in a["aliases"] if norm(x) in STATE_ABBREVIATIONS]}
              for a in actors if a["type"] == "person" and any(norm(x) in STATE_ABBREVIATIONS for x in a["aliases"])]
    return {"names": names, "state_aliases": states}


def entry_actor(entry: dict, by_id: dict[str, dict], index: dict[str, set[str]]) -> dict | None:
    """The actor named like a gold entry, or else the one holding most of its forms."""
    named = [by_id[i] for i in index.get(norm(entry["name"]), ()) if norm(by_id[i]["name"]) == norm(entry["name"])]
    if named:
        return named[0]
    votes = Counter(i for f in entry["forms"] for i in index.get(norm(f), ()))
    ranked = sorted((by_id[i] for i in votes), key=lambda a: (-votes[a["id"]], -a["mentions"]))
    return ranked[0] if ranked else None


def type_scores(gold: dict, actors: list[dict], index: dict[str, set[str]]) -> dict:
    """Wrong types among the most mentioned gold entries."""
    by_id = {a["id"]: a for a in actors}
    top = sorted(gold["people"], key=lambda e: -e.get("mentions", 0))[:TOP_TYPES]
    wrong, missing = [], []
    for entry in top:
        actor = entry_actor(entry, by_id, index)
        if actor is None:
            missing.append(entry["name"])
        elif actor["type"] != entry["type"]:
            wrong.append({"entry": entry["name"], "gold": entry["type"], "actor": actor["id"], "type": actor["type"]})
    return {"checked": len(top) - len(missing), "right": len(top) - len(missing) - len(wrong),
            "wrong": wrong, "missing": missing}


def page_scores(actors: list[dict], articles: int) -> dict:
    """Actors that earn a page under the builder's default policy (quoted, or in
    enough articles; curated descriptions aside), and those in three or more articles."""
    from builder.index import PagePolicy
    policy = PagePolicy()
    pages = sum(1 for a in actors if a["quotes"] >= policy.min_quotes or a["articles"] >= policy.min_articles)
    return {"actors": len(actors), "pages": pages, "pages_per_article": pages / articles if articles else None,
            "articles_3plus": sum(1 for a in actors if a["articles"] >= 3), "articles": articles}


def people_scores(gold: dict, actors: list[dict], index: dict[str, set[str]]) -> dict:
    """For the gold's most quoted people (entries with `quotes`): those held whole by
    exactly one actor that holds no other entry's form; genders wrong; descriptions given."""
    by_id = {a["id"]: a for a in actors}
    owner = {norm(f): e["name"] for e in gold["people"] for f in e["forms"]}
    quoted = [e for e in gold["people"] if "quotes" in e]
    one, not_one, wrong_gender = 0, [], []
    for entry in quoted:
        held = [index[norm(f)] for f in entry["forms"] if norm(f) in index]
        whole = set.intersection(*held) if held else set()
        others = {owner.get(norm(x)) for i in whole for x in (by_id[i]["name"], *by_id[i]["aliases"])} - {None, entry["name"]}
        # A bare name ("Sanders") may also name a relative or a place elsewhere; full names may not.
        full = [index[norm(f)] for f in entry["forms"] if norm(f) in index and " " in norm(f)] or held
        if len(set().union(*full)) == 1 and whole and not others:
            one += 1
        else:
            not_one.append(f"{entry['name']}: {sorted(set.union(*held)) if held else 'no actor'}"
                           + (f" also holds {sorted(others)}" if others else ""))
        actor = entry_actor(entry, by_id, index)
        if actor and entry.get("gender") and actor.get("gender") != entry["gender"]:
            wrong_gender.append(f"{entry['name']}: {actor.get('gender')} (gold {entry['gender']})")
    persons3 = [a for a in actors if a["type"] == "person" and a["quotes"] >= 3]
    described = [a for a in persons3 if a.get("description")]
    return {"quoted_people": len(quoted), "one_actor": one, "not_one_actor": not_one, "wrong_gender": wrong_gender,
            "persons_quoted_3plus": len(persons3), "described": len(described)}


def score(gold: dict, actors: list[dict], articles: int) -> dict:
    """All metrics for one list of actors."""
    index = form_index(actors)
    return {"merge": merge_scores(gold, index), "apart": apart_violations(gold, index),
            "junk": junk_scores(gold, actors), "types": type_scores(gold, actors, index),
            "pages": page_scores(actors, articles), "people": people_scores(gold, actors, index)}


def summary(result: dict) -> dict:
    """The headline numbers, for the last line and for comparing runs."""
    m, t, p, q = result["merge"], result["types"], result["pages"], result["people"]
    return {"merge_precision": round(m["precision"], 4), "merge_recall": round(m["recall"], 4),
            "merge_recall_person": round(m["recall_by_type"].get("person", 1.0), 4),
            "split_entries": len(m["split"]), "missing_forms": len(m["missing"]),
            "apart_violations": len(result["apart"]), "junk_names": len(result["junk"]["names"]),
            "state_aliases": len(result["junk"]["state_aliases"]),
            "types_right": t["right"], "types_wrong": len(t["wrong"]), "types_missing": len(t["missing"]),
            "actors": p["actors"], "pages": p["pages"],
            "pages_per_article": round(p["pages_per_article"], 2) if p["pages_per_article"] else None,
            "actors_3plus_articles": p["articles_3plus"],
            "quoted_people_one_actor": f"{q['one_actor']}/{q['quoted_people']}",
            "quoted_people_wrong_gender": len(q["wrong_gender"]),
            "described_of_quoted_3plus": f"{q['described']}/{q['persons_quoted_3plus']}"}


def report(result: dict, limit: int = 25) -> None:
    """Print the table and the lists behind it (each cut to `limit` lines)."""
    s = summary(result)
    width = max(map(len, s))
    for key, value in s.items():
        print(f"  {key:<{width}}  {value}")

    def show(title: str, rows: list) -> None:
        """One titled list, cut to `limit` rows."""
        if rows:
            print(f"\n{title} ({len(rows)}):")
            for row in rows[:limit]:
                print("  ", row)
            if len(rows) > limit:
                print(f"   … {len(rows) - limit} more (--json for all)")

    show("split entries", [f"{k}: {', '.join(v)}" for k, v in result["merge"]["split"].items()])
    show("apart violations", [f"{' / '.join(v['pair'])}: {', '.join(v['actors'])}" for v in result["apart"]])
    show("junk names", [f"{j['name']!r} ({j['why']})" for j in result["junk"]["names"]])
    show("state abbreviations as person aliases",
         [f"{j['name']}: {j['aliases']}" for j in result["junk"]["state_aliases"]])
    show("wrong types",
         [f"{w['entry']}: {w['type']} (gold {w['gold']}, actor {w['actor']})" for w in result["types"]["wrong"]])
    show("top entries with no actor", result["types"]["missing"])
    show("most quoted people not one actor", result["people"]["not_one_actor"])
    show("most quoted people of the wrong gender", result["people"]["wrong_gender"])
    show("gold forms no actor holds", result["merge"]["missing"])


def main() -> None:
    """Parse the arguments, score a build (or a dump), print and optionally save the result."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=SEEDS, help="dev articles as Markdown seeds")
    parser.add_argument("--json", type=Path, help="write the full result (all lists) here")
    parser.add_argument("--from-json", type=Path, help="score this actors dump instead of building")
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    gold = load_gold(args.gold)
    if args.from_json:
        actors = json.loads(args.from_json.read_text("utf-8"))
        articles = len({m for a in actors for m in a.get("article_ids", ())}) or (
            len(list(args.seeds.glob("*.md"))) if args.seeds.is_dir() else 0)
    else:
        actors, articles = actors_from_build(args.seeds)
    result = score(gold, actors, articles)
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), "utf-8")
    print(json.dumps(summary(result)))


if __name__ == "__main__":
    main()
