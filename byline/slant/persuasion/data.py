"""Readers of the SemEval-2023 Task 3 and PTC 2020 formats.

Articles are ``article<ID>.txt`` files; a paragraph is a non-blank line of the file, numbered from 1.
Span labels are ``id\\ttechnique\\tstart\\tend`` (character offsets into the file); paragraph labels are
``id\\tline\\ttech,tech,…`` (an empty third field: a paragraph without techniques).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from byline.errors import BylineError
from byline.slant.persuasion.techniques import map_ptc

ParagraphLabels = dict[str, dict[int, set[str]]]


@dataclass(frozen=True)
class GoldSpan:
    technique: str
    start: int
    end: int


def _lines(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise BylineError("not_found", str(path))
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_articles(directory: Path, ids: set[str] | None = None) -> dict[str, str]:
    """The texts of ``article<ID>.txt`` in ``directory`` (only ``ids`` when given), by id."""
    if not directory.is_dir():
        raise BylineError("not_found", str(directory))
    texts = {}
    for path in sorted(directory.glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        if ids is None or article_id in ids:
            texts[article_id] = path.read_text(encoding="utf-8")
    return texts


def is_span_file(path: Path) -> bool:
    """Whether a label file holds spans (``id tech start end``) rather than paragraph labels."""
    first = next(iter(_lines(path)), [])
    return len(first) == 4 and first[2].isdigit() and first[3].isdigit() and not first[1].isdigit()


def read_span_labels(path: Path) -> dict[str, list[GoldSpan]]:
    """Span labels by article id, in file order."""
    spans: dict[str, list[GoldSpan]] = defaultdict(list)
    for n, fields in enumerate(_lines(path), 1):
        if len(fields) != 4 or not fields[2].isdigit() or not fields[3].isdigit():
            raise BylineError("malformed", str(path), detail=f"line {n} is not 'id, technique, start, end'")
        spans[fields[0]].append(GoldSpan(fields[1], int(fields[2]), int(fields[3])))
    return dict(spans)


def read_paragraph_labels(path: Path) -> ParagraphLabels:
    """Paragraph labels: {id: {line number: techniques}}, every listed paragraph present (maybe empty)."""
    labels: ParagraphLabels = defaultdict(dict)
    for n, fields in enumerate(_lines(path), 1):
        if len(fields) < 2 or not fields[1].isdigit():
            raise BylineError("malformed", str(path), detail=f"line {n} is not 'id, line, techniques'")
        techniques = {t for t in (fields[2].split(",") if len(fields) > 2 else []) if t}
        labels[fields[0]].setdefault(int(fields[1]), set()).update(techniques)
    return dict(labels)


def paragraphs(text: str) -> list[tuple[int, int, int]]:
    """(line number from 1, start, end) of each non-blank line."""
    out, start = [], 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            out.append((number, start, start + len(line)))
        start += len(line) + 1
    return out


def paragraph_of(bounds: list[tuple[int, int, int]], position: int) -> int | None:
    """The line number of the paragraph holding ``position``."""
    from bisect import bisect_right

    k = bisect_right([s for _, s, _ in bounds], position) - 1
    return bounds[k][0] if k >= 0 and position < bounds[k][2] else None


def spans_to_paragraphs(text: str, spans: list[GoldSpan]) -> dict[int, set[str]]:
    """The paragraph labels spans give: every paragraph a span's characters touch has its technique."""
    bounds = paragraphs(text)
    out: dict[int, set[str]] = {number: set() for number, _, _ in bounds}
    for span in spans:
        for number, start, end in bounds:
            if start < span.end and span.start < end:
                out[number].add(span.technique)
    return out


def map_ptc_spans(ptc: dict[str, list[GoldSpan]], finer: dict[str, list[GoldSpan]]) -> dict[str, list[GoldSpan]]:
    """PTC spans under SemEval-2023 names; a merged class is split by the finer labels of spans that cover
    most of the same text in the same article, where ``finer`` has them."""
    out = {}
    for article_id, spans in ptc.items():
        others = finer.get(article_id, [])
        mapped = []
        for span in spans:
            half = (span.end - span.start) / 2
            labels = {o.technique for o in others if min(o.end, span.end) - max(o.start, span.start) > half}
            mapped.append(GoldSpan(map_ptc(span.technique, labels), span.start, span.end))
        out[article_id] = mapped
    return out


def merge_sources(main: dict[str, list[GoldSpan]], extra: dict[str, list[GoldSpan]]) -> dict[str, list[GoldSpan]]:
    """``main``'s articles, then ``extra``'s articles that ``main`` lacks (the same article is never counted twice)."""
    return {**{k: v for k, v in extra.items() if k not in main}, **main}
