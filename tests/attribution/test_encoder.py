"""The encoder tagger's windows, labels and decoding; and the accurate mode where its model is shipped."""

from __future__ import annotations

import builtins
import importlib.util
import math

import pytest

from byline.attribution.encoder.runtime import ENCODER_DIR, EncoderTagger, _well_formed
from byline.attribution.encoder.windows import (
    LABELS,
    best_window_of,
    char_labels,
    constrained_decode,
    piece_labels,
    windows,
)
from byline.errors import BylineError


def test_char_labels_let_a_cue_win_over_a_source_over_a_content():
    roles = [{"content": [(0, 10)], "source": [(2, 4)], "cue": [(3, 5)]}]
    labels = char_labels(10, roles)
    assert labels[:6] == ["B-T", "I-T", "B-S", "B-C", "I-C", "I-T"]


def test_a_wordpiece_takes_its_first_characters_label_or_b_where_a_span_starts_inside_it():
    chars = ["O", "O", "B-C", "I-C", "I-C", "O"]
    assert piece_labels([(0, 2), (1, 3), (3, 5), (5, 6)], chars) == ["O", "B-C", "I-C", "O"]


def test_windows_cover_every_wordpiece_and_each_is_read_farthest_from_an_edge():
    ids = list(range(100, 700))
    spans = windows(len(ids), 1, 2, ids, max_length=256, stride=64)
    assert all(len(w.ids) <= 256 and w.ids[0] == 1 and w.ids[-1] == 2 for w in spans)
    covered = {p for w in spans for p in w.pieces if p >= 0}
    assert covered == set(range(len(ids)))
    best = best_window_of(spans, len(ids))
    for piece, (w, position) in enumerate(best):
        assert spans[w].pieces[position] == piece
    assert best[254][0] == 1  # near the first window's end, it is read in the second


def test_decoding_never_starts_a_span_with_an_inside_tag():
    low, high = math.log(0.01), math.log(0.9)
    scores = [[low] * len(LABELS) for _ in range(3)]
    scores[0][LABELS.index("I-C")] = high  # alone, "I-C" cannot open the article
    scores[1][LABELS.index("I-C")] = high
    scores[2][LABELS.index("O")] = high
    decoded = constrained_decode(scores)
    assert decoded[0] != "I-C" and decoded[2] == "O"
    assert all(not b.startswith("I-") or a[2:] == b[2:] for a, b in zip(decoded, decoded[1:], strict=False))
    assert _well_formed(["I-T", "I-T", "O", "I-S"]) == ["B-T", "I-T", "O", "B-S"]


def test_the_accurate_mode_without_its_extra_is_one_line_saying_how_to_install_it(monkeypatch):
    real_import = builtins.__import__

    def no_onnxruntime(name, *args, **kwargs):
        if name == "onnxruntime":
            raise ImportError("No module named 'onnxruntime'", name="onnxruntime")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnxruntime)
    with pytest.raises(BylineError) as caught:
        EncoderTagger(ENCODER_DIR)
    assert "pip install 'byline[accurate]'" in caught.value.message


def test_the_accurate_mode_without_its_model_says_how_to_train_it(tmp_path):
    with pytest.raises(BylineError) as caught:
        EncoderTagger(tmp_path)
    assert caught.value.code == "encoder_missing" and "byline train attribution-encoder" in caught.value.message


needs_encoder = pytest.mark.skipif(
    importlib.util.find_spec("onnxruntime") is None or not (ENCODER_DIR / "model.onnx").is_file(),
    reason="the accurate extra (onnxruntime) or the shipped encoder model is absent",
)


@needs_encoder
def test_the_accurate_mode_reads_an_article_with_the_encoders_candidates():
    from byline.pipeline import Reader
    from byline.reading import Article
    from byline.settings import Settings

    reader = Reader(Settings(accurate=True, min_confidence=0.0))
    text = "The mayor said on Tuesday that the pool would close.\n\n“It is a sad day,” Ana Ruiz told reporters."
    reading = reader.read(Article(text=text))
    assert reading.meta["attribution_tagger"] == "encoder (accurate)"
    assert any(a.cue is not None and a.cue.text in ("said", "told") for a in reading.attributions)


class _TagsFromWords:
    """A stand-in encoder that tags given words as source (S), cue (C) or content (T)."""

    def __init__(self, roles: dict[str, str]) -> None:
        self.roles = roles

    def token_tags(self, doc):
        tags, previous = [], "O"
        for token in doc:
            role = self.roles.get(token.text, "O")
            tags.append("O" if role == "O" else ("I-" if previous == role else "B-") + role)
            previous = role
        return tags


def _tag_sentence(words: str, role: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), role)


def test_the_accurate_mode_adds_an_encoder_only_report_when_its_cue_is_a_word_of_saying(nlp):
    from byline.attribution.detect import with_encoder

    doc = nlp("Grimsby muttered the whole deal was rotten to the core.")
    roles = {"Grimsby": "S", "muttered": "C", **_tag_sentence("the whole deal was rotten to core", "T")}
    candidates, readings = with_encoder(doc, [], _TagsFromWords(roles), [])
    assert [doc.text[c.cue[0] : c.cue[1]] for c in candidates] == ["muttered"]
    assert doc.text[candidates[0].content[0][0] :].startswith("the whole deal")
    assert readings and readings[0][0] == candidates[0].cue  # offered to the content ranker too


def test_the_accurate_mode_leaves_out_an_encoder_only_state_of_mind(nlp):
    from byline.attribution.detect import with_encoder

    doc = nlp("The band was enraged by the idea of a surprise performance.")
    roles = {"band": "S", "enraged": "C", **_tag_sentence("the idea of a surprise performance", "T")}
    candidates, readings = with_encoder(doc, [], _TagsFromWords(roles), [])
    assert candidates == [] and readings


def test_the_accurate_mode_leaves_out_an_encoder_only_report_whose_content_holds_a_found_cue(nlp):
    from byline.attribution.detect import with_encoder
    from byline.attribution.model import Candidate

    doc = nlp("China complained about a move that some Republicans believe made the country look weak.")
    at = doc.text.index("believe")
    found = [Candidate("indirect", (at, at + 7), (at - 17, at - 1), [(at + 8, len(doc.text) - 1)])]
    roles = {"China": "S", "complained": "C", **_tag_sentence("a move that some Republicans believe made", "T")}
    candidates, _ = with_encoder(doc, found, _TagsFromWords(roles), [])
    assert found and candidates == found
