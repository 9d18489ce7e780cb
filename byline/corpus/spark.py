"""``byline corpus run --engine spark``: the local engine's reading on PySpark, written as Parquet.

The driver enumerates the inputs into Articles as ``byline corpus run`` does (``byline.corpus.run._articles``:
folders, WARC, JSONL; files that are not articles become error rows; articles already in a store, repeated in
the inputs or past ``limit`` are left out). Spark reads them: each partition (``mapPartitions``) builds one
``Reader`` from the Settings (kept in its Python worker, which Spark reuses, so the next partitions there find
it built) and turns each reading into the rows of the corpus tables (``byline.store.rows.reading_rows``), each
row tagged with its table; an article that fails becomes an ``errors`` row with its reason, so every input is
either an article row or an error row. The tagged rows are kept (persisted) and written once per table with
Spark's Parquet writer, one folder per table under ``out`` (``out/articles/``, ``out/sentences/``, …, ``out/runs/``
last), in the columns and types of ``byline.store.schema``. ``run_id`` is left empty: ``byline corpus load``
(``byline.corpus.load``) gives the rows the id of the run that loads them. The driver holds the articles to
read (their texts) while Spark reads them, so a corpus larger than the driver's memory is best run in parts.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from byline import __version__
from byline.corpus.progress import RunCounts
from byline.corpus.run import CHUNK_SIZE, Failed, RunResult, _articles, read_chunk
from byline.errors import BylineError, import_extra
from byline.ingest import IngestOptions
from byline.reading import Article, article_identity
from byline.settings import Settings
from byline.store.rows import ArticleRows
from byline.store.schema import ARTICLE_TABLES, ARTICLES, ERRORS, RUNS, Table

if TYPE_CHECKING:
    from byline.pipeline import Reader

DEFAULT_MASTER = "local[*]"
PARTITIONS_PER_CORE = 4  # more partitions than cores: an even spread (the Reader stays built in each worker)
FATAL = "__fatal__"  # the tag of a partition that could not build its Reader
DATA_TABLES = (ARTICLES, *ARTICLE_TABLES, ERRORS)  # written from the readings; ``runs`` (one row) after them

Tagged = tuple[str, tuple[object, ...]]  # (table name, row in its column order)


class SparkError(BylineError):
    """Spark could not start or failed a job: the catalogued one line saying why."""

    def __init__(self, source: str | None, detail: str) -> None:
        super().__init__("spark_failed", source, detail=detail)


def import_pyspark() -> Any:
    """The pyspark module, or the catalogued one-line error saying which extra installs it."""
    return import_extra("pyspark", "spark")


def spark_type(sql_type: str) -> Any:
    """The Spark type of one of ``byline.store.schema``'s SQL types."""
    from pyspark.sql import types

    return {
        "VARCHAR": types.StringType(),
        "INTEGER": types.IntegerType(),
        "DOUBLE": types.DoubleType(),
        "BOOLEAN": types.BooleanType(),
        "TIMESTAMP": types.TimestampNTZType(),  # SQL TIMESTAMP: UTC, no time zone (as DuckDB stores it)
    }[sql_type]


def spark_schema(table: Table) -> Any:
    """A table of ``byline.store.schema`` as a Spark StructType (every column nullable)."""
    from pyspark.sql.types import StructField, StructType

    return StructType([StructField(name, spark_type(sql_type), nullable=True) for name, sql_type in table.columns])


@contextmanager
def spark_session(master: str = DEFAULT_MASTER) -> Iterator[Any]:
    """The active Spark session (left running), else a new one on ``master``, stopped at the end.

    Spark's Python workers run this interpreter (``PYSPARK_PYTHON``, unless set), so that they import spaCy and
    byline; a local master binds the loopback address (``SPARK_LOCAL_IP``, unless set) and has no web UI."""
    import_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName("byline corpus run")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.ui.enabled", "false")
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # no Java, a master that cannot be reached
        raise SparkError(master, f"could not start: {_first_line(exc)}") from None
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{type(exc).__name__}: {lines[0][:300] if lines else ''}"


# ------------------------------------------------------------------------------------------------ the partitions

_READERS: dict[Settings, Reader] = {}  # one per Python worker process, for the Settings last asked for


def _reader(settings: Settings) -> Reader:
    reader = _READERS.get(settings)
    if reader is None:
        from byline.pipeline import Reader

        _READERS.clear()
        reader = _READERS[settings] = Reader(settings)
    return reader


