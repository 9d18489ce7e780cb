"""Whose words a span is: the innermost attribution content holding it, else the outlet."""

from __future__ import annotations

from byline.reading import Article, Attribution, Entity, Reading, Source, Span
from byline.slant.persuasion.owners import Owners

TEXT = (
    'Critics called the plan disgraceful. "This plan is disgraceful," said Senator Jane Smith. '
    'The Times reported that Smith said "the vote was a disgraceful sham" on Monday.'
)


def _span(text: str, part: str, start: int = 0) -> Span:
    k = text.index(part, start)
    return Span(start=k, end=k + len(part), text=part)


def _reading() -> Reading:
    quote = _span(TEXT, "This plan is disgraceful,")
    outer = _span(TEXT, 'Smith said "the vote was a disgraceful sham"')
    inner = _span(TEXT, "the vote was a disgraceful sham")
    return Reading(
        article=Article(text=TEXT),
        entities=[Entity(id="e1", name="Jane Smith", type="PERSON")],
        attributions=[
            Attribution(
                id="a1",
                kind="direct",
                source=Source(span=_span(TEXT, "Senator Jane Smith"), entity="e1"),
                content=[quote],
            ),
            Attribution(id="a2", kind="indirect", source=Source(span=_span(TEXT, "The Times")), content=[outer]),
            Attribution(
                id="a3",
                kind="direct",
                source=Source(span=_span(TEXT, "Smith", 110), entity="e1"),
                content=[inner],
                via="a2",
            ),
        ],
    )


def _word(n: int) -> tuple[int, int]:
    start = -1
    for _ in range(n):
        start = TEXT.index("disgraceful", start + 1)
    return start, start + len("disgraceful")


def test_a_loaded_word_in_a_quote_is_the_speakers_and_the_same_word_outside_is_the_outlets():
    owners = Owners(_reading())
    assert owners.attrs(*_word(1)) == {"owner": "outlet"}
    assert owners.attrs(*_word(2)) == {"owner": "speaker", "attribution": "a1", "speaker": "Jane Smith"}


def test_the_innermost_content_owns_a_nested_quote():
    owners = Owners(_reading())
    assert owners.attrs(*_word(3)) == {"owner": "speaker", "attribution": "a3", "speaker": "Jane Smith"}
    said = TEXT.index("said", TEXT.index("The Times"))
    assert owners.attrs(said, said + 4)["attribution"] == "a2"


def test_a_span_crossing_a_contents_edge_is_the_outlets():
    owners = Owners(_reading())
    start = TEXT.index('"This')
    assert owners.attrs(start, start + 12) == {"owner": "outlet"}


def test_a_speaker_without_an_entity_is_named_as_written():
    reading = _reading()
    reading.attributions[1] = reading.attributions[1].model_copy(
        update={"source": Source(span=_span(TEXT, "The Times"))}
    )
    said = TEXT.index("said", TEXT.index("The Times"))
    assert Owners(reading).attrs(said, said + 4)["speaker"] == "The Times"


def test_a_sentence_mostly_inside_a_content_narrows_to_it():
    owners = Owners(_reading())
    sentence = _span(TEXT, '"This plan is disgraceful," said Senator Jane Smith.')
    assert owners.widest_part(sentence.start, sentence.end) is None  # the quote is under half of it
    quote = _span(TEXT, '"This plan is disgraceful," said')
    start, end = owners.widest_part(quote.start, quote.end)
    assert TEXT[start:end] == "This plan is disgraceful,"
