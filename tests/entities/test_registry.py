"""The entity registry: names, surnames, titles, outlets, documents, appositions, genders."""

from __future__ import annotations

from collections import Counter

import pytest

from byline.entities.registry import (
    RawMention,
    build_registry,
    clean_mention,
    gender_from_words,
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
