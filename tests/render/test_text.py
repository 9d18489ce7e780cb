from byline.attribution.sourcing import build_sourcing
from byline.reading import Article, Attribution, Entity, Reading, Source
from byline.render import FORMATS, render
from byline.render.text import text_report

TEXT = "Politico reported that Blinken wrote that flaws matter. One official reportedly said it was fine."


def _reading() -> Reading:
    reading = Reading(article=Article(text=TEXT, title="Cable report", outlet="Example News", captions=["A photo."]))
    reading.entities = [
        Entity(id="e1", name="Politico", type="ORG"),
        Entity(id="e2", name="Antony Blinken", type="PERSON"),
    ]
    reading.attributions = [
        Attribution(
            id="a1",
            kind="indirect",
            cue=reading.span(9, 17),
            source=Source(span=reading.span(0, 8), entity="e1"),
            content=[reading.span(23, 54)],
        ),
        Attribution(
            id="a2",
            kind="indirect",
            cue=reading.span(31, 36),
            source=Source(span=reading.span(23, 30), entity="e2"),
            content=[reading.span(42, 54)],
            via="a1",
        ),
        Attribution(
            id="a3",
            kind="indirect",
            cue=reading.span(80, 84),
            source=Source(span=reading.span(56, 68), anonymous=True, description="one official"),
            content=[reading.span(85, 96)],
            hedges=[reading.span(69, 79)],
        ),
        Attribution(id="a4", kind="direct", source=Source(), negated=True),
    ]
    reading.sourcing = build_sourcing(reading)
    return reading


def test_text_groups_by_speaker_and_marks_anonymous_hedged_negated():
    report = text_report(_reading(), width=140)
    assert "Cable report" in report and "Example News" in report
    politico = report.index("Politico  (1)")
    assert report.index("Antony Blinken  (1)") > politico
    assert "[anonymous]" in report and "[hedged: reportedly]" in report and "[negated]" in report
    assert "via: outlet → Politico → Antony Blinken" in report


def test_text_nests_chains_under_the_reporter():
    report = text_report(_reading(), width=140)
    chains = report[report.index("Source chains") :]
    assert chains.index("Politico (a1)") < chains.index("Antony Blinken (a2)")


def test_text_shows_what_was_kept_out_of_the_body():
    assert "caption: A photo." in text_report(_reading(), width=140)


def test_text_of_a_reading_without_attributions_says_so():
    assert "no attributions found" in text_report(Reading(article=Article(text="Plain words.")))


def test_json_and_jsonl_round_trip():
    reading = _reading()
    assert Reading.model_validate_json(render(reading, "json")) == reading
    line = render(reading, "jsonl")
    assert line.count("\n") == 1 and Reading.model_validate_json(line) == reading
    assert set(FORMATS) == {"text", "json", "jsonl", "html"}
