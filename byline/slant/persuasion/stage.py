"""The ``persuasion`` stage: spans of persuasion techniques (SemEval-2023 Task 3), each with its owner.

Run after ``voice`` (it needs the attributions): a span inside an attribution's content is that speaker's,
any other the outlet's. A sentence-wide span mostly inside one content is narrowed to that content (the
speaker's clause); a word-level span keeps its words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from byline.pipeline import Context, register_stage
from byline.reading import LabeledSpan
from byline.slant.persuasion.model import MODEL_DIR, load_model
from byline.slant.persuasion.owners import Owners
from byline.slant.persuasion.spans import Found, find_spans

Placed = tuple[Found, int, int, dict[str, Any]]


def same_length(doc: Doc, text: str) -> bool:
    """Whether the parse covers ``text``'s length (``doc.text`` would join every token again)."""
    if len(doc) == 0:
        return not text.strip()
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def place(text: str, found: list[Found], owners: Owners) -> list[Placed]:
    """Each span's final bounds and owner attrs."""
    placed = []
    for f in found:
        start, end = f.start, f.end
        if f.sentence_wide:
            part = owners.widest_part(start, end)
            if part is not None:
                start, end = trimmed(text, *part)
        if end > start:
            placed.append((f, start, end, owners.attrs(start, end)))
    return placed


class PersuasionStage:
    name = "persuasion"

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        self.model = load_model(model_dir)  # a missing model fails here, once, not in every reading

    def find(self, ctx: Context) -> list[Placed]:
        text = ctx.reading.article.text
        if not same_length(ctx.doc, text):  # the parse is always of the article's text; never place spans on another
            return []
        return place(text, find_spans(self.model, ctx.doc), Owners(ctx.reading))

    def write(self, ctx: Context, found: list[Placed]) -> None:
        text = ctx.reading.article.text
        ctx.reading.spans.extend(
            LabeledSpan(
                layer="slant",
                label=f.technique,
                confidence=f.confidence,
                evidence=f.evidence,
                attrs=attrs,
                start=start,
                end=end,
                text=text[start:end],
            )
            for f, start, end, attrs in found
        )


register_stage("persuasion")(PersuasionStage)
