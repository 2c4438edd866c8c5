"""A check of a corpus's actors that needs no gold: what a reader would flag.

`check_actors` lists, for a researcher to look at before publishing numbers:

- gendered speakers ("Mrs. X", "she") linked to a person of the other gender;
- person actors named by one word beside a full-name person of that surname
  ("Rubio" beside "Marco Rubio"): one person split, or a name left unresolved;
- person actors whose name runs a person's full name into other words ("Ted Cruz Apologizes",
  not "Martin Luther King Jr" beside "Martin Luther");
- one name given to actors of different types ("Muslims" a person and a group); a
  name that is only another actor's alias is not counted ("Madison" the city
  beside Joe Madison, called "Madison" in his article).

Plain string work on the records, no spaCy.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import lexicon as lx
from .gender import said_gender
from .records import Actor, Article


@dataclass(frozen=True)
class Finding:
    kind: str  # "gender-conflict", "bare-name", "run-on-name", "type-split"
    message: str


def _name_goes_on(extra: list[str]) -> bool:
    """True when the words after a person's name are more of a name, not other words:
    capitalised, no headline word or verb ("Martin Luther" + "King Jr", "Enrique Peña" + "Nieto")."""
    return all(w[:1].isupper() and w.lower() not in lx.HEADLINE_WORDS | lx.HEADLINE_VERBS for w in extra)


def check_actors(articles: list[Article], actors: list[Actor]) -> list[Finding]:
    """Every finding of the four kinds above, in a stable order."""
    by_id = {a.id: a for a in actors}
    found = []
    for article in articles:
        for q in article.quotes:
            actor = by_id.get(q.speaker.actor or "")
            said = said_gender(q.speaker.text)
            if actor and said and actor.gender in ("female", "male") and actor.gender != said:
                found.append(Finding("gender-conflict", f"{article.source}: {q.id}: {q.speaker.text!r} is linked to "
                                                        f"{actor.name} ({actor.gender})"))
    persons = [a for a in actors if a.type == "person"]
    full = defaultdict(list)
    for a in persons:
        words = a.name.split()
        if len(words) > 1:
            full[words[-1].lower()].append(a)
    for a in persons:
        if len(a.name.split()) == 1 and a.name.lower() in full:
            others = ", ".join(sorted(o.name for o in full[a.name.lower()]))
            found.append(Finding("bare-name", f"{a.name!r} ({a.id}) stands beside {others}"))
    names = {a.name.lower(): a for a in persons if len(a.name.split()) >= 2}
    for a in persons:  # an organisation named after a person ("the Ann Lee campaign") is no run-on
        words = a.name.split()
        for n in range(len(words) - 1, 1, -1):
            owner = names.get(" ".join(words[:n]).lower())
            if owner is not None and owner.id != a.id and not _name_goes_on(words[n:]):
                found.append(Finding("run-on-name", f"{a.name!r} ({a.id}) runs {owner.name} into other words"))
                break
    holders = defaultdict(set)  # one name split by type gives actors of the same name ("Muslims", "muslims-person")
    for a in actors:
        holders[a.name.casefold()].add(a)
    for name, held in sorted(holders.items()):
        if len({a.type for a in held}) > 1:
            listed = ", ".join(f"{a.id} ({a.type})" for a in sorted(held, key=lambda a: a.id))
            found.append(Finding("type-split", f"{name!r} names actors of different types: {listed}"))
    return found
