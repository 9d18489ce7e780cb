"""The static word-piece vectors: words split as BERT's uncased tokenizer splits them, a sentence's vector as the
weighted mean of its pieces', models fit with the vectors read only where the vectors are installed."""

from __future__ import annotations

import numpy as np
import pytest

from byline.slant import embeddings as em
from byline.slant import sentence_models, sentence_stage
from byline.slant.embeddings import EMBEDDINGS_DIR, StaticEmbeddings, load_embeddings, plain_word
from byline.slant.features import FEATURE_SET, feature_set, sentence_features
from byline.slant.sentence_models import SentenceModel, read_model, save_model

PIECES = ["the", "play", "##ing", "##s", "un", "##happy", "cafe", "!"]


def tiny() -> StaticEmbeddings:
    vectors = np.zeros((len(PIECES), 3), dtype=np.int8)
    for i in range(len(PIECES)):
        vectors[i, i % 3] = 100
    return StaticEmbeddings(PIECES, vectors, np.full(3, 0.01, np.float32), np.ones(len(PIECES), np.float32))


def test_a_word_is_split_into_its_longest_pieces_lower_case_and_without_accents():
    vectors = tiny()
    assert [PIECES[i] for i in vectors.word_rows("Playings")] == ["play", "##ing", "##s"]
    assert [PIECES[i] for i in vectors.word_rows("UNHAPPY")] == ["un", "##happy"]
    assert [PIECES[i] for i in vectors.word_rows("Café")] == ["cafe"]
    assert vectors.word_rows("xyz") == () and vectors.word_rows("") == ()
    assert plain_word("Émile") == "emile"


def test_a_sentence_vector_is_the_weighted_mean_normalised_and_zero_when_no_word_is_known():
    vectors = tiny()
    found = vectors.sentence_vector(["the", "playing"])
    assert np.linalg.norm(found) == pytest.approx(em.SENTENCE_NORM)
    assert found[0] > 0 and found[1] > 0 and found[2] > 0  # the (dim 0), play (1), ##ing (2)
    assert not vectors.sentence_vector(["xyz", "qqq"]).any()


def test_vectors_round_trip_and_are_absent_where_not_installed(tmp_path):
    tiny().save(tmp_path)
    again = StaticEmbeddings.load(tmp_path)
    assert again.pieces == PIECES and again.vectors.dtype == np.int8 and again.dims == 3
    assert load_embeddings(tmp_path / "nothing") is None


def test_the_sentence_features_gain_one_feature_per_dimension_and_name_their_set(nlp):
    doc = nlp("The playing was unhappy!")
    plain = sentence_features(doc)
    with_vector = sentence_features(doc, tiny())
    assert set(with_vector) - set(plain) == {"e0", "e1", "e2"}
    assert feature_set(None) == FEATURE_SET and feature_set(tiny()) == FEATURE_SET + " e3"


def test_a_model_fit_with_vectors_is_read_only_where_those_vectors_are_installed(tmp_path, monkeypatch):
    model = SentenceModel(weights={"e0": 1.0}, intercept=0.0, feature_set=feature_set(tiny()))
    save_model(model, tmp_path)
    monkeypatch.setattr(sentence_models, "load_embeddings", lambda: None)
    assert read_model(tmp_path) is None
    monkeypatch.setattr(sentence_models, "load_embeddings", tiny)
    assert read_model(tmp_path) is not None


def test_the_stage_makes_the_vector_only_for_a_model_fit_with_it(nlp):
    text = "The playing was unhappy!"
    doc = nlp(text)
    uses_vector = SentenceModel(weights={"e0": 5.0}, intercept=0.0, feature_set=feature_set(tiny()))
    words_only = SentenceModel(weights={"e0": 5.0}, intercept=0.0)
    ((_, with_vector, _),) = sentence_stage.sentence_slants(doc, [(0, len(text))], uses_vector, None, tiny())
    ((_, without, _),) = sentence_stage.sentence_slants(doc, [(0, len(text))], words_only, None, tiny())
    assert with_vector > 0.5 and without == 0.5


def test_the_shipped_vectors_are_small_and_the_shipped_models_read_them():
    path = EMBEDDINGS_DIR / "vectors.npz"
    assert path.is_file() and path.stat().st_size < 5_000_000
    assert (EMBEDDINGS_DIR / "MODEL_CARD.md").is_file()
    vectors = load_embeddings()
    assert vectors is not None and vectors is load_embeddings()
    assert vectors.word_rows("unprecedented")  # an ordinary English word is spelt by the pieces
