"""The entity registry: names, surnames, titles, outlets, documents, appositions, genders."""

from __future__ import annotations

from collections import Counter

import pytest

from byline.entities.people import gender_from_words
from byline.entities.registry import (
    MentionGroup,
    RawMention,
    build_registry,
    clean_mention,
    group_mentions,
    merge_organisations,
    outside,
    split_at_breaks,
    split_possessive,
)

ARTICLE = (
    "Health Minister Priya Raman said on Monday that the clinic would reopen, the Northfield Times "
    "reported.\n\n"
    "Raman’s plan drew fire from Sen. Tom Okafor (D-NY), who called it a stunt. Okafor told the Times that "
    "he had seen a memo from the ministry.\n\n"
    "The memo warned of delays. A letter from residents asked for patience.\n\n"
    "Lena Park, the city’s chief planner, said the site was ready. Reuters said the deal was close."
)


@pytest.fixture(scope="module")
def registry(nlp):
    return build_registry(nlp(ARTICLE))


def by_name(registry, name):
    return next(r for r in registry.records if r.name == name)


def mention_texts(registry, record):
    return [registry.text[s:e] for s, e in record.mentions]


def test_surnames_and_possessives_join_the_full_name(registry):
    raman = by_name(registry, "Priya Raman")
    assert raman.type == "PERSON"
    assert mention_texts(registry, raman).count("Raman") == 1
    assert "Raman’s" not in mention_texts(registry, raman)


def test_titles_are_stripped_from_names_and_kept_as_descriptors(registry):
    okafor = by_name(registry, "Tom Okafor")
    assert "senator" in okafor.descriptors
    assert "Okafor" in mention_texts(registry, okafor)
    raman = by_name(registry, "Priya Raman")
    assert any("minister" in d for d in raman.descriptors)


def test_newspaper_pattern_and_its_short_form_are_one_publication(registry):
    times = by_name(registry, "Northfield Times")
    assert times.type == "PUBLICATION"
    assert mention_texts(registry, times) == ["Northfield Times", "Times"]


def test_known_outlet_is_a_publication(registry):
    assert by_name(registry, "Reuters").type == "PUBLICATION"


def test_definite_document_continues_the_indefinite_one(registry):
    memos = [r for r in registry.records if r.type == "DOCUMENT" and r.name == "the memo"]
    assert len(memos) == 1
    assert mention_texts(registry, memos[0]) == ["a memo", "The memo"]
    assert any(r.name == "the letter" for r in registry.records)


def test_apposed_description_is_a_mention_and_a_descriptor(registry):
    park = by_name(registry, "Lena Park")
    assert "the city’s chief planner" in mention_texts(registry, park)
    assert any("planner" in d for d in park.descriptors)


def test_entity_ids_follow_first_mention_order(registry):
    firsts = [r.first_char for r in registry.records]
    assert firsts == sorted(firsts)
    assert [r.id for r in registry.records] == [f"e{n}" for n in range(1, len(registry.records) + 1)]


def test_gender_from_first_name_and_title():
    assert gender_from_words("Tom Okafor", ["senator"]) == "m"
    assert gender_from_words("Dana Ames", ["spokeswoman"]) == "f"
    assert gender_from_words("Dana Ames", []) is None


def test_gender_from_a_pronoun_that_can_only_mean_them(nlp):
    registry = build_registry(nlp("Dana Ames chairs the board. She said the vote would be held in May."))
    assert by_name(registry, "Dana Ames").gender == "f"


def test_entity_at_finds_the_tightest_mention(registry):
    okafor = by_name(registry, "Tom Okafor")
    start, end = okafor.mentions[0]
    assert registry.entity_at(start, end) == okafor.id
    assert registry.entity_at(start + 1, start + 2) == okafor.id


def test_with_mentions_copies_and_adds(registry):
    park = by_name(registry, "Lena Park")
    extended = registry.with_mentions([(park.id, 0, 6), ("e999", 0, 1)])
    assert (0, 6) in extended.get(park.id).mentions
    assert (0, 6) not in registry.get(park.id).mentions


