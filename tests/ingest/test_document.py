"""One document's bytes to an Article: sniffing, size, binary, encoding and language checks."""

from __future__ import annotations

import gzip

import pytest

from byline.errors import BylineError
from byline.ingest import IngestOptions, article_from_bytes

from .conftest import english_text
from .test_language import GERMAN


def error_of(data: bytes, options: IngestOptions | None = None) -> BylineError:
    with pytest.raises(BylineError) as caught:
        article_from_bytes(data, "in.bin", options or IngestOptions())
    assert caught.value.source == "in.bin"
    return caught.value


def test_html_bytes_are_read_as_html(sample_html, options):
    article = article_from_bytes(sample_html, "sample.html", options)
    assert article.outlet == "Harbour Gazette"
    assert article.origin == "sample.html"


def test_text_bytes_are_read_as_text_with_the_url_given(options):
    article = article_from_bytes(
        ("Ferry Cuts\n\n" + english_text()).encode(), "a.txt", options, url="https://x.test"
    )
    assert (article.title, article.url) == ("Ferry Cuts", "https://x.test")


def test_gzipped_documents_are_decompressed(sample_html, options):
    assert article_from_bytes(gzip.compress(sample_html), "sample.html.gz", options).title


def test_a_truncated_gzip_document_is_truncated(sample_html):
    data = gzip.compress(sample_html)
    assert error_of(data[: len(data) // 2]).code == "truncated"


def test_too_large():
    error = error_of(english_text().encode(), IngestOptions(max_bytes=100))
    assert error.code == "too_large"
    assert "over the limit of 100 bytes" in error.message


def test_too_large_once_decompressed(options):
    data = gzip.compress(b"a" * 5000)
    assert error_of(data, IngestOptions(max_bytes=1000)).code == "too_large"


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", "\ufeff".encode("utf-8-sig")])
def test_empty(data):
    assert error_of(data).code == "empty"


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\nstream", b"\x89PNG\r\n\x1a\nrest", b"Some text\x00\x00\x00and NULs"]
)
def test_binary(data):
    assert error_of(data).code == "binary"


def test_undecodable():
    assert error_of(b"The ferry \x81\x8d\x8f\x90\x9d").code == "undecodable"


def test_unsupported_compression_and_containers():
    assert error_of(b"\xfd7zXZ\x00\x00rest").code == "unsupported"
    assert error_of(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n").code == "unsupported"
    assert error_of(b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>").code == "unsupported"


def test_non_english_text_is_turned_away_unless_allowed():
    error = error_of(GERMAN.encode())
    assert error.code == "not_english"
    assert "German" in error.message
    allowed = article_from_bytes(GERMAN.encode(), "de.txt", IngestOptions(require_english=False))
    assert allowed.language == "de"


def test_cp1252_text_reads_without_mojibake(options):
    text = "Ferry Fares Rise\n\nThe café on the quay says fares rose to £3 – “too much” for crews. " * 3
    article = article_from_bytes(text.encode("cp1252"), "fares.txt", options)
    assert "café" in article.text and "£3" in article.text and "“too much”" in article.text
