"""``byline corpus export``: the corpus tables as Parquet files, written by DuckDB itself (no pyarrow)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from byline.store.duckdb_store import DuckDBStore, quoted
from byline.store.schema import TABLES, TABLES_BY_NAME

TEMP_SUFFIX = ".byline-tmp"  # as byline.batch names a file being written (not imported: that loads spaCy)


def export_parquet(store: DuckDBStore, out: Path, tables: Sequence[str] = ()) -> list[tuple[str, Path, int]]:
    """Write each table (all by default) to ``out/<table>.parquet``; returns (table, file, rows) for each.

    Raises ValueError for a table that is not one of the corpus tables."""
    names = list(tables) or [table.name for table in TABLES]
    unknown = [name for name in names if name not in TABLES_BY_NAME]
    if unknown:
        raise ValueError(f"unknown table(s) {unknown}; the corpus tables are {[t.name for t in TABLES]}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        path = out / f"{name}.parquet"
        temp = out / f".{name}.parquet{TEMP_SUFFIX}"  # renamed once whole: a stopped export leaves no torn file
        literal = "'" + str(temp).replace("'", "''") + "'"
        try:
            store.con.execute(f"COPY (SELECT * FROM {quoted(name)}) TO {literal} (FORMAT parquet, COMPRESSION zstd)")
            os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)
        ((rows,),) = store.con.execute(f"SELECT count(*) FROM {quoted(name)}").fetchall()
        written.append((name, path, int(rows)))
    return written
