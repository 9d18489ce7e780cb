"""A reading given a deadline stops between parse batches or stages; every Doc it made is freed at once."""

from __future__ import annotations

import copy
import gc
import time
import warnings
from functools import partial

import pytest
from spacy.tokens import Doc

from byline.errors import BylineError
from byline.nlp.chunks import pipe_in_chunks
from byline.nlp.pipeline import pipe_bounded
from byline.nlp.sentence_index import index_sentences
from byline.reading import Article

TEXT = "The mayor said the pool would close. Critics disagreed."


class Sleeping:
    name = "sleeping"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ran = False

    def find(self, ctx):
        self.ran = True
        time.sleep(self.seconds)

    def write(self, ctx, found) -> None:
        pass


class Recording(Sleeping):
    name = "recording"

    def __init__(self) -> None:
        super().__init__(0.0)


def _with_stages(reader, *stages):
    probe = copy.copy(reader)
    probe.stages = list(stages)
    return probe


def test_the_deadline_stops_a_reading_between_stages(reader):
    sleeping, recording = Sleeping(0.6), Recording()
    probe = _with_stages(reader, sleeping, recording)
    with pytest.raises(BylineError) as stopped:
        probe.read(Article(text=TEXT, origin="slow"), deadline=time.monotonic() + 0.5)
    assert stopped.value.code == "deadline" and stopped.value.source == "slow"
    assert sleeping.ran and not recording.ran


def test_a_passed_deadline_stops_the_reading_before_its_parse(reader, monkeypatch):
    parsed = []
    monkeypatch.setattr(reader.nlp, "pipe", lambda *args, **kwargs: parsed.append(args) or iter(()))
    recording = Recording()
    with pytest.raises(BylineError) as stopped:
        _with_stages(reader, recording).read(Article(text=TEXT), deadline=time.monotonic() - 1)
    assert stopped.value.code == "deadline"
    assert parsed == [] and not recording.ran


def test_a_reading_within_its_deadline_is_the_reading_without_one(reader):
    article = Article(text=TEXT)
    within = reader.read(article, deadline=time.monotonic() + 60)
    assert within.model_dump_json() == reader.read(article).model_dump_json()


def _docs_alive() -> int:
    with warnings.catch_warnings():  # isinstance() on some modules' lazy attributes warns (torch, where installed)
        warnings.simplefilter("ignore")
        return sum(isinstance(thing, Doc) for thing in gc.get_objects())


def test_a_reading_leaves_no_doc_for_the_garbage_collector(reader):
    gc.collect()
    gc.disable()
    try:
        before = _docs_alive()
        reader.read(Article(text=TEXT))
        after = _docs_alive()
    finally:
        gc.enable()
    assert after == before


def test_the_pieces_of_a_chunked_parse_are_freed_once_joined(nlp):
    text = "\n\n".join(f"Paragraph {i} says the mayor spoke." for i in range(30))
    gc.collect()
    gc.disable()
    try:
        before = _docs_alive()
        doc = next(pipe_in_chunks(partial(pipe_bounded, nlp), [text], index_sentences, chunk_chars=200))
        assert doc.text == text
        alive = _docs_alive() - before
    finally:
        gc.enable()
    assert alive == 1
