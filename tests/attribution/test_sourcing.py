from byline.attribution.sourcing import build_sourcing, chain_forest, chain_of, group_by_speaker, speaker_label
from byline.reading import Article, Attribution, Entity, Reading, Source

TEXT = "Politico reported that Blinken wrote that flaws matter. One official said it was fine."


def _reading() -> Reading:
    reading = Reading(article=Article(text=TEXT))
    reading.entities = [
        Entity(id="e1", name="Politico", type="ORG"),
        Entity(id="e2", name="Antony Blinken", type="PERSON"),
    ]
    reading.attributions = [
        Attribution(id="a1", kind="indirect", source=Source(span=reading.span(0, 8), entity="e1")),
        Attribution(id="a2", kind="indirect", source=Source(span=reading.span(23, 30), entity="e2"), via="a1"),
        Attribution(
            id="a3",
            kind="indirect",
            source=Source(span=reading.span(56, 68), anonymous=True, description="one official"),
        ),
        Attribution(id="a4", kind="indirect", source=Source()),
    ]
    return reading


def test_speaker_label_prefers_entity_then_description_then_mention():
    reading = _reading()
    labels = [speaker_label(reading, a) for a in reading.attributions]
    assert labels == ["Politico", "Antony Blinken", "one official", "unknown"]


def test_groups_put_unknown_last_and_keep_anonymity():
    groups = group_by_speaker(_reading())
    assert groups[-1].speaker == "unknown"
    anonymous = next(g for g in groups if g.speaker == "one official")
    assert anonymous.anonymous and anonymous.attributions == ["a3"]


def test_chains_nest_reported_statements_under_their_reporter():
    forest = chain_forest(_reading())
    roots = {node.attribution: node for node in forest}
    assert set(roots) == {"a1", "a3", "a4"}
    assert [child.attribution for child in roots["a1"].children] == ["a2"]


def test_chain_of_lists_outermost_first():
    reading = _reading()
    assert [a.id for a in chain_of(reading, reading.attributions[1])] == ["a1", "a2"]


def test_cyclic_via_links_do_not_loop():
    reading = _reading()
    reading.attributions[0].via = "a2"
    assert [a.id for a in chain_of(reading, reading.attributions[1])] == ["a1", "a2"]
    assert {n.attribution for n in chain_forest(reading)} == {"a3", "a4"}


def test_build_sourcing_adds_summary_when_given():
    sourcing = build_sourcing(_reading(), lambda r: {"n": len(r.attributions)})
    assert sourcing.summary == {"n": 4}
