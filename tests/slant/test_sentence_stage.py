"""The subjectivity stage: every sentence gets subjective, subjectivity and bias, from the parse already made."""

from __future__ import annotations

import pytest
from spacy.language import Language

import byline.slant.sentence_stage as sentence_stage  # registers the stage
from byline.pipeline import Context, Reader
from byline.reading import Article, Reading, Sentence
from byline.slant.sentence_models import BIAS_DIR, SUBJECTIVITY_DIR, SentenceModel, load_model

OPINION = "This is a disgraceful, shameful and utterly idiotic plan that I absolutely hate."
FACT = "The council approved the budget on Tuesday by a vote of 7 to 2."


@pytest.fixture(scope="module")
def slant_reader():
    return Reader(stages=("sentences", "subjectivity"))


def test_every_sentence_of_a_reading_gets_its_subjectivity_and_bias(slant_reader):
    reading = slant_reader.read(Article(text=f"{FACT} {OPINION}"))
    assert len(reading.sentences) == 2
    subjectivity = load_model(SUBJECTIVITY_DIR)
    assert subjectivity is not None
    for sentence in reading.sentences:
        assert 0.0 <= sentence.subjectivity <= 1.0 and 0.0 <= sentence.bias <= 1.0
        assert isinstance(sentence.subjective, bool)
    fact, opinion = reading.sentences
    assert opinion.subjectivity > fact.subjectivity and opinion.bias > fact.bias
    assert opinion.subjective and not fact.subjective


def test_the_stage_reads_the_tokens_already_parsed_and_never_parses_again(slant_reader, monkeypatch):
    text = f"{OPINION} {FACT}"
    doc = next(iter(slant_reader.parse([Article(text=text)])))
    reading = Reading(article=Article(text=text), sentences=[Sentence(start=0, end=len(OPINION))])

    def refuse(*args, **kwargs):
        raise AssertionError("the stage parsed a text")

    monkeypatch.setattr(Language, "__call__", refuse)
    monkeypatch.setattr(Language, "pipe", refuse)
    stage = sentence_stage.SubjectivityStage()
    ctx = Context(doc=doc, reading=reading)
    stage.write(ctx, stage.find(ctx))
    assert ctx.reading.sentences[0].subjectivity is not None


def test_without_models_the_fields_stay_empty(nlp):
    doc = nlp(FACT)
    assert sentence_stage.sentence_slants(doc, [(0, len(FACT))], None, None) == [(None, None, None)]


def test_subjective_follows_the_models_threshold(nlp):
    doc = nlp(FACT)
    always = SentenceModel(weights={}, intercept=0.0, threshold=0.5)  # probability 0.5 for every sentence
    never = SentenceModel(weights={}, intercept=0.0, threshold=0.51)
    assert sentence_stage.sentence_slants(doc, [(0, len(FACT))], always, None) == [(True, 0.5, None)]
    assert sentence_stage.sentence_slants(doc, [(0, len(FACT))], never, always) == [(False, 0.5, 0.5)]


def test_the_shipped_models_are_small_and_load_once():
    for folder in (SUBJECTIVITY_DIR, BIAS_DIR):
        path = folder / "model.json"
        assert path.is_file() and path.stat().st_size < 5_000_000
        assert (folder / "MODEL_CARD.md").is_file()
        assert load_model(folder) is load_model(folder)
