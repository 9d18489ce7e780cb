"""``byline train calibration``: fit the confidence calibrator on the dev half of the real-news gold.

Out-of-fold probabilities (folds by article) give an honest calibration error on the half it is fitted on
and choose the default threshold: the one with the best right-speaker F1 there. The shipped calibrator is
then fitted on the whole half; its card keeps the figures and the threshold sweep.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from byline.attribution.calibrate import CALIBRATION_PATH, Calibrator, attribution_features, fit_calibrator
from byline.attribution.realnews import (
    GOLD_PATH,
    SHARED_CORPUS,
    body_attributions,
    expected_calibration_error,
    load_gold,
    map_predictions,
    pair_attributions,
    read_gold_articles,
    same_speaker,
)
from byline.pipeline import DEFAULT_STAGES, Reader
from byline.settings import Settings

RAW_STAGES = tuple(stage for stage in DEFAULT_STAGES if stage != "confidence")
FOLDS = 5
THRESHOLDS = [round(i * 0.05, 2) for i in range(20)]


@dataclass
class Labelled:
    """Every attribution byline reads in a split: its features, whether it is right, its article's index."""

    rows: list[dict[str, float]] = field(default_factory=list)
    outcomes: list[bool] = field(default_factory=list)
    article: list[int] = field(default_factory=list)
    n_gold: int = 0


def labelled_rows(reader: Reader, gold_path: Path, split: str, corpus: Path) -> Labelled:
    """Features of every attribution byline reads in the split, and whether each is right (speaker included)."""
    found = Labelled()
    for number, (article, text, reading) in enumerate(read_gold_articles(reader, load_gold(gold_path, split), corpus)):
        gold = body_attributions(article, text.index("\n\n"))
        found.n_gold += len(gold)
        predicted = map_predictions(reading, text)
        right = {
            pi
            for gi, pi in pair_attributions(text, gold, predicted)
            if same_speaker(reading, predicted[pi].attribution, gold[gi], article.outlet)
        }
        for pi, p in enumerate(predicted):
            found.rows.append(attribution_features(reading, p.attribution))
            found.outcomes.append(pi in right)
            found.article.append(number)
    return found


def out_of_fold(labelled: Labelled, folds: int = FOLDS) -> list[float]:
    """Each attribution's probability from a calibrator fitted without its article's fold."""
    probabilities = [0.0] * len(labelled.rows)
    for fold in range(folds):
        train = [i for i, a in enumerate(labelled.article) if a % folds != fold]
        held = [i for i, a in enumerate(labelled.article) if a % folds == fold]
        if not train or not held:
            continue
        model = fit_calibrator([labelled.rows[i] for i in train], [labelled.outcomes[i] for i in train])
        for i in held:
            probabilities[i] = model.probability(labelled.rows[i])
    return probabilities


def threshold_sweep(probabilities: list[float], outcomes: list[bool], n_gold: int) -> list[dict[str, float]]:
    """Right-speaker precision, recall and F1 when only attributions at or above each threshold are kept."""
    sweep = []
    for threshold in THRESHOLDS:
        kept = [o for p, o in zip(probabilities, outcomes, strict=True) if p >= threshold]
        right = sum(kept)
        precision = right / len(kept) if kept else 0.0
        recall = right / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        sweep.append({"threshold": threshold, "p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)})
    return sweep


def train_calibration(
    settings: Settings | None = None,
    gold_path: Path = GOLD_PATH,
    out: Path = CALIBRATION_PATH,
    split: str = "dev",
    corpus: Path = SHARED_CORPUS,
    threshold: float | None = None,
) -> dict[str, Any]:
    """Read the split with raw confidences, fit the calibrator, write it with its card; return the card.

    The default threshold is the one with the best out-of-fold F1, unless ``threshold`` sets it."""
    reader = Reader(settings or Settings(min_confidence=0.0), stages=RAW_STAGES)
    labelled = labelled_rows(reader, gold_path, split, corpus)
    probabilities = out_of_fold(labelled)
    sweep = threshold_sweep(probabilities, labelled.outcomes, labelled.n_gold)
    best = max(sweep, key=lambda s: (s["f1"], -s["threshold"]))
    calibrator: Calibrator = fit_calibrator(labelled.rows, labelled.outcomes)
    calibrator.threshold = best["threshold"] if threshold is None else threshold
    calibrator.card = {
        "trained": date.today().isoformat(),
        "data": f"real-news gold ({gold_path.name}), split {split!r}: AllSides articles (Baly et al. 2020; "
        "texts © publishers, research use), annotated by docs/attribution-guideline.md",
        "n_attributions": len(labelled.rows),
        "n_gold": labelled.n_gold,
        "share_right": round(sum(labelled.outcomes) / max(len(labelled.outcomes), 1), 4),
        "model": "logistic regression, L2 1.0, full-batch gradient descent",
        "out_of_fold_ece": round(expected_calibration_error(probabilities, labelled.outcomes), 4),
        "folds": f"{FOLDS}, by article",
        "f1_best_threshold": best["threshold"],
        "default_threshold": calibrator.threshold,
        "threshold_sweep_out_of_fold": sweep,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(calibrator.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(model_card(calibrator), encoding="utf-8")
    return calibrator.card


def _threshold_note(card: dict[str, Any]) -> str:
    if card["default_threshold"] == card["f1_best_threshold"]:
        return ""
    return (
        ", set with `--threshold`: the highest at which the archetype sample "
        "(../shared/data/samples/blinken-cable-breitbart.txt) keeps every attribution at the default reading"
    )


def model_card(calibrator: Calibrator) -> str:
    """The calibrator's model card: what it is, its data and licence, how it was fitted, its figures."""
    card = calibrator.card
    sweep = card["threshold_sweep_out_of_fold"]
    rows = "\n".join(f"| {s['threshold']:.2f} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} |" for s in sweep)
    weights = "\n".join(f"| {name} | {weight:+.3f} |" for name, weight in sorted(calibrator.weights.items()))
    return f"""# calibration: the confidence of each attribution

What it is: a logistic model (`calibration.json`, written by `byline train calibration`) that turns what a
reading already holds about an attribution (the detectors' raw score, which detector found it, how the
speaker was resolved, the cue, the kind, whether a screen doubted it) into the probability that it is an
attribution by docs/attribution-guideline.md **with the right speaker**. The `confidence` stage applies it
and leaves out attributions under the threshold (`--min-confidence`, default {calibrator.threshold:.2f}).

## Data and licence
- {card["data"]}.
- The gold (ids, offsets, short span texts) is byline's own; the article texts stay in ../shared and are
  the publishers' (research use). Nothing of them ships.
- Fitted on the dev half only ({card["n_attributions"]} attributions byline read there against
  {card["n_gold"]} gold; {card["share_right"]:.1%} right before calibration). The test half is not used.

## Reproduce
`byline train calibration` (CPU, under a minute; needs ../shared/data/corpora/allsides_baly2020).
Trained {card["trained"]}: {card["model"]}.

## Figures on the dev half, out of fold ({card["folds"]})
Expected calibration error {card["out_of_fold_ece"]:.3f}. The threshold with the best right-speaker F1
below is {card["f1_best_threshold"]:.2f}; the default is {calibrator.threshold:.2f}{_threshold_note(card)}.

| threshold | precision | recall | F1 |
|---|---|---|---|
{rows}

## Weights
| feature | weight |
|---|---|
{weights}

## Limits
17 dev articles: rare constructions (report adverbs, relative-pronoun speakers) have few examples, so
their probabilities lean on the average. Scores on the test half are in the README and the issue notes.
"""
