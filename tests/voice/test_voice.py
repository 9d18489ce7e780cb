"""Each sentence's voice comes from the attribution layer: the speaker's words, the outlet's own, or both."""

from __future__ import annotations

from byline.ingest import article_from_text
from byline.nlp.spans import SpanList
from byline.reading import Article
from byline.voice.stage import sentence_voice


def test_a_quote_with_its_framing_is_attributed_and_a_sentence_without_content_is_the_authors():
    text = "“We will win,” she said. The vote is on Friday."
    content, framing = SpanList([(1, 12)]), SpanList([(15, 18), (19, 23)])
    assert sentence_voice(text, 0, 24, content, framing) == ("attributed", 1.0)
    assert sentence_voice(text, 25, len(text), content, framing) == ("author", 0.0)


def test_a_sentence_part_quoted_is_mixed_with_its_attributed_share():
    text = "The plan, which critics called reckless, passed."
    start = text.index("reckless")
    voice, share = sentence_voice(text, 0, len(text), SpanList([(start, start + 8)]), SpanList([]))
    assert voice == "mixed" and 0.1 < share < 0.3


def test_every_sentence_of_a_reading_gets_a_voice(reader):
    text = "“It is a sad day for the town,” Mayor Ana Ruiz told reporters. The pool opened in 1962."
    reading = reader.read(Article(text=text))
    voices = [s.voice for s in reading.sentences]
    assert voices == ["attributed", "author"]
    assert reading.sentences[0].attributed_share == 1.0


def test_the_blinken_sample_reads_the_cable_as_attributed_and_the_closing_commentary_as_the_outlets(
    default_reader, blinken_path
):
    reading = default_reader.read(article_from_text(blinken_path.read_text(encoding="utf-8")))
    text = reading.article.text

    def voice_of(words: str) -> str | None:
        return next(s.voice for s in reading.sentences if words in text[s.start : s.end])

    assert voice_of("It might be “painful, even ugly”") == "attributed"
    assert voice_of("We still have confidence in our ability") == "attributed"
    assert voice_of("reminiscent of the Obama-Biden administration") == "author"
    assert voice_of("Former President Barack Obama’s apologist foreign policy") == "author"
