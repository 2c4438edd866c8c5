"""Actors across articles: merging, splitting, types, acronyms, junk, stable ids."""
from __future__ import annotations

import dataclasses
import re
import textwrap

import pytest

from sitecheck import read_html

from base import with_mentions as article

from builder.actors import resolve_actors
from builder.annotate import annotate
from builder.read import paragraph_spans
from builder.records import Article


def by_name(actors):
    return {a.name: a for a in actors}


def test_junk_mentions_make_no_pages():
    text = "The fed said A thing in 2024 and he left. Oops! Jane Doe stayed."
    art = article("a", text, [("fed", "ORG"), ("A", "ORG"), ("2024", "DATE"), ("he", "PERSON"), ("Oops!", "ORG"), ("Jane Doe", "PERSON")])
    _, actors = resolve_actors([art])
    assert [a.name for a in actors] == ["Jane Doe"]


def test_titles_possessives_and_surnames_merge_across_articles():
    a = article("a", "President Jane Doe spoke. Doe's plan passed.", [("Jane Doe", "PERSON"), ("Doe's", "PERSON")])
    b = article("b", "Doe told reporters it worked.", [("Doe", "PERSON")])
    _, actors = resolve_actors([a, b])
    (doe,) = actors
    assert doe.id == "jane-doe" and doe.type == "person"
    assert {m[0] for m in doe.mentions} == {"a", "b"} and len(doe.mentions) == 3


def test_people_sharing_a_surname_stay_apart():
    a = article("a", "Jane Doe won.", [("Jane Doe", "PERSON")])
    b = article("b", "John Doe lost.", [("John Doe", "PERSON")])
    c = article("c", "Doe spoke later.", [("Doe", "PERSON")])
    _, actors = resolve_actors([a, b, c])
    names = by_name(actors)
    assert {"Jane Doe", "John Doe"} <= names.keys()
    assert {m[0] for m in names["Jane Doe"].mentions} == {"a"}
    assert {m[0] for m in names["John Doe"].mentions} == {"b"}


def test_an_administration_is_its_own_organization_linked_to_the_person():
    text = "Jane Doe took office. The Doe administration said it would act."
    art = article("a", text, [("Jane Doe", "PERSON"), ("Doe", "PERSON")])
    _, actors = resolve_actors([art])
    names = by_name(actors)
    assert names["Doe administration"].type == "organization"
    assert names["Doe administration"].related == ("jane-doe",)
    assert names["Jane Doe"].related == ("doe-administration",)
    assert len(names["Jane Doe"].mentions) == 1


@pytest.mark.parametrize(
    "mentions, flags, expected",
    [
        # labelled ORG once, but titled and the subject of "said": a person
        ([("Ray Kent", "ORG"), ("Ray Kent", "PERSON")], {"Ray Kent": {"titled": True}}, "person"),
        ([("Ray Kent", "ORG"), ("Ray Kent", "ORG")], {"Ray Kent": {"speaker": True}}, "person"),
        ([("Acme Corp", "ORG"), ("Acme Corp", "PERSON"), ("Acme Corp", "ORG")], {}, "organization"),
        ([("Ohio", "GPE"), ("Ohio", "ORG"), ("Ohio", "GPE")], {}, "place"),
        ([("Republicans", "NORP")], {}, "group"),
    ],
)
def test_type_is_a_vote_over_mentions(mentions, flags, expected):
    text = " and ".join(name for name, _ in mentions) + "."
    art = article("a", text, mentions, **flags)
    _, actors = resolve_actors([art])
    assert [a.type for a in actors] == [expected]


def test_acronyms_join_their_expansion():
    text = "The Council on Foreign Relations (CFR) met. CFR said no. The Global Trade Office agreed, and GTO left."
    art = article("a", text, [("Council on Foreign Relations", "ORG"), ("CFR", "ORG"), ("Global Trade Office", "ORG"), ("GTO", "ORG")])
    _, actors = resolve_actors([art])
    names = by_name(actors)
    assert set(names) == {"Council on Foreign Relations", "Global Trade Office"}
    assert names["Council on Foreign Relations"].aliases == ("CFR",)


