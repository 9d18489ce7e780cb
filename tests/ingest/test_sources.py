"""read_inputs: paths, directories, stdin; every failure yielded with its input, the batch going on."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest

import byline.ingest.sources as sources
from byline.errors import BylineError
from byline.ingest import IngestOptions, read_inputs
from byline.reading import Article

from .conftest import english_text, write_warc


def outcomes(results):
    return [(r.origin, "ok") if isinstance(r, Article) else (r.source, r.code) for r in results]


@pytest.fixture
def tree(tmp_path, sample_html):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("Ferry Cuts Approved\n\n" + english_text())
    (tmp_path / "b" / "page.HTML").write_bytes(sample_html)
    (tmp_path / "b" / "deep" / "z.text").write_text(english_text())
    (tmp_path / "b" / "notes.md").write_text(english_text())  # not a walked extension
    (tmp_path / ".hidden" / "x.txt").write_text(english_text())
    (tmp_path / ".dot.txt").write_text(english_text())
    (tmp_path / "c.txt").write_bytes(b"")
    return tmp_path


def test_a_directory_is_walked_recursively_by_extension_in_sorted_order(tree, options):
    results = outcomes(read_inputs([str(tree)], options))
    assert results == [
        (str(tree / "a.txt"), "ok"),
        (str(tree / "b" / "deep" / "z.text"), "ok"),
        (str(tree / "b" / "page.HTML"), "ok"),
        (str(tree / "c.txt"), "empty"),
    ]


def test_a_missing_path_is_not_found_and_the_batch_goes_on(tree, options):
    results = outcomes(read_inputs([str(tree / "nope.txt"), str(tree / "a.txt")], options))
    assert results == [(str(tree / "nope.txt"), "not_found"), (str(tree / "a.txt"), "ok")]
    (error,) = [r for r in read_inputs([str(tree / "nope.txt")], options)]
    assert error.message == f"{tree / 'nope.txt'}: no such file or directory"


def test_a_directory_with_nothing_to_read_has_no_articles(tmp_path, options):
    (tmp_path / "readme.md").write_text("x")
    assert outcomes(read_inputs([str(tmp_path)], options)) == [(str(tmp_path), "no_articles")]


def test_a_file_with_an_unknown_extension_named_explicitly_is_sniffed(tmp_path, options, sample_html):
    path = tmp_path / "download"
    path.write_bytes(sample_html)
    (article,) = read_inputs([str(path)], options)
    assert article.outlet == "Harbour Gazette"


def test_a_gzipped_page_is_read(tmp_path, options, sample_html):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(sample_html))
    (article,) = read_inputs([str(path)], options)
    assert article.title.startswith("Harbour City Council")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    path.write_text(english_text(400))
    monkeypatch.setattr(sources, "read_limited", lambda *a: pytest.fail("the file was read"))
    (error,) = read_inputs([str(path)], IngestOptions(max_bytes=500))
    assert error.code == "too_large"
    assert f"{path.stat().st_size} bytes" in error.message


def test_a_device_is_unsupported(options):
    if not os.path.exists(os.devnull) or os.path.isfile(os.devnull):
        pytest.skip("no device file to try")
    assert outcomes(read_inputs([os.devnull], options)) == [(os.devnull, "unsupported")]


def test_an_unreadable_file_is_reported_with_the_reason(tmp_path, options, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(english_text())
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    (error,) = read_inputs([str(path)], options)
    assert error.code == "unreadable"
    assert error.message == f"{path}: the input could not be read (Permission denied)"


def test_a_bug_in_one_input_is_an_internal_error_and_the_batch_goes_on(tree, options, monkeypatch):
    real = sources.article_from_bytes

    def flaky(data, source, opts, url=None, **kwargs):
        if source.endswith("a.txt"):
            raise RuntimeError("parser exploded")
        return real(data, source, opts, url, **kwargs)

    monkeypatch.setattr(sources, "article_from_bytes", flaky)
    results = list(read_inputs([str(tree / "a.txt"), str(tree / "b" / "page.HTML")], options))
    assert (results[0].code, results[0].source) == ("internal", str(tree / "a.txt"))
    assert "RuntimeError: parser exploded" in results[0].message
    assert isinstance(results[1], Article)


def stdin_of(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch, options):
    stdin_of(monkeypatch, ("Ferry Cuts Approved\n\n" + english_text()).encode())
    (article,) = read_inputs(["-"], options)
    assert (article.title, article.origin) == ("Ferry Cuts Approved", "-")


def test_stdin_html_gzipped(monkeypatch, options, sample_html):
    stdin_of(monkeypatch, gzip.compress(sample_html))
    (article,) = read_inputs(["-"], options)
    assert article.outlet == "Harbour Gazette" and article.origin == "-"


def test_stdin_jsonl(monkeypatch, options):
    stdin_of(monkeypatch, "".join(json.dumps({"text": english_text()}) + "\n" for _ in range(2)).encode())
    assert outcomes(read_inputs(["-"], options)) == [("-:1", "ok"), ("-:2", "ok")]


def test_stdin_warc(monkeypatch, options, tmp_path, sample_html):
    data = write_warc(tmp_path / "s.warc.gz", [("200 OK", "text/html", sample_html)], gzip=True)
    stdin_of(monkeypatch, data)
    (article,) = read_inputs(["-"], options)
    assert article.origin.startswith("-#") and article.url == "https://example.test/story/0"


def test_stdin_over_the_limit(monkeypatch):
    stdin_of(monkeypatch, english_text(400).encode())
    (error,) = read_inputs(["-"], IngestOptions(max_bytes=500))
    assert (error.code, error.source) == ("too_large", "-")


def test_empty_stdin(monkeypatch, options):
    stdin_of(monkeypatch, b"")
    (error,) = read_inputs(["-"], options)
    assert isinstance(error, BylineError) and (error.code, error.source) == ("empty", "-")


def test_a_self_pointing_symlink_is_named_as_a_link_not_a_missing_file(tmp_path):
    from byline.ingest import IngestOptions, read_inputs

    link = tmp_path / "loop.txt"
    link.symlink_to(link)
    (error,) = list(read_inputs([str(link)], IngestOptions()))
    assert error.code == "unreadable" and "symbolic link" in error.message


def test_a_directory_walk_leaves_out_a_batchs_own_outputs_and_temporary_files(tree):
    (tree / "out").mkdir()
    (tree / "out" / "page.html").write_text("<html></html>")
    (tree / "out.jsonl").write_text('{"text": "x"}\n')
    (tree / ".a.txt.json.1a2b3c4d.byline-tmp").write_text(english_text())
    options = IngestOptions(skip_paths=(tree / "out", tree / "b" / ".." / "out.jsonl"))
    walked = [path.relative_to(tree).as_posix() for path in sources.walk(tree, options)]
    assert walked == ["a.txt", "b/deep/z.text", "b/page.HTML", "c.txt"]
