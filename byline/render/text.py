"""The terminal reading: article header, attributions grouped by speaker with their chains, entities."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from byline.attribution.sourcing import build_sourcing, chain_of, speaker_label
from byline.reading import Attribution, ChainNode, Reading
from byline.render import preview

CONTENT_PREVIEW = 110
# A content is shown whole up to CONTENT_WHOLE characters; a longer one by its beginning and its end,
# so that where it starts and where it stops can both be checked.
CONTENT_WHOLE = 300
CONTENT_HEAD = 180
CONTENT_TAIL = 100


def _preview(text: str, limit: int = CONTENT_PREVIEW) -> str:
    return preview(text, limit)


def content_preview(text: str, whole: int = CONTENT_WHOLE, head: int = CONTENT_HEAD, tail: int = CONTENT_TAIL) -> str:
    """A content piece on one line: whole up to ``whole`` characters, else its first ``head`` and last
    ``tail`` characters with "[…]" between."""
    text = " ".join(text.split())
    if len(text) <= whole:
        return text
    return f"{text[:head].rstrip()} […] {text[-tail:].lstrip()}"


def _header(reading: Reading) -> RenderableType:
    article = reading.article
    lines = Text()
    lines.append(article.title or "(untitled)", style="bold")
    facts = [
        ("outlet", article.outlet),
        ("published", article.published),
        ("by", ", ".join(article.authors) or None),
        ("url", article.url),
        ("from", article.origin),
    ]
    for label, value in facts:
        if value:
            lines.append(f"\n{label}: ", style="dim")
            lines.append(value)
    words = len(article.text.split())
    lines.append(f"\n{words} words · {len(reading.sentences)} sentences · ", style="dim")
    lines.append(f"{len(reading.attributions)} attributions · {len(reading.entities)} entities", style="dim")
    return Panel(lines, title="byline", title_align="left")


def _flags(attribution: Attribution) -> Text:
    flags = Text()
    if attribution.source.anonymous:
        flags.append(" [anonymous]", style="bold magenta")
    if attribution.hedges:
        hedges = ", ".join(h.text for h in attribution.hedges)
        flags.append(f" [hedged: {hedges}]", style="yellow")
    if attribution.negated:
        flags.append(" [negated]", style="red")
    return flags


def _attribution_line(reading: Reading, attribution: Attribution) -> Text:
    line = Text()
    line.append(f"{attribution.id} ", style="dim")
    line.append(f"{attribution.kind:<8} ", style="cyan")
    cue = attribution.cue.text.strip().rstrip(":").rstrip() if attribution.cue is not None else ""
    if cue:  # a colon cue ("Ryan: …") is shown by the colon alone, never doubled ("said::")
        line.append(cue, style="bold")
    if attribution.cue is not None:
        line.append(": ")
    line.append(" … ".join(f"“{content_preview(span.text)}”" for span in attribution.content) or "“”")
    line.append_text(_flags(attribution))
    chain = chain_of(reading, attribution)
    if len(chain) > 1:
        path = " → ".join(speaker_label(reading, link) for link in chain)
        line.append(f"\n   via: outlet → {path}", style="green")
    return line


def _by_speaker(reading: Reading) -> RenderableType:
    sourcing = reading.sourcing or build_sourcing(reading)
    by_id = {a.id: a for a in reading.attributions}
    tree = Tree(Text("Who says what", style="bold"))
    for group in sourcing.by_speaker:
        label = Text(group.speaker, style="bold magenta" if group.anonymous else "bold")
        label.append(f"  ({len(group.attributions)})", style="dim")
        branch = tree.add(label)
        for attribution_id in group.attributions:
            branch.add(_attribution_line(reading, by_id[attribution_id]))
    if not sourcing.by_speaker:
        tree.add(Text("no attributions found", style="dim"))
    return tree


def _chains(reading: Reading) -> RenderableType | None:
    sourcing = reading.sourcing or build_sourcing(reading)
    nested = [node for node in sourcing.chains if node.children]
    if not nested:
        return None
    tree = Tree(Text("Source chains (the outlet reports that …)", style="bold"))

    def add(parent: Tree, node: ChainNode) -> None:
        branch = parent.add(Text(f"{node.speaker} ({node.attribution})"))
        for child in node.children:
            add(branch, child)

    for node in nested:
        add(tree, node)
    return tree


def _entities(reading: Reading) -> RenderableType | None:
    if not reading.entities:
        return None
    table = Table(title="Entities", title_justify="left", show_edge=False)
    for column in ("id", "name", "type", "mentions"):
        table.add_column(column)
    ranked = sorted(reading.entities, key=lambda e: -len(e.mentions))
    for entity in ranked:
        table.add_row(entity.id, entity.name, entity.type, str(len(entity.mentions)))
    return table


def _kept_out(reading: Reading) -> RenderableType | None:
    article = reading.article
    kept = [("caption", c) for c in article.captions] + [("credit", c) for c in article.credits]
    kept += [("boilerplate", b) for b in article.boilerplate]
    if not kept:
        return None
    text = Text("Kept out of the body", style="bold")
    for label, value in kept:
        text.append(f"\n  {label}: ", style="dim")
        text.append(_preview(value))
    return text


def render_text(reading: Reading) -> RenderableType:
    """A Rich renderable of the reading for the terminal."""
    parts = [_header(reading), _by_speaker(reading), _chains(reading), _entities(reading), _kept_out(reading)]
    return Group(*(part for part in parts if part is not None))


def text_report(reading: Reading, width: int = 100, color: bool = False) -> str:
    """The terminal reading as a string (plain unless ``color``)."""
    console = Console(width=width, record=True, color_system="truecolor" if color else None, file=io.StringIO())
    console.print(render_text(reading))
    return console.export_text(styles=color)
