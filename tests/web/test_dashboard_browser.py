"""The corpus dashboard in Debian's Chromium (Playwright): a live ``byline serve --db`` over a small database.

The charts must draw at a real size, every bar carry its tooltip, the numbers open, the filters work, and the
page ask for nothing but the server's own address. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("duckdb")

from byline.web.app import create_app  # noqa: E402
from byline.web.server import serving  # noqa: E402
from tests.web.dashboard_corpus import HOSTILE_OUTLET, build_corpus  # noqa: E402

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _no_reader():
    raise AssertionError("the dashboard reads no articles")


@pytest.fixture(scope="module")
def live_url(tmp_path_factory):
    db = build_corpus(tmp_path_factory.mktemp("dashboard") / "corpus.duckdb")
    with serving(create_app(reader_factory=_no_reader, corpus_db=db)) as url:
        yield url


@pytest.fixture
def visit(browser):
    """A page that records script errors, dialogs and every URL it asks for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen: dict[str, list[str]] = {"errors": [], "requests": [], "dialogs": []}
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    yield page, seen
    context.close()
    assert not seen["errors"] and not seen["dialogs"], seen


def test_the_charts_draw_with_their_tooltips_and_nothing_leaves_the_server(visit, live_url):
    page, seen = visit
    page.goto(live_url + "/corpus")
    charts = page.locator("svg.chart")
    assert charts.count() == 7
    for n in range(charts.count()):
        box = charts.nth(n).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 60, n
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() > 20
    assert page.eval_on_selector_all(
        "svg.chart rect.bar", "bars => bars.every(bar => bar.querySelector('title')?.textContent.length > 0)"
    )
    widest = page.eval_on_selector_all("svg.chart rect.bar", "bars => Math.max(...bars.map(b => b.getBBox().width))")
    assert widest > 100
    tooltip = page.locator('#anonymous-t ~ rect.bar >> nth=0').evaluate("bar => bar.querySelector('title').textContent")
    assert tooltip.startswith("Left Daily: 16.7%")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    hosts = {urlsplit(url).netloc for url in seen["requests"] if not url.startswith(("data:", "blob:"))}
    assert hosts == {urlsplit(live_url).netloc}


def test_the_numbers_open_under_each_chart(visit, live_url):
    page, _seen = visit
    page.goto(live_url + "/corpus")
    figure = page.locator("figure.chart-box").filter(has=page.locator("#gender-month-t"))
    table = figure.locator("details table")
    assert not table.is_visible()
    figure.get_by_text("The numbers").click()
    assert table.is_visible() and "2024-04" in table.inner_text()


def test_the_filters_pick_an_outlet_and_a_day(visit, live_url):
    page, _seen = visit
    page.goto(live_url + "/")
    page.get_by_role("link", name="The corpus dashboard").click()
    assert urlsplit(page.url).path == "/corpus"
    page.select_option("#outlet", "Left Daily")
    page.fill("#since", "2024-04-01")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/corpus?outlet=Left+Daily&since=2024-04-01")
    assert page.locator(".tile b").first.inner_text() == "1"
    page.select_option("#outlet", HOSTILE_OUTLET)  # a name like a script: an option like any other
    page.fill("#since", "")
    page.get_by_role("button", name="Apply").click()
    assert page.locator(".tile b").first.inner_text() == "1"
    assert HOSTILE_OUTLET in page.locator(".lede").inner_text()
