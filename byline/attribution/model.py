"""What attribution detection hands to speaker resolution: candidates in character offsets."""

from __future__ import annotations

from dataclasses import dataclass, field

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
