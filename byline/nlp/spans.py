"""Sorted character spans that answer "which spans hold or meet this position" in logarithmic time.

Long articles have thousands of quotes and candidates; a scan of every span per token or per candidate
makes reading cost grow with the square of the article's length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from itertools import accumulate
from typing import Generic, TypeVar

CharSpan = tuple[int, int]
T = TypeVar("T")


class SpanList(list):
    """A list of character spans, kept sorted, with interval lookups (spans may overlap or nest)."""

    def __init__(self, spans: Iterable[CharSpan] = ()) -> None:
        super().__init__(sorted(spans))
        self._starts = [s for s, _ in self]
        self._reach = list(accumulate((e for _, e in self), max))

    def holds(self, position: int, *, strict: bool = False) -> bool:
        """Whether some span holds ``position``: start <= position < end, or start < position < end when strict."""
        k = bisect_left(self._starts, position) if strict else bisect_right(self._starts, position)
        return k > 0 and self._reach[k - 1] > position

    def meeting(self, start: int, end: int) -> list[CharSpan]:
        """The spans sharing at least one character with [start, end), in order."""
        out: list[CharSpan] = []
        k = bisect_left(self._starts, end) - 1
        while k >= 0 and self._reach[k] > start:
            if self[k][1] > start:
                out.append(self[k])
            k -= 1
        return out[::-1]

    def covering(self, start: int, end: int) -> list[CharSpan]:
        """The spans that hold all of [start, end)."""
        return [s for s in self.meeting(start - 1, end + 1) if s[0] <= start and end <= s[1]]


def inside_any(position: int, spans: list[CharSpan]) -> bool:
    """Whether ``position`` lies strictly inside one of ``spans`` (log time when they are a SpanList)."""
    if isinstance(spans, SpanList):
        return spans.holds(position, strict=True)
    return any(s < position < e for s, e in spans)


class SpanMap(Generic[T]):
    """Items keyed by character (or token) spans, looked up by the range they meet or cover; each lookup
    returns items in the order they were given."""

    def __init__(self, pairs: Iterable[tuple[CharSpan, T]]) -> None:
        self._items: dict[CharSpan, list[tuple[int, T]]] = defaultdict(list)
        for order, (span, item) in enumerate(pairs):
            self._items[span].append((order, item))
        self._spans = SpanList(self._items)

    def _ordered(self, spans: list[CharSpan]) -> list[T]:
        found = [pair for span in spans for pair in self._items[span]]
        found.sort(key=lambda pair: pair[0])
        return [item for _, item in found]

    def meeting(self, start: int, end: int) -> list[T]:
        """Items whose span shares at least one position with [start, end)."""
        return self._ordered(self._spans.meeting(start, end))

    def covering(self, start: int, end: int) -> list[T]:
        """Items whose span holds all of [start, end)."""
        return self._ordered(self._spans.covering(start, end))
