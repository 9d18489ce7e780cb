"""The real-news gold set and its scorer: speaker matching, offset mapping, calibration error, scoring."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from byline.attribution.realnews import (
    GOLD_PATH,
    OffsetMap,
    expected_calibration_error,
    is_realnews_gold,
    load_gold,
    locate_span,
    same_name,
    score_realnews,
)
from byline.errors import BylineError

TITLE = "Council weighs a new budget"
BODY = (
    "Mayor Jane Ortiz said on Monday that the budget would pass.\n\n"
    "Read more: other council news\n\n"
    "\u201cWe have the votes,\u201d Ortiz told reporters.\n\n"
    "The council approved a plan to repave Elm Street.\n\n"
    "One council aide said the vote was closer than it looked."
)


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("Ortiz", "Jane Ortiz"),
        ("Mayor Jane Ortiz", "Jane Ortiz"),
        ("FBI", "Federal Bureau of Investigation"),
        ("F.B.I.", "FBI"),
        ("the Justice Department", "Justice Department"),
    ],
)
def test_same_name_accepts_the_forms_of_one_name(predicted: str, gold: str) -> None:
    assert same_name(predicted, gold)


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [("House", "White House"), ("Melania Trump", "Donald Trump"), ("Ortiz", "Jane Smith"), ("he", "Jane Ortiz")],
)
def test_same_name_refuses_other_people_and_bodies(predicted: str, gold: str) -> None:
    assert not same_name(predicted, gold)


def test_offset_map_maps_a_cleaned_text_back_past_a_removed_line() -> None:
    source = "A said x.\n\nRead more\n\nB said y."
    derived = "A said x.\n\nB said y."
    start = derived.index("B said")
    assert OffsetMap(source, derived).span(start, start + 6) == (source.index("B said"), source.index("B said") + 6)


def test_expected_calibration_error_is_zero_when_confidence_matches_accuracy() -> None:
    assert expected_calibration_error([0.75] * 4, [True, True, True, False]) == pytest.approx(0.0)
    assert expected_calibration_error([0.95] * 2, [False, False]) == pytest.approx(0.95)


def test_locate_span_uses_the_context_to_pick_one_of_several() -> None:
    text = "he said no. she said yes."
    assert locate_span(text, "said", "she said yes") == text.index("she said") + 4
    with pytest.raises(BylineError, match="not found"):
        locate_span(text, "shouted")


def _fixture_corpus(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    record = {"ID": "fx1", "title": TITLE, "content_original": BODY, "source": "Fixture Daily"}
    with gzip.open(corpus / "articles.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")
    text = f"{TITLE}\n\n{BODY}"

    def span(phrase: str, context: str | None = None) -> list:
        start = locate_span(text, phrase, context)
        return [start, start + len(phrase), phrase]

    gold = {
        "id": "fx1", "split": "dev", "outlet": "Fixture Daily",
        "attributions": [
            {"cue": span("said", "Ortiz said on"), "source": span("Mayor Jane Ortiz"),
             "content": [span("the budget would pass")], "speaker": "Jane Ortiz", "speaker_type": "person"},
            {"cue": span("told"), "source": span("Ortiz", "Ortiz told"), "content": [span("We have the votes,")],
             "speaker": "Jane Ortiz", "speaker_type": "person"},
            {"cue": span("said", "aide said"), "source": span("One council aide"),
             "content": [span("the vote was closer than it looked")], "speaker": "one council aide",
             "speaker_type": "anonymous", "anonymous": True},
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return path, corpus


def test_score_realnews_counts_right_speakers_on_a_fixture_article(tmp_path: Path, reader) -> None:
    gold, corpus = _fixture_corpus(tmp_path)
    assert is_realnews_gold(gold)
    scores = score_realnews(reader, gold, split="dev", corpus=corpus, inspect=True)
    assert scores["n_gold"] == 3
    assert scores["right_speaker"]["r"] == pytest.approx(1.0)
    assert scores["right_speaker"]["p"] == pytest.approx(1.0)  # "approved a plan" is not listed
    assert scores["anonymity_recall"] == pytest.approx(1.0)
    assert 0.0 <= scores["ece"] <= 1.0


def test_score_realnews_names_a_corpus_that_is_absent(tmp_path: Path, reader) -> None:
    gold, _ = _fixture_corpus(tmp_path)
    with pytest.raises(BylineError, match="no such file"):
        score_realnews(reader, gold, corpus=tmp_path / "nowhere")


def test_shipped_gold_has_30_articles_from_15_outlets_in_two_halves() -> None:
    articles = load_gold(GOLD_PATH)
    assert len(articles) >= 30
    assert len({a.outlet for a in articles}) >= 15
    assert {a.split for a in articles} == {"dev", "test"}
    assert all(a.attributions for a in articles)


@pytest.mark.data
def test_shipped_gold_offsets_point_at_their_span_texts(shared_data: Path) -> None:
    from byline.attribution.realnews import article_text, read_corpus_records

    corpus = shared_data / "corpora" / "allsides_baly2020"
    if not corpus.is_dir():
        pytest.skip("allsides_baly2020 absent")
    gold_lines = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line]
    records = read_corpus_records({g["id"] for g in gold_lines}, corpus)
    for gold in gold_lines:
        text = article_text(records[gold["id"]])
        for attribution in gold["attributions"]:
            for span in [attribution["cue"], attribution["source"], *attribution["content"]]:
                if span:
                    assert text[span[0] : span[1]].startswith(span[2][:40])
