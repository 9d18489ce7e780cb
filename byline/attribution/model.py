"""What attribution detection hands to speaker resolution: candidates in character offsets."""

from __future__ import annotations

from dataclasses import dataclass, field

from byline.nlp.spans import SpanList

CharSpan = tuple[int, int]


@dataclass
class Candidate:
    """One detected attribution before its speaker is resolved.

    Offsets are character offsets into the article text. ``cue_token`` is the index in the spaCy
    Doc of the cue's head token, when there is one, so that resolution can walk the parse.
    """

    kind: str  # direct | indirect | mixed | block
    cue: CharSpan | None
    source: CharSpan | None
    content: list[CharSpan] = field(default_factory=list)
    negated: bool = False
    confidence: float = 1.0
    evidence: str = ""
    cue_token: int | None = None


def overlaps(a: CharSpan | None, b: CharSpan | None) -> bool:
    """Whether two character spans share at least one character (False when either is absent)."""
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def quote_kind(pieces: list[CharSpan], quotes: list[CharSpan]) -> str:
    """direct when every content piece lies inside quotation marks, mixed when some quote is in it, else indirect."""
    if isinstance(quotes, SpanList):
        inside = [q for s, e in pieces for q in quotes.meeting(s, e)]
    else:
        inside = [q for q in quotes for s, e in pieces if q[0] < e and s < q[1]]
    if not inside:
        return "indirect"
    if all(any(q[0] <= s and e <= q[1] for q in inside) for s, e in pieces):
        return "direct"
    return "mixed"
