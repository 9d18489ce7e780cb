"""The HTML reading: text fidelity, span drawing (incl. overlaps), chains, escaping, self-containment."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from byline.reading import Article, Attribution, LabeledSpan, Reading, Source
from byline.render.html import (
    PALETTE,
    PANEL,
    PAPER,
    TEXT_INK,
    Mark,
    paragraph_bounds,
    render_html,
    summary_figures,
    sweep_markup,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readings"
FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.json"))
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr"}


def load(name: str) -> Reading:
    return Reading.model_validate_json((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {name: render_html(load(name)) for name in FIXTURE_NAMES}


class ArticleText(HTMLParser):
    """Walks the page checking that tags nest, and records each article character with its open elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.chars: dict[int, list[dict[str, str]]] = {}
        self.paragraphs: dict[int, str] = {}
        self._offset: int | None = None
        self._para: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in VOID:
            return
        self.stack.append((tag, values))
        if tag == "p" and "data-o" in values and self._in_article():
            self._para = self._offset = int(values["data-o"])
            self.paragraphs[self._para] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        opened, _ = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"
        if tag == "p":
            self._offset = self._para = None

    def handle_data(self, data: str) -> None:
        if self._offset is None or self._para is None:
            return
        open_spans = [attrs for tag, attrs in self.stack if tag == "span"]
        for _ in data:
            self.chars[self._offset] = open_spans
            self._offset += 1
        self.paragraphs[self._para] += data

    def _in_article(self) -> bool:
        return any(attrs.get("id") == "article" for _, attrs in self.stack)

    def covered(self, match: Callable[[dict[str, str]], bool]) -> set[int]:
        """Offsets drawn inside some span element that ``match`` accepts."""
        return {offset for offset, spans in self.chars.items() if any(match(attrs) for attrs in spans)}


def parse(page: str) -> ArticleText:
    parser = ArticleText()
    parser.feed(page)
    parser.close()
    assert not parser.stack, f"unclosed: {[tag for tag, _ in parser.stack]}"
    return parser


def offsets(spans) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def classes(attrs: dict[str, str]) -> set[str]:
    return set(attrs.get("class", "").split())


def card(page: str, attribution_id: str) -> str:
    start = page.index(f'id="card-{attribution_id}"')
    return page[start : page.index("</section>", start)]


# ------------------------------------------------------------------------------------------ fixtures


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_spans_quote_their_text(name):
    reading = load(name)
    text = reading.article.text
    spans = [s for a in reading.attributions for s in [*a.content, *a.hedges, a.cue, a.source.span] if s]
    spans += [m for e in reading.entities for m in e.mentions] + list(reading.spans)
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_fixtures_cover_the_layers_not_yet_produced():
    reading = load("port-sale")
    assert {s.layer for s in reading.spans} == {"slant", "voice"}
    assert any(a.via for a in reading.attributions)
    assert any(a.source.anonymous for a in reading.attributions)
    assert any(a.hedges for a in reading.attributions)


# ------------------------------------------------------------------------------------------ text and spans


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_article_text_survives_rendering(name, pages):
    text = load(name).article.text
    parsed = parse(pages[name])
    bounds = paragraph_bounds(text)
    assert sorted(parsed.paragraphs) == [start for start, _ in bounds]
    for start, end in bounds:
        assert parsed.paragraphs[start] == text[start:end]
    gaps = set(range(len(text))) - set(parsed.chars)
    assert all(text[i].isspace() for i in gaps)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_attribution_span_is_drawn_over_exactly_its_characters(name, pages):
    reading = load(name)
    parsed = parse(pages[name])
    drawn = set(parsed.chars)
    for a in reading.attributions:

        def of(kind: str, aid: str = a.id) -> Callable[[dict[str, str]], bool]:
            return lambda attrs: attrs.get("data-a") == aid and kind in classes(attrs)

        assert parsed.covered(of("q")) == offsets(a.content) & drawn
        assert parsed.covered(of("cue")) == offsets([a.cue] if a.cue else []) & drawn
        assert parsed.covered(of("src")) == offsets([a.source.span] if a.source.span else []) & drawn
        assert parsed.covered(of("hedge")) == offsets(a.hedges) & drawn


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_entity_mentions_and_layer_spans_are_drawn_over_their_characters(name, pages):
    reading = load(name)
    parsed = parse(pages[name])
    for entity in reading.entities:
        assert parsed.covered(lambda attrs, eid=entity.id: attrs.get("data-e") == eid) == offsets(entity.mentions)
    for layer, label in {(s.layer, s.label) for s in reading.spans}:
        expected = offsets(s for s in reading.spans if (s.layer, s.label) == (layer, label))
        found = parsed.covered(lambda attrs, k=(layer, label): (attrs.get("data-layer"), attrs.get("data-label")) == k)
        assert found == expected & set(parsed.chars)


