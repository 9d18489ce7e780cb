"""The persuasion data as shared (SemEval-2023 Task 3 English, PTC 2020): read as the task defines it."""

from __future__ import annotations

import pytest

from byline.shared_data import shared_path
from byline.slant.persuasion.data import (
    map_ptc_spans,
    read_articles,
    read_paragraph_labels,
    read_span_labels,
    spans_to_paragraphs,
)
from byline.slant.persuasion.model import MODEL_DIR, MODEL_FILE
from byline.slant.persuasion.techniques import TECHNIQUES

SEMEVAL = shared_path("slant", "semeval2023_en")
PTC = shared_path("slant", "ptc2020")
needs_data = pytest.mark.skipif(
    SEMEVAL is None or PTC is None, reason="../shared/data/slant (SemEval-2023, PTC) absent"
)


@needs_data
def test_the_span_labels_give_the_paragraph_labels():
    texts = read_articles(SEMEVAL / "train-articles-subtask-3")
    spans = read_span_labels(SEMEVAL / "train-labels-subtask-3-spans.txt")
    gold = read_paragraph_labels(SEMEVAL / "train-labels-subtask-3.txt")
    assert len(texts) == len(gold) == 446
    differ = sum(
        spans_to_paragraphs(texts[i], spans.get(i, [])).get(line, set()) != labels
        for i, lines in gold.items()
        for line, labels in lines.items()
    )
    assert differ <= 1  # one paragraph's label has no span in the span file
    assert {s.technique for ss in spans.values() for s in ss} <= set(TECHNIQUES)


@needs_data
def test_every_ptc_span_maps_onto_the_23_and_its_articles_are_the_semevals():
    ptc = read_span_labels(PTC / "train-task2-TC.labels")
    mapped = map_ptc_spans(ptc, read_span_labels(SEMEVAL / "train-labels-subtask-3-spans.txt"))
    assert {s.technique for ss in mapped.values() for s in ss} <= set(TECHNIQUES)
    assert set(ptc) <= set(read_articles(SEMEVAL / "train-articles-subtask-3"))


@needs_data
@pytest.mark.skipif(not (MODEL_DIR / MODEL_FILE).is_file(), reason="the shipped persuasion model is absent")
def test_the_shipped_model_reads_a_few_training_articles(tmp_path):
    from byline.slant.persuasion.eval import evaluate_model

    gold = (SEMEVAL / "train-labels-subtask-3.txt").read_text().splitlines()
    some = {line.split("\t")[0] for line in gold[:60]}
    labels = tmp_path / "labels.txt"
    labels.write_text("\n".join(line for line in gold if line.split("\t")[0] in some) + "\n")
    scores = evaluate_model(SEMEVAL / "train-articles-subtask-3", labels)
    assert scores["n_paragraphs"] > 40 and scores["micro_f1"] > 0.3  # articles it was trained on
