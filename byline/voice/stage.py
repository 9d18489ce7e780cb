"""The voice of each sentence, derived from the attributions (never guessed again from the words).

A sentence's words are split three ways: inside an attribution's content (attributed), its framing (the
source, the cue, what lies between them, and a short tail after them up to the content or the clause's
end: "she told reporters on Tuesday", "Politico reported"), and the rest (the outlet's own). The attributed share is
of the letters and digits outside the framing: a sentence all content is ``attributed``, one with no
content ``author``, anything between ``mixed``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from byline.nlp.spans import SpanList
from byline.pipeline import Context, register_stage
from byline.reading import Attribution, Sentence

FRAMING_TAIL_WORDS = 6  # "told reporters", "said in a statement on Friday": the framing's own details
_TAIL_STOPS = ".!?;:—\n\"“”"
ATTRIBUTED_AT = 0.95  # an attributed share this high is the speaker's sentence (stray letters of a split word)

Voice = tuple[str, float]


def sentence_voice(text: str, start: int, end: int, content: SpanList, framing: SpanList) -> Voice:
    """(voice, attributed share) of ``text[start:end]``, given the attributions' content and framing spans."""
    own = attributed = 0
    for k in range(start, end):
        if not text[k].isalnum() or framing.holds(k):
            continue
        if content.holds(k):
            attributed += 1
        else:
            own += 1
    total = own + attributed
    share = attributed / total if total else 0.0
    if attributed == 0:
        return "author", 0.0
    return ("attributed" if share >= ATTRIBUTED_AT else "mixed"), round(share, 3)


def framing_span(text: str, attribution: Attribution, content_starts: list[int]) -> tuple[int, int] | None:
    """From the source or cue, whichever comes first, to the other's end, and on over a short tail that
    ends at the next content, a clause or sentence end, or a quotation mark."""
    spans = [span for span in (attribution.cue, attribution.source.span) if span is not None]
    if not spans or attribution.cue is None:
        return None
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    stop = end
    k = bisect_left(content_starts, end)
    limit = content_starts[k] if k < len(content_starts) else len(text)
    while stop < limit and text[stop] not in _TAIL_STOPS:
        stop += 1
    tail = text[end:stop]
    return (start, stop) if len(tail.split()) <= FRAMING_TAIL_WORDS else (start, end)


def sentence_voices(text: str, sentences: Iterable[Sentence], attributions: Iterable[Attribution]) -> list[Voice]:
    """The voice and attributed share of each sentence."""
    attributions = list(attributions)
    content = SpanList((s.start, s.end) for a in attributions for s in a.content)
    starts = sorted(s for s, _ in content)
    framing = SpanList(span for a in attributions if (span := framing_span(text, a, starts)) is not None)
    return [sentence_voice(text, s.start, s.end, content, framing) for s in sentences]


class VoiceStage:
    name = "voice"

    def find(self, ctx: Context) -> list[Voice]:
        reading = ctx.reading
        return sentence_voices(reading.article.text, reading.sentences, reading.attributions)

    def write(self, ctx: Context, found: list[Voice]) -> None:
        ctx.reading.sentences = [
            s.model_copy(update={"voice": voice, "attributed_share": share})
            for s, (voice, share) in zip(ctx.reading.sentences, found, strict=True)
        ]


register_stage("voice")(VoiceStage)
