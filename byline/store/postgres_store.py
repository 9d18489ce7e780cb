"""The corpus in a PostgreSQL database (the ``postgres`` extra: psycopg 3), named by a ``postgresql://`` URL.

The tables are those of ``byline.store.schema``, as in DuckDBStore, in the connection's current schema
(``public`` unless the URL's ``options`` set a ``search_path``). Each call to ``write`` is one transaction holding
whole articles (the ``articles`` row written last), its rows sent with COPY. Text columns are created with
the "C" collation, so that the report orders names by code point as DuckDB does, whatever the server's locale.
One run writes a corpus at a time: a store opened for writing holds an advisory lock on it while it is open
(a killed run's connection, and so its lock, ends with it). Messages name the URL without its password.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from byline import __version__
from byline.errors import BylineError, import_extra
from byline.store.duckdb_store import quoted
from byline.store.rows import ArticleRows, ErrorRow
from byline.store.schema import ARTICLE_TABLES, ARTICLES, ERRORS, RUNS, TABLES, Table

CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise
EXPORT_BATCH = 10_000  # rows fetched at a time from a server-side cursor

# The schema's (DuckDB) SQL types as PostgreSQL's.
PG_TYPES = {
    "VARCHAR": 'text COLLATE "C"',
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "DOUBLE": "double precision",
    "BOOLEAN": "boolean",
    "TIMESTAMP": "timestamp",
}

_USERINFO = re.compile(r"^(?P<head>[a-z]+://[^:@/?#]*):(?P<password>.*)@(?P<tail>[^@]*)$", re.IGNORECASE)
_FIRST_AT = re.compile(r"^[a-z]+://[^:@/?#]*:([^@]+)@", re.IGNORECASE)
_PASSWORD_PARAM = re.compile(r"(?P<key>[?&]password=)(?P<password>[^&#]*)", re.IGNORECASE)


def import_psycopg() -> Any:
    """The psycopg module, or the catalogued one-line error saying which extra installs it."""
    return import_extra("psycopg", "postgres")


def redact(url: str) -> str:
    """The URL with its password (in the user part or a ``password=`` parameter) shown as ``***``."""
    found = _USERINFO.match(url)
    if found:
        url = f"{found['head']}:***@{found['tail']}"
    return _PASSWORD_PARAM.sub(lambda m: m["key"] + "***", url)


def _passwords(url: str) -> list[str]:
    """The password as written in the URL (and percent-decoded): what no message may show."""
    from urllib.parse import unquote

    found = [m["password"] for m in (_USERINFO.match(url), *_PASSWORD_PARAM.finditer(url)) if m and m["password"]]
    found += _FIRST_AT.findall(url)  # libpq ends the user part at the first "@" of a malformed URL
    return sorted({*found, *(unquote(p) for p in found)}, key=len, reverse=True)


def pg_type(sql_type: str) -> str:
    """The PostgreSQL type of a column the schema types for DuckDB."""
    try:
        return PG_TYPES[sql_type.upper()]
    except KeyError:
        raise ValueError(f"no PostgreSQL type for the schema's SQL type {sql_type!r}") from None


def create_statement(table: Table) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for one table of the schema, in PostgreSQL's types."""
    columns = [f"{quoted(name)} {pg_type(sql_type)}" for name, sql_type in table.columns]
    if table.primary_key:
        columns.append(f"PRIMARY KEY ({', '.join(quoted(name) for name in table.primary_key)})")
    return f"CREATE TABLE IF NOT EXISTS {quoted(table.name)} ({', '.join(columns)})"


def placeholders(sql: str) -> str:
    """A query written for DuckDB (``?`` parameters) as psycopg takes it: ``?`` outside quotes as ``%s``, every
    ``%`` (a LIKE pattern's) doubled."""
    out: list[str] = []
    quote = None
    for char in sql:
        if quote is not None:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "?":
            out.append("%s")
            continue
        out.append("%%" if char == "%" else char)
    return "".join(out)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _no_nul(row: Sequence[object]) -> tuple[object, ...]:
    """PostgreSQL text holds no NUL character (DuckDB's does): shown as U+FFFD where one is met."""
    return tuple(v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v for v in row)


