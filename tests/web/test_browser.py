"""End to end in Debian's Chromium (Playwright): a live ``byline serve`` and rendered fixture Readings.

Screenshots go to test-artifacts/ (gitignored); the sample reading's screenshot also to docs/reading.png
when BYLINE_UPDATE_DOCS is set.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from byline.reading import Reading
from byline.render.html import render_html
from byline.web.app import create_app
from byline.web.server import serving

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
FIXTURES = REPO / "tests" / "fixtures" / "readings"
SAMPLE = REPO / "byline" / "samples" / "council-budget.txt"
VIEWPORT = {"width": 1360, "height": 1000}
UPLOAD_HTML = (
    "<!doctype html><html><head><title>Ferry timetable cut</title></head><body><article>"
    "<h1>Ferry timetable cut</h1><p>The island ferry will run four times a day instead of six from May, the "
    "operator said on Friday, blaming a shortage of crew.</p><p>“We cannot sail boats without sailors,” a "
    "spokesperson for the operator told reporters at the harbour on Friday afternoon.</p>"
    "<p>Islanders said the cut would leave commuters stranded on winter evenings.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def live_url(reader):
    with serving(create_app(reader_factory=lambda: reader)) as url:
        yield url


class Visit:
    """A browser page that records script errors and every URL it requests."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def hosts(self) -> set[str]:
        return {urlsplit(url).netloc for url in self.requests if not url.startswith(("data:", "blob:"))}


@pytest.fixture
def visit(browser):
    opened = Visit(browser)
    yield opened
    opened.context.close()
    assert not opened.errors, opened.errors


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory) -> str:
    reading = Reading.model_validate_json((FIXTURES / "port-sale.json").read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("rendered") / "port-sale.html"
    path.write_text(render_html(reading), encoding="utf-8")
    return path.as_uri()


def shot(page, name: str, full: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full)
    return path


def visible_cards(page) -> list[str]:
    return page.eval_on_selector_all(".card", "cards => cards.filter(c => !c.hidden).map(c => c.dataset.card)")


def chain_labels(page, attribution_id: str) -> list[str]:
    return page.locator(f"#card-{attribution_id} .tree .who").all_inner_texts()


# ------------------------------------------------------------------------------------------ a rendered fixture


def test_fixture_reading_highlights_speech_and_opens_a_chain(visit, fixture_page):
    page = visit.page
    page.goto(fixture_page)
    assert page.locator("#article .q").count() >= 7
    assert page.locator("#article .cue").count() == 7
    page.locator('#article [data-a="a3"][tabindex]').click()
    assert visible_cards(page) == ["a3"]
    assert chain_labels(page, "a3") == ["The Riverside Courier", "Politico", "the diplomatic cable", "Aline Moreau"]
    assert page.locator("#article .q.anc").count() >= 2  # the contents it is reported through
    shot(page, "fixture-chain.png")
    assert visit.hosts() == {""}  # file:// only: nothing fetched


def test_keyboard_reaches_an_attribution_and_opens_it(visit, fixture_page):
    page = visit.page
    page.goto(fixture_page)
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.a || null"):
            break
    focused = page.evaluate("document.activeElement.dataset.a")
    assert focused == "a1"
    assert visible_cards(page) == ["a1"]  # focus previews the chain
    page.keyboard.press("Enter")
    assert visible_cards(page) == ["a1"]
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    page.keyboard.press("Escape")
    assert visible_cards(page) == [] and page.locator("#chain-empty").is_visible()


def test_hover_opens_a_chain_and_slant_shows_its_technique(visit, fixture_page):
    page = visit.page
    page.goto(fixture_page)
    page.locator('#article [data-a="a5"][tabindex]').hover()
    card = page.locator("#card-a5")
    assert card.is_visible() and "could possibly" in card.inner_text() and "ANONYMOUS" in card.inner_text().upper()
    page.locator("#article .ly-slant").first.hover()
    tip = page.locator("#tip")
    assert tip.is_visible() and tip.inner_text().startswith("Loaded language")
    shot(page, "fixture-slant-tooltip.png", full=False)


def test_download_saves_the_embedded_reading(visit, fixture_page):
    page = visit.page
    page.goto(fixture_page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the Reading JSON").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    saved = Reading.model_validate_json(Path(download.path()).read_text(encoding="utf-8"))
    assert saved.article.title == "Port Authority Weighs Sale of Northern Docks, Cable Suggests"


def test_chain_buttons_jump_to_the_earlier_link(visit, fixture_page):
    page = visit.page
    page.goto(fixture_page)
    page.locator('#article [data-a="a3"][tabindex]').click()
    page.locator('#card-a3 button[data-go="a1"]').click()
    assert visible_cards(page) == ["a1"]


def test_entities_and_speakers_highlight_their_text(visit, fixture_page):
    page = visit.page
    page.goto(fixture_page)
    page.locator('button[data-e="e2"]').click()
    assert page.locator('#article [data-e="e2"].hl').count() == 2
    page.locator('button[data-e="e2"]').click()
    assert page.locator("#article .hl").count() == 0
    chip = page.locator("button.chip").first
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    assert page.locator("#article.spotlight").count() == 1 and page.locator("#article .spot").count() >= 1
    shot(page, "fixture-speaker.png")


def test_narrow_screen_floats_the_open_card_over_the_text(visit, fixture_page):
    page = visit.page
    page.set_viewport_size({"width": 420, "height": 860})
    page.goto(fixture_page)
    page.locator('#article [data-a="a2"][tabindex]').click()
    box = page.locator("#chain-panel")
    assert box.evaluate("el => getComputedStyle(el).position") == "fixed" and box.is_visible()
    shot(page, "fixture-narrow.png", full=False)
    page.get_by_role("button", name="Close the attribution").click()
    assert visible_cards(page) == []
    assert box.evaluate("el => getComputedStyle(el).position") == "static"


def test_print_shows_every_card_and_no_controls(visit, fixture_page):
    page = visit.page
    page.goto(fixture_page)
    page.emulate_media(media="print")
    assert page.locator(".card:visible").count() == 7
    assert not page.locator(".entity-box").is_visible() and not page.locator("#download-json").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "port-sale.pdf"))


