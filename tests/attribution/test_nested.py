"""Beliefs detection's cue model leaves out (byline/attribution/nested.py), on sentences written for these tests."""

from __future__ import annotations

from byline.attribution.detect import detect


def found(nlp, text: str) -> dict[str, tuple[str | None, list[str]]]:
    doc = nlp(text)
    return {
        text[c.cue[0] : c.cue[1]]: (
            text[c.source[0] : c.source[1]] if c.source else None,
            [text[s:e] for s, e in c.content],
        )
        for c in detect(doc)
        if c.cue
    }


def test_a_groups_belief_inside_someones_quote_is_found(nlp):
    cues = found(nlp, '"The farmers believe the harvest will fail, and that is why they are angry," said Jane Roe.')
    assert cues["believe"] == ("The farmers", ["the harvest will fail"])
    assert "said" in cues


def test_the_speakers_own_belief_inside_their_quote_is_not_listed_again(nlp):
    assert "think" not in found(nlp, '"I think we will win the vote," she said.')


def test_a_feeling_adjective_with_a_clause_is_a_belief(nlp):
    source, content = found(nlp, "The lawyers are cognizant that the ruling will be appealed.")["cognizant"]
    assert source == "The lawyers" and content[0].startswith("the ruling will be appealed")


def test_the_feeling_in_a_place_is_that_is_a_view_held_there(nlp):
    cues = found(nlp, "The feeling inside the agency is that the plan is doomed.")
    assert cues["The feeling"] == ("the agency", ["the plan is doomed"])
