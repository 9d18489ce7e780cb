"""Long texts are parsed in paragraph chunks joined into one Doc that reads as the whole text's parse."""

from __future__ import annotations

import pytest

from byline.nlp.chunks import chunk_text
from byline.nlp.pipeline import parse_texts
from byline.nlp.text import doc_text

PARAGRAPH = "The mayor said on Tuesday that the pool would close. “It is a sad day,” she told reporters."


def test_chunks_join_back_into_the_text_and_are_cut_after_paragraph_breaks():
    text = "\n\n".join(f"{PARAGRAPH} ({k})" for k in range(40))
    pieces = chunk_text(text, 1000)
    assert "".join(pieces) == text and len(pieces) > 3
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    assert all(len(piece) <= 1000 for piece in pieces)


def test_a_text_without_breaks_is_cut_at_spaces_and_then_anywhere():
    words = "word " * 500
    assert all(p.endswith(" ") for p in chunk_text(words, 100)[:-1])
    solid = "x" * 1000
    assert chunk_text(solid, 300) == ["x" * 300, "x" * 300, "x" * 300, "x" * 100]


def test_a_short_text_is_one_piece_and_a_chunk_size_must_be_positive():
    assert chunk_text(PARAGRAPH, 1000) == [PARAGRAPH]
    with pytest.raises(ValueError):
        chunk_text(PARAGRAPH, 0)


def test_a_long_text_parsed_in_chunks_reads_as_its_whole_parse(nlp):
    text = "\n\n".join(f"{PARAGRAPH} „Ratepayers,” he said, «deserve better»." for _ in range(400))
    assert len(text) > 40_000  # over one chunk
    joined = next(parse_texts(nlp, [text]))
    whole = nlp(text)
    assert joined.text == text and doc_text(joined) == text
    assert [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in joined] == [
        (t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in whole
    ]
    assert [s.start for s in joined.sents] == [s.start for s in whole.sents]
    assert joined[-3].sent.end == len(joined)  # the sentence index is the joined Doc's own
