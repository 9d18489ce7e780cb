"""The acceptance check on the shared scraped sample (skips where ../shared/data is absent)."""

from __future__ import annotations

import pytest

from byline.ingest import IngestOptions, read_inputs
from byline.ingest.cleanup import split_paragraphs
from byline.reading import Article

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def blinken(blinken_path):
    (article,) = read_inputs([str(blinken_path)], IngestOptions())
    assert isinstance(article, Article)
    return article


@pytest.fixture(scope="module")
def source_lines(blinken_path):
    return [line for p in split_paragraphs(blinken_path.read_text(encoding="utf-8")) for line in p]


def test_title_is_line_one(blinken, source_lines):
    assert blinken.title == source_lines[0]


def test_caption_credit_and_comment_box_each_go_to_their_own_field(blinken, source_lines):
    # the sample's layout: headline, caption, credit, body ..., comment-box line
    caption, credit, comment_box = source_lines[1], source_lines[2], source_lines[-1]
    assert blinken.captions == [caption]
    assert blinken.credits == [credit]
    assert blinken.boilerplate == [comment_box]
    for taken in (caption, credit, comment_box):
        assert taken not in blinken.text


def test_nothing_else_of_the_body_is_lost(blinken, source_lines):
    taken = {blinken.title, *blinken.captions, *blinken.credits, *blinken.boilerplate}
    expected = [line for line in source_lines if line not in taken]
    assert blinken.text.split("\n\n") == expected
    assert len(expected) == len(source_lines) - 4


def test_body_offsets_index_the_text_verbatim(blinken, source_lines):
    for line in source_lines[3:-1]:
        start = blinken.text.index(line)
        assert blinken.text[start : start + len(line)] == line


def test_language_and_origin(blinken, blinken_path):
    assert (blinken.language, blinken.origin) == ("en", str(blinken_path))