def read_partition(
    items: Iterable[Article | Failed], settings: Settings, chunk_size: int = CHUNK_SIZE
) -> Iterator[Tagged]:
    """One partition's rows, each tagged with its table: every article's rows (its ``articles`` row after the
    others) or its ``errors`` row; the inputs' own errors pass through as ``errors`` rows. The Reader is built
    only for a partition with an article; one that cannot be built gives a single ``FATAL`` row."""
    items = iter(items)
    reader: Reader | None = None
    while chunk := list(islice(items, chunk_size)):
        articles = [item for item in chunk if isinstance(item, Article)]
        for item in chunk:
            if isinstance(item, Failed):
                yield ERRORS.name, (None, *item.row)
        if not articles:
            continue
        if reader is None:
            try:
                reader = _reader(settings)
            except BylineError as exc:
                yield FATAL, (exc.code, exc.source, exc.details)
                return
        for outcome in _outcomes(reader, articles):
            yield from _tagged(outcome)


def _outcomes(reader: Reader, articles: list[Article]) -> list[ArticleRows | Failed]:
    """``read_chunk``; where the chunk as a whole fails, each article alone, so that one failure costs one."""
    try:
        return read_chunk(reader, articles)
    except Exception as exc:
        if len(articles) == 1:
            return [_internal(articles[0], exc)]
    outcomes: list[ArticleRows | Failed] = []
    for article in articles:
        try:
            outcomes.extend(read_chunk(reader, [article]))
        except Exception as exc:
            outcomes.append(_internal(article, exc))
    return outcomes


def _internal(article: Article, exc: BaseException) -> Failed:
    error = BylineError("internal", article.origin, detail=f"{type(exc).__name__}: {exc}")
    return Failed(article.origin, article_identity(article), error.code, error.message)


def _tagged(outcome: ArticleRows | Failed) -> Iterator[Tagged]:
    if isinstance(outcome, Failed):
        yield ERRORS.name, (None, *outcome.row)
        return
    for table in ARTICLE_TABLES:
        for row in outcome.tables.get(table.name, ()):
            yield table.name, tuple(row)
    yield ARTICLES.name, tuple(outcome.article)


def _is_table(name: str, tagged: Tagged) -> bool:
    return tagged[0] == name


# ------------------------------------------------------------------------------------------------ the driver


@dataclass
class SparkResult:
    out: str
    counts: RunCounts
    failures: list[Failed] = field(default_factory=list)  # failed articles and inputs
    skipped: list[Failed] = field(default_factory=list)  # inputs that are not articles
    partitions: int = 0
    seconds: float = 0.0  # reading and writing, the session's start left out
    startup_seconds: float = 0.0

    def as_counts(self) -> dict[str, Any]:
        c = self.counts
        return {
            "articles": c.read,
            "failed": c.failed,
            "skipped": c.skipped,
            "already_done": c.already_done,
            "repeated": c.repeated,
            "partitions": self.partitions,
            "seconds": self.seconds,
            "startup_seconds": self.startup_seconds,
        }


class _InputErrors(list):
    """What ``_articles`` records its inputs' errors into (the local engine's writer, as a list)."""

    def add_input_error(self, failed: Failed) -> None:
        self.append(failed)


def plan(
    inputs: Sequence[str], options: IngestOptions, done: AbstractSet[str] = frozenset(), limit: int | None = None,
    own_paths: Sequence[Path] = (),
) -> tuple[list[Article | Failed], RunCounts]:
    """What the local engine would read, in input order: the articles not in ``done`` (nor met before, at most
    ``limit``) and the inputs that are not articles; with the counts of those left out."""
    options = dataclasses.replace(options, list_other_files=True, skip_paths=(*options.skip_paths, *own_paths))
    result = RunResult(0, RunCounts())
    items: list[Article | Failed] = []
    errors = _InputErrors()
    for article in _articles(inputs, options, set(done), result, errors, limit):  # type: ignore[arg-type]
        items.extend(errors)
        errors.clear()
        items.append(article)
    items.extend(errors)
    return items, result.counts


