"""Per rule: every name a footnote can give ("Rules: direct, verb-subject, pronoun")
has a row here, a text where it fires, and the footnote says in words what it rests on.

A new rule name written anywhere in the annotator (builder/annotate/, and the
resolutions of builder/linking.py) fails `test_every_rule_name_has_a_row` until
it has a row. Every case is written for this test; none comes from the evaluation set.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from builder.actors import resolve_actors
from builder.annotate.speakers import SPEAKER_RULES
from builder.explain import ATTRIBUTED, FOUND, RESOLVED, SPEAKER, explain

PACKAGE = Path(__file__).resolve().parent.parent / "builder"

# (name, what it names: "quote" (`Quote.rule`), "speaker" (`Speaker.rule`) or "resolution", text, quote words)
ROWS = [
    # How the quote was found.
    ("direct", "quote", "“We did it,” said Nina Park.", "We did it,"),
    ("colon-lead-in", "quote", "The mayor had one message for the crowd: “Go vote today.”", "Go vote today."),
    ("lead-in-paragraph", "quote", "The council released the following statement:\n\n“The bridge will reopen in May.”",
     "The bridge will reopen in May."),
    ("transcript-label", "quote", "Host Tom Kerr spoke with Senator Maria Diaz.\n\n“KERR: Thanks for joining us.”",
     "Thanks for joining us."),
    ("sentence-lead", "quote", "The harbor plan, first drafted a decade ago, “will finally be built this year,” said Mayor Ana Ortiz.",
     "The harbor plan, first drafted a decade ago, “will finally be built this year,”"),
    ("run-in-lead", "quote", 'Senator Ivo Marsh said that the tax plan "will hurt farmers. It will hurt every family in this state."',
     'that the tax plan "will hurt farmers. It will hurt every family in this state."'),
    ("colon-content-lead", "quote", 'In 2012 the senator said of the new stadium: "It is a waste of public money."',
     'of the new stadium: "It is a waste of public money."'),
    ("quote-runs-on", "quote", '"The Long Road Home" was to be a "love letter to the valley," said Ana Ortiz, the author\'s agent.',
     '"The Long Road Home" was to be a "love letter to the valley,"'),
    ("clause-lead", "quote", "“We will fight it,” said Ann Lee.\n\nThe new ad targets a “broken tax code that keeps working families out of every room where the deals"
     " are made.”", "a “broken tax code that keeps working families out of every room where the deals are made.”"),
    ("split-quote", "quote", "“We will win,” the coach said. “The team is ready.”", "The team is ready."),
    ("previous-subject", "quote", "“The levee held,” said Mayor Tom Reed.\n\nSenator Ana Ruiz toured the flooded town on"
     " Monday. “We will rebuild every house.”", "We will rebuild every house."),
    ("continuation", "quote", "“We are done with this,” Carla Mendes said.\n\n“It is time to go home.”", "It is time to go home."),
    ("carry-back", "quote", "“The first part runs on.\n\n“And it ends here,” said Rosa Vega.", "The first part runs on."),
    ("verb-report", "quote", "The ministry said in a statement that the border would reopen on Friday.",
     "that the border would reopen on Friday"),
    ("noun-report", "quote", "The demand by the union for higher wages was rejected on Friday.", "higher wages"),
    ("light-verb-report", "quote", "The mayor voiced a wish for a quieter and cleaner harbor.", "a quieter and cleaner harbor"),
    ("according-to", "quote", "The factory will close in June, according to a company filing.", "The factory will close in June"),
    ("quoted-fragment", "quote", "The mayor called the proposal “a disaster for commuters.”",
     "the proposal “a disaster for commuters.”"),
    ("headline", "quote", "Poll: Voters back the new stadium plan", "Voters back the new stadium plan"),
    ("title-headline", "quote", "Weeks After Storm, Farmers Say The Worst Is Over.", "The Worst Is Over"),
    # How the speaker's words were found.
    ("verb-subject", "speaker", "“We did it,” Nina Park said.", "We did it,"),
    ("passive-agent", "speaker", "The new parking plan was denounced by Mayor Ana Ortiz on Monday.", "The new parking plan"),
    ("name-before", "speaker", "But in a phone call with reporters on Jan. 4, Col. Ana Ortiz, a police spokeswoman in Denver,"
     " said, “We mean to find them. There is no doubt about that.”", "We mean to find them. There is no doubt about that."),
    ("inverted-subject", "speaker", "“We are done,” reply Ann Lee and Bo Marsh.", "We are done,"),
    ("relative-pronoun", "speaker", "The council heard from Omar Haddad, who said the bridge was unsafe.", "the bridge was unsafe"),
    ("issuer", "speaker", "Governor Eva Lind released a statement saying she would not attend the parade.",
     "she would not attend the parade"),
    ("participle-noun", "speaker", "Protesters carried a sign saying the war must end soon.", "the war must end soon"),
    ("dateline-apposition", "speaker", "BOSTON -- the governor, speaking at a rally, said the state would cut taxes.",
     "the state would cut taxes"),
    ("colon-person", "speaker", "The message from pollster Jane Roe was blunt: “Nobody saw this coming.”",
     "Nobody saw this coming."),
    ("according-to-object", "speaker", "The factory will close in June, according to a company filing.",
     "The factory will close in June"),
    ("noun-possessor", "speaker", "Her attacks on the transit board drew loud applause from the crowd.", "the transit board"),
    ("noun-by-phrase", "speaker", "The demand by the union for higher wages was rejected on Friday.", "higher wages"),
    ("noun-modifier", "speaker", "Democratic criticism of the plan grew louder after the crash.", "the plan"),
    ("transcript-label", "speaker", "Host Tom Kerr spoke with Senator Maria Diaz.\n\n“KERR: Thanks for joining us.”",
     "Thanks for joining us."),
    ("headline-source", "speaker", "Poll: Voters back the new stadium plan", "Voters back the new stadium plan"),
    ("split-quote", "speaker", "“We will win,” the coach said. “The team is ready.”", "The team is ready."),
    ("previous-subject", "speaker", "“The levee held,” said Mayor Tom Reed.\n\nSenator Ana Ruiz toured the flooded town on"
     " Monday. “We will rebuild every house.”", "We will rebuild every house."),
    ("continuation", "speaker", "“We are done with this,” Carla Mendes said.\n\n“It is time to go home.”", "It is time to go home."),
    ("carry-back", "speaker", "“The first part runs on.\n\n“And it ends here,” said Rosa Vega.", "The first part runs on."),
    # How the speaker as written was matched to a fuller mention.
    ("pronoun", "resolution", "Dr. Kim Lee studies storms.\n\n“It came fast,” she said.", "It came fast,"),
    ("full-name", "resolution", "Mayor Ana Ortiz opened the new bridge on Monday.\n\n“It is done,” Ortiz said.", "It is done,"),
    ("same-description", "resolution", "“We will leave,” a senior European diplomat said.\n\n“The mood is grim,” said the"
     " diplomat.", "The mood is grim,"),
    ("role", "resolution", "President Ann Lee met Vermont Sen. Bo Park and Sen. Cy Dale.\n\n“We won,” the president said.",
     "We won,"),
]

# Names a candidate can carry that never reach a footnote: a source remembered without a quote.
NOT_A_QUOTE = {"agent-source"}


def _written_names() -> dict[str, set[str]]:
    """The rule and resolution names the annotator's code writes: string constants given to
    a `rule`/`resolution` keyword or attribute, a local name ending in "rule", a function's
    `rule` parameter, or returned by a function about resolutions."""
    paths = sorted((PACKAGE / "annotate").rglob("*.py")) + [PACKAGE / "linking.py"]
    trees = [ast.parse(p.read_text("utf-8")) for p in paths]
    rule_param = {n.name: [a.arg for a in n.args.args].index("rule") for t in trees for n in ast.walk(t)
                  if isinstance(n, ast.FunctionDef) and "rule" in [a.arg for a in n.args.args]}
    found: dict[str, set[str]] = {"rule": set(), "resolution": set()}

    def const(v) -> str | None:
        return v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value else None

    def field(target) -> str | None:
        if isinstance(target, ast.Attribute) and target.attr in found:
            return target.attr
        if isinstance(target, ast.Name):
            return "resolution" if target.id == "resolution" else "rule" if target.id.endswith("rule") else None
        return None

    def assigned(target, value):
        if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
            for t, v in zip(target.elts, value.elts):
                yield from assigned(t, v)
        else:
            yield target, value

    for tree in trees:
        for n in ast.walk(tree):
            if isinstance(n, ast.keyword) and n.arg in found and const(n.value):
                found[n.arg].add(const(n.value))
            elif isinstance(n, ast.Assign):
                for target in n.targets:
                    for t, v in assigned(target, n.value):
                        if field(t) and const(v):
                            found[field(t)].add(const(v))
            elif isinstance(n, ast.Call):
                name = n.func.id if isinstance(n.func, ast.Name) else getattr(n.func, "attr", "")
                at = rule_param.get(name)
                if at is not None and len(n.args) > at and const(n.args[at]):
                    found["rule"].add(const(n.args[at]))
            elif isinstance(n, ast.FunctionDef) and "resolution" in n.name:
                found["resolution"].update(const(r.value) for r in ast.walk(n) if isinstance(r, ast.Return) and const(r.value))
    return found


def test_every_rule_name_has_a_row():
    written = _written_names()
    names = written["rule"] | set(SPEAKER_RULES) | written["resolution"] | set(RESOLVED)
    rows = {name for name, _, _, _ in ROWS}
    assert sorted(names - NOT_A_QUOTE - rows) == []
    assert sorted(rows - names) == []  # no row for a name nothing writes


def _words(name: str, what: str) -> str:
    """The longest stretch of the footnote's words for `name` with nothing to fill in; "" when it has none."""
    table = {"quote": FOUND, "speaker": {**ATTRIBUTED, **SPEAKER}, "resolution": RESOLVED}[what]
    said = table.get(name, "")
    pieces = [p.split("}")[-1] for p in said.split("{")]
    return max(pieces, key=len).strip(" ,;“”") if said else ""


@pytest.mark.parametrize("name, what, text, words", ROWS, ids=[f"{w}-{n}" for n, w, _, _ in ROWS])
def test_each_rule_name_fires_and_its_footnote_says_why(annotate_text, name, what, text, words):
    (article,), _ = resolve_actors([annotate_text(text)])
    quote = next(q for q in article.quotes if q.text == words)
    named = {"quote": quote.rule, "speaker": quote.speaker.rule, "resolution": quote.speaker.resolution}[what]
    assert named == name
    if not (what == "speaker" and quote.rule == name):  # else the quote's rule says it
        assert _words(name, what) in explain(quote)
