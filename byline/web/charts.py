"""Charts as inline SVG, drawn on the server: small pure functions from figures to an escaped SVG string.

No script and nothing fetched: every bar carries a ``<title>`` (the browser's tooltip), every chart its
title, axis values and labels as text, and ``figure`` puts the numbers beside it in a ``<details>`` table
for readers who cannot see the picture. Shares are drawn on a fixed 0–100 % axis, so bars of two charts
compare; a missing figure (``None``: nothing to take a share of) draws no bar and reads "—".
"""

from __future__ import annotations

import html
from collections.abc import Sequence

# Okabe–Ito's colours (they stay apart for the common colour-vision deficiencies), then darker ones; grey is
# kept for "unknown".
PALETTE = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000",
    "#8c564b", "#6a3d9a", "#1b7837", "#b2182b",
)
GREY = "#c4c4c4"
BAR = "#1f4e8c"
INK = "#1b1b1f"
MUTED = "#55565c"
RULE = "#dcd9d0"
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, Arial, sans-serif"'

WIDTH = 640
LABEL_W = 190  # the row labels' column, left of the bars
VALUE_W = 60  # the values' column, right of the bars
ROW_H = 24
BAR_H = 16
TOP = 34  # room for the title
AXIS_H = 40  # room for the axis values and label under the plot
LABEL_CHARS = 28
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
LEGEND_GAP = 34  # a legend entry's swatch and spacing, besides its text


def esc(value: object) -> str:
    """Text escaped for SVG/HTML content and attribute values."""
    return html.escape(str(value), quote=True)


def percent(value: float | None) -> str:
    """A share as a percentage with one decimal; "—" where there is none."""
    return "—" if value is None else f"{100 * value:.1f}%"


def _short(label: str, chars: int = LABEL_CHARS) -> str:
    return label if len(label) <= chars else label[: chars - 1] + "…"


def _num(value: float) -> str:
    """A coordinate, compact."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _open(title: str, height: float, chart_id: str) -> str:
    """The ``<svg>`` element with its accessible name and drawn title."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{esc(chart_id)}-t" '
        f'width="{WIDTH}" height="{_num(height)}" viewBox="0 0 {WIDTH} {_num(height)}" {FONT}>'
        f'<title id="{esc(chart_id)}-t">{esc(title)}</title>'
        f'<text x="0" y="18" font-size="15" font-weight="700" fill="{INK}">{esc(title)}</text>'
    )


def _empty(title: str, chart_id: str, message: str) -> str:
    return (
        _open(title, TOP + 30, chart_id)
        + f'<text x="0" y="{TOP + 18}" font-size="13" fill="{MUTED}">{esc(message)}</text></svg>'
    )


def _share_axis(x0: float, width: float, top: float, bottom: float, label: str) -> str:
    """Gridlines and values at 0, 25, 50, 75 and 100 % under a horizontal plot, and the axis label."""
    parts = []
    for tick in TICKS:
        x = x0 + tick * width
        parts.append(f'<line x1="{_num(x)}" y1="{_num(top)}" x2="{_num(x)}" y2="{_num(bottom)}" stroke="{RULE}"/>')
        parts.append(
            f'<text x="{_num(x)}" y="{_num(bottom + 14)}" font-size="11" text-anchor="middle" fill="{MUTED}">'
            f"{round(100 * tick)}%</text>"
        )
    parts.append(
        f'<text x="{_num(x0 + width / 2)}" y="{_num(bottom + 32)}" font-size="12" text-anchor="middle" '
        f'fill="{MUTED}">{esc(label)}</text>'
    )
    return "".join(parts)


def _row_label(label: str, y: float) -> str:
    return (
        f'<text x="{LABEL_W - 8}" y="{_num(y)}" font-size="12" text-anchor="end" fill="{INK}">'
        f"{esc(_short(label))}</text>"
    )


