"""Sentences and the text of a parse are computed once: lookups give what spaCy's own walks give."""

from __future__ import annotations

from byline.nlp.text import TEXT_KEY, doc_text


def test_token_and_span_sentences_come_from_the_index_and_match_the_parse(nlp):
    doc = nlp("The mayor spoke first. “We will build it,” she said. Critics were not convinced!")
    sentences = list(doc.sents)
    assert "sents" in doc.user_hooks and "sent" in doc.user_token_hooks
    for token in doc:
        sentence = token.sent
        assert sentence.start <= token.i < sentence.end and sentence in sentences
    assert doc[6:9].sent == doc[6].sent


def test_doc_text_is_built_once_and_equals_the_parse_text(nlp):
    doc = nlp("One line. Another line.")
    assert doc_text(doc) == doc.text and doc.user_data[TEXT_KEY] == doc.text


def test_an_empty_text_still_parses_with_its_index(nlp):
    doc = nlp("")
    assert list(doc.sents) in ([], [doc[:]])