def test_hostile_fixture_runs_no_injected_script(visit, tmp_path):
    reading = Reading.model_validate_json((FIXTURES / "hostile.json").read_text(encoding="utf-8"))
    path = tmp_path / "hostile.html"
    path.write_text(render_html(reading), encoding="utf-8")
    dialogs: list[str] = []
    visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visit.page.goto(path.as_uri())
    visit.page.locator("#article [data-a][tabindex]").first.click()
    assert dialogs == []
    assert visit.page.title().startswith("<script>alert('title')</script>")


# ------------------------------------------------------------------------------------------ the live app


def embedded_reading(page) -> dict:
    return json.loads(page.locator("#byline-reading").text_content())


def test_paste_an_article_and_see_its_reading(visit, live_url):
    page = visit.page
    page.goto(live_url + "/")
    shot(page, "index.png", full=False)
    page.fill("#text", SAMPLE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Read it").click()
    page.wait_for_selector("#article")
    assert page.locator("h1").inner_text().startswith("Harbour City Council Approves Budget")
    reading = embedded_reading(page)
    for entity in reading["entities"]:
        assert page.locator(f'#article [data-e="{entity["id"]}"]').count() >= len(entity["mentions"])
    if reading["attributions"]:
        assert page.locator("#article .q").count() >= 1
        first = reading["attributions"][0]["id"]
        page.locator(f'#article [data-a="{first}"][tabindex]').click()
        assert visible_cards(page) == [first] and page.locator(f"#card-{first} .tree .who").count() >= 2
    else:
        assert page.locator(".noattr").is_visible()
    shot(page, "live-paste.png")
    assert visit.hosts() == {urlsplit(live_url).netloc}


def test_upload_a_file_and_see_its_reading(visit, live_url, tmp_path):
    upload = tmp_path / "ferry.html"
    upload.write_text(UPLOAD_HTML, encoding="utf-8")
    page = visit.page
    page.goto(live_url + "/")
    page.set_input_files("#file", str(upload))
    page.get_by_role("button", name="Read the file").click()
    page.wait_for_selector("#article")
    assert page.locator("h1").inner_text() == "Ferry timetable cut"
    assert "shortage of crew" in page.locator("#article").inner_text()
    assert embedded_reading(page)["article"]["origin"] == "ferry.html"
    shot(page, "live-upload.png")


def test_pasting_a_non_english_text_shows_the_error(visit, live_url):
    page = visit.page
    page.goto(live_url + "/")
    page.fill(
        "#text",
        "Der Stadtrat hat am Dienstag den Haushalt beschlossen, nachdem die Bürgermeisterin "
        "eingeräumt hatte, dass im nächsten Sommer zwei Schwimmbäder schließen werden.",
    )
    page.get_by_role("button", name="Read it").click()
    alert = page.get_by_role("alert")
    assert "not English" in alert.inner_text()
    assert "Schwimmbäder" in page.locator("#text").input_value()


def test_sample_reading_screenshot_for_the_readme(visit, live_url):
    page = visit.page
    page.goto(live_url + "/")
    page.get_by_role("link", name=re.compile("Harbour City Council")).click()
    page.wait_for_selector("#article")
    reading = embedded_reading(page)
    chained = sorted(reading["attributions"], key=lambda a: a["via"] is None)
    if chained:
        target = chained[0]["id"]
        page.locator(f'#article [data-a="{target}"][tabindex]').click()
        assert visible_cards(page) == [target]
        page.mouse.move(0, 0)
        page.evaluate("window.scrollTo(0, 0)")
    path = shot(page, "sample-reading.png")
    if os.environ.get("BYLINE_UPDATE_DOCS"):  # the README's picture: BYLINE_UPDATE_DOCS=1 make test
        docs = REPO / "docs"
        docs.mkdir(exist_ok=True)
        (docs / "reading.png").write_bytes(path.read_bytes())
