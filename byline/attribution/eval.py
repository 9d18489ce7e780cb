"""Scoring byline's attributions against PolNeAR gold.

Each role (source, cue, content) is scored on its own, per document, then micro-averaged over documents.
A role's span is the sorted tuple of its pieces (a discontinuous span has several); each piece is first
trimmed of surrounding whitespace, and empty pieces are dropped. An attribution without that role (no
source, no cue) contributes nothing to that role's counts.

- **exact**: a predicted role span matches a gold one when the piece tuples are identical (every piece
  the same start and end). Matching is one-to-one within a document (multiset intersection), so one
  mention that is the source of two gold attributions must be predicted twice to be matched twice.
- **overlap**: spans are compared as sets of word tokens (``\\w+`` runs and single punctuation marks,
  over all pieces). A pair matches when ``|pred ∩ gold| / max(|pred|, |gold|) >= 0.5``: the shared part
  must be at least half of the *longer* span, so predicting a whole paragraph does not match a clause in
  it. Pairs are matched one-to-one, best ratio first. The same definition serves all three roles.
- **speaker_accuracy**: attributions are paired one-to-one by content overlap (as above); over those
  pairs, the fraction whose predicted source equals the gold source exactly (both absent counts as equal,
  one absent as wrong). PolNeAR marks the source as written, with no coreference, as byline does.

P = matched / predicted, R = matched / gold, F1 their harmonic mean (0 when both are 0).

With ``unit="paragraph"`` (the segmentation and metric of CofeNet, COLING 2022, and of the published
PolNeAR figures), the text is cut into blank-line paragraphs; each role span is cut at paragraph edges,
and in each paragraph a role's span is the tuple of its pieces there. Exact matches are counted per
paragraph (one-to-one) and summed over every paragraph of every document (micro-averaged).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from byline.attribution.model import Candidate, CharSpan
from byline.attribution.polnear import GoldDoc, iter_polnear
from byline.reading import Article, Attribution, Source, Span

ROLES = ("source", "cue", "content")
OVERLAP_THRESHOLD = 0.5
_TOKEN = re.compile(r"\w+|[^\w\s]")

Pieces = tuple[CharSpan, ...]


def normalise(text: str, pieces: Iterable[CharSpan]) -> Pieces:
    """Pieces trimmed of surrounding whitespace, empty ones dropped, sorted."""
    out = []
    for start, end in pieces:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(sorted(out))


def token_set(text: str, pieces: Pieces) -> frozenset[CharSpan]:
    """The word tokens (as character spans) covered by the pieces."""
    found = set()
    for start, end in pieces:
        for match in _TOKEN.finditer(text, start, end):
            found.add(match.span())
    return frozenset(found)


def overlap_ratio(a: frozenset, b: frozenset) -> float:
    """Shared tokens over the size of the larger set."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def _gold_roles(doc: GoldDoc) -> list[dict[str, Pieces]]:
    return [{role: normalise(doc.text, getattr(a, role)) for role in ROLES} for a in doc.attributions]


def _pred_roles(text: str, attribution: Attribution) -> dict[str, Pieces]:
    source = attribution.source.span
    return {
        "source": normalise(text, [(source.start, source.end)] if source else []),
        "cue": normalise(text, [(attribution.cue.start, attribution.cue.end)] if attribution.cue else []),
        "content": normalise(text, [(s.start, s.end) for s in attribution.content]),
    }


