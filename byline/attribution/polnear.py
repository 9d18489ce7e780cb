"""Loading the PolNeAR attribution corpus (JSONL form) into gold documents.

Each line of ``{train,dev}.jsonl`` is one article: ``doc_id``, ``text`` and ``quotes``, each quote with
``cues``, ``sources`` and ``contents`` as lists of ``{start, end, text}`` pieces (a discontinuous span is
several pieces). Offsets are character offsets into ``text``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from byline.attribution.model import CharSpan
from byline.errors import BylineError


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution; each role is a list of pieces, sorted, empty when absent."""

    id: str
    type: str
    cue: tuple[CharSpan, ...]
    source: tuple[CharSpan, ...]
    content: tuple[CharSpan, ...]
    has_quote_marks: bool = False


@dataclass
class GoldDoc:
    """One annotated article."""

    doc_id: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    publisher: str | None = None
    annotator: str | None = None


def _pieces(items: list[dict], text: str, where: str) -> tuple[CharSpan, ...]:
    spans = []
    for item in items:
        start, end = int(item["start"]), int(item["end"])
        if not 0 <= start <= end <= len(text):
            raise BylineError("malformed", where, detail=f"span {start}-{end} outside the text")
        spans.append((start, end))
    return tuple(sorted(spans))


def parse_record(record: dict, where: str = "polnear") -> GoldDoc:
    """A GoldDoc from one decoded JSONL record."""
    try:
        text = record["text"]
        doc_id = str(record["doc_id"])
        quotes = record.get("quotes", [])
    except (KeyError, TypeError) as exc:
        raise BylineError("malformed", where, detail=f"missing field {exc}") from exc
    attributions = [
        GoldAttribution(
            id=str(q.get("id", i)),
            type=str(q.get("type", "Attribution")),
            cue=_pieces(q.get("cues", []), text, where),
            source=_pieces(q.get("sources", []), text, where),
            content=_pieces(q.get("contents", []), text, where),
            has_quote_marks=bool(q.get("has_quote_marks", False)),
        )
        for i, q in enumerate(quotes)
    ]
    # A handful of annotations carry no cue and no content (annotator leftovers): nothing to score.
    attributions = [a for a in attributions if a.cue or a.content]
    return GoldDoc(doc_id, text, attributions, record.get("publisher"), record.get("annotator"))


def iter_polnear(path: Path) -> Iterator[GoldDoc]:
    """Gold documents from a PolNeAR JSONL file, in file order."""
    path = Path(path)
    if not path.exists():
        raise BylineError("not_found", str(path))
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise BylineError("malformed", where, detail="not UTF-8 text") from exc
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BylineError("malformed", where, detail=exc.msg) from exc
            yield parse_record(record, where)


def load_polnear(path: Path) -> list[GoldDoc]:
    """All gold documents of a PolNeAR JSONL file."""
    return list(iter_polnear(path))
