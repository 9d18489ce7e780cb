"""The sourcing summary, computed from a Reading's attributions."""

from __future__ import annotations

from byline.attribution.sourcing import chain_of
from byline.attribution.summary import attributed_share, sourcing_summary
from byline.reading import Article, Attribution, Entity, Reading, Source, Span

TEXT = "Politico reported that Ana Cruz said the fund was empty. One aide reportedly said so too."


def span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def reading() -> Reading:
    entities = [
        Entity(id="e1", name="Politico", type="PUBLICATION"),
        Entity(id="e2", name="Ana Cruz", type="PERSON"),
    ]
    attributions = [
        Attribution(
            id="a1",
            kind="indirect",
            cue=span("reported"),
            source=Source(span=span("Politico"), entity="e1"),
            content=[span("that Ana Cruz said the fund was empty")],
        ),
        Attribution(
            id="a2",
            kind="indirect",
            cue=span("said"),
            source=Source(span=span("Ana Cruz"), entity="e2"),
            content=[span("the fund was empty")],
            via="a1",
        ),
        Attribution(
            id="a3",
            kind="direct",
            cue=span("reportedly said"),
            source=Source(span=span("One aide"), anonymous=True, description="One aide"),
            content=[span("so too")],
            hedges=[span("reportedly")],
            via="a1",
            negated=True,
        ),
    ]
    return Reading(article=Article(text=TEXT, outlet="The Daily Example"), entities=entities, attributions=attributions)


def test_counts():
    summary = sourcing_summary(reading())
    assert summary["attributions"] == 3
    assert summary["by_kind"] == {"direct": 1, "indirect": 2, "mixed": 0, "block": 0}
    assert (summary["named"], summary["anonymous"], summary["unresolved"]) == (2, 1, 0)
    assert (summary["hedged"], summary["negated"]) == (1, 1)
    assert summary["outlet"] == "The Daily Example"


def test_top_speakers_and_anonymous_sources():
    summary = sourcing_summary(reading())
    assert summary["top_speakers"] == [
        {"entity": "e1", "name": "Politico", "count": 1},
        {"entity": "e2", "name": "Ana Cruz", "count": 1},
    ]
    assert summary["anonymous_sources"] == [{"description": "One aide", "count": 1}]


def test_chains_depth_and_who_through_whom():
    summary = sourcing_summary(reading())
    assert summary["chain_depth"] == 2
    assert summary["reported_via"] == [
        {"speaker": "Ana Cruz", "via": "Politico", "count": 1},
        {"speaker": "One aide", "via": "Politico", "count": 1},
    ]


def test_overlapping_content_is_counted_once():
    covered = len("that Ana Cruz said the fund was empty") + len("so too")
    assert attributed_share(reading()) == round(covered / len(TEXT), 3)


def test_a_cycle_does_not_loop():
    looped = [
        Attribution(id="a1", kind="indirect", via="a2"),
        Attribution(id="a2", kind="indirect", via="a1"),
    ]
    looping = Reading(article=Article(text=TEXT), attributions=looped)
    assert [a.id for a in chain_of(looping, looped[0])] == ["a2", "a1"]
    assert sourcing_summary(looping)["chain_depth"] == 2


def test_empty_reading():
    summary = sourcing_summary(Reading(article=Article(text="")))
    assert summary["attributions"] == 0 and summary["chain_depth"] == 0 and summary["attributed_share"] == 0.0
    assert summary["outlet"] == "the outlet"
