"""``byline corpus run``: many inputs read by worker processes into a corpus store, resumable.

The inputs are read as ``byline read`` reads a batch (``byline.ingest.read_inputs``: folders, WARC, JSONL),
and articles already in the store are skipped by identity (``byline.batch.skip_done``,
``byline.reading.article_identity``). Worker processes (spawned; each builds one ``Reader`` once) read chunks
of articles and turn each reading into table rows; this process alone writes the store, one transaction per
chunk holding whole articles, so that a run killed at any moment leaves only finished articles, and a rerun
goes on where it stopped. A file in a folder that is not an article (binary, an unknown type, empty) is
recorded as skipped with its reason.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from byline.batch import skip_done
from byline.corpus.progress import RunCounts, RunProgress
from byline.errors import BylineError
from byline.ingest import IngestOptions, read_inputs
from byline.reading import Article, article_identity
from byline.settings import Settings
from byline.store import ArticleRows, ErrorRow, Store
from byline.store.schema import NOT_ARTICLE_CODES

if TYPE_CHECKING:
    from byline.pipeline import Reader

CHUNK_SIZE = 4  # articles a worker reads at a time: spaCy batches them; small enough for an even spread
MAX_POOL_RESTARTS = 3  # worker pools that may die (killed, out of memory) before the run gives up


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Failed:
    """An article (or input) that could not be read: a row of the ``errors`` table."""

    origin: str | None
    article_id: str | None
    code: str
    message: str

    @property
    def row(self) -> ErrorRow:
        return (self.origin, self.article_id, self.code, self.message)

    @property
    def not_an_article(self) -> bool:
        return self.code in NOT_ARTICLE_CODES


@dataclass(frozen=True)
class Fatal:
    """A worker that cannot read at all (its spaCy pipeline is missing): the run stops with this error."""

    code: str
    source: str | None
    details: dict = field(default_factory=dict)

    def error(self) -> BylineError:
        return BylineError(self.code, self.source, **self.details)


Outcome = ArticleRows | Failed


@dataclass
class RunResult:
    run_id: int
    counts: RunCounts
    failures: list[Failed] = field(default_factory=list)  # failed articles and inputs
    skipped: list[Failed] = field(default_factory=list)  # inputs that are not articles
    completed: bool = False


# ------------------------------------------------------------------------------------------------ the workers

_WORKER_READER = None
_WORKER_FATAL: Fatal | None = None


def _start_worker(settings: Settings) -> None:
    """A worker's start: ignore Ctrl-C (the parent stops the pool), die with the parent, build one Reader."""
    global _WORKER_READER, _WORKER_FATAL
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    from byline.pipeline import Reader

    try:
        _WORKER_READER = Reader(settings)
    except BylineError as exc:
        _WORKER_FATAL = Fatal(exc.code, exc.source, exc.details)


def _exit_with_parent() -> None:
    """A worker whose parent was killed (SIGKILL leaves no time to stop it) would wait for work forever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="byline-parent-watch", daemon=True).start()


def _read_chunk(articles: list[Article]) -> list[Outcome] | Fatal:
    """A worker's task: the rows of each article's reading, or its failure."""
    if _WORKER_FATAL is not None:
        return _WORKER_FATAL
    return read_chunk(_WORKER_READER, articles)


def read_chunk(reader: Reader, articles: list[Article]) -> list[Outcome]:
    """The rows of each article's reading (``reader.read_stream``), or its failure, in order."""
    from byline.store.rows import reading_rows

    outcomes: list[Outcome] = []
    for article, read in zip(articles, reader.read_stream(articles), strict=True):
        if isinstance(read, BylineError):
            outcomes.append(Failed(article.origin, article_identity(article), read.code, read.message))
            continue
        try:
            outcomes.append(reading_rows(read))
        except Exception as exc:  # one article's failure must not end the chunk
            error = BylineError("internal", article.origin, detail=f"{type(exc).__name__}: {exc}")
            outcomes.append(Failed(article.origin, article_identity(article), error.code, error.message))
    return outcomes


# ------------------------------------------------------------------------------------------------ the pools


class _InProcess:
    """Reading in this process with a given Reader (``workers=0``; tests and small jobs)."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    def submit(self, articles: list[Article]) -> Future:
        future: Future = Future()
        future.set_result(read_chunk(self.reader, articles))
        return future

    def shutdown(self) -> None:
        pass


class _Workers:
    """Worker processes, each with one Reader; started again (at most ``MAX_POOL_RESTARTS`` times) if a worker
    dies."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.restarts = 0
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, context, initializer=_start_worker, initargs=(self.settings,))

    def submit(self, articles: list[Article]) -> Future:
        try:
            return self.pool.submit(_read_chunk, articles)
        except BrokenProcessPool:
            self.restarts += 1
            if self.restarts > MAX_POOL_RESTARTS:
                raise BylineError(
                    "worker_died", None, detail=f"worker processes died {self.restarts} times; the run stops"
                ) from None
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            return self.pool.submit(_read_chunk, articles)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


# ------------------------------------------------------------------------------------------------ the run


