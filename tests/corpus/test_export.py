"""``byline corpus export``: every table as a Parquet file that reads back the same."""

from __future__ import annotations

import pytest

duckdb = pytest.importorskip("duckdb")

from typer.testing import CliRunner  # noqa: E402

from byline.cli import app  # noqa: E402
from byline.corpus.export import export_parquet  # noqa: E402
from byline.store.duckdb_store import DuckDBStore  # noqa: E402
from byline.store.schema import TABLES  # noqa: E402
from tests.store.helpers import report_corpus  # noqa: E402


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "c.duckdb"
    with DuckDBStore(path) as store:
        run = store.start_run(["x"], 1, "m")
        store.write(run, report_corpus(), [("x.png", None, "unsupported", "x.png: unsupported")])
        store.finish_run(run, 4, 0, 1)
    return path


def test_every_table_reads_back_from_its_parquet_file(db, tmp_path):
    out = tmp_path / "parquet"
    with DuckDBStore(db, read_only=True) as store:
        written = export_parquet(store, out)
        assert [name for name, _path, _rows in written] == [t.name for t in TABLES]
        for name, path, rows in written:
            assert path == out / f"{name}.parquet"
            back = duckdb.connect().execute(f"SELECT * FROM read_parquet('{path}') ORDER BY ALL")
            back_columns, back_rows = [d[0] for d in back.description], back.fetchall()
            columns, original = store.query(f'SELECT * FROM "{name}" ORDER BY ALL')
            assert back_columns == columns and back_rows == original and len(original) == rows
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t.name}.parquet" for t in TABLES)  # no temporary file


def test_the_export_command_writes_the_tables_asked_for(db, tmp_path):
    out = tmp_path / "some"
    result = CliRunner().invoke(app, ["corpus", "export", "--db", str(db), "--out", str(out), "--table", "articles"])
    assert result.exit_code == 0, result.output
    assert "4 rows" in result.output and [p.name for p in out.iterdir()] == ["articles.parquet"]
    wrong = CliRunner().invoke(app, ["corpus", "export", "--db", str(db), "--out", str(out), "--table", "nope"])
    assert wrong.exit_code == 2 and "unknown table" in wrong.output
