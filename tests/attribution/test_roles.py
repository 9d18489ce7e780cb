"""Descriptions, relative pronouns and pronoun chains the name lists alone cannot resolve (guideline §3)."""

from __future__ import annotations

from spacy.tokens import Span

from byline.attribution.resolve import resolve
from byline.entities.registry import build_registry
from tests.attribution.test_resolve import candidate, read, speaker


def test_the_president_is_the_person_said_to_act_as_president(nlp):
    text = (
        "Dara Voss spoke in Geneva on Tuesday. One of Voss's first acts as president was to close the mine. "
        "The president said the economy was strong."
    )
    registry, (said,) = read(nlp, text, [candidate(text, "said", "The president", "the economy was strong")])
    assert speaker(registry, said) == "Dara Voss"


def test_the_president_finds_a_surname_the_model_typed_as_an_organisation(nlp):
    text = (
        "Vantrell said he would sign the bill. Vantrell said he was tired after his first year "
        "as president. The president said the talks would go on."
    )
    doc = nlp(text)
    names = [Span(doc, t.i, t.i + 1, label="ORG") for t in doc if t.text == "Vantrell"]
    doc.ents = sorted(
        [e for e in doc.ents if e.label_ != "PERSON" and "Vantrell" not in e.text] + names, key=lambda e: e.start
    )
    registry = build_registry(doc)
    cand = candidate(text, "said", "The president", "the talks would go on", cue_n=3)
    (said,) = resolve(doc, [cand], registry)
    assert speaker(registry, said) == "Vantrell"


def test_the_ex_director_is_the_director_not_the_deputy(nlp):
    text = (
        "Hal Brody, the former bank director, met Ona Pierce, the deputy bank director, on Monday. "
        "Pierce left early. “I will testify,” the ex-director said."
    )
    registry, (said,) = read(nlp, text, [candidate(text, "said", "the ex-director", "I will testify", "direct")])
    assert speaker(registry, said) == "Hal Brody"


def test_a_person_description_with_a_who_clause_is_the_person_just_discussed(nlp):
    text = (
        "Mr. Tomas Reyes told the Daily Ledger on Monday that he was unwell. "
        "The veteran campaigner, who ran two races, said he would not testify."
    )
    cands = [
        candidate(text, "told", "Mr. Tomas Reyes", "he was unwell"),
        candidate(text, "said", "The veteran campaigner", "he would not testify"),
    ]
    registry, (_, said) = read(nlp, text, cands)
    assert speaker(registry, said) == "Tomas Reyes"


def test_a_chain_of_pronouns_keeps_the_speaker_resolved_before(nlp):
    text = (
        "Senator Ada Moss dismissed the plan on Friday. Mr. Tomas Reyes said on Monday that he was unwell. "
        "He complained about the long hearings. He said he would rest."
    )
    cands = [
        candidate(text, "said", "Mr. Tomas Reyes", "he was unwell"),
        candidate(text, "complained", "He", "the long hearings"),
        candidate(text, "said", "He", "he would rest", cue_n=2, source_n=2),
    ]
    registry, attributions = read(nlp, text, cands)
    assert [speaker(registry, a) for a in attributions] == ["Tomas Reyes"] * 3


def test_the_tax_agency_is_the_agency_named_just_before(nlp):
    text = (
        "Families must send their records to the IRS every spring. "
        "The tax agency warned that late filers would pay a penalty."
    )
    registry, (warned,) = read(nlp, text, [candidate(text, "warned", "The tax agency", "late filers would pay")])
    assert speaker(registry, warned) == "IRS"


def test_the_news_agency_is_still_an_outlet(nlp):
    text = "Reuters reported the vote first. The news agency said turnout was low."
    registry, (said,) = read(nlp, text, [candidate(text, "said", "The news agency", "turnout was low")])
    assert speaker(registry, said) == "Reuters"


def test_who_after_a_phrase_on_a_predicate_noun_is_the_subject(nlp):
    text = "Lena Ortiz was an unpaid intern on the campaign who was fired after suggesting they meet the donors."
    cand = candidate(text, "suggesting", "who", "they meet the donors")
    registry, (suggesting,) = read(nlp, text, [cand])
    assert speaker(registry, suggesting) == "Lena Ortiz"


def test_who_after_a_thing_from_a_group_is_the_group(unfiltered_reader):
    from byline.ingest import article_from_text

    text = "The plan will likely trigger a backlash from conservatives who condemned the old council's spending."
    attributions = unfiltered_reader.read(article_from_text(text)).attributions
    condemned = next(a for a in attributions if a.cue is not None and "condemned" in a.cue.text)
    assert condemned.source.anonymous and condemned.source.description == "conservatives"
