"""Wordpiece windows over an article and their BIO role labels: what the encoder is trained on and reads.

Labels are the CRF tagger's (``B-``/``I-`` with S source, C cue, T content; a cue wins over a source over
a content where attributions nest). A window holds ``max_length`` wordpieces with ``stride`` of them shared
with the next, so that every wordpiece is read with context on both sides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from byline.attribution.model import CharSpan

LABELS = ("O", "B-S", "I-S", "B-C", "I-C", "B-T", "I-T")
LABEL_ID = {label: k for k, label in enumerate(LABELS)}
ROLE_LETTER = {"source": "S", "cue": "C", "content": "T"}
MAX_LENGTH = 256
STRIDE = 64


@dataclass
class Window:
    """One window: its wordpiece ids (with [CLS] and [SEP]) and, per wordpiece, its index in the article."""

    ids: list[int]
    pieces: list[int]  # article wordpiece index of each id; -1 for [CLS]/[SEP]


def char_labels(length: int, roles: Iterable[dict[str, Sequence[CharSpan]]]) -> list[str]:
    """A BIO label per character of the text: content first, then sources, then cues over them."""
    labels = ["O"] * length
    roles = list(roles)
    for role in ("content", "source", "cue"):
        for attribution in roles:
            for start, end in attribution.get(role, ()):
                for k in range(max(start, 0), min(end, length)):
                    labels[k] = ("B-" if k == start else "I-") + ROLE_LETTER[role]
    return labels


def piece_labels(offsets: Sequence[tuple[int, int]], chars: Sequence[str]) -> list[str]:
    """The label of each wordpiece: its first character's; B- where a span starts inside it."""
    out = []
    for start, end in offsets:
        inside = chars[start:end]
        label = next((c for c in inside if c.startswith("B-")), inside[0] if inside else "O")
        out.append(label)
    return out


def windows(
    n_pieces: int, cls_id: int, sep_id: int, ids: Sequence[int], max_length: int = MAX_LENGTH, stride: int = STRIDE
) -> list[Window]:
    """Windows over an article's ``ids`` (its wordpieces), each overlapping the next by ``stride``."""
    body = max_length - 2
    out: list[Window] = []
    start = 0
    while True:
        end = min(start + body, n_pieces)
        out.append(Window([cls_id, *ids[start:end], sep_id], [-1, *range(start, end), -1]))
        if end >= n_pieces:
            return out
        start = end - stride


def best_window_of(windows_: Sequence[Window], n_pieces: int) -> list[tuple[int, int]]:
    """For each article wordpiece, the (window, position) where it sits farthest from a window's edge."""
    best: list[tuple[int, int, int]] = [(-1, -1, -1)] * n_pieces  # (margin, window, position)
    for w, window in enumerate(windows_):
        last = len(window.pieces) - 1
        for position, piece in enumerate(window.pieces):
            if piece < 0:
                continue
            margin = min(position, last - position)
            if margin > best[piece][0]:
                best[piece] = (margin, w, position)
    return [(w, p) for _, w, p in best]


ALLOWED_AFTER = {
    label: {nxt for nxt in LABELS if not nxt.startswith("I-") or label[2:] == nxt[2:] and label != "O"}
    for label in LABELS
}


def constrained_decode(scores: Sequence[Sequence[float]]) -> list[str]:
    """The best label sequence under BIO (an I- only after its own B- or I-), from per-piece log scores."""
    if not len(scores):
        return []
    n = len(LABELS)
    start_ok = [not label.startswith("I-") for label in LABELS]
    best = [scores[0][k] if start_ok[k] else float("-inf") for k in range(n)]
    back: list[list[int]] = []
    for row in scores[1:]:
        step, new = [], []
        for k, label in enumerate(LABELS):
            prev = max((j for j in range(n) if label in ALLOWED_AFTER[LABELS[j]]), key=lambda j: best[j], default=0)
            step.append(prev)
            new.append(best[prev] + row[k])
        back.append(step)
        best = new
    k = max(range(n), key=lambda j: best[j])
    path = [k]
    for step in reversed(back):
        k = step[k]
        path.append(k)
    return [LABELS[k] for k in reversed(path)]
