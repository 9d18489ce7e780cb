"""Batch jobs: many inputs read into JSONL or per-article files, failures recorded, resumable."""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from byline.errors import BylineError
from byline.ingest import IngestOptions, read_inputs
from byline.pipeline import Reader
from byline.reading import Article, Reading, article_identity
from byline.render import render
from byline.render.text import render_text

PER_FILE_SUFFIX = {"html": "html", "text": "txt"}
BATCH_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".jsonl.gz", ".ndjson")


def is_batch(inputs: list[str]) -> bool:
    """Whether these inputs hold more than one article (several inputs, a directory, a WARC or JSONL)."""
    if len(inputs) != 1:
        return True
    path = Path(inputs[0])
    return inputs[0] != "-" and (path.is_dir() or path.name.lower().endswith(BATCH_SUFFIXES))


def parse_field_map(pairs: list[str]) -> dict[str, str]:
    """``["text=body", ...]`` as ``{"text": "body", ...}``."""
    mapping = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key or not value:
            raise ValueError(f"--field {pair!r}: expected byline_field=record_field, e.g. text=body")
        mapping[key.strip()] = value.strip()
    return mapping


def read_single(source: str, fmt: str, out: Path | None, options: IngestOptions, reader: Reader) -> None:
    """Read one article and print or write its reading; raises BylineError if it cannot be read."""
    item = next(iter(read_inputs([source], options)), None)
    if item is None:
        raise BylineError("no_articles", source)
    if isinstance(item, BylineError):
        raise item
    reading = next(iter(reader.read_stream([item])))
    if isinstance(reading, BylineError):
        raise reading
    if out is not None:
        with writing(out):
            out.write_text(render(reading, fmt), encoding="utf-8")
    elif fmt == "text" and sys.stdout.isatty():
        Console().print(render_text(reading))
    else:
        sys.stdout.write(render(reading, fmt))


@contextmanager
def writing(path: Path | str) -> Iterator[None]:
    """An OS failure to write ``path`` (full disk, read-only, missing folder) as one ``unwritable`` error."""
    try:
        yield
    except OSError as exc:
        raise BylineError("unwritable", str(path), detail=exc.strerror or type(exc).__name__) from None


class BatchOutput:
    """Where a batch's readings go: one JSONL stream, one file per article in a folder, or stdout."""

    def __init__(self, fmt: str, out: Path | None, resume: bool) -> None:
        self.fmt = fmt
        self.out = out
        self.per_file = fmt in ("json", "html") or (out is not None and out.is_dir())
        if self.per_file and out is None:
            raise ValueError(f"--format {fmt} for a batch writes one file per article: give --out DIRECTORY")
        self.done: set[str] = self._already_done() if resume else set()
        self._stream = None
        with writing(out or "-"):
            if self.per_file:
                out.mkdir(parents=True, exist_ok=True)
            elif out is not None:
                self._stream = out.open("a" if resume else "w", encoding="utf-8")

    def _already_done(self) -> set[str]:
        if self.out is None:
            raise ValueError("--resume needs --out: it skips the articles already written there")
        if self.per_file:
            return {key for p in self.out.glob("*") if p.is_file() for key in _identities_of_file(p)}
        if not self.out.exists():
            return set()
        return _origins_in_jsonl(self.out)

    def write(self, reading: Reading) -> None:
        text = render(reading, self.fmt)
        if self.per_file:
            path = self.out / f"{_file_stem(reading.article.origin)}.{PER_FILE_SUFFIX.get(self.fmt, 'json')}"
            with writing(path):
                path.write_text(text, encoding="utf-8")
        elif self._stream is not None:
            with writing(self.out):
                self._stream.write(text)
                self._stream.flush()
        else:
            sys.stdout.write(text)

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()


def _origins_in_jsonl(path: Path) -> set[str]:
    """Origins of the complete readings in a JSONL output; a torn last line (a killed run) is cut off."""
    done, keep_bytes = set(), 0
    with path.open("rb") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                break
            done |= _identities(record.get("article"))
            keep_bytes += len(line)
    if keep_bytes < path.stat().st_size:
        with path.open("r+b") as handle:
            handle.truncate(keep_bytes)
    return done


def _file_stem(origin: str | None) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", origin or "article").strip("._") or "article"
    return safe[-150:]


def _identities(article: object) -> set[str]:
    """The identity of a written reading's article (see ``article_identity``), or none if it is unreadable."""
    try:
        return {article_identity(Article.model_validate(article))}
    except ValueError:
        return set()


def _identities_of_file(path: Path) -> set[str]:
    if path.suffix == ".json":
        try:
            return _identities(json.loads(path.read_text(encoding="utf-8"))["article"])
        except (ValueError, KeyError, TypeError):
            return set()
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    found = re.findall(r'<meta name="byline-identity" content="([^"]*)"', head)
    return {html.unescape(value) for value in found if value}


def read_batch(
    inputs: list[str],
    fmt: str,
    out: Path | None,
    errors: Path | None,
    resume: bool,
    options: IngestOptions,
    reader: Reader,
    console: Console,
) -> list[BylineError]:
    """Read every article of the inputs, writing readings as they come; returns the failures (also listed).

    Raises ValueError when the output options do not fit a batch.
    """
    output = BatchOutput(fmt, out, resume)
    failed_log = ErrorLog(errors, append=False)  # a resumed run retries the failed ones and lists them anew
    failures: list[BylineError] = []
    counts = {"read": 0, "skipped": 0}
    articles = _skip_done(read_inputs(inputs, options), output.done, counts)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True
    ) as progress:
        task = progress.add_task("reading", total=None)
        for item in reader.read_stream(articles):
            if isinstance(item, BylineError):
                failures.append(item)
                failed_log.add(item)
            else:
                output.write(item)
                counts["read"] += 1
            progress.update(task, description=f"read {counts['read']} · failed {len(failures)}")
    output.close()
    failed_log.close()
    _report(failures, counts, console)
    return failures


class ErrorLog:
    """The ``--errors`` JSONL file: opened before the first article, each failure written and flushed as it
    comes, so that a killed run leaves every failure it met."""

    def __init__(self, path: Path | None, append: bool) -> None:
        self.path = path
        self._handle = None
        if path is not None:
            with writing(path):
                self._handle = path.open("a" if append else "w", encoding="utf-8")

    def add(self, failure: BylineError) -> None:
        if self._handle is not None:
            with writing(self.path or "-"):
                self._handle.write(json.dumps(failure.to_record()) + "\n")
                self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def _skip_done(
    items: Iterable[Article | BylineError], done: set[str], counts: dict[str, int]
) -> Iterator[Article | BylineError]:
    for item in items:
        if isinstance(item, Article) and article_identity(item) in done:
            counts["skipped"] += 1
            continue
        yield item


def _report(failures: list[BylineError], counts: dict[str, int], console: Console) -> None:
    summary = f"read {counts['read']} article(s)"
    if counts["skipped"]:
        summary += f", skipped {counts['skipped']} already done"
    console.print(f"{summary}, {len(failures)} failed", highlight=False)
    for failure in failures:
        console.print(f"  failed: {failure.message}", highlight=False, soft_wrap=True)
