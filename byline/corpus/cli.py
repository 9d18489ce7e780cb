"""``byline corpus run|export|report``: thin shells over ``byline.corpus`` (the ``corpus`` extra: DuckDB; the
``postgres`` extra: psycopg, for a PostgreSQL URL as ``--db``)."""

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
    help="Read a corpus into a DuckDB or PostgreSQL database (resumable), report on it, export it to Parquet.",
    no_args_is_help=True,
)

LISTED = 20  # failures and skipped inputs listed at the end of a run; the errors table has them all
INTERRUPTED = 130
STORE_FAILED = 3  # as byline read's exit code when an output could not be written


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class Engine(StrEnum):
    local = "local"
    spark = "spark"


if TYPE_CHECKING:
    from byline.corpus.run import RunResult
    from byline.ingest import IngestOptions
    from byline.settings import Settings

DbOption = typer.Option(
    ..., "--db", help="The corpus database: a DuckDB file, or a PostgreSQL URL postgresql://user@host/dbname "
    "(the postgres extra)."
)


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
    db: str | None = typer.Option(
        None, "--db", help="The corpus database: a DuckDB file, or a PostgreSQL URL (the postgres extra). Needed "
        "by the local engine; with --engine spark, optional: the articles it holds are left out."
    ),
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
    engine: Engine = typer.Option(
        Engine.local, "--engine", help="local: worker processes into --db; spark: PySpark (the spark extra) into "
        "Parquet under --out, for `byline corpus load`."
    ),
    master: str = typer.Option("local[*]", "--master", help="With --engine spark: the Spark master URL."),
    out: str | None = typer.Option(
        None, "--out", "-o", help="With --engine spark: the folder to write one Parquet folder per table into."
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
    from byline.store import open_store, store_files, store_name

    try:
        options = IngestOptions(
            max_bytes=max_bytes, require_english=not any_language, field_map=parse_field_map(field)
        )
    except ValueError as exc:
        _fail(str(exc), code=2)
    if "-" in inputs:
        _fail("a corpus run reads files and folders, not standard input", code=2)
    settings = Settings(model=model or default_model(), min_confidence=min_confidence, accurate=default_accurate())
    if engine is Engine.spark:
        _run_spark(inputs, db, out, master, settings, options, limit)
        return
    if db is None or out is not None:
        _fail("the local engine writes --db (--out is for --engine spark)", code=2)
    n_workers = default_workers() if workers is None else workers
    began = time.monotonic()
    try:
        with open_store(db) as store:
            own = store_files(db)
            with RunProgress(stderr, log_every=log_every) as progress:
                result = run_corpus(
                    inputs, store, options, settings, n_workers, limit=limit, progress=progress, own_files=own
                )
    except KeyboardInterrupt:
        message = f"interrupted: the articles written so far are in {store_name(db)}; run again to go on"
        stderr.print(message, highlight=False, markup=False)
        raise typer.Exit(INTERRUPTED) from None
    except BylineError as exc:
        _fail(exc.message, code=STORE_FAILED if exc.code.startswith("db_") or exc.code == "unwritable" else 1)
    except OSError as exc:  # the database file could not be written (full disk, read-only folder)
        detail = exc.strerror or type(exc).__name__
        _fail(BylineError("unwritable", store_name(db), detail=detail).message, STORE_FAILED)
    _summary(result, store_name(db), time.monotonic() - began, n_workers, stderr)
    if result.failures:
        raise typer.Exit(1)


def _summary(result: RunResult, db: str, seconds: float, workers: int, console: Console) -> None:
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


def _run_spark(
    inputs: list[str], db: str | None, out: str | None, master: str, settings: Settings, options: IngestOptions,
    limit: int | None,
) -> None:
    """``corpus run --engine spark``: Parquet under ``out``, leaving out the articles ``db`` holds (if given)."""
    from byline.console import stderr
    from byline.corpus.spark import SparkError, run_spark, spark_session
    from byline.store import store_files

    if out is None:
        _fail("--engine spark writes Parquet: give --out DIR (then `byline corpus load DIR --db …`)", code=2)
    began = time.monotonic()
    try:
        done = _done_ids(db) if db is not None else set()
        own = store_files(db) if db is not None else ()
        with spark_session(master) as session:
            result = run_spark(inputs, out, settings, options, session, done=done, limit=limit, own_files=own)
    except KeyboardInterrupt:
        stderr.print(f"interrupted: {out} is not a whole output; run again into another --out", markup=False)
        raise typer.Exit(INTERRUPTED) from None
    except SparkError as exc:
        _fail(exc.message)
    except BylineError as exc:
        _fail(exc.message, code=STORE_FAILED if exc.code.startswith("db_") or exc.code == "unwritable" else 1)
    c, seconds = result.counts, time.monotonic() - began
    parts = [f"read {c.read} article(s) in {seconds:.1f} s on Spark {master} ({result.partitions} partition(s))"]
    if c.already_done:
        parts.append(f"{c.already_done} already in the database")
    if c.repeated:
        parts.append(f"{c.repeated} repeated in the inputs")
    parts += [f"{c.failed} failed", f"{c.skipped} skipped (not articles)"]
    stderr.print(f"{out}: " + ", ".join(parts), highlight=False, soft_wrap=True, markup=False)
    for label, items in (("skipped", result.skipped), ("failed", result.failures)):
        for item in items[:LISTED]:
            stderr.print(f"  {label}: {item.message}", highlight=False, soft_wrap=True, markup=False)
        if len(items) > LISTED:
            stderr.print(f"  … {len(items) - LISTED} more {label} (the errors table has them all)", markup=False)
    if result.failures:
        raise typer.Exit(1)


def _done_ids(db: str) -> set[str]:
    """The articles a corpus database holds; none where its DuckDB file is not there yet."""
    from byline.store import is_url, open_store

    if not is_url(db) and not Path(db).exists():
        return set()
    with open_store(db, read_only=True) as store:
        return store.done_ids()


@corpus_app.command("load")
def load(
    folder: Path = typer.Argument(..., help="The --out folder of `byline corpus run --engine spark`."),
    db: str = DbOption,
) -> None:
    """Load the Parquet output of a Spark run into a corpus database (resumable, idempotent).

    Articles the database holds already are skipped, each article is written with all its rows or none,
    and a second load of the same output writes nothing."""
    from byline.corpus.load import load_parquet
    from byline.store import open_store, store_name

    try:
        with open_store(db) as store:
            result = load_parquet(folder, store)
    except BylineError as exc:
        _fail(exc.message, code=STORE_FAILED if exc.code.startswith("db_") or exc.code == "unwritable" else 1)
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        _fail(BylineError("unwritable", store_name(db), detail=detail).message, STORE_FAILED)
    already = f"{result.already_done} already in the database"
    if result.run_id is None:
        typer.echo(f"{store_name(db)}: nothing new in {folder} ({already})")
        return
    typer.echo(
        f"{store_name(db)}: run {result.run_id}: loaded {result.read} article(s) from {folder}, {already}, "
        f"{result.failed} failed, {result.skipped} skipped (not articles)"
    )


@corpus_app.command("export")
def export(
    db: str = DbOption,
    out: Path = typer.Option(..., "--out", "-o", help="The folder to write <table>.parquet files into."),
    table: list[str] = typer.Option([], "--table", help="Only this table (repeatable; default: all)."),
) -> None:
    """Write the corpus tables as Parquet files."""
    from byline.corpus.export import export_parquet
    from byline.store import open_store

    try:
        with open_store(db, read_only=True) as store:
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
    db: str = DbOption,
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet's articles."),
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text, json or csv."),
    top: int = typer.Option(10, "--top", min=1, help="Speakers listed, overall and per outlet."),
    max_outlets: int = typer.Option(
        20, "--max-outlets", min=0, help="Outlets in the per-outlet sections, most articles first (0: all)."
    ),
    since: str | None = typer.Option(
        None, "--since", help="Only articles published on or after this day (YYYY-MM-DD; undated ones left out)."
    ),
) -> None:
    """Top speakers, anonymous sources, second-hand reports and attributed text, overall and per outlet;
    quotes from women and men per outlet and month, and source categories per outlet.

    anonymous: the share of attributions with an anonymous source; second-hand: the share reported through
    another report (chain depth 2 or more); attributed: the share of the text inside attributed content."""
    from byline.corpus.report import check_since, corpus_report, render_report
    from byline.store import open_store

    try:
        if since is not None:
            check_since(since)
    except ValueError as exc:
        _fail(f"--{exc}", code=2)
    try:
        with open_store(db, read_only=True) as store:
            found = corpus_report(store, outlet=outlet, top=top, max_outlets=max_outlets, since=since)
    except BylineError as exc:
        _fail(exc.message)
    typer.echo(render_report(found, fmt.value), nl=False)
