"""Body-extraction benchmark: byline's HTML ingestion against the Zyte/ScrapingHub gold bodies.

The metric is the benchmark's own: per-document precision and recall over word 4-gram shingles
(multiset counts, tokens ``\\w+``), macro-averaged over documents (precision over those with any
extracted shingle, recall over those with any gold shingle), F1 the harmonic mean of the two.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from byline.errors import BylineError
from byline.ingest.html import article_from_html

SHINGLE_WORDS = 4
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE_WORDS) -> Counter[str]:
    """Word n-gram shingles of ``text`` with their counts (one shingle of all words when fewer than n)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        " ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def shingle_counts(gold: str, predicted: str) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) over shingles."""
    expected, found = shingles(gold), shingles(predicted)
    tp = sum((expected & found).values())
    return tp, sum(found.values()) - tp, sum(expected.values()) - tp


def macro_scores(counts: list[tuple[int, int, int]]) -> dict[str, float]:
    """Macro-averaged precision and recall over documents, and their harmonic mean."""
    precisions = [tp / (tp + fp) for tp, fp, _ in counts if tp + fp]
    recalls = [tp / (tp + fn) for tp, _, fn in counts if tp + fn]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def extracted_body(html: bytes, url: str | None) -> str:
    """The body text byline reads from a page ("" when it finds none)."""
    try:
        return article_from_html(html, url=url).text
    except BylineError:
        return ""


def score_extraction(data_dir: Path) -> dict:
    """Score byline's body extraction on the benchmark in ``data_dir`` (ground-truth.json, html/*.html.gz).

    Returns {"precision", "recall", "f1", "n_docs"}.
    """
    data_dir = Path(data_dir)
    truth = data_dir / "ground-truth.json"
    if not truth.is_file():
        raise BylineError("not_found", str(truth))
    try:
        gold = json.loads(truth.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BylineError("malformed", str(truth), detail=str(exc)) from exc
    counts = []
    for doc_id, item in sorted(gold.items()):
        html = gzip.decompress((data_dir / "html" / f"{doc_id}.html.gz").read_bytes())
        counts.append(shingle_counts(item.get("articleBody", ""), extracted_body(html, item.get("url"))))
    return {**macro_scores(counts), "n_docs": len(counts)}