def test_to_entities_spans_match_the_text(registry):
    for entity in registry.to_entities():
        for mention in entity.mentions:
            assert ARTICLE[mention.start : mention.end] == mention.text


def test_possessive_compound_is_split_into_owner_and_organisation(nlp):
    doc = nlp("Biden’s State Department chief said so.")
    pieces = split_possessive(doc, 0, 4, "ORG", {"Biden": Counter({"PERSON": 2})})
    assert [(doc[s:e].text, label) for s, e, label in pieces] == [
        ("Biden", "PERSON"),
        ("State Department", "ORG"),
    ]


def test_surname_misfired_as_a_place_joins_the_person(nlp):
    doc = nlp("Antony Blinken spoke. Later Blinken left.")
    raws = [RawMention(0, 2, "PERSON"), RawMention(5, 6, "GPE")]
    groups = group_mentions(doc, raws)
    assert len(groups) == 1 and groups[0].type == "PERSON" and len(groups[0].spans) == 2


def test_outvoted_label_gives_the_type(nlp):
    doc = nlp("Acme fell. Acme rose. Acme held.")
    raws = [RawMention(0, 1, "ORG"), RawMention(3, 4, "PERSON"), RawMention(6, 7, "ORG")]
    assert group_mentions(doc, raws)[0].type == "ORG"


def test_country_aliases_are_one_place(nlp):
    doc = nlp("The U.S. and America are the United States.")
    raws = [RawMention(1, 2, "GPE"), RawMention(3, 4, "GPE"), RawMention(6, 8, "GPE")]
    groups = group_mentions(doc, raws)
    assert len(groups) == 1 and groups[0].name == "United States"


def test_bare_name_word_and_longer_name_are_one_organisation(nlp):
    doc = nlp("State said the U.S. State Department agreed.")
    raws = [RawMention(0, 1, "ORG"), RawMention(3, 6, "ORG")]
    merged = merge_organisations(group_mentions(doc, raws))
    assert len(merged) == 1 and merged[0].name == "U.S. State Department"


def test_lowercase_model_misfire_is_dropped(nlp):
    registry = build_registry(nlp("They defended democratic values, Maria Ortiz said."))
    assert all(r.name != "democratic" for r in registry.records)


def test_shared_surname_stays_unlinked_unless_an_honorific_decides(nlp):
    text = "Barack Obama and Michelle Obama arrived. Obama spoke first. Mrs. Obama spoke later."
    registry = build_registry(nlp(text))
    michelle = by_name(registry, "Michelle Obama")
    assert mention_texts(registry, michelle)[-1] == "Obama"
    assert len(michelle.mentions) == 2
    assert len(by_name(registry, "Barack Obama").mentions) == 1


def test_honorific_of_the_other_gender_does_not_link(nlp):
    registry = build_registry(nlp("Michelle Obama spoke. Later Mr. Obama spoke."))
    assert len(by_name(registry, "Michelle Obama").mentions) == 1


def test_middle_initial_is_the_same_person(nlp):
    registry = build_registry(nlp("Loretta E. Lynch spoke on Monday. Loretta Lynch spoke again on Tuesday."))
    people = [r for r in registry.records if r.type == "PERSON"]
    assert len(people) == 1


def test_outlet_inside_a_longer_mention_leaves_the_rest(nlp):
    doc = nlp("Fox News' Megyn Kelly asked the question.")
    parts = outside(doc, RawMention(0, 5, "PERSON"), {0, 1})
    assert [doc[p.start : p.end].text for p in parts] == ["Megyn Kelly"]


def test_entity_run_across_a_colon_is_split(nlp):
    doc = nlp("National Interests: The Human Rights Council met.")
    assert [doc[s:e].text for s, e in split_at_breaks(doc, 0, 7)] == ["National Interests", "The Human Rights Council"]


def test_mention_starting_lower_case_is_dropped(nlp):
    doc = nlp("A pro-Clinton group spoke.")
    assert clean_mention(doc, 1, 4, "PERSON") is None