def hbar_chart(
    title: str,
    rows: Sequence[tuple[str, float | None]],
    axis_label: str,
    chart_id: str,
    notes: Sequence[str] | None = None,
    empty: str = "No figures to draw.",
) -> str:
    """Horizontal bars of shares (0–1), one a row, on a 0–100 % axis; ``notes`` (one a row) go into the
    tooltips ("12 of 80 attributions")."""
    if not rows:
        return _empty(title, chart_id, empty)
    plot_w = WIDTH - LABEL_W - VALUE_W
    bottom = TOP + ROW_H * len(rows)
    parts = [_open(title, bottom + AXIS_H, chart_id), _share_axis(LABEL_W, plot_w, TOP, bottom, axis_label)]
    for n, (label, value) in enumerate(rows):
        y = TOP + n * ROW_H
        middle = y + ROW_H / 2 + 4
        parts.append(_row_label(label, middle))
        note = notes[n] if notes else ""
        tip = f"{label}: {percent(value)}" + (f" ({note})" if note else "")
        width = 0.0 if value is None else max(0.0, min(1.0, value)) * plot_w
        parts.append(
            f'<rect class="bar" x="{LABEL_W}" y="{_num(y + (ROW_H - BAR_H) / 2)}" width="{_num(width)}" '
            f'height="{BAR_H}" fill="{BAR}"><title>{esc(tip)}</title></rect>'
        )
        parts.append(
            f'<text x="{_num(LABEL_W + width + 6)}" y="{_num(middle)}" font-size="12" fill="{INK}">'
            f"{percent(value)}</text>"
        )
    return "".join(parts) + "</svg>"


def count_chart(
    title: str, rows: Sequence[tuple[str, int]], axis_label: str, chart_id: str, empty: str = "No figures to draw."
) -> str:
    """Horizontal bars of counts, the longest the largest count."""
    if not rows:
        return _empty(title, chart_id, empty)
    plot_w = WIDTH - LABEL_W - VALUE_W
    bottom = TOP + ROW_H * len(rows)
    most = max((count for _label, count in rows), default=0) or 1
    parts = [
        _open(title, bottom + AXIS_H, chart_id),
        f'<line x1="{LABEL_W}" y1="{TOP}" x2="{LABEL_W}" y2="{_num(bottom)}" stroke="{RULE}"/>',
        f'<text x="{_num(LABEL_W + plot_w / 2)}" y="{_num(bottom + 20)}" font-size="12" text-anchor="middle" '
        f'fill="{MUTED}">{esc(axis_label)}</text>',
    ]
    for n, (label, count) in enumerate(rows):
        y = TOP + n * ROW_H
        middle = y + ROW_H / 2 + 4
        width = max(0, count) / most * plot_w
        parts.append(_row_label(label, middle))
        parts.append(
            f'<rect class="bar" x="{LABEL_W}" y="{_num(y + (ROW_H - BAR_H) / 2)}" width="{_num(width)}" '
            f'height="{BAR_H}" fill="{BAR}"><title>{esc(f"{label}: {count}")}</title></rect>'
        )
        parts.append(
            f'<text x="{_num(LABEL_W + width + 6)}" y="{_num(middle)}" font-size="12" fill="{INK}">{count}</text>'
        )
    return "".join(parts) + "</svg>"


def stacked_chart(
    title: str,
    series: Sequence[str],
    rows: Sequence[tuple[str, Sequence[int]]],
    axis_label: str,
    chart_id: str,
    unit: str = "attributions",
    empty: str = "No figures to draw.",
    colours: Sequence[str] | None = None,
) -> str:
    """One bar a row, split into ``series`` by counts, each part as wide as its share of the row's total; a
    legend over the plot; ``colours`` one a series (default: the palette's). A row whose total is 0 draws no
    bar and reads "—"."""
    if not rows or not series:
        return _empty(title, chart_id, empty)
    colours = list(colours) if colours is not None else palette(len(series))
    legend_rows = _legend_rows(series)
    top = TOP + 18 * len(legend_rows) + 4
    plot_w = WIDTH - LABEL_W - VALUE_W
    bottom = top + ROW_H * len(rows)
    parts = [_open(title, bottom + AXIS_H, chart_id), _legend(legend_rows, colours, TOP)]
    parts.append(_share_axis(LABEL_W, plot_w, top, bottom, axis_label))
    for n, (label, counts) in enumerate(rows):
        y = top + n * ROW_H
        middle = y + ROW_H / 2 + 4
        total = sum(max(0, c) for c in counts)
        parts.append(_row_label(label, middle))
        x = float(LABEL_W)
        for name, count, colour in zip(series, counts, colours, strict=False):
            if total <= 0 or count <= 0:
                continue
            width = count / total * plot_w
            tip = f"{label}: {name} {percent(count / total)} ({count} of {total} {unit})"
            parts.append(
                f'<rect class="bar" x="{_num(x)}" y="{_num(y + (ROW_H - BAR_H) / 2)}" width="{_num(width)}" '
                f'height="{BAR_H}" fill="{colour}"><title>{esc(tip)}</title></rect>'
            )
            x += width
        parts.append(
            f'<text x="{_num(LABEL_W + plot_w + 6)}" y="{_num(middle)}" font-size="12" fill="{MUTED}">'
            f'{total if total > 0 else "—"}</text>'
        )
    return "".join(parts) + "</svg>"


