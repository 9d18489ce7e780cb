"""Shared fixtures: one spaCy pipeline and one Reader per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from byline.shared_data import shared_data_dir

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "byline" / "samples"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--headless=new",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def reader():
    """A Reader that keeps every attribution it finds, whatever its calibrated confidence: detection and
    resolution tests look at what byline finds, not at what the default threshold shows."""
    from byline.pipeline import Reader
    from byline.settings import Settings

    return Reader(Settings(min_confidence=0.0))


@pytest.fixture(scope="session")
def unfiltered_reader(reader):
    return reader


@pytest.fixture(scope="session")
def default_reader():
    """byline's Reader as a user gets it: the shipped calibrator's threshold leaves out doubtful items."""
    from byline.pipeline import Reader

    return Reader()


@pytest.fixture(scope="session")
def nlp():
    from byline.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    root = shared_data_dir()
    if root is None:
        pytest.skip("../shared/data absent")
    return root


@pytest.fixture(scope="session")
def blinken_path(shared_data: Path) -> Path:
    path = shared_data / "samples" / "blinken-cable-breitbart.txt"
    if not path.is_file():
        pytest.skip("../shared/data/samples/blinken-cable-breitbart.txt absent")
    return path


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright, one per test module (skipped where either is absent): Playwright's
    event loop must end with the module, or later tests that start their own loop fail."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium absent: install Debian's chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