def test_slugs_are_stable_when_articles_are_added():
    a = article("a", "Jane Doe spoke. Acme Corp agreed.", [("Jane Doe", "PERSON"), ("Acme Corp", "ORG")])
    _, before = resolve_actors([a])
    b = article("b", "Doe and Acme Corp met Omar Ali.", [("Doe", "PERSON"), ("Acme Corp", "ORG"), ("Omar Ali", "PERSON")])
    _, after = resolve_actors([b, a])
    assert {x.id for x in before} <= {x.id for x in after}


def test_speakers_link_to_their_actor_with_real_annotation(nlp):
    text = textwrap.dedent("""
        Senator Maria Lopez met voters in Reno on Friday.

        “We will not give up on this bill,” Lopez said.

        A senior Lopez aide said the vote was close.
    """).strip()
    art = annotate(Article(id="a", title="a", source="a", text=text, paragraphs=paragraph_spans(text)), nlp)
    linked, actors = resolve_actors([art])
    speakers = [(q.speaker.name, q.speaker.actor) for q in linked[0].quotes]
    assert ("Maria Lopez", "maria-lopez") in speakers
    # an anonymous aide is not Maria Lopez
    assert ("A senior Lopez aide", None) in speakers
    assert by_name(actors)["Maria Lopez"].type == "person"


# Overrides

def test_sample_site_actors(sample_site):
    pages = {p.name for p in (sample_site / "actors").iterdir() if p.is_dir()}
    # quoted, or described in seeds/actors.yml (Joe Biden): a page each
    assert {"joe-biden", "benjamin-netanyahu", "richard-haass", "chris-murphy"} <= pages
    # mentioned in one article and never quoted: a row in the index, no page
    assert "council-on-foreign-relations" not in pages
    # quoted in part: refused to rule out “consequences” (issue 16)
    assert "kamala-harris" in pages
    index = read_html(sample_site / "actors" / "index.html")
    assert re.search(r'<tr data-type="organization"[^>]*><td>Council on Foreign Relations <small>', index)
    # the nickname is merged by seeds/actors.yml, and junk makes no page
    assert "bibi" not in pages and "netanyahu" not in pages and "biden" not in pages
    assert not {"fed", "oops", "something-went-wrong"} & pages
    netanyahu = read_html(sample_site / "actors" / "benjamin-netanyahu" / "index.html")
    assert "Bibi" in netanyahu and "Person" in netanyahu


def test_speaker_links_to_the_person_in_its_name_whatever_the_file_order():
    from base import quote

    first = article("a", "Dana Webb visited Dayton on Monday.", [("Dana Webb", "PERSON"), ("Dayton", "GPE")])
    text = "Ohio Sen. Dana Webb said she supports the law."
    said = quote("Ohio Sen. Dana Webb", "she supports the law", text, kind="indirect")
    second = dataclasses.replace(article("b", text, [("Ohio", "GPE"), ("Dana Webb", "PERSON")]), quotes=(said,))
    for order in ([first, second], [second, first]):
        linked, actors = resolve_actors(order)
        [quoted] = [q for a in linked for q in a.quotes]
        assert quoted.speaker.actor == "dana-webb"


@pytest.mark.parametrize("guessed, mentions, expected", [
    ("organization", [("Dana Webb", "PERSON"), ("Webb", "ORG")], "named"),  # a person elsewhere
    ("named", [("Harbor Council", "ORG"), ("Harbor Council", "PERSON")], "organization"),
    ("unknown", [("Dana Webb", "PERSON"), ("Webb", "PERSON")], "named"),
    ("anonymous", [("Dana Webb", "PERSON"), ("Webb", "PERSON")], "named"),  # a named person is never anonymous
    ("unknown", [("Texas", "GPE"), ("Texas", "GPE")], "organization"),  # a place that speaks: its government
])
def test_a_linked_speakers_kind_follows_its_actors_type(guessed, mentions, expected):
    from base import quote

    first, name = mentions[0][0], mentions[1][0]
    text = f"{first} arrived on Monday. {name} said the plan would work."
    said = quote(name, "the plan would work", text[len(first):], kind="indirect", source=guessed)
    shift = len(first)
    said = dataclasses.replace(said, start=said.start + shift, end=said.end + shift, speaker=dataclasses.replace(
        said.speaker, start=said.speaker.start + shift, end=said.speaker.end + shift,
        name_start=said.speaker.name_start + shift, name_end=said.speaker.name_end + shift))
    art = dataclasses.replace(article("a", text, mentions), quotes=(said,))
    linked, actors = resolve_actors([art])
    [quoted] = linked[0].quotes
    assert quoted.speaker.actor is not None and quoted.speaker.kind == expected


