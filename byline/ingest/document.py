"""One document's bytes to an Article: size, compression, binary and encoding checks, HTML or text."""

from __future__ import annotations

import gzip
import io
import zlib

from byline.errors import BylineError
from byline.ingest.decode import (
    GZIP_MAGIC,
    binary_reason,
    declared_charset,
    decode_bytes,
    feed_root,
    looks_like_html,
    unsupported_compression,
)
from byline.ingest.html import article_from_html
from byline.ingest.language import check_english
from byline.ingest.options import IngestOptions
from byline.ingest.text import article_from_text
from byline.reading import Article

_CHUNK = 1 << 16


def read_limited(stream: io.BufferedIOBase, limit: int, source: str) -> bytes:
    """All of ``stream``, or ``too_large`` as soon as it passes ``limit`` bytes (its size then counted)."""
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data
    size = len(data)
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
    raise BylineError("too_large", source, size=size, limit=limit)


def gunzip_limited(data: bytes, limit: int, source: str) -> bytes:
    """Decompressed gzip ``data``; ``too_large`` past ``limit``, ``truncated`` when cut short or corrupt."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return read_limited(stream, limit, source)
    except EOFError as exc:
        raise BylineError("truncated", source, detail="the gzip stream ends early") from exc
    except (OSError, zlib.error) as exc:
        raise BylineError("truncated", source, detail=f"corrupt gzip data: {exc}") from exc


def check_document_bytes(data: bytes, source: str) -> None:
    """Raise ``empty``, ``unsupported`` or ``binary`` for bytes that cannot be an article."""
    if not data.strip():
        raise BylineError("empty", source)
    compression = unsupported_compression(data)
    if compression:
        raise BylineError("unsupported", source, detail=compression)
    if data.startswith((b"WARC/", b"filedesc://")):
        raise BylineError("unsupported", source, detail="a web archive; read it as a .warc or .warc.gz file")
    reason = binary_reason(data)
    if reason:
        raise BylineError("binary", source, detail=reason)


def article_from_bytes(
    data: bytes,
    origin: str,
    options: IngestOptions,
    url: str | None = None,
    *,
    charset: str | None = None,
) -> Article:
    """An Article from one document's bytes (HTML or plain text, gzipped or not).

    Checks size, emptiness, binary content and encoding, sniffs HTML against text and, with
    ``options.require_english``, the language. ``charset`` is a declared encoding (e.g. from an HTTP
    header). Raises ``BylineError`` naming ``origin``.
    """
    if len(data) > options.max_bytes:
        raise BylineError("too_large", origin, size=len(data), limit=options.max_bytes)
    if data.startswith(GZIP_MAGIC):
        data = gunzip_limited(data, options.max_bytes, origin)
    check_document_bytes(data, origin)
    text, _encoding = decode_bytes(data, origin, declared=charset or declared_charset(data))
    if not text.strip():
        raise BylineError("empty", origin)
    feed = feed_root(text)
    if feed:
        raise BylineError("unsupported", origin, detail=f"an XML feed (<{feed}>), not an article page")
    if looks_like_html(text):
        article = article_from_html(text, url=url, origin=origin)
    else:
        article = article_from_text(text, origin)
        if url:
            article = article.model_copy(update={"url": url})
    return check_english(article, origin, options.require_english)
