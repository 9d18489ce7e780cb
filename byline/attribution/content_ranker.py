"""Choosing where a detected attribution's content starts and stops.

Detection gives up to three readings of a content: the merged candidate's, the CRF tagger's and the
parse rules'. From those the ranker builds a few options (each reading; run on to the sentence's end;
without a leading "that") and keeps the one a trained averaged perceptron scores highest. It learns
which reading to trust where they differ, from the edges of each: what the content starts and ends
with, what follows it, whether it cuts a phrase of the parse, how it ranks in length.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from byline.attribution.model import Candidate, CharSpan, quote_kind
from byline.nlp.quotes import QUOTE_MARKS, parsed_form
from byline.nlp.spans import SpanMap
from byline.nlp.text import doc_text

RANKER_FILE = "content_ranker.json"
SENTENCE_END = frozenset(".!?")


@dataclass(frozen=True)
class Option:
    """One reading of a content: its pieces and how it was made (``origins``: merged, crf, rules, and
    "<origin>><change>" for a changed one; ``change``: as-is, to-sentence-end, without-that)."""

    pieces: tuple[CharSpan, ...]
    origins: frozenset[str]
    change: str = "as-is"


def _tokens(doc: Doc, piece: CharSpan) -> list[Token]:
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    return [t for t in span if not t.is_space] if span is not None else []


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def variants(doc: Doc, pieces: tuple[CharSpan, ...]) -> list[tuple[tuple[CharSpan, ...], str]]:
    """Changed readings of a one-piece unquoted content: run on to the end of its sentence (within the
    paragraph); without a leading "that". (Cutting at inner commas was tried on held-out train and
    broke as many contents as it mended.)"""
    if len(pieces) != 1:
        return []
    start, end = pieces[0]
    tokens = _tokens(doc, pieces[0])
    if len(tokens) < 2 or doc_text(doc)[start] in QUOTE_MARKS:
        return []
    out = []
    sentence = [t for t in tokens[-1].sent if not t.is_space]
    while sentence and sentence[-1].is_punct and sentence[-1].text not in QUOTE_MARKS:
        sentence.pop()
    if sentence and _end(sentence[-1]) > end and "\n\n" not in doc_text(doc)[end : _end(sentence[-1])]:
        out.append((((start, _end(sentence[-1])),), "to-sentence-end"))
    if tokens[0].lower_ == "that":
        out.append((((tokens[1].idx, end),), "without-that"))
    return out


def content_options(doc: Doc, readings: Sequence[tuple[str, Sequence[CharSpan]]]) -> list[Option]:
    """The distinct options built from named readings of one content ((origin, pieces) pairs)."""
    found: dict[tuple[CharSpan, ...], tuple[set[str], str]] = {}
    for origin, pieces in readings:
        key = tuple(sorted(pieces))
        if not key:
            continue
        found.setdefault(key, (set(), "as-is"))[0].add(origin)
        for changed, change in variants(doc, key):
            if changed not in found:
                found[changed] = ({f"{origin}>{change}"}, change)
    return [Option(pieces, frozenset(origins), change) for pieces, (origins, change) in found.items()]


def _form(token: Token) -> str:
    """A token's text as the parser read it (quotation marks in their canonical form), case kept."""
    parsed = parsed_form(token)
    return token.text if parsed == token.lower_ else parsed


def option_features(doc: Doc, cue: CharSpan | None, option: Option) -> list[str]:
    """Features of one option: where it came from, how its edges look, what lies beyond its end."""
    tokens = [t for piece in option.pieces for t in _tokens(doc, piece)]
    if not tokens:
        return ["empty"]
    first, last = tokens[0], tokens[-1]
    after = next((t for t in doc[last.i + 1 : last.i + 3] if not t.is_space), None)
    before = next((t for t in reversed(doc[max(first.i - 2, 0) : first.i]) if not t.is_space), None)
    inside = {t.i for t in tokens}
    cut_subtree = any(t.right_edge.i > last.i and t.right_edge.i not in inside for t in tokens)
    position = "after" if cue is not None and first.idx >= cue[1] else "before"
    change = option.change
    feats = [f"o={origin}" for origin in sorted(option.origins)]
    feats += [
        f"n={len(option.origins)}",
        f"ch={change}",
        f"pos={position}|{change}",
        f"f={parsed_form(first) if first.is_stop else first.pos_}|{change}",
        f"l={last.pos_}|{last.dep_}",
        f"lw={parsed_form(last) if last.is_stop or last.is_punct else last.pos_}",
        f"a={_form(after) if after is not None and after.is_punct else after.pos_ if after is not None else '<end>'}",
        f"aw={parsed_form(after) if after is not None and after.is_stop else '-'}|{change}",
        f"b={_form(before) if before is not None and before.is_punct else '-'}",
        f"cut={cut_subtree}|{change}",
        f"q={any(t.text in QUOTE_MARKS for t in tokens)}",
        f"pieces={min(len(option.pieces), 3)}",
        f"len={_bucket(len(tokens))}",
        f"sent_end={after is None or after.is_sent_start or after.text in SENTENCE_END}|{change}",
    ]
    if after is not None and not after.is_punct:
        feats.append(f"adep={after.dep_}|{change}")
    elif after is not None:
        nxt = next((t for t in doc[after.i + 1 : after.i + 3] if not t.is_space), None)
        if nxt is not None:
            mark = _form(after)
            feats += [f"a2={mark}|{nxt.dep_}", f"a2w={mark}|{parsed_form(nxt) if nxt.is_stop else nxt.pos_}"]
    return feats


