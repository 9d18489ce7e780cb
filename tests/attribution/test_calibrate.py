"""Calibrated confidence, and the threshold that leaves out what falls below it."""

from __future__ import annotations

from byline.attribution.calibrate import (
    Calibrator,
    ConfidenceStage,
    above_threshold,
    attribution_features,
    fit_calibrator,
    load_calibrator,
)
from byline.ingest import article_from_text
from byline.pipeline import Reader
from byline.reading import Article, Attribution, Reading, Source, Span
from byline.settings import Settings


def _attribution(aid: str, confidence: float, via: str | None = None) -> Attribution:
    return Attribution(id=aid, kind="indirect", confidence=confidence, via=via, source=Source())


def test_fit_calibrator_learns_which_feature_separates_right_from_wrong() -> None:
    rows = [{"good": 1.0}] * 20 + [{"good": 0.0}] * 20
    outcomes = [True] * 18 + [False] * 2 + [False] * 18 + [True] * 2
    calibrator = fit_calibrator(rows, outcomes)
    assert calibrator.probability({"good": 1.0}) > 0.75
    assert calibrator.probability({"good": 0.0}) < 0.25


def test_calibrator_round_trips_through_json() -> None:
    calibrator = Calibrator({"a": 0.5}, -0.2, {"data": "x"})
    again = Calibrator.from_json(calibrator.to_json())
    assert again.probability({"a": 1.0}) == calibrator.probability({"a": 1.0})


def test_threshold_drops_low_confidence_and_repoints_a_chain_through_it() -> None:
    kept = above_threshold([_attribution("a1", 0.9), _attribution("a2", 0.2, "a1"), _attribution("a3", 0.8, "a2")], 0.5)
    assert [a.id for a in kept] == ["a1", "a3"]
    assert kept[1].via == "a1"


def test_threshold_clears_a_via_whose_whole_chain_is_dropped() -> None:
    kept = above_threshold([_attribution("a1", 0.1), _attribution("a2", 0.9, "a1")], 0.5)
    assert [(a.id, a.via) for a in kept] == [("a2", None)]


def test_features_read_the_speaker_resolution_from_the_reading() -> None:
    text = "Ortiz said it."
    reading = Reading(article=Article(text=text))
    attribution = Attribution(
        id="a1", kind="indirect", cue=Span(start=6, end=10, text="said"),
        source=Source(span=Span(start=0, end=5, text="Ortiz"), entity="e1"), confidence=0.9,
        evidence="crf-tagger+cue_perceptron:ROOT; speaker: mention",
    )
    features = attribution_features(reading, attribution)
    assert features["speaker_entity"] == 1.0 and features["core_speech_cue"] == 1.0 and features["tagger"] == 1.0
    assert features["speaker_anonymous"] == 0.0


def test_min_confidence_setting_leaves_out_attributions_below_it() -> None:
    article = article_from_text("Mayor Jane Ortiz said the budget would pass.\n\nShe added that taxes would not rise.")
    everything = Reader(Settings(min_confidence=0.0)).read(article)
    assert everything.attributions
    nothing = Reader(Settings(min_confidence=1.0)).read(article)
    assert all(a.confidence >= 1.0 for a in nothing.attributions)
    assert len(nothing.attributions) <= len(everything.attributions)


def test_confidence_stage_keeps_raw_scores_without_a_calibrator(tmp_path) -> None:
    assert load_calibrator(tmp_path / "none.json") is None
    stage = ConfidenceStage(calibrator=None)
    assert stage.name == "confidence"


def test_threshold_sweep_trades_recall_for_precision() -> None:
    from byline.attribution.train_calibration import threshold_sweep

    sweep = {s["threshold"]: s for s in threshold_sweep([0.9, 0.8, 0.3, 0.2], [True, True, False, True], n_gold=4)}
    assert sweep[0.0]["p"] == 0.75 and sweep[0.0]["r"] == 0.75
    assert sweep[0.5]["p"] == 1.0 and sweep[0.5]["r"] == 0.5


def test_out_of_fold_probabilities_never_come_from_a_model_that_saw_the_article() -> None:
    from byline.attribution.train_calibration import Labelled, out_of_fold

    # Article 0's rows say the opposite of every other article's: held out, it must be predicted wrong.
    rows = [{"x": 1.0}] * 10
    labelled = Labelled(rows=rows, outcomes=[False] * 2 + [True] * 8, article=[0, 0] + list(range(1, 9)), n_gold=10)
    probabilities = out_of_fold(labelled, folds=5)
    assert probabilities[0] > 0.5 and probabilities[1] > 0.5


def test_default_threshold_comes_from_the_shipped_calibrator(tmp_path) -> None:
    import json

    path = tmp_path / "c.json"
    path.write_text(json.dumps({"weights": {}, "bias": -5.0, "threshold": 0.5, "card": {}}), encoding="utf-8")
    stage = ConfidenceStage(calibrator=load_calibrator(path))
    article = article_from_text("Mayor Jane Ortiz said the budget would pass.")
    reader = Reader(Settings(min_confidence=None), stages=("sentences", "entities", "attribution"))
    reading = reader.read(article)
    from byline.pipeline import Context

    ctx = Context(doc=reader.nlp(article.text), reading=reading, settings=Settings(min_confidence=None))
    assert reading.attributions and stage.find(ctx) == []  # every probability is sigmoid(-5) < 0.5
    ctx.settings = Settings(min_confidence=0.0)
    assert len(stage.find(ctx)) == len(reading.attributions)