def run_corpus(
    inputs: Sequence[str],
    store: Store,
    options: IngestOptions,
    settings: Settings,
    workers: int,
    *,
    limit: int | None = None,
    progress: RunProgress | None = None,
    reader: Reader | None = None,
    chunk_size: int = CHUNK_SIZE,
    own_files: Sequence[Path] = (),
) -> RunResult:
    """Read every article of the inputs not yet in ``store`` into it (at most ``limit``), with ``workers``
    processes (0: in this process, with ``reader`` or a new one). Raises BylineError when the run cannot go
    on (no worker can read; the store cannot be written)."""
    options = dataclasses.replace(
        options, list_other_files=True, skip_paths=(*options.skip_paths, *own_files)
    )
    done = store.done_ids()
    run_id = store.start_run(list(inputs), workers, settings.model)
    result = RunResult(run_id, RunCounts())
    if progress is not None:
        progress.estimate(list(inputs), options, len(done), limit)
    writer = _Writer(store, run_id, result, progress)
    pool = _pool(settings, workers, reader)
    try:
        _feed(_articles(inputs, options, done, result, writer, limit), pool, writer, max(2, 2 * workers), chunk_size)
        writer.flush()
        store.finish_run(run_id, result.counts.read, result.counts.failed, result.counts.skipped)
        result.completed = True
    finally:
        pool.shutdown()
    if progress is not None:
        progress.update(result.counts, final=True)
    return result


def _pool(settings: Settings, workers: int, reader: Reader | None) -> _InProcess | _Workers:
    if workers > 0:
        return _Workers(settings, workers)
    if reader is None:
        from byline.pipeline import Reader

        reader = Reader(settings)
    return _InProcess(reader)


def _articles(
    inputs: Sequence[str],
    options: IngestOptions,
    done: set[str],
    result: RunResult,
    writer: _Writer,
    limit: int | None,
) -> Iterator[Article]:
    """The articles to read: those not done and not met before in this run, at most ``limit``; every input
    that is no article is recorded on the way."""
    skipped = {"skipped": 0}
    seen: set[str] = set()
    taken = 0
    for item in skip_done(read_inputs(inputs, options), done, skipped):
        result.counts.already_done = skipped["skipped"]
        if isinstance(item, BylineError):
            writer.add_input_error(Failed(item.source, None, item.code, item.message))
            continue
        identity = article_identity(item)
        if identity in seen:
            result.counts.repeated += 1
            continue
        if limit is not None and taken >= limit:
            return
        seen.add(identity)
        taken += 1
        yield item
    result.counts.already_done = skipped["skipped"]


def _feed(
    articles: Iterable[Article], pool: _InProcess | _Workers, writer: _Writer, max_pending: int, chunk_size: int
) -> None:
    """Hand the articles to the pool in chunks, at most ``max_pending`` chunks at once, writing each chunk's
    outcomes as it comes back."""
    pending: dict[Future, list[Article]] = {}

    def collect(block_until: Callable[[], bool]) -> None:
        while pending and not block_until():
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                writer.add_outcomes(_outcomes(future, pending.pop(future)))
                writer.flush()

    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= chunk_size:
            pending[pool.submit(chunk)] = chunk
            chunk = []
            collect(lambda: len(pending) < max_pending)
    if chunk:
        pending[pool.submit(chunk)] = chunk
    collect(lambda: False)


def _outcomes(future: Future, articles: list[Article]) -> list[Outcome]:
    try:
        outcomes = future.result()
    except BrokenProcessPool:
        return [_died(article) for article in articles]
    if isinstance(outcomes, Fatal):
        raise outcomes.error()
    return outcomes


def _died(article: Article) -> Failed:
    error = BylineError("worker_died", article.origin, detail="killed, or out of memory")
    return Failed(article.origin, article_identity(article), error.code, error.message)


class _Writer:
    """Outcomes gathered and written: each flush is one transaction of whole articles and errors. Failures are
    counted as they come; articles once written."""

    ERRORS_AT_ONCE = 100  # errors of inputs (no article) kept before they are written on their own

    def __init__(self, store: Store, run_id: int, result: RunResult, progress: RunProgress | None) -> None:
        self.store = store
        self.run_id = run_id
        self.result = result
        self.progress = progress
        self.articles: list[ArticleRows] = []
        self.errors: list[Failed] = []

    def add_outcomes(self, outcomes: Iterable[Outcome]) -> None:
        counts = self.result.counts
        for outcome in outcomes:
            if not isinstance(outcome, Failed):
                self.articles.append(outcome)
                continue
            self.errors.append(outcome)
            if outcome.not_an_article:
                counts.skipped += 1
                self.result.skipped.append(outcome)
            else:
                counts.failed += 1
                self.result.failures.append(outcome)

    def add_input_error(self, failed: Failed) -> None:
        """An input that never became an article: written with the next articles (or the end of the run)."""
        self.add_outcomes([failed])
        if len(self.errors) >= self.ERRORS_AT_ONCE:
            self.flush()
        elif self.progress is not None:
            self.progress.update(self.result.counts)

    def flush(self) -> None:
        if self.articles or self.errors:
            self.store.write(self.run_id, self.articles, [error.row for error in self.errors])
            self.result.counts.read += len(self.articles)
            self.articles, self.errors = [], []
        if self.progress is not None:
            self.progress.update(self.result.counts)