@pytest.mark.parametrize("text, speaker, mentions, expected", [
    ("The CNN host said the plan would work.", "The CNN host", [("CNN", "ORG")], None),
    ("Texas Gov. Ann Lee said the plan would work.", "Texas Gov. Ann Lee", [("Texas", "GPE"), ("Ann Lee", "PERSON")],
     "ann-lee"),
    # The name, found inside "the Ann Lee administration", is the person, not the administration.
    ("The Ann Lee administration began, and Ann Lee said the plan would work.", "Ann Lee",
     [("Ann Lee administration", "ORG")], "ann-lee"),
    # A description that ends with a person's full name is that person.
    ("Ann Lee came. Master of ceremonies Ann Lee said the plan would work.", "Master of ceremonies Ann Lee",
     [("Ann Lee", "PERSON"), ("Ann Lee", "PERSON")], "ann-lee"),
    # A first name before a surname-only mention that belongs to someone else.
    ("Dena Lee came. Then Lolita Lee said the plan would work.", "Lolita Lee",
     [("Dena Lee", "PERSON"), ("Lee", "PERSON")], None),
])
def test_a_description_links_only_to_what_its_head_word_names(text, speaker, mentions, expected):
    from base import quote

    said = quote(speaker, "the plan would work", text, kind="indirect", source="unknown")
    start = text.rindex(speaker)
    said = dataclasses.replace(said, speaker=dataclasses.replace(
        said.speaker, start=start, end=start + len(speaker), name_start=start, name_end=start + len(speaker)))
    name = text.index(speaker)  # the name at its first mention
    said = dataclasses.replace(said, speaker=dataclasses.replace(
        said.speaker, name_start=name, name_end=name + len(speaker), head=speaker.split()[0].lower()
        if speaker.startswith("Master") else said.speaker.head))  # its head word is "master"
    art = dataclasses.replace(article("a", text, mentions), quotes=(said,))
    linked, _ = resolve_actors([art])
    assert linked[0].quotes[0].speaker.actor == expected


@pytest.mark.parametrize("title, expected", [("Mrs.", "Hillary Doe"), ("Mr.", "Bill Doe"), ("", "Bill Doe")])
def test_a_gendered_title_picks_the_full_name_a_surname_stands_for(title, expected):
    text = f"Bill Doe and Hillary Doe campaigned. {title} Doe spoke.".replace("  ", " ")
    at = text.rindex("Doe")
    art = article("a", text, [("Bill Doe", "PERSON"), ("Hillary Doe", "PERSON"), ("Doe", "PERSON")])
    _, actors = resolve_actors([art])
    [owner] = [a for a in actors if any(s == at for _, s, _ in a.mentions)]
    assert owner.name == expected


def test_an_actor_named_index_never_takes_the_index_page():
    a = article("a", "Index spoke to Ann Lee.", [("Index", "PERSON"), ("Ann Lee", "PERSON")])
    _, actors = resolve_actors([a])
    assert sorted(x.id for x in actors) == ["ann-lee", "index-person"]


# Identity across a corpus

