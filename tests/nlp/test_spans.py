"""Span lookups give what a scan of every span gives."""

from __future__ import annotations

import random

from byline.nlp.spans import SpanList, SpanMap, inside_any


def _random_spans(rng: random.Random, n: int) -> list[tuple[int, int]]:
    spans = []
    for _ in range(n):
        start = rng.randrange(0, 200)
        spans.append((start, start + rng.randrange(1, 30)))
    return spans


def test_span_lookups_agree_with_a_scan_of_every_span():
    rng = random.Random(7)
    for _ in range(50):
        spans = _random_spans(rng, rng.randrange(0, 12))
        index = SpanList(spans)
        for position in range(-2, 240):
            assert index.holds(position) == any(s <= position < e for s, e in spans)
            assert inside_any(position, index) == any(s < position < e for s, e in spans)
        for start in range(0, 230, 7):
            end = start + rng.randrange(0, 20)
            assert sorted(index.meeting(start, end)) == sorted(s for s in spans if s[0] < end and start < s[1])
            assert sorted(index.covering(start, end)) == sorted(s for s in spans if s[0] <= start and end <= s[1])


def test_a_span_map_returns_items_in_the_order_they_were_given():
    pairs = [((10, 20), "b"), ((0, 50), "a"), ((10, 20), "c"), ((60, 70), "d")]
    found = SpanMap(pairs)
    assert found.meeting(12, 13) == ["b", "a", "c"]
    assert found.covering(0, 40) == ["a"]
    assert found.meeting(55, 58) == []
