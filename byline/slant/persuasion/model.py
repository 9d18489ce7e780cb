"""The persuasion model at read time: numpy over the features of ``features.py``, no scikit-learn.

Two linear layers feed a calibration per technique: a token tagger scores each word (for the techniques
that have one), a unit model scores each unit (a sentence cut at line breaks) from its bag of words and a
few dense features, and a logistic map of (the unit's best token score, the unit score) gives the
calibrated probability that the unit holds the technique. A unit holds it at or above ``threshold``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from byline.errors import BylineError
from byline.slant.persuasion.features import Features, featurize

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "persuasion"
MODEL_FILE = "model.npz"
NO_TOKEN = -40.0  # the token score of a word no span may be made of
TOKEN_FLOOR = -25.0  # a unit's best token score is at least this (a unit without content words has none)
QUANTIZED = ("token_weights", "unit_weights")
ARRAYS = (
    "token_keys",
    "token_weights",
    "token_bias",
    "unit_keys",
    "unit_weights",
    "dense_weights",
    "unit_bias",
    "stack",
)


@dataclass
class PersuasionModel:
    techniques: tuple[str, ...]
    token_techniques: tuple[str, ...]  # the techniques with a token tagger, in the token weights' column order
    token_keys: np.ndarray  # (Vt,) sorted uint64
    token_weights: np.ndarray  # (Vt, len(token_techniques))
    token_bias: np.ndarray  # (len(token_techniques),)
    unit_keys: np.ndarray  # (Vu,) sorted uint64
    unit_weights: np.ndarray  # (Vu, len(techniques))
    dense_weights: np.ndarray  # (n_dense, len(techniques))
    unit_bias: np.ndarray  # (len(techniques),)
    stack: np.ndarray  # (len(techniques), 3): weights of the best token score, the unit score, intercept
    threshold: float = 0.5
    run_logits: np.ndarray = field(default_factory=lambda: np.zeros(0))  # per tagger: a span's words score this
    meta: dict[str, Any] = field(default_factory=dict)
    _padded: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    def padded_token_weights(self) -> np.ndarray:
        """The token weights with a zero row after the last, for the features the model has not seen."""
        if self._padded is None or len(self._padded) != len(self.token_weights) + 1:
            zero = np.zeros((1, self.token_weights.shape[1]), dtype=np.float32)
            self._padded = np.vstack([self.token_weights.astype(np.float32), zero])
        return self._padded

    def save(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / MODEL_FILE
        header = {
            "techniques": list(self.techniques),
            "token_techniques": list(self.token_techniques),
            "threshold": self.threshold,
            "run_logits": [float(x) for x in self.run_logits],
            "meta": self.meta,
        }
        arrays = {name: getattr(self, name) for name in ARRAYS}
        for name in QUANTIZED:
            arrays[name], arrays[f"{name}_scale"] = quantize(arrays[name])
        np.savez_compressed(path, header=np.array(json.dumps(header)), **arrays)
        return path

    @classmethod
    def load(cls, directory: Path) -> PersuasionModel:
        path = directory / MODEL_FILE
        if not path.is_file():
            raise BylineError("slant_model_missing", str(path), task="persuasion")
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            arrays = {name: data[name] for name in ARRAYS}
            for name in QUANTIZED:
                arrays[name] = arrays[name].astype(np.float32) * data[f"{name}_scale"]
        return cls(
            techniques=tuple(header["techniques"]),
            token_techniques=tuple(header["token_techniques"]),
            threshold=float(header["threshold"]),
            run_logits=np.array(header["run_logits"], dtype=np.float64),
            meta=header.get("meta", {}),
            **arrays,
        )


def quantize(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 weights and the float32 scale of each column (the file is a quarter of float32's size)."""
    scale = (np.abs(weights).max(axis=0) / 127.0 if weights.size else np.ones(weights.shape[1:])).astype(np.float32)
    scale[scale == 0] = 1.0
    return np.round(weights / scale).astype(np.int8), scale