def test_span_crossing_a_paragraph_break_is_split_with_one_keyboard_handle(pages):
    page = pages["overlaps"]
    pieces = re.findall(r'<span class="q [^"]*" data-a="q3"[^>]*>', page)
    assert len(pieces) == 2  # split where q2's content ends, at the paragraph break
    assert ['tabindex="0"' in piece for piece in pieces] == [True, False]
    assert ["aria-label" in piece for piece in pieces] == [True, False]


def test_sweep_nests_a_contained_span_without_splitting():
    outer = Mark(0, 10, 0, (("class", "outer"),))
    inner = Mark(2, 5, 1, (("class", "inner"),))
    markup = sweep_markup("0123456789", 0, 10, [inner, outer])
    assert markup == '<span class="outer">01<span class="inner">234</span>56789</span>'


def test_sweep_splits_crossing_spans_and_escapes_text():
    first = Mark(0, 4, 0, (("class", "a"),))
    second = Mark(2, 6, 0, (("class", "b"),))
    markup = sweep_markup("<&>\"'x", 0, 6, [first, second])
    assert markup == '<span class="a">&lt;&amp;<span class="b">&gt;"</span></span><span class="b">\'x</span>'


def test_paragraphs_split_at_blank_lines_or_else_at_line_breaks():
    assert paragraph_bounds("One.\n\nTwo\nstill two.\n \nThree.") == [(0, 4), (6, 20), (23, 29)]
    assert paragraph_bounds("  One.\nTwo.\n") == [(2, 6), (7, 11)]


def test_spans_outside_the_text_are_skipped_not_drawn():
    reading = Reading(article=Article(text="Short text here."))
    reading.attributions = [Attribution(id="a1", kind="direct", content=[reading.span(6, 10)])]
    reading.attributions[0].content.append(reading.span(6, 10).model_copy(update={"start": 12, "end": 99}))
    reading.spans = [LabeledSpan(start=40, end=50, text="", layer="slant", label="Doubt")]
    parsed = parse(render_html(reading))
    assert parsed.covered(lambda attrs: "q" in classes(attrs)) == set(range(6, 10))
    assert not parsed.covered(lambda attrs: "ly" in classes(attrs))


# ------------------------------------------------------------------------------------------ chains and cards


def node_labels(card_html: str) -> list[str]:
    tree = card_html[card_html.index('<ol class="tree"') :]
    return re.findall(r'<span class="who">(.*?)</span>', tree[: tree.index("</ol></li></ol>")])


def test_chain_runs_from_the_outlet_through_each_via_link_to_the_speaker(pages):
    labels = node_labels(card(pages["port-sale"], "a3"))
    assert labels == ["The Riverside Courier", "Politico", "the diplomatic cable", "Aline Moreau"]
    chain = card(pages["port-sale"], "a3")
    assert 'data-go="a1"' in chain and 'data-go="a2"' in chain  # earlier links are buttons to their cards
    assert 'data-chain="a1 a2"' in chain


def test_attribution_without_via_is_reported_by_the_outlet_alone(pages):
    assert node_labels(card(pages["port-sale"], "a4")) == ["The Riverside Courier", "Aline Moreau"]


def test_card_shows_hedges_and_anonymity(pages):
    anonymous = card(pages["port-sale"], "a5")
    assert "anonymous" in anonymous and "a senior official at the port authority" in anonymous
    assert "“could possibly”" in anonymous
    assert "Hedges</dt><dd>none" in card(pages["port-sale"], "a4")


def test_card_lists_what_is_reported_through_it(pages):
    assert 'Reported through this: <button type="button" class="node' in card(pages["port-sale"], "a2")


def test_every_attribution_has_one_keyboard_handle(pages):
    page = pages["port-sale"]
    for a in load("port-sale").attributions:
        handles = re.findall(rf'<span [^>]*data-a="{a.id}"[^>]*tabindex="0" role="button">', page)
        assert len(handles) == 1


def test_slant_and_voice_spans_show_their_label_on_hover_and_focus(pages):
    page = pages["port-sale"]
    slant = re.findall(r'<span class="ly ly-slant lb-loaded-language"[^>]*>', page)
    assert len(slant) == 2 and all('data-tip="Loaded language · slant' in s and 'tabindex="0"' in s for s in slant)
    assert re.search(r'<span class="ly ly-voice lb-opinion"[^>]*data-tip="Opinion · voice', page)
    assert "Exaggeration, minimisation" in page


