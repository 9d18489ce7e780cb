"""The voice, opinion and technique layers of the HTML reading in Debian's Chromium (Playwright): the legend,
the toggles that hide and show each layer, and the tooltips that name a technique's owner.

Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from byline.reading import Reading
from byline.render.html import render_html

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
VIEWPORT = {"width": 1360, "height": 1000}


@pytest.fixture
def page(browser, slanted: Reading, tmp_path):
    path = tmp_path / "slanted.html"
    path.write_text(render_html(slanted), encoding="utf-8")
    context = browser.new_context(viewport=VIEWPORT)
    opened = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("request", lambda request: requests.append(request.url))
    opened.goto(path.as_uri())
    yield opened
    context.close()
    assert not errors, errors
    assert all(url.startswith(("file:", "data:")) for url in requests), requests  # nothing fetched


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def toggle(page, layer: str):
    return page.locator(f'input[data-toggle="{layer}"]')


def visible_underline(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).textDecorationLine)")


def opinion_stroke(page) -> str:
    return page.locator("#article .snt.op").first.evaluate("e => getComputedStyle(e).backgroundImage")


def tick(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e, '::before').display")


def test_legend_names_each_layer_with_a_toggle(page):
    legend = page.locator(".layer-legend")
    assert legend.is_visible()
    text = legend.inner_text()
    for words in ("Voice", "Opinion", "Techniques", "the outlet's own sentence", "in a quote", "Slogans"):
        assert words in text
    for layer in ("voice", "opinion", "techniques"):
        assert toggle(page, layer).is_visible() and toggle(page, layer).is_checked()
    shot(page, "slant-layers.png")


def test_voice_toggle_hides_and_shows_the_sentence_voices(page):
    author = "#article .snt.v-author"
    wash = page.locator(author).first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert wash != "rgba(0, 0, 0, 0)" and tick(page, f"{author}[data-lead]") == "inline-block"
    toggle(page, "voice").uncheck()
    assert page.locator("#article.hide-voice").count() == 1
    assert page.locator(author).first.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert tick(page, f"{author}[data-lead]") == "none"
    assert opinion_stroke(page) != "none"  # the opinion layer stays
    toggle(page, "voice").check()
    assert page.locator(author).first.evaluate("e => getComputedStyle(e).backgroundColor") == wash


def test_opinion_toggle_hides_the_stroke_and_its_tooltip(page):
    assert page.locator("#article .snt.op").count() == 2
    assert opinion_stroke(page) != "none"
    opinion = page.locator("#article .snt.op.v-author")  # a paragraph of its own, on one line
    opinion.hover(position={"x": 12, "y": 8})  # on "The", clear of the technique marks
    assert page.locator("#tip").inner_text() == "Opinion in the outlet's voice · probability 0.93 · bias 0.64"
    toggle(page, "opinion").uncheck()
    assert opinion_stroke(page) == "none"
    page.mouse.move(0, 0)
    opinion.hover(position={"x": 12, "y": 8})
    assert page.locator("#tip").is_hidden()  # a hidden layer says nothing on hover
    toggle(page, "opinion").check()
    assert opinion_stroke(page) != "none"


def test_techniques_toggle_hides_and_shows_their_underlines(page):
    marks = "#article .ly-slant"
    assert page.locator(marks).count() == 5
    assert "none" not in visible_underline(page, marks)
    toggle(page, "techniques").uncheck()
    assert set(visible_underline(page, marks)) == {"none"}
    toggle(page, "techniques").check()
    assert "none" not in visible_underline(page, marks)


def test_technique_tooltips_name_the_owner(page):
    page.locator("#article .ly-slant.by-outlet", has_text="a mistake").hover()
    tip = page.locator("#tip")
    assert tip.is_visible() and tip.inner_text().startswith("Loaded language · in the outlet's own voice")
    page.locator("#article .ly-slant.by-speaker", has_text="a quiet retreat").hover()
    assert tip.inner_text().startswith("Loaded language · in a quote from Ravi Menon")
    page.locator("#article .ly-slant.by-speaker", has_text="always find money").hover()
    assert "in a quote from one resident" in tip.inner_text()  # named from its attribution
    outlet = page.locator("#article .ly-slant.by-outlet").first
    speaker = page.locator("#article .ly-slant.by-speaker").first
    styles = [el.evaluate("e => getComputedStyle(e).textDecorationStyle") for el in (outlet, speaker)]
    assert styles == ["wavy", "dashed"]


def test_attributions_still_open_their_chain_inside_the_sentence_marks(page):
    page.locator('#article [data-a="a5"][tabindex]').click()
    card = page.locator("#card-a5")
    assert card.is_visible() and "Ravi Menon" in card.inner_text()
