"""Fixtures for the web app: one app with byline's real Reader (the session's), test readers for limits."""

from __future__ import annotations

import threading
import warnings
from pathlib import Path

import pytest

from byline.reading import Article, Reading
from byline.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns about its httpx backend at import
    from fastapi.testclient import TestClient

SAMPLES = Path(__file__).resolve().parents[2] / "byline" / "samples"
SAMPLE = SAMPLES / "council-budget.txt"


class GateReader:
    """A reader that waits until its gate opens (or fails, if given an exception), to test limits."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.gate = threading.Event()
        self.fail = fail
        self.made = 0

    def __call__(self) -> GateReader:
        self.made += 1
        return self

    def read(self, article: Article, deadline: float | None = None) -> Reading:
        self.gate.wait(timeout=30)  # deaf to the deadline: a reading that will not stop
        if self.fail is not None:
            raise self.fail
        return Reading(article=article)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def client(reader):
    app = create_app(reader_factory=lambda: reader)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def gate_reader():
    reader = GateReader()
    yield reader
    reader.gate.set()  # free any thread still waiting


@pytest.fixture
def client_of():
    """A TestClient (lifespan run) for an app made in the test."""
    made = []

    def open_client(app) -> TestClient:
        made.append(TestClient(app).__enter__())
        return made[-1]

    yield open_client
    for test_client in made:
        test_client.__exit__(None, None, None)
