"""Training the persuasion model (scikit-learn, CPU): the token taggers and unit models, then, from
predictions out of fold (folds by article), the calibration of each technique and the decision threshold."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from byline.slant.persuasion.corpus import Corpus, Extra, token_labels, unit_labels
from byline.slant.persuasion.features import DENSE_NAMES, N_TEMPLATES, Features
from byline.slant.persuasion.model import NO_TOKEN, PersuasionModel, quantized, score_features
from byline.slant.persuasion.techniques import TECHNIQUES, WORD_LEVEL


@dataclass(frozen=True)
class Config:
    seed: int = 0
    folds: int = 5
    min_units: int = 10  # a technique with fewer gold units is not modelled
    min_token_units: int = 50  # … with fewer, it has no token tagger
    min_count: int = 2  # a feature seen less often is dropped
    token_alpha: float = 1e-6
    token_epochs: int = 15
    unit_c: float = 0.3
    extra_weight: float = 0.3  # of a BABE sentence's words, against an article's, for the loaded-language tagger
    prune: float = 0.0  # weights smaller than this (in absolute value) are dropped


@dataclass
class OutOfFold:
    """Scores of every unit (and every taggable word of the word-level techniques) by models that did not see
    its article."""

    fold_of_unit: np.ndarray
    token_max: np.ndarray
    unit: np.ndarray
    word_logits: np.ndarray = field(default_factory=lambda: np.zeros(0))
    word_gold: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    word_in_unit: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # the unit holds it (gold)


def choose_techniques(corpus: Corpus, cfg: Config) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(modelled techniques, those with a token tagger), in the taxonomy's order."""
    counts = unit_labels(corpus, TECHNIQUES).sum(axis=0)
    modelled = tuple(t for t, n in zip(TECHNIQUES, counts, strict=True) if n >= cfg.min_units)
    tagged = tuple(t for t, n in zip(TECHNIQUES, counts, strict=True) if n >= cfg.min_token_units)
    return modelled, tagged


def _vocabulary(keys: np.ndarray, min_count: int) -> np.ndarray:
    values, counts = np.unique(keys, return_counts=True)
    return values[counts >= min_count]


def _binary_matrix(keys: np.ndarray, rows: np.ndarray, vocab: np.ndarray, n_rows: int) -> sp.csr_matrix:
    index = np.minimum(np.searchsorted(vocab, keys), max(len(vocab) - 1, 0))
    found = vocab[index] == keys if len(vocab) else np.zeros(len(keys), dtype=bool)
    data = np.ones(int(found.sum()), dtype=np.float32)
    matrix = sp.csr_matrix((data, (rows[found], index[found])), shape=(n_rows, len(vocab)))
    matrix.data[:] = 1.0  # a key twice in one row is still one feature
    return matrix


def _token_rows(feats: list[Features]) -> tuple[np.ndarray, np.ndarray]:
    keys = [f.token_keys[f.taggable] for f in feats]
    stacked = np.vstack(keys) if keys else np.zeros((0, N_TEMPLATES), dtype=np.uint64)
    rows = np.repeat(np.arange(len(stacked)), N_TEMPLATES)
    return stacked.ravel(), rows


