"""Web archives: every HTML response record, its URL and offset; truncated archives keep what was read."""

from __future__ import annotations

import pytest

from byline.errors import BylineError
from byline.ingest import IngestOptions, read_inputs
from byline.reading import Article

from .conftest import write_warc

NOT_FOUND_PAGE = b"<html><body><p>Not found</p></body></html>"


@pytest.fixture
def records(sample_html):
    other = sample_html.replace(b"Harbour City", b"Port Town")
    return [
        ("200 OK", "text/html; charset=utf-8", sample_html),
        ("404 Not Found", "text/html", NOT_FOUND_PAGE),
        ("200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("200 OK", "text/html", other),
    ]


def read(path, options=None):
    return list(read_inputs([str(path)], options or IngestOptions()))


@pytest.mark.parametrize("compressed", [False, True])
def test_every_html_response_is_an_article_with_its_url_and_offset(tmp_path, records, compressed):
    path = tmp_path / ("site.warc.gz" if compressed else "site.warc")
    write_warc(path, records, gzip=compressed)
    results = read(path)
    assert all(isinstance(r, Article) for r in results)
    assert [r.url for r in results] == ["https://example.test/story/0", "https://example.test/story/3"]
    assert [r.title.split()[0] for r in results] == ["Harbour", "Port"]
    offsets = [int(r.origin.rsplit("#", 1)[1]) for r in results]
    assert all(r.origin.startswith(f"{path}#") for r in results)
    assert 0 < offsets[0] < offsets[1] < path.stat().st_size


@pytest.mark.parametrize("compressed", [False, True])
def test_a_truncated_archive_yields_the_records_read_then_truncated(tmp_path, records, compressed):
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    data = write_warc(path, records, gzip=compressed)
    path.write_bytes(data[:-200])  # cut inside the last record
    results = read(path)
    assert isinstance(results[0], Article) and results[0].url.endswith("/story/0")
    assert isinstance(results[-1], BylineError) and results[-1].code == "truncated"
    assert results[-1].source.startswith(str(path))
    assert len(results) == 2


def test_an_archive_cut_between_records_reports_the_unread_bytes(tmp_path, records):
    path = tmp_path / "half.warc.gz"
    data = write_warc(path, records, gzip=True)
    path.write_bytes(data[: len(data) // 2 + 40])
    results = read(path)
    assert [type(r).__name__ for r in results][-1] == "BylineError"
    assert results[-1].code == "truncated"


def test_an_archive_cut_in_its_first_header_is_truncated(tmp_path, records):
    path = tmp_path / "stub.warc"
    data = write_warc(path, records, gzip=False)
    path.write_bytes(data[:40])
    (error,) = read(path)
    assert error.code == "truncated"


def test_a_record_over_the_size_limit_is_too_large_without_stopping_the_rest(tmp_path, sample_html):
    path = tmp_path / "big.warc"
    write_warc(
        path, [("200 OK", "text/html", sample_html * 3), ("200 OK", "text/html", sample_html)], gzip=False
    )
    big, small = read(path, IngestOptions(max_bytes=len(sample_html) + 1000))
    assert big.code == "too_large" and "#" in big.source
    assert isinstance(small, Article)


def test_a_record_without_an_article_body_is_its_own_error(tmp_path, sample_html):
    path = tmp_path / "mixed.warc"
    menu = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    write_warc(path, [("200 OK", "text/html", menu), ("200 OK", "text/html", sample_html)], gzip=False)
    error, article = read(path)
    assert error.code == "no_body" and error.source.startswith(f"{path}#")
    assert isinstance(article, Article)


def test_an_archive_without_html_responses_has_no_articles(tmp_path):
    path = tmp_path / "images.warc"
    write_warc(path, [("200 OK", "image/png", b"\x89PNG\r\n\x1a\n")], gzip=False)
    (error,) = read(path)
    assert error.code == "no_articles"


def test_a_record_header_without_a_content_length_is_reported_not_skipped(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"WARC/1.0\r\nthis is not a header line at all\r\n\r\n")
    (error,) = read(path)
    assert (error.code, error.source) == ("truncated", f"{path}#0")
    assert "Content-Length" in error.message


def test_a_file_that_is_no_archive_at_all_under_a_warc_name_is_read_as_a_document(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_bytes(b"%PDF-1.4 not an archive")
    (error,) = read(path)
    assert error.code == "binary"
