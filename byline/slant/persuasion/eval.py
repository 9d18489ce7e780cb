"""Scoring persuasion techniques per paragraph, as the SemEval-2023 Task 3 subtask-3 scorer does: micro-F1 over
(article, line, technique) triples, macro-F1 over techniques (those in the gold or the predictions)."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Any

import numpy as np

from byline.slant.persuasion.corpus import Corpus, Extra, unit_labels
from byline.slant.persuasion.data import ParagraphLabels, paragraph_of, paragraphs, read_articles, read_paragraph_labels
from byline.slant.persuasion.model import PersuasionModel, calibrated, load_model
from byline.slant.persuasion.spans import Found, find_spans
from byline.slant.persuasion.train import Config, OutOfFold, choose_techniques, fit_stack, out_of_fold

Triple = tuple[str, int, str]


def triples(labels: ParagraphLabels) -> set[Triple]:
    return {(a, line, t) for a, lines in labels.items() for line, ts in lines.items() for t in ts}


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def score_triples(gold: ParagraphLabels, predicted: ParagraphLabels) -> dict[str, Any]:
    """micro_f1, macro_f1, n_paragraphs and per_technique F1 over the gold's paragraphs (predictions for other
    paragraphs are ignored, as the official scorer reads only those)."""
    gold_t = triples(gold)
    pred_t = {x for x in triples(predicted) if x[1] in gold.get(x[0], {})}
    techniques = sorted({t for _, _, t in gold_t | pred_t})
    per = {}
    for technique in techniques:
        g = {x for x in gold_t if x[2] == technique}
        p = {x for x in pred_t if x[2] == technique}
        per[technique] = {"f1": round(_f1(len(g & p), len(p), len(g)), 4), "gold": len(g), "predicted": len(p)}
    return {
        "micro_f1": round(_f1(len(gold_t & pred_t), len(pred_t), len(gold_t)), 4),
        "macro_f1": round(float(np.mean([v["f1"] for v in per.values()])) if per else 0.0, 4),
        "n_paragraphs": sum(len(lines) for lines in gold.values()),
        "per_technique": per,
    }


def spans_to_labels(text: str, found: list[Found]) -> dict[int, set[str]]:
    """A paragraph has a technique if a span of it starts in the paragraph."""
    bounds = paragraphs(text)
    out: dict[int, set[str]] = {}
    for f in found:
        line = paragraph_of(bounds, f.start)
        if line is not None:
            out.setdefault(line, set()).add(f.technique)
    return out


def evaluate_model(articles: Path, labels: Path, model: PersuasionModel | None = None) -> dict[str, Any]:
    """The shipped (or given) model's scores on the articles of a subtask-3 paragraph label file."""
    from byline.nlp import load_pipeline
    from byline.nlp.pipeline import parse_texts

    model = model or load_model()
    gold = read_paragraph_labels(labels)
    texts = read_articles(articles, set(gold))
    ids = sorted(texts)
    predicted = {}
    for article_id, doc in zip(ids, parse_texts(load_pipeline(), [texts[i] for i in ids]), strict=True):
        predicted[article_id] = spans_to_labels(texts[article_id], find_spans(model, doc))
    return score_triples({i: gold[i] for i in ids}, predicted)


def unit_lines(corpus: Corpus) -> list[tuple[str, int]]:
    """The (article, line) of each unit, in corpus order."""
    out = []
    for article_id, text, f in zip(corpus.ids, corpus.texts, corpus.feats, strict=True):
        bounds = paragraphs(text)
        starts = [s for _, s, _ in bounds]
        out.extend((article_id, bounds[max(bisect_right(starts, int(s)) - 1, 0)][0]) for s in f.unit_chars[:, 0])
    return out


def predicted_labels(probs: np.ndarray, lines: list[tuple[str, int]], techniques, threshold: float) -> ParagraphLabels:
    out: ParagraphLabels = {}
    for u, t in zip(*np.nonzero(probs >= threshold), strict=True):
        article_id, line = lines[u]
        out.setdefault(article_id, {}).setdefault(line, set()).add(techniques[t])
    return out


def choose_threshold(probs: np.ndarray, lines: list[tuple[str, int]], techniques, gold: ParagraphLabels) -> float:
    """The probability threshold with the best paragraph micro-F1."""
    gold_t = triples(gold)
    best_score: dict[Triple, float] = {}
    for u, t in zip(*np.nonzero(probs >= 0.02), strict=True):
        key = (*lines[u], techniques[t])
        best_score[key] = max(best_score.get(key, 0.0), float(probs[u, t]))
    values = np.array(list(best_score.values()))
    hits = np.array([k in gold_t for k in best_score])
    grid = np.arange(0.05, 0.6, 0.005)
    f1 = [_f1(int((hits & (values >= c)).sum()), int((values >= c).sum()), len(gold_t)) for c in grid]
    return round(float(grid[int(np.argmax(f1))]), 3)


def calibrate(oof: OutOfFold, y: np.ndarray, tagged_columns: list[bool], lines, techniques, gold, keep: np.ndarray):
    """The stack and the threshold fitted on the units ``keep`` selects."""
    stack = fit_stack(oof.token_max[keep], oof.unit[keep], y[keep], tagged_columns)
    probs = calibrated(stack, oof.token_max[keep], oof.unit[keep])
    kept_lines = [lines[u] for u in np.flatnonzero(keep)]
    kept_ids = {a for a, _ in kept_lines}
    return stack, choose_threshold(probs, kept_lines, techniques, {a: gold[a] for a in kept_ids if a in gold})


def cross_validate(
    corpus: Corpus, gold: ParagraphLabels, cfg: Config, extra: Extra | None = None, log=None
) -> tuple[dict[str, Any], OutOfFold]:
    """Paragraph scores with folds by article: each fold scored by base models fitted on the others, its
    calibration and threshold fitted on the other folds' out-of-fold scores (its own labels never used)."""
    modelled, tagged = choose_techniques(corpus, cfg)
    oof = out_of_fold(corpus, modelled, tagged, cfg, extra, log)
    y = unit_labels(corpus, modelled)
    lines = unit_lines(corpus)
    tagged_columns = [t in tagged for t in modelled]
    predicted: ParagraphLabels = {}
    thresholds = []
    for fold in range(cfg.folds):
        held = oof.fold_of_unit == fold
        stack, threshold = calibrate(oof, y, tagged_columns, lines, modelled, gold, ~held)
        thresholds.append(threshold)
        probs = calibrated(stack, oof.token_max[held], oof.unit[held])
        for a, ls in predicted_labels(probs, [lines[u] for u in np.flatnonzero(held)], modelled, threshold).items():
            predicted[a] = ls
    scores = score_triples({a: gold[a] for a in corpus.ids if a in gold}, predicted)
    scores.update(folds=cfg.folds, seed=cfg.seed, thresholds=thresholds, n_articles=len(corpus.ids))
    return scores, oof
