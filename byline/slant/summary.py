"""The slant summary: how much of the outlet's own voice is opinion, and whose the loaded words and techniques are."""

from __future__ import annotations

from collections.abc import Sequence

from byline.pipeline import Context, register_stage
from byline.reading import LabeledSpan, Sentence, Slant, TechniqueUse

LOADED = "Loaded_Language"
EXAMPLES = 3


def opinion_share(sentences: Sequence[Sentence], voice: str) -> float | None:
    """Share of the sentences in ``voice`` read as subjective (None without subjectivity or such sentences)."""
    judged = [s.subjective for s in sentences if s.voice == voice and s.subjective is not None]
    return round(sum(judged) / len(judged), 3) if judged else None


def technique_uses(spans: Sequence[LabeledSpan]) -> list[TechniqueUse]:
    """Each technique found, most used first, with its outlet and speaker counts and a few distinct examples."""
    uses: dict[str, TechniqueUse] = {}
    for span in spans:
        use = uses.setdefault(span.label, TechniqueUse(label=span.label))
        if span.attrs.get("owner") == "speaker":
            use.speakers += 1
        else:
            use.outlet += 1
        if len(use.examples) < EXAMPLES and span.text not in use.examples:
            use.examples.append(span.text)
    return sorted(uses.values(), key=lambda u: (-(u.outlet + u.speakers), u.label))


def slant_summary(sentences: Sequence[Sentence], spans: Sequence[LabeledSpan]) -> Slant:
    """The slant summary of one reading's sentences and slant spans."""
    slant_spans = [s for s in spans if s.layer == "slant"]
    loaded = [s for s in slant_spans if s.label == LOADED]
    quoted = sum(s.attrs.get("owner") == "speaker" for s in loaded)
    return Slant(
        author_sentences=sum(s.voice == "author" for s in sentences),
        author_opinion_share=opinion_share(sentences, "author"),
        attributed_opinion_share=opinion_share(sentences, "attributed"),
        loaded_outlet=len(loaded) - quoted,
        loaded_quoted=quoted,
        techniques=technique_uses(slant_spans),
    )


class SlantSummaryStage:
    name = "slant"

    def find(self, ctx: Context) -> Slant:
        return slant_summary(ctx.reading.sentences, ctx.reading.spans)

    def write(self, ctx: Context, found: Slant) -> None:
        ctx.reading.slant = found


register_stage("slant")(SlantSummaryStage)