def test_speakers_and_entities_panels(pages):
    page = pages["port-sale"]
    assert re.search(
        r'data-e="e2" aria-pressed="false">Aline Moreau <span class="tag">PERSON</span> '
        r'<span class="count">2</span>',
        page,
    )
    chips = re.findall(r'<button type="button" class="chip sp\d" data-sp="(\d+)"', page)
    assert len(chips) == len({a.source.entity or a.source.description for a in load("port-sale").attributions})


def test_kept_out_material_is_in_a_collapsed_section(pages):
    page = pages["port-sale"]
    kept = page[page.index('<section class="kept"') :]
    assert "<details><summary>Kept out of the body (1 caption, 1 credit, 1 boilerplate)" in kept
    assert "Cranes over the northern docks on Monday morning." in kept


def test_no_attributions_says_so():
    page = render_html(Reading(article=Article(text="The council met.")))
    assert "No attributions were found" in page and 'class="card' not in page


def test_summary_figures_from_the_attributions():
    figures = summary_figures(load("port-sale"))
    assert figures["attributions"] == 7
    assert figures["by_kind"] == {"indirect": 4, "mixed": 2, "direct": 1, "block": 0}
    assert (figures["anonymous"], figures["hedged"], figures["chains"]) == (1, 1, 2)
    assert 0 < figures["attributed_share"] < 1


def test_home_link_only_when_asked(pages):
    assert 'class="topnav"' not in pages["port-sale"]
    assert '<a href="/">← Read another article</a>' in render_html(load("port-sale"), home="/")


# ------------------------------------------------------------------------------------------ safety


def test_markup_in_every_field_is_escaped(pages):
    page = pages["hostile"]
    assert page.count("<script") == 2  # the embedded JSON and the page's own script
    for raw in ("<script>alert", "<img", "<svg", "<b>", "<em>", "<i>", "</details><script>"):
        assert raw not in page
    assert "<title>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; &quot;Friends&quot; · byline" in page
    assert 'href="javascript:' not in page


def test_embedded_reading_json_round_trips(pages):
    for name in FIXTURE_NAMES:
        match = re.search(r'<script type="application/json" id="byline-reading">(.*?)</script>', pages[name], re.S)
        assert match and "<" not in match.group(1)
        assert Reading.model_validate(json.loads(match.group(1))) == load(name)


def test_page_is_self_contained(pages):
    page = pages["port-sale"]
    assert not re.search(r"<(?:link|img|iframe)\b|\ssrc=|url\(|@import", page)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs == ["#article", load("port-sale").article.url]
    script = re.findall(r"<script>(.*?)</script>", page, re.S)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src &#x27;sha256-{digest}&#x27;" in page and "default-src &#x27;none&#x27;" in page


def test_print_styles_expand_every_card(pages):
    assert "@media print" in pages["port-sale"]
    assert ".chain-box .card { display: block !important;" in pages["port-sale"]


# ------------------------------------------------------------------------------------------ contrast


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(("background", "ink"), PALETTE)
def test_speaker_colours_meet_wcag_aa(background, ink):
    assert contrast(TEXT_INK, background) >= 4.5
    assert contrast(ink, PAPER) >= 4.5 and contrast(ink, PANEL) >= 4.5
    assert contrast(ink, background) >= 3.0  # outlines and dots on the speaker's own colour


def test_text_colours_in_the_stylesheet_meet_wcag_aa(pages):
    root = re.search(r":root \{(.*?)\}", pages["port-sale"], re.S).group(1)
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", root))
    for name in ("ink", "muted", "accent", "hedge", "slant"):
        assert contrast(colours[name], colours["paper"]) >= 4.5, name
        assert contrast(colours[name], colours["panel"]) >= 4.5, name


def test_attribution_kinds_get_readable_names():
    reading = Reading(article=Article(text="“Yes,” she said."))
    reading.attributions = [
        Attribution(id="a1", kind="block", cue=reading.span(7, 15), source=Source(), content=[reading.span(1, 5)])
    ]
    assert "block quote" in render_html(reading)


def test_low_confidence_attribution_is_shown_as_such() -> None:
    reading = load(FIXTURE_NAMES[0])
    first = reading.attributions[0]
    low = reading.model_copy(
        update={"attributions": [first.model_copy(update={"confidence": 0.2}), *reading.attributions[1:]]}
    )
    page = render_html(low)
    assert "low confidence" in page and 'class="q ' in page and " low" in page
    sure = reading.model_copy(
        update={"attributions": [a.model_copy(update={"confidence": 0.95}) for a in reading.attributions]}
    )
    assert ">low confidence<" not in render_html(sure)


# ------------------------------------------------------------------------------------------ voice, opinion, techniques
# (the ``slanted``, ``council`` and ``build`` readings come from tests/render/conftest.py)


