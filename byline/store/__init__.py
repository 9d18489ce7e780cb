"""Corpus stores: where ``byline corpus run`` writes readings as table rows (DuckDB now; PostgreSQL may follow).

A store writes each article with all its rows in one transaction, so that an article is either wholly there
or not at all, and names the articles it holds (``done_ids``) so that a rerun skips them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from byline.store.rows import ArticleRows, ErrorRow, reading_rows
from byline.store.schema import TABLES, Table


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


__all__ = ["TABLES", "ArticleRows", "ErrorRow", "Store", "Table", "reading_rows"]
