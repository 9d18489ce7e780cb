"""``byline corpus run|export|report``: thin shells over ``byline.corpus`` (the ``corpus`` extra: DuckDB)."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console

from byline.errors import BylineError
from byline.settings import DEFAULT_MAX_BYTES, DEFAULT_MIN_CONFIDENCE, MODEL_ENV, default_model

corpus_app = typer.Typer(
    help="Read a corpus into a DuckDB database (resumable), report on it, export it to Parquet.",
    no_args_is_help=True,
)

LISTED = 20  # failures and skipped inputs listed at the end of a run; the errors table has them all
INTERRUPTED = 130
STORE_FAILED = 3  # as byline read's exit code when an output could not be written


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


if TYPE_CHECKING:
    from byline.corpus.run import RunResult

DbOption = typer.Option(..., "--db", help="The corpus database (a DuckDB file).")


def register(app: typer.Typer) -> None:
    """Add the ``corpus`` commands to byline's command line."""
    app.add_typer(corpus_app, name="corpus")


def _fail(message: str, code: int = 1) -> NoReturn:
    """byline's one error line."""
    from byline.console import fail

    fail(message, code)


@corpus_app.command("run")
def run(
    inputs: list[str] = typer.Argument(..., help="Folders, .warc/.warc.gz, .jsonl/.jsonl.gz files."),
    db: Path = DbOption,
    workers: int | None = typer.Option(
        None, "--workers", "-w", min=0, help="Worker processes, each loading the pipeline once (default: the "
        "cores; 0 reads in this process)."
    ),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Read at most N new articles this run."),
    model: str | None = typer.Option(
        None, "--model", "-m", help=f"spaCy pipeline name (default: ${MODEL_ENV} or {default_model()})."
    ),
    min_confidence: float | None = typer.Option(
        DEFAULT_MIN_CONFIDENCE, "--min-confidence", min=0.0, max=1.0,
        help="Leave out attributions below this calibrated confidence (default: the shipped threshold).",
    ),
    field: list[str] = typer.Option(
        [], "--field", help="JSONL field mapping, byline_field=record_field (e.g. text=content_original). Repeatable."
    ),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse inputs larger than this."),
    any_language: bool = typer.Option(False, "--any-language", help="Read texts not detected as English."),
    log_every: float = typer.Option(
        10.0, "--log-every", min=0.0, help="With no terminal: a progress line every N seconds (0: every write)."
    ),
) -> None:
    """Read the inputs into a corpus database; a rerun goes on where the last one stopped.

    Tables articles, sentences, entities, attributions, spans, errors and runs, keyed by article id (the
    input's id, else a hash of the text). A rerun skips what is done; a killed run loses no finished article.
    Files that are not articles are listed as skipped. Exit 1 if any article failed."""
    from byline.batch import parse_field_map
    from byline.console import stderr
    from byline.corpus.progress import RunProgress
    from byline.corpus.run import default_workers, run_corpus
    from byline.ingest import IngestOptions
    from byline.settings import Settings, default_accurate
    from byline.store.duckdb_store import DuckDBStore

    try:
        options = IngestOptions(
            max_bytes=max_bytes, require_english=not any_language, field_map=parse_field_map(field)
        )
    except ValueError as exc:
        _fail(str(exc), code=2)
    if "-" in inputs:
        _fail("a corpus run reads files and folders, not standard input", code=2)
    settings = Settings(model=model or default_model(), min_confidence=min_confidence, accurate=default_accurate())
    n_workers = default_workers() if workers is None else workers
    began = time.monotonic()
    try:
        with DuckDBStore(db) as store:
            own = (db, db.with_name(db.name + ".wal"))
            with RunProgress(stderr, log_every=log_every) as progress:
                result = run_corpus(
                    inputs, store, options, settings, n_workers, limit=limit, progress=progress, own_files=own
                )
    except KeyboardInterrupt:
        message = f"interrupted: the articles written so far are in {db}; run again to go on"
        stderr.print(message, highlight=False, markup=False)
        raise typer.Exit(INTERRUPTED) from None
    except BylineError as exc:
        _fail(exc.message, code=STORE_FAILED if exc.code.startswith("db_") or exc.code == "unwritable" else 1)
    except OSError as exc:  # the database file could not be written (full disk, read-only folder)
        _fail(BylineError("unwritable", str(db), detail=exc.strerror or type(exc).__name__).message, STORE_FAILED)
    _summary(result, db, time.monotonic() - began, n_workers, stderr)
    if result.failures:
        raise typer.Exit(1)


def _summary(result: RunResult, db: Path, seconds: float, workers: int, console: Console) -> None:
    c = result.counts
    rate = c.read / seconds if seconds > 0 else 0.0
    parts = [f"read {c.read} article(s) in {seconds:.1f} s ({rate:.2f}/s, {workers} worker(s))"]
    if c.already_done:
        parts.append(f"{c.already_done} already in the database")
    if c.repeated:
        parts.append(f"{c.repeated} repeated in the inputs")
    parts.append(f"{c.failed} failed")
    parts.append(f"{c.skipped} skipped (not articles)")
    console.print(f"{db}: run {result.run_id}: " + ", ".join(parts), highlight=False, soft_wrap=True, markup=False)
    for label, items in (("skipped", result.skipped), ("failed", result.failures)):
        for item in items[:LISTED]:
            console.print(f"  {label}: {item.message}", highlight=False, soft_wrap=True, markup=False)
        if len(items) > LISTED:
            more = f"  … {len(items) - LISTED} more {label} (the errors table has them all)"
            console.print(more, highlight=False, markup=False)


@corpus_app.command("export")
def export(
    db: Path = DbOption,
    out: Path = typer.Option(..., "--out", "-o", help="The folder to write <table>.parquet files into."),
    table: list[str] = typer.Option([], "--table", help="Only this table (repeatable; default: all)."),
) -> None:
    """Write the corpus tables as Parquet files."""
    from byline.corpus.export import export_parquet
    from byline.store.duckdb_store import DuckDBStore

    try:
        with DuckDBStore(db, read_only=True) as store:
            written = export_parquet(store, out, table)
    except ValueError as exc:
        _fail(str(exc), code=2)
    except BylineError as exc:
        _fail(exc.message)
    except OSError as exc:
        _fail(BylineError("unwritable", str(out), detail=exc.strerror or type(exc).__name__).message, STORE_FAILED)
    for name, path, rows in written:
        typer.echo(f"{path}  {rows} rows  ({name})")


@corpus_app.command("report")
def report(
    db: Path = DbOption,
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet's articles."),
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text, json or csv."),
    top: int = typer.Option(10, "--top", min=1, help="Speakers listed, overall and per outlet."),
    max_outlets: int = typer.Option(
        20, "--max-outlets", min=0, help="Outlets in the per-outlet sections, most articles first (0: all)."
    ),
) -> None:
    """Top speakers, anonymous sources, second-hand reports and attributed text, overall and per outlet;
    quotes from women and men per outlet and month, and source categories per outlet.

    anonymous: the share of attributions with an anonymous source; second-hand: the share reported through
    another report (chain depth 2 or more); attributed: the share of the text inside attributed content."""
    from byline.corpus.report import corpus_report, render_report
    from byline.store.duckdb_store import DuckDBStore

    try:
        with DuckDBStore(db, read_only=True) as store:
            found = corpus_report(store, outlet=outlet, top=top, max_outlets=max_outlets)
    except BylineError as exc:
        _fail(exc.message)
    typer.echo(render_report(found, fmt.value), nl=False)
