"""Speakers, anonymity and chains read through the whole Reader (docs/attribution-guideline.md §3–§5).

Each test is one class of error seen in real articles, on short invented sentences.
"""

from __future__ import annotations

import re

import pytest

from byline.attribution.chains import containment_links
from byline.attribution.detect import with_parse_source
from byline.attribution.model import Candidate
from byline.attribution.resolve import resolve
from byline.attribution.sourcing import speaker_label
from byline.entities.registry import build_registry


def at(text: str, phrase: str) -> tuple[int, int]:
    match = re.search(re.escape(phrase), text)
    assert match is not None, phrase
    return match.span()


def by_cue(attributions, cue: str):
    found = [a for a in attributions if a.cue is not None and a.cue.text == cue]
    assert found, [a.cue.text for a in attributions if a.cue]
    return found[0]


def contents(attribution) -> list[str]:
    return [piece.text for piece in attribution.content]


# -- 1. a nearby phrase is not the speaker -------------------------------------------------------------


def test_a_participle_after_the_subject_does_not_give_the_speaker(read):
    reading, attributions = read("Comey, fired by Trump in May last year, was worried about the memo.")
    worried = next(a for a in attributions if a.cue is not None and "worried" in a.cue.text)
    assert speaker_label(reading, worried) == "Comey"


def test_a_tagged_source_inside_the_subjects_modifier_gives_way_to_the_subject(nlp):
    text = "Comey, fired by Trump in May last year, was worried about the memo."
    doc = nlp(text)
    cue = next(t for t in doc if t.text == "was")
    tagged = Candidate(
        kind="indirect",
        cue=at(text, "was worried about"),
        source=at(text, "Trump in May last year,"),
        content=[at(text, "the memo")],
        cue_token=cue.i,
    )
    assert with_parse_source(doc, tagged).source == at(text, "Comey")


def test_an_outlet_after_a_comma_reports_the_whole_sentence_before_it(read):
    text = "Durham has sought records for former CIA Director John Brennan, The New York Times reported."
    reading, attributions = read(text)
    reported = by_cue(attributions, "reported")
    assert reported.source.span.text == "The New York Times"
    assert speaker_label(reading, reported) == "New York Times"
    assert contents(reported) == ["Durham has sought records for former CIA Director John Brennan"]


def test_a_participle_after_a_quote_belongs_to_the_quotes_speaker_not_its_subject(read):
    reading, attributions = read(
        "President Ana Ruiz spoke in Geneva on Friday. The president said two million jobs had been created "
        '"and that number is going up very fast," citing companies like Acme.'
    )
    citing = by_cue(attributions, "citing")
    assert citing.source.span.text == "The president"
    assert speaker_label(reading, citing) == "Ana Ruiz"


# -- 2. a description names the person just named --------------------------------------------------------


def test_a_description_with_a_party_adjective_resolves_to_the_named_holder_of_the_role(read):
    reading, attributions = read(
        "House Speaker Paul Ryan met the president on Monday. Later, the Republican speaker said the deal was close."
    )
    assert speaker_label(reading, by_cue(attributions, "said")) == "Paul Ryan"


def test_a_description_by_a_noun_the_person_was_described_with_resolves_to_them(read):
    reading, attributions = read(
        "Sam Nunberg, a longtime political operative, appeared on television on Monday. "
        "The operative said he would not testify."
    )
    assert speaker_label(reading, by_cue(attributions, "said")) == "Sam Nunberg"


# -- 3. the subject carries over ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("The senator met donors and said the bill was dead.", "said", "The senator"),
        ("Smith left the meeting, insisting that he had done nothing wrong.", "insisting", "Smith"),
        ("Jones, despite conceding that the plan was costly, said it would pass.", "conceding", "Jones"),
        ("Jones, despite conceding that the plan was costly, said it would pass.", "said", "Jones"),
    ],
)
def test_the_subject_carries_over_to_a_coordinated_or_dependent_cue(read, text, cue, speaker):
    reading, attributions = read(text)
    assert speaker_label(reading, by_cue(attributions, cue)) == speaker


def test_a_cue_under_a_preposition_finds_the_subject_of_the_clause(nlp):
    from byline.attribution.detect import find_source

    doc = nlp("Jones, despite conceding that the plan was costly, said it would pass.")
    conceding = next(t for t in doc if t.text == "conceding")
    assert find_source(conceding).text == "Jones"


def test_a_group_described_by_a_relative_clause_is_anonymous(read):
    reading, attributions = read("Some Arizona Republicans who know her well say she will run.")
    say = by_cue(attributions, "say")
    assert say.source.anonymous
    assert speaker_label(reading, say) == "Some Arizona Republicans"


# -- 4. two speakers in one sentence ---------------------------------------------------------------------


def test_coordinated_reports_of_two_speakers_are_two_attributions_with_no_chain(read):
    reading, attributions = read("Russia has denied meddling and Trump has denied any collusion.")
    denials = [a for a in attributions if a.cue is not None and a.cue.text == "has denied"]
    assert [(speaker_label(reading, a), contents(a)) for a in denials] == [
        ("Russia", ["meddling"]),
        ("Trump", ["any collusion"]),
    ]
    assert all(a.via is None for a in denials)


