"""``byline corpus load``: a Spark run's Parquet output (``byline.corpus.spark``) into a corpus store.

The output is one folder per corpus table (``DIR/articles/``, ``DIR/sentences/``, …, ``DIR/runs/``), each
finished by Spark's ``_SUCCESS`` marker; a folder without it (a Spark run stopped midway) is refused. DuckDB
reads the Parquet (no pyarrow, no Spark): every table ordered by article, so that each article's rows are
gathered as they stream by, then written through the Store protocol (``store.write``), whole articles in each
transaction, as ``byline corpus run`` writes them. Articles already in the store are skipped, and so are
``errors`` rows it already holds: a load stopped at any point, run again, goes on where it stopped, and a
second load of the same output writes nothing (not even a run).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from byline.errors import BylineError
from byline.store import ArticleRows, ErrorRow, Store
from byline.store.duckdb_store import import_duckdb, quoted
from byline.store.schema import ARTICLE_TABLES, ARTICLES, ERRORS, NOT_ARTICLE_CODES, RUNS, TABLES, Table

ARTICLES_AT_ONCE = 100  # articles in one write (one transaction)
FETCH = 2000  # rows fetched from DuckDB at a time

Row = tuple[Any, ...]


@dataclass
class LoadResult:
    run_id: int | None  # None: nothing new to write, so no run was recorded
    read: int = 0  # articles written
    already_done: int = 0  # articles the store held already
    failed: int = 0  # error rows written: articles (or inputs) that failed
    skipped: int = 0  # error rows written: inputs that are not articles
    errors_known: int = 0  # error rows the store held already
    inputs: list[str] = field(default_factory=list)  # the Spark run's inputs


def table_files(out: Path) -> dict[str, list[Path]]:
    """Each table's Parquet files under ``out``; raises BylineError where ``out`` is not a whole Spark output."""
    if not out.exists():
        raise BylineError("not_found", str(out))
    if not (out / ARTICLES.name).is_dir():
        detail = f"not the output of `byline corpus run --engine spark`: no {ARTICLES.name}/ folder"
        raise BylineError("unsupported", str(out), detail=detail)
    files = {}
    for table in TABLES:
        folder = out / table.name
        if not (folder / "_SUCCESS").is_file():
            detail = f"{folder.name}/ has no _SUCCESS: the Spark run did not finish; run it again"
            raise BylineError("truncated", str(out), detail=detail)
        files[table.name] = sorted(folder.glob("*.parquet"))
    return files


def _source(files: list[Path]) -> str:
    """``read_parquet`` of the files, with each row's file and place in it (the order Spark wrote)."""
    literal = ", ".join("'" + str(path).replace("'", "''") + "'" for path in files)
    return f"read_parquet([{literal}], filename = true, file_row_number = true)"


def _columns(table: Table, alias: str) -> str:
    return ", ".join(f"{alias}.{quoted(name)}" for name in table.column_names)


class _Tables:
    """The Parquet tables, read by one in-memory DuckDB: the articles in article order, each numbered, and
    every other table's rows in the same order, so that an article's rows are met as its turn comes."""

    def __init__(self, files: dict[str, list[Path]]) -> None:
        duckdb = import_duckdb()
        self.con = duckdb.connect()
        self.files = files
        if files[ARTICLES.name]:
            self.con.execute(
                "CREATE TABLE numbered AS SELECT article_id, row_number() OVER (ORDER BY article_id) AS seq "
                f"FROM (SELECT DISTINCT article_id FROM {_source(files[ARTICLES.name])})"
            )

    def rows(self, table: Table) -> Iterator[tuple[int, list[Row]]]:
        """(article number, its rows in the order Spark wrote them) for each article with rows in ``table``."""
        if not self.files[table.name] or not self.files[ARTICLES.name]:
            return
        cursor = self.con.cursor()
        cursor.execute(
            f"SELECT n.seq, {_columns(table, 't')} FROM {_source(self.files[table.name])} t "
            "JOIN numbered n USING (article_id) ORDER BY n.seq, t.filename, t.file_row_number"
        )
        current, rows = None, []
        while batch := cursor.fetchmany(FETCH):
            for seq, *values in batch:
                if seq != current and rows:
                    yield current, rows
                    rows = []
                current = seq
                rows.append(tuple(values))
        if rows:
            yield current, rows
        cursor.close()

    def all_rows(self, table: Table) -> list[Row]:
        if not self.files[table.name]:
            return []
        columns = ", ".join(quoted(name) for name in table.column_names)
        return self.con.execute(
            f"SELECT {columns} FROM {_source(self.files[table.name])} ORDER BY filename, file_row_number"
        ).fetchall()

    def close(self) -> None:
        self.con.close()