def _corpus():
    """Invented articles: one person named four ways, a family, a namesake, states."""
    return [
        article("a1", "Jane Q. Public spoke in Salem. Public said the port would open.",
                [("Jane Q. Public", "PERSON"), ("Salem", "GPE"), ("Public", "PERSON")]),
        article("a2", "Jane Public, the mayor, met Tim Rook. Rook agreed.",
                [("Jane Public", "PERSON"), ("Tim Rook", "PERSON"), ("Rook", "PERSON")]),
        article("a3", "Sen. Timothy M. Rook (D-Vt.) and Ann Doe spoke. Jane said nothing.",
                [("Timothy M. Rook", "PERSON"), ("Vt.", "GPE"), ("Ann Doe", "PERSON"), ("Jane", "PERSON")],
                **{"Timothy M. Rook": {"titled": True}}),
        article("a4", "Bo Doe arrived. Jane Public left. Later Public returned.",
                [("Bo Doe", "PERSON"), ("Jane Public", "PERSON"), ("Public", "PERSON")]),
        # no full name here: the surname alone
        article("a5", "Public told reporters the port was ready. Doe disagreed.",
                [("Public", "PERSON"), ("Doe", "ORG")]),
        article("a6", "Ann Doe Apologizes. Ann Doe said sorry.", [("Ann Doe Apologizes", "PERSON"), ("Ann Doe", "PERSON")]),
        article("a7", "Ann Doe and Ann Doe again.", [("Ann Doe", "PERSON"), ("Ann Doe", "PERSON")]),
        article("a8", "The Harbor Safety Committee and Green League's Bo Doe met.",
                [("Harbor Safety Committee", "PERSON"), ("Green League's Bo Doe", "ORG")]),
    ]


def test_one_person_in_many_forms_across_articles():
    _, actors = resolve_actors(_corpus())
    names = by_name(actors)
    public = names["Jane Public"]  # the form used most, not the longest
    assert public.type == "person"
    assert {"Jane Q. Public", "Public"} <= set(public.aliases)
    # every article naming her in full, by surname, or by first name alone (a3,
    # a5 have no full "Public": she is the only Jane and the only Public in the corpus)
    assert {m[0] for m in public.mentions} == {"a1", "a2", "a3", "a4", "a5"}
    (rook,) = [a for a in actors if "Rook" in a.aliases]  # a nickname and a middle initial: one person
    assert {rook.name, *rook.aliases} == {"Tim Rook", "Timothy M. Rook", "Rook"}
    assert {m[0] for m in rook.mentions} == {"a2", "a3"}


_NAMESAKES = [article("n1", "Stan Greenberg polled.", [("Stan Greenberg", "PERSON")]),
              article("n2", "Alan Greenberg traded.", [("Alan Greenberg", "PERSON")]),
              article("n3", "Susan Brooks voted.", [("Susan Brooks", "PERSON")]),
              article("n4", "Dan Brooks voted.", [("Dan Brooks", "PERSON")]),
              article("n5", "Elizabeth Warren spoke.", [("Elizabeth Warren", "PERSON")]),
              article("n6", "Ed Warren spoke.", [("Ed Warren", "PERSON")])]


@pytest.mark.parametrize("text, mentions, owner", [
    # the article spells out the full name where the parser tagged none
    ("Democracy Corps’ Stan Greenberg wrote. Greenberg said more.", [("Greenberg", "PERSON")], "Stan Greenberg"),
    ("Elizabeth Warren’s allies met. Warren said no.", [("Warren", "GPE")], "Elizabeth Warren"),
    # a surname after a full name with a suffix ("Jr.")
    ("Morris J. Brooks Jr. won. Representative Brooks said yes.",
     [("Morris J. Brooks Jr.", "PERSON"), ("Brooks", "PERSON")], "Morris J. Brooks Jr"),
    # several bearers and no evidence: unresolved, no actor
    ("Greenberg said it would pass.", [("Greenberg", "PERSON")], None),
    ("Students at George Washington University met Greenberg.", [("Greenberg", "PERSON")], None),
    # a place that no full name in the article explains stays a place
    ("A plant in Warren, Michigan closed.", [("Warren", "GPE")], "Warren"),
])
def test_a_bare_name_joins_the_person_its_article_names_or_stays_unresolved(text, mentions, owner):
    _, actors = resolve_actors([*_NAMESAKES, article("x", text, mentions)])
    word = mentions[-1][0]
    holders = [a for a in actors if any(m[0] == "x" and text[m[1]:m[2]] == word for m in a.mentions)]
    assert [a.name for a in holders] == ([owner] if owner else [])
    if owner == "Warren":
        assert holders[0].type == "place"


