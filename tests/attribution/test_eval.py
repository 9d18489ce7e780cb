"""The PolNeAR scorer on hand-made gold and predictions."""

from __future__ import annotations

import pytest

from byline.attribution.eval import (
    candidates_to_attributions,
    normalise,
    overlap_ratio,
    score_attributions,
    token_set,
)
from byline.attribution.model import Candidate
from byline.attribution.polnear import GoldAttribution, GoldDoc
from byline.reading import Attribution, Source, Span

TEXT = "The mayor said that the bridge will close in May. Critics, he added, were wrong."


def at(fragment: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def gold(*attributions: GoldAttribution, text: str = TEXT) -> list[GoldDoc]:
    return [GoldDoc("d1", text, list(attributions))]


def gold_attribution(cue, source, content) -> GoldAttribution:
    return GoldAttribution("E1", "Attribution", tuple(cue), tuple(source), tuple(content))


def predicted(cue, source, content, text: str = TEXT) -> Attribution:
    def span(s):
        return Span(start=s[0], end=s[1], text=text[s[0] : s[1]])

    return Attribution(
        id="a1",
        kind="indirect",
        cue=span(cue) if cue else None,
        source=Source(span=span(source) if source else None),
        content=[span(c) for c in content],
    )


MAYOR = gold_attribution([at("said")], [at("The mayor")], [at("that the bridge will close in May")])


def test_identical_spans_score_one_everywhere():
    pred = predicted(at("said"), at("The mayor"), [at("that the bridge will close in May")])
    result = score_attributions(gold(MAYOR), {"d1": [pred]})
    for kind in ("exact", "overlap"):
        for role in ("source", "cue", "content"):
            assert result[kind][role] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert result["speaker_accuracy"] == 1.0
    assert (result["n_docs"], result["n_gold"], result["n_pred"]) == (1, 1, 1)


def test_result_has_exactly_the_documented_keys():
    result = score_attributions(gold(MAYOR), {})
    assert set(result) == {"exact", "overlap", "speaker_accuracy", "n_docs", "n_gold", "n_pred"}
    assert set(result["exact"]) == set(result["overlap"]) == {"source", "cue", "content"}


def test_content_without_that_misses_exact_but_matches_overlap():
    pred = predicted(at("said"), at("The mayor"), [at("the bridge will close in May")])
    result = score_attributions(gold(MAYOR), {"d1": [pred]})
    assert result["exact"]["content"]["f1"] == 0.0
    assert result["overlap"]["content"]["f1"] == 1.0
    assert result["speaker_accuracy"] == 1.0


def test_overlap_needs_half_of_the_longer_span():
    # "May" is 1 of the 8 gold content tokens: far below half.
    pred = predicted(at("said"), at("The mayor"), [at("May")])
    assert score_attributions(gold(MAYOR), {"d1": [pred]})["overlap"]["content"]["f1"] == 0.0
    # The whole text covers the gold content but is more than twice as long.
    pred = predicted(at("said"), at("The mayor"), [(0, len(TEXT))])
    assert score_attributions(gold(MAYOR), {"d1": [pred]})["overlap"]["content"]["f1"] == 0.0


def test_whitespace_at_piece_ends_does_not_count():
    start, end = at("that the bridge will close in May")
    pred = predicted(at("said"), at("The mayor"), [(start - 1, end)])
    assert score_attributions(gold(MAYOR), {"d1": [pred]})["exact"]["content"]["f1"] == 1.0


def test_discontinuous_content_matches_exactly_only_with_every_piece():
    split = gold_attribution([at("added")], [at("he")], [at("Critics"), at("were wrong")])
    both = predicted(at("added"), at("he"), [at("were wrong"), at("Critics")])
    assert score_attributions(gold(split), {"d1": [both]})["exact"]["content"]["f1"] == 1.0
    half = predicted(at("added"), at("he"), [at("were wrong")])
    result = score_attributions(gold(split), {"d1": [half]})
    assert result["exact"]["content"]["f1"] == 0.0
    assert result["overlap"]["content"]["f1"] == 1.0  # 2 of 3 tokens, pieces pooled


def test_precision_and_recall_count_spurious_and_missing_attributions():
    spurious = predicted(at("added"), at("Critics"), [at("were wrong")])
    right = predicted(at("said"), at("The mayor"), [at("that the bridge will close in May")])
    result = score_attributions(gold(MAYOR), {"d1": [right, spurious]})
    assert result["exact"]["cue"] == {"p": 0.5, "r": 1.0, "f1": 0.6667}
    result = score_attributions(gold(MAYOR), {"d1": []})
    assert result["exact"]["cue"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_one_prediction_matches_one_gold_only():
    twice = gold(MAYOR, MAYOR)
    pred = predicted(at("said"), at("The mayor"), [at("that the bridge will close in May")])
    assert score_attributions(twice, {"d1": [pred]})["exact"]["source"]["r"] == 0.5


def test_speaker_accuracy_counts_wrong_and_missing_sources():
    wrong = predicted(at("said"), at("mayor"), [at("that the bridge will close in May")])
    assert score_attributions(gold(MAYOR), {"d1": [wrong]})["speaker_accuracy"] == 0.0
    missing = predicted(at("said"), None, [at("that the bridge will close in May")])
    result = score_attributions(gold(MAYOR), {"d1": [missing]})
    assert result["speaker_accuracy"] == 0.0
    assert result["exact"]["source"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_sourceless_gold_is_not_counted_for_source():
    no_source = GoldAttribution("E2", "Attribution-no-source", (at("said"),), (), (at("that the bridge"),))
    pred = predicted(at("said"), None, [at("that the bridge")])
    result = score_attributions(gold(no_source), {"d1": [pred]})
    assert result["exact"]["source"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert result["speaker_accuracy"] == 1.0  # both absent


def test_token_helpers():
    assert normalise(" ab ", [(0, 4), (2, 2)]) == ((1, 3),)
    a = token_set("a b, c", ((0, 6),))
    assert len(a) == 4
    assert overlap_ratio(a, frozenset()) == 0.0


def test_candidates_to_attributions_keeps_offsets_and_texts():
    candidate = Candidate(
        kind="indirect",
        cue=at("said"),
        source=at("The mayor"),
        content=[at("that the bridge will close in May")],
        negated=True,
        confidence=0.7,
        evidence="test",
    )
    (attribution,) = candidates_to_attributions([candidate], TEXT)
    assert attribution.cue.text == "said"
    assert attribution.source.span.text == "The mayor"
    assert [c.text for c in attribution.content] == ["that the bridge will close in May"]
    assert (attribution.negated, attribution.confidence, attribution.evidence) == (True, 0.7, "test")


@pytest.mark.data
def test_evaluate_polnear_scores_what_the_reader_outputs(shared_data, reader):
    from byline.attribution.eval import evaluate_polnear

    path = shared_data / "attribution" / "polnear" / "json" / "dev.jsonl"
    if not path.exists():
        pytest.skip("PolNeAR dev absent")
    result = evaluate_polnear(path, reader, limit=3)
    assert result["n_docs"] == 3
    assert result["n_gold"] > 0


def test_paragraph_units_cut_spans_at_paragraph_edges_and_count_exact_matches_per_unit():
    from byline.attribution.eval import paragraph_ranges, score_paragraph_units
    from byline.attribution.polnear import GoldAttribution, GoldDoc

    text = "“We will win,” she said.\n\n“And we will build,” she added, “a better city.”"
    assert paragraph_ranges(text) == [(0, 24), (26, len(text))]
    first = GoldAttribution("a1", "Attribution", cue=((15, 19),), source=((11, 14),), content=((0, 14),))
    # one content running over both paragraphs: it counts once in each
    second = GoldAttribution("a2", "Attribution", cue=((47, 52),), source=((43, 46),), content=((1, 12), (26, 42)))
    gold = GoldDoc("d", text, [first, second])
    predicted = [
        Attribution(
            id="p1",
            kind="direct",
            cue=Span(start=15, end=19, text=text[15:19]),
            source=Source(span=Span(start=11, end=14, text=text[11:14])),
            content=[Span(start=1, end=12, text=text[1:12])],
        )
    ]
    scores = score_paragraph_units([gold], {"d": predicted})
    assert scores["n_units"] == 2
    assert scores["exact"]["cue"] == {"p": 1.0, "r": 0.5, "f1": 0.6667}
    # gold contents by unit: (0, 14) and (1, 12) in the first, (26, 42) in the second; (1, 12) is matched
    assert scores["exact"]["content"] == {"p": 1.0, "r": 0.3333, "f1": 0.5}
