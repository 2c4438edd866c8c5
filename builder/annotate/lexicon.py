"""Word lists the attribution rules use. General English news vocabulary only."""
from __future__ import annotations

# Verbs that introduce direct speech or report it.
SPEECH_VERBS = frozenset("""
say tell add ask explain write note tweet post state declare insist argue claim warn
continue recall reply respond answer acknowledge admit complain deny announce report
suggest predict promise vow urge caution concede contend assert maintain testify observe
remark describe call joke quip shout yell recount relay comment emphasize stress counter
confirm reveal reiterate pledge boast lament allege charge threaten speculate email text
wonder muse conclude agree disagree estimate inform assure propose demand declare
criticize praise blast slam accuse question mock retort scoff sigh concur conclude
characterize label dub brand term hint signal indicate announce read begin
exclaim whisper murmur chant cry plead beg interject interrupt marvel gush fume snap
rail grumble reason summarize advise instruct proclaim elaborate inquire rebut mutter
recite sing scream holler bellow stammer venture offer acknowledge
""".split())

# Verbs whose clausal complement is reported speech (no quotation marks needed).
INDIRECT_VERBS = frozenset("""
say tell claim argue insist suspect warn state assert contend maintain acknowledge admit
complain deny announce report suggest predict promise vow caution concede testify
note explain add recall reply respond relay confirm reveal reiterate pledge boast
allege charge speculate write tweet post declare emphasize stress counter observe
remark inform assure agree estimate indicate signal hint concede conclude propose
argue urge ask wonder question
""".split())

# Verbs that take an object and a quoted description: called it "illogical".
NAMING_VERBS = frozenset("call describe dub label brand term characterize".split())

PRONOUNS_PERSON = frozenset("he she him her his".split())
PRONOUNS_PLURAL = frozenset("they them their".split())

# A verb and its object that together report: "expressed doubt that …".
LIGHT_VERBS = frozenset("express voice make offer launch raise share".split())
LIGHT_NOUNS = frozenset("""
doubt doubts concern concerns support alarm dismay enthusiasm wish hope hopes frustration
opposition skepticism scepticism regret point case argument joke attack lament objection
objections reservations fear fears confidence optimism disappointment outrage anger sympathy
""".split())

# Labels that open a line without naming a source ("Update: …", "Editor's note: …").
HEADER_WORDS = frozenset("""
update updated correction clarification note editor's note related photo photos video watch read
listen see also advertisement sponsored breaking live opinion analysis transcript source sources
""".split()) | {"editor's note", "editor’s note", "see also", "read more", "partial transcript"}

# Nouns that report what someone said: "her call for a recount", "his claim that …".
REPORT_NOUNS = frozenset("""
call demand plea request claim assertion allegation accusation charge warning promise pledge
vow threat statement remark comment criticism complaint denial insistence suggestion
argument proposal announcement prediction admission boast
""".split())
PRONOUNS_SELF = frozenset("i we".split())

DOCUMENT_NOUNS = frozenset("""
statement report letter filing email e-mail memo memorandum document documents study poll
survey analysis complaint lawsuit suit indictment release tweet post website site ad
advertisement book article transcript record records data review audit brief briefing
motion order ruling opinion decision affidavit testimony assessment note notes message
messages text texts video footage column editorial op-ed press-release announcement
filings guidance plan proposal bill resolution law policy paper papers story
""".split())

ORG_NOUNS = frozenset("""
administration government campaign company firm department ministry office agency committee
house police court party council commission board bureau embassy army military
newspaper network station university institute foundation group organization union
association coalition team staff spokesman-office cabinet congress senate parliament
legislature regime authority authorities service corporation bank fund center
""".split())

GROUP_NOUNS = frozenset("""
group coalition bloc panel delegation crowd majority minority handful dozens
""".split())

# Nouns for people whose name the text withholds: "a senior official", "sources".
ANONYMOUS_NOUNS = frozenset("""
official officials source sources aide aides person people spokesperson spokesman
spokeswoman adviser advisor advisers advisors diplomat diplomats officer officers
staffer staffers insider insiders lawmaker lawmakers member members individual
individuals resident residents witness witnesses employee employees worker workers
operative operatives strategist strategists executive executives insider ally allies
confidant associate associates friend friends analyst analysts expert experts observer
observers critic critics supporter supporters voter voters leader leaders negotiator
negotiators investigator investigators prosecutor prosecutors attorney attorneys
lawyer lawyers official's officials'
""".split())

# Offices held by one identifiable person: "a senator" hides a name, "the mayor" does not.
ROLE_NOUNS = frozenset("""
senator senators representative representatives congressman congresswoman governor governors
mayor mayors minister ministers president secretary chairman chairwoman chair ambassador
judge justice commissioner director chief ceo founder speaker candidate nominee
""".split())

INDEFINITE = frozenset("a an one some several two three four many few another".split())

# Plural nouns that name a class of people rather than one hidden person.
GROUP_PLURALS = frozenset("""
critics supporters voters residents democrats republicans activists protesters
conservatives liberals progressives americans citizens opponents proponents advocates
economists scientists researchers experts analysts observers leaders lawmakers
legislators members
""".split())

TITLES = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. sen sen. senator rep rep. representative gov gov. governor
president vice prime minister secretary gen gen. general adm adm. admiral col col. lt lt.
capt capt. sgt sgt. judge justice chief mayor chairman chairwoman chair speaker leader
ambassador prof prof. professor rev rev. pope king queen prince princess sir lord lady
former acting deputy attorney commissioner director spokesman spokeswoman candidate
nominee pm superintendent chancellor sheriff commander detective officer inspector provost dean coach pastor rabbi bishop father sister brother dame
""".split())

ANONYMITY_WORDS = ("anonymity", "anonymously", "not authorized", "not be named", "not be identified", "unauthorized", "unnamed")

# Verbs whose object is what was said: "acknowledged their uphill battle",
# "called for new elections", "talked about the economy".
TOPIC_VERBS = frozenset("""
acknowledge announce cite describe criticize recount deny reveal disclose propose mention
repeat blast question confirm praise condemn reject dismiss defend demand urge recall
report tweet post write declare promise pledge vow predict allege concede admit
attack denounce blame accuse note disclose
""".split())

# "declined to comment on the report": refusals to speak are attributed statements too.
REFUSAL_VERBS = frozenset("decline refuse".split())
SPEAKING_XCOMPS = frozenset("comment discuss say elaborate respond specify answer address confirm speak".split())
# Prepositions that say where, when or despite what something was said, not what.
ADJUNCT_PREPS = frozenset("in at during despite after before since amid following throughout via through".split())

TOPIC_PREPS = {"call": ("for", "on", "upon"), "talk": ("about",), "speak": ("about", "of"), "complain": ("about",),
               "warn": ("of", "about"), "write": ("about",), "joke": ("about",), "testify": ("about",),
               "boast": ("about", "of"), "argue": ("for", "against"), "point": ("to",), "respond": ("to",)}

# Verbs of saying whose content may follow without a parsed complement.
SAY_VERBS = frozenset("say tell add claim argue insist warn note explain report state contend assert maintain".split())
