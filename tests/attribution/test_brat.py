"""Reading PolNeAR brat files, and annotator agreement under byline's scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from byline.attribution.brat import iter_annotations, parse_ann
from byline.attribution.eval import annotator_agreement
from byline.errors import BylineError

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "brat"


def versions():
    return dict(iter_annotations(FIXTURE))["budget"]


def test_each_annotator_file_becomes_one_gold_document():
    first, second = versions()
    assert (first.annotator, second.annotator) == ("aaaa", "bbbb")
    assert [a.type for a in first.attributions] == ["Attribution", "Attribution"]


def test_discontinuous_spans_and_second_contents_are_pieces():
    first, second = versions()
    text = first.text
    assert [text[s:e] for s, e in first.attributions[1].content] == ["it", "cuts too deep"]
    assert [text[s:e] for s, e in second.attributions[1].content] == ["it cuts too deep", "a union leader claimed"]


def test_discussion_spans_and_notes_are_not_attributions():
    first, _ = versions()
    assert all("union" not in first.text[s:e] for a in first.attributions for s, e in a.source + a.cue)


@pytest.mark.parametrize("line", ["T1\tCue 5 x\tsaid", "T1\tCue 5 900\tsaid"])
def test_bad_offsets_are_a_malformed_input(line):
    with pytest.raises(BylineError) as raised:
        parse_ann(line, "short text", "doc")
    assert raised.value.code == "malformed"


def test_a_folder_without_text_and_attributions_is_not_found(tmp_path):
    with pytest.raises(BylineError) as raised:
        list(iter_annotations(tmp_path))
    assert raised.value.code == "not_found"


def test_annotators_agree_on_sources_and_cues_and_on_one_content_of_two():
    scores = annotator_agreement(FIXTURE)["annotators"]
    assert scores["exact"]["source"]["f1"] == 1.0 and scores["exact"]["cue"]["f1"] == 1.0
    assert scores["exact"]["content"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    assert scores["overlap"]["content"]["f1"] == 1.0  # 4 shared tokens of 8: exactly the threshold
    assert scores["n_pairs"] == 2


def test_byline_is_scored_against_each_annotator(reader):
    scores = annotator_agreement(FIXTURE, reader)
    assert scores["byline"]["n_pairs"] == 2 and scores["byline"]["n_gold"] == 4
    assert scores["byline"]["exact"]["cue"]["r"] > 0  # "said" at least is found


@pytest.mark.data
def test_brat_files_give_the_same_gold_as_the_jsonl(shared_data):
    from byline.attribution.polnear import load_polnear

    polnear = shared_data / "attribution" / "polnear"
    if not (polnear / "train" / "attributions").is_dir():
        pytest.skip("../shared/data/attribution/polnear/train absent")
    jsonl = {g.doc_id: g for g in load_polnear(polnear / "json" / "train.jsonl")}
    key = lambda a: (a.cue, a.source, a.content)  # noqa: E731
    for doc_id, annotated in iter_annotations(polnear / "train"):
        first = next(v for v in annotated if v.annotator == jsonl[doc_id].annotator)
        assert sorted(map(key, first.attributions)) == sorted(map(key, jsonl[doc_id].attributions)), doc_id
