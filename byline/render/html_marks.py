"""The marks of the HTML reading: the markup sweep that draws spans over the article text, the speaker
index and colours, and the marks of attributions and entity mentions.

The article text is drawn from a boundary sweep over every span offset, so spans of all layers nest or
split into well-formed markup however they overlap.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from byline.attribution.sourcing import group_by_speaker, speaker_label
from byline.reading import Attribution, Reading, SpeakerGroup
from byline.render import preview

# (background, ink) per speaker, cycled: body text (TEXT_INK) on the background and the ink on the page
# paper both meet WCAG AA (4.5:1); tests/render/test_html.py checks it.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#dbe9fd", "#1d4ed8"),
    ("#fde7c2", "#94510a"),
    ("#d3f1db", "#166534"),
    ("#fbdde7", "#a3214f"),
    ("#e6e0fb", "#5b3cc4"),
    ("#cdefed", "#0f6b63"),
    ("#fde0d3", "#a63f16"),
    ("#e9f0c6", "#4f5c0c"),
)
TEXT_INK = "#1b1b1f"
PAPER = "#fbfaf7"
PANEL = "#ffffff"
PREVIEW_CHARS = 320

KIND_LABELS = {
    "direct": "direct quote",
    "indirect": "reported speech",
    "mixed": "partly quoted",
    "block": "block quote",
}
SEP = " · "

LOW_CONFIDENCE = 0.5  # calibrated: below even odds that the attribution and its speaker are right
LOW_CONFIDENCE_HINT = "less than even odds that this attribution, with this speaker, is right"


# --------------------------------------------------------------------------------------------- markup sweep


@dataclass(frozen=True)
class Mark:
    """One element to draw over ``text[start:end]``; ``rank`` orders equal stretches (lower is outer)."""

    start: int
    end: int
    rank: int
    attrs: tuple[tuple[str, str], ...]
    first: tuple[tuple[str, str], ...] = ()  # only on the first piece drawn, e.g. the keyboard handle


def _open_tag(mark: Mark, first: bool) -> str:
    attrs = list(mark.attrs) + (list(mark.first) if first else [])
    rendered = "".join(f' {name}="{html.escape(value)}"' for name, value in attrs)
    return f"<span{rendered}>"


def sweep_markup(text: str, lo: int, hi: int, marks: Sequence[Mark], drawn: set[Mark] | None = None) -> str:
    """Escaped markup of ``text[lo:hi]`` with every mark drawn as a span, split where marks cross.

    A sweep over the marks' boundaries keeps the open spans as a stack: where a mark ends under others,
    those are closed and reopened, so the markup stays well-formed however marks overlap. ``drawn``
    (marks already drawn in earlier stretches) is updated, so that first-piece attributes go on a
    mark's first piece only, when one text is swept in several stretches.
    """
    clipped = [(max(m.start, lo), min(m.end, hi), m) for m in marks if min(m.end, hi) > max(m.start, lo)]
    starting: dict[int, list[int]] = defaultdict(list)
    ending: dict[int, list[int]] = defaultdict(list)
    for i, (start, end, _) in enumerate(clipped):
        starting[start].append(i)
        ending[end].append(i)
    bounds = sorted({lo, hi, *starting, *ending})
    drawn = set() if drawn is None else drawn
    out: list[str] = []
    stack: list[int] = []
    active: set[int] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        active.difference_update(ending.get(a, ()))
        active.update(starting.get(a, ()))
        keep = next((depth for depth, i in enumerate(stack) if i not in active), len(stack))
        out.extend("</span>" for _ in stack[keep:])
        del stack[keep:]
        opening = sorted(active.difference(stack), key=lambda i: (-clipped[i][1], clipped[i][0], clipped[i][2].rank, i))
        for i in opening:
            mark = clipped[i][2]
            out.append(_open_tag(mark, mark not in drawn))
            drawn.add(mark)
            stack.append(i)
        out.append(html.escape(text[a:b], quote=False))
    out.extend("</span>" for _ in stack)
    return "".join(out)


def marks_by_paragraph(bounds: Sequence[tuple[int, int]], marks: Iterable[Mark]) -> list[list[Mark]]:
    """The marks that overlap each paragraph (a mark over several is in each)."""
    starts = [start for start, _ in bounds]
    buckets: list[list[Mark]] = [[] for _ in bounds]
    for mark in marks:
        first = max(0, bisect_right(starts, mark.start) - 1)
        for index in range(first, len(bounds)):
            if bounds[index][0] >= mark.end:
                break
            if bounds[index][1] > mark.start:
                buckets[index].append(mark)
    return buckets


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: split at blank lines, or at line breaks when there are none."""
    splitter = r"\n[ \t\r\f\v]*\n\s*" if re.search(r"\n[ \t\r\f\v]*\n", text) else r"\n\s*"
    bounds, start = [], 0
    for gap in re.finditer(splitter, text):
        bounds.append((start, gap.start()))
        start = gap.end()
    bounds.append((start, len(text)))
    trimmed = []
    for s, e in bounds:
        chunk = text[s:e]
        s2, e2 = s + len(chunk) - len(chunk.lstrip()), e - len(chunk) + len(chunk.rstrip())
        if e2 > s2:
            trimmed.append((s2, e2))
    return trimmed


# --------------------------------------------------------------------------------------------- speakers


