"""The DuckDB store: the schema's tables, whole articles per transaction, done ids, one-line errors."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

pytest.importorskip("duckdb")

from byline.errors import BylineError  # noqa: E402
from byline.store.duckdb_store import DuckDBStore, import_duckdb  # noqa: E402
from byline.store.schema import ARTICLE_TABLES, TABLES  # noqa: E402
from tests.store.helpers import article, check_a_run_of_whole_articles, count_rows  # noqa: E402


def test_a_new_database_has_every_table_of_the_schema_with_its_columns(tmp_path):
    with DuckDBStore(tmp_path / "c.duckdb") as store:
        for table in TABLES:
            columns, _ = store.query(f'SELECT * FROM "{table.name}" LIMIT 0')
            assert tuple(columns) == table.column_names


def test_articles_are_written_whole_and_named_by_done_ids(tmp_path):
    with DuckDBStore(tmp_path / "c.duckdb") as store:
        run = check_a_run_of_whole_articles(store)
        assert store.start_run([], 1, "model") == run + 1


def test_a_write_that_fails_leaves_none_of_its_articles_rows(tmp_path):
    good, bad = article("id:good", "X", 100, 0.0), article("id:bad", "X", 100, 0.0)
    bad.tables["spans"] = [("id:bad", "slant", "loaded")]  # too few values: the insert fails
    with DuckDBStore(tmp_path / "c.duckdb") as store:
        run = store.start_run([], 1, "m")
        with pytest.raises(ValueError):
            store.write(run, [good, bad])
        assert store.done_ids() == set()
        for table in ARTICLE_TABLES:
            assert count_rows(store, table.name) == 0, table.name
        store.write(run, [good])
        assert store.done_ids() == {"id:good"}


def test_an_article_already_there_is_refused_not_doubled(tmp_path):
    with DuckDBStore(tmp_path / "c.duckdb") as store:
        run = store.start_run([], 1, "m")
        store.write(run, [article("id:one", "X", 100, 0.0)])
        with pytest.raises(Exception, match="(?i)constraint|duplicate"):
            store.write(run, [article("id:one", "X", 100, 0.0)])
        assert count_rows(store, "articles") == 1 and count_rows(store, "sentences") == 2


def test_a_database_of_another_shape_is_refused_in_one_line(tmp_path):
    duckdb = import_duckdb()
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE articles (id INTEGER)")
    with pytest.raises(BylineError) as caught:
        DuckDBStore(path)
    assert caught.value.code == "db_unusable" and "articles" in caught.value.message


def test_a_missing_database_is_not_found_when_only_read_and_a_missing_folder_unwritable(tmp_path):
    with pytest.raises(BylineError) as caught:
        DuckDBStore(tmp_path / "none.duckdb", read_only=True)
    assert caught.value.code == "not_found"
    with pytest.raises(BylineError) as caught:
        DuckDBStore(tmp_path / "no" / "c.duckdb")
    assert caught.value.code == "unwritable" and "no folder" in caught.value.message


def test_a_file_that_is_no_database_is_refused_in_one_line(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n" * 100)
    with pytest.raises(BylineError) as caught:
        DuckDBStore(path)
    assert caught.value.code == "db_unusable" and "\n" not in caught.value.message


def test_a_database_another_process_writes_is_busy(tmp_path):
    path = tmp_path / "c.duckdb"
    DuckDBStore(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('open', flush=True); "
         "time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        time.sleep(0.1)
        with pytest.raises(BylineError) as caught:
            DuckDBStore(path)
        assert caught.value.code == "db_busy"
    finally:
        holder.kill()
        holder.wait()


def test_without_duckdb_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(BylineError) as caught:
        import_duckdb()
    assert "pip install 'byline[corpus]'" in caught.value.message
