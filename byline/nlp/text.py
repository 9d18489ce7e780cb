"""The text of a parse, built once: spaCy rebuilds ``Doc.text`` from its tokens on every access."""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "byline.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data`` after the first call (a Doc's text never changes)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
