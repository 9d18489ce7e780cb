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


# --- speaker rows, cues and contents as a reader checks them ------------------------------------------

WHITE_HOUSE = (
    "The White House said the talks would resume. Later the White House said a deal was near. "
    "Officials who said nothing left. You said it was late. A memo, which said the plan was ready, "
    "circulated."
)


def _speaker_reading() -> Reading:
    reading = Reading(article=Article(text=WHITE_HOUSE))
    text = WHITE_HOUSE

    def at(word: str, start: int = 0):
        i = text.index(word, start)
        return reading.span(i, i + len(word))

    second = text.index("Later")
    reading.attributions = [
        Attribution(id="a1", kind="indirect", cue=at("said"), source=Source(span=at("The White House"))),
        Attribution(id="a2", kind="indirect", cue=at("said", second), source=Source(span=at("the White House"))),
        Attribution(id="a3", kind="indirect", cue=at("said", text.index("who")), source=Source(span=at("who"))),
        Attribution(id="a4", kind="indirect", cue=at("said", text.index("You")), source=Source(span=at("You"))),
        Attribution(id="a5", kind="indirect", cue=at("said", text.index("which")), source=Source(span=at("which"))),
    ]
    reading.sourcing = build_sourcing(reading)
    return reading


def test_one_speaker_in_two_letter_cases_is_one_row():
    report = text_report(_speaker_reading(), width=160)
    rows = [line for line in report.splitlines() if "White House  (" in line]
    assert len(rows) == 1 and "(2)" in rows[0]


def test_a_leading_the_is_folded_into_one_speaker_row():
    from byline.attribution.sourcing import group_by_speaker

    reading = _speaker_reading()
    start = WHITE_HOUSE.index("White House", WHITE_HOUSE.index("Later"))
    reading.attributions[1].source = Source(span=reading.span(start, start + len("White House")))
    groups = group_by_speaker(reading)
    assert [g.attributions for g in groups if "White House" in g.speaker] == [["a1", "a2"]]


def test_unresolved_relative_and_second_person_pronouns_are_not_speaker_names():
    report = text_report(_speaker_reading(), width=160)
    speakers = [line.split("  (")[0].strip("├└─│ ") for line in report.splitlines() if "  (" in line]
    assert "unresolved (who)" in speakers and "unresolved (you)" in speakers and "unresolved (which)" in speakers
    assert not {"who", "You", "you", "which", "that"} & set(speakers)
    assert all(s.startswith("unresolved") for s in speakers[1:])  # after the named speaker


def test_a_cue_ending_with_a_colon_is_not_given_a_second_one():
    text = "The mayor said: the depot reopens. Ortiz: we are ready."
    reading = Reading(article=Article(text=text))
    reading.attributions = [
        Attribution(id="a1", kind="indirect", cue=reading.span(10, 15), content=[reading.span(16, 33)]),
        Attribution(id="a2", kind="direct", cue=reading.span(40, 41), content=[reading.span(42, 54)]),
    ]
    assert reading.attributions[0].cue.text == "said:" and reading.attributions[1].cue.text == ":"
    report = text_report(reading, width=160)
    assert "::" not in report
    assert "said: “the depot reopens”" in report and "direct   : “we are ready”" in report


def test_a_long_content_shows_its_beginning_and_its_end():
    body = "The committee heard that " + "the depot roof leaks in every storm and " * 12 + "repairs end in June"
    reading = Reading(article=Article(text=body))
    reading.attributions = [Attribution(id="a1", kind="indirect", content=[reading.span(0, len(body))])]
    report = " ".join(text_report(reading, width=400).split())
    assert "The committee heard that" in report and "repairs end in June”" in report
    assert "[…]" in report


def test_a_content_up_to_300_characters_is_shown_whole():
    body = "Riders said " + "the trains were late again, " * 9 + "and nobody apologised at all"
    assert 250 < len(body) <= 300
    reading = Reading(article=Article(text=body))
    reading.attributions = [Attribution(id="a1", kind="indirect", content=[reading.span(0, len(body))])]
    report = " ".join(text_report(reading, width=400).split())
    assert f"“{body}”" in report


# --- the outlet's own voice: opinion, loaded words, techniques --------------------------------------
# (the ``slanted``, ``council`` and ``build`` readings come from tests/render/conftest.py)


def outlet_voice(report: str) -> str:
    section = report[report.index("The outlet's own voice") :]
    return section[: section.index("Entities")]


def test_outlet_voice_shows_opinion_share_sentences_loaded_words_and_techniques(slanted):
    section = " ".join(outlet_voice(text_report(slanted, width=200)).split())
    assert "Opinion: 50% of the outlet's own sentences (1 of 2); 15% of quoted sentences" in section
    assert "Opinion sentences in the outlet's voice (2)" in section
    assert section.index("0.93 The closures are a mistake") < section.index("0.66 [partly quoted] He called")
    assert "We made choices" not in section  # the mayor's opinion, not the outlet's
    assert "Loaded language: 1 in the outlet's voice, 2 inside quotes" in section
    assert "outlet: “a mistake”" in section
    assert "quoted: “a quiet retreat” (Ravi Menon), “always find money for consultants” (one resident)" in section
    assert "Loaded language outlet 1 · quoted 2 e.g. “a mistake”" in section
    assert "Exaggeration, minimisation outlet 1 e.g. “regret for years”" in section


def test_outlet_voice_comes_after_the_speakers_and_before_the_entities(slanted):
    report = text_report(slanted, width=200)
    assert report.index("Who says what") < report.index("The outlet's own voice") < report.index("Entities")


def test_no_slant_data_adds_nothing(council):
    report = text_report(council, width=140)  # voices, but no opinion, technique or summary
    assert "The outlet's own voice" not in report and "Opinion" not in report and "Techniques" not in report


def test_only_the_parts_with_data_are_shown(council, build):
    section = outlet_voice(text_report(build["opinions"](council), width=200))
    assert "Opinion sentences in the outlet's voice" in section
    assert "Opinion:" not in section and "Loaded language" not in section and "Techniques" not in section


def test_techniques_are_counted_from_the_spans_without_a_summary(council, build):
    section = " ".join(outlet_voice(text_report(build["techniques"](council), width=200)).split())
    assert "Opinion" not in section
    assert "Loaded language: 1 in the outlet's voice, 2 inside quotes" in section
    assert "Slogans quoted 1 e.g. “a budget that pretends" in section


def test_at_most_five_opinion_sentences_then_how_many_more(council, build):
    reading = build["opinions"](council)
    reading.sentences = [s.model_copy(update={"voice": "author", "subjective": True}) for s in reading.sentences]
    section = outlet_voice(text_report(reading, width=200))
    shown = [line for line in section.splitlines() if line.strip("│ ").startswith(("├── 0.", "└── 0."))]
    assert len(shown) == 5
    assert f"… and {len(reading.sentences) - 5} more" in section
