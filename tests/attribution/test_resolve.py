"""Speaker resolution over hand-built candidates on our own fixture texts."""

from __future__ import annotations

import re

from byline.attribution.model import Candidate
from byline.attribution.resolve import (
    candidate_position,
    implied_subject,
    resolve,
    resolved_mentions,
    role_match,
)
from byline.entities.registry import build_registry


def at(text: str, phrase: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the n-th whole-word occurrence of ``phrase``."""
    pattern = (r"\b" if phrase[0].isalnum() else "") + re.escape(phrase) + (r"\b" if phrase[-1].isalnum() else "")
    match = list(re.finditer(pattern, text))[occurrence - 1]
    return match.start(), match.end()


def candidate(text, cue, source=None, content=None, kind="indirect", cue_n=1, source_n=1):
    return Candidate(
        kind=kind,
        cue=at(text, cue, cue_n),
        source=at(text, source, source_n) if source else None,
        content=[at(text, content)] if content else [],
        evidence="test",
    )


def read(nlp, text, candidates):
    doc = nlp(text)
    registry = build_registry(doc)
    attributions = resolve(doc, candidates, registry)
    return registry, attributions


def speaker(registry, attribution):
    record = registry.get(attribution.source.entity)
    return record.name if record else None


PRONOUNS = (
    "Maria Lopez, the chair of the board, met Tom Reed on Monday. "
    "She said the plan was sound. Reed disagreed. He said it would fail."
)


def test_pronoun_takes_the_antecedent_of_its_gender(nlp):
    cands = [
        candidate(PRONOUNS, "said", "She", "the plan was sound"),
        candidate(PRONOUNS, "said", "He", "it would fail", cue_n=2),
    ]
    registry, (first, second) = read(nlp, PRONOUNS, cands)
    assert speaker(registry, first) == "Maria Lopez"
    assert speaker(registry, second) == "Tom Reed"
    assert "pronoun" in first.evidence


QUOTES = "Tom Reed said the budget was too small. Sam Hale was in the room. “We will fight this,” he added."


def test_pronoun_prefers_the_speaker_just_quoted_over_a_nearer_name(nlp):
    cands = [
        candidate(QUOTES, "said", "Tom Reed", "the budget was too small"),
        candidate(QUOTES, "added", "he", "“We will fight this,”", kind="direct"),
    ]
    registry, (_, added) = read(nlp, QUOTES, cands)
    assert speaker(registry, added) == "Tom Reed"


def test_pronoun_without_a_compatible_antecedent_stays_unknown(nlp):
    text = "The council met on Monday. She said the vote was close."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "She", "the vote was close")])
    assert attribution.source.entity is None
    assert attribution.confidence <= 0.5


def test_pronoun_does_not_reach_into_its_own_quote(nlp):
    text = "“Maria Lopez is wrong,” he said."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "he", "“Maria Lopez is wrong,”", "direct")])
    assert attribution.source.entity is None


ROLES = (
    "The regional health minister, Priya Raman, opened the clinic. "
    "Transport Secretary Hugo Vance was there too. "
    "The minister said it would help. The secretary added that buses would run. "
    "The finance minister said nothing."
)


def test_description_resolves_through_an_earlier_apposition(nlp):
    cands = [candidate(ROLES, "said", "The minister", "it would help")]
    registry, (attribution,) = read(nlp, ROLES, cands)
    assert speaker(registry, attribution) == "Priya Raman"


def test_description_resolves_through_a_title_before_a_name(nlp):
    cands = [candidate(ROLES, "added", "The secretary", "that buses would run")]
    registry, (attribution,) = read(nlp, ROLES, cands)
    assert speaker(registry, attribution) == "Hugo Vance"


def test_description_with_other_modifiers_is_not_guessed(nlp):
    cands = [candidate(ROLES, "said nothing", "The finance minister")]
    registry, (attribution,) = read(nlp, ROLES, cands)
    assert attribution.source.entity is None


def test_role_match_levels():
    assert role_match("secretary", set(), {"secretary", "state"}) == 0.85
    assert role_match("chief", {"state", "department"}, {"secretary", "state"}) == 0.7
    assert role_match("minister", {"finance"}, {"health", "minister"}) == 0.0


def test_head_of_the_same_body_resolves_to_its_secretary(nlp):
    text = "Secretary of Labor Ana Cruz visited. The Labor Department chief said wages would rise."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "The Labor Department chief")])
    assert speaker(registry, attribution) == "Ana Cruz"
    mentions = resolved_mentions(nlp(text), [attribution], registry)
    assert [(text[s:e]) for _, s, e in mentions] == ["The Labor Department chief"]


def test_surname_resolves_to_the_full_name(nlp):
    text = "Hugo Vance arrived. Vance said the line would open."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "Vance", "the line would open", source_n=2)])
    assert speaker(registry, attribution) == "Hugo Vance"


def test_outlet_and_organisation_descriptions_resolve(nlp):
    text = (
        "The Northfield Post first reported the closure. The newspaper said more would follow. "
        "The Transport Department was silent until the department said service would resume."
    )
    cands = [
        candidate(text, "said", "The newspaper", "more would follow"),
        candidate(text, "said", "the department", "service would resume", cue_n=2),
    ]
    registry, (paper, department) = read(nlp, text, cands)
    assert registry.get(paper.source.entity).type == "PUBLICATION"
    assert speaker(registry, department) == "Transport Department"


def test_possessor_of_a_message_is_the_speaker(nlp):
    text = "Priya Raman wrote to staff. Raman’s message says the clinic will reopen."
    registry, (attribution,) = read(nlp, text, [candidate(text, "says", "Raman’s message", "the clinic will reopen")])
    assert speaker(registry, attribution) == "Priya Raman"


def test_a_document_speaks_for_itself(nlp):
    text = "Priya Raman wrote to staff. Raman’s letter says the clinic will reopen."
    registry, (attribution,) = read(nlp, text, [candidate(text, "says", "Raman’s letter", "the clinic will reopen")])
    assert registry.get(attribution.source.entity).type == "DOCUMENT"


def test_vague_source_is_not_resolved_to_an_entity(nlp):
    text = "Priya Raman spoke first. One official said the talks had stalled."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "One official", "the talks had stalled")])
    assert attribution.source.entity is None
    assert attribution.source.anonymous and attribution.source.description == "One official"


def test_relative_pronoun_stands_for_its_noun(nlp):
    text = "The plan angered residents who said the park would be lost."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "who", "the park would be lost")])
    assert attribution.source.anonymous and attribution.source.description == "residents"


def test_implied_subject_of_a_non_finite_cue(nlp):
    text = "Sen. Tom Okafor was quick to condemn the plan."
    doc = nlp(text)
    cand = candidate(text, "condemn", content="the plan")
    assert implied_subject(doc, cand) == at(text, "Sen. Tom Okafor")
    registry, (attribution,) = read(nlp, text, [cand])
    assert speaker(registry, attribution) == "Tom Okafor"
    assert "implied subject" in attribution.evidence


def test_implied_subject_after_told_to_is_the_object(nlp):
    text = "Priya Raman told staff to deny the report."
    assert implied_subject(nlp(text), candidate(text, "deny", content="the report")) == at(text, "staff")


def test_sourceless_quote_continues_the_adjacent_speaker(nlp):
    text = "“We are ready,” Priya Raman said. “The doors open at nine.”"
    cands = [
        candidate(text, "said", "Priya Raman", "“We are ready,”", kind="direct"),
        Candidate(kind="direct", cue=None, source=None, content=[at(text, "“The doors open at nine.”")]),
    ]
    registry, (_, second) = read(nlp, text, cands)
    assert speaker(registry, second) == "Priya Raman"
    assert second.confidence <= 0.5


def test_ids_follow_text_order(nlp):
    text = "Hugo Vance said yes. Priya Raman said no."
    cands = [
        candidate(text, "said", "Priya Raman", "no", cue_n=2),
        candidate(text, "said", "Hugo Vance", "yes"),
    ]
    registry, attributions = read(nlp, text, cands)
    assert [(a.id, speaker(registry, a)) for a in attributions] == [
        ("a1", "Hugo Vance"),
        ("a2", "Priya Raman"),
    ]
    assert candidate_position(cands[1]) < candidate_position(cands[0])


def test_several_speakers_together_are_not_one_entity(nlp):
    text = "Priya Raman and Hugo Vance said the deal was fair."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "Priya Raman and Hugo Vance", "the deal")])
    assert attribution.source.entity is None


def test_plural_description_is_not_a_known_person(nlp):
    text = "Mayor Ines Duarte and her lawyer met. Attorneys for the family said the city was at fault."
    cand = candidate(text, "said", "Attorneys for the family", "the city was at fault")
    registry, (attribution,) = read(nlp, text, [cand])
    assert attribution.source.entity is None


def test_name_in_apposition_to_a_description(nlp):
    text = "Hugo Vance sued the city. One of his lawyers, Priya Raman, said the case was strong."
    cand = candidate(text, "said", "One of his lawyers, Priya Raman,", "the case was strong")
    registry, (attribution,) = read(nlp, text, [cand])
    assert speaker(registry, attribution) == "Priya Raman"


def test_pronoun_inside_someone_else_s_quote_looks_inside_it(nlp):
    text = "Hugo Vance spoke first. Raman wrote: “The first time she saw the plan, she laughed.”"
    quote = "“The first time she saw the plan, she laughed.”"
    cands = [
        candidate(text, "wrote", "Raman", quote, kind="block"),
        candidate(text, "laughed", "she", None, source_n=2),
    ]
    registry, (_, laughed) = read(nlp, text, cands)
    assert laughed.source.entity is None


def test_pronoun_prefers_the_subject_of_its_own_sentence(nlp):
    text = (
        "Hugo Vance said the plan was fair. While Tom Reed shares many of Vance’s views, he said the plan went too far."
    )
    cands = [
        candidate(text, "said", "Hugo Vance", "the plan was fair"),
        candidate(text, "said", "he", "the plan went too far", cue_n=2),
    ]
    registry, (_, second) = read(nlp, text, cands)
    assert speaker(registry, second) == "Tom Reed"


def test_it_stays_unknown_when_a_common_noun_is_nearer_than_any_name(nlp):
    text = "Ministers met in Northfield. The editorial noted the delay, and it said the city had failed."
    cand = candidate(text, "said", "it", "the city had failed")
    registry, (attribution,) = read(nlp, text, [cand])
    assert attribution.source.entity is None
    assert "nearer" in attribution.evidence


def test_apposed_place_or_party_does_not_name_the_speaker(nlp):
    text = "A gaffe by Representative Kevin Marsh (R-Calif.) suggested the panel was biased."
    cand = candidate(text, "suggested", "A gaffe by Representative Kevin Marsh (R-Calif.)", "the panel was biased")
    registry, (attribution,) = read(nlp, text, [cand])
    record = registry.get(attribution.source.entity)
    assert record is None or record.type == "PERSON"


def test_relative_pronoun_after_an_apposed_description_is_the_named_person(nlp):
    text = "She chose Hugo Vance, a man who said he had changed."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "who", "he had changed")])
    assert speaker(registry, attribution) == "Hugo Vance"


def test_pronoun_continues_an_anonymous_source(nlp):
    text = "Two aides said the vote would slip. They added that no date was set."
    cands = [
        candidate(text, "said", "Two aides", "the vote would slip"),
        candidate(text, "added", "They", "that no date was set"),
    ]
    registry, (_, added) = read(nlp, text, cands)
    assert added.source.entity is None
    assert added.source.anonymous and added.source.description == "Two aides"


def test_pronoun_after_a_named_person_does_not_continue_the_anonymous_source(nlp):
    text = "One official said the vote would slip. Hugo Vance disagreed. He said a date was set."
    cands = [
        candidate(text, "said", "One official", "the vote would slip"),
        candidate(text, "said", "He", "a date was set", cue_n=2),
    ]
    registry, (_, second) = read(nlp, text, cands)
    assert speaker(registry, second) == "Hugo Vance"


def test_name_inside_the_anonymous_source_s_words_does_not_interrupt_it(nlp):
    text = "One official said Hugo Vance would resign. He added that the date was set."
    cands = [
        candidate(text, "said", "One official", "Hugo Vance would resign"),
        candidate(text, "added", "He", "that the date was set"),
    ]
    registry, (_, added) = read(nlp, text, cands)
    assert added.source.anonymous and added.source.description == "One official"


def test_pronoun_with_others_is_several_speakers(nlp):
    text = "Priya Raman spoke. She and her aides said the vote would pass."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "She and her aides", "the vote would pass")])
    assert attribution.source.entity is None


def test_the_company_is_the_one_organisation_just_named(nlp):
    text = "Shares in Northfield Mining fell on Monday. The company said output would recover."
    registry, (attribution,) = read(nlp, text, [candidate(text, "said", "The company", "output would recover")])
    assert registry.get(attribution.source.entity).name == "Northfield Mining"


def test_it_after_a_resolved_common_noun_source_is_that_source(nlp):
    text = "Shares in Northfield Mining fell. The company said sales had slowed. It expected a profit."
    cands = [
        candidate(text, "said", "The company", "sales had slowed"),
        candidate(text, "expected", "It", "a profit"),
    ]
    registry, (_, expected) = read(nlp, text, cands)
    assert registry.get(expected.source.entity).name == "Northfield Mining"


def test_relative_pronoun_for_a_coordinated_group_is_described_by_the_group(nlp):
    from byline.attribution.model import Candidate
    from byline.attribution.resolve import resolve
    from byline.entities.registry import build_registry

    text = "His words echo criticism from Norway and Peru, which often question the plan."
    doc = nlp(text)
    which = text.index("which")
    cue = text.index("often question")
    candidate = Candidate(
        kind="indirect",
        cue=(cue, cue + len("often question")),
        source=(which, which + 5),
        content=[(cue + len("often question "), len(text) - 1)],
        cue_token=doc.char_span(cue + 6, cue + 14).root.i,
    )
    [attribution] = resolve(doc, [candidate], build_registry(doc))
    assert attribution.source.entity is None and not attribution.source.anonymous
    assert attribution.source.description == "Norway and Peru"


def test_first_person_outside_quotes_is_the_writer(nlp):
    text = "The council met on Tuesday. I believe the council is wrong."
    _, [believe] = read(nlp, text, [candidate(text, "believe", "I", "the council is wrong")])
    assert believe.source.entity is None and believe.source.description == "the writer"
    assert not believe.source.anonymous


def test_first_person_inside_a_quotation_is_not_the_writer(nlp):
    text = '"I think we told them," the mayor said. The mayor left.'
    quote = Candidate(
        kind="direct", cue=at(text, "said"), source=at(text, "the mayor"), content=[at(text, '"I think we told them,"')]
    )
    nested = candidate(text, "think", "I", "we told them")
    _, attributions = read(nlp, text, [nested, quote])
    think = next(a for a in attributions if a.cue.text == "think")
    assert think.source.description is None and think.source.entity is None
