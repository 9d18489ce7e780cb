"""The PostgreSQL store, against a real server started for this module: the schema's tables, whole articles per
transaction, done ids, one-line errors that never show the URL's password; and what needs no server (URLs,
types, placeholders)."""

from __future__ import annotations

import sys

import pytest

from byline.errors import BylineError
from byline.store import is_url, open_store, store_files, store_name
from byline.store.postgres_store import PG_TYPES, PostgresStore, import_psycopg, pg_type, placeholders, redact
from byline.store.schema import ARTICLE_TABLES, TABLES
from tests.store.helpers import article, check_a_run_of_whole_articles, count_rows, report_corpus
from tests.store.pg_server import new_database, running_server

PASSWORD = "s3cr:et@42"  # trust authentication: the server takes any password; no message may show it


@pytest.fixture(scope="module")
def server():
    with running_server() as url:
        yield url


@pytest.fixture
def url(server):
    return new_database(server)


# ------------------------------------------------------------------------------------------------ no server


def test_a_url_names_postgres_and_a_path_a_duckdb_file(tmp_path):
    assert is_url("postgresql://u@h/db") and is_url("postgres://h/db") and is_url("POSTGRESQL://h/db")
    assert not is_url("corpus.duckdb") and not is_url(tmp_path / "c.duckdb") and not is_url("sqlite://x")
    assert store_files(str(tmp_path / "c.duckdb")) == (tmp_path / "c.duckdb", tmp_path / "c.duckdb.wal")
    assert store_files("postgresql://h/db") == ()


def test_the_password_is_left_out_of_the_url_wherever_it_is_written():
    assert redact("postgresql://ann:pw@db.example:5433/corpus") == "postgresql://ann:***@db.example:5433/corpus"
    assert redact(f"postgres://ann:{PASSWORD}@h/c?sslmode=require") == "postgres://ann:***@h/c?sslmode=require"
    assert redact("postgresql://h/c?user=ann&password=pw&sslmode=disable") == (
        "postgresql://h/c?user=ann&password=***&sslmode=disable"
    )
    assert redact("postgresql://ann@h:5432/c") == "postgresql://ann@h:5432/c"
    assert store_name("postgresql://ann:pw@h/c") == "postgresql://ann:***@h/c" and store_name("c.duckdb") == "c.duckdb"


def test_every_schema_type_has_a_postgres_type_and_text_sorts_by_code_point():
    assert {sql_type for table in TABLES for _name, sql_type in table.columns} <= set(PG_TYPES)
    assert pg_type("VARCHAR") == 'text COLLATE "C"' and pg_type("double") == "double precision"
    with pytest.raises(ValueError, match="HUGEINT"):
        pg_type("HUGEINT")


def test_duckdb_placeholders_become_psycopgs_outside_quotes():
    sql = "SELECT '?', \"a?\" FROM t WHERE x LIKE 'un (%' AND y = ? AND z = 'it''s ?' LIMIT ?"
    assert placeholders(sql) == (
        "SELECT '?', \"a?\" FROM t WHERE x LIKE 'un (%%' AND y = %s AND z = 'it''s ?' LIMIT %s"
    )


def test_without_psycopg_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(BylineError) as caught:
        import_psycopg()
    assert "pip install 'byline[postgres]'" in caught.value.message and "psycopg" in caught.value.message


# ------------------------------------------------------------------------------------------------ on a server


def test_a_new_database_has_every_table_of_the_schema_with_its_columns(url):
    with open_store(url) as store:
        assert isinstance(store, PostgresStore)
        for table in TABLES:
            columns, _ = store.query(f'SELECT * FROM "{table.name}" LIMIT 0')
            assert tuple(columns) == table.column_names
    with open_store(url) as again:  # a second open finds them and creates nothing
        assert again.done_ids() == set()


def test_articles_are_written_whole_and_named_by_done_ids(url):
    with PostgresStore(url) as store:
        run = check_a_run_of_whole_articles(store)
        assert store.query("SELECT anonymous, confidence FROM attributions WHERE attribution_id = ?", ["a2"])[1] == [
            (True, 0.9)
        ]
        assert store.start_run([], 1, "model") == run + 1


