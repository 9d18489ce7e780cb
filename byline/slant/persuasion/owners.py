"""Whose words a span is: the speaker of the innermost attribution content that holds it, else the outlet's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from byline.nlp.spans import SpanList
from byline.reading import Attribution, Reading

CLAUSE_SHARE = 0.5  # a sentence-wide span more than half inside one content is that speaker's clause


class Owners:
    """The attributions' content spans, for owner lookups in logarithmic time."""

    def __init__(self, reading: Reading, attributions: Iterable[Attribution] | None = None) -> None:
        self.reading = reading
        self.by_span: dict[tuple[int, int], Attribution] = {}
        for attribution in reading.attributions if attributions is None else attributions:
            for span in attribution.content:
                key = (span.start, span.end)
                # the same stretch reported through another attribution is the nested speaker's
                if key not in self.by_span or attribution.via is not None:
                    self.by_span[key] = attribution
        self.spans = SpanList(self.by_span)

    def holder(self, start: int, end: int) -> tuple[tuple[int, int], Attribution] | None:
        """The innermost (shortest) content span holding all of [start, end), with its attribution."""
        held = self.spans.covering(start, end)
        if not held:
            return None
        span = min(held, key=lambda s: (s[1] - s[0], -s[0]))
        return span, self.by_span[span]

    def widest_part(self, start: int, end: int) -> tuple[int, int] | None:
        """The part of [start, end) inside the content that overlaps it most, where that is most of it."""
        best, overlap = None, 0
        for s, e in self.spans.meeting(start, end):
            shared = min(e, end) - max(s, start)
            if shared > overlap:
                best, overlap = (max(s, start), min(e, end)), shared
        return best if best is not None and overlap > CLAUSE_SHARE * (end - start) else None

    def attrs(self, start: int, end: int) -> dict[str, Any]:
        """The owner attrs of a span: the speaker's (with the attribution id) or the outlet's."""
        found = self.holder(start, end)
        if found is None:
            return {"owner": "outlet"}
        attribution = found[1]
        return {"owner": "speaker", "attribution": attribution.id, "speaker": speaker_name(self.reading, attribution)}


def speaker_name(reading: Reading, attribution: Attribution) -> str:
    """The source's entity name, else its text as written, else its description, else 'unknown'."""
    source = attribution.source
    entity = reading.entity(source.entity)
    if entity is not None:
        return entity.name
    if source.span is not None:
        return source.span.text
    return source.description or "unknown"