def fit_tokens(corpus: Corpus, tagged: tuple[str, ...], cfg: Config, extra: Extra | None):
    """The token taggers: (sorted keys, weights (keys, techniques), biases)."""
    from sklearn.linear_model import SGDClassifier

    y = np.vstack([token_labels(s, f, tagged) for s, f in zip(corpus.spans, corpus.feats, strict=True)])
    keys, rows = _token_rows(corpus.feats)
    use_extra = extra is not None and "Loaded_Language" in tagged and cfg.extra_weight > 0
    extra_keys, extra_rows = _token_rows(extra.feats) if use_extra else (np.zeros(0, np.uint64), np.zeros(0, int))
    vocab = _vocabulary(np.concatenate([keys, extra_keys]), cfg.min_count)
    x = _binary_matrix(keys, rows, vocab, len(y))
    weights = np.zeros((len(vocab), len(tagged)), dtype=np.float64)
    bias = np.zeros(len(tagged))
    for j, technique in enumerate(tagged):
        xj, yj, wj = x, y[:, j], None
        if use_extra and technique == "Loaded_Language":
            extra_y = np.concatenate([m[f.taggable] for m, f in zip(extra.loaded, extra.feats, strict=True)])
            xj = sp.vstack([x, _binary_matrix(extra_keys, extra_rows, vocab, len(extra_y))]).tocsr()
            yj = np.concatenate([yj, extra_y])
            wj = np.concatenate([np.ones(len(y)), np.full(len(extra_y), cfg.extra_weight)])
        if yj.sum() == 0:
            bias[j] = NO_TOKEN
            continue
        model = SGDClassifier(
            loss="log_loss",
            alpha=cfg.token_alpha,
            max_iter=cfg.token_epochs,
            tol=None,
            average=True,
            random_state=cfg.seed,
        )
        model.fit(xj, yj, sample_weight=wj)
        weights[:, j], bias[j] = model.coef_[0], model.intercept_[0]
    return vocab, weights, bias


def fit_units(corpus: Corpus, modelled: tuple[str, ...], cfg: Config):
    """The unit models: (sorted keys, weights (keys, techniques), dense weights, biases)."""
    from sklearn.linear_model import LogisticRegression

    y = unit_labels(corpus, modelled)
    offsets = np.cumsum([0] + [len(f.units) for f in corpus.feats])
    keys = np.concatenate([f.unit_keys for f in corpus.feats])
    rows = np.concatenate([f.unit_of_key + o for f, o in zip(corpus.feats, offsets, strict=False)])
    vocab = _vocabulary(keys, cfg.min_count)
    dense = np.vstack([f.dense for f in corpus.feats])
    mean, scale = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    x = sp.hstack([_binary_matrix(keys, rows, vocab, len(y)), sp.csr_matrix((dense - mean) / scale)]).tocsr()
    weights = np.zeros((len(vocab), len(modelled)))
    dense_weights = np.zeros((len(DENSE_NAMES), len(modelled)))
    bias = np.zeros(len(modelled))
    for j in range(len(modelled)):
        if not y[:, j].any():  # none in these articles (a fold of a rare technique)
            bias[j] = NO_TOKEN
            continue
        model = LogisticRegression(C=cfg.unit_c, solver="liblinear", random_state=cfg.seed)
        model.fit(x, y[:, j])
        coef = model.coef_[0]
        weights[:, j] = coef[: len(vocab)]
        dense_weights[:, j] = coef[len(vocab) :] / scale
        bias[j] = model.intercept_[0] - float(np.sum(coef[len(vocab) :] * mean / scale))
    return vocab, weights, dense_weights, bias


def _pruned(keys: np.ndarray, weights: np.ndarray, prune: float) -> tuple[np.ndarray, np.ndarray]:
    keep = np.abs(weights).max(axis=1) > prune if weights.size else np.zeros(len(keys), dtype=bool)
    return keys[keep], quantized(weights[keep])


def fit_base(corpus: Corpus, modelled, tagged, cfg: Config, extra: Extra | None = None) -> PersuasionModel:
    """The taggers and unit models on ``corpus``, with a plain calibration (the sum of both scores)."""
    token_keys, token_weights, token_bias = fit_tokens(corpus, tagged, cfg, extra)
    unit_keys, unit_weights, dense_weights, unit_bias = fit_units(corpus, modelled, cfg)
    token_keys, token_weights = _pruned(token_keys, token_weights, cfg.prune)
    unit_keys, unit_weights = _pruned(unit_keys, unit_weights, cfg.prune)
    stack = np.array([[1.0 if t in tagged else 0.0, 1.0, 0.0] for t in modelled])
    return PersuasionModel(
        techniques=modelled,
        token_techniques=tagged,
        token_keys=token_keys,
        token_weights=token_weights,
        token_bias=token_bias.astype(np.float32),
        unit_keys=unit_keys,
        unit_weights=unit_weights,
        dense_weights=dense_weights.astype(np.float32),
        unit_bias=unit_bias.astype(np.float32),
        stack=stack,
    )


