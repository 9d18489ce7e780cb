"""The dashboard's SVG charts: well-formed, bars proportional to their figures, empty data said, text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from byline.web.charts import (
    LABEL_W,
    VALUE_W,
    WIDTH,
    column_chart,
    count_chart,
    figure,
    hbar_chart,
    palette,
    percent,
    stacked_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"quotes\""
PLOT_W = WIDTH - LABEL_W - VALUE_W


def bars(svg: str) -> list[ET.Element]:
    """The bars of a chart (it must parse as XML)."""
    return [rect for rect in ET.fromstring(svg).iter(f"{SVG}rect") if rect.get("class") == "bar"]


def tips(svg: str) -> list[str]:
    return [bar.find(f"{SVG}title").text for bar in bars(svg)]


def texts(svg: str) -> list[str]:
    return [node.text for node in ET.fromstring(svg).iter(f"{SVG}text")]


def test_horizontal_bars_are_as_long_as_their_shares():
    svg = hbar_chart("Anonymous sources", [("A", 0.25), ("B", 0.5), ("C", 1.0)], "anonymous share", "anon")
    widths = [float(bar.get("width")) for bar in bars(svg)]
    assert widths == pytest.approx([PLOT_W / 4, PLOT_W / 2, PLOT_W])
    assert {"25.0%", "50.0%", "100.0%", "0%", "75%", "anonymous share", "Anonymous sources", "A"} <= set(texts(svg))
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Anonymous sources"


def test_a_share_of_nothing_and_a_zero_draw_no_length():
    svg = hbar_chart("Second-hand", [("none yet", None), ("zero", 0.0)], "share", "sh", notes=["0 of 0", "0 of 9"])
    assert [float(bar.get("width")) for bar in bars(svg)] == [0.0, 0.0]
    assert tips(svg) == ["none yet: — (0 of 0)", "zero: 0.0% (0 of 9)"]
    assert "—" in texts(svg) and "0.0%" in texts(svg)


def test_no_rows_say_so_instead_of_an_empty_plot():
    for svg in (
        hbar_chart("T", [], "x", "a", empty="Nothing here."),
        count_chart("T", [], "x", "b", empty="Nothing here."),
        stacked_chart("T", ["one"], [], "x", "c", empty="Nothing here."),
        column_chart("T", [], "x", "d", empty="Nothing here."),
    ):
        assert bars(svg) == [] and "Nothing here." in texts(svg)


def test_counts_are_drawn_against_the_largest():
    svg = count_chart("Top speakers", [("Ann", 40), ("Bob", 10), ("Cy", 0)], "attributions", "top")
    assert [float(bar.get("width")) for bar in bars(svg)] == pytest.approx([PLOT_W, PLOT_W / 4, 0.0])
    assert tips(svg) == ["Ann: 40", "Bob: 10", "Cy: 0"]
    assert count_chart("All zero", [("Ann", 0)], "n", "z")  # no division by zero


def test_stacked_parts_are_shares_of_their_row():
    svg = stacked_chart(
        "Women and men", ["women", "men", "unknown"], [("Daily", (1, 3, 0)), ("Empty", (0, 0, 0))], "share", "g",
        unit="attributions to persons",
    )
    drawn = bars(svg)
    assert [float(bar.get("width")) for bar in drawn] == pytest.approx([PLOT_W / 4, 3 * PLOT_W / 4])
    assert float(drawn[1].get("x")) == pytest.approx(LABEL_W + PLOT_W / 4)  # the second starts where the first ends
    assert tips(svg) == [
        "Daily: women 25.0% (1 of 4 attributions to persons)",
        "Daily: men 75.0% (3 of 4 attributions to persons)",
    ]
    assert {"women", "men", "unknown", "4", "—"} <= set(texts(svg))  # the legend and each row's total


def test_stacked_colours_given_or_from_the_palette():
    svg = stacked_chart("C", ["a", "b"], [("X", (1, 1))], "share", "c", colours=["#111111", "#222222"])
    assert [bar.get("fill") for bar in bars(svg)] == ["#111111", "#222222"]
    assert len(set(palette(12))) == 12 and palette(13)[12] == palette(1)[0]


def test_columns_are_as_tall_as_their_shares_with_a_reference_line():
    svg = column_chart("By month", [("2024-01", 0.5), ("2024-02", 1.0), ("2024-03", None)], "month", "m",
                       reference=0.5, notes=["1 of 2", "2 of 2", "none"])
    heights = [float(bar.get("height")) for bar in bars(svg)]
    assert heights[1] == pytest.approx(2 * heights[0]) and heights[2] == 0.0
    assert tips(svg)[2] == "2024-03: — (none)"
    assert any(line.get("stroke-dasharray") for line in ET.fromstring(svg).iter(f"{SVG}line"))
    assert {"2024-01", "2024-02", "0%", "100%", "month"} <= set(texts(svg))


def test_many_months_label_every_few():
    rows = [(f"20{y:02d}-{m:02d}", 0.3) for y in range(10, 16) for m in range(1, 13)]
    labels = [t for t in texts(column_chart("Long", rows, "month", "long")) if t and t.startswith("20")]
    assert 0 < len(labels) < len(rows) and labels[0] == "2010-01"


def test_text_is_escaped_everywhere():
    charts = [
        hbar_chart(HOSTILE, [(HOSTILE, 0.5)], HOSTILE, "h", notes=[HOSTILE]),
        count_chart(HOSTILE, [(HOSTILE, 3)], HOSTILE, "h"),
        stacked_chart(HOSTILE, [HOSTILE], [(HOSTILE, (2,))], HOSTILE, "h"),
        column_chart(HOSTILE, [(HOSTILE, 0.5)], HOSTILE, "h"),
        hbar_chart("T", [], "x", "h", empty=HOSTILE),
    ]
    for svg in charts:
        assert "<script>" not in svg
        ET.fromstring(svg)  # still well-formed
    assert tips(charts[0]) == [f"{HOSTILE}: 50.0% ({HOSTILE})"]
    assert ET.fromstring(charts[0]).find(f"{SVG}title").text == HOSTILE
    assert 'id="x&quot;&gt;-t"' in hbar_chart("T", [("a", 0.1)], "x", 'x">')


def test_long_labels_are_shortened_but_the_tooltip_has_them_whole():
    name = "The Extraordinarily Long Name of a Regional Outlet"
    svg = hbar_chart("T", [(name, 0.1)], "x", "long")
    assert name not in texts(svg) and any(t and t.endswith("…") for t in texts(svg))
    assert tips(svg) == [f"{name}: 10.0%"]


def test_a_figure_holds_the_chart_its_caption_and_the_numbers():
    html = figure("<svg></svg>", ["outlet", "share"], [(HOSTILE, "12.5%")], caption="A <b>caption</b>")
    assert html.startswith('<figure class="chart-box"><svg></svg>')
    assert "<details><summary>The numbers</summary><table>" in html
    assert "<th scope=\"col\">outlet</th>" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "A &lt;b&gt;caption&lt;/b&gt;" in html
    assert re.search(r"<td>12\.5%</td>", html)
    assert percent(None) == "—" and percent(0.1234) == "12.3%"
