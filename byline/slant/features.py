"""Sentence features for the slant classifiers, read from spaCy tokens already parsed (never a second parse).

One function makes the features at training and at reading time: lower-cased words, lemmas, word bigrams,
fine-grained tags and tag bigrams, each count divided by the square root of the sentence's length (so a long
sentence does not score high for its length alone), and the log of that length; with static vectors
(``byline.slant.embeddings``), also the sentence's vector, one feature per dimension.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from byline.slant.embeddings import StaticEmbeddings

FEATURE_SET = "v1: w l b t tb len"  # recorded in each model: a model is only read with the features it was fit on
LENGTH = "len"
VECTOR = "e"  # + the dimension: the sentence vector's features
START, END = "<s>", "</s>"


def feature_set(embeddings: StaticEmbeddings | None = None) -> str:
    """The name of the features ``sentence_features`` makes with these vectors (or none)."""
    return FEATURE_SET if embeddings is None else f"{FEATURE_SET} {VECTOR}{embeddings.dims}"


def sentence_features(tokens: Iterable[Token], embeddings: StaticEmbeddings | None = None) -> dict[str, float]:
    """The features of one sentence's tokens (whitespace tokens skipped)."""
    counts: dict[str, float] = {}
    get = counts.get
    previous_word, previous_tag = START, START
    n = 0
    words: list[str] = []
    for token in tokens:
        if token.is_space:
            continue
        word, lemma, tag = token.lower_, token.lemma_.lower(), token.tag_
        n += 1
        keys = ["w=" + word, "b=" + previous_word + "|" + word, "t=" + tag, "tb=" + previous_tag + "|" + tag]
        if lemma != word:
            keys.append("l=" + lemma)
        for key in keys:
            counts[key] = get(key, 0.0) + 1.0
        previous_word, previous_tag = word, tag
        words.append(token.text)
    if n == 0:
        return {}
    key = "b=" + previous_word + "|" + END
    counts[key] = counts.get(key, 0.0) + 1.0
    scale = 1.0 / math.sqrt(n)
    features = {key: value * scale for key, value in counts.items()}
    features[LENGTH] = math.log1p(n)
    if embeddings is not None:
        vector = embeddings.sentence_vector(words).tolist()
        features.update({f"{VECTOR}{k}": value for k, value in enumerate(vector)})
    return features


def sentence_spans(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[Span]:
    """The doc's tokens over each (start, end) character range, widened to whole tokens."""
    spans = []
    for start, end in bounds:
        span = doc.char_span(start, end, alignment_mode="expand")
        spans.append(span if span is not None else doc[0:0])
    return spans


def doc_features(doc: Doc, embeddings: StaticEmbeddings | None = None) -> dict[str, float]:
    """The features of a whole doc read as one sentence (a training sentence parsed on its own)."""
    return sentence_features(doc, embeddings)
