"""The ``subjectivity`` stage: each sentence's subjectivity (opinion or reporting) and bias, from the parse.

It runs after ``voice`` and reads the tokens the parse already made (no second parse): the features of each
Reading sentence go through the two shipped linear models. Where a model is not installed its fields stay
None.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from byline.pipeline import Context, register_stage
from byline.slant.embeddings import StaticEmbeddings, load_embeddings
from byline.slant.features import FEATURE_SET, sentence_features, sentence_spans
from byline.slant.sentence_models import BIAS_DIR, SUBJECTIVITY_DIR, SentenceModel, load_model

Slant = tuple[bool | None, float | None, float | None]  # (subjective, subjectivity, bias)
DIGITS = 3


def sentence_slants(
    doc: Doc,
    bounds: Sequence[tuple[int, int]],
    subjectivity: SentenceModel | None,
    bias: SentenceModel | None,
    embeddings: StaticEmbeddings | None = None,
) -> list[Slant]:
    """(subjective, subjectivity, bias) of each (start, end) sentence of ``doc``; the sentence vector is made
    where a model was fit with it (``embeddings`` then given)."""
    if subjectivity is None and bias is None:
        return [(None, None, None)] * len(bounds)
    needs_vector = any(m is not None and m.feature_set != FEATURE_SET for m in (subjectivity, bias))
    found: list[Slant] = []
    for span in sentence_spans(doc, bounds):
        features = sentence_features(span, embeddings if needs_vector else None)
        subjective = probability = biased = None
        if subjectivity is not None:
            exact = subjectivity.probability(features)
            subjective, probability = exact >= subjectivity.threshold, round(exact, DIGITS)
        if bias is not None:
            biased = round(bias.probability(features), DIGITS)
        found.append((subjective, probability, biased))
    return found


class SubjectivityStage:
    name = "subjectivity"

    def find(self, ctx: Context) -> list[Slant]:
        bounds = [(s.start, s.end) for s in ctx.reading.sentences]
        return sentence_slants(
            ctx.doc, bounds, load_model(SUBJECTIVITY_DIR), load_model(BIAS_DIR), load_embeddings()
        )

    def write(self, ctx: Context, found: list[Slant]) -> None:
        ctx.reading.sentences = [
            s.model_copy(update={"subjective": subjective, "subjectivity": probability, "bias": biased})
            for s, (subjective, probability, biased) in zip(ctx.reading.sentences, found, strict=True)
        ]


register_stage("subjectivity")(SubjectivityStage)
