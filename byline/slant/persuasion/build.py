"""``byline train persuasion``: cross-validate, calibrate, fit on everything, and write the model with its card."""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from byline.slant.persuasion.card import write_card
from byline.slant.persuasion.corpus import Log, load_babe, load_corpus, unit_labels
from byline.slant.persuasion.data import map_ptc_spans, read_span_labels, spans_to_paragraphs
from byline.slant.persuasion.eval import calibrate, cross_validate, unit_lines
from byline.slant.persuasion.model import MODEL_DIR, MODEL_FILE, PersuasionModel, calibrated
from byline.slant.persuasion.spans import VERSION
from byline.slant.persuasion.train import Config, OutOfFold, choose_run_logits, choose_techniques, fit_base

SPEED_WORDS = 5000


def reliability(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Expected calibration error of unit probabilities, and the observed rate per probability bin."""
    p, t = probs.ravel(), y.ravel().astype(float)
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    table, ece = [], 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            mean_p, rate = float(p[inside].mean()), float(t[inside].mean())
            ece += inside.mean() * abs(mean_p - rate)
            table.append(
                {
                    "bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}",
                    "n": int(inside.sum()),
                    "mean_p": round(mean_p, 3),
                    "observed": round(rate, 3),
                }
            )
    return {"ece": round(float(ece), 4), "bins": table}


def measure_speed(model: PersuasionModel, texts: list[str], words: int = SPEED_WORDS) -> dict[str, Any]:
    """Seconds to parse an article of about ``words`` words (training articles joined) and for the model to
    featurize, score and find its spans, each the best of three."""
    from byline.nlp import load_pipeline
    from byline.nlp.pipeline import parse_texts
    from byline.slant.persuasion.spans import find_spans

    body, count = [], 0
    for text in texts:
        body.append(text)
        count += len(text.split())
        if count >= words:
            break
    article = "\n\n".join(body)
    nlp = load_pipeline()
    parse, find = [], []
    for _ in range(3):
        began = time.perf_counter()
        doc = next(parse_texts(nlp, [article]))
        parse.append(time.perf_counter() - began)
        began = time.perf_counter()
        find_spans(model, doc)
        find.append(time.perf_counter() - began)
    return {
        "words": count,
        "tokens": len(doc),
        "parse_s": round(min(parse), 4),
        "find_s": round(min(find), 4),
        "share_of_parse": round(min(find) / min(parse), 4),
    }


def _final_model(corpus, cfg, extra, oof: OutOfFold, gold) -> PersuasionModel:
    modelled, tagged = choose_techniques(corpus, cfg)
    y = unit_labels(corpus, modelled)
    tagged_columns = [t in tagged for t in modelled]
    keep = np.ones(len(y), dtype=bool)
    stack, threshold = calibrate(oof, y, tagged_columns, unit_lines(corpus), modelled, gold, keep)
    model = fit_base(corpus, modelled, tagged, cfg, extra)
    model.stack, model.threshold = stack, threshold
    model.run_logits, word_f1 = choose_run_logits(oof, tagged)
    model.meta = {"version": VERSION, "config": asdict(cfg), "n_articles": len(corpus.ids), "word_f1": word_f1}
    return model


def train_persuasion(
    articles: Path,
    labels: Path,
    out: Path = MODEL_DIR,
    cfg: Config = Config(),
    babe: Path | None = None,
    ptc_articles: Path | None = None,
    ptc_labels: Path | None = None,
    cache: Path | None = None,
    log: Log | None = None,
) -> dict[str, Any]:
    """Train on the span-labelled ``articles`` (and PTC articles they lack, and BABE's marked words), write
    ``model.npz`` and ``MODEL_CARD.md`` to ``out``, and return the report."""
    began = time.perf_counter()
    extra_spans = None
    if ptc_labels is not None:
        extra_spans = map_ptc_spans(read_span_labels(ptc_labels), read_span_labels(labels))
    corpus = load_corpus(articles, labels, cache, log, extra_spans, ptc_articles)
    extra = load_babe(babe, cache, log) if babe is not None else None
    parsed = time.perf_counter()
    gold = {i: spans_to_paragraphs(t, s) for i, t, s in zip(corpus.ids, corpus.texts, corpus.spans, strict=True)}
    scores, oof = cross_validate(corpus, gold, cfg, extra, log)
    model = _final_model(corpus, cfg, extra, oof, gold)
    y = unit_labels(corpus, model.techniques)
    calibration = reliability(calibrated(model.stack, oof.token_max, oof.unit), y)
    path = model.save(out)
    report = {
        "cv": scores,
        "calibration": calibration,
        "threshold": model.threshold,
        "run_logits": {
            t: c
            for t, c in zip(model.token_techniques, model.run_logits.tolist(), strict=True)
            if t in model.meta["word_f1"]
        },
        "word_f1": model.meta["word_f1"],
        "techniques": list(model.techniques),
        "token_techniques": list(model.token_techniques),
        "features": {"token": len(model.token_keys), "unit": len(model.unit_keys)},
        "model_bytes": path.stat().st_size,
        "train_seconds": round(time.perf_counter() - parsed, 1),
        "parse_seconds": round(parsed - began, 1),
        "speed": measure_speed(model, corpus.texts),
        "data": {
            "articles": str(articles),
            "labels": str(labels),
            "babe": str(babe) if babe else None,
            "ptc_labels": str(ptc_labels) if ptc_labels else None,
            "n_articles": len(corpus.ids),
            "n_babe_sentences": len(extra.feats) if extra else 0,
        },
        "config": asdict(cfg),
        "model_file": MODEL_FILE,
    }
    write_card(out, report)
    return report
