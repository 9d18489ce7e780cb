"""Renderings of a Reading: terminal text, JSON, and a self-contained HTML page."""

from __future__ import annotations

from byline.reading import Reading

FORMATS = ("text", "json", "jsonl", "html")


def preview(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(reading: Reading, fmt: str) -> str:
    """The reading in one of FORMATS."""
    if fmt == "json":
        return reading.model_dump_json(indent=2, exclude_none=False) + "\n"
    if fmt == "jsonl":
        return reading.model_dump_json() + "\n"
    if fmt == "html":
        from byline.render.html import render_html

        return render_html(reading)
    if fmt == "text":
        from byline.render.text import text_report

        return text_report(reading)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
