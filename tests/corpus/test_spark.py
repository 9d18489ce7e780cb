"""``byline corpus run --engine spark`` and ``byline corpus load``: on ``local[2]``, Spark's Parquet loaded into
DuckDB holds what the local engine writes; loading twice writes nothing new; an unfinished output is refused.

One Spark session for the module (its start takes seconds); skipped where pyspark or Java is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from contextlib import chdir

import pytest

pytest.importorskip("duckdb")

from typer.testing import CliRunner  # noqa: E402

from byline.cli import app  # noqa: E402
from byline.corpus.load import load_parquet  # noqa: E402
from byline.corpus.run import run_corpus  # noqa: E402
from byline.errors import BylineError  # noqa: E402
from byline.ingest import IngestOptions  # noqa: E402
from byline.settings import Settings  # noqa: E402
from byline.store.duckdb_store import DuckDBStore  # noqa: E402
from byline.store.schema import TABLES  # noqa: E402

MASTER = "local[2]"
FIELDS = {"text": "body", "id": "ID", "outlet": "source"}
# Columns that differ from one run to the next by nature: ids and times of runs, and the runs' worker count.
VARYING = {"runs": {"run_id", "started", "finished", "workers"}}
NOT_ARTICLES = {"folder/garbled.txt": "binary", "folder/photo.png": "unsupported"}

STORIES = {
    "folder/market.txt": "Market traders protest new fees\n\nMarket traders marched to the town hall on Friday, "
    "the organisers said. \"We cannot pay twice as much,\" said Maria Costa, who sells fruit at the market.",
    "folder/school.txt": "School opens new library\n\nThe school opened its new library on Monday. The head "
    "teacher, Tom Reyes, said the building would stay open in the evenings. Parents welcomed the plan, "
    "according to a letter sent to the council.",
    "folder/sub/rail.txt": "Rail line to close for repairs\n\nThe rail line will close for two weeks in May, "
    "the operator said on Wednesday. \"Passengers will have buses instead,\" a spokesperson told reporters.",
}
RECORDS = [
    {"ID": "s-1", "source": "Harbour Gazette", "title": "Council approves budget", "body": "The harbour council "
     "approved the budget on Tuesday, the mayor said. \"We made choices nobody wanted to make,\" said Dana "
     "Whitfield, the council's finance chair."},
    {"ID": "s-2", "source": "Valley Post", "title": "Floods close the valley road", "body": "Floods closed the "
     "valley road on Sunday, police said. Officials warned that more rain was expected, according to the "
     "weather service."},
]


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'byline[spark]')"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "no Java: Spark needs a JRE (java on PATH or JAVA_HOME)"
    return None


@pytest.fixture(scope="module")
def spark():
    reason = _spark_missing()
    if reason:
        pytest.skip(reason)
    from byline.corpus.spark import spark_session

    with spark_session(MASTER) as session:
        yield session


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("spark-in")
    for name, text in STORIES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "folder" / "garbled.txt").write_bytes(bytes(range(256)) * 2)
    (root / "folder" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def spark_out(spark, inputs, tmp_path_factory):
    """The inputs read once by the Spark engine: (its output folder, its counts)."""
    from byline.corpus.spark import read_with_spark

    out = tmp_path_factory.mktemp("spark-out") / "out"
    with chdir(inputs):
        counts = read_with_spark(
            ["feed.jsonl", "folder"], out, Settings(min_confidence=0.0), MASTER, IngestOptions(field_map=FIELDS)
        )
    return out, counts


def _contents(db) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that vary by run."""
    found = {}
    with DuckDBStore(db, read_only=True) as store:
        for table in TABLES:
            columns = [c for c in table.column_names if c != "run_id" and c not in VARYING.get(table.name, ())]
            names = ", ".join(f'"{c}"' for c in columns)
            found[table.name] = store.query(f'SELECT {names} FROM "{table.name}" ORDER BY ALL')[1]
    return found


def _everything(db) -> dict[str, list[tuple]]:
    with DuckDBStore(db, read_only=True) as store:
        return {t.name: store.query(f'SELECT * FROM "{t.name}" ORDER BY ALL')[1] for t in TABLES}


