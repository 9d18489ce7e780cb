"""JSON Lines: one article per line, its fields named through ``IngestOptions.field_map``."""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any

from byline.errors import BylineError
from byline.ingest.decode import decode_bytes
from byline.ingest.html import article_from_html
from byline.ingest.language import check_english
from byline.ingest.options import IngestOptions
from byline.ingest.text import article_from_text
from byline.reading import Article

_CHUNK = 1 << 16
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\||\band\b|&)\s*")


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line, its size) for each line; line is None when it is over ``limit`` bytes."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                size += len(rest)
            yield number, None, size + len(rest)
        else:
            yield number, line, len(line)


def _field(record: dict[str, Any], options: IngestOptions, name: str) -> Any:
    value = record.get(options.record_field(name))
    if isinstance(value, str):
        value = value.strip()
    return value if value not in ("", None, []) else None


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = _AUTHOR_SEPARATORS.split(value)
    if isinstance(value, list):
        names = [item.get("name") if isinstance(item, dict) else item for item in value]
        return [str(name).strip() for name in names if name and str(name).strip()]
    return [str(value)]


def _date(value: Any) -> str | None:
    """ISO 8601 where the value parses as a date or time, else the value as given."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value).astimezone().isoformat()
    text = str(value)
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(text.replace("Z", "+00:00")).isoformat()
        except ValueError:
            continue
    return text


def article_from_record(record: Any, source: str, options: IngestOptions) -> Article:
    """An Article from one parsed JSON record; raises ``malformed`` when it has no text or html field."""
    if not isinstance(record, dict):
        raise BylineError(
            "malformed", source, detail=f"the line is a JSON {type(record).__name__}, not an object"
        )
    text, html = _field(record, options, "text"), _field(record, options, "html")
    title = _field(record, options, "title")
    url = _field(record, options, "url")
    if isinstance(text, str):
        article = article_from_text(text, source, title=str(title) if title else None)
    elif isinstance(html, str):
        article = article_from_html(html, url=url, origin=source)
    else:
        fields = f"{options.record_field('text')!r} or {options.record_field('html')!r}"
        raise BylineError("malformed", source, detail=f"the record has no string field {fields}")
    update: dict[str, Any] = {
        "title": str(title) if title else article.title,
        "url": str(url) if url else article.url,
        "outlet": str(outlet) if (outlet := _field(record, options, "outlet")) else article.outlet,
        "published": _date(_field(record, options, "date")) or article.published,
        "authors": _authors(_field(record, options, "authors")) or article.authors,
        "id": str(record_id) if (record_id := _field(record, options, "id")) is not None else article.id,
    }
    return check_english(article.model_copy(update=update), source, options.require_english)


def _parse_line(line: bytes, source: str) -> Any:
    text, _encoding = decode_bytes(line, source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BylineError(
            "malformed", source, detail=f"invalid JSON at character {exc.pos}: {exc.msg}"
        ) from exc
    except RecursionError:
        raise BylineError("malformed", source, detail="JSON nested too deeply") from None
    except ValueError as exc:  # an integer past Python's digit limit, and the like
        raise BylineError("malformed", source, detail=f"unreadable JSON value: {str(exc)[:80]}") from None


def iter_jsonl(stream: IO[bytes], source: str, options: IngestOptions) -> Iterator[Article | BylineError]:
    """One Article (origin ``source:LINE``) or error per non-blank line; a bad line does not stop the rest."""
    seen = 0
    try:
        for number, line, size in _lines(stream, options.max_bytes):
            line_source = f"{source}:{number}"
            if line is None:
                seen += 1
                yield BylineError("too_large", line_source, size=size, limit=options.max_bytes)
                continue
            if not line.strip():
                continue
            seen += 1
            try:
                yield article_from_record(_parse_line(line, line_source), line_source, options)
            except BylineError as error:
                yield error
    except EOFError:
        yield BylineError("truncated", source, detail=f"the gzip stream ends early, after {seen} records")
        return
    except (OSError, zlib.error) as exc:
        yield BylineError("truncated", source, detail=f"corrupt gzip data after {seen} records: {exc}")
        return
    if seen == 0:
        yield BylineError("no_articles", source)
