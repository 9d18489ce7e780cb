"""Spans of persuasion techniques from the model's scores: words and phrases for the word-level techniques,
the unit (a sentence or its part on one line) for the rest. Paragraph predictions are read off these spans."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from byline.slant.persuasion.features import unit_word_keys
from byline.slant.persuasion.model import TOKEN_FLOOR, PersuasionModel, Scored, calibrated, lookup, score_doc
from byline.slant.persuasion.techniques import WORD_LEVEL

VERSION = "persuasion model v1"
WORD_NAMES = {
    "Loaded_Language": "loaded word",
    "Name_Calling-Labeling": "label",
    "Exaggeration-Minimisation": "exaggeration",
    "Repetition": "repeated phrase",
}
CUE_WORDS = 3


@dataclass(frozen=True)
class Found:
    technique: str
    start: int
    end: int
    confidence: float
    evidence: str
    sentence_wide: bool  # the span is its unit, not words picked out of it


def _bridges(doc: Doc, i: int) -> bool:
    """Whether one word between two words of a span joins them ("witch-hunt", "rigged and corrupt")."""
    text = doc[i].text
    return text == "-" or text.isalpha()


def runs(on: np.ndarray, start: int, doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of the runs of ``on`` tokens (``on[0]`` is token ``start``), a single bridging word between
    two of them included."""
    hits = np.flatnonzero(on) + start
    out: list[tuple[int, int]] = []
    for i in hits.tolist():
        if out and (i == out[-1][1] or (i == out[-1][1] + 1 and _bridges(doc, i - 1))):
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def word_spans(model: PersuasionModel, scored: Scored, doc: Doc, unit: int, technique: str) -> list[Found]:
    """The word-level spans of ``technique`` in a unit that holds it: runs of words scoring over the run
    threshold, each as confident as the unit would be with that run as its best words (the best run is
    the unit's own probability)."""
    t, k = model.techniques.index(technique), model.token_techniques.index(technique)
    column = scored.token_logits[:, k]
    s, e = (int(x) for x in scored.feats.units[unit])
    logits = column[s:e]
    best = int(np.argmax(logits))
    on = (logits >= min(model.run_logits[k], float(logits[best]))) & scored.feats.taggable[s:e]
    on[best] = True
    bounds = runs(on, s, doc)
    tops = np.array([column[a:b].max() for a, b in bounds], dtype=np.float64)
    confidences = calibrated(model.stack[t], np.maximum(tops, TOKEN_FLOOR), scored.unit[unit, t]).tolist()
    found = []
    for (a, b), confidence in zip(bounds, confidences, strict=True):
        if confidence >= model.threshold or a <= s + best < b:
            start, end = _char_span(doc, a, b)
            evidence = f"{VERSION}: {WORD_NAMES.get(technique, 'word')} '{doc[a:b].text}'"
            found.append(Found(technique, start, end, round(confidence, 4), evidence, False))
    return found


def cue_words(model: PersuasionModel, doc: Doc, scored: Scored, unit: int, technique: str) -> list[str]:
    """The unit's words that weigh most for ``technique`` in the unit model."""
    s, e = (int(x) for x in scored.feats.units[unit])
    tokens = [t for t in doc[s:e] if not t.is_space]
    index, found = lookup(unit_word_keys(np.array([t.lower for t in tokens], dtype=np.uint64)), model.unit_keys)
    weights = np.where(found, model.unit_weights[index, model.techniques.index(technique)], 0.0)
    order = [k for k in np.argsort(-weights, kind="stable") if weights[k] > 0]
    words: list[str] = []
    for k in order:
        if tokens[k].text not in words:
            words.append(tokens[k].text)
        if len(words) == CUE_WORDS:
            break
    return words


def unit_span(model: PersuasionModel, scored: Scored, doc: Doc, unit: int, technique: str) -> Found:
    """A sentence-wide span of ``technique``: the unit, with the words that weighed most as evidence."""
    start, end = (int(x) for x in scored.feats.unit_chars[unit])
    cues = ", ".join(f"'{w}'" for w in cue_words(model, doc, scored, unit, technique))
    evidence = f"{VERSION}: {technique.replace('_', ' ').lower()} in the sentence" + (f" (cues {cues})" if cues else "")
    confidence = round(float(scored.probs[unit, model.techniques.index(technique)]), 4)
    return Found(technique, start, end, confidence, evidence, True)


def find_spans(model: PersuasionModel, doc: Doc, scored: Scored | None = None) -> list[Found]:
    """Every span of every technique the model finds in a parsed article, in text order."""
    scored = scored if scored is not None else score_doc(model, doc)
    found: list[Found] = []
    for unit, t in zip(*np.nonzero(scored.probs >= model.threshold), strict=True):
        technique = model.techniques[t]
        if technique in WORD_LEVEL and technique in model.token_techniques:
            found.extend(word_spans(model, scored, doc, int(unit), technique))
        else:
            found.append(unit_span(model, scored, doc, int(unit), technique))
    return sorted(found, key=lambda f: (f.start, f.end, f.technique))
