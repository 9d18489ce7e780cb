"""The extraction benchmark's metric, and byline's score on it where the data is present."""

from __future__ import annotations

import gzip
import json

import pytest

from byline.ingest.eval import macro_scores, score_extraction, shingle_counts, shingles
from byline.ingest.html import article_from_html


def test_shingles_are_word_4_grams_with_counts():
    assert shingles("a b c d e") == {"a b c d": 1, "b c d e": 1}
    assert shingles("one, two") == {"one two": 1}  # fewer than four words: one shingle of them all
    assert shingles("") == {}
    assert shingles("x y z w x y z w") == {"x y z w": 2, "y z w x": 1, "z w x y": 1, "w x y z": 1}


def test_shingle_counts():
    assert shingle_counts("a b c d e", "a b c d") == (1, 0, 1)
    assert shingle_counts("a b c d", "") == (0, 0, 1)


def test_macro_scores_average_per_document_and_skip_undefined_ratios():
    # doc 1 perfect; doc 2 half right; doc 3 extracted nothing (no precision defined, recall 0)
    scores = macro_scores([(4, 0, 0), (1, 1, 1), (0, 0, 3)])
    assert scores["precision"] == pytest.approx((1 + 0.5) / 2)
    assert scores["recall"] == pytest.approx((1 + 0.5 + 0) / 3)
    p, r = scores["precision"], scores["recall"]
    assert scores["f1"] == pytest.approx(2 * p * r / (p + r))


def test_score_extraction_on_a_tiny_benchmark(tmp_path, sample_html, fixture_path):
    (tmp_path / "html").mkdir()
    figure_page = fixture_path("figure-article.html").read_bytes()
    (tmp_path / "html" / "one.html.gz").write_bytes(gzip.compress(sample_html))
    (tmp_path / "html" / "two.html.gz").write_bytes(gzip.compress(figure_page))
    gold = {
        "one": {"articleBody": article_from_html(sample_html).text, "url": None},
        "two": {
            "articleBody": "Nothing in this gold body appears on the page at all, not one word of it.",
            "url": None,
        },
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold))
    scores = score_extraction(tmp_path)
    assert scores == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "n_docs": 2}


@pytest.mark.data
def test_extraction_benchmark_f1(shared_data):
    data = shared_data / "extraction" / "scrapinghub_aeb"
    if not (data / "ground-truth.json").is_file():
        pytest.skip("../shared/data/extraction/scrapinghub_aeb absent")
    scores = score_extraction(data)
    print(f"\nscrapinghub_aeb: {scores}")
    assert scores["n_docs"] == 181
    assert scores["f1"] >= 0.95
