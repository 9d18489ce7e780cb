"""JSON Lines: a field map, one article or error per line, bad lines that do not stop the rest."""

from __future__ import annotations

import gzip
import json

import pytest

from byline.errors import BylineError
from byline.ingest import IngestOptions, read_inputs
from byline.reading import Article

from .conftest import english_text
from .test_language import GERMAN

FIELD_MAP = {"text": "body", "title": "headline", "outlet": "source", "date": "published", "authors": "byline",
             "url": "link", "id": "doc"}  # fmt: skip


def read(path, options=None):
    return list(read_inputs([str(path)], options or IngestOptions(field_map=FIELD_MAP)))


def test_the_field_map_names_the_records_fields(fixture_path):
    first = read(fixture_path("records.jsonl"))[0]
    assert isinstance(first, Article)
    assert first.title == "Ferry Cuts Approved"
    assert first.outlet == "Port Town Courier"
    assert first.published == "2025-10-11"
    assert first.authors == ["Marta Quill", "Ravi Dunn"]
    assert first.url == "https://courier.example/r1"
    assert first.text.startswith("Port Town councillors voted")
    assert first.origin.endswith("records.jsonl:1")
    assert first.id == "r1"


def test_each_bad_line_fails_alone_and_names_its_line(fixture_path):
    results = read(fixture_path("records.jsonl"))
    outcome = [(r.origin, "ok") if isinstance(r, Article) else (r.source, r.code) for r in results]
    path = str(fixture_path("records.jsonl"))
    assert outcome == [
        (f"{path}:1", "ok"),
        (f"{path}:2", "malformed"),  # invalid JSON
        (f"{path}:3", "ok"),
        (f"{path}:5", "malformed"),  # a list, not an object (line 4 is blank and skipped)
        (f"{path}:6", "malformed"),  # no text field
    ]
    assert "invalid JSON" in results[1].message
    assert "'body' or 'html'" in results[4].message


def test_a_repeated_headline_on_line_one_of_the_text_is_dropped(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"title": "Pool Reopens", "text": "Pool Reopens\n\n" + english_text()}) + "\n")
    (article,) = read(path, IngestOptions())
    assert (article.title, article.text) == ("Pool Reopens", english_text())


def test_html_records_are_read_as_pages(tmp_path, sample_html):
    path = tmp_path / "pages.ndjson"
    path.write_text(json.dumps({"html": sample_html.decode(), "url": "https://x.test/a"}) + "\n")
    (article,) = read(path, IngestOptions())
    assert article.url == "https://x.test/a"
    assert article.captions


def test_authors_and_dates_in_other_shapes(tmp_path):
    path = tmp_path / "shapes.jsonl"
    lines = [
        {"text": english_text(), "authors": "Marta Quill and Ravi Dunn", "date": "2025-10-11T08:00:00Z"},
        {"text": english_text(), "authors": [{"name": "Lena Ortiz"}], "date": "11 October 2025"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    first, second = read(path, IngestOptions())
    assert first.authors == ["Marta Quill", "Ravi Dunn"] and first.published == "2025-10-11T08:00:00+00:00"
    assert second.authors == ["Lena Ortiz"] and second.published == "11 October 2025"


def test_a_non_english_line_is_turned_away_and_the_next_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"text": GERMAN}) + "\n" + json.dumps({"text": english_text()}) + "\n")
    german, english = read(path, IngestOptions())
    assert (german.code, german.source) == ("not_english", f"{path}:1")
    assert isinstance(english, Article)


def test_a_line_over_the_size_limit_is_too_large_and_the_next_read(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "word " * 500}) + "\n" + json.dumps({"text": english_text()}) + "\n")
    big, small = read(path, IngestOptions(max_bytes=1000))
    assert big.code == "too_large" and big.source == f"{path}:1"
    assert isinstance(small, Article) and small.origin == f"{path}:2"


def test_gzipped_jsonl_is_read(tmp_path):
    path = tmp_path / "r.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"text": english_text()}) + "\n").encode() * 3))
    assert [type(r) for r in read(path, IngestOptions())] == [Article] * 3


def test_truncated_gzipped_jsonl_yields_the_lines_read_then_truncated(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    lines = "".join(json.dumps({"text": f"Story {i}. " + english_text(60)}) + "\n" for i in range(40))
    data = gzip.compress(lines.encode(), compresslevel=1)
    path.write_bytes(data[: int(len(data) * 0.8)])
    results = read(path, IngestOptions())
    assert isinstance(results[0], Article)
    last = results[-1]
    assert isinstance(last, BylineError) and (last.code, last.source) == ("truncated", str(path))


def test_a_jsonl_file_with_only_blank_lines_has_no_articles(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n   \n")
    (error,) = read(path, IngestOptions())
    assert error.code == "no_articles"


def test_unknown_byline_fields_in_the_field_map_are_refused():
    with pytest.raises(ValueError, match="unknown byline field"):
        IngestOptions(field_map={"body": "text"})


def test_a_line_nested_too_deeply_fails_alone_and_the_next_lines_are_read(tmp_path):
    from byline.errors import BylineError
    from byline.ingest.jsonl import iter_jsonl
    from byline.ingest.options import IngestOptions

    good = '{"text": "The council met on Tuesday and the mayor said the budget would pass without a fight."}'
    deep = "[" * 100_000 + "]" * 100_000
    huge = '{"text": "x", "n": ' + "9" * 5000 + "}"
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([good, deep, huge, good]) + "\n", encoding="utf-8")
    with path.open("rb") as stream:
        items = list(iter_jsonl(stream, str(path), IngestOptions()))
    assert [type(i).__name__ for i in items] == ["Article", "BylineError", "BylineError", "Article"]
    assert "nested too deeply" in items[1].message and items[1].source.endswith(":2")
    assert "unreadable JSON value" in items[2].message and items[2].source.endswith(":3")
    assert all(isinstance(i, BylineError) or i.text for i in items)
