"""A long article is read whole: parsed in chunks, its readings are what each of its parts reads as."""

from __future__ import annotations

from byline.nlp.chunks import DEFAULT_CHUNK_CHARS
from byline.reading import Article

STORY = (
    "The council voted on Tuesday to close the Harbour Pool, officials said.\n\n"
    "“It is a sad day for the town,” Mayor Ana Ruiz told reporters.\n\n"
    "Critics said the decision was rushed, according to a statement from the swimming club."
)


def test_a_long_article_is_read_across_its_chunks_with_every_offset_in_the_text(reader):
    copies = DEFAULT_CHUNK_CHARS * 3 // len(STORY) + 1
    text = "\n\n".join([STORY] * copies)
    one = reader.read(Article(text=STORY))
    long = reader.read(Article(text=text))
    assert len(long.attributions) == copies * len(one.attributions) > 0
    for attribution in long.attributions:
        for span in [attribution.cue, *attribution.content]:
            if span is not None:
                assert text[span.start : span.end] == span.text
