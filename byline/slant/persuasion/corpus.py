"""Training data for the persuasion model: the articles parsed once, their features and their labels."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from byline.errors import BylineError
from byline.slant.persuasion.data import GoldSpan, read_articles, read_span_labels
from byline.slant.persuasion.features import Features, featurize

Log = Callable[[str], None]


@dataclass
class Corpus:
    ids: list[str]
    texts: list[str]
    spans: list[list[GoldSpan]]
    feats: list[Features]

    def subset(self, indices: list[int] | np.ndarray) -> Corpus:
        pick = [int(i) for i in indices]
        return Corpus(*([seq[i] for i in pick] for seq in (self.ids, self.texts, self.spans, self.feats)))


@dataclass
class Extra:
    """Sentences with loaded words marked (BABE's biased words): more signal for the loaded-language tagger."""

    feats: list[Features]
    loaded: list[np.ndarray]  # per sentence, per token: marked as biased


def parse_features(texts: list[str], cache: Path | None = None, log: Log | None = None) -> list[Features]:
    """The features of each text, parsed with byline's own pipeline; the parses are kept in ``cache``, if given,
    under the texts' and the pipeline's identity."""
    from spacy.tokens import DocBin

    from byline.nlp import load_pipeline
    from byline.nlp.pipeline import parse_texts

    nlp = load_pipeline()
    key = hashlib.sha256(json.dumps([nlp.meta.get("name"), nlp.meta.get("version"), texts]).encode()).hexdigest()[:16]
    path = cache / f"persuasion-parses-{key}.spacy" if cache is not None else None
    if path is not None and path.is_file():
        return [featurize(doc) for doc in DocBin().from_disk(path).get_docs(nlp.vocab)]
    if log:
        log(f"parsing {len(texts)} texts with {nlp.meta.get('name')}")
    docs = list(parse_texts(nlp, texts, batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
    return [featurize(doc) for doc in docs]


def load_corpus(
    articles: Path,
    labels: Path,
    cache: Path | None = None,
    log: Log | None = None,
    extra_spans: dict[str, list[GoldSpan]] | None = None,
    extra_articles: Path | None = None,
) -> Corpus:
    """The labelled articles of ``articles`` (``labels``: a span file), then those of an extra source (PTC)
    that the first lacks, each with its own text."""
    spans = read_span_labels(labels)
    texts = read_articles(articles)
    ids = sorted(texts)  # an article without spans is labelled: it has no technique
    pairs = [(i, texts[i], spans.get(i, [])) for i in ids]
    if extra_spans and extra_articles is not None:
        others = read_articles(extra_articles, set(extra_spans) - set(ids))
        pairs += [(i, others[i], extra_spans[i]) for i in sorted(others)]
    if not pairs:
        raise BylineError("no_articles", str(articles))
    feats = parse_features([text for _, text, _ in pairs], cache, log)
    return Corpus([p[0] for p in pairs], [p[1] for p in pairs], [p[2] for p in pairs], feats)


def load_babe(path: Path, cache: Path | None = None, log: Log | None = None) -> Extra:
    """BABE's sentences, a token marked where its lowercase form is one of the sentence's biased words."""
    if not path.is_file():
        raise BylineError("not_found", str(path))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [row["text"] for row in rows]
    feats = parse_features(texts, cache, log)
    loaded = []
    for row, text, f in zip(rows, texts, feats, strict=True):
        words = {w.lower() for phrase in row.get("biased_words") or [] for w in phrase.split()}
        loaded.append(np.array([text[s:e].lower() in words for s, e in f.token_chars], dtype=bool))
    return Extra(feats, loaded)


def unit_labels(corpus: Corpus, techniques: tuple[str, ...]) -> np.ndarray:
    """(all units, techniques): the unit shares a character with a gold span of the technique."""
    column = {t: k for k, t in enumerate(techniques)}
    blocks = []
    for spans, f in zip(corpus.spans, corpus.feats, strict=True):
        y = np.zeros((len(f.units), len(techniques)), dtype=bool)
        for span in spans:
            if span.technique in column:
                hit = (f.unit_chars[:, 0] < span.end) & (f.unit_chars[:, 1] > span.start)
                y[hit, column[span.technique]] = True
        blocks.append(y)
    return np.vstack(blocks) if blocks else np.zeros((0, len(techniques)), dtype=bool)


def token_labels(spans: list[GoldSpan], f: Features, techniques: tuple[str, ...]) -> np.ndarray:
    """(taggable tokens, techniques): the word shares a character with a gold span of the technique."""
    chars = f.token_chars[f.taggable]
    y = np.zeros((len(chars), len(techniques)), dtype=bool)
    column = {t: k for k, t in enumerate(techniques)}
    for span in spans:
        if span.technique in column:
            y[(chars[:, 0] < span.end) & (chars[:, 1] > span.start), column[span.technique]] = True
    return y
