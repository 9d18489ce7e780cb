"""``byline train calibration``: fit the confidence calibrator on the dev half of the real-news gold."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from byline.attribution.calibrate import CALIBRATION_PATH, attribution_features, fit_calibrator
from byline.attribution.realnews import (
    GOLD_PATH,
    SHARED_CORPUS,
    body_attributions,
    load_gold,
    map_predictions,
    pair_attributions,
    read_gold_articles,
    same_speaker,
)
from byline.pipeline import DEFAULT_STAGES, Reader
from byline.settings import Settings

RAW_STAGES = tuple(stage for stage in DEFAULT_STAGES if stage != "confidence")


def labelled_rows(reader: Reader, gold_path: Path, split: str, corpus: Path) -> tuple[list[dict], list[bool]]:
    """Features of every attribution byline reads in the split, and whether each is right (speaker included)."""
    rows: list[dict[str, float]] = []
    outcomes: list[bool] = []
    for article, text, reading in read_gold_articles(reader, load_gold(gold_path, split), corpus):
        gold = body_attributions(article, text.index("\n\n"))
        predicted = map_predictions(reading, text)
        right = {
            pi for gi, pi in pair_attributions(text, gold, predicted)
            if same_speaker(reading, predicted[pi].attribution, gold[gi], article.outlet)
        }
        for pi, p in enumerate(predicted):
            rows.append(attribution_features(reading, p.attribution))
            outcomes.append(pi in right)
    return rows, outcomes


def train_calibration(
    settings: Settings | None = None, gold_path: Path = GOLD_PATH, out: Path = CALIBRATION_PATH,
    split: str = "dev", corpus: Path = SHARED_CORPUS,
) -> dict[str, Any]:
    """Read the split with raw confidences, fit the calibrator, write it with its card; return the card."""
    reader = Reader(settings or Settings(min_confidence=0.0), stages=RAW_STAGES)
    rows, outcomes = labelled_rows(reader, gold_path, split, corpus)
    calibrator = fit_calibrator(rows, outcomes)
    calibrator.card = {
        "trained": date.today().isoformat(),
        "data": f"real-news gold ({gold_path.name}), split {split!r}: AllSides articles (Baly et al. 2020; "
        "texts © publishers, research use), annotated by docs/attribution-guideline.md",
        "n_attributions": len(rows),
        "share_right": round(sum(outcomes) / max(len(outcomes), 1), 4),
        "model": "logistic regression, L2 1.0, full-batch gradient descent",
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(calibrator.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return calibrator.card