def test_a_write_that_fails_leaves_none_of_its_articles_rows(url):
    good, short, wrong = (article(f"id:{name}", "X", 100, 0.0) for name in ("good", "short", "wrong"))
    short.tables["spans"] = [("id:short", "slant", "loaded")]  # too few values: refused before anything is sent
    wrong.tables["spans"] = [("id:wrong", "slant", "loaded", "not a number", 5, "words", 0.8, "outlet")]
    with PostgresStore(url) as store:
        run = store.start_run([], 1, "m")
        with pytest.raises(ValueError):
            store.write(run, [good, short])
        with pytest.raises(BylineError) as caught:  # the server refuses the spans, sentences already sent
            store.write(run, [good, wrong])
        assert caught.value.code == "unwritable" and "\n" not in caught.value.message
        assert store.done_ids() == set()
        for table in ARTICLE_TABLES:
            assert count_rows(store, table.name) == 0, table.name
        store.write(run, [good])
        assert store.done_ids() == {"id:good"}


def test_an_article_already_there_is_refused_in_one_line_not_doubled(url):
    with PostgresStore(url) as store:
        run = store.start_run([], 1, "m")
        store.write(run, [article("id:one", "X", 100, 0.0)])
        with pytest.raises(BylineError) as caught:
            store.write(run, [article("id:one", "X", 100, 0.0)])
        assert caught.value.code == "unwritable" and "duplicate key" in caught.value.message
        assert "\n" not in caught.value.message
        assert count_rows(store, "articles") == 1 and count_rows(store, "sentences") == 2


def test_a_nul_character_which_postgres_text_cannot_hold_is_kept_as_a_replacement(url):
    odd = article("id:nul", "X", 100, 0.0)
    odd.tables["spans"] = [("id:nul", "slant", "loaded", 0, 5, "wo\x00rds", 0.8, "outlet")]
    with PostgresStore(url) as store:
        store.write(store.start_run([], 1, "m"), [odd])
        assert store.query("SELECT text FROM spans")[1] == [("wo\ufffdrds",)]


def test_a_database_of_another_shape_is_refused_in_one_line(url):
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute("CREATE TABLE articles (id integer)")
    with pytest.raises(BylineError) as caught:
        PostgresStore(url)
    assert caught.value.code == "db_unusable" and "articles" in caught.value.message
    assert "\n" not in caught.value.message


def test_reading_a_database_without_a_corpus_says_so_and_creates_nothing(url):
    with pytest.raises(BylineError) as caught:
        open_store(url, read_only=True)
    assert caught.value.code == "no_corpus" and url in caught.value.message
    with PostgresStore(url) as store:
        store.write(store.start_run([], 1, "m"), report_corpus())
    with open_store(url, read_only=True) as reader:
        assert len(reader.done_ids()) == 4
        with pytest.raises(Exception, match="read-only"):
            reader.query("DELETE FROM articles")


def test_one_run_writes_a_corpus_at_a_time_while_others_may_read(url):
    with PostgresStore(url) as first:
        with pytest.raises(BylineError) as caught:
            PostgresStore(url)
        assert caught.value.code == "db_locked"
        first.write(first.start_run([], 1, "m"), [article("id:one", "X", 100, 0.0)])
        with PostgresStore(url, read_only=True) as reader:
            assert reader.done_ids() == {"id:one"}
    PostgresStore(url).close()  # the lock ends with the first store's connection


def test_connection_errors_are_one_line_naming_the_url_without_its_password(server):
    base = server.rsplit("/", 1)[0].replace("postgres@", f"postgres:{PASSWORD}@")
    closed = f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/postgres"
    for bad in (closed, base + "/no_such_database", base + "/postgres?no_such_option=1"):
        with pytest.raises(BylineError) as caught:
            PostgresStore(bad)
        message = caught.value.message
        assert caught.value.code == "db_unreachable", message
        assert "\n" not in message and PASSWORD not in message and "s3cr" not in message
        assert message.startswith(redact(bad) + ": could not connect to the database")


def test_a_password_in_the_url_is_used_and_never_shown(server):
    url = new_database(server).replace("postgres@", f"postgres:{PASSWORD.replace('@', '%40')}@")
    with open_store(url) as store:
        assert "s3cr" not in store.name and store.name.startswith("postgresql://postgres:***@127.0.0.1:")
        store.write(store.start_run([], 1, "m"), [article("id:one", "X", 100, 0.0)])
        with pytest.raises(BylineError) as caught:
            store.write(1, [article("id:one", "X", 100, 0.0)])
        assert "s3cr" not in caught.value.message
