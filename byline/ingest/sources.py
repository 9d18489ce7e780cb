"""Inputs to articles: paths, directories, stdin, gzip, WARC and JSONL, every failure yielded."""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from byline.errors import BylineError
from byline.ingest.decode import GZIP_MAGIC
from byline.ingest.document import article_from_bytes, read_limited
from byline.ingest.jsonl import iter_jsonl
from byline.ingest.options import IngestOptions
from byline.ingest.streams import SniffedStream
from byline.ingest.warc import iter_warc
from byline.reading import Article

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SIGNATURES = (b"WARC/", b"filedesc://")
COMPRESSION_SUFFIXES = (".gz", ".bz2", ".xz", ".zst", ".zip")

Result = Article | BylineError


def read_inputs(inputs: Iterable[str], options: IngestOptions) -> Iterator[Result]:
    """Articles from each input (a path, a directory walked recursively, or "-" for stdin), in order.

    Every failure is yielded as a ``BylineError`` naming its input (path, path:LINE, path#offset),
    never raised, so that one bad input does not stop a batch.
    """
    for name in inputs:
        if name == STDIN:
            yield from _guarded(_read_stdin(options), STDIN)
        else:
            yield from _read_path(Path(name), name, options)


def _guarded(results: Iterator[Result], source: str) -> Iterator[Result]:
    """The results, with an unexpected exception turned into a last ``internal`` error for ``source``."""
    try:
        yield from results
    except BylineError as error:
        yield error if error.source else error.with_source(source)
    except Exception as exc:  # a batch must go on past a bug in a third-party parser
        yield BylineError("internal", source, detail=f"{type(exc).__name__}: {exc}")


def _read_path(path: Path, name: str, options: IngestOptions) -> Iterator[Result]:
    if not path.exists():
        broken = path.is_symlink()  # a link whose target is missing, or that points at itself
        yield (
            BylineError("unreadable", name, detail="a broken or looping symbolic link")
            if broken
            else BylineError("not_found", name)
        )
    elif path.is_dir():
        yield from _read_directory(path, name, options)
    elif path.is_file():
        yield from _guarded(_read_file(path, name, options), name)
    else:
        yield BylineError("unsupported", name, detail="not a regular file or directory")


def walk(directory: Path, options: IngestOptions) -> list[Path]:
    """Files under ``directory`` with a readable extension, recursively, in sorted order; hidden ones (a batch's
    temporary files among them) and ``options.skip_paths`` are left out."""
    return [path for path, readable in walk_all(directory, options) if readable]


def walk_all(directory: Path, options: IngestOptions) -> list[tuple[Path, bool]]:
    """Every file under ``directory`` but hidden ones and ``options.skip_paths``, recursively, in sorted order,
    each with whether a walk reads it (its extension is a readable one)."""
    skipped = {os.path.realpath(p) for p in options.skip_paths}
    found = []
    for root, dirs, files in os.walk(directory):
        real_root = os.path.realpath(root) if skipped else root
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and os.path.join(real_root, d) not in skipped)
        found.extend(
            (Path(root) / f, options.reads_extension(f))
            for f in files
            if not f.startswith(".") and os.path.join(real_root, f) not in skipped
        )
    return sorted(found, key=lambda entry: entry[0].relative_to(directory).parts)


def _read_directory(directory: Path, name: str, options: IngestOptions) -> Iterator[Result]:
    entries = [(p, ok) for p, ok in walk_all(directory, options) if ok or options.list_other_files]
    if not any(readable for _path, readable in entries):
        yield BylineError("no_articles", name)
    for path, readable in entries:
        source = str(Path(name) / path.relative_to(directory))
        if readable:
            yield from _guarded(_read_file(path, source, options), source)
        else:
            yield BylineError("unsupported", source, detail=f"not a type byline reads: {_kind(path.name)}")


def _kind(filename: str) -> str:
    """A file's type as its name gives it: its extension (with the one before a compression suffix), or none."""
    suffixes = [suffix.lower() for suffix in Path(filename).suffixes]
    if not suffixes:
        return "no extension"
    return "".join(suffixes[-2:]) if len(suffixes) > 1 and suffixes[-1] in COMPRESSION_SUFFIXES else suffixes[-1]


def _read_file(path: Path, source: str, options: IngestOptions) -> Iterator[Result]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield BylineError("unreadable", source, detail=exc.strerror or type(exc).__name__)
        return
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if size == 0:
            yield BylineError("empty", source)
            return
        yield from _read_stream(handle, source, path.name, options, size)


def _read_stdin(options: IngestOptions) -> Iterator[Result]:
    yield from _read_stream(sys.stdin.buffer, STDIN, "", options, None)


def _stripped_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def _looks_like_jsonl(head: bytes) -> bool:
    return head.lstrip()[:1] == b"{"


def _read_stream(raw: BinaryIO, source: str, name: str, options: IngestOptions, size: int | None) -> Iterator[Result]:
    """Sniff a stream (gzip, WARC, JSONL or one document) and read it accordingly."""
    stream = SniffedStream(raw)
    inner = _inner_head(stream.head)
    if inner.startswith(WARC_SIGNATURES):
        yield from iter_warc(stream, source, options)
        return
    gzipped = stream.head.startswith(GZIP_MAGIC)
    inner_name = _stripped_gz(name).lower()
    if inner_name.endswith(JSONL_SUFFIXES) or (not name and _looks_like_jsonl(inner)):
        content = gzip.GzipFile(fileobj=stream) if gzipped else stream
        yield from iter_jsonl(content, source, options)
        return
    if size is not None and not gzipped and size > options.max_bytes:
        yield BylineError("too_large", source, size=size, limit=options.max_bytes)
        return
    try:
        data = read_limited(stream, options.max_bytes, source)
        yield article_from_bytes(data, source, options)
    except BylineError as error:
        yield error


def _inner_head(head: bytes) -> bytes:
    """The first bytes of the content: decompressed when gzipped (a WARC.gz, a JSONL.gz on stdin)."""
    if not head.startswith(GZIP_MAGIC):
        return head
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""
