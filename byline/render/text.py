"""The terminal reading: article header, attributions grouped by speaker with their chains, the outlet's own
voice (opinion, loaded words, techniques), entities."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from byline.attribution.sourcing import build_sourcing, chain_of, speaker_label
from byline.reading import Attribution, ChainNode, LabeledSpan, Reading, Sentence, TechniqueUse
from byline.render import preview
from byline.render.html_marks import humanise
from byline.render.html_slant import is_outlet_opinion

CONTENT_PREVIEW = 110
# A content is shown whole up to CONTENT_WHOLE characters; a longer one by its beginning and its end,
# so that where it starts and where it stops can both be checked.
CONTENT_WHOLE = 300
CONTENT_HEAD = 180
CONTENT_TAIL = 100
OPINIONS_SHOWN = 5
TERMS_SHOWN = 6
SENTENCE_PREVIEW = 80
EXAMPLE_PREVIEW = 50
LOADED = "Loaded_Language"


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


# --------------------------------------------------------------------------------------------- the outlet's voice


def outlet_opinions(reading: Reading) -> list[Sentence]:
    """Subjective sentences wholly or partly in the outlet's own voice, the likeliest opinion first."""
    opinions = [s for s in reading.sentences if is_outlet_opinion(s)]
    return sorted(opinions, key=lambda s: -(s.subjectivity or 0.0))


def slant_spans(reading: Reading) -> list[LabeledSpan]:
    return [span for span in reading.spans if span.layer == "slant"]


def is_quoted(span: LabeledSpan) -> bool:
    return span.attrs.get("owner") == "speaker"


def span_speaker(reading: Reading, span: LabeledSpan) -> str:
    """Who a speaker-owned span is quoted from: its own name, else its attribution's speaker."""
    if span.attrs.get("speaker"):
        return str(span.attrs["speaker"])
    attribution = next((a for a in reading.attributions if a.id == span.attrs.get("attribution")), None)
    return speaker_label(reading, attribution) if attribution is not None else "a speaker"


def technique_uses(reading: Reading) -> list[TechniqueUse]:
    """The slant summary's techniques, or else the same counted from the slant spans, most used first."""
    if reading.slant is not None and reading.slant.techniques:
        return reading.slant.techniques
    uses: dict[str, TechniqueUse] = {}
    for span in slant_spans(reading):
        use = uses.setdefault(span.label, TechniqueUse(label=span.label))
        if is_quoted(span):
            use.speakers += 1
        else:
            use.outlet += 1
        if not use.examples:
            use.examples.append(span.text)
    return sorted(uses.values(), key=lambda u: -(u.outlet + u.speakers))


def _more(shown: int, total: int) -> str:
    return f"… and {total - shown} more" if total > shown else ""


def _opinion_share(reading: Reading) -> Text | None:
    slant = reading.slant
    if slant is None or slant.author_opinion_share is None:
        return None
    share = slant.author_opinion_share
    line = Text("Opinion: ", style="bold")
    line.append(f"{100 * share:.0f}% of the outlet's own sentences")
    line.append(f" ({round(share * slant.author_sentences)} of {slant.author_sentences})", style="dim")
    if slant.attributed_opinion_share is not None:
        line.append(f"; {100 * slant.attributed_opinion_share:.0f}% of quoted sentences", style="dim")
    return line


def _opinion_sentences(reading: Reading, tree: Tree) -> None:
    opinions = outlet_opinions(reading)
    if not opinions:
        return
    branch = tree.add(Text(f"Opinion sentences in the outlet's voice ({len(opinions)})", style="bold"))
    for sentence in opinions[:OPINIONS_SHOWN]:
        line = Text(f"{sentence.subjectivity:.2f} " if sentence.subjectivity is not None else "", style="yellow")
        if sentence.voice == "mixed":
            line.append("[partly quoted] ", style="dim")
        line.append(_preview(reading.article.text[sentence.start : sentence.end], SENTENCE_PREVIEW))
        branch.add(line)
    if more := _more(OPINIONS_SHOWN, len(opinions)):
        branch.add(Text(more, style="dim"))


def _terms(label: str, style: str, terms: list[tuple[LabeledSpan, str | None]]) -> Text:
    """``label: “term” (speaker), …`` up to TERMS_SHOWN terms."""
    line = Text(f"{label}: ", style=style)
    for i, (span, speaker) in enumerate(terms[:TERMS_SHOWN]):
        line.append(", " if i else "")
        line.append(f"“{_preview(span.text, EXAMPLE_PREVIEW)}”")
        if speaker:
            line.append(f" ({speaker})", style="magenta")
    if more := _more(TERMS_SHOWN, len(terms)):
        line.append(f" {more}", style="dim")
    return line


def _count(n: int) -> str:
    return str(n) if n else "none"


def _loaded_terms(reading: Reading, tree: Tree) -> None:
    loaded = [span for span in slant_spans(reading) if span.label == LOADED]
    if not loaded and reading.slant is None:
        return
    outlet = [span for span in loaded if not is_quoted(span)]
    quoted = [span for span in loaded if is_quoted(span)]
    counts = (reading.slant.loaded_outlet, reading.slant.loaded_quoted) if reading.slant else (len(outlet), len(quoted))
    head = Text("Loaded language: ", style="bold")
    head.append(f"{_count(counts[0])} in the outlet's voice, {_count(counts[1])} inside quotes")
    branch = tree.add(head)
    if outlet:
        branch.add(_terms("outlet", "red", [(span, None) for span in outlet]))
    if quoted:
        branch.add(_terms("quoted", "dim", [(span, span_speaker(reading, span)) for span in quoted]))


def _techniques(reading: Reading, tree: Tree) -> None:
    uses = technique_uses(reading)
    if not uses:
        return
    branch = tree.add(Text("Techniques", style="bold"))
    width = max(len(humanise(use.label)) for use in uses)
    for use in uses:
        line = Text(f"{humanise(use.label):<{width}}  ")
        owners = [f"outlet {use.outlet}" if use.outlet else "", f"quoted {use.speakers}" if use.speakers else ""]
        line.append(" · ".join(o for o in owners if o), style="dim")
        if use.examples:
            line.append(f"  e.g. “{_preview(use.examples[0], EXAMPLE_PREVIEW)}”")
        branch.add(line)


def _outlet_voice(reading: Reading) -> RenderableType | None:
    """Opinion, loaded words and techniques in the outlet's own voice, as far as the reading has them."""
    tree = Tree(Text("The outlet's own voice", style="bold"))
    share = _opinion_share(reading)
    if share is not None:
        tree.add(share)
    _opinion_sentences(reading, tree)
    _loaded_terms(reading, tree)
    _techniques(reading, tree)
    return tree if tree.children else None


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
    parts = [_header(reading), _by_speaker(reading), _chains(reading), _outlet_voice(reading)]
    parts += [_entities(reading), _kept_out(reading)]
    return Group(*(part for part in parts if part is not None))


def text_report(reading: Reading, width: int = 100, color: bool = False) -> str:
    """The terminal reading as a string (plain unless ``color``)."""
    console = Console(width=width, record=True, color_system="truecolor" if color else None, file=io.StringIO())
    console.print(render_text(reading))
    return console.export_text(styles=color)
