"""Batch jobs: many inputs read into JSONL or per-article files, failures recorded, resumable."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import re
import secrets
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
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
TEMP_SUFFIX = ".byline-tmp"  # a file being written, before its rename; hidden, so no directory walk reads it


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
            write_file(out, render(reading, fmt))
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


def write_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: into a temporary file beside it, flushed and synced, then renamed
    over it, so that a killed run or a full disk never leaves a partial file under the real name. A device
    (``/dev/full``, ``/dev/stdout``) is written directly."""
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        target.write_text(text, encoding="utf-8")
        return
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        _write_new_file(temp, text.encode("utf-8"))
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        raise


def _write_new_file(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data``, synced to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class BatchOutput:
    """Where a batch's readings go: one JSONL stream, one file per article in a folder, or stdout."""

    def __init__(self, fmt: str, out: Path | None, resume: bool) -> None:
        self.fmt = fmt
        self.out = out
        self.per_file = fmt in ("json", "html") or (out is not None and out.is_dir())
        if self.per_file and out is None:
            raise ValueError(f"--format {fmt} for a batch writes one file per article: give --out DIRECTORY")
        self.cut_bytes = 0  # how much of a JSONL output's end a resumed run cut off: a torn last line
        if self.per_file and out.is_dir():
            _remove_temporary_files(out)
        self.done: set[str] = self._already_done() if resume else set()
        self._names: dict[str, str] = {}  # per-article file name (case-folded) -> the identity written there
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
            return _identities_in_folder(self.out) if self.out.is_dir() else set()
        if not self.out.exists():
            return set()
        done, self.cut_bytes = _origins_in_jsonl(self.out)
        return done

    def write(self, reading: Reading) -> None:
        text = render(reading, self.fmt)
        if self.per_file:
            path = self.out / self._file_name(reading.article)
            with writing(path):
                write_file(path, text)
        elif self._stream is not None:
            with writing(self.out):
                self._stream.write(text)
                self._stream.flush()
        else:
            sys.stdout.write(text)

    def _file_name(self, article: Article) -> str:
        """The article's own file: its origin made safe, with a short hash of its identity where that changed
        the origin or where another article of this run has the name already."""
        identity, stem = article_identity(article), _readable_stem(article.origin)
        suffix = PER_FILE_SUFFIX.get(self.fmt, "json")
        name = f"{stem}.{suffix}"
        if stem != article.origin or self._names.get(name.casefold(), identity) != identity:
            name = f"{stem}.{_short_hash(identity)}.{suffix}"
        self._names[name.casefold()] = identity
        return name

    def close(self) -> None:
        """Flush and sync the JSONL output, then close it."""
        if self._stream is None:
            return
        stream, self._stream = self._stream, None
        with writing(self.out or "-"), stream:
            stream.flush()
            if self.out is not None and self.out.is_file():
                os.fsync(stream.fileno())

    def __enter__(self) -> BatchOutput:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _origins_in_jsonl(path: Path) -> tuple[set[str], int]:
    """Identities of the complete readings in a JSONL output, and how many bytes were cut from its end: a torn
    last line (a run killed mid-write, or one with no newline yet) never counts, and is cut off so that the
    lines a resumed run appends start on a line of their own."""
    done, keep_bytes = set(), 0
    with path.open("rb") as handle:
        for line in handle:
            record = _complete_record(line)
            if record is None:
                break
            done |= _identities(record.get("article") if isinstance(record, dict) else None)
            keep_bytes += len(line)
    cut = path.stat().st_size - keep_bytes
    if cut:
        with path.open("r+b") as handle:
            handle.truncate(keep_bytes)
    return done, cut


def _complete_record(line: bytes) -> object | None:
    """The JSON on a complete JSONL line (one that ends in a newline and parses), else None."""
    if not line.endswith(b"\n"):
        return None
    try:
        return json.loads(line)
    except ValueError:
        return None


def _readable_stem(origin: str | None) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", origin or "article").strip("._") or "article"
    return safe[-150:]


def _short_hash(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:10]


def _identities(article: object) -> set[str]:
    """The identity of a written reading's article (see ``article_identity``), or none if it is unreadable."""
    try:
        return {article_identity(Article.model_validate(article))}
    except ValueError:
        return set()


def _remove_temporary_files(folder: Path) -> None:
    """Remove the files a killed run left half-written (never renamed to their real names)."""
    for path in folder.glob(f".*{TEMP_SUFFIX}"):
        with suppress(OSError):
            path.unlink()


def _identities_in_folder(folder: Path) -> set[str]:
    """Identities of the complete readings in a per-article folder (hidden files left out)."""
    files = [path for path in folder.iterdir() if path.is_file() and not path.name.startswith(".")]
    return {key for path in files for key in _identities_of_file(path)}


def _identities_of_file(path: Path) -> set[str]:
    """The identity a written reading names, if the file is complete (JSON that parses, a page that ends)."""
    if path.suffix == ".json":
        try:
            return _identities(json.loads(path.read_text(encoding="utf-8"))["article"])
        except (ValueError, KeyError, TypeError):
            return set()
    page = path.read_text(encoding="utf-8", errors="replace")
    if not page.rstrip().endswith("</html>"):
        return set()
    found = re.findall(r'<meta name="byline-identity" content="([^"]*)"', page[:4000])
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
    own_files = tuple(path for path in (out, errors) if path is not None)
    _refuse_an_output_that_is_an_input(inputs, own_files)
    options = dataclasses.replace(options, skip_paths=(*options.skip_paths, *own_files))
    failures: list[BylineError] = []
    counts = {"read": 0, "skipped": 0}
    # append=False: a resumed run retries the failed ones and lists them anew
    with BatchOutput(fmt, out, resume) as output, ErrorLog(errors, append=False) as failed_log:
        if output.cut_bytes:
            message = f"{out}: cut an incomplete last line ({output.cut_bytes} bytes), left by a stopped run"
            console.print(message, highlight=False, soft_wrap=True)
        articles = skip_done(read_inputs(inputs, options), output.done, counts)
        _read_into(reader.read_stream(articles), output, failed_log, failures, counts, console)
    _report(failures, counts, console)
    return failures


def _read_into(
    items: Iterable[Reading | BylineError],
    output: BatchOutput,
    failed_log: ErrorLog,
    failures: list[BylineError],
    counts: dict[str, int],
    console: Console,
) -> None:
    """Write each reading and log each failure as it comes, with a spinner counting them."""
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True
    ) as progress:
        task = progress.add_task("reading", total=None)
        for item in items:
            if isinstance(item, BylineError):
                failures.append(item)
                failed_log.add(item)
            else:
                output.write(item)
                counts["read"] += 1
            progress.update(task, description=f"read {counts['read']} · failed {len(failures)}")


def _refuse_an_output_that_is_an_input(inputs: list[str], own_files: tuple[Path, ...]) -> None:
    """A batch must not read (or, opening it, empty) its own output or errors file."""
    named = {os.path.realpath(name) for name in inputs if name != "-"}
    for path in own_files:
        if os.path.realpath(path) in named and not path.is_dir():
            raise ValueError(f"{path} is one of the inputs: a batch cannot write where it reads")


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

    def __enter__(self) -> ErrorLog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def skip_done(
    items: Iterable[Article | BylineError], done: set[str], counts: dict[str, int]
) -> Iterator[Article | BylineError]:
    """The items but the articles whose identity (``article_identity``) is in ``done``, counted as skipped.
    ``done`` is looked up as each item comes, so identities a caller adds on the way are skipped too."""
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
