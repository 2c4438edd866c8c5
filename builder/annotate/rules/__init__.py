"""The attribution rules, one module per family. The passes run in the order of
`attribution.PASSES`; each family lists the rules it can switch off in its own `RULES`.

| module | family |
|---|---|
| `direct` | direct quotes: a quotation opening a sentence and the attribution in reach, transcript lines, titles and asides that are not speech, a speaker for a quote with none of its own |
| `reports` | reports after verbs, nouns and light verbs ("said the plan works", "Pence's call for …", "expressed doubt that …") |
| `content` | what a reporting verb reports: its complement, an infinitive, an object, a topic … |
| `according_to` | "according to …" |
| `fragments` | fragments and partial quotes: quoted phrases hung on a verb, quotations finishing a sentence, report or clause |
| `headlines` | one-line headlines, "Source: …" and "Source Says …" |
| `cuts` | boundaries and cuts: where what was said starts and stops, closing marks and brackets, overlaps |
| `common` | what they share: `Candidate`, `Paragraph` and small helpers |
"""
