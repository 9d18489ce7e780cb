"""Training the cue model on a tiny corpus written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from byline.attribution.detect import CueModel, detect, load_cue_model
from byline.attribution.polnear import GoldAttribution, GoldDoc
from byline.attribution.train import (
    cue_child_shares,
    fit_cue_model,
    fit_tagger,
    gold_cue_heads,
    model_card,
    train_attribution,
    train_perceptron,
)

SENTENCES = [
    ("The mayor said that the bridge would close.", "said", "The mayor", "that the bridge would close"),
    ("The governor has said that taxes will rise.", "has said", "The governor", "that taxes will rise"),
    ("Officials told reporters that the road was shut.", "told", "Officials", "that the road was shut"),
    ("The council also said that the vote was fair.", "also said", "The council", "that the vote was fair"),
    ("The bridge was built in 1932 and painted red.", None, None, None),
    ("Traffic moved slowly across the river on Monday.", None, None, None),
]


def gold_doc(index: int, text: str, cue: str | None, source: str | None, content: str | None) -> GoldDoc:
    def at(fragment):
        start = text.index(fragment)
        return ((start, start + len(fragment)),)

    attributions = [] if cue is None else [GoldAttribution("E1", "Attribution", at(cue), at(source), at(content))]
    return GoldDoc(f"doc-{index}", text, attributions)


@pytest.fixture(scope="module")
def corpus(nlp):
    golds = [gold_doc(i, *row) for i, row in enumerate(SENTENCES)]
    return [(nlp(g.text), g) for g in golds]


def test_gold_cue_heads_are_the_syntactic_heads(corpus):
    doc, gold = corpus[1]
    assert [doc[i].text for i in gold_cue_heads(doc, gold)] == ["said"]


def test_cue_child_shares_learn_what_the_cue_span_keeps(corpus):
    shares = cue_child_shares(corpus * 3)
    assert shares["nsubj|*"] == 0.0
    assert shares["ccomp|*"] == 0.0


def test_perceptron_separates_a_toy_problem():
    examples = [(["x=1"], True), (["x=0"], False)] * 5
    model = train_perceptron(examples, seed=0, epochs=3)
    assert model.score(["x=1"]) > 0 > model.score(["x=0"])


def test_fit_is_reproducible_with_a_seed(corpus):
    assert fit_cue_model(corpus, seed=3).to_json() == fit_cue_model(corpus, seed=3).to_json()


def test_fitted_model_finds_the_cues_it_was_trained_on(corpus):
    model = fit_cue_model(corpus * 3, seed=0)  # cue-extent shares need 3 sightings ("also said")
    for doc, gold in corpus:
        cues = {doc.text[c.cue[0] : c.cue[1]] for c in detect(doc, model, tagger=None)}
        expected = {doc.text[s:e] for a in gold.attributions for s, e in a.cue}
        assert expected <= cues


def test_tagger_fit_is_deterministic_and_tags_what_it_was_trained_on(corpus, tmp_path: Path):
    import pycrfsuite

    model = fit_cue_model(corpus * 3, seed=0)
    first = fit_tagger(corpus * 3, model, tmp_path / "a.crfsuite")
    second = fit_tagger(corpus * 3, model, tmp_path / "b.crfsuite")
    assert first.read_bytes() == second.read_bytes()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(first))
    for doc, gold in corpus:
        found = {(doc.text[slice(*c.cue)], doc.text[slice(*c.content[0])]) for c in detect(doc, model, tagger)}
        expected = {(doc.text[slice(*a.cue[0])], doc.text[slice(*a.content[0])]) for a in gold.attributions}
        assert expected <= found


def test_model_round_trips_through_json(corpus):
    model = fit_cue_model(corpus, seed=0)
    again = CueModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again == model


def test_card_names_the_data_and_its_licence_status():
    card = model_card({"features": 10, "seed": 0, "epochs": 6, "train_docs": 840, "train_path": "train.jsonl"})
    assert "PolNeAR" in card
    assert "no licence file" in card
    assert "seed 0" in card


def _toy_polnear(tmp_path: Path) -> Path:
    records = []
    for i, (text, cue, source, content) in enumerate(SENTENCES):
        quotes = []
        if cue:
            quotes.append(
                {
                    "id": "E1",
                    "type": "Attribution",
                    "cues": [{"start": text.index(cue), "end": text.index(cue) + len(cue)}],
                    "sources": [{"start": text.index(source), "end": text.index(source) + len(source)}],
                    "contents": [{"start": text.index(content), "end": text.index(content) + len(content)}],
                }
            )
        records.append({"doc_id": f"d{i}", "text": text, "quotes": quotes})
    data = tmp_path / "train.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return data


def test_train_attribution_writes_a_loadable_model_and_its_card(tmp_path: Path):
    data = _toy_polnear(tmp_path)
    out = tmp_path / "model"
    summary = train_attribution(data, out, seed=0, dev_path=data)
    assert summary["train_docs"] == len(SENTENCES)
    assert set(summary["dev"]) >= {"exact", "overlap", "speaker_accuracy"}
    assert load_cue_model(out) is not None
    assert (out / "tagger.crfsuite").is_file() and summary["tagger_bytes"] < 5_000_000
    assert (out / "content_ranker.json").is_file() and not list(out.glob("fold-*"))  # fold taggers removed
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "exact" in card
    shipped = (out / "model.json").read_text(encoding="utf-8")
    assert not any(text in shipped for text, *_ in SENTENCES)  # weights only, no text


def test_shipped_model_is_small_when_present():
    from byline.attribution.detection_words import MODEL_DIR, MODEL_FILE

    path = MODEL_DIR / MODEL_FILE
    if not path.exists():
        pytest.skip("no shipped cue model (detection runs on the lexicon rules)")
    assert path.stat().st_size < 5_000_000
    assert (MODEL_DIR / "MODEL_CARD.md").exists()


def test_shipped_tagger_is_small_when_present():
    from byline.attribution.detect import MODEL_DIR
    from byline.attribution.tagger import TAGGER_FILE

    path = MODEL_DIR / TAGGER_FILE
    if not path.exists():
        pytest.skip("no shipped CRF tagger (detection runs on the cue model and rules)")
    assert path.stat().st_size < 5_000_000


def test_holdout_fits_the_first_articles_and_scores_the_rest(tmp_path: Path):
    data = _toy_polnear(tmp_path)
    keep = len(SENTENCES) - 2
    summary = train_attribution(data, tmp_path / "model", seed=0, holdout_from=keep)
    assert summary["train_docs"] == keep
    assert summary["holdout_docs"] == f"{keep}-{len(SENTENCES) - 1}"
    assert summary["holdout"]["n_docs"] == 2 and "exact" in summary["holdout"]
