"""Hedges on an attribution's cue or on the main clause of its content."""

from __future__ import annotations

import re

from byline.attribution.hedges import attach_hedges, hedge_phrases, is_report_hedge
from byline.attribution.model import Candidate
from byline.attribution.resolve import resolve
from byline.entities.registry import build_registry
from byline.reading import Span


def at(text: str, phrase: str) -> tuple[int, int]:
    match = re.search(r"\b" + re.escape(phrase) + r"\b", text)
    return match.start(), match.end()


def hedges_of(nlp, text, cue, source, content):
    doc = nlp(text)
    cand = Candidate(kind="indirect", cue=at(text, cue), source=at(text, source), content=[at(text, content)])
    (attribution,) = attach_hedges(doc, resolve(doc, [cand], build_registry(doc)))
    return [h.text for h in attribution.hedges], attribution


def test_adverb_on_the_cue(nlp):
    text = "One official reportedly said the deal was done."
    hedges, attribution = hedges_of(nlp, text, "said", "One official", "the deal was done")
    assert hedges == ["reportedly"]
    span = attribution.hedges[0]
    assert text[span.start : span.end] == "reportedly"


def test_likely_in_the_reported_claim(nlp):
    text = "The Northfield Post reported that this is likely the reason for the delay."
    hedges, _ = hedges_of(nlp, text, "reported", "The Northfield Post", "that this is likely the reason for the delay")
    assert hedges == ["likely"]


def test_modal_on_the_content_predicate(nlp):
    text = "The auditor warned that the fund could run dry within a year."
    hedges, _ = hedges_of(nlp, text, "warned", "The auditor", "that the fund could run dry within a year")
    assert hedges == ["could"]


def test_hedge_in_a_nested_clause_is_not_the_attribution_s(nlp):
    text = "Priya Raman said that the board, which might meet in June, had approved the plan."
    hedges, _ = hedges_of(
        nlp, text, "said", "Priya Raman", "that the board, which might meet in June, had approved the plan"
    )
    assert hedges == []


def test_hedge_in_another_sentence_is_not_attached(nlp):
    text = "Priya Raman said the plan was approved. It may fail anyway."
    hedges, _ = hedges_of(nlp, text, "said", "Priya Raman", "the plan was approved")
    assert hedges == []


def test_multiword_hedges_are_found(nlp):
    doc = nlp("He is said to have left. She appears to agree. According to reports, it closed.")
    found = {doc[s:e].text for s, e, _ in hedge_phrases(doc)}
    assert {"is said to", "appears to", "According to reports"} <= found


def test_month_may_is_not_a_hedge(nlp):
    doc = nlp("The vote is in May.")
    assert hedge_phrases(doc) == []


def test_report_hedges_are_told_apart():
    assert is_report_hedge(Span(start=0, end=10, text="reportedly"))
    assert is_report_hedge(Span(start=0, end=10, text="is said to"))
    assert not is_report_hedge(Span(start=0, end=5, text="might"))


def test_modal_of_inability_is_not_a_hedge(nlp):
    doc = nlp("The spokesman could not confirm it. She could only guess.")
    assert hedge_phrases(doc) == []