def test_outlet_and_speaker_techniques_render_with_different_classes(slanted):
    page = render_html(slanted)
    outlet = re.search(r'<span class="ly ly-slant lb-loaded-language by-outlet"[^>]*>a mistake<', page)
    speaker = re.search(r'<span class="ly ly-slant lb-loaded-language by-speaker"[^>]*>a quiet retreat<', page)
    assert outlet and 'data-tip="Loaded language · in the outlet&#x27;s own voice' in outlet.group(0)
    assert speaker and 'data-tip="Loaded language · in a quote from Ravi Menon' in speaker.group(0)
    unnamed = re.search(r'<span class="[^"]*by-speaker"[^>]*>always find money', page).group(0)
    assert 'data-who="one resident"' in unnamed  # named from its attribution


def test_technique_marks_cover_exactly_their_spans(slanted):
    parsed = parse(render_html(slanted))
    for owner in ("outlet", "speaker"):
        spans = [s for s in slanted.spans if s.attrs["owner"] == owner]
        assert parsed.covered(lambda attrs, o=owner: f"by-{o}" in classes(attrs)) == offsets(spans)


def test_each_sentence_is_drawn_in_its_voice_and_the_text_survives(slanted):
    page = render_html(slanted)
    parsed = parse(page)
    text = slanted.article.text
    for start, end in paragraph_bounds(text):
        assert parsed.paragraphs[start] == text[start:end]
    for voice in ("author", "mixed", "attributed"):
        sentences = [s for s in slanted.sentences if s.voice == voice]
        expected = offsets(sentences) & set(parsed.chars)
        assert expected and parsed.covered(lambda attrs, v=voice: f"v-{v}" in classes(attrs)) == expected
    assert page.count("data-lead=") == len(slanted.sentences) + 3  # one tick per sentence, three in the legend


def test_opinion_is_marked_only_in_the_outlets_voice(slanted):
    page = render_html(slanted)
    opinions = re.findall(r'<span class="snt v-(\w+) op"[^>]*data-tip="([^"]*)"', page)
    assert opinions == [
        ("mixed", "Opinion in partly the outlet&#x27;s voice · probability 0.66"),
        ("author", "Opinion in the outlet&#x27;s voice · probability 0.93 · bias 0.64"),
    ]  # the quoted opinion (Whitfield's) is hers, not the outlet's


def test_layers_legend_has_a_toggle_per_layer_present(slanted):
    page = render_html(slanted)
    legend = page[page.index('<section class="legend-strip layers"') :]
    legend = legend[: legend.index("</section>")]
    assert re.findall(r'data-toggle="(\w+)" checked', legend) == ["voice", "opinion", "techniques"]
    assert "by-outlet" in legend and "by-speaker" in legend
    assert "Loaded language, Exaggeration, minimisation, Slogans" in legend
    assert "slant layer:" not in page  # the techniques are in the layers' legend, not the plain one


def test_profile_shows_the_slant_summary(slanted):
    page = render_html(slanted)
    assert "<dt>Outlet opinion</dt><dd>50%<small>of the outlet&#x27;s own 2 sentences</small>" in page
    assert "<dt>Loaded words</dt><dd>1<small>in the outlet&#x27;s voice; 2 in quotes</small>" in page


def markup(page: str) -> str:
    """The page without its stylesheet and scripts (which name every class and toggle)."""
    return re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)


def test_a_reading_without_slant_data_has_no_slant_legend(council):
    page = markup(render_html(council))  # as byline reads it today: voices only
    assert 'data-toggle="voice"' in page
    assert 'data-toggle="opinion"' not in page and 'data-toggle="techniques"' not in page
    assert not re.search(r'class="[^"]*\b(op|by-outlet|by-speaker|ly-slant)\b', page)
    assert "Outlet opinion" not in page and "Loaded words" not in page
    bare = markup(render_html(Reading(article=Article(text="The council met. It voted."))))
    assert "legend-strip layers" not in bare and "data-toggle" not in bare and 'class="snt' not in bare


def test_opinions_alone_show_the_opinion_toggle_only_where_judged(council, build):
    unjudged = render_html(council)
    judged = render_html(build["opinions"](council))
    assert 'data-toggle="opinion"' not in markup(unjudged) and 'data-toggle="opinion"' in markup(judged)
    assert 'data-toggle="techniques"' not in markup(judged)


def test_slant_spans_without_an_owner_keep_their_plain_mark(pages):
    page = markup(pages["port-sale"])
    assert 'data-toggle="techniques"' in page and "data-owner" not in page
    assert "a persuasion technique" in page and 'class="sample ly ly-slant by-' not in page
