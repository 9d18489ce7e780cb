"""Colon and block quotes: a line opening with a speaker and a colon ("Paul Ryan: …"), and the paragraph
after a colon cue."""

from __future__ import annotations

from spacy.tokens import Token

from byline.attribution.content_spans import (
    _negated,
    _trim,
)
from byline.attribution.detection_words import (
    COLON_SPEAKER_POS,
    COLON_SPEAKER_WORDS,
)
from byline.attribution.model import Candidate, CharSpan, quote_kind
from byline.attribution.source_mentions import (
    _char_span,
    _mention,
    find_source,
)
from byline.nlp.quotes import (
    extend_to_quote,
)


def _paragraph_after(text: str, pos: int) -> CharSpan | None:
    start = pos
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text):
        return None
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _block_candidate(
    cue: Token, cue_span: list[Token], colon: Token, text: str, conf: float, how: str
) -> Candidate | None:
    """A cue closing its paragraph with a colon ("X revealed Friday:"): the next paragraph is the content."""
    after = colon.idx + 1
    rest = text[after : text.find("\n", after) if "\n" in text[after:] else len(text)]
    if rest.strip():
        return None
    content = _paragraph_after(text, after)
    content = _trim(text, content) if content is not None else None
    if content is None:
        return None
    source = find_source(cue)
    return Candidate(
        kind="block",
        cue=_char_span(cue_span),
        source=_mention(source) if source is not None else None,
        content=[content],
        negated=_negated(cue),
        confidence=conf,
        evidence=f"{how}:colon-block",
        cue_token=cue.i,
    )


def _colon_after(cue: Token) -> Token | None:
    sent = cue.sent
    colons = [t for t in sent if t.text == ":" and t.i > cue.i]
    if not colons:
        return None
    colon = colons[-1]
    between = cue.doc[cue.i + 1 : colon.i]
    if any(t.dep_ in ("ccomp",) and t.head.i == cue.i for t in between):
        return None
    return colon


def colon_candidate(colon: Token, quotes: list[CharSpan], text: str) -> Candidate | None:
    """A line that opens with a name and a colon: "Paul Ryan: FBI decision defies explanation", "Q: …"."""
    if colon.text != ":":
        return None
    doc = colon.doc
    line_start = text.rfind("\n", 0, colon.idx) + 1
    speaker: list[Token] = []
    for token in reversed(doc[: colon.i]):
        if token.idx < line_start or token.text in ("-", "—", "–"):
            break
        speaker.insert(0, token)
    speaker = [t for t in speaker if not t.is_space]
    if not 1 <= len(speaker) <= 8 or any(t.pos_ not in COLON_SPEAKER_POS for t in speaker):
        return None
    if not any(t.pos_ == "PROPN" or t.lower_ in COLON_SPEAKER_WORDS for t in speaker):
        return None
    line_end = text.find("\n", colon.idx)
    content = _trim(text, (colon.idx + 1, len(text) if line_end < 0 else line_end))
    if content is None:
        return None
    content = _trim(text, extend_to_quote(content, quotes)) or content
    return Candidate(
        kind=quote_kind([content], quotes),
        cue=(colon.idx, colon.idx + 1),
        source=_char_span(speaker),
        content=[content],
        confidence=0.6,
        evidence="speaker-colon",
        cue_token=colon.i,
    )
