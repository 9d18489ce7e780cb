"""Corpus stores: where ``byline corpus run`` writes readings as table rows: a DuckDB file, or a PostgreSQL
database named by a ``postgresql://`` URL (``open_store`` picks by what ``--db`` names).

A store writes each article with all its rows in one transaction, so that an article is either wholly there
or not at all, and names the articles it holds (``done_ids``) so that a rerun skips them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from byline.store.rows import ArticleRows, ErrorRow, reading_rows
from byline.store.schema import TABLES, Table

if TYPE_CHECKING:
    from byline.store.duckdb_store import DuckDBStore
    from byline.store.postgres_store import PostgresStore

URL_SCHEMES = ("postgresql://", "postgres://")


class Store(Protocol):
    """What the corpus runner needs of a database."""

    def start_run(self, inputs: Sequence[str], workers: int, model: str) -> int:
        """Record a new run; returns its id."""
        ...

    def done_ids(self) -> set[str]:
        """The ``article_id`` of every article wholly written."""
        ...

    def write(self, run_id: int, articles: Sequence[ArticleRows], errors: Sequence[ErrorRow] = ()) -> None:
        """Write the articles (each with all its rows) and the errors in one transaction."""
        ...

    def finish_run(self, run_id: int, n_read: int, n_failed: int, n_skipped: int) -> None:
        """Record that the run came to its end, with its counts."""
        ...

    def close(self) -> None: ...


class Queryable(Protocol):
    """What the report needs of a database: queries written for DuckDB (``?`` parameters), run as they are or
    translated by the store."""

    def query(self, sql: str, params: Sequence[object] = ()) -> tuple[list[str], list[tuple[Any, ...]]]: ...


def is_url(db: str | Path) -> bool:
    """Whether ``--db`` names a PostgreSQL database (``postgresql://…`` or ``postgres://…``), not a DuckDB file."""
    return isinstance(db, str) and db.lower().startswith(URL_SCHEMES)


def open_store(db: str | Path, read_only: bool = False) -> DuckDBStore | PostgresStore:
    """The corpus store ``db`` names: a PostgreSQL database for a URL, else a DuckDB file at that path."""
    if is_url(db):
        from byline.store.postgres_store import PostgresStore

        return PostgresStore(str(db), read_only=read_only)
    from byline.store.duckdb_store import DuckDBStore

    return DuckDBStore(Path(db), read_only=read_only)


def store_name(db: str | Path) -> str:
    """How messages name the store: the path, or the URL without its password."""
    if is_url(db):
        from byline.store.postgres_store import redact

        return redact(str(db))
    return str(db)


def store_files(db: str | Path) -> tuple[Path, ...]:
    """The files a store writes (a DuckDB file and its write-ahead log), which a run must not read as inputs."""
    if is_url(db):
        return ()
    path = Path(db)
    return (path, path.with_name(path.name + ".wal"))


__all__ = [
    "TABLES", "ArticleRows", "ErrorRow", "Queryable", "Store", "Table", "is_url", "open_store", "reading_rows",
    "store_files", "store_name",
]