class PostgresStore:
    """A corpus in a PostgreSQL database; ``read_only`` for queries and exports (the tables must then exist)."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        psycopg = import_psycopg()
        self.url = url
        self.name = redact(url)
        self._secrets = _passwords(url)
        self._error = psycopg.Error
        self._lost = psycopg.OperationalError
        self.con = self._connect(psycopg)
        try:
            if read_only:
                self.con.execute("SET default_transaction_read_only = on")
            else:
                self._lock()
                with self.con.transaction():
                    for table in TABLES:
                        self.con.execute(create_statement(table))
            self._check_tables(read_only)
        except psycopg.errors.InsufficientPrivilege as exc:
            self.con.close()
            raise BylineError("unwritable", self.name, detail=self._line(exc)) from None
        except psycopg.Error as exc:
            self.con.close()
            raise BylineError("db_unusable", self.name, detail=self._line(exc)) from None
        except BaseException:
            self.con.close()
            raise

    def _line(self, exc: BaseException) -> str:
        """An error's first line, without the URL's password."""
        text = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
        text = text.replace(self.url, self.name)
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text[:300]

    def _connect(self, psycopg: Any) -> Any:
        try:
            given = psycopg.conninfo.conninfo_to_dict(self.url)
            extra: dict[str, Any] = {"application_name": "byline"} if "application_name" not in given else {}
            if "connect_timeout" not in given:
                extra["connect_timeout"] = CONNECT_TIMEOUT
            return psycopg.connect(self.url, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise BylineError("db_unreachable", self.name, detail=self._line(exc)) from None

    def _lock(self) -> None:
        """Hold the corpus's advisory lock (this schema's) for as long as the connection lasts, or refuse."""
        ((got,),) = self.con.execute(
            "SELECT pg_try_advisory_lock(hashtext('byline corpus ' || coalesce(current_schema(), '')))"
        ).fetchall()
        if not got:
            raise BylineError("db_locked", self.name)

    def _check_tables(self, read_only: bool) -> None:
        """Refuse a database whose tables are not byline's (another program's, or an older schema)."""
        found: dict[str, list[str]] = {}
        for table_name, column in self.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ANY(%s) ORDER BY table_name, ordinal_position",
            [[table.name for table in TABLES]],
        ).fetchall():
            found.setdefault(table_name, []).append(column)
        if read_only and not found:
            raise BylineError("no_corpus", self.name)
        for table in TABLES:
            columns = found.get(table.name, [])
            if tuple(columns) != table.column_names:
                detail = f"table {table.name} has columns {columns or 'none'}, not {list(table.column_names)}"
                raise BylineError("db_unusable", self.name, detail=detail)

    # ------------------------------------------------------------------------------------------------ writing

    def start_run(self, inputs: Sequence[str], workers: int, model: str) -> int:
        try:
            with self.con.transaction():
                ((run_id,),) = self.con.execute(f"SELECT coalesce(max(run_id), 0) + 1 FROM {RUNS.name}").fetchall()
                self.con.execute(
                    f"INSERT INTO {RUNS.name} (run_id, started, inputs, workers, byline_version, model) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    [run_id, _now(), json.dumps(list(inputs)), workers, __version__, model],
                )
        except self._error as exc:
            raise BylineError("unwritable", self.name, detail=self._line(exc)) from None
        return int(run_id)

    def done_ids(self) -> set[str]:
        return {article_id for (article_id,) in self.query(f"SELECT article_id FROM {ARTICLES.name}")[1]}

    def write(self, run_id: int, articles: Sequence[ArticleRows], errors: Sequence[ErrorRow] = ()) -> None:
        if not articles and not errors:
            return
        try:
            with self.con.transaction():
                for table in ARTICLE_TABLES:
                    self._copy(table, [row for a in articles for row in a.tables.get(table.name, ())])
                # the article row last: an article is done (see done_ids) only with every other row of it in
                self._copy(ARTICLES, [(a.article[0], run_id, *a.article[2:]) for a in articles])
                self._copy(ERRORS, [(run_id, *error) for error in errors])
        except self._error as exc:  # a full disk, a duplicate key, a lost server: one line, none of it written
            raise BylineError("unwritable", self.name, detail=self._line(exc)) from None

    def _copy(self, table: Table, rows: Sequence[tuple[object, ...]]) -> None:
        """Send rows with COPY: 81k rows of 1,000 articles in 0.3 s on loopback, 4x faster than executemany's
        pipelined INSERTs (1.4 s)."""
        if not rows:
            return
        width = len(table.columns)
        for row in rows:
            if len(row) != width:
                raise ValueError(f"{table.name}: a row of {len(row)} values for {width} columns")
        names = ", ".join(quoted(name) for name in table.column_names)
        with self.con.cursor() as cursor, cursor.copy(f"COPY {quoted(table.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(_no_nul(row))

    def finish_run(self, run_id: int, n_read: int, n_failed: int, n_skipped: int) -> None:
        try:
            self.con.execute(
                f"UPDATE {RUNS.name} SET finished = %s, n_read = %s, n_failed = %s, n_skipped = %s WHERE run_id = %s",
                [_now(), n_read, n_failed, n_skipped, run_id],
            )
        except self._error as exc:
            raise BylineError("unwritable", self.name, detail=self._line(exc)) from None

    # ------------------------------------------------------------------------------------------------ reading

    def query(self, sql: str, params: Sequence[object] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a query written as for DuckDB (``?`` parameters)."""
        try:
            with self.con.cursor() as cursor:
                cursor.execute(placeholders(sql), tuple(params))
                if cursor.description is None:
                    return [], []
                return [d.name for d in cursor.description], cursor.fetchall()
        except self._lost as exc:
            raise BylineError("db_unreachable", self.name, detail=self._line(exc)) from None

    def batches(self, table: Table, size: int = EXPORT_BATCH) -> Iterator[list[tuple[Any, ...]]]:
        """A table's rows (in its schema's column order), ``size`` at a time, from a server-side cursor."""
        names = ", ".join(quoted(name) for name in table.column_names)
        with self.con.transaction(), self.con.cursor(name="byline_export") as cursor:
            cursor.execute(f"SELECT {names} FROM {quoted(table.name)}")
            while rows := cursor.fetchmany(size):
                yield rows

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