@pytest.mark.parametrize("mentions, name, kind", [
    ([("Sunni Muslims", "NORP")], "Sunni Muslims", "group"),       # a first name ("Sunni") before a group word
    ([("Log Cabin Republicans", "PERSON")], "Log Cabin Republicans", "group"),
    ([("Ku Klux Klan", "PERSON")], "Ku Klux Klan", "organization"),
    ([("Carly Fiorina to Rubio", "ORG")], "Carly Fiorina", "person"),  # a full name run into a sentence
    ([("Enrique PeÃ±a Nieto", "PERSON")], "Enrique Peña Nieto", "person"),  # UTF-8 read as Windows-1252
    ([("Jr.", "PERSON"), ("Ann Lee", "PERSON")], "Ann Lee", "person"),  # a suffix alone is no one
])
def test_names_and_types_by_their_own_words(mentions, name, kind):
    text = " and ".join(m for m, _ in mentions) + " met."
    _, actors = resolve_actors([article("a", text, mentions)])
    assert [(a.name, a.type) for a in actors] == [(name, kind)]


def test_families_stay_apart_and_a_shared_surname_alone_joins_nobody():
    _, actors = resolve_actors(_corpus())
    names = by_name(actors)
    assert names["Ann Doe"].id != names["Bo Doe"].id
    # "Doe" alone in a5 could be Ann or Bo: neither dominates, so it joins neither
    assert not any(m[0] == "a5" for a in (names["Ann Doe"], names["Bo Doe"]) for m in a.mentions)
    assert "a5" in {m[0] for m in names["Doe"].mentions}


def test_headline_fragments_possessives_and_state_tags_are_not_people():
    _, actors = resolve_actors(_corpus())
    names = by_name(actors)
    assert not any("Apologizes" in n for a in actors for n in (a.name, *a.aliases))  # cut to the name
    assert ("a6", 0, 18) in names["Ann Doe"].mentions
    assert "Bo Doe" in names and "Green League's Bo Doe" not in names
    assert {m[0] for m in names["Bo Doe"].mentions} == {"a4", "a8"}
    vermont = names["Vermont"]  # "(D-Vt.)" is a place, never an alias of the senator
    assert vermont.type == "place" and "Vt" in vermont.aliases
    assert not any(alias in ("Vt", "Vt.") for a in actors if a.type == "person" for alias in a.aliases)
    assert names["Harbor Safety Committee"].type == "organization"  # an organisation's head word wins over the tag


@pytest.mark.parametrize("mention, name", [
    ("Ted Cruz Apologizes", "Ted Cruz"),             # a headline's verb
    ("Jane Doe On Why Taxes Rise", "Jane Doe"),      # a headline's function word
    ("Zoe Questioned Why", "Zoe"),
    ("Jane Doe to Lee", "Jane Doe"),                 # a lowercase word that is no particle
    ("Doe in December", "Doe"),
    ("Jane Doe / Reuters", "Jane Doe"),              # a photo credit
    ("Entrusting Jane Doe", "Jane Doe"),             # words before a full name that are not names
    ("Filmmaker Jack Marino", "Jack Marino"),
    ("Follow Jane Doe", ""),                         # page furniture: no name at all
    ("Leonardo da Vinci", "Leonardo da Vinci"),      # what stays: particles, middle names, initials
    ("Mary Kay Henry", "Mary Kay Henry"),
    ("Deborah Jordan Reynolds", "Deborah Jordan Reynolds"),
    ("George W. Bush", "George W. Bush"),
    ("Jack Reed", "Jack Reed"),
    ("Bank of America", "Bank of America"),
])
def test_a_person_mention_keeps_only_the_name(mention, name):
    from builder.actors import _person_part

    assert _person_part(mention) == name


