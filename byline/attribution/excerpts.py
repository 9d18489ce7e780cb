"""Excerpts of another outlet's piece, and whose voice a passage is in (docs/attribution-guideline.md §3, §5).

An article that opens with "From The New Republic:" is an excerpt of that outlet's piece: what follows is
the outlet speaking, so it is one attribution (source: the outlet, content: the paragraphs after the line),
everything it reports is reported through it, and its "we" is that outlet. A line such as "George Packer
writes in The Atlantic:" introduces the paragraph after it the same way (source: the writer; its "we": the
outlet it was written in). So does a block a publication is the source of ("Politico revealed Friday:").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from byline.attribution.model import Candidate, CharSpan, overlaps
from byline.nlp.text import doc_text

# "From The New Republic:" alone on the first line of the body.
FROM_LINE = re.compile(r"\A\s*(?P<cue>From)\s+(?P<outlet>[A-Z][^\n:]{0,80}?)[ \t]*:[ \t]*(?=\n|\Z)")
# "George Packer writes in The Atlantic:" alone on a line.
WRITES_IN_LINE = re.compile(
    r"^[ \t]*(?P<source>[A-Z][^\n:]{0,80}?)\s+(?P<cue>(?:writes|wrote|argues|argued|notes|noted|explains|explained"
    r"|says|said|reports|reported)\s+(?:in|for|at))\s+(?P<outlet>[A-Z][^\n:]{0,60}?)[ \t]*:[ \t]*$",
    re.MULTILINE,
)
EXCERPT = "excerpt"
CONFIDENCE = 0.7


def _paragraphs(text: str, start: int) -> list[CharSpan]:
    """The paragraphs (blank-line separated, trimmed) of ``text`` from ``start`` on."""
    out = []
    for match in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text[start:]):
        piece_start, piece_end = start + match.start(), start + match.end()
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append((piece_start, piece_end))
    return out


def _candidate(doc: Doc, cue: CharSpan, source: CharSpan, content: list[CharSpan], how: str) -> Candidate | None:
    head = doc.char_span(*cue, alignment_mode="expand")
    if head is None or not content:
        return None
    return Candidate(
        kind="block",
        cue=cue,
        source=source,
        content=content,
        confidence=CONFIDENCE,
        evidence=f"{EXCERPT}:{how}",
        cue_token=head.root.i,
    )


def excerpt_candidates(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """The excerpt attributions of an article that other detection has not found on the same line."""
    text = doc_text(doc)
    out = []
    opening = FROM_LINE.match(text)
    if opening is not None:
        content = _paragraphs(text, opening.end())
        candidate = _candidate(doc, opening.span("cue"), opening.span("outlet"), content, "from")
        if candidate is not None:
            out.append(candidate)
    for line in WRITES_IN_LINE.finditer(text):
        if any(overlaps(line.span(), c.cue) for c in found):
            continue
        following = _paragraphs(text, line.end())[:1]
        candidate = _candidate(doc, line.span("cue"), line.span("source"), following, "writes-in")
        if candidate is not None:
            out.append(candidate)
    return out


def whole_article_excerpt(candidate: Candidate) -> bool:
    """An excerpt that is the article itself ("From X:" opening it), not a block inside it."""
    return candidate.evidence == f"{EXCERPT}:from"


def excerpt_outlet(text: str, candidate: Candidate) -> CharSpan | None:
    """The outlet an excerpt comes from: "From <outlet>:", "… writes in <outlet>:" (a block so introduced,
    whichever detector found it)."""
    if whole_article_excerpt(candidate):
        return candidate.source
    if candidate.kind != "block" or candidate.cue is None:
        return None
    line_start = text.rfind("\n", 0, candidate.cue[0]) + 1
    line = WRITES_IN_LINE.search(text, line_start)
    return line.span("outlet") if line is not None and line.start() <= candidate.cue[0] else None