def quantized(weights: np.ndarray) -> np.ndarray:
    """The weights as the saved model holds them (so that figures out of fold are the shipped model's)."""
    q, scale = quantize(weights)
    return q.astype(np.float32) * scale


@lru_cache(maxsize=4)
def load_model(directory: Path = MODEL_DIR) -> PersuasionModel:
    """The model in ``directory``, loaded once per process."""
    return PersuasionModel.load(directory)


def lookup(keys: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index into ``table``, found) for each key of ``keys`` (``table`` sorted)."""
    if len(table) == 0:
        return np.zeros(keys.shape, dtype=np.int64), np.zeros(keys.shape, dtype=bool)
    index = np.minimum(np.searchsorted(table, keys), len(table) - 1)
    return index, table[index] == keys


def token_scores(model: PersuasionModel, feats: Features) -> np.ndarray:
    """(n_tokens, len(token_techniques)) token logits; NO_TOKEN where no span may be."""
    n, m = len(feats.token_keys), len(model.token_techniques)
    if n == 0 or m == 0 or len(model.token_keys) == 0:
        return np.full((n, m), NO_TOKEN, dtype=np.float32)
    logits = np.full((n, m), NO_TOKEN, dtype=np.float32)
    index, found = lookup(feats.token_keys[feats.taggable], model.token_keys)  # only content words are scored
    index[~found] = len(model.token_keys)  # the zero row
    logits[feats.taggable] = model.padded_token_weights()[index].sum(axis=1) + model.token_bias
    return logits


def unit_scores(model: PersuasionModel, feats: Features) -> np.ndarray:
    """(n_units, len(techniques)) scores of the unit model."""
    out = feats.dense @ model.dense_weights + model.unit_bias
    index, found = lookup(feats.unit_keys, model.unit_keys)
    owners = feats.unit_of_key[found]  # sorted: each unit's keys lie together
    if len(owners):
        starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        out[owners[starts]] += np.add.reduceat(model.unit_weights[index[found]], starts, axis=0)
    return out


def unit_token_max(logits: np.ndarray, feats: Features) -> np.ndarray:
    """(n_units, n) the best token logit of each unit, at least TOKEN_FLOOR."""
    if len(feats.units) == 0:
        return np.zeros((0, logits.shape[1]))
    padded = np.vstack([logits, np.full((1, logits.shape[1]), NO_TOKEN, dtype=logits.dtype)])
    bounds = feats.units.ravel()  # start, end, start, end, …: every other reduction is a unit's
    return np.maximum(np.maximum.reduceat(padded, bounds, axis=0)[::2].astype(np.float64), TOKEN_FLOOR)


def calibrated(stack: np.ndarray, token_max: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """Calibrated probabilities from the stacked logistic map (``stack``: one row per column of the scores,
    or one row for scores of one technique)."""
    z = stack[..., 0] * token_max + stack[..., 1] * unit + stack[..., 2]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass
class Scored:
    feats: Features
    token_logits: np.ndarray  # (n_tokens, len(token_techniques))
    token_max: np.ndarray  # (n_units, len(techniques)), TOKEN_FLOOR for a technique without a tagger
    unit: np.ndarray  # (n_units, len(techniques))
    probs: np.ndarray  # (n_units, len(techniques))


def score_features(model: PersuasionModel, feats: Features) -> Scored:
    """Every unit's calibrated probability of every technique."""
    logits = token_scores(model, feats)
    token_max = np.full((len(feats.units), len(model.techniques)), TOKEN_FLOOR)
    if logits.shape[1]:
        columns = [model.techniques.index(t) for t in model.token_techniques]
        token_max[:, columns] = unit_token_max(logits, feats)
    unit = unit_scores(model, feats)
    return Scored(feats, logits, token_max, unit, calibrated(model.stack, token_max, unit))


def score_doc(model: PersuasionModel, doc: Doc) -> Scored:
    return score_features(model, featurize(doc))
