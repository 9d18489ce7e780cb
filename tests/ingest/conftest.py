"""Fixtures for the ingestion tests: fixture files written for byline, and small archive builders."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from byline.ingest import IngestOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SAMPLES = Path(__file__).resolve().parents[2] / "byline" / "samples"


@pytest.fixture
def options() -> IngestOptions:
    return IngestOptions()


@pytest.fixture
def fixture_path() -> Callable[[str], Path]:
    return lambda name: FIXTURES / name


@pytest.fixture
def sample_html() -> bytes:
    return (SAMPLES / "council-budget.html").read_bytes()


def english_text(words: int = 40) -> str:
    """A plain English paragraph of about ``words`` words, written for these tests."""
    sentence = "The council voted on Tuesday to keep the harbour ferry running through the winter months. "
    count = len(sentence.split())
    return (sentence * (words // count + 1)).strip()


def write_warc(path: Path, records: list[tuple[str, str, bytes]], gzip: bool) -> bytes:
    """A WARC at ``path`` with a warcinfo record and one response per (status, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "byline tests"}))
    for i, (status, content_type, body) in enumerate(records):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.test/story/{i}", "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    data = buffer.getvalue()
    path.write_bytes(data)
    return data
