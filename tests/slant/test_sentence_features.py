"""Sentence features come from the tokens of the parse already made, and the models read them without scikit-learn."""

from __future__ import annotations

import math

import pytest

from byline.slant.features import FEATURE_SET, LENGTH, sentence_features, sentence_spans
from byline.slant.sentence_models import (
    SentenceModel,
    best_threshold,
    expected_calibration_error,
    macro_f1,
    read_model,
    save_model,
)


def test_features_are_words_lemmas_bigrams_and_tags_scaled_by_length(nlp):
    doc = nlp("The dogs barked.")
    features = sentence_features(doc)
    scale = 1 / math.sqrt(4)
    assert features["w=dogs"] == pytest.approx(scale)
    assert features["l=dog"] == pytest.approx(scale)  # the lemma, where it differs from the word
    assert features["b=<s>|the"] == pytest.approx(scale)
    assert features["b=.|</s>"] == pytest.approx(scale)
    assert features["t=NNS"] == pytest.approx(scale)
    assert features[LENGTH] == pytest.approx(math.log1p(4))
    assert "l=the" not in features


def test_sentence_spans_cover_each_character_range_with_whole_tokens(nlp):
    doc = nlp("It rained. What a disgraceful mess!")
    first, second = sentence_spans(doc, [(0, 10), (12, 35)])  # the second starts inside "What"
    assert first.text == "It rained."
    assert second.text == "What a disgraceful mess!"
    assert sentence_spans(doc, [(3, 3)])[0].text == ""


def test_no_tokens_no_features(nlp):
    assert sentence_features(nlp("   ")) == {}


def test_a_model_scores_by_its_weights_and_calibrates_with_platt():
    model = SentenceModel(weights={"w=awful": 2.0}, intercept=-1.0, platt=(1.0, 0.0))
    assert model.margin({"w=awful": 1.0, "w=unseen": 5.0}) == pytest.approx(1.0)
    assert model.probability({"w=awful": 1.0}) > 0.5 > model.probability({})


def test_a_model_round_trips_and_one_fit_on_other_features_is_not_read(tmp_path):
    model = SentenceModel(weights={"w=a": 0.5}, intercept=0.1, platt=(0.9, -0.2), threshold=0.4, facts={"task": "x"})
    save_model(model, tmp_path)
    again = read_model(tmp_path)
    assert again is not None and again.weights == {"w=a": 0.5} and again.threshold == 0.4
    assert again.feature_set == FEATURE_SET
    stale = SentenceModel(weights={}, intercept=0.0, feature_set="v0")
    save_model(stale, tmp_path)
    assert read_model(tmp_path) is None
    assert read_model(tmp_path / "absent") is None


def test_macro_f1_ece_and_threshold():
    gold = [True, True, False, False]
    assert macro_f1([True, True, False, False], gold) == 1.0
    assert macro_f1([True, True, True, True], gold) == pytest.approx((2 / 3 + 0) / 2)
    assert expected_calibration_error([1.0, 1.0, 0.0, 0.0], gold) == 0.0
    assert expected_calibration_error([0.75, 0.75, 0.75, 0.75], gold) == pytest.approx(0.25)
    assert 0.3 < best_threshold([0.9, 0.6, 0.3, 0.1], gold) <= 0.6
