"""The slant summary: opinion shares by voice, loaded words by owner, techniques with examples."""

from byline.reading import LabeledSpan, Sentence
from byline.slant.summary import slant_summary


def _span(label: str, text: str, owner: str) -> LabeledSpan:
    attrs = {"owner": owner} if owner == "outlet" else {"owner": "speaker", "attribution": "a1", "speaker": "X"}
    return LabeledSpan(start=0, end=len(text), text=text, layer="slant", label=label, attrs=attrs)


def test_the_opinion_share_counts_only_the_outlets_own_sentences_that_were_judged():
    sentences = [
        Sentence(start=0, end=1, voice="author", subjective=True),
        Sentence(start=1, end=2, voice="author", subjective=False),
        Sentence(start=2, end=3, voice="author", subjective=False),
        Sentence(start=3, end=4, voice="attributed", subjective=True),
        Sentence(start=4, end=5, voice="mixed", subjective=True),
    ]
    slant = slant_summary(sentences, [])
    assert slant.author_sentences == 3
    assert slant.author_opinion_share == 0.333
    assert slant.attributed_opinion_share == 1.0


def test_without_subjectivity_the_shares_are_unknown_not_zero():
    slant = slant_summary([Sentence(start=0, end=1, voice="author")], [])
    assert slant.author_opinion_share is None and slant.attributed_opinion_share is None


def test_loaded_words_are_split_by_owner_and_techniques_keep_distinct_examples():
    spans = [
        _span("Loaded_Language", "apologist", "outlet"),
        _span("Loaded_Language", "apologist", "outlet"),
        _span("Loaded_Language", "ugly", "speaker"),
        _span("Doubt", "is it really?", "outlet"),
        LabeledSpan(start=0, end=1, text="x", layer="entities", label="PERSON"),
    ]
    slant = slant_summary([], spans)
    assert (slant.loaded_outlet, slant.loaded_quoted) == (2, 1)
    loaded = slant.techniques[0]
    assert (loaded.label, loaded.outlet, loaded.speakers) == ("Loaded_Language", 2, 1)
    assert loaded.examples == ["apologist", "ugly"]
    assert [t.label for t in slant.techniques] == ["Loaded_Language", "Doubt"]