@pytest.mark.parametrize(
    "text",
    [
        "She mailed it at the Post Office on Monday.",
        "He spoke to the White House press corps.",
        "Time is running out, said Hugo Vance.",
        "He called CNN the Clinton News Network.",
    ],
)
def test_words_that_only_look_like_outlets_are_not_publications(nlp, text):
    registry = build_registry(nlp(text))
    assert [r.name for r in registry.records if r.type == "PUBLICATION"] in ([], ["CNN"])


def test_outlet_name_found_once_is_found_everywhere(nlp):
    registry = build_registry(nlp("The local Harbour Star said so. Harbour Star editors agreed."))
    star = by_name(registry, "Harbour Star")
    assert mention_texts(registry, star) == ["Harbour Star", "Harbour Star"]


def test_crown_prince_is_a_title(nlp):
    doc = nlp("Crown Prince Abdullah spoke.")
    mention = clean_mention(doc, 0, 3, "PERSON")
    assert doc[mention.start : mention.end].text == "Abdullah" and mention.titles == ("crown", "prince")


# -- nicknames, shared words, lexicon types and chrome words ---------------------------------------------


def people(registry):
    return [r for r in registry.records if r.type == "PERSON"]


def test_surname_and_nickname_variant_join_the_fullest_name(nlp):
    text = "Jim Okafor testified on Monday. James Okafor said he was sure. Okafor then left the room."
    registry = build_registry(nlp(text))
    assert len(people(registry)) == 1
    okafor = people(registry)[0]
    assert okafor.name == "James Okafor"
    assert mention_texts(registry, okafor) == ["Jim Okafor", "James Okafor", "Okafor"]


@pytest.mark.parametrize(
    ("short", "formal"),
    [("Bob", "Robert"), ("Bill", "William"), ("Mike", "Michael"), ("Liz", "Elizabeth"), ("Tom", "Thomas")],
)
def test_a_nickname_and_its_formal_first_name_are_one_person(nlp, short, formal):
    text = f"{short} Halloran spoke first. Later {formal} Halloran told reporters the vote was fair."
    registry = build_registry(nlp(text))
    assert [r.name for r in people(registry)] == [f"{formal} Halloran"]


def test_different_first_names_with_one_surname_stay_apart_and_the_bare_surname_unlinked(nlp):
    registry = build_registry(nlp("Tom Okafor and Lena Okafor arrived. Okafor spoke first."))
    assert sorted(r.name for r in people(registry)) == ["Lena Okafor", "Tom Okafor"]
    assert all(len(r.mentions) == 1 for r in people(registry))


def test_the_house_is_not_the_white_house(nlp):
    text = "The House voted on Tuesday. The White House said the House had acted too fast."
    registry = build_registry(nlp(text))
    house = by_name(registry, "House")
    assert mention_texts(registry, house) == ["House", "House"]
    assert mention_texts(registry, by_name(registry, "White House")) == ["White House"]


def test_one_shared_word_does_not_merge_organisations():
    groups = [
        MentionGroup("White House", "ORG", [(0, 2)]),
        MentionGroup("House", "ORG", [(5, 6)]),
        MentionGroup("Harbour Ferry Board", "ORG", [(8, 11)]),
        MentionGroup("Ferry", "ORG", [(14, 15)]),
    ]
    assert len(merge_organisations(groups)) == 4


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Senate", "U.S. Senate"),  # the rest is a country
        ("Intelligence Committee", "Senate Intelligence Committee"),  # more than one word
        ("Department", "Harbour Department"),  # an organisation's head word
        ("Harbour", "Harbour Department"),  # its name word
        ("HFA", "Harbour Ferry Authority"),  # its acronym
        ("H.F.A.", "Harbour Ferry Authority"),
    ],
)
def test_proper_suffix_name_word_and_acronym_merge_organisations(short, long):
    groups = [MentionGroup(long, "ORG", [(0, 3)]), MentionGroup(short, "ORG", [(5, 6)])]
    merged = merge_organisations(groups)
    assert len(merged) == 1 and merged[0].name == long


def test_a_head_word_that_fits_two_organisations_stays_apart():
    groups = [
        MentionGroup("Harbour Department", "ORG", [(0, 2)]),
        MentionGroup("Ferry Department", "ORG", [(3, 5)]),
        MentionGroup("Department", "ORG", [(8, 9)]),
    ]
    assert len(merge_organisations(groups)) == 3


