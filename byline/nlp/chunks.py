"""Long texts parsed in paragraph chunks and joined into one Doc.

spaCy's cost per character grows with the length of the Doc it is given (its NER and tok2vec over one
long array), and a text over ``nlp.max_length`` is refused outright. A text longer than ``chunk_chars``
is cut at paragraph breaks (else at a line break, else at a space) into pieces of about that size, each
piece parsed alone, and the pieces joined with ``Doc.from_docs``: the joined Doc's text is the text as
given, character for character, so every offset holds. Sentences and entities never cross a paragraph
break, so the parse of a piece is the parse the whole would have had there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

from byline.nlp.quotes import PARSED_TEXT
from byline.nlp.sentence_index import release_doc

DEFAULT_CHUNK_CHARS = 20_000
_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[ \t]+"))


def chunk_text(text: str, chunk_chars: int = DEFAULT_CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most about ``chunk_chars`` characters that join back into it.

    Each cut falls after a paragraph break (blank line) where one lies in the second half of the piece,
    else after a line break, else after a space, else at ``chunk_chars`` itself.
    """
    if chunk_chars <= 0:
        raise ValueError("chunk_chars must be positive")
    pieces: list[str] = []
    start = 0
    while len(text) - start > chunk_chars:
        cut = _cut(text, start, start + chunk_chars)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at ``start`` ends: after the last break before ``limit`` in its second half."""
    half = start + (limit - start) // 2
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, half, limit):
            last = match
        if last is not None and last.end() < limit:
            return last.end()
    return limit


def join_docs(pieces: list[Doc], finish: Callable[[Doc], Doc]) -> Doc:
    """One Doc from the parses of consecutive pieces of a text; ``finish`` runs the per-Doc steps the
    joined Doc needs again (the sentence index)."""
    if len(pieces) == 1:
        return pieces[0]
    joined = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["user_data", "tensor"])
    if any(PARSED_TEXT in piece.user_data for piece in pieces):
        joined.user_data[PARSED_TEXT] = "".join(piece.user_data.get(PARSED_TEXT, piece.text) for piece in pieces)
    for piece in pieces:
        release_doc(piece)
    return finish(joined)


def pipe_in_chunks(
    pipe: Callable[[Iterable[str]], Iterator[Doc]],
    texts: Iterable[str],
    finish: Callable[[Doc], Doc],
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
) -> Iterator[Doc]:
    """The parse of each text, in order; long texts are parsed in chunks, all pieces in one ``pipe``."""
    pieced = [chunk_text(text, chunk_chars) for text in texts]
    docs = iter(pipe(piece for pieces in pieced for piece in pieces))
    for pieces in pieced:
        yield join_docs([next(docs) for _ in pieces], finish)
