"""Attributions with no named source, documents' findings, cueless quotes, passive anger, nested speech in
quotes, and the writer's predictions (docs/attribution-guideline.md §1, §3), read through the whole Reader
on short invented sentences."""

from __future__ import annotations

from byline.attribution.sourcing import speaker_label
from tests.attribution.test_speaker_regressions import by_cue


def test_reports_that_no_one_is_said_to_make_are_unnamed_reports(read):
    text = 'The mayor gave a summary of the "explosive" reports last month that two clerks were being fired for theft.'
    reading, attributions = read(text)
    reports = by_cue(attributions, "reports")
    assert reports.source.anonymous and speaker_label(reading, reports) == "unnamed reports"
    assert [c.text for c in reports.content] == ["two clerks were being fired for theft"]


def test_quantified_reports_keep_their_description_and_are_anonymous(read):
    reading, attributions = read("There were some reports that the ferry left the harbour early.")
    reports = by_cue(attributions, "reports")
    assert reports.source.anonymous and speaker_label(reading, reports) == "some reports"
    assert [c.text for c in reports.content] == ["the ferry left the harbour early"]


def test_reports_an_outlet_makes_are_left_to_the_outlet(read):
    reading, attributions = read("The Daily Ledger reports that the ferry left the harbour early.")
    reports = by_cue(attributions, "reports")
    assert not reports.source.anonymous and speaker_label(reading, reports).endswith("Daily Ledger")


def test_reports_the_parser_takes_for_a_verb_in_a_nouns_place_are_unnamed_reports(read):
    reading, attributions = read('Shares fell on Monday amid "damaging" reports that two clerks were fired for theft.')
    reports = by_cue(attributions, "reports")
    assert reports.source.anonymous and speaker_label(reading, reports) == "unnamed reports"


def test_an_agentless_passive_of_telling_is_unnamed_sources(read):
    reading, attributions = read("Local engineers who visited the site were being told that the bridge was unsafe.")
    told = by_cue(attributions, "were being told")
    assert told.source.anonymous and speaker_label(reading, told) == "unnamed sources"


def test_a_document_finding_in_a_relative_clause_is_the_documents_not_an_act_of_issuing(read):
    text = (
        'The agency issued a study today that reviewed dozens of floods and concluded that "every town needs a plan."'
    )
    reading, attributions = read(text)
    assert not [a for a in attributions if a.cue is not None and a.cue.text.startswith("issued")]
    concluded = by_cue(attributions, "concluded")
    assert concluded.source.span is not None and concluded.source.span.text == "a study"
    assert "every town needs a plan" in concluded.content[0].text


def test_a_quote_standing_as_its_own_sentence_continues_the_speaker_named_just_before(read):
    reading, attributions = read('Mayor Tom Briggs said the plan was sound. "It fits the needs of our town."')
    quote = next(a for a in attributions if a.cue is None)
    assert speaker_label(reading, quote) == "Tom Briggs"
    assert quote.content[0].text.startswith("It fits the needs of our town")


def test_a_quote_in_the_next_paragraph_is_not_given_a_speaker_it_has_no_cue_for(read):
    reading, attributions = read('Mayor Tom Briggs said the plan was sound.\n\n"It fits the needs of our town."')
    assert all(a.cue is not None for a in attributions)


def test_a_third_partys_speech_inside_a_quote_is_listed(read):
    text = (
        '"The fight goes on. As Mayor Jane Roe herself has said many times, the city lacks the money," Tom Smith said.'
    )
    reading, attributions = read(text)
    nested = by_cue(attributions, "has said")
    assert speaker_label(reading, nested) == "Jane Roe"
    assert [c.text for c in nested.content] == ["the city lacks the money"]


def test_anger_stated_in_the_passive_is_the_subjects_feeling(read):
    reading, attributions = read("This year, host Ann Vale was enraged by the idea of a purple mailbox.")
    enraged = by_cue(attributions, "enraged")
    assert speaker_label(reading, enraged) == "Ann Vale"
    assert [c.text for c in enraged.content] == ["the idea of a purple mailbox"]


def test_anger_with_a_clause_is_the_subjects_feeling(read):
    reading, attributions = read("Tenant groups were incensed that the council closed the shelter in winter.")
    incensed = by_cue(attributions, "incensed")
    assert [c.text for c in incensed.content] == ["the council closed the shelter in winter"]


def test_likely_to_with_an_act_is_the_writers_prediction(read):
    reading, attributions = read("Judge Tom Hale is not likely to buy that argument.")
    assert not attributions