def test_a_speaker_is_not_reported_through_its_own_coordinated_report(nlp):
    text = "The senator met privately with donors on Tuesday and said the bill was dead."
    candidates = [
        Candidate(
            "indirect",
            at(text, "met privately with"),
            at(text, "The senator"),
            [at(text, "donors on Tuesday and said the bill was dead")],
        ),
        Candidate("indirect", at(text, "said"), at(text, "The senator"), [at(text, "the bill was dead")]),
    ]
    doc = nlp(text)
    attributions = resolve(doc, candidates, build_registry(doc))
    assert containment_links(attributions, doc) == {}


def test_a_speakers_words_inside_its_own_quote_are_still_reported_through_it(nlp):
    text = 'Priya Raman said, "I told the council the clinic would close."'
    candidates = [
        Candidate(
            "direct",
            at(text, "said"),
            at(text, "Priya Raman"),
            [at(text, '"I told the council the clinic would close."')],
        ),
        Candidate("indirect", at(text, "told"), at(text, "I"), [at(text, "the clinic would close")]),
    ]
    doc = nlp(text)
    attributions = resolve(doc, candidates, build_registry(doc))
    assert containment_links(attributions, doc) == {"a2": "a1"}


# -- 5. unnamed groups --------------------------------------------------------------------------------------


def test_staffers_the_writer_spoke_to_are_the_source_not_the_writer(read):
    reading, attributions = read("Former staffers we spoke to said she was a tough boss.")
    said = by_cue(attributions, "said")
    assert said.source.span.text == "Former staffers we spoke to"
    assert said.source.anonymous
    assert speaker_label(reading, said) == "Former staffers"


def test_a_consensus_among_an_unnamed_group_is_their_attribution(read):
    reading, attributions = read("There was a consensus among past staff that the office was badly run.")
    consensus = next(a for a in attributions if a.cue is not None and "consensus" in a.cue.text)
    assert consensus.source.anonymous
    assert speaker_label(reading, consensus) == "past staff"
    assert "past staff" not in consensus.cue.text
    assert contents(consensus) == ["that the office was badly run"]


def test_what_many_felt_is_an_anonymous_attribution(read):
    reading, attributions = read("Many of his former colleagues felt he had been treated unfairly.")
    felt = by_cue(attributions, "felt")
    assert felt.source.anonymous
    assert contents(felt) == ["he had been treated unfairly"]


# -- 6. excerpts of another outlet --------------------------------------------------------------------------


EXCERPT = (
    "From The New Republic:\n\n"
    "We have long argued that the tax plan is a giveaway. The senator said it was fair.\n\n"
    "Officials said the plan would cost billions."
)


def test_an_excerpt_article_speaks_in_the_excerpted_outlets_voice(read):
    reading, attributions = read(EXCERPT)
    excerpt = by_cue(attributions, "From")
    assert speaker_label(reading, excerpt) == "New Republic"
    argued = by_cue(attributions, "have long argued")
    assert speaker_label(reading, argued) == "New Republic"
    reported = [a for a in attributions if a.cue is not None and a.cue.text == "said"]
    assert reported and all(a.via == excerpt.id for a in reported)


def test_we_in_a_block_written_in_another_outlet_is_that_outlet(read):
    reading, attributions = read(
        "Ana Ruiz writes in The Atlantic:\n\n"
        "We have long argued that the tariffs were a mistake. Officials say the damage is lasting.\n\n"
        "That is the view from Washington."
    )
    we = next(a for a in attributions if a.source.span is not None and a.source.span.text == "We")
    assert speaker_label(reading, we) == "The Atlantic"


def test_we_outside_an_excerpt_stays_the_writers_outlet(read):
    reading, attributions = read("We have long argued that the tax plan is a giveaway.")
    assert speaker_label(reading, by_cue(attributions, "have long argued")) == "the writer's outlet"


# -- 7. a lone report adverb ---------------------------------------------------------------------------------


def test_a_lone_reportedly_is_attributed_to_unnamed_reports(read):
    text = "The donation came from a shell company in Delaware. The FBI is reportedly investigating the donation."
    reading, attributions = read(text)
    reportedly = by_cue(attributions, "reportedly")
    assert reportedly.source.anonymous and speaker_label(reading, reportedly) == "unnamed reports"
    assert contents(reportedly) == ["The FBI is", "investigating the donation"]
    assert [h.text for h in reportedly.hedges] == ["reportedly"]


def test_reportedly_on_a_claim_someone_reports_is_only_a_hedge(read):
    reading, attributions = read("The FBI is reportedly investigating the donation, CNN said.")
    assert [a.cue.text for a in attributions if a.cue] == ["said"]
    assert speaker_label(reading, attributions[0]) == "CNN"


def test_according_to_reports_is_unnamed_reports(read):
    reading, attributions = read("According to reports, the FBI is investigating the donation.")
    according = attributions[0]
    assert according.source.anonymous and speaker_label(reading, according) == "unnamed reports"