def run_spark(
    inputs: Sequence[str],
    out: str | Path,
    settings: Settings,
    options: IngestOptions,
    session: Any,
    *,
    done: AbstractSet[str] = frozenset(),
    limit: int | None = None,
    partitions: int | None = None,
    own_files: Sequence[Path] = (),
) -> SparkResult:
    """Read the inputs with Spark ``session`` into Parquet under ``out`` (one folder per corpus table; ``out``
    must hold none of them; ``own_files``, such as the database, are never read as inputs). Raises BylineError
    (an output already there, a Reader that cannot be built) or SparkError (a failed job)."""
    from pyspark import StorageLevel

    out_text = str(out)
    local_out = None if "://" in out_text else Path(out_text)
    if local_out is not None:
        taken = [t.name for t in (*DATA_TABLES, RUNS) if (local_out / t.name).exists()]
        if taken:
            detail = f"it already holds {', '.join(taken)}: choose another --out, or remove it"
            raise BylineError("unwritable", out_text, detail=detail)
    began = time.monotonic()
    started = _now()
    own = [*own_files, *([local_out] if local_out is not None else [])]
    items, counts = plan(inputs, options, done, limit, own)
    context = session.sparkContext
    cores = context.defaultParallelism
    n_parts = partitions or max(1, min(-(-len(items) // CHUNK_SIZE), cores * PARTITIONS_PER_CORE))
    tagged = context.parallelize(items, n_parts).mapPartitions(partial(read_partition, settings=settings))
    tagged = tagged.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        rows_by_table, errors, fatal = _gathered(_job(lambda: tagged.mapPartitions(_partition_summary).collect()))
        if fatal is not None:
            code, source, details = fatal
            raise BylineError(code, source, **details)
        result = SparkResult(out_text, counts, partitions=n_parts)
        for _run_id, origin, article_id, code, message in errors:
            failed = Failed(origin, article_id, code, message)
            (result.skipped if failed.not_an_article else result.failures).append(failed)
        counts.read = int(rows_by_table.get(ARTICLES.name, 0))
        counts.failed, counts.skipped = len(result.failures), len(result.skipped)
        for table in DATA_TABLES:
            rows = tagged.filter(partial(_is_table, table.name)).values().coalesce(min(n_parts, cores))
            _write(session.createDataFrame(rows, spark_schema(table)), out_text, table)
        run_row = (
            None, started, _now(), json.dumps(list(inputs)), context.defaultParallelism, __version__, settings.model,
            counts.read, counts.failed, counts.skipped,
        )
        _write(session.createDataFrame([run_row], spark_schema(RUNS)).coalesce(1), out_text, RUNS)
    finally:
        tagged.unpersist()
    result.seconds = time.monotonic() - began
    return result


def _partition_summary(tagged: Iterable[Tagged]) -> Iterator[tuple[dict[str, int], list[tuple], tuple | None]]:
    """A partition's rows counted by table, its ``errors`` rows, and its ``FATAL`` row if any: one item."""
    counts: dict[str, int] = {}
    errors, fatal = [], None
    for name, row in tagged:
        counts[name] = counts.get(name, 0) + 1
        if name == ERRORS.name:
            errors.append(row)
        elif name == FATAL and fatal is None:
            fatal = row
    yield counts, errors, fatal


def _gathered(summaries: list[tuple[dict[str, int], list[tuple], tuple | None]]) -> tuple[dict, list, tuple | None]:
    counts: dict[str, int] = {}
    errors: list[tuple] = []
    fatal = None
    for part_counts, part_errors, part_fatal in summaries:
        for name, n in part_counts.items():
            counts[name] = counts.get(name, 0) + n
        errors.extend(part_errors)
        fatal = fatal or part_fatal
    return counts, errors, fatal


def _job(action: Any) -> Any:
    """A Spark action; its failure as one line."""
    try:
        return action()
    except BylineError:
        raise
    except Exception as exc:
        raise SparkError(None, f"failed the job: {_first_line(exc)}") from None


def _write(frame: Any, out: str, table: Table) -> None:
    path = out.rstrip("/") + "/" + table.name
    _job(lambda: frame.write.mode("errorifexists").parquet(path))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def read_with_spark(
    inputs: Sequence[str],
    out: str | Path,
    settings: Settings,
    master: str = DEFAULT_MASTER,
    options: IngestOptions | None = None,
    *,
    limit: int | None = None,
    done: AbstractSet[str] = frozenset(),
) -> dict[str, Any]:
    """The Spark engine on ``master`` (a session of its own, unless one is active), for a benchmark: the counts
    (``articles`` read, ``failed``, ``skipped``, …) and ``seconds`` (reading and writing; ``startup_seconds``:
    the session's start)."""
    began = time.monotonic()
    with spark_session(master) as session:
        startup = time.monotonic() - began
        result = run_spark(inputs, out, settings, options or IngestOptions(), session, done=done, limit=limit)
    result.startup_seconds = startup
    return result.as_counts()

