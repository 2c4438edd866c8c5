"""Every word list and mark set the stages share: plain data, no spaCy.

General English news vocabulary only; nothing here names a person, outlet or
phrase of a particular article. Longer lists live as data files in
`builder/data/` (debris phrases, first names) and are loaded here.
"""
from __future__ import annotations

from importlib import resources


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file in `builder/data/`."""
    text = resources.files("builder.data").joinpath(name).read_text("utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


# Verbs that introduce direct speech or report it.
SPEECH_VERBS = _words("""
say tell add ask explain write note tweet post state declare insist argue claim warn
continue recall reply respond answer acknowledge admit complain deny announce report
suggest predict promise vow urge caution concede contend assert maintain testify observe
remark describe call joke quip shout yell recount relay comment emphasize stress counter
confirm reveal reiterate pledge boast lament allege charge threaten speculate email text
wonder muse conclude agree disagree estimate inform assure propose demand criticize
praise blast slam accuse question mock retort scoff sigh concur characterize label dub
brand term hint signal indicate read begin exclaim whisper murmur chant cry plead beg
interject interrupt marvel gush fume snap rail grumble reason summarize advise instruct
proclaim elaborate inquire rebut mutter recite sing scream holler bellow stammer venture
offer exhort
""")

# Verbs whose clausal complement is reported speech (no quotation marks needed).
INDIRECT_VERBS = _words("""
say tell claim argue insist suspect warn state assert contend maintain acknowledge admit
complain deny announce report suggest predict promise vow caution concede testify note
explain add recall reply respond relay confirm reveal reiterate pledge boast allege
charge speculate write tweet post declare emphasize stress counter observe remark inform
assure agree estimate indicate signal hint conclude propose urge ask wonder question
imply
""")

# Verbs whose object is the hearer, not what was said: "told reporters: …".
HEARER_VERBS = _words("tell ask inform assure warn urge remind advise instruct brief")

# Verbs that commit their subject to an act, reported by an infinitive: "vowed to repeal the law".
COMMISSIVE_VERBS = _words("promise vow pledge threaten swear")

# Verbs that say what something is with "as": "described herself as a moderate", "referred to him as …".
AS_VERBS = _words("describe characterize refer cite label brand dub identify")

# Verbs that take an object and a quoted description: called it "illogical".
NAMING_VERBS = _words("call describe dub label brand term characterize name pronounce")

PRONOUNS_PERSON = _words("he she him her his")
PRONOUNS_PLURAL = _words("they them their")

# A verb and its object that together report: "expressed doubt that …".
LIGHT_VERBS = _words("express voice make offer launch raise share")
LIGHT_NOUNS = _words("""
doubt doubts concern concerns support alarm dismay enthusiasm wish hope hopes
frustration opposition skepticism scepticism regret point case argument joke attack
lament objection objections reservations fear fears confidence optimism disappointment
outrage anger sympathy
""")

# Labels that open a line without naming a source ("Update: …", "Editor's note: …").
HEADER_WORDS = _words("""
update updated correction clarification note related photo photos video watch read listen
advertisement sponsored breaking live opinion analysis transcript source sources
""") | {"editor's note", "editor’s note", "see also", "read more", "partial transcript"}

# Nouns that report what someone said: "her call for a recount", "his claim that …".
REPORT_NOUNS = _words("""
call demand plea request claim assertion allegation accusation charge warning promise
pledge vow threat statement remark comment criticism complaint denial insistence
suggestion argument proposal announcement prediction admission boast
attack praise condemnation recommendation testimony
""")
PRONOUNS_SELF = _words("i we")

DOCUMENT_NOUNS = _words("""
statement report letter filing email e-mail memo memorandum document documents study
poll survey analysis complaint lawsuit suit indictment release tweet post website site
ad advertisement book article transcript record records data review audit brief briefing
motion order ruling opinion decision affidavit testimony assessment note notes message
messages text texts video footage column editorial op-ed press-release announcement
filings guidance plan proposal bill resolution law policy paper papers story
""")

# Dependency labels of a clause inside another one.
CLAUSE_DEPS = _words("pcomp advcl acl relcl ccomp xcomp csubj")

# Things other than documents that carry written words: "a sign saying …" is the sign's.
INSCRIBED_NOUNS = _words("sign banner placard billboard plaque poster caption headline label")

ORG_NOUNS = _words("""
administration government campaign company firm department ministry office agency
committee house police court party council commission board bureau embassy army military
newspaper network station university institute foundation group organization union
association coalition team staff spokesman-office cabinet congress senate parliament
legislature regime authority authorities service corporation bank fund center
""")

GROUP_NOUNS = _words("""
group coalition bloc panel delegation crowd majority minority handful dozens camp
""")

# Nouns for people whose name the text withholds: "a senior official", "sources".
ANONYMOUS_NOUNS = _words("""
official officials source sources aide aides person people spokesperson spokesman
spokeswoman adviser advisor advisers advisors diplomat diplomats officer officers
staffer staffers insider insiders lawmaker lawmakers member members individual
individuals resident residents witness witnesses employee employees worker workers
operative operatives strategist strategists executive executives ally allies confidant
associate associates friend friends analyst analysts expert experts observer observers
critic critics supporter supporters voter voters leader leaders negotiator negotiators
investigator investigators prosecutor prosecutors attorney attorneys lawyer lawyers
official's officials'
""")

# Offices held by one identifiable person: "a senator" hides a name, "the mayor" does not.
ROLE_NOUNS = _words("""
senator senators representative representatives congressman congresswoman governor
governors mayor mayors minister ministers president secretary chairman chairwoman chair
ambassador judge justice commissioner director chief ceo founder speaker candidate
nominee
""")

# Nouns that name what a person does, for descriptions from the text ("a political scientist at Rice").
OCCUPATION_NOUNS = _words("""
professor analyst strategist spokesman spokeswoman spokesperson adviser advisor aide manager pollster
economist scientist lawyer attorney historian author writer reporter editor host anchor consultant
lobbyist activist leader member official executive organizer owner founder co-founder partner fellow
researcher expert teacher delegate operative surrogate counsel treasurer officer head staffer commentator
columnist contributor coordinator assistant strategist lawmaker legislator candidate nominee chairman
chairwoman president secretary director chief ceo governor senator representative congressman
congresswoman mayor minister ambassador judge justice commissioner speaker sheriff prosecutor agent
general colonel admiral captain sergeant pastor rabbi bishop priest doctor physician nurse student
actor actress singer comedian producer businessman businesswoman billionaire investor entrepreneur
correspondent journalist blogger publisher economist demographer sociologist lecturer dean provost
""")

# Determiners that make a noun phrase definite ("the official") or indefinite ("an official").
DEFINITE = _words("the this that these those")
INDEFINITE = _words("a an one some several two three four many few another")

# Plural nouns that name a class of people rather than one hidden person.
GROUP_PLURALS = _words("""
critics supporters voters residents democrats republicans activists protesters
conservatives liberals progressives americans citizens opponents proponents advocates
economists scientists researchers experts analysts observers leaders lawmakers
legislators members antagonists adversaries detractors foes rivals
""")
# Last words that make a name a group's, not a person's ("Sunni Muslims", "Senate Republicans").
GROUP_NAME_ENDS = GROUP_PLURALS | _words("""
muslims christians jews catholics protestants evangelicals mormons hindus sikhs buddhists
latinos hispanics immigrants veterans
""")

TITLES = _words("""
mr mr. mrs mrs. ms ms. dr dr. sen sen. senator rep rep. representative gov gov. governor
president vice prime minister secretary gen gen. general adm adm. admiral col col. lt
lt. capt capt. sgt sgt. judge justice chief mayor chairman chairwoman chair speaker
leader ambassador prof prof. professor rev rev. pope king queen prince princess sir lord chairperson
alderman alderwoman councilman councilwoman councilmember assemblyman assemblywoman
lady former acting deputy attorney commissioner director spokesman spokeswoman candidate
nominee pm superintendent chancellor sheriff commander detective officer inspector
provost dean coach pastor rabbi bishop father sister brother dame
""")

ANONYMITY_WORDS = ("anonymity", "anonymously", "not authorized", "not be named", "not be identified", "unauthorized", "unnamed")

# Verbs whose object is what was said: "acknowledged their uphill battle",
# "called for new elections", "talked about the economy".
TOPIC_VERBS = _words("""
acknowledge announce cite describe criticize recount deny reveal disclose propose
mention repeat blast question confirm praise condemn reject dismiss defend demand urge
recall report tweet post write declare promise pledge vow predict allege concede admit
attack denounce blame accuse note
explain stress slam thank discuss rebut refute remind retract state reiterate email indicate
""")

# Verbs whose passive subject is what was said ("the plan was denounced by …"):
# only verbs of saying, not "written by" (authorship) or "attacked by" (also a physical attack).
PASSIVE_REPORT_VERBS = _words("""
acknowledge announce cite describe criticize deny reveal disclose propose mention confirm
praise condemn reject denounce report question dismiss
""")

# "declined to comment on the report": refusals to speak are attributed statements too.
REFUSAL_VERBS = _words("decline refuse")
SPEAKING_XCOMPS = _words("comment discuss say elaborate respond specify answer address confirm speak")
# Prepositions that say where, when or despite what something was said, not what.
ADJUNCT_PREPS = _words("in at during despite after before since amid following throughout via through")

TOPIC_PREPS = {"call": ("for", "on", "upon"), "talk": ("about",), "speak": ("about", "of"), "complain": ("about",),
               "warn": ("of", "about"), "write": ("about",), "joke": ("about",), "testify": ("about",),
               "boast": ("about", "of"), "argue": ("for", "against"), "point": ("to", "out"), "respond": ("to",),
               "ask": ("for",)}

# Prepositions before a gerund of saying that shares the subject of the verb they modify ("won by saying …").
GERUND_PREPS = _words("by after before upon")
# Verbs of wishing or planning: what is done "by saying …" under them has not been said yet
# ("hoped to win by promising …"); with the forms of "hope" the model lemmatizes wrongly ("hoped" → "hop").
WISH_VERBS = _words("hope hoped hopes hoping want wish plan intend expect aim need")
# One-word answers that are all of what was said: "72 percent said yes".
ANSWER_WORDS = _words("yes no")
# Words before a gerund of saying that makes a second statement of the reporter ("… before claiming …");
# not "by", which tells how the first was made.
GERUND_MARKS = _words("while before after upon when")
# Verbs of saying whose content may follow without a parsed complement.
SAY_VERBS = _words("say tell add claim argue insist warn note explain report state contend assert maintain")
# The same verbs as a headline in title case writes them ("Mayor Says …"), where the parser often
# misses them; not the forms that are also nouns ("Claims", "Reports", "States").
SAY_VERB_FORMS = _words("""
say says said tell tells told adds added claimed argue argues argued insist insists insisted warn warns warned
noted explains explained contends contended asserts asserted maintains maintained
""")

# Marks of a clause of reason or condition, which goes on with what was said ("said … because …").
REASON_MARKS = _words("because if unless")

# Marks of a clause of time that, set off by a comma at the end of a report, is the writer's aside.
ASIDE_CLAUSE_MARKS = _words("when as")

# Pronouns by what they can refer to.
PRONOUNS_HE_SHE = ("he", "she")
PRONOUNS_FEMALE = frozenset(("she", "her"))
# Pronouns that can be the subject of an inverted "said": "…,” said he.
PERSONAL_SUBJECTS = frozenset(("he", "she", "they", "i", "we"))
# Words that are never names on their own ("He", "This").
NOT_NAMES = _words("he she it they we i you him her them us me his its their our this that these those a an")
# Subjects that never name a source: "This said …", "There is said to be …".
NOT_SOURCES = frozenset(("this", "that", "there", "what", "which"))

# Titles that tell a person's gender.
FEMALE_TITLES = _words("mrs mrs. ms ms. miss madam queen princess lady congresswoman chairwoman spokeswoman")
MALE_TITLES = _words("mr mr. sir king prince lord congressman chairman spokesman")

# Conjunctions that turn to a contrast: what follows is no longer what was said.
CONTRAST_WORDS = _words("whereas although though but")
# "so-called “reform”": the word before a scare quote.
SCARE_QUOTE_LEAD = "so-called"
# “Storm closes schools,” by Jane Doe: a title with its byline.
BYLINE_WORD = "by "
# Words after a name that make it an organisation named after the person ("the Doe campaign").
NAMED_AFTER_SUFFIXES = ("administrations", "administration", "campaigns", "campaign", "government",
                        "White House", "cabinet", "family", "Foundation")

# Quotation marks.
QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“"}  # opening mark → its closing mark
CLOSING_ONLY = frozenset("”»")  # marks that can only close
STRAIGHT_OPENERS = "([{—–-/:;"  # a straight mark after one of these opens a quote
PARAGRAPH_OPENERS = ("“", '"', "''", "``", "«")  # marks that open a paragraph-long quote
CONTINUATION_OPENERS = ("“", '"', "''", "«")  # marks that carry a quote into the next paragraph
OPEN_MARKS = "“\"'‘«"  # tokens that open a quotation
CLOSE_MARKS = "”\"'’»"  # tokens that close one
CLOSING_RUN = ("”", '"', "''", "’", "»")  # marks kept with the quote they close on a page
SENTENCE_CLOSERS = frozenset(".!?")
SENTENCE_ENDS = (". ", "? ", "! ", ".” ", "?” ", "!” ", '." ')  # where a long paragraph may be cut
NAME_EDGE_PUNCTUATION = " \t,;:!?\"“”‘’()[]—–-"
ASIDE_MARKS = (",", "(", "—", "–", "--")  # marks that set off an aside after a name ("Ann Lee, the mayor")
DATELINE_DASHES = ("--", "—", "–", "-")  # dashes after a dateline ("WASHINGTON -- …")
NAME_PUNCTUATION = (".", "’", "'", "-")  # punctuation inside a name ("U.S.", "O’Malley", "Jean-Luc")
QUOTE_CLOSING_PUNCTUATION = ",.!?;:—–-…"  # what ends a quotation that ends its own clause ("…," she said)
QUOTE_OPENS_AFTER = ".?!:,;—–("  # characters after which a quotation opens a sentence of its own

CLOSING_TOKENS = ("”", "’")  # tokens that can only close a quotation
NAME_LEADING_MARKS = "\"'“‘("  # marks to skip before a name's first letter
SPEAKER_STOPS = ASIDE_MARKS + (";", ":")  # marks where a speaker's words end
BULLETS = "•·▪►*+-–"  # list bullets that scrapers leave before widget lines
ARTICLE_WORDS = frozenset(("the",))  # dropped from the front of a name ("the White House")
# Closing credits: "Jane Doe contributed reporting to this story." / "Reporting by …".
CREDIT_NOUNS = ("report", "story", "article")
CREDIT_ROLES = ("Reporting", "Writing", "Editing", "Compiled")

# spaCy entity labels by the actor type they suggest.
LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
               "FAC": "place", "NORP": "group"}

# Scraping debris: lines of web furniture (share buttons, widgets), one per line.
DEBRIS = frozenset(line.strip().lower() for line in _lines("debris.txt"))

# Common first names and their usual gender ("m" or "f"), from data/first_names.txt.
FIRST_NAMES = dict(line.split("\t") for line in _lines("first_names.txt"))

# US states, and the forms a party-state tag or a dateline gives them ("R-Tex.",
# "Boise, Idaho"): abbreviation (without its last stop) → the state's name.
_STATES = [line.split("\t") for line in _lines("us_states.txt")]
US_STATES = frozenset(row[0] for row in _STATES)
# Spellings of the one country a US corpus names most, folded as states are ("U.S.", "America").
COUNTRY_NAMES = {name: "united states" for name in (
    "u.s", "us", "usa", "u.s.a", "america", "united states", "united states of america")}
STATE_ABBREVIATIONS = {abbr.rstrip("."): row[0] for row in _STATES for abbr in row[1].split()}
# Two-letter postal codes, read as states only inside a party-state tag ("R-TX").
POSTAL_CODES = {row[2]: row[0] for row in _STATES}
# A party-state tag before a place: "(R-Tex.)", "D-Vt.", "I-Vermont".
PARTY_LETTERS = ("R-", "D-", "I-")

# Head words of organisations' names: as the last word ("Republican National
# Committee") or before "of"/"on"/"for" ("Council on Foreign Relations").
ORG_HEADS = _words("""
committee committees party parties department foundation university college institute
institution council commission agency association bureau administration campaign plaza
hotel casino corporation corp corp. inc inc. company co co. bank court senate house
times post news journal network center centre fund trust union league society church
school hospital club board office ministry police army navy service services media press
coalition alliance caucus pac project group organization organisation network channel
magazine newspaper tribune herald gazette radio television tv studios airlines airways klan
motors industries holdings partners capital institute academy museum library laboratory
commission authority assembly parliament congress legislature cabinet council republic
kingdom federation reserve exchange market markets fed court tribunal
""")
ORG_HEAD_LINKS = _words("of on for")

# Words that start a name but join the next capital without a space ("McCain", "DeSantis").
NAME_PREFIXES = _words("mc mac fitz van von de la le di da del della des du st o d")
# A name's generational suffix ("Donald Trump Jr."): people with different ones are different people.
NAME_SUFFIXES = _words("jr jr. sr sr. ii iii iv")
# Lowercase words that may stand inside a person's name ("Leonardo da Vinci", "Osama bin Laden").
NAME_PARTICLES = NAME_PREFIXES | _words("der den ter bin ben al el y")
# Words that open page furniture run into a name ("Follow Jane Doe on Twitter").
FURNITURE_OPENERS = _words("follow")
# Capitalised words of a title-case headline that end a name run into it ("Ted Cruz On Why …").
HEADLINE_WORDS = _words("""
is are was were has have had on in at to for of from with and or but why how what who when where her his
their its our my your this that after before over about as
""")
# Verbs of headlines run into a name ("Ted Cruz Apologizes", "Donald Trump Leads").
HEADLINE_VERBS = _words("""
says said slams blasts rips hits responds apologizes leads wins calls warns attacks defends urges admits
denies vows explains describes questions opens gets got sent tells talks backs drops
""")

# Descriptions of people from the text (builder/describe.py).
PARTY_TAG_LETTERS = {"D": "Democratic", "R": "Republican", "I": "Independent"}
PARTY_WORDS = {"democratic": "Democratic", "democrat": "Democratic", "republican": "Republican",
               "gop": "Republican", "independent": "Independent", "libertarian": "Libertarian",
               "green": "Green"}
# Abbreviated titles spelt out in a description.
TITLE_WORDS = {"sen.": "Senator", "sen": "Senator", "rep.": "Representative", "gov.": "Governor",
               "gen.": "General", "lt.": "Lieutenant", "adm.": "Admiral", "col.": "Colonel", "sgt.": "Sergeant",
               "capt.": "Captain", "amb.": "Ambassador", "atty.": "Attorney", "prof.": "Professor",
               "rev.": "Reverend", "supt.": "Superintendent", "lt. gov.": "Lieutenant Governor"}
# Titles that say nothing of what a person does.
COURTESY = frozenset(("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "madam", "dame"))
# Words an apposition may not open with: it is a clause or a list, not a description.
NOT_OPENERS = frozenset("""said says told added who whom whose which that and or but he she it they we i you
his her their its when where while as if because according after before since said, was is were are has had
have will would could can may might did does do also not just then there here this these those like of
from in at on for with to by""".split())
# Lowercase words that belong to a role before a name ("former campaign chairman").
ROLE_MODIFIERS = frozenset("""former presidential vice deputy campaign state national senior chief executive
general press political communications policy foreign economic top longtime veteran federal district
county city republican democratic""".split())
# Word endings that make a lowercase word a profession in a description ("psychotherapist", "pediatrician", "moderator").
PROFESSION_ENDINGS = ("ist", "ists", "ician", "icians", "ator", "ators")
# Small words that may stand inside a body's name after "of" ("of the Council on Foreign Relations"), not end it.
BODY_NAME_LINKS = frozenset("of on for and the".split())
# Nouns that say who a person is in a description, beyond titles and occupations ("Clinton ally", "debate attendee").
DESCRIPTION_NOUNS = frozenset("""ally confidant friend attendee voter veteran retiree resident native
freeholder recorder clerk fund-raiser fundraiser co-host moderator filmmaker""".split())

# Quotes that travel (builder/groups.py): marks folded before two quotes' words are compared,
# so that curly and straight marks, dashes and ellipses never make a difference.
MARK_FOLDS = str.maketrans({"’": "'", "‘": "'", "‛": "'", "′": "'", "`": "'", "“": '"', "”": '"', "„": '"',
                            "″": '"', "«": '"', "»": '"', "–": "-", "—": "-", "‒": "-", "…": "..."})
# English function words: two quotes that share only these share no words worth comparing them for.
COMMON_WORDS = _words("""
a an the this that these those and or but nor so if then than as of at by for from in into on onto to
with without about over under after before up down out off again further once here there when where why
how what which who whom whose all any both each few more most other some such no not only own same too very
just can will would could should shall may might must do does did done doing be is are was were been being
have has had having i me my mine myself we us our ours ourselves you your yours yourself yourselves he him
his himself she her hers herself it its itself they them their theirs themselves it's i'm don't that's
we're they're you're isn't aren't wasn't weren't won't can't didn't doesn't there's let's going get got
""")
