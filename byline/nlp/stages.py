"""The sentence layer, straight from the parse."""

from __future__ import annotations

from byline.pipeline import Context, register_stage
from byline.reading import Sentence


def sentence_bounds(ctx: Context) -> list[tuple[int, int]]:
    """Character bounds of each sentence, trimmed of surrounding whitespace, empty ones dropped."""
    bounds = []
    for sent in ctx.doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            bounds.append((start, end))
    return bounds


class SentenceStage:
    name = "sentences"

    def find(self, ctx: Context) -> list[tuple[int, int]]:
        return sentence_bounds(ctx)

    def write(self, ctx: Context, found: list[tuple[int, int]]) -> None:
        ctx.reading.sentences = [Sentence(start=s, end=e) for s, e in found]


register_stage("sentences")(SentenceStage)