def article_folds(n: int, k: int, seed: int) -> np.ndarray:
    """The fold of each article: a seeded shuffle dealt round-robin."""
    return np.random.RandomState(seed).permutation(n) % k


def out_of_fold(corpus: Corpus, modelled, tagged, cfg: Config, extra: Extra | None = None, log=None) -> OutOfFold:
    """Every unit scored by base models fitted on the other folds' articles."""
    folds = article_folds(len(corpus.ids), cfg.folds, cfg.seed)
    n_units = [len(f.units) for f in corpus.feats]
    token_max = np.zeros((sum(n_units), len(modelled)))
    unit = np.zeros_like(token_max)
    offsets = np.cumsum([0] + n_units)
    words = [t for t in tagged if t in WORD_LEVEL]
    word_logits, word_gold, word_in_unit = [], [], []
    for fold in range(cfg.folds):
        if log:
            log(f"fold {fold + 1}/{cfg.folds}")
        model = fit_base(corpus.subset(np.flatnonzero(folds != fold)), modelled, tagged, cfg, extra)
        for d in np.flatnonzero(folds == fold):
            scored = score_features(model, corpus.feats[d])
            token_max[offsets[d] : offsets[d + 1]] = scored.token_max
            unit[offsets[d] : offsets[d + 1]] = scored.unit
            taggable = scored.feats.taggable
            columns = [tagged.index(t) for t in words]
            word_logits.append(scored.token_logits[taggable][:, columns])
            word_gold.append(token_labels(corpus.spans[d], corpus.feats[d], tuple(words)))
            holds = unit_labels(corpus.subset([d]), tuple(words))
            word_in_unit.append(holds[scored.feats.unit_of_token[taggable]])
    fold_of_unit = np.repeat(folds, n_units)
    stacked = [np.vstack(x) for x in (word_logits, word_gold, word_in_unit)]
    return OutOfFold(fold_of_unit, token_max, unit, *stacked)


def fit_stack(token_max: np.ndarray, unit: np.ndarray, y: np.ndarray, tagged_columns: list[bool]) -> np.ndarray:
    """Per technique, the logistic map of (best token score, unit score) to a calibrated probability."""
    from sklearn.linear_model import LogisticRegression

    stack = np.zeros((y.shape[1], 3))
    for j in range(y.shape[1]):
        x = np.c_[token_max[:, j], unit[:, j]] if tagged_columns[j] else unit[:, [j]]
        if y[:, j].sum() == 0 or y[:, j].all():
            stack[j] = [0.0, 0.0, -10.0]
            continue
        model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y[:, j])
        coef = model.coef_[0]
        stack[j] = [coef[0], coef[1], model.intercept_[0]] if tagged_columns[j] else [0.0, coef[0], model.intercept_[0]]
    return stack


def choose_run_logits(oof: OutOfFold, tagged: tuple[str, ...]) -> tuple[np.ndarray, dict[str, float]]:
    """Per tagger, the token score over which a word is part of a span: the best word-level F1 out of fold over
    the content words of the units that hold the technique (where spans are drawn); with those F1s."""
    words = [t for t in tagged if t in WORD_LEVEL]
    cuts, scores = np.zeros(len(tagged)), {}
    grid = np.arange(-25.0, 5.01, 0.5)
    for j, technique in enumerate(words):
        held = oof.word_in_unit[:, j]
        logits, gold = oof.word_logits[held, j], oof.word_gold[held, j]
        if not gold.any():
            continue
        f1 = [2 * ((logits >= c) & gold).sum() / max((logits >= c).sum() + gold.sum(), 1) for c in grid]
        best = int(np.argmax(f1))
        cuts[tagged.index(technique)], scores[technique] = float(grid[best]), round(float(f1[best]), 4)
    return cuts, scores