def test_dotted_acronym_and_full_name_are_one_agency_typed_organisation(nlp):
    text = (
        "The F.B.I. declined to comment. The FBI later said it had opened a case. "
        "The Federal Bureau of Investigation did not say when."
    )
    registry = build_registry(nlp(text))
    forms = {"F.B.I.", "FBI", "Federal Bureau of Investigation"}
    agencies = [r for r in registry.records if forms & set(mention_texts(registry, r))]
    assert len(agencies) == 1
    assert agencies[0].type == "ORG" and agencies[0].name == "Federal Bureau of Investigation"
    assert mention_texts(registry, agencies[0]) == ["F.B.I.", "FBI", "Federal Bureau of Investigation"]


def test_dotted_acronyms_unknown_to_the_lexicon_are_one_entity_too(nlp):
    registry = build_registry(nlp("The H.F.A. said the ferry would stop. The HFA gave no date."))
    assert len([r for r in registry.records if r.name in ("H.F.A.", "HFA")]) == 1


def test_platforms_are_organisations_whatever_the_model_says(nlp):
    text = "Jim Okafor later posted on Twitter that he stood by it. He also wrote on Facebook and YouTube."
    registry = build_registry(nlp(text))
    for name in ("Twitter", "Facebook", "YouTube"):
        assert by_name(registry, name).type == "ORG"


def test_outlets_are_publications_whatever_the_model_says(nlp):
    text = (
        "Writing in The Atlantic, Lena Park said the New Republic was wrong. "
        "The Atlantic's editor agreed, and the Atlantic later ran a reply."
    )
    registry = build_registry(nlp(text))
    assert by_name(registry, "New Republic").type == "PUBLICATION"
    atlantic = by_name(registry, "The Atlantic")
    assert atlantic.type == "PUBLICATION" and len(atlantic.mentions) == 3


def test_chrome_words_are_not_entities(nlp):
    text = (
        "Slideshow (2 Images)\n\nRefiles to fix typo in paragraph 3\n\nRead More: Ferry board votes again\n\n"
        "Sam Hale said the vote was fair."
    )
    names = {r.name for r in build_registry(nlp(text)).records}
    assert not names & {"Slideshow", "Refiles", "Read More", "Read"}
    assert "Sam Hale" in names


def test_the_reader_resolves_a_chromed_article_to_clean_entities(reader):
    from byline.ingest import article_from_text

    text = (
        "Harbour board chief says the ferry contract was signed without a proper public tender\n\n"
        "This article is more than 1 year old\n\n"
        "PORT TOWN (Harbour News) - Former harbour director James Okafor said on Monday the deal was rushed.\n\n"
        "Slideshow (2 Images)\n\n"
        "Okafor told the House committee that the White House had pressed the board. Jim Okafor later posted "
        "on Twitter that he stood by his account. (RELATED: Ferry board faces new questions) The F.B.I. "
        "declined to comment.\n\n"
        "Reporting by Marta Quill; Editing by Ravi Dunn"
    )
    reading = reader.read(article_from_text(text))
    assert reading.article.title.startswith("Harbour board chief says")
    assert "Slideshow" not in reading.article.text and "RELATED" not in reading.article.text
    entities = {e.name: e for e in reading.entities}
    assert [m.text for m in entities["James Okafor"].mentions] == ["James Okafor", "Okafor", "Jim Okafor"]
    assert entities["Twitter"].type == "ORG" and entities["F.B.I."].type == "ORG"
    assert [m.text for m in entities["House"].mentions] == ["House"]
    assert not {"Slideshow", "Refiles", "Marta Quill"} & set(entities)


def test_a_lone_name_that_is_also_a_first_name_gives_no_gender():
    assert gender_from_words("Alexander", []) is None  # "Aleta Alexander" with "Aleta" missed: a surname
    assert gender_from_words("Alexander Reyes", []) == "m"
    assert gender_from_words("Alexander", ["mrs."]) == "f"