def options_features(doc: Doc, cue: CharSpan | None, options: Sequence[Option]) -> list[list[str]]:
    """Each option's features, with how its length ranks among the options."""
    lengths = [sum(e - s for s, e in o.pieces) for o in options]
    out = []
    for option, length in zip(options, lengths, strict=True):
        rank = "longest" if length == max(lengths) else "shortest" if length == min(lengths) else "middle"
        out.append([*option_features(doc, cue, option), f"rank={rank}", f"rank_ch={rank}|{option.change}"])
    return out


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "long"


@dataclass
class ContentRanker:
    """An averaged perceptron over option features; the best-scoring option wins."""

    weights: dict[str, float]

    def score(self, features: Sequence[str]) -> float:
        return sum(self.weights.get(f, 0.0) for f in features)

    def choose(self, doc: Doc, candidate: Candidate, options: Sequence[Option]) -> Option:
        """The best-scoring option (the merged reading on a tie)."""
        scored = zip(options, options_features(doc, candidate.cue, options), strict=True)
        best, _ = max(scored, key=lambda pair: (self.score(pair[1]), "merged" in pair[0].origins))
        return best

    def to_json(self) -> dict:
        return {"weights": self.weights}

    @classmethod
    def from_json(cls, data: dict) -> ContentRanker:
        return cls(weights={str(k): float(v) for k, v in data["weights"].items()})


def train_ranker(
    examples: Sequence[tuple[list[list[str]], int]], epochs: int = 8, seed: int = 0, epsilon: float = 1e-3
) -> ContentRanker:
    """An averaged perceptron from (features of each option, index of the right option) examples."""
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    stamps: dict[str, int] = defaultdict(int)
    step = 0
    order = list(range(len(examples)))
    rng = random.Random(seed)

    def bump(features: list[str], delta: float) -> None:
        for f in features:
            totals[f] += (step - stamps[f]) * weights[f]
            stamps[f] = step
            weights[f] += delta

    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            options, right = examples[index]
            step += 1
            scores = [sum(weights.get(f, 0.0) for f in o) for o in options]
            guess = max(range(len(options)), key=lambda k: (scores[k], k == 0))
            if guess != right:
                bump(options[right], 1.0)
                bump(options[guess], -1.0)
    averaged = {}
    for f, w in weights.items():
        value = (totals[f] + (step - stamps[f]) * w) / max(step, 1)
        if abs(value) >= epsilon:
            averaged[f] = round(value, 4)
    return ContentRanker(averaged)


DetectorReading = tuple[CharSpan | None, tuple[CharSpan, ...]]  # (cue, content pieces) of one detector's candidate


def _reading_on(cue: CharSpan | None, readings: SpanMap[tuple[CharSpan, ...]]) -> tuple[CharSpan, ...] | None:
    return next(iter(readings.meeting(*cue)), None) if cue is not None else None


def readings_by_cue(readings: Sequence[DetectorReading]) -> SpanMap[tuple[CharSpan, ...]]:
    """One detector's readings (content pieces), looked up by the cue they hang on."""
    return SpanMap((cue, pieces) for cue, pieces in readings if cue is not None)


def candidate_options(
    doc: Doc,
    candidate: Candidate,
    tagged: SpanMap[tuple[CharSpan, ...]],
    rules: SpanMap[tuple[CharSpan, ...]],
    encoded: SpanMap[tuple[CharSpan, ...]] | None = None,
) -> list[Option]:
    """The content options of one merged candidate: its own, and the tagger's, the rules' (and the encoder's,
    in the accurate mode) on its cue."""
    readings: list[tuple[str, Sequence[CharSpan]]] = [("merged", candidate.content)]
    sources = [("crf", tagged), ("rules", rules)] + ([("encoder", encoded)] if encoded is not None else [])
    for origin, found in sources:
        pieces = _reading_on(candidate.cue, found)
        if pieces is not None:
            readings.append((origin, pieces))
    return content_options(doc, readings)


def rank_contents(
    doc: Doc,
    merged: list[Candidate],
    tagged: Sequence[DetectorReading],
    rules: Sequence[DetectorReading],
    ranker: ContentRanker,
    quotes: list[CharSpan],
    encoded: Sequence[DetectorReading] | None = None,
) -> list[Candidate]:
    """The merged candidates, each with the content option the ranker prefers among its readings."""
    tagged, rules = readings_by_cue(tagged), readings_by_cue(rules)
    by_encoder = readings_by_cue(encoded) if encoded is not None else None
    for candidate in merged:
        options = candidate_options(doc, candidate, tagged, rules, by_encoder)
        if len(options) < 2:
            continue
        best = ranker.choose(doc, candidate, options)
        if "merged" not in best.origins:
            candidate.content = list(best.pieces)
            candidate.kind = quote_kind(candidate.content, quotes)
            candidate.evidence = f"{candidate.evidence}; content: {'/'.join(sorted(best.origins))}"
    return merged


@lru_cache(maxsize=4)
def load_ranker(directory: Path) -> ContentRanker | None:
    """The shipped content ranker, or None when its file is absent (contents then stay as merged)."""
    path = Path(directory) / RANKER_FILE
    if not path.exists():
        return None
    return ContentRanker.from_json(json.loads(path.read_text(encoding="utf-8")))
