"""Bias: cross-validation by outlet on BABE-format data, training on a fixture, the shipped model's sense."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from byline.slant.eval_sentences import evaluate_bias
from byline.slant.sentence_models import BIAS_DIR, load_model
from byline.slant.train_sentences import group_folds, read_babe, train_bias

BIASED = [
    "The radical left's insane crusade is destroying our great nation.",
    "Trump's despicable, racist rant shocked decent Americans again.",
    "The corrupt elites are shamelessly lying to hardworking families.",
    "Extremist zealots rammed through their disastrous scheme.",
    "The cowardly senator caved to the bloodthirsty gun lobby.",
    "This outrageous power grab exposes the hypocrisy of the regime.",
]
NEUTRAL = [
    "The Senate voted 52 to 48 to approve the measure on Thursday.",
    "The agency said it would publish the report in June.",
    "The governor signed the bill into law on Monday.",
    "The company employs about 3,000 people in the state.",
    "The court will hear arguments in the case next month.",
    "Officials said the new rules take effect in January.",
]


def write_babe(path: Path) -> Path:
    outlets = ["A", "B", "C"]
    rows = [
        {"text": t, "outlet": outlets[k % 3], "label_bias": "Biased", "label_opinion": "Expresses writer’s opinion"}
        for k, t in enumerate(BIASED)
    ] + [
        {"text": t, "outlet": outlets[k % 3], "label_bias": "Non-biased", "label_opinion": "Entirely factual"}
        for k, t in enumerate(NEUTRAL)
    ]
    rows.append({"text": "Unclear.", "outlet": "A", "label_bias": "No agreement", "label_opinion": "No agreement"})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_rows_without_agreement_are_left_out_and_folds_are_by_outlet(tmp_path):
    examples = read_babe(write_babe(tmp_path / "babe.jsonl"))
    assert len(examples) == 12
    folds = group_folds(examples)
    assert len(folds) == 3
    for train, held in folds:
        assert {examples[i].group for i in held}.isdisjoint(examples[i].group for i in train)


def test_outlet_cross_validation_says_how_many_folds(tmp_path):
    scores = evaluate_bias(write_babe(tmp_path / "babe.jsonl"))
    assert {"macro_f1", "n", "ece", "folds"} <= set(scores) and scores["folds"] == 3 and scores["n"] == 12
    assert "outlet" in scores["mode"]


def test_training_on_a_fixture_writes_a_model_the_shipped_mode_scores(tmp_path):
    data = write_babe(tmp_path / "babe.jsonl")
    facts = train_bias(data, tmp_path / "model")
    assert facts["outlets"] == 3 and facts["cv"]["folds"] == 3
    assert "by outlet" in (tmp_path / "model" / "MODEL_CARD.md").read_text(encoding="utf-8")
    scores = evaluate_bias(data, shipped=True, model_dir=tmp_path / "model")
    assert scores["n"] == 12 and "not a fair figure" in scores["mode"]


def test_the_shipped_model_finds_loaded_wording_more_biased_than_plain_reporting(nlp):
    from byline.slant.embeddings import load_embeddings
    from byline.slant.features import sentence_features

    model = load_model(BIAS_DIR)
    assert model is not None
    vectors = load_embeddings()  # the shipped model is fit with the sentence vectors

    def probability(text: str) -> float:
        return model.probability(sentence_features(nlp(text), vectors))

    biased = probability("The radical left's insane, destructive agenda is a disgrace.")
    plain = probability("The city council met on Tuesday to discuss the budget.")
    assert biased > 0.5 > plain


def test_a_missing_file_is_a_catalogued_error(tmp_path):
    from byline.errors import BylineError

    with pytest.raises(BylineError, match="no such file"):
        evaluate_bias(tmp_path / "absent.jsonl")
