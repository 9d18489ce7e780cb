"""``byline corpus export``: the corpus tables as Parquet files, written by DuckDB itself (no pyarrow).

From PostgreSQL, each table's rows are fetched in batches through psycopg into an in-memory DuckDB table of the
schema's types, which DuckDB then writes (its own postgres extension would need the network to install).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from byline.store.duckdb_store import DuckDBStore, create_statement, import_duckdb, insert_rows, quoted
from byline.store.schema import TABLES, TABLES_BY_NAME, Table

TEMP_SUFFIX = ".byline-tmp"  # as byline.batch names a file being written (not imported: that loads spaCy)


def export_parquet(store: Any, out: Path, tables: Sequence[str] = ()) -> list[tuple[str, Path, int]]:
    """Write each table (all by default) to ``out/<table>.parquet``; returns (table, file, rows) for each.

    ``store`` is a DuckDBStore or a PostgresStore. Raises ValueError for a table that is not one of the corpus
    tables."""
    names = list(tables) or [table.name for table in TABLES]
    unknown = [name for name in names if name not in TABLES_BY_NAME]
    if unknown:
        raise ValueError(f"unknown table(s) {unknown}; the corpus tables are {[t.name for t in TABLES]}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        path = out / f"{name}.parquet"
        temp = out / f".{name}.parquet{TEMP_SUFFIX}"  # renamed once whole: a stopped export leaves no torn file
        try:
            if isinstance(store, DuckDBStore):
                rows = _copy_out(store.con, name, temp)
            else:
                rows = _through_duckdb(store, TABLES_BY_NAME[name], temp)
            os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)
        written.append((name, path, rows))
    return written


def _copy_out(con: Any, name: str, temp: Path) -> int:
    """DuckDB writes one of its tables as Parquet; returns its rows."""
    literal = "'" + str(temp).replace("'", "''") + "'"
    con.execute(f"COPY (SELECT * FROM {quoted(name)}) TO {literal} (FORMAT parquet, COMPRESSION zstd)")
    ((rows,),) = con.execute(f"SELECT count(*) FROM {quoted(name)}").fetchall()
    return int(rows)


def _through_duckdb(store: Any, table: Table, temp: Path) -> int:
    """Another store's table (its ``batches`` of rows) as Parquet, through an in-memory DuckDB table of the
    schema's types, so that the file is the one a DuckDB corpus gives."""
    con = import_duckdb().connect()
    try:
        con.execute(create_statement(table))
        for rows in store.batches(table):
            insert_rows(con, table, rows)
        return _copy_out(con, table.name, temp)
    finally:
        con.close()