class _Aligned:
    """One table's rows by article number, taken in increasing order."""

    def __init__(self, groups: Iterator[tuple[int, list[Row]]]) -> None:
        self.groups = groups
        self.head = next(groups, None)

    def take(self, seq: int) -> list[Row]:
        while self.head is not None and self.head[0] < seq:
            self.head = next(self.groups, None)
        if self.head is None or self.head[0] != seq:
            return []
        rows = self.head[1]
        self.head = next(self.groups, None)
        return rows


def _articles(tables: _Tables) -> Iterator[ArticleRows]:
    """Every article of the output with all its rows."""
    others = {table.name: _Aligned(tables.rows(table)) for table in ARTICLE_TABLES}
    for seq, rows in tables.rows(ARTICLES):
        row = rows[0]  # one article row an id (the driver reads an article once)
        yield ArticleRows(
            article_id=row[0],
            origin=row[2],
            article=(row[0], None, *row[2:]),
            tables={name: aligned.take(seq) for name, aligned in others.items()},
        )


def _known_errors(store: Store) -> set[ErrorRow]:
    """The error rows the store holds (where it can be queried, as byline's stores can)."""
    query = getattr(store, "query", None)
    if query is None:
        return set()
    _columns_, rows = query(f"SELECT origin, article_id, error, message FROM {quoted(ERRORS.name)}")
    return {tuple(row) for row in rows}  # type: ignore[misc]


def load_parquet(out: Path, store: Store) -> LoadResult:
    """Write the Spark output in ``out`` into ``store``: the articles it does not hold yet, ``ARTICLES_AT_ONCE``
    in each transaction, and the error rows it does not hold, under one new run (none if nothing is new)."""
    files = table_files(out)
    tables = _Tables(files)
    try:
        runs = tables.all_rows(RUNS)
        inputs, workers, model = _run_of(runs, str(out))
        result = LoadResult(None, inputs=inputs)
        done = store.done_ids()
        known = _known_errors(store)
        errors: list[ErrorRow] = []
        for _run_id, origin, article_id, code, message in tables.all_rows(ERRORS):
            row: ErrorRow = (origin, article_id, code, message)
            if row in known or (article_id is not None and article_id in done):
                result.errors_known += 1
                continue
            known.add(row)
            errors.append(row)
        batch: list[ArticleRows] = []
        for article in _articles(tables):
            if article.article_id in done:
                result.already_done += 1
                continue
            batch.append(article)
            if len(batch) >= ARTICLES_AT_ONCE:
                _write(store, result, inputs, workers, model, batch, [])
                batch = []
        if batch or errors:
            _write(store, result, inputs, workers, model, batch, errors)
        if result.run_id is not None:
            store.finish_run(result.run_id, result.read, result.failed, result.skipped)
    finally:
        tables.close()
    return result


def _run_of(runs: list[Row], out: str) -> tuple[list[str], int, str]:
    """The Spark run's inputs, workers and model (from its ``runs`` row)."""
    import json

    if not runs:
        raise BylineError("truncated", out, detail=f"{RUNS.name}/ holds no row")
    row = dict(zip(RUNS.column_names, runs[0], strict=True))
    try:
        inputs = [str(item) for item in json.loads(row["inputs"] or "[]")]
    except ValueError:
        inputs = [str(row["inputs"])]
    return inputs, int(row["workers"] or 0), str(row["model"] or "")


def _write(
    store: Store, result: LoadResult, inputs: list[str], workers: int, model: str,
    articles: list[ArticleRows], errors: list[ErrorRow],
) -> None:
    if result.run_id is None:
        result.run_id = store.start_run(inputs, workers, model)
    store.write(result.run_id, articles, errors)
    result.read += len(articles)
    not_articles = sum(1 for error in errors if error[2] in NOT_ARTICLE_CODES)
    result.skipped += not_articles
    result.failed += len(errors) - not_articles
