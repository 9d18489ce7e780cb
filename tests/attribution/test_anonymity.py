"""Anonymous and vague sources are marked, described and left without an entity."""

from __future__ import annotations

import re

import pytest

from byline.attribution.anonymity import mark_anonymous, vague_description
from byline.reading import Attribution, Source, Span


def source_span(nlp, text, phrase):
    doc = nlp(text)
    match = re.search(re.escape(phrase), text)
    return doc, doc.char_span(match.start(), match.end(), alignment_mode="expand")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("One official reportedly said the deal was done.", "One official", "One official"),
        (
            "Unnamed senior officials said the talks stalled.",
            "Unnamed senior officials",
            "Unnamed senior officials",
        ),
        (
            "A source familiar with the talks said they stalled.",
            "A source familiar with the talks",
            "A source familiar with the talks",
        ),
        ("Sources said the plan was dead.", "Sources", "Sources"),
        ("Critics say the law goes too far.", "Critics", "Critics"),
        (
            "Another member of the cabinet said it was unfair.",
            "Another member of the cabinet",
            "Another member of the cabinet",
        ),
        ("Some Democrats believe the bill will pass.", "Some Democrats", "Some Democrats"),
        (
            "Three staff members, who spoke on condition of anonymity, said the mayor knew.",
            "Three staff members, who spoke on condition of anonymity,",
            "Three staff members",
        ),
    ],
)
def test_vague_sources_are_described(nlp, text, phrase, expected):
    _, span = source_span(nlp, text, phrase)
    assert vague_description(span) == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Priya Raman said the deal was done.", "Priya Raman"),
        ("The minister said the deal was done.", "The minister"),
        ("One official, Hugo Vance, said the deal was done.", "One official, Hugo Vance,"),
    ],
)
def test_named_and_definite_sources_are_not_vague(nlp, text, phrase):
    _, span = source_span(nlp, text, phrase)
    assert vague_description(span) is None


def attribution(text, phrase, n, entity=None):
    start = text.index(phrase)
    span = Span(start=start, end=start + len(phrase), text=phrase)
    return Attribution(id=f"a{n}", kind="indirect", source=Source(span=span, entity=entity))


def test_mark_anonymous_sets_flag_and_description(nlp):
    text = "Two aides said the vote would slip. Priya Raman denied it."
    doc = nlp(text)
    marked = mark_anonymous(doc, [attribution(text, "Two aides", 1), attribution(text, "Priya Raman", 2, "e1")])
    assert marked[0].source.anonymous and marked[0].source.description == "Two aides"
    assert marked[0].source.entity is None
    assert not marked[1].source.anonymous


def test_unresolved_definite_vague_source_takes_the_earlier_description(nlp):
    text = "A senior official said the vote would slip. The official added that no date was set."
    doc = nlp(text)
    marked = mark_anonymous(doc, [attribution(text, "A senior official", 1), attribution(text, "The official", 2)])
    assert marked[1].source.anonymous
    assert marked[1].source.description == "A senior official"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The two men said they had never met.", "The two men"),
        ("Later, Citizens for Tax Justice said the plan was regressive.", "Citizens for Tax Justice"),
    ],
)
def test_definite_groups_and_missed_names_are_not_vague(nlp, text, phrase):
    _, span = source_span(nlp, text, phrase)
    assert vague_description(span) is None


def test_description_stays_inside_the_source_span(nlp):
    text = "BRUSSELS - European leaders said the deal was off."
    _, span = source_span(nlp, text, "European leaders")
    assert vague_description(span) == "European leaders"


def test_definite_description_without_an_anonymous_antecedent_is_not_anonymous(nlp):
    text = "Hugo Vance spoke. His chief aide said the plan was dead. The official added nothing."
    doc = nlp(text)
    marked = mark_anonymous(doc, [attribution(text, "His chief aide", 1), attribution(text, "The official", 2)])
    assert not marked[0].source.anonymous and not marked[1].source.anonymous


def test_group_with_named_members_is_not_anonymous(nlp):
    text = "Intelligence officials, including Director Hugo Vance, have argued that the leak was Russian."
    doc = nlp(text)
    (marked,) = mark_anonymous(doc, [attribution(text, "Intelligence officials, including Director Hugo Vance", 1)])
    assert not marked.source.anonymous


def test_apposed_description_of_a_named_person_is_not_anonymous(nlp):
    _, span = source_span(nlp, "She chose Hugo Vance, a man who shifted his stance.", "a man")
    assert vague_description(span) is None


def test_claim_attributed_by_report_adverb_alone_is_from_unnamed_reports(nlp):
    text = "The mayor reportedly took bribes."
    doc = nlp(text)
    cue = Span(start=10, end=20, text="reportedly")
    claim = Attribution(id="a1", kind="indirect", cue=cue, source=Source(span=None))
    marked = mark_anonymous(doc, [claim])[0]
    assert marked.source.anonymous and marked.source.description == "unnamed reports"
    assert marked.source.entity is None
