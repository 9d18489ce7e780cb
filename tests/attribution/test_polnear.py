"""Loading PolNeAR JSONL into gold documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from byline.attribution.polnear import load_polnear, parse_record
from byline.errors import BylineError

TEXT = "Headline.\n\nThe mayor said the bridge, which is old, will close."


def piece(fragment: str) -> dict:
    start = TEXT.index(fragment)
    return {"start": start, "end": start + len(fragment), "text": fragment}


RECORD = {
    "doc_id": "doc-1",
    "split": "train",
    "publisher": "example",
    "annotator": "a1",
    "text": TEXT,
    "quotes": [
        {
            "id": "E1",
            "type": "Attribution",
            "cues": [piece("said")],
            "sources": [piece("The mayor")],
            "contents": [piece("will close"), piece("the bridge")],
            "has_quote_marks": False,
        },
        {"id": "E2", "type": "Attribution", "cues": [], "sources": [], "contents": []},
    ],
}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_record_becomes_a_gold_doc_with_sorted_discontinuous_spans():
    doc = parse_record(RECORD)
    assert (doc.doc_id, doc.text, doc.publisher, doc.annotator) == ("doc-1", TEXT, "example", "a1")
    (attribution,) = doc.attributions  # the empty annotation is dropped
    assert [TEXT[s:e] for s, e in attribution.content] == ["the bridge", "will close"]
    assert [TEXT[s:e] for s, e in attribution.source] == ["The mayor"]
    assert [TEXT[s:e] for s, e in attribution.cue] == ["said"]
    assert attribution.type == "Attribution"


def test_load_reads_every_line_and_skips_blank_ones(tmp_path):
    path = write_jsonl(tmp_path / "gold.jsonl", [RECORD, {**RECORD, "doc_id": "doc-2"}])
    path.write_text(path.read_text() + "\n\n", encoding="utf-8")
    assert [d.doc_id for d in load_polnear(path)] == ["doc-1", "doc-2"]


def test_missing_file_is_a_catalogued_error(tmp_path):
    with pytest.raises(BylineError) as caught:
        load_polnear(tmp_path / "absent.jsonl")
    assert caught.value.code == "not_found"


def test_broken_json_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(RECORD) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(BylineError) as caught:
        load_polnear(path)
    assert caught.value.code == "malformed"
    assert caught.value.source.endswith(":2")


def test_span_outside_the_text_is_malformed():
    bad = {**RECORD, "quotes": [{"cues": [{"start": 0, "end": 10_000}], "contents": []}]}
    with pytest.raises(BylineError):
        parse_record(bad)


def test_record_without_text_is_malformed():
    with pytest.raises(BylineError):
        parse_record({"doc_id": "x"})


@pytest.mark.data
def test_polnear_dev_loads(shared_data):
    path = shared_data / "attribution" / "polnear" / "json" / "dev.jsonl"
    if not path.exists():
        pytest.skip("PolNeAR dev absent")
    docs = load_polnear(path)
    assert len(docs) == 84
    # 2,193 annotations in the file; one carries no cue and no content and is dropped.
    assert sum(len(d.attributions) for d in docs) == 2192
    for doc in docs:
        for attribution in doc.attributions:
            assert all(0 <= s <= e <= len(doc.text) for s, e in attribution.content)
