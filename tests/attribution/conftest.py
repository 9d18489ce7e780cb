"""Fixtures shared by the attribution tests."""

from __future__ import annotations

import pytest

from byline.ingest import article_from_text


@pytest.fixture(scope="module")
def read(reader):
    """Read a short text: (the Reading, its attributions)."""

    def run(text: str):
        reading = reader.read(article_from_text(text))
        return reading, reading.attributions

    return run