def palette(n: int) -> list[str]:
    """``n`` colours from the palette, round again past its end."""
    return [PALETTE[i % len(PALETTE)] for i in range(n)]


def _legend_rows(series: Sequence[str]) -> list[list[tuple[int, str]]]:
    """The legend's entries (index, name) laid out in rows that fit the chart's width."""
    rows: list[list[tuple[int, str]]] = [[]]
    used = 0.0
    for n, name in enumerate(series):
        width = LEGEND_GAP + 7 * len(_short(name, 18))
        if rows[-1] and used + width > WIDTH:
            rows.append([])
            used = 0.0
        rows[-1].append((n, name))
        used += width
    return rows


def _legend(rows: list[list[tuple[int, str]]], colours: list[str], top: float) -> str:
    parts = []
    for r, entries in enumerate(rows):
        x = 0.0
        y = top + 18 * r
        for n, name in entries:
            shown = _short(name, 18)
            parts.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="12" height="12" fill="{colours[n]}"/>')
            parts.append(
                f'<text x="{_num(x + 16)}" y="{_num(y + 10.5)}" font-size="12" fill="{INK}">{esc(shown)}</text>'
            )
            x += LEGEND_GAP + 7 * len(shown)
    return "".join(parts)


def column_chart(
    title: str,
    rows: Sequence[tuple[str, float | None]],
    axis_label: str,
    chart_id: str,
    notes: Sequence[str] | None = None,
    reference: float | None = None,
    empty: str = "No figures to draw.",
) -> str:
    """Vertical bars of shares (0–1), one a period (month), left to right, on a 0–100 % axis; a dashed line
    at ``reference`` (parity, 0.5) if given; ``notes`` go into the tooltips."""
    if not rows:
        return _empty(title, chart_id, empty)
    left, plot_h = 46.0, 180.0
    plot_w = WIDTH - left - 10
    top, slot = TOP + 8, plot_w / len(rows)
    bottom = top + plot_h
    every = max(1, -(-len(rows) * 52 // int(plot_w)))  # label every n-th period so that labels do not overlap
    parts = [_open(title, bottom + 58, chart_id)]
    for tick in TICKS:
        y = bottom - tick * plot_h
        parts.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(left + plot_w)}" y2="{_num(y)}" '
                     f'stroke="{RULE}"/>')
        parts.append(f'<text x="{_num(left - 6)}" y="{_num(y + 4)}" font-size="11" text-anchor="end" '
                     f'fill="{MUTED}">{round(100 * tick)}%</text>')
    for n, (label, value) in enumerate(rows):
        x = left + n * slot
        bar_w = min(36.0, slot * 0.7)
        height = 0.0 if value is None else max(0.0, min(1.0, value)) * plot_h
        note = notes[n] if notes else ""
        tip = f"{label}: {percent(value)}" + (f" ({note})" if note else "")
        parts.append(
            f'<rect class="bar" x="{_num(x + (slot - bar_w) / 2)}" y="{_num(bottom - height)}" '
            f'width="{_num(bar_w)}" height="{_num(height)}" fill="{BAR}"><title>{esc(tip)}</title></rect>'
        )
        if n % every == 0:
            parts.append(f'<text x="{_num(x + slot / 2)}" y="{_num(bottom + 15)}" font-size="11" '
                         f'text-anchor="middle" fill="{MUTED}">{esc(_short(label, 10))}</text>')
    if reference is not None:
        y = bottom - reference * plot_h
        parts.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(left + plot_w)}" y2="{_num(y)}" '
                     f'stroke="{PALETTE[5]}" stroke-dasharray="5 4"/>')
    parts.append(f'<text x="{_num(left + plot_w / 2)}" y="{_num(bottom + 38)}" font-size="12" '
                 f'text-anchor="middle" fill="{MUTED}">{esc(axis_label)}</text>')
    return "".join(parts) + "</svg>"


def data_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An HTML table of the numbers a chart draws (cells escaped)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure(svg: str, headers: Sequence[str], rows: Sequence[Sequence[object]], caption: str = "") -> str:
    """A chart with an optional caption and its numbers as a table in a ``<details>``."""
    note = f'<figcaption>{esc(caption)}</figcaption>' if caption else ""
    return (
        f'<figure class="chart-box">{svg}{note}<details><summary>The numbers</summary>'
        f"{data_table(headers, rows)}</details></figure>"
    )