def test_spark_output_loaded_gives_the_same_tables_as_the_local_engine(spark_out, inputs, tmp_path, reader):
    out, counts = spark_out
    assert (counts["articles"], counts["skipped"], counts["failed"]) == (5, 2, 0)
    assert counts["seconds"] > 0
    local_db, spark_db = tmp_path / "local.duckdb", tmp_path / "spark.duckdb"
    with chdir(inputs), DuckDBStore(local_db) as store:
        local = run_corpus(["feed.jsonl", "folder"], store, IngestOptions(field_map=FIELDS),
                           Settings(min_confidence=0.0), 0, reader=reader)
    assert local.counts.read == 5
    with DuckDBStore(spark_db) as store:
        loaded = load_parquet(out, store)
    assert (loaded.read, loaded.skipped, loaded.failed, loaded.inputs) == (5, 2, 0, ["feed.jsonl", "folder"])
    expected, got = _contents(local_db), _contents(spark_db)
    assert got == expected
    assert len(got["articles"]) == 5 and got["attributions"] and got["spans"] and got["sentences"]
    assert {row[0]: row[2] for row in got["errors"]} == NOT_ARTICLES  # (origin, article_id, error, message)


def test_loading_the_same_output_twice_writes_nothing_new(spark_out, tmp_path):
    out, _counts = spark_out
    db = tmp_path / "c.duckdb"
    with DuckDBStore(db) as store:
        first = load_parquet(out, store)
    before = _everything(db)
    with DuckDBStore(db) as store:
        again = load_parquet(out, store)
    assert first.run_id == 1 and first.read == 5
    assert again.run_id is None and (again.read, again.already_done, again.errors_known) == (0, 5, 2)
    assert _everything(db) == before


def test_the_commands_skip_what_the_database_holds_and_load_says_so(spark, spark_out, inputs, tmp_path):
    out, _counts = spark_out
    db = tmp_path / "c.duckdb"
    runner = CliRunner()
    loaded = runner.invoke(app, ["corpus", "load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    assert "loaded 5 article(s)" in loaded.output and "2 skipped (not articles)" in loaded.output
    again_out = tmp_path / "again"
    args = ["corpus", "run", "feed.jsonl", "folder", "--engine", "spark", "--master", MASTER, "--out", str(again_out)]
    args += ["--db", str(db), "--min-confidence", "0", *(f"--field={k}={v}" for k, v in FIELDS.items())]
    with chdir(inputs):
        ran = runner.invoke(app, args)
    assert ran.exit_code == 0, ran.output
    assert "read 0 article(s)" in ran.output and "5 already in the database" in ran.output
    assert "skipped: folder/photo.png:" in ran.output
    before = _everything(db)
    reloaded = runner.invoke(app, ["corpus", "load", str(again_out), "--db", str(db)])
    assert reloaded.exit_code == 0, reloaded.output
    assert "nothing new" in reloaded.output and _everything(db) == before


def test_an_output_the_spark_run_did_not_finish_is_refused(tmp_path):
    out = tmp_path / "out"
    for table in TABLES:
        (out / table.name).mkdir(parents=True)
        (out / table.name / "_SUCCESS").touch()
    (out / "spans" / "_SUCCESS").unlink()
    with DuckDBStore(tmp_path / "c.duckdb") as store, pytest.raises(BylineError) as caught:
        load_parquet(out, store)
    assert caught.value.code == "truncated" and "spans/ has no _SUCCESS" in caught.value.message
    result = CliRunner().invoke(app, ["corpus", "load", str(tmp_path), "--db", str(tmp_path / "c.duckdb")])
    assert result.exit_code == 1 and "not the output of `byline corpus run --engine spark`" in result.output


def test_without_pyspark_the_spark_engine_names_its_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyspark", None)
    args = ["corpus", "run", str(tmp_path), "--engine", "spark", "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "needs the 'spark' extra (pyspark is not installed): pip install 'byline[spark]'" in result.output