@pytest.mark.parametrize(
    "sentence, person",
    [
        ("“We will win,” said Democratic presidential candidate Maria Lopez.", "maria-lopez"),
        ("Texas Sen. Tom Varga said the bill would pass.", "tom-varga"),
        ("“Not now,” said Sen. Tom Varga (R-Tex.).", "tom-varga"),
        ("Republican pollster Dana Whitfield said the race was close.", "dana-whitfield"),
    ],
)
def test_a_speaker_naming_a_person_links_to_the_person_not_the_party_or_state(nlp, sentence, person):
    art = annotate(Article(id="a", title="a", source="a", text=sentence, paragraphs=paragraph_spans(sentence)), nlp)
    linked, actors = resolve_actors([art])
    (q,) = linked[0].quotes
    assert q.speaker.actor == person
    assert by_name(actors)[q.speaker.actor.replace("-", " ").title()].type == "person"


@pytest.mark.parametrize("speaker, kind, expected", [
    ("Hannity", "named", "sean-hannity"),   # a surname the parser did not tag where it stands
    ("Hannity", "group", "sean-hannity"),   # nor when it guessed a plural group
    ("Lee", "named", None),                 # two people of that surname here: not guessed
    ("the host", "unknown", None),          # a description is no name
])
def test_a_speaker_with_no_mention_links_to_the_one_actor_of_that_name(speaker, kind, expected):
    text = f"Sean Hannity met Ann Lee and Bo Lee. “We won,” {speaker} said."
    art = article("a", text, [("Sean Hannity", "PERSON"), ("Ann Lee", "PERSON"), ("Bo Lee", "PERSON")])
    from base import quote
    q = quote(speaker, "We won,", text, source=kind)
    at = text.rfind(speaker)  # the speaker where it speaks, after the quote
    q = dataclasses.replace(q, speaker=dataclasses.replace(q.speaker, start=at, end=at + len(speaker),
                                                           name_start=at, name_end=at + len(speaker)))
    linked, _ = resolve_actors([dataclasses.replace(art, quotes=(q,))])
    assert linked[0].quotes[0].speaker.actor == expected


@pytest.mark.parametrize("speaker, expected", [
    ("the president", "ann-lee"),           # the one person the article gave that role
    ("the Vermont senator", "bo-park"),     # every word of the description in the role words
    ("the Ohio senator", None),             # no one had that role
    ("the senator", None),                  # two people had it: not guessed
    ("the official", None),                 # an anonymous description stays one
])
def test_a_role_resolves_to_the_person_the_article_gave_it(speaker, expected):
    text = f"President Ann Lee met Vermont Sen. Bo Park and Sen. Cy Dale. “We won,” {speaker} said."
    art = article("a", text, [("Ann Lee", "PERSON"), ("Bo Park", "PERSON"), ("Cy Dale", "PERSON")])
    from base import quote
    q = quote(speaker, "We won,", text, source="unknown")
    linked, _ = resolve_actors([dataclasses.replace(art, quotes=(q,))])
    sp = linked[0].quotes[0].speaker
    assert sp.actor == expected
    assert (sp.resolution == "role") == (expected is not None)


@pytest.mark.parametrize("labels, joins", [
    (["GPE", "GPE", "PERSON"], True),  # the parser's place label on a surname the text also gives a person
    (["GPE", "GPE", "GPE"], False),  # a place every time: the town, not the senator
])
def test_a_surname_the_parser_calls_a_place_joins_its_person_on_person_evidence(labels, joins):
    first = article("a1", "Marco Rubio spoke.", [("Marco Rubio", "PERSON")])
    text = " ".join(["Rubio spoke."] * len(labels))
    second = article("a2", text, [("Rubio", label) for label in labels])
    _, actors = resolve_actors([first, second])
    rubio = by_name(actors)["Marco Rubio"]
    assert ({m[0] for m in rubio.mentions} == {"a1", "a2"}) is joins