def _overlap_pairs(text: str, gold: Sequence[Pieces], pred: Sequence[Pieces]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs with overlap ratio at or above the threshold."""
    gold_tokens = [token_set(text, g) for g in gold]
    pred_tokens = [token_set(text, p) for p in pred]
    scored = []
    for gi, gt in enumerate(gold_tokens):
        for pi, pt in enumerate(pred_tokens):
            ratio = overlap_ratio(gt, pt)
            if ratio >= OVERLAP_THRESHOLD:
                scored.append((-ratio, gi, pi))
    return one_to_one(scored)


def one_to_one(scored: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """(gold, predicted) pairs taken best first from (sort key, gold index, predicted index), each used once."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(scored):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _prf(matched: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = matched / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def score_attributions(gold_docs: Iterable[GoldDoc], predicted: dict[str, list[Attribution]]) -> dict[str, Any]:
    """Exact and overlap P/R/F1 per role, and speaker accuracy, of ``predicted`` (by doc id) against gold."""
    counts = {kind: {role: [0, 0, 0] for role in ROLES} for kind in ("exact", "overlap")}  # matched, pred, gold
    speaker_right = speaker_pairs = n_docs = n_gold = n_pred = 0
    for doc in gold_docs:
        n_docs += 1
        gold = _gold_roles(doc)
        pred = [_pred_roles(doc.text, a) for a in predicted.get(doc.doc_id, [])]
        n_gold += len(gold)
        n_pred += len(pred)
        for role in ROLES:
            gold_spans = [g[role] for g in gold if g[role]]
            pred_spans = [p[role] for p in pred if p[role]]
            exact = sum((Counter(gold_spans) & Counter(pred_spans)).values())
            loose = len(_overlap_pairs(doc.text, gold_spans, pred_spans))
            for kind, matched in (("exact", exact), ("overlap", loose)):
                tally = counts[kind][role]
                tally[0] += matched
                tally[1] += len(pred_spans)
                tally[2] += len(gold_spans)
        for gi, pi in _overlap_pairs(doc.text, [g["content"] for g in gold], [p["content"] for p in pred]):
            speaker_pairs += 1
            speaker_right += gold[gi]["source"] == pred[pi]["source"]
    result: dict[str, Any] = {
        kind: {role: _prf(*counts[kind][role]) for role in ROLES} for kind in ("exact", "overlap")
    }
    result["speaker_accuracy"] = round(speaker_right / speaker_pairs, 4) if speaker_pairs else 0.0
    result.update(n_docs=n_docs, n_gold=n_gold, n_pred=n_pred)
    return result


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraph_ranges(text: str) -> list[CharSpan]:
    """The blank-line paragraphs of ``text`` as (start, end), in order."""
    ranges, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return [r for r in ranges if r[1] > r[0]]


def _by_paragraph(text: str, pieces: Pieces, paragraphs: list[CharSpan]) -> dict[int, Pieces]:
    """A role span cut at paragraph edges: its pieces in each paragraph it reaches, by paragraph index."""
    found: dict[int, list[CharSpan]] = {}
    for k, (p_start, p_end) in enumerate(paragraphs):
        inside = [(max(s, p_start), min(e, p_end)) for s, e in pieces if s < p_end and p_start < e]
        if inside:
            found[k] = inside
    return {k: cut for k, inside in found.items() if (cut := normalise(text, inside))}


def score_paragraph_units(gold_docs: Iterable[GoldDoc], predicted: dict[str, list[Attribution]]) -> dict[str, Any]:
    """Exact P/R/F1 per role over paragraph units, micro-averaged (CofeNet's metric; see the module's doc)."""
    counts = {role: [0, 0, 0] for role in ROLES}  # matched, pred, gold
    n_units = 0
    for doc in gold_docs:
        paragraphs = paragraph_ranges(doc.text)
        n_units += len(paragraphs)
        gold = _gold_roles(doc)
        pred = [_pred_roles(doc.text, a) for a in predicted.get(doc.doc_id, [])]
        for role in ROLES:
            gold_units = Counter(
                (k, cut) for g in gold if g[role] for k, cut in _by_paragraph(doc.text, g[role], paragraphs).items()
            )
            pred_units = Counter(
                (k, cut) for p in pred if p[role] for k, cut in _by_paragraph(doc.text, p[role], paragraphs).items()
            )
            tally = counts[role]
            tally[0] += sum((gold_units & pred_units).values())
            tally[1] += sum(pred_units.values())
            tally[2] += sum(gold_units.values())
    return {"unit": "paragraph", "n_units": n_units, "exact": {role: _prf(*counts[role]) for role in ROLES}}


def _span(text: str, span: CharSpan) -> Span:
    return Span(start=span[0], end=span[1], text=text[span[0] : span[1]])


def candidates_to_attributions(candidates: Iterable[Candidate], text: str) -> list[Attribution]:
    """Attributions straight from detection candidates (source as written, no resolution)."""
    return [
        Attribution(
            id=f"a{i}",
            kind=c.kind,  # type: ignore[arg-type]
            cue=_span(text, c.cue) if c.cue else None,
            source=Source(span=_span(text, c.source) if c.source else None),
            content=[_span(text, piece) for piece in c.content],
            negated=c.negated,
            confidence=min(1.0, max(0.0, c.confidence)),
            evidence=c.evidence or None,
        )
        for i, c in enumerate(candidates, 1)
    ]


def evaluate_polnear(path: Path, reader: Any, limit: int | None = None, unit: str = "document") -> dict[str, Any]:
    """Score what ``reader`` (a ``byline.pipeline.Reader``) outputs on a PolNeAR JSONL file: per document,
    and with ``unit="paragraph"`` also over paragraph units (as ``paragraph_units``)."""
    gold_docs = list(islice(iter_polnear(path), limit))
    articles = (Article(text=doc.text, origin=doc.doc_id) for doc in gold_docs)
    predicted = {reading.article.origin or "": reading.attributions for reading in reader.read_many(articles)}
    scores = score_attributions(gold_docs, predicted)
    if unit == "paragraph":
        scores["paragraph_units"] = score_paragraph_units(gold_docs, predicted)
    return scores


def gold_as_attributions(doc: GoldDoc) -> list[Attribution]:
    """One annotator's attributions in the form the scorer reads predictions (a two-piece source is kept
    as the span over both pieces)."""
    text = doc.text
    out = []
    for i, gold in enumerate(doc.attributions, 1):
        source = (gold.source[0][0], gold.source[-1][1]) if gold.source else None
        out.append(
            Attribution(
                id=f"a{i}",
                kind="indirect",
                cue=_span(text, (gold.cue[0][0], gold.cue[-1][1])) if gold.cue else None,
                source=Source(span=_span(text, source) if source else None),
                content=[_span(text, piece) for piece in gold.content],
            )
        )
    return out


def annotator_agreement(compartment: Path, reader: Any = None) -> dict[str, Any]:
    """How far PolNeAR's annotators agree with each other under this scorer, and byline with them.

    ``compartment`` is a PolNeAR folder with ``text/`` and ``attributions/`` (brat files, one per article
    and annotator), e.g. ``annotator-training``; only articles with two or more annotators count.
    ``annotators``: every ordered pair of annotators of an article, one taken as gold and the other as
    predictions, micro-averaged over all pairs (so P equals R). ``byline`` (with a ``reader``): byline's
    reading of each article scored against each of its annotators in turn, micro-averaged the same way.
    """
    from byline.attribution.brat import iter_annotations

    multiple = [(doc_id, versions) for doc_id, versions in iter_annotations(compartment) if len(versions) > 1]
    human_gold: list[GoldDoc] = []
    human_pred: dict[str, list[Attribution]] = {}
    for doc_id, versions in multiple:
        for gold in versions:
            for other in versions:
                if other is not gold:
                    pair_id = f"{doc_id}|{gold.annotator}|{other.annotator}"
                    human_gold.append(GoldDoc(pair_id, gold.text, gold.attributions, annotator=gold.annotator))
                    human_pred[pair_id] = gold_as_attributions(other)
    result: dict[str, Any] = {
        "annotators": _pairs_result(score_attributions(human_gold, human_pred)),
        "n_articles": len(multiple),
        "n_annotators": len({v.annotator for _, versions in multiple for v in versions}),
    }
    if reader is not None:
        articles = (Article(text=versions[0].text, origin=doc_id) for doc_id, versions in multiple)
        readings = {r.article.origin: r.attributions for r in reader.read_many(articles)}
        system_gold = [
            GoldDoc(f"{doc_id}|{v.annotator}", v.text, v.attributions, annotator=v.annotator)
            for doc_id, versions in multiple
            for v in versions
        ]
        system_pred = {g.doc_id: readings.get(g.doc_id.split("|")[0], []) for g in system_gold}
        result["byline"] = _pairs_result(score_attributions(system_gold, system_pred))
    return result


def _pairs_result(scores: dict[str, Any]) -> dict[str, Any]:
    scores["n_pairs"] = scores.pop("n_docs")
    return scores
