"""Web archives (WARC, gzipped or not): one article per HTML response record."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from byline.errors import BylineError
from byline.ingest.decode import looks_like_html
from byline.ingest.document import article_from_bytes
from byline.ingest.options import IngestOptions
from byline.ingest.streams import SniffedStream
from byline.reading import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
_RECORD_TYPES = ("response", "resource")
_CHUNK = 1 << 16


def _content_type(record: ArcWarcRecord) -> tuple[str, str | None]:
    """(media type, charset) of the record's payload."""
    if record.http_headers is not None:
        header = record.http_headers.get_header("Content-Type") or ""
    else:
        header = record.rec_headers.get_header("Content-Type") or ""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _is_candidate(record: ArcWarcRecord) -> bool:
    """A successful response (or resource) whose payload may be an HTML page."""
    if record.rec_type not in _RECORD_TYPES:
        return False
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if record.rec_type == "response" and not status.startswith("2"):
            return False
    return True


def _is_html(media: str, payload: bytes) -> bool:
    if media in HTML_TYPES:
        return True
    return media in ("", "application/octet-stream", "text/plain") and looks_like_html(
        payload[:4096].decode("latin-1")
    )


def _drain(record: ArcWarcRecord) -> str | None:
    """Read the rest of the record; how it was cut short (in its header or its block), if it was."""
    while record.raw_stream.read(_CHUNK):
        pass
    if record.format.startswith("warc") and record.rec_headers.get_header("Content-Length") is None:
        return "the record header is cut short or has no Content-Length"
    if getattr(record.raw_stream, "limit", 0) > 0:
        return "the archive ends inside this record"
    return None


def _record_payload(record: ArcWarcRecord, options: IngestOptions) -> bytes | BylineError | None:
    """The payload of a candidate record, ``too_large`` without reading it, or None if not a candidate."""
    if not _is_candidate(record):
        return None
    declared_length = int(record.rec_headers.get_header("Content-Length") or 0)
    if declared_length > options.max_bytes:
        return BylineError("too_large", None, size=declared_length, limit=options.max_bytes)
    content = record.content_stream()
    payload = content.read(options.max_bytes + 1)  # decoded, a payload may outgrow its record
    if len(payload) <= options.max_bytes:
        return payload
    size = len(payload)
    while chunk := content.read(_CHUNK):
        size += len(chunk)
    return BylineError("too_large", None, size=size, limit=options.max_bytes)


def _record_article(
    record: ArcWarcRecord, payload: bytes, source: str, options: IngestOptions
) -> Article | BylineError | None:
    """The record's article, an error naming it, or None when it is not an HTML page."""
    media, charset = _content_type(record)
    if not _is_html(media, payload):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        return article_from_bytes(payload, source, options, url=url, charset=charset)
    except BylineError as error:
        return error


def iter_warc(stream: SniffedStream, source: str, options: IngestOptions) -> Iterator[Article | BylineError]:
    """Every HTML response in a WARC as an Article (origin ``source#offset``) or an error.

    A truncated archive yields the records read, then a ``truncated`` error for the rest.
    """
    records = ArchiveIterator(stream)
    yielded = 0
    try:
        for record in records:
            payload = _record_payload(record, options)
            cut_short = _drain(record)
            record_source = f"{source}#{records.get_record_offset()}"
            if cut_short:
                yield BylineError("truncated", record_source, detail=cut_short)
                return
            if isinstance(payload, BylineError):
                result: Article | BylineError | None = payload.with_source(record_source)
            else:
                result = None if payload is None else _record_article(record, payload, record_source, options)
            if result is not None:
                yielded += 1
                yield result
    except ArchiveLoadFailed as exc:
        yield _load_failure(source, records, str(exc), yielded)
        return
    except (EOFError, zlib.error, OSError) as exc:
        yield BylineError("truncated", source, detail=f"after offset {records.offset}: {exc}")
        return
    leftover = _unread_bytes(stream, records)
    if leftover:
        yield BylineError(
            "truncated", source, detail=f"{leftover} bytes after offset {records.offset} are no record"
        )
    elif yielded == 0:
        yield BylineError("no_articles", source)


def _load_failure(source: str, records: ArchiveIterator, message: str, yielded: int) -> BylineError:
    first_line = message.split("\n")[0][:120]
    if records.offset == 0 and yielded == 0:
        return BylineError("malformed", source, detail=f"not a readable web archive: {first_line}")
    return BylineError("truncated", source, detail=f"after offset {records.offset}: {first_line}")


def _unread_bytes(stream: SniffedStream, records: ArchiveIterator) -> int:
    """How many bytes past the last complete record were not read as records (0 for a sound archive)."""
    while stream.read(_CHUNK):
        pass
    return max(0, stream.bytes_read - records.offset)
