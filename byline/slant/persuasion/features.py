"""Features of a parsed article for the persuasion model, the same function at training and at read time.

Everything is computed with numpy over ``Doc.to_array``: a token's sparse features are 64-bit keys (spaCy's
string hashes mixed with a template's salt), looked up in the model's sorted key array, so reading an
article costs a few array operations and no Python loop per token.

The units are segments: spaCy sentences cut at line breaks (a paragraph break never falls inside one).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IDX, IS_ALPHA, IS_SPACE, IS_STOP, IS_UPPER, LEMMA, LENGTH, LOWER, POS, SHAPE, SUFFIX
from spacy.strings import get_string_id
from spacy.tokens import Doc

ATTRS = [LOWER, LEMMA, POS, DEP, IS_ALPHA, IS_SPACE, IS_STOP, IS_UPPER, LENGTH, SUFFIX, SHAPE, IDX]
_LOWER, _LEMMA, _POS, _DEP, _ALPHA, _SPACE, _STOP, _UPPER, _LENGTH, _SUFFIX, _SHAPE, _IDX = range(len(ATTRS))
N_TEMPLATES = 10
_MULT = np.uint64(0x100000001B3)
_EDGE = np.uint64(0x5EED)  # stands for the missing neighbour at the article's edges
CONTENT_POS = ("NOUN", "VERB", "ADJ", "ADV", "PROPN")
DENSE_NAMES = (
    "log_tokens",
    "short",
    "question",
    "exclamation",
    "quotes",
    "upper_share",
    "title",
    "position",
    "we",
    "you",
    "repeat_max",
    "repeat_share",
    "repeat_bigram",
    "propn_share",
    "adj_share",
    "digits",
)


@dataclass
class Features:
    """One article's units and features."""

    units: np.ndarray  # (n_units, 2) token start, end
    unit_chars: np.ndarray  # (n_units, 2) character start, end, trimmed of spaces
    unit_keys: np.ndarray  # (n,) sparse keys of the units' bags of words …
    unit_of_key: np.ndarray  # (n,) … and the unit each belongs to
    dense: np.ndarray  # (n_units, len(DENSE_NAMES))
    token_keys: np.ndarray  # (n_tokens, n_templates) the token tagger's keys
    unit_of_token: np.ndarray  # (n_tokens,) unit of each token, -1 for spaces and tokens outside units
    token_chars: np.ndarray  # (n_tokens, 2) character start, end of each token
    taggable: np.ndarray  # (n_tokens,) words a span of loaded language may be made of (content words, not stop words)


