"""What a corpus run shows while it runs: a progress bar on a terminal, a line every few seconds in a log.

The total is estimated (in a thread, so that reading starts at once) by counting the inputs' files, JSONL
lines and WARC response records; the count, rate, ETA, failures and skipped inputs are the run's own.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from byline.ingest.options import IngestOptions
from byline.ingest.sources import walk_all

JSONL_NAMES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_NAMES = (".warc", ".warc.gz")
WARC_ARTICLE_RECORDS = ("response", "resource")


@dataclass
class RunCounts:
    """How far a run has come."""

    read: int = 0
    failed: int = 0
    skipped: int = 0  # inputs that are not articles (binary, unknown type, empty)
    repeated: int = 0  # articles met a second time in this run's inputs
    already_done: int = 0  # articles in the database before this run
    started: float = field(default_factory=time.monotonic)

    @property
    def handled(self) -> int:
        return self.read + self.failed + self.skipped + self.repeated

    def rate(self, now: float | None = None) -> float:
        """Articles read (or failed) a second since the run began."""
        elapsed = (now or time.monotonic()) - self.started
        return (self.read + self.failed) / elapsed if elapsed > 0 else 0.0


def estimate_items(inputs: Iterable[str], options: IngestOptions) -> int | None:
    """About how many items (articles, failures, skipped files) the inputs hold; None where it cannot be told
    (standard input)."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        if path.is_dir():
            total += sum(_estimate_file(p) if readable else 1 for p, readable in walk_all(path, options))
        elif path.is_file():
            total += _estimate_file(path)
        else:
            total += 1
    return total


def _estimate_file(path: Path) -> int:
    name = path.name.lower()
    try:
        if name.endswith(JSONL_NAMES):
            with _open(path) as handle:
                return max(1, sum(1 for line in handle if line.strip()))
        if name.endswith(WARC_NAMES):
            from warcio.archiveiterator import ArchiveIterator

            with path.open("rb") as handle:
                return max(1, sum(r.rec_type in WARC_ARTICLE_RECORDS for r in ArchiveIterator(handle)))
    except Exception:  # a damaged file: reading it will say what is wrong; here it is one item
        return 1
    return 1


def _open(path: Path) -> IO[bytes]:
    """The file, decompressed where it is gzipped."""
    with path.open("rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else path.open("rb")


class RunProgress:
    """The run's progress on ``console``: a live bar on a terminal; elsewhere (a log, a pipe) a line at most
    every ``log_every`` seconds (0: after every change) and one at the end."""

    def __init__(self, console: Console, log_every: float = 10.0) -> None:
        self.console = console
        self.log_every = log_every
        self.total: int | None = None  # items this run will handle, once estimated
        self.limit: int | None = None
        self._estimated: int | None = None
        self._estimating: threading.Thread | None = None
        self._last_line = 0.0
        self._last_shown: tuple[int, int | None] | None = None
        self._bar: Progress | None = None
        self._task = None

    def estimate(self, inputs: list[str], options: IngestOptions, already_done: int, limit: int | None) -> None:
        """Count the inputs in a thread; the total becomes known when it is done."""
        self.limit = limit

        def count() -> None:
            estimated = estimate_items(inputs, options)
            if estimated is not None:
                self._estimated = max(estimated - already_done, 0)

        self._estimating = threading.Thread(target=count, name="byline-estimate", daemon=True)
        self._estimating.start()

    def _total(self, counts: RunCounts) -> int | None:
        total = self._estimated
        if self.limit is not None:
            total = self.limit + counts.skipped + counts.repeated if total is None else min(total, self.limit)
        return None if total is None else max(total, counts.handled)

    def __enter__(self) -> RunProgress:
        if self.console.is_terminal:
            self._bar = Progress(
                SpinnerColumn(),
                TextColumn("corpus"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TextColumn("ETA {task.fields[eta]}"),
                TextColumn("{task.fields[problems]}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("corpus", total=None, rate="", eta="?", problems="")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc_info)

    def update(self, counts: RunCounts, final: bool = False) -> None:
        now = time.monotonic()
        total = self._total(counts)
        rate = counts.rate(now)
        eta = _eta(total, counts, rate)
        problems = f"failed {counts.failed} · skipped {counts.skipped}"
        if self._bar is not None:
            self._bar.update(
                self._task, total=total, completed=counts.handled, rate=f"{rate:.2f}/s", eta=eta, problems=problems
            )
        elif (final or now - self._last_line >= self.log_every) and (counts.handled, total) != self._last_shown:
            self._last_line, self._last_shown = now, (counts.handled, total)
            of = f"/{total}" if total is not None else ""
            line = (
                f"corpus: {counts.handled}{of} · read {counts.read} · {rate:.2f} articles/s · ETA {eta} · "
                f"{problems} · already done {counts.already_done}"
            )
            self.console.print(line, highlight=False, soft_wrap=True, markup=False)


def _eta(total: int | None, counts: RunCounts, rate: float) -> str:
    if total is None or rate <= 0:
        return "?"
    seconds = int(max(total - counts.handled, 0) / rate)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
