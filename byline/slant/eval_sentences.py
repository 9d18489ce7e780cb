"""Scoring the sentence classifiers: macro-F1 at the model's threshold and ECE (10 bins) of its probabilities.

Subjectivity is scored with the shipped model on a CheckThat!-format TSV. Bias on BABE-format JSONL is
cross-validated with one fold per outlet (each outlet's sentences scored by a model fit on the others'),
or, with ``shipped``, scored by the shipped model (not a fair figure on the data it was trained on).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from byline.errors import BylineError
from byline.slant.embeddings import StaticEmbeddings, load_embeddings
from byline.slant.features import FEATURE_SET
from byline.slant.sentence_models import (
    BIAS_DIR,
    SUBJECTIVITY_DIR,
    SentenceModel,
    expected_calibration_error,
    macro_f1,
    read_model,
)
from byline.slant.train_sentences import (
    Example,
    Features,
    group_folds,
    parse_features,
    read_babe,
    read_checkthat,
    require_sklearn,
    train_model,
)

INNER_FOLDS = 5  # outlet groups for the calibration and threshold inside each outer fold
DEFAULT_BIAS_C = 3.0


def shipped_model(task: str, model_dir: Path) -> SentenceModel:
    """The model in ``model_dir``, or a one-line error saying how to train it."""
    model = read_model(model_dir)
    if model is None:
        raise BylineError("slant_model_missing", str(model_dir), task=task)
    return model


def vectors_of(model: SentenceModel | None) -> StaticEmbeddings | None:
    """The static vectors where ``model`` was fit with them (an evaluation makes the features it was fit on)."""
    return load_embeddings() if model is not None and model.feature_set != FEATURE_SET else None


def score(probabilities: Sequence[float], gold: Sequence[bool], threshold: float) -> dict[str, Any]:
    """The documented figures: macro-F1 at ``threshold``, n, ECE."""
    return {
        "macro_f1": round(macro_f1([p >= threshold for p in probabilities], gold), 4),
        "n": len(gold),
        "ece": round(expected_calibration_error(probabilities, gold), 4),
    }


def evaluate_subjectivity(data: Path, model_dir: Path = SUBJECTIVITY_DIR) -> dict[str, Any]:
    """The shipped subjectivity model on a CheckThat!-format TSV."""
    model = shipped_model("subjectivity", model_dir)
    examples = read_checkthat(data)
    features = parse_features([e.text for e in examples], vectors_of(model))
    return score([model.probability(f) for f in features], [e.label for e in examples], model.threshold)


def evaluate_bias(data: Path, shipped: bool = False, model_dir: Path = BIAS_DIR) -> dict[str, Any]:
    """Bias on BABE-format JSONL: outlet-fold cross-validation, or the shipped model with ``shipped``."""
    examples = read_babe(data, "label_bias")
    if not examples:
        raise BylineError("malformed", str(data), detail="no rows labelled Biased or Non-biased")
    model = read_model(model_dir)
    features = parse_features([e.text for e in examples], vectors_of(model))
    gold = [e.label for e in examples]
    if shipped:
        model = shipped_model("bias", model_dir)
        found = score([model.probability(f) for f in features], gold, model.threshold)
        return found | {"mode": "shipped model (scored on its own training data when this is BABE: not a fair figure)"}
    require_sklearn()
    c = float(model.facts.get("cv", {}).get("c", DEFAULT_BIAS_C)) if model else DEFAULT_BIAS_C
    probabilities, thresholds = outlet_cross_validation(features, examples, c)
    predicted = [p >= t for p, t in zip(probabilities, thresholds, strict=True)]
    folds = len({e.group for e in examples})
    return {
        "macro_f1": round(macro_f1(predicted, gold), 4),
        "n": len(gold),
        "ece": round(expected_calibration_error(probabilities, gold), 4),
        "folds": folds,
        "mode": f"cross-validation by outlet: {folds} folds, each outlet scored by a model fit on the others (C={c})",
    }


def outlet_cross_validation(
    features: Sequence[Features], examples: Sequence[Example], c: float
) -> tuple[list[float], list[float]]:
    """Each sentence's calibrated probability, and the threshold of the model that scored it, from a model
    fit (with its calibration and threshold) on the other outlets only."""
    probabilities = [0.0] * len(examples)
    thresholds = [0.5] * len(examples)
    for train, held in group_folds(examples):
        inner_examples = [examples[i] for i in train]
        inner_features = [features[i] for i in train]
        model, _ = train_model(inner_features, inner_examples, inner_group_folds(inner_examples), c_grid=(c,))
        for i in held:
            probabilities[i] = model.probability(features[i])
            thresholds[i] = model.threshold
    return probabilities, thresholds


def inner_group_folds(examples: Sequence[Example], k: int = INNER_FOLDS) -> list[tuple[list[int], list[int]]]:
    """At most ``k`` folds of whole outlets (scikit-learn's GroupKFold), for calibrating inside a fold."""
    from sklearn.model_selection import GroupKFold

    groups = [e.group for e in examples]
    splitter = GroupKFold(n_splits=min(k, len(set(groups))))
    return [(list(a), list(b)) for a, b in splitter.split(examples, groups=groups)]
