"""Persuasion techniques: the taxonomy, the data formats, the scorer, and spans with their owners."""

from __future__ import annotations

import numpy as np
import pytest

from byline.pipeline import Context
from byline.reading import Article, Attribution, Reading, Source, Span
from byline.slant.persuasion.data import (
    GoldSpan,
    is_span_file,
    map_ptc_spans,
    merge_sources,
    paragraphs,
    read_paragraph_labels,
    read_span_labels,
    spans_to_paragraphs,
)
from byline.slant.persuasion.eval import score_triples, spans_to_labels
from byline.slant.persuasion.features import DENSE_NAMES, featurize
from byline.slant.persuasion.model import PersuasionModel, score_doc
from byline.slant.persuasion.spans import find_spans
from byline.slant.persuasion.stage import PersuasionStage
from byline.slant.persuasion.techniques import PTC_TO_SEMEVAL, TECHNIQUES, map_ptc


def test_the_taxonomy_has_23_techniques_and_every_ptc_name_maps_into_it():
    assert len(TECHNIQUES) == len(set(TECHNIQUES)) == 23
    assert all(set(targets) <= set(TECHNIQUES) for targets in PTC_TO_SEMEVAL.values())
    assert map_ptc("Name_Calling,Labeling") == "Name_Calling-Labeling"
    assert map_ptc("Whataboutism,Straw_Men,Red_Herring") == "Red_Herring"
    assert map_ptc("Whataboutism,Straw_Men,Red_Herring", {"Straw_Man", "Doubt"}) == "Straw_Man"


def test_ptc_spans_are_split_by_the_finer_labels_and_never_counted_twice():
    ptc = {"1": [GoldSpan("Whataboutism,Straw_Men,Red_Herring", 10, 40)], "2": [GoldSpan("Flag-Waving", 0, 5)]}
    finer = {"1": [GoldSpan("Whataboutism", 12, 40)]}
    mapped = map_ptc_spans(ptc, finer)
    assert mapped == {"1": [GoldSpan("Whataboutism", 10, 40)], "2": [GoldSpan("Flag_Waving", 0, 5)]}
    assert merge_sources(finer, mapped) == {"1": finer["1"], "2": mapped["2"]}


def test_the_label_files_and_paragraphs_read_as_the_task_defines_them(tmp_path):
    text = "Title here\n\nFirst paragraph.\nSecond one, disgraceful.\n"
    assert [p[0] for p in paragraphs(text)] == [1, 3, 4]
    spans_file = tmp_path / "spans.txt"
    spans_file.write_text("7\tLoaded_Language\t41\t52\n")
    lines_file = tmp_path / "lines.txt"
    lines_file.write_text("7\t1\t\n7\t3\t\n7\t4\tLoaded_Language\n")
    assert is_span_file(spans_file) and not is_span_file(lines_file)
    spans = read_span_labels(spans_file)
    assert text[41:52] == "disgraceful"
    gold = read_paragraph_labels(lines_file)
    assert spans_to_paragraphs(text, spans["7"]) == gold["7"] == {1: set(), 3: set(), 4: {"Loaded_Language"}}


def test_the_scorer_returns_its_keys_and_a_perfect_prediction_scores_one():
    gold = {"a": {1: {"Doubt", "Loaded_Language"}, 2: set()}, "b": {1: {"Slogans"}}}
    scores = score_triples(gold, gold)
    assert {"micro_f1", "macro_f1", "n_paragraphs", "per_technique"} <= set(scores)
    assert scores["micro_f1"] == scores["macro_f1"] == 1.0 and scores["n_paragraphs"] == 3
    half = score_triples(gold, {"a": {1: {"Doubt"}, 2: {"Doubt"}}})
    assert half["micro_f1"] == pytest.approx(2 * 1 / (2 + 3), abs=1e-4)
    assert score_triples(gold, {"z": {9: {"Doubt"}}})["micro_f1"] == 0.0  # paragraphs outside the gold are ignored


def _lexicon_model(words: dict[str, float]) -> PersuasionModel:
    """A hand-made model: a word-level loaded-language tagger that knows only ``words``."""
    from spacy.strings import get_string_id

    from byline.slant.persuasion.features import _mix

    keys = _mix(1, np.array([get_string_id(w) for w in words], dtype=np.uint64))
    order = np.argsort(keys)
    techniques = ("Doubt", "Loaded_Language")
    return PersuasionModel(
        techniques=techniques,
        token_techniques=("Loaded_Language",),
        token_keys=keys[order],
        token_weights=np.array(list(words.values()), dtype=np.float32)[order, None],
        token_bias=np.array([-5.0]),
        unit_keys=np.zeros(0, np.uint64),
        unit_weights=np.zeros((0, 2), np.float32),
        dense_weights=np.zeros((len(DENSE_NAMES), 2), np.float32),
        unit_bias=np.array([-9.0, 0.0], np.float32),
        stack=np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]),
        threshold=0.5,
        run_logits=np.array([0.0]),
    )


TEXT = (
    "Critics called the plan disgraceful and reckless.\n\n"
    '"This plan is disgraceful," said Senator Jane Smith on Monday.\n\n'
    "The vote is on Tuesday."
)


def test_the_stage_gives_a_quoted_loaded_word_to_its_speaker_and_the_same_word_outside_to_the_outlet(nlp):
    doc = nlp(TEXT)
    quote = TEXT.index("This plan")
    content = Span(start=quote, end=quote + 25, text=TEXT[quote : quote + 25])
    source = TEXT.index("Senator")
    attribution = Attribution(
        id="a1",
        kind="direct",
        content=[content],
        source=Source(span=Span(start=source, end=source + 18, text=TEXT[source : source + 18])),
    )
    reading = Reading(article=Article(text=TEXT), attributions=[attribution])
    stage = PersuasionStage.__new__(PersuasionStage)
    stage.model = _lexicon_model({"disgraceful": 10.0, "reckless": 10.0})
    ctx = Context(doc=doc, reading=reading)
    stage.write(ctx, stage.find(ctx))
    spans = ctx.reading.spans
    assert [(s.text, s.label, s.attrs["owner"]) for s in spans] == [
        ("disgraceful and reckless", "Loaded_Language", "outlet"),
        ("disgraceful", "Loaded_Language", "speaker"),
    ]
    assert spans[1].attrs == {"owner": "speaker", "attribution": "a1", "speaker": "Senator Jane Smith"}
    for span in spans:
        assert span.text == TEXT[span.start : span.end] and span.layer == "slant"
        assert 0.5 <= span.confidence <= 1.0 and "loaded word 'disgraceful" in span.evidence


def test_paragraph_predictions_are_read_off_the_spans(nlp):
    doc = nlp(TEXT)
    model = _lexicon_model({"disgraceful": 10.0})
    found = find_spans(model, doc)
    assert spans_to_labels(TEXT, found) == {1: {"Loaded_Language"}, 3: {"Loaded_Language"}}
    scored = score_doc(model, doc)
    assert (scored.probs[:, 1] >= model.threshold).sum() == len(found) == 2


def test_units_never_cross_a_line_break(nlp):
    doc = nlp("A first line without a stop\nand a second line. A third sentence here.")
    feats = featurize(doc)
    texts = [doc.text[s:e] for s, e in feats.unit_chars]
    assert texts == ["A first line without a stop", "and a second line.", "A third sentence here."]
    assert feats.dense.shape == (3, len(DENSE_NAMES)) and feats.token_keys.shape[0] == len(doc)


def test_an_empty_article_has_no_spans(nlp):
    assert find_spans(_lexicon_model({"disgraceful": 10.0}), nlp("")) == []
