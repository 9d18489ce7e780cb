"""The corpus in one DuckDB file (the ``corpus`` extra): tables as ``byline.store.schema`` names them.

Each call to ``write`` is one transaction holding whole articles: every row of an article (the ``articles``
row written last) or none of them, so that a run killed at any point leaves only finished articles, and
``done_ids`` (the ``articles`` table) is what a rerun skips. DuckDB lets one process write a file at a time:
the corpus runner's parent process is that one writer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from byline import __version__
from byline.errors import BylineError, import_extra
from byline.store.rows import ArticleRows, ErrorRow
from byline.store.schema import ARTICLE_TABLES, ARTICLES, ERRORS, RUNS, TABLES, Table


def import_duckdb() -> Any:
    """The duckdb module, or the catalogued one-line error saying which extra installs it."""
    return import_extra("duckdb", "corpus")


def quoted(name: str) -> str:
    """An SQL identifier, quoted (``end`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def create_statement(table: Table) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for one table of the schema."""
    columns = [f"{quoted(name)} {sql_type}" for name, sql_type in table.columns]
    if table.primary_key:
        columns.append(f"PRIMARY KEY ({', '.join(quoted(name) for name in table.primary_key)})")
    return f"CREATE TABLE IF NOT EXISTS {quoted(table.name)} ({', '.join(columns)})"


def insert_rows(con: Any, table: Table, rows: Sequence[tuple[object, ...]]) -> None:
    """Insert rows into a DuckDB table column by column (one statement, each column a typed list unnested): far
    faster from Python than a statement per row."""
    if not rows:
        return
    columns = [list(values) for values in zip(*rows, strict=True)]
    if len(columns) != len(table.columns):
        raise ValueError(f"{table.name}: rows of {len(columns)} values for {len(table.columns)} columns")
    names = ", ".join(quoted(name) for name in table.column_names)
    values = ", ".join(f"unnest(${n}::{sql_type}[])" for n, (_name, sql_type) in enumerate(table.columns, 1))
    con.execute(f"INSERT INTO {quoted(table.name)} ({names}) SELECT {values}", columns)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class DuckDBStore:
    """A corpus database file; ``read_only`` for queries and exports (the file must then exist)."""

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        duckdb = import_duckdb()
        self.path = Path(path)
        self._error = duckdb.Error
        if read_only and not self.path.is_file():
            raise BylineError("not_found", str(path))
        if not self.path.parent.is_dir():
            raise BylineError("unwritable", str(path), detail=f"no folder {self.path.parent}")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise BylineError("db_busy", str(path)) from None
            raise BylineError("db_unusable", str(path), detail=text.splitlines()[0][:200]) from None
        try:
            if not read_only:
                for table in TABLES:
                    self.con.execute(create_statement(table))
            self._check_tables()
        except BaseException:
            self.con.close()
            raise

    def _check_tables(self) -> None:
        """Refuse a database whose tables are not byline's (another program's, or an older schema)."""
        for table in TABLES:
            found = [
                name
                for (name,) in self.con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
                    "AND table_name = ? ORDER BY ordinal_position",
                    [table.name],
                ).fetchall()
            ]
            if tuple(found) != table.column_names:
                detail = f"table {table.name} has columns {found or 'none'}, not {list(table.column_names)}"
                raise BylineError("db_unusable", str(self.path), detail=detail)

    # ------------------------------------------------------------------------------------------------ writing

    def start_run(self, inputs: Sequence[str], workers: int, model: str) -> int:
        ((run_id,),) = self.con.execute(f"SELECT coalesce(max(run_id), 0) + 1 FROM {RUNS.name}").fetchall()
        self.con.execute(
            f"INSERT INTO {RUNS.name} (run_id, started, inputs, workers, byline_version, model) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [run_id, _now(), json.dumps(list(inputs)), workers, __version__, model],
        )
        return int(run_id)

    def done_ids(self) -> set[str]:
        return {article_id for (article_id,) in self.con.execute(f"SELECT article_id FROM {ARTICLES.name}").fetchall()}

    def write(self, run_id: int, articles: Sequence[ArticleRows], errors: Sequence[ErrorRow] = ()) -> None:
        if not articles and not errors:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in ARTICLE_TABLES:
                self._insert(table, [row for a in articles for row in a.tables.get(table.name, ())])
            # the article row last: an article is done (see done_ids) only with every other row of it in
            self._insert(ARTICLES, [(a.article[0], run_id, *a.article[2:]) for a in articles])
            self._insert(ERRORS, [(run_id, *error) for error in errors])
            self.con.execute("COMMIT")
        except self._error as exc:  # a full disk, a duplicate key: one line, none of these articles written
            self.con.execute("ROLLBACK")
            raise BylineError("unwritable", str(self.path), detail=str(exc).splitlines()[0][:300]) from exc
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _insert(self, table: Table, rows: Sequence[tuple[object, ...]]) -> None:
        insert_rows(self.con, table, rows)

    def finish_run(self, run_id: int, n_read: int, n_failed: int, n_skipped: int) -> None:
        self.con.execute(
            f"UPDATE {RUNS.name} SET finished = ?, n_read = ?, n_failed = ?, n_skipped = ? WHERE run_id = ?",
            [_now(), n_read, n_failed, n_skipped, run_id],
        )

    # ------------------------------------------------------------------------------------------------ reading

    def query(self, sql: str, params: Sequence[object] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a query."""
        cursor = self.con.execute(sql, list(params))
        return [d[0] for d in cursor.description], cursor.fetchall()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
