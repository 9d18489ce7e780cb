"""Confidence that means what it says: each attribution's probability of being real, with the right speaker.

The detectors' raw scores do not separate right from wrong. A small logistic model over what the reading
already holds (the raw score, which detector found it, how the speaker was resolved, the cue, the kind)
maps them to a probability, fitted on the dev half of the real-news gold (``byline train calibration``)
and shipped as ``models/calibration.json``. The ``confidence`` stage applies it and then drops the
attributions under ``Settings.min_confidence`` (by default the calibrator's own threshold, chosen on that
half), re-pointing any chain that ran through a dropped one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.attribution.cues import REPORT_ADVERBS, SPEECH_VERBS, STATEMENT_CUES
from byline.pipeline import Context, register_stage
from byline.reading import Attribution, Reading

CALIBRATION_PATH = Path(__file__).parent / "models" / "calibration.json"
CORE_SPEECH = frozenset(
    """
    said say says saying told tell tells according added adds wrote writes asked asks replied explained
    stated declared announced argued claimed insisted warned noted denied acknowledged admitted tweeted
    """.split()
)
_STATEMENT_WORDS = STATEMENT_CUES | SPEECH_VERBS | CORE_SPEECH
STATEMENT_STEMS = frozenset(word.rstrip("e") for word in _STATEMENT_WORDS) | _STATEMENT_WORDS
PRONOUNS = frozenset("he she they it we i you who which that this these those".split())


def attribution_features(reading: Reading, attribution: Attribution) -> dict[str, float]:
    """What the calibrator weighs for one attribution, read from the Reading alone."""
    evidence = attribution.evidence or ""
    source = attribution.source
    cue_words = attribution.cue.text.lower().split() if attribution.cue else []
    source_text = source.span.text.strip().lower() if source.span else ""
    content_chars = sum(len(s.text) for s in attribution.content)
    raw = min(max(attribution.confidence, 0.01), 0.99)
    return {
        "raw_logit": math.log(raw / (1 - raw)),
        "tagger": float("crf-tagger" in evidence),
        "perceptron": float("cue_perceptron" in evidence),
        "colon_or_block": float("colon" in evidence or attribution.kind == "block"),
        "direct": float(attribution.kind == "direct"),
        "mixed": float(attribution.kind == "mixed"),
        "speaker_entity": float(source.entity is not None),
        "speaker_anonymous": float(source.anonymous),
        "speaker_unresolved": float(source.entity is None and not source.anonymous and not source.description),
        "speaker_by_pronoun": float("pronoun" in evidence),
        "speaker_described": float("described as" in evidence or "possessor" in evidence),
        "speaker_implied": float("implied subject" in evidence or "continuing" in evidence),
        "source_is_pronoun": float(source_text in PRONOUNS),
        "no_source": float(source.span is None),
        "core_speech_cue": float(bool(cue_words) and (cue_words[0] in CORE_SPEECH or cue_words[-1] in CORE_SPEECH)),
        "long_cue": float(len(cue_words) >= 3),
        "no_cue": float(not cue_words),
        "report_adverb": float(bool(cue_words) and cue_words[0] in REPORT_ADVERBS),
        "content_log_chars": math.log1p(content_chars) / 6,
        "via": float(attribution.via is not None),
        "doubted": float("unsure:" in evidence),
        "statement_cue": float(any(w in STATEMENT_STEMS or _stem(w) in STATEMENT_STEMS for w in cue_words)),
        "speaker_relative": float("relative pronoun" in evidence),
        "speaker_group": float("group" in evidence or " and " in source_text),
    }


def _stem(word: str) -> str:
    """A crude stem of a cue word ("condemned" -> "condemn"): the Reading keeps no lemmas."""
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@dataclass
class Calibrator:
    """A logistic model: probability = sigmoid(bias + Σ weight·feature)."""

    weights: dict[str, float]
    bias: float
    card: dict[str, Any]
    threshold: float = 0.0  # the default min_confidence, chosen where the calibrator was fitted

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1 / (1 + math.exp(-max(min(z, 30), -30)))

    def to_json(self) -> dict[str, Any]:
        return {"weights": self.weights, "bias": self.bias, "threshold": self.threshold, "card": self.card}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Calibrator:
        return cls(
            weights=dict(data["weights"]),
            bias=float(data["bias"]),
            card=dict(data.get("card", {})),
            threshold=float(data.get("threshold", 0.0)),
        )


def load_calibrator(path: Path = CALIBRATION_PATH) -> Calibrator | None:
    """The shipped calibrator, or None where there is none (raw scores are kept then)."""
    if not path.is_file():
        return None
    return Calibrator.from_json(json.loads(path.read_text(encoding="utf-8")))


def fit_calibrator(
    rows: Sequence[dict[str, float]], outcomes: Sequence[bool], l2: float = 1.0, steps: int = 3000, rate: float = 0.5
) -> Calibrator:
    """Logistic regression by full-batch gradient descent with an L2 penalty (the bias is not penalised)."""
    names = sorted({name for row in rows for name in row})
    weights = dict.fromkeys(names, 0.0)
    bias = 0.0
    n = max(len(rows), 1)
    for _ in range(steps):
        grad = dict.fromkeys(names, 0.0)
        grad_bias = 0.0
        model = Calibrator(weights, bias, {})
        for row, outcome in zip(rows, outcomes, strict=True):
            error = model.probability(row) - float(outcome)
            grad_bias += error
            for name, value in row.items():
                grad[name] += error * value
        bias -= rate * grad_bias / n
        weights = {name: w - rate * (grad[name] / n + l2 * w / n) for name, w in weights.items()}
    return Calibrator({k: round(v, 5) for k, v in weights.items()}, round(bias, 5), {})


def calibrated(reading: Reading, calibrator: Calibrator | None) -> list[Attribution]:
    """The reading's attributions with ``confidence`` replaced by the calibrated probability."""
    if calibrator is None:
        return list(reading.attributions)
    return [
        a.model_copy(update={"confidence": round(calibrator.probability(attribution_features(reading, a)), 3)})
        for a in reading.attributions
    ]


def above_threshold(attributions: list[Attribution], min_confidence: float) -> list[Attribution]:
    """The attributions at or above ``min_confidence``; a chain through a dropped one goes to its via."""
    kept_ids = {a.id for a in attributions if a.confidence >= min_confidence}
    via_of = {a.id: a.via for a in attributions}

    def kept_via(via: str | None) -> str | None:
        seen = set()
        while via is not None and via not in kept_ids and via not in seen:
            seen.add(via)
            via = via_of.get(via)
        return via if via in kept_ids else None

    return [a.model_copy(update={"via": kept_via(a.via)}) for a in attributions if a.id in kept_ids]


class ConfidenceStage:
    """Calibrates every attribution's confidence, then keeps those at or above the reader's threshold."""

    name = "confidence"

    def __init__(self, calibrator: Calibrator | None | bool = True) -> None:
        self._calibrator = load_calibrator() if calibrator is True else (calibrator or None)

    def find(self, ctx: Context) -> list[Attribution]:
        threshold = ctx.settings.min_confidence
        if threshold is None:
            threshold = self._calibrator.threshold if self._calibrator is not None else 0.0
        return above_threshold(calibrated(ctx.reading, self._calibrator), threshold)

    def write(self, ctx: Context, found: list[Attribution]) -> None:
        ctx.reading.attributions = found


register_stage("confidence")(ConfidenceStage)
