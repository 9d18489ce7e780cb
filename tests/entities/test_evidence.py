"""Evidence in the text about an entity: a person the model typed as an organisation, roles said "as …"."""

from __future__ import annotations

from spacy.tokens import Span

from byline.entities.evidence import looks_like_person, role_phrases
from byline.entities.registry import build_registry


def as_organisation(nlp, text: str, name: str):
    """The parse of ``text`` with every ``name`` token typed ORG, as the small model sometimes does."""
    doc = nlp(text)
    spans = [Span(doc, t.i, t.i + 1, label="ORG") for t in doc if t.text == name]
    others = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
    doc.ents = sorted(others + spans, key=lambda e: e.start)
    return doc


def spans_of(doc, name):
    return [(t.idx, t.idx + len(t.text)) for t in doc if t.text == name]


def test_a_surname_typed_organisation_is_a_person_when_he_follows_it_as_subject(nlp):
    text = "Vantrell said he would sign the bill. Later Vantrell told reporters he was tired."
    doc = as_organisation(nlp, text, "Vantrell")
    assert looks_like_person(doc, "Vantrell", spans_of(doc, "Vantrell"))
    record = next(r for r in build_registry(doc).records if r.name == "Vantrell")
    assert record.type == "PERSON"


def test_a_surname_typed_organisation_is_a_person_after_a_personal_title(nlp):
    text = "The crowd cheered when Mr. Vantrell arrived at the hall."
    doc = as_organisation(nlp, text, "Vantrell")
    assert looks_like_person(doc, "Vantrell", spans_of(doc, "Vantrell"))


def test_a_surname_typed_organisation_is_a_person_by_a_personal_possessive(nlp):
    text = "Vantrell's speech ran for an hour, and the crowd was quiet."
    doc = as_organisation(nlp, text, "Vantrell")
    assert looks_like_person(doc, "Vantrell", spans_of(doc, "Vantrell"))


def test_an_organisation_that_it_refers_to_stays_an_organisation(nlp):
    text = "Quorbex said it would cut prices. Quorbex reported that it had lost money."
    doc = as_organisation(nlp, text, "Quorbex")
    assert not looks_like_person(doc, "Quorbex", spans_of(doc, "Quorbex"))


def test_a_name_with_an_organisation_word_is_never_retyped(nlp):
    doc = nlp("Mr. Holt praised the Holt Foundation.")
    assert not looks_like_person(doc, "Holt Foundation", [])


def test_acting_as_a_role_gives_the_person_that_role(nlp):
    text = "One of Dara Voss's first acts as governor was to close the mine."
    doc = nlp(text)
    start = text.index("Dara Voss")
    assert role_phrases(doc, [(start, start + len("Dara Voss"))], []) == ["governor"]


def test_as_with_another_person_between_gives_no_role(nlp):
    text = "Dara Voss named Eli Park as director of the agency."
    doc = nlp(text)
    voss, park = text.index("Dara Voss"), text.index("Eli Park")
    assert role_phrases(doc, [(voss, voss + 9)], [(park, park + 8)]) == []
