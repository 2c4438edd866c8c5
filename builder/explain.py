"""Why a quote is attributed as it is, in words a reader can judge: the named rules
that found the quote and its speaker (`attribution.RULES`), with the words they
rested on ("the reporting verb “said”", "“she”, taken to be Ann Lee")."""
from __future__ import annotations

from .records import Quote

# How the quote was found, by `Quote.rule`; {cue} is the cue as written.
FOUND = {
    "verb-report": "the reporting verb “{cue}”",
    "direct": "a quotation with the verb “{cue}” in reach",
    "noun-report": "the reporting noun “{cue}”",
    "light-verb-report": "the words of saying “{cue}”",
    "according-to": "“{cue}”",
    "quoted-fragment": "a quoted phrase hung on “{cue}”",
    "colon-lead-in": "a quotation after a lead-in ending with a colon",
    "lead-in-paragraph": "a quotation that makes up its paragraph, after a paragraph ending with a colon",
    "transcript-label": "a transcript line opened by its speaker's label",
    "headline": "a headline of the form “Source: what they said”",
    "title-headline": "a headline in title case of the form “Source Says …”",
    "sentence-lead": "a quotation finishing a sentence about its speaker",
    "run-in-lead": "a quotation finishing what “{cue}” reports",
    "colon-content-lead": "a quotation after a colon that ends what “{cue}” reports",
    "quote-runs-on": "a quotation opening a sentence that goes on past it",
    "clause-lead": "a long quotation finishing a phrase with no verb of saying over it",
    "split-quote": "another piece of a quotation attributed in the same paragraph",
    "carry-back": "a quotation whose attribution comes in its next paragraph",
    "previous-subject": "a quotation right after a sentence about its speaker",
    "continuation": "a quotation that goes on from the last speaker named",
}
# How the speaker was found, by `Speaker.rule`; {text} is the speaker as written.
SPEAKER = {
    "verb-subject": "the speaker, “{text}”, is the subject of “{cue}”",
    "inverted-subject": "the speaker, “{text}”, comes right after “{cue}”",
    "name-before": "the speaker, “{text}”, is the person named right before “{cue}”",
    "passive-agent": "the speaker, “{text}”, is who “{cue}” is by",
    "relative-pronoun": "the speaker, “{text}”, is who “who” stands for",
    "according-to-object": "the speaker, “{text}”, follows “according to”",
    "issuer": "the speaker, “{text}”, put out the document that speaks",
    "participle-noun": "the speaker, “{text}”, is what “{cue}” describes",
    "dateline-apposition": "the speaker, “{text}”, opens the sentence after the dateline",
    "colon-person": "the speaker, “{text}”, is the last person named before the colon",
    "noun-possessor": "the speaker, “{text}”, owns “{cue}”",
    "noun-by-phrase": "the speaker, “{text}”, is who “{cue}” is by",
    "noun-modifier": "the speaker, “{text}”, qualifies “{cue}”",
    "transcript-label": "the speaker, “{text}”, is the line's label",
    "headline-source": "the speaker, “{text}”, is before the headline's colon",
}
# How a quotation with no attribution of its own got its speaker, by `Speaker.rule`, when a rule that shaped
# it named it first ("clause-lead", "quote-runs-on"); a plain quotation is named by these rules themselves.
ATTRIBUTED = {
    "split-quote": "the speaker, “{text}”, is that of another piece of the quotation in the same paragraph",
    "previous-subject": "the speaker, “{text}”, is who the sentence right before is about",
    "continuation": "the speaker, “{text}”, is the last one named before",
}
NO_SPEAKER = "no attribution in reach: the quotation is kept, its source unknown"
# How a speaker as written ("she") was matched to a fuller mention, by `Speaker.resolution`.
RESOLVED = {
    "pronoun": "“{text}” is taken to be {name}, the nearest name it fits in gender and number",
    "full-name": "“{text}” is {name}, named in full in the article",
    "same-description": "“{text}” is {name}, described the same way before",
    "role": "“{text}” is {name}, the one person the article gave that role before",
}


def explain(q: Quote) -> str:
    """One sentence (without its full stop) saying what the attribution of `q`
    rests on; "" when its rules are not known here."""
    sp = q.speaker
    if not (sp.text or sp.name):
        return NO_SPEAKER
    words = {"cue": q.cue.text if q.cue else "", "text": sp.text, "name": sp.name}
    found = FOUND.get(q.rule, "")
    if "{cue}" in found and not words["cue"]:
        found = ""
    parts = [found.format(**words)] if found else []
    speaker = SPEAKER.get(sp.rule, "") if sp.text else ""
    if not speaker and sp.text and sp.rule != q.rule:
        speaker = ATTRIBUTED.get(sp.rule, "")
    if speaker and "{cue}" in speaker and not words["cue"]:
        speaker = ""
    if not speaker and sp.text and sp.text != sp.name and sp.resolution not in RESOLVED:
        speaker = "the speaker is written “{text}”"
    if speaker:
        parts.append(speaker.format(**words))
    if sp.resolution in RESOLVED and sp.name and sp.name != sp.text:
        parts.append(RESOLVED[sp.resolution].format(**words))
    return "; ".join(parts)
