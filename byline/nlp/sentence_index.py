"""Sentences found once per parse (a pipeline component), and the release of that index once a reading is done."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_INDEX = "byline_sentence_index"


@Language.component(SENTENCE_INDEX)
def index_sentences(doc: Doc) -> Doc:
    """Sentences found once per parse: ``doc.sents``, ``token.sent`` and ``span.sent`` then look them up
    instead of walking the whole doc on every call (spaCy's own ``.sent`` is linear in the doc's length)."""
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    of_token = [0] * len(doc)
    for number, sentence in enumerate(sentences):
        for i in range(sentence.start, sentence.end):
            of_token[i] = number
    doc.user_hooks["sents"] = lambda _doc: iter(sentences)
    doc.user_token_hooks["sent"] = lambda token: sentences[of_token[token.i]]
    doc.user_span_hooks["sent"] = lambda span: sentences[of_token[span.start if len(span) else max(span.start - 1, 0)]]
    return doc  # the hooks hold the doc's own sentences, a reference cycle that ``release_doc`` breaks


def release_doc(doc: Doc) -> None:
    """Drop a Doc's user hooks (the sentence index), which refer back to the Doc: without them it is freed
    as soon as it is unreferenced, not at the next full garbage collection. It still reads the same."""
    doc.user_hooks.clear()
    doc.user_token_hooks.clear()
    doc.user_span_hooks.clear()
