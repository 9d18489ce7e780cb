"""The corpus commands on PostgreSQL (a real server, started once for this module) give what they give on
DuckDB: the same report figures after the same run, the same Parquet files, and messages without the URL's
password."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import asdict, replace
from pathlib import Path

import pytest

duckdb = pytest.importorskip("duckdb")

from typer.testing import CliRunner  # noqa: E402

from byline.cli import app  # noqa: E402
from byline.corpus.report import corpus_report  # noqa: E402
from byline.store import open_store  # noqa: E402
from byline.store.schema import TABLES  # noqa: E402
from tests.store.helpers import article, report_corpus  # noqa: E402
from tests.store.pg_server import new_database, running_server  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
FIELDS = {"text": "content_original", "id": "ID", "outlet": "source"}
PASSWORD = "pg-s3cret"  # trust authentication: any password is taken; none may be shown


@pytest.fixture(scope="module")
def server():
    with running_server() as url:
        yield url


@pytest.fixture(scope="module")
def runs(server, tmp_path_factory):
    """The corpus fixtures read by ``byline corpus run --workers 0`` into a DuckDB file and into PostgreSQL
    (a URL with a password): (DuckDB path, PostgreSQL URL, the PostgreSQL run's output)."""
    folder = tmp_path_factory.mktemp("pg-corpus")
    shutil.copytree(FIXTURES, folder / "in")
    inputs = [str(folder / "in" / "articles.jsonl"), str(folder / "in" / "folder")]
    url = new_database(server, icu_locale="en-US").replace("postgres@", f"postgres:{PASSWORD}@")
    duck = folder / "c.duckdb"
    outputs = []
    for db in (str(duck), url):
        args = ["corpus", "run", *inputs, "--db", db, "--workers", "0", "--min-confidence", "0"]
        result = CliRunner().invoke(app, [*args, *(f"--field={k}={v}" for k, v in FIELDS.items())])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    return duck, url, outputs[1]


def _invoke(*args: str):
    return CliRunner().invoke(app, ["corpus", *args])


def test_a_run_into_postgres_reports_the_same_figures_as_into_duckdb(runs):
    duck, url, output = runs
    assert "read 7 article(s)" in output and "3 skipped (not articles)" in output
    for extra in ([], ["--outlet", "Valley Post"], ["--top", "1", "--max-outlets", "1"]):
        on_duck, on_pg = (_invoke("report", "--db", db, "--format", "json", *extra) for db in (str(duck), url))
        assert on_duck.exit_code == 0 and on_pg.exit_code == 0, on_pg.output
        assert json.loads(on_pg.output) == json.loads(on_duck.output), extra
    assert json.loads(on_pg.output)["totals"]["articles"] == 7
    text = _invoke("report", "--db", url)
    assert text.exit_code == 0 and "7 articles" in text.output


def test_the_run_names_the_database_without_its_password_and_a_rerun_writes_nothing(runs):
    _duck, url, output = runs
    assert PASSWORD not in output and f"postgresql://postgres:***@{url.split('@')[1]}: run 1: read 7" in output
    again = _invoke("run", str(FIXTURES / "articles.jsonl"), "--db", url, "--workers", "0",
                    *(f"--field={k}={v}" for k, v in FIELDS.items()))
    assert again.exit_code == 0, again.output
    assert "read 0 article(s)" in again.output and "5 already in the database" in again.output
    assert PASSWORD not in again.output


def test_the_export_from_postgres_gives_the_parquet_files_duckdb_gives(runs, tmp_path):
    duck, url, _output = runs
    for db, out in ((str(duck), tmp_path / "duck"), (url, tmp_path / "pg")):
        result = _invoke("export", "--db", db, "--out", str(out))
        assert result.exit_code == 0, result.output
    con = duckdb.connect()
    for table in TABLES:
        files = [f"'{tmp_path / side / f'{table.name}.parquet'}'" for side in ("duck", "pg")]
        types = [con.execute(f"DESCRIBE SELECT * FROM read_parquet({f})").fetchall() for f in files]
        assert types[0] == types[1], table.name
        # the runs: the first of each (a rerun test may add one), at other times
        columns, where = ("*", "") if table.name != "runs" else ("* EXCLUDE (started, finished)", "WHERE run_id = 1")
        rows = [con.execute(f"SELECT {columns} FROM read_parquet({f}) {where} ORDER BY ALL").fetchall() for f in files]
        assert rows[0] == rows[1] and rows[0], table.name
    with open_store(url, read_only=True) as store:
        _, started = store.query("SELECT started FROM runs WHERE run_id = 1")
    back = con.execute(f"SELECT started FROM read_parquet('{tmp_path / 'pg' / 'runs.parquet'}') WHERE run_id = 1")
    assert back.fetchall() == started


def _varied_corpus():
    """The report corpus, with genders, categories, dates, and names whose order depends on the collation (in
    en-US "ann lee" < "Ann Lee" < "Émile Zola" < "Zed"; by code point, as DuckDB sorts, "Ann Lee" < "Zed" <
    "ann lee" < "Émile Zola")."""
    more = article("id:A5", "Right Post", 800, 0.4, [
        {"id": "d1", "speaker": "Ann Lee", "entity": "e3", "category": "politician", "gender": "female"},
        {"id": "d2", "speaker": "ann lee", "entity": "e4", "category": "expert", "gender": "male"},
        {"id": "d3", "speaker": "Émile Zola", "entity": "e5", "category": "media", "gender": "unknown"},
        {"id": "d4", "speaker": "Zed", "entity": "e6", "category": "citizen", "gender": "female"},
        {"id": "d5", "speaker": "Zed", "category": "citizen", "gender": "male"},
    ])
    dates = ["2024-01-05", "2024-02-01T10:00:00", None, "May 2024", "2024-02-28"]
    return [replace(a, article=(*a.article[:5], day, *a.article[6:])) for a, day in zip(
        [*report_corpus(), more], dates, strict=True
    )]


@pytest.mark.parametrize("kwargs", [
    {}, {"outlet": "Right Post"}, {"outlet": "(no outlet)"}, {"top": 1, "max_outlets": 1}, {"since": "2024-02-01"},
])
def test_every_report_section_is_alike_on_both_stores(server, tmp_path, kwargs):
    reports = []
    for db in (str(tmp_path / "r.duckdb"), new_database(server, icu_locale="en-US")):
        with open_store(db) as store:
            store.write(store.start_run([], 1, "m"), _varied_corpus())
        with open_store(db, read_only=True) as store:
            reports.append(asdict(corpus_report(store, **kwargs)))
    assert reports[0] == reports[1]
    assert reports[0]["totals"]["articles"] > 0
    if not kwargs:
        # "ann lee" is counted under "Ann Lee" (one person's name across articles): 2 each with "Zed", by code point
        top = reports[1]["top_speakers"]
        assert [r["speaker"] for r in top][:4] == ["Jane Doe", "John Roe", "Ann Lee", "Zed"]
        assert top[2]["names"] == ["ann lee"]
        assert [r["month"] for r in reports[1]["gender_by_month"]] == ["2024-01", "2024-02", "(no date)"]


def test_an_unreachable_database_is_one_line_without_its_password(tmp_path):
    url = f"postgresql://ann:{PASSWORD}@127.0.0.1:1/corpus"
    for command, code in ((["run", str(tmp_path)], 3), (["report"], 1), (["export", "--out", str(tmp_path)], 1)):
        result = _invoke(*command, "--db", url)
        assert result.exit_code == code, (command, result.output)
        assert PASSWORD not in result.output and "postgresql://ann:***@127.0.0.1:1/corpus" in result.output
        assert "could not connect to the database" in result.output


def test_run_and_report_on_postgres_need_no_duckdb(runs, monkeypatch):
    _duck, url, _output = runs
    monkeypatch.setitem(sys.modules, "duckdb", None)
    result = _invoke("report", "--db", url, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["totals"]["articles"] == 7
