"""The sentence classifiers at read time: a linear model over the sentence features, Platt-calibrated.

A model is one small JSON file: feature weights, an intercept, the Platt scaling (fitted on out-of-fold
scores, so that a probability means what it says), the decision threshold chosen by cross-validation, and
the facts of its training. Reading needs no scikit-learn: a score is a sum of dictionary look-ups.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from byline.slant.embeddings import load_embeddings
from byline.slant.features import FEATURE_SET, feature_set

MODELS_DIR = Path(__file__).resolve().parent / "models"
MODEL_FILE = "model.json"
SUBJECTIVITY_DIR = MODELS_DIR / "subjectivity"
BIAS_DIR = MODELS_DIR / "bias"
ECE_BINS = 10


@dataclass(frozen=True)
class SentenceModel:
    """A linear sentence classifier with its calibration and threshold."""

    weights: Mapping[str, float]
    intercept: float
    platt: tuple[float, float] = (1.0, 0.0)
    threshold: float = 0.5
    feature_set: str = FEATURE_SET
    facts: dict[str, Any] = field(default_factory=dict)

    def margin(self, features: Mapping[str, float]) -> float:
        """The raw linear score."""
        get = self.weights.get
        total = self.intercept
        for key, value in features.items():
            weight = get(key)
            if weight is not None:
                total += value * weight
        return total

    def calibrated(self, margin: float) -> float:
        """The probability of the positive class for a raw score."""
        a, b = self.platt
        return sigmoid(a * margin + b)

    def probability(self, features: Mapping[str, float]) -> float:
        return self.calibrated(self.margin(features))

    def to_json(self) -> dict[str, Any]:
        return {
            "feature_set": self.feature_set,
            "intercept": round(self.intercept, 6),
            "platt": [round(v, 6) for v in self.platt],
            "threshold": round(self.threshold, 4),
            "facts": self.facts,
            "weights": {key: round(value, 5) for key, value in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SentenceModel:
        a, b = data.get("platt", (1.0, 0.0))
        return cls(
            weights=dict(data["weights"]),
            intercept=float(data["intercept"]),
            platt=(float(a), float(b)),
            threshold=float(data.get("threshold", 0.5)),
            feature_set=str(data.get("feature_set", "")),
            facts=dict(data.get("facts", {})),
        )


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def save_model(model: SentenceModel, model_dir: Path) -> Path:
    """Write ``model.json`` into ``model_dir`` (made if need be)."""
    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / MODEL_FILE
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def read_model(model_dir: Path) -> SentenceModel | None:
    """The model in ``model_dir``, or None where there is none or it was fit on features byline cannot make here
    (another version's, or vectors that are not installed)."""
    path = model_dir / MODEL_FILE
    if not path.is_file():
        return None
    model = SentenceModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    return model if model.feature_set in readable_feature_sets() else None


def readable_feature_sets() -> tuple[str, ...]:
    """The feature sets this installation can make: the word features, and with the vectors where shipped."""
    embeddings = load_embeddings()
    return (FEATURE_SET,) if embeddings is None else (FEATURE_SET, feature_set(embeddings))


@lru_cache(maxsize=8)
def load_model(model_dir: Path) -> SentenceModel | None:
    """``read_model``, once per process and folder."""
    return read_model(model_dir)


def macro_f1(predicted: Sequence[bool], gold: Sequence[bool]) -> float:
    """The mean of the two classes' F1 (a class absent from both counts as 1.0)."""
    scores = []
    for positive in (True, False):
        tp = sum(p == positive and g == positive for p, g in zip(predicted, gold, strict=True))
        fp = sum(p == positive and g != positive for p, g in zip(predicted, gold, strict=True))
        fn = sum(p != positive and g == positive for p, g in zip(predicted, gold, strict=True))
        scores.append(1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / 2


def expected_calibration_error(probabilities: Sequence[float], gold: Sequence[bool], bins: int = ECE_BINS) -> float:
    """ECE over ``bins`` equal-width bins of the positive class's probability: the weighted mean gap between
    each bin's mean probability and its share of positives."""
    if not probabilities:
        return 0.0
    members: list[list[int]] = [[] for _ in range(bins)]
    for i, p in enumerate(probabilities):
        members[min(int(p * bins), bins - 1)].append(i)
    total = 0.0
    for group in members:
        if group:
            mean_p = sum(probabilities[i] for i in group) / len(group)
            share = sum(gold[i] for i in group) / len(group)
            total += len(group) / len(probabilities) * abs(mean_p - share)
    return total


def best_threshold(probabilities: Sequence[float], gold: Sequence[bool]) -> float:
    """The threshold (on a 0.01 grid, 0.05–0.95) with the best macro-F1; ties go to the one nearest 0.5."""
    grid = [round(0.05 + 0.01 * k, 2) for k in range(91)]
    scored = [(macro_f1([p >= t for p in probabilities], gold), -abs(t - 0.5), t) for t in grid]
    return max(scored)[2]