def _mix(salt: int, *columns: np.ndarray) -> np.ndarray:
    """FNV-style mix of uint64 columns with a template's salt (wrapping arithmetic on purpose)."""
    h = np.full(columns[0].shape, np.uint64(salt) * _MULT, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in columns:
            h = (h ^ column) * _MULT
    return h


def _shift(column: np.ndarray, by: int) -> np.ndarray:
    """``column`` moved by ``by`` places, the edge filled with the edge key."""
    out = np.full_like(column, _EDGE)
    if by > 0:
        out[by:] = column[:-by]
    else:
        out[:by] = column[-by:]
    return out


def line_breaks(doc: Doc, space: np.ndarray) -> list[int]:
    """Indices of the space tokens that hold a line break."""
    return [int(i) for i in np.flatnonzero(space) if "\n" in doc[int(i)].text]


def segments(doc: Doc, space: np.ndarray, breaks: list[int]) -> list[tuple[int, int]]:
    """Token bounds of the sentences cut at line breaks, without leading or trailing space tokens."""
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        k = bisect_left(breaks, sent.start)
        cuts = [sent.start - 1]
        while k < len(breaks) and breaks[k] < sent.end:
            cuts.append(breaks[k])
            k += 1
        cuts.append(sent.end)
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            lo += 1
            while lo < hi and space[lo]:
                lo += 1
            while hi > lo and space[hi - 1]:
                hi -= 1
            if hi > lo:
                out.append((lo, hi))
    return out


def _pos_ids(names: tuple[str, ...]) -> np.ndarray:
    from spacy.symbols import IDS

    return np.array([IDS[name] for name in names], dtype=np.uint64)


_CONTENT = _pos_ids(CONTENT_POS)
_TAGGABLE = _pos_ids(CONTENT_POS + ("INTJ", "NUM"))
_PROPN, _ADJ, _NUM = (_pos_ids((name,))[0] for name in ("PROPN", "ADJ", "NUM"))


def featurize(doc: Doc) -> Features:
    """The units and features of a parsed article."""
    a = doc.to_array(ATTRS)
    n = len(doc)
    space = a[:, _SPACE].astype(bool) if n else np.zeros(0, bool)
    breaks = line_breaks(doc, space)
    units = np.array(segments(doc, space, breaks), dtype=np.int64).reshape(-1, 2)
    unit_of_token = np.full(n, -1, dtype=np.int64)
    for k, (s, e) in enumerate(units.tolist()):
        unit_of_token[s:e] = k
    unit_of_token[space] = -1
    taggable = np.isin(a[:, _POS], _TAGGABLE) & ~a[:, _STOP].astype(bool) & (unit_of_token >= 0)
    token_chars = _token_chars(a)
    chars = np.stack([token_chars[units[:, 0], 0], token_chars[units[:, 1] - 1, 1]], axis=1).reshape(-1, 2)
    title_end = int(token_chars[breaks[0], 0]) if breaks else (int(token_chars[-1, 1]) if n else 0)
    length = int(token_chars[-1, 1]) if n else 0
    unit_keys, unit_of_key = _unit_bags(a, unit_of_token)
    dense = _dense(a, unit_of_token, chars, title_end, length)
    return Features(units, chars, unit_keys, unit_of_key, dense, _token_keys(a), unit_of_token, token_chars, taggable)


def _token_keys(a: np.ndarray) -> np.ndarray:
    """The token tagger's keys: the word, its lemma, its neighbours, its part of speech in context, affix, shape."""
    if len(a) == 0:
        return np.zeros((0, N_TEMPLATES), dtype=np.uint64)
    lower, pos = a[:, _LOWER], a[:, _POS]
    prev_lower, next_lower = _shift(lower, 1), _shift(lower, -1)
    columns = [
        _mix(1, lower),
        _mix(2, a[:, _LEMMA], pos),
        _mix(3, prev_lower),
        _mix(4, next_lower),
        _mix(5, prev_lower, lower),
        _mix(6, lower, next_lower),
        _mix(7, pos, a[:, _DEP]),
        _mix(8, _shift(pos, 1), pos, _shift(pos, -1)),
        _mix(9, a[:, _SUFFIX], pos),
        _mix(10, a[:, _SHAPE]),
    ]
    return np.stack(columns, axis=1)


def unit_word_keys(lower: np.ndarray) -> np.ndarray:
    """The unit model's keys of words, from their lowercase hashes."""
    return _mix(11, lower)


def _unit_bags(a: np.ndarray, unit_of_token: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each unit's distinct words and lemma bigrams (a bigram never spans two units)."""
    keep = unit_of_token >= 0
    words = unit_word_keys(a[:, _LOWER])
    lemma = a[:, _LEMMA]
    same_unit = np.zeros(len(lemma), bool)
    same_unit[1:] = unit_of_token[1:] == unit_of_token[:-1]
    bigrams = _mix(12, _shift(lemma, 1), lemma)
    keys = np.concatenate([words[keep], bigrams[keep & same_unit]])
    owners = np.concatenate([unit_of_token[keep], unit_of_token[keep & same_unit]])
    order = np.lexsort((keys, owners))
    keys, owners = keys[order], owners[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])
    return keys[first], owners[first]


def _token_chars(a: np.ndarray) -> np.ndarray:
    starts = a[:, _IDX].astype(np.int64)
    return np.stack([starts, starts + a[:, _LENGTH].astype(np.int64)], axis=1).reshape(-1, 2)


def _dense(a: np.ndarray, unit_of_token: np.ndarray, chars: np.ndarray, title_end: int, length: int) -> np.ndarray:
    """Length, punctuation, shouting, place in the article, person, repetition across the article."""
    m = len(chars)
    out = np.zeros((m, len(DENSE_NAMES)), dtype=np.float64)
    if m == 0:
        return out
    inside = unit_of_token >= 0
    u = unit_of_token[inside]
    count = np.bincount(u, minlength=m).astype(np.float64)

    def share(mask: np.ndarray) -> np.ndarray:
        return np.bincount(u, weights=mask[inside].astype(np.float64), minlength=m) / np.maximum(count, 1)

    lower, lemma, pos = a[:, _LOWER], a[:, _LEMMA], a[:, _POS]
    alpha = a[:, _ALPHA].astype(bool)
    content = np.isin(pos, _CONTENT) & ~a[:, _STOP].astype(bool) & alpha
    lemma_count = _article_counts(lemma, content)
    bigram = _mix(13, _shift(lemma, 1), lemma)
    bigram_ok = content & _shift(content.astype(np.uint64), 1).astype(bool)
    bigram_count = _article_counts(bigram, bigram_ok)
    out[:, 0] = np.log1p(count)
    out[:, 1] = count <= 6
    out[:, 2] = share(np.isin(lower, _QUESTION)) > 0
    out[:, 3] = share(np.isin(lower, _EXCLAMATION)) > 0
    out[:, 4] = share(np.isin(lower, _QUOTES)) > 0
    out[:, 5] = share(a[:, _UPPER].astype(bool) & (a[:, _LENGTH] > 1))
    out[:, 6] = chars[:, 0] < title_end
    out[:, 7] = chars[:, 0] / max(length, 1)
    out[:, 8] = share(np.isin(lower, _WE))
    out[:, 9] = share(np.isin(lower, _YOU))
    out[:, 10] = np.log1p(_unit_max(u, lemma_count[inside], m))
    out[:, 11] = share(content & (lemma_count >= 3))
    out[:, 12] = np.minimum(
        np.bincount(u, weights=(bigram_ok & (bigram_count >= 2))[inside].astype(float), minlength=m), 3
    )
    out[:, 13] = share(pos == _PROPN)
    out[:, 14] = share(pos == _ADJ)
    out[:, 15] = share(pos == _NUM)
    return out


def _hashes(words: tuple[str, ...]) -> np.ndarray:
    return np.array([get_string_id(w) for w in words], dtype=np.uint64)


_WE, _YOU = _hashes(("we", "our", "us", "ours")), _hashes(("you", "your", "yours"))
_QUESTION, _EXCLAMATION = _hashes(("?", "??", "???", "?!", "!?")), _hashes(("!", "!!", "!!!", "?!", "!?"))
_QUOTES = _hashes(('"', "“", "”", "''", "``"))


def _article_counts(keys: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """How often each token's key occurs in the article among the masked tokens (0 where unmasked)."""
    out = np.zeros(len(keys), dtype=np.float64)
    if not mask.any():
        return out
    _, inverse, counts = np.unique(keys[mask], return_inverse=True, return_counts=True)
    out[mask] = counts[inverse]
    return out


def _unit_max(unit: np.ndarray, values: np.ndarray, m: int) -> np.ndarray:
    out = np.zeros(m)
    np.maximum.at(out, unit, values)
    return out