@dataclass(frozen=True)
class ReadingIndex:
    """What the page looks up per attribution, computed once: speaker groups and colours, labels, via links."""

    groups: list[SpeakerGroup]
    colour_of: dict[str, int]
    labels: dict[str, str]
    by_id: dict[str, Attribution]
    reported_through: dict[str, list[Attribution]]

    @classmethod
    def of(cls, reading: Reading) -> ReadingIndex:
        groups = reading.sourcing.by_speaker if reading.sourcing else group_by_speaker(reading)
        reported: dict[str, list[Attribution]] = defaultdict(list)
        for a in reading.attributions:
            if a.via is not None and a.via != a.id:
                reported[a.via].append(a)
        return cls(
            groups=groups,
            colour_of={aid: index for index, group in enumerate(groups) for aid in group.attributions},
            labels={a.id: speaker_label(reading, a) for a in reading.attributions},
            by_id={a.id: a for a in reading.attributions},
            reported_through=dict(reported),
        )

    def colour(self, attribution_id: str) -> int:
        return self.colour_of.get(attribution_id, 0) % len(PALETTE)

    def index(self, attribution_id: str) -> int:
        return self.colour_of.get(attribution_id, -1)

    def label(self, attribution: Attribution) -> str:
        return self.labels.get(attribution.id) or attribution.id

    def chain(self, attribution: Attribution) -> list[Attribution]:
        """The attribution and those it is reported through, outermost first (a cycle is cut where it closes)."""
        chain, seen = [attribution], {attribution.id}
        while chain[-1].via in self.by_id and chain[-1].via not in seen:
            chain.append(self.by_id[chain[-1].via])
            seen.add(chain[-1].id)
        return chain[::-1]

    def reported(self, attribution: Attribution) -> list[Attribution]:
        return self.reported_through.get(attribution.id, [])


def sp_class(index: int) -> str:
    """The CSS class of a speaker's colour."""
    return f"sp{index % len(PALETTE)}"


# --------------------------------------------------------------------------------------------- marks


def valid_span(start: int, end: int, size: int) -> bool:
    """Whether ``start:end`` is a non-empty stretch of a text of ``size`` characters."""
    return 0 <= start < end <= size


def attribution_marks(reading: Reading, ix: ReadingIndex) -> list[Mark]:
    """Marks for content, cue, source and hedges of every attribution."""
    size = len(reading.article.text)
    marks: list[Mark] = []
    for a in reading.attributions:
        sp = sp_class(ix.colour(a.id))
        who = str(ix.index(a.id))
        anon = " anon" if a.source.anonymous else ""
        low = " low" if a.confidence < LOW_CONFIDENCE else ""
        parts = [(c, 0, f"q {sp} k-{a.kind}{anon}{low}") for c in a.content]
        if a.cue is not None:
            parts.append((a.cue, 1, f"cue {sp}"))
        if a.source.span is not None:
            parts.append((a.source.span, 1, f"src {sp}"))
        parts = [p for p in parts if valid_span(p[0].start, p[0].end, size)]
        handle = min(range(len(parts)), key=lambda i: (parts[i][0].start, parts[i][1]), default=None)
        for i, (span, rank, classes) in enumerate(parts):
            attrs = (("class", classes), ("data-a", a.id), ("data-sp", who))
            first = _handle(_handle_label(ix, a, span.text)) if i == handle else ()
            marks.append(Mark(span.start, span.end, rank, attrs, first))
        for hedge in a.hedges:
            if valid_span(hedge.start, hedge.end, size):
                tip = ("class", "hedge"), ("data-a", a.id), ("data-tip", f"hedge: {hedge.text}")
                marks.append(Mark(hedge.start, hedge.end, 3, tip))
    return marks


def _handle(label: str) -> tuple[tuple[str, str], ...]:
    """Attributes that make a drawn span the keyboard handle of its attribution."""
    return (("aria-pressed", "false"), ("aria-label", label), ("tabindex", "0"), ("role", "button"))


def _handle_label(ix: ReadingIndex, a: Attribution, text: str) -> str:
    return f"{KIND_LABELS.get(a.kind, a.kind)} by {ix.label(a)}: {page_preview(text, 90)}"


def entity_marks(reading: Reading) -> list[Mark]:
    """One mark per entity mention, keyed by entity id."""
    size = len(reading.article.text)
    return [
        Mark(m.start, m.end, 2, (("class", "men"), ("data-e", entity.id)))
        for entity in reading.entities
        for m in entity.mentions
        if valid_span(m.start, m.end, size)
    ]


# --------------------------------------------------------------------------------------------- helpers


def esc(value: object) -> str:
    """Text escaped for HTML content and attribute values."""
    return html.escape(str(value), quote=True)


def slug(value: str) -> str:
    """A CSS-safe class suffix."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "x"


def humanise(label: str) -> str:
    """``Loaded_Language`` → ``Loaded language``; ``Name_Calling-Labeling`` and ``Name_Calling,Labeling`` →
    ``Name calling, labeling`` (a SemEval label's hyphen or comma joins alternative names)."""
    words = re.sub(r"\s*[,\-]+\s*", ", ", re.sub(r"_+", " ", label)).strip(" ,")
    return words[:1].upper() + words[1:].lower() if words else label


def page_preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    return preview(text, limit)


def plural(count: int, word: str) -> str:
    """``1 caption``, ``2 captions``."""
    return f"{count} {word}" + ("" if count == 1 else "s")