@pytest.mark.parametrize("speaker, credited", [
    ("Ann Lee and Bo Park", 2),                         # credited to each
    ("Democratic candidates Ann Lee and Bo Park", 2),   # a description before the names
    ("Ann Lee, Bo Park and Cy Dale", 3),
    ("Spokesmen for Ann Lee and Bo Park", 1),           # the spokesmen speak, not the two
    ("Ann Lee and Bo Park's campaign", 1),              # nor when the name goes on past them
])
def test_a_joint_speaker_is_credited_to_each_person(speaker, credited):
    text = f"“We won,” said {speaker}."
    names = [n for n in ("Ann Lee", "Bo Park", "Cy Dale") if n in speaker]
    art = article("a", text, [(n, "PERSON") for n in names])
    from base import quote
    q = quote(speaker, "We won,", text)
    linked, _ = resolve_actors([dataclasses.replace(art, quotes=(q,))])
    sp = linked[0].quotes[0].speaker
    assert len(set(sp.actors)) == len(sp.actors) == credited


@pytest.mark.parametrize("reason, label, linked", [
    ("", "PERSON", True),                            # "Democratic candidates Ann Lee and …": a named person
    ("spoke on condition of anonymity", "PERSON", True),   # a named person: the reason was someone else's
    ("", "NORP", False),                             # "a Republican involved in the planning": not the group
    ("spoke on condition of anonymity", "NORP", False),
])
def test_an_anonymous_source_links_only_to_a_named_person(reason, label, linked):
    from base import quote

    name = "Ann Lee" if label == "PERSON" else "Republican"
    text = f"{name} arrived. “We won,” said {name}."
    art = article("a", text, [(name, label), (name, label)])
    q = quote(name, "We won,", text, source="group" if reason and label == "NORP" else "anonymous")
    at = text.rfind(name)
    q = dataclasses.replace(q, speaker=dataclasses.replace(q.speaker, start=at, end=at + len(name), name_start=at,
                                                           name_end=at + len(name), reason=reason or None))
    linked_articles, _ = resolve_actors([dataclasses.replace(art, quotes=(q,))])
    sp = linked_articles[0].quotes[0].speaker
    assert (sp.actor is not None) is linked
    assert sp.kind == ("named" if linked else "anonymous")
    assert sp.reason == (None if linked else reason or None)  # a named person is never "anonymous because …"


@pytest.mark.parametrize("variant", ["Jose Diaz", "JOSÉ DÍAZ", "Jose\u0301 Di\u0301az", "Jo\u200dsé\u200e Díaz", "\ufeffJosé Díaz"])
def test_spellings_of_one_name_are_one_actor_at_one_address(variant):
    first = article("a1", "José Díaz spoke.", [("José Díaz", "PERSON")])
    second = article("a2", f"{variant} spoke.", [(variant, "PERSON")])
    _, actors = resolve_actors([first, second])
    [diaz] = [a for a in actors if a.type == "person"]
    assert diaz.id == "jose-diaz" and {m[0] for m in diaz.mentions} == {"a1", "a2"}


def test_a_plural_the_parser_took_for_a_person_joins_its_group():
    first = article("a1", "Muslim leaders met. Muslim voters came.", [("Muslim", "NORP"), ("Muslim", "NORP")])
    second = article("a2", "Muslims spoke.", [("Muslims", "PERSON")])
    _, actors = resolve_actors([first, second])
    [group] = [a for a in actors if "Muslims" in (a.name, *a.aliases)]
    assert group.type == "group" and {m[0] for m in group.mentions} == {"a1", "a2"}


@pytest.mark.parametrize("mentions, name, kind", [
    ([("U.S.", "GPE"), ("United States", "GPE"), ("America", "GPE"), ("USA", "GPE")], "United States", "place"),
    ([("F.B.I.", "GPE"), ("FBI", "ORG"), ("FBI", "ORG")], "FBI", "organization"),   # dotted or not, one acronym
])
def test_spellings_of_one_country_or_agency_are_one_actor(mentions, name, kind):
    text = " and ".join(m for m, _ in mentions) + " met."
    _, actors = resolve_actors([article("a", text, mentions)])
    assert [(a.name, a.type, len(a.mentions)) for a in actors] == [(name, kind, len(mentions))]
