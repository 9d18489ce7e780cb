"""``byline corpus run`` in this process (workers=0) and with one worker process: tables filled and keyed by
article identity, a rerun writes nothing new, files that are not articles are recorded as skipped."""

from __future__ import annotations

import shutil
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

pytest.importorskip("duckdb")

from typer.testing import CliRunner  # noqa: E402

from byline.cli import app  # noqa: E402
from byline.corpus.run import _outcomes, run_corpus  # noqa: E402
from byline.ingest import IngestOptions, read_inputs  # noqa: E402
from byline.reading import Article, Reading, article_identity  # noqa: E402
from byline.settings import Settings  # noqa: E402
from byline.store.duckdb_store import DuckDBStore  # noqa: E402
from byline.store.schema import ARTICLE_TABLES  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
FIELDS = {"text": "content_original", "id": "ID", "outlet": "source"}
JSONL_IDS = {f"id:p-{n}" for n in range(1, 6)}
NOT_ARTICLES = {
    "folder/garbled.txt": "binary",
    "folder/notes.docx": "unsupported",
    "folder/photo.png": "unsupported",
}


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES, tmp_path / "in")
    monkeypatch.chdir(tmp_path / "in")
    return ["articles.jsonl", "folder"]


def _run(inputs, db, reader, **kwargs):
    options = IngestOptions(field_map=FIELDS)
    with DuckDBStore(db) as store:
        return run_corpus(inputs, store, options, Settings(min_confidence=0.0), 0, reader=reader, **kwargs)


def _table_counts(db) -> dict[str, int]:
    names = ["articles", *(t.name for t in ARTICLE_TABLES)]
    with DuckDBStore(db, read_only=True) as store:
        return {name: store.query(f"SELECT count(*) FROM {name}")[1][0][0] for name in names}


def _folder_ids() -> set[str]:
    options = IngestOptions(field_map=FIELDS)
    return {article_identity(a) for a in read_inputs(["folder"], options) if isinstance(a, Article)}


def test_the_tables_are_filled_and_keyed_by_article_identity(inputs, tmp_path, reader):
    db = tmp_path / "c.duckdb"
    result = _run(inputs, db, reader)
    assert result.completed and result.counts.read == 7 and result.counts.failed == 0
    folder_ids = _folder_ids()
    assert len(folder_ids) == 2 and all(i.startswith("sha256:") for i in folder_ids)
    with DuckDBStore(db, read_only=True) as store:
        _, rows = store.query("SELECT article_id, outlet, n_sentences, n_attributions, reading_json FROM articles")
        assert {r[0] for r in rows} == JSONL_IDS | folder_ids
        assert {r[1] for r in rows} == {"Harbour Gazette", "Valley Post", None}
        for article_id, _outlet, n_sentences, n_attributions, reading_json in rows:
            reading = Reading.model_validate_json(reading_json)
            assert article_identity(reading.article) == article_id
            assert len(reading.sentences) == n_sentences and len(reading.attributions) == n_attributions
        for table in ARTICLE_TABLES:  # every row belongs to a written article
            _, orphans = store.query(
                f"SELECT count(*) FROM {table.name} WHERE article_id NOT IN (SELECT article_id FROM articles)"
            )
            assert orphans == [(0,)], table.name
        _, per_article = store.query(
            "SELECT a.article_id, a.n_attributions, count(t.article_id) FROM articles a "
            "LEFT JOIN attributions t USING (article_id) GROUP BY ALL"
        )
        assert all(n == found for _id, n, found in per_article)
        assert sum(n for _id, n, _found in per_article) > 7
        _, runs = store.query("SELECT run_id, finished IS NOT NULL, n_read, n_skipped FROM runs")
        assert runs == [(result.run_id, True, 7, 3)]


def test_files_that_are_not_articles_are_recorded_as_skipped_with_their_reason(inputs, tmp_path, reader):
    db = tmp_path / "c.duckdb"
    result = _run(inputs, db, reader)
    assert {f.origin: f.code for f in result.skipped} == NOT_ARTICLES and not result.failures
    with DuckDBStore(db, read_only=True) as store:
        _, rows = store.query("SELECT origin, article_id, error, message FROM errors ORDER BY origin")
    assert {origin: code for origin, _id, code, _message in rows} == NOT_ARTICLES
    messages = {origin: message for origin, _id, _code, message in rows}
    assert "not a type byline reads: .png" in messages["folder/photo.png"]
    assert "not a type byline reads: .docx" in messages["folder/notes.docx"]
    assert "binary" in messages["folder/garbled.txt"]


def test_a_rerun_writes_nothing_new(inputs, tmp_path, reader):
    db = tmp_path / "c.duckdb"
    _run(inputs, db, reader)
    before = _table_counts(db)
    again = _run(inputs, db, reader)
    assert again.counts.read == 0 and again.counts.already_done == 7 and again.completed
    assert _table_counts(db) == before


def test_a_limit_and_then_the_rest(inputs, tmp_path, reader):
    db = tmp_path / "c.duckdb"
    first = _run(["articles.jsonl"], db, reader, limit=2)
    assert first.counts.read == 2
    rest = _run(["articles.jsonl"], db, reader)
    assert (rest.counts.read, rest.counts.already_done) == (3, 2)
    with DuckDBStore(db, read_only=True) as store:
        _, ids = store.query("SELECT article_id, run_id FROM articles ORDER BY article_id")
    assert {i for i, _ in ids} == JSONL_IDS and {r for _, r in ids} == {first.run_id, rest.run_id}


def test_an_article_met_twice_in_the_inputs_is_read_once(inputs, tmp_path, reader):
    db = tmp_path / "c.duckdb"
    result = _run(["articles.jsonl", "articles.jsonl"], db, reader)
    assert (result.counts.read, result.counts.repeated) == (5, 5)
    assert _table_counts(db)["articles"] == 5


def test_a_record_that_fails_is_an_error_row_and_is_retried(tmp_path, reader):
    data = tmp_path / "in.jsonl"
    data.write_text('{"ID": "x1", "body": "no text field"}\n', encoding="utf-8")
    db = tmp_path / "c.duckdb"
    result = _run([str(data)], db, reader)
    assert [f.code for f in result.failures] == ["malformed"] and result.counts.read == 0
    with DuckDBStore(db, read_only=True) as store:
        assert store.query("SELECT origin, error FROM errors")[1] == [(f"{data}:1", "malformed")]


def test_a_worker_that_dies_fails_its_articles_for_a_rerun():
    future: Future = Future()
    future.set_exception(BrokenProcessPool("a worker died"))
    article = Article(id="k1", text="Some text.", origin="in.jsonl:1")
    (failed,) = _outcomes(future, [article])
    assert (failed.code, failed.article_id, failed.origin) == ("worker_died", "id:k1", "in.jsonl:1")
    assert "rerun retries it" in failed.message


def test_the_run_command_with_a_worker_process_lists_what_it_skipped(inputs, tmp_path):
    db = tmp_path / "c.duckdb"
    args = ["corpus", "run", *inputs, "--db", str(db), "--workers", "1", "--min-confidence", "0"]
    args += [f"--field={k}={v}" for k, v in FIELDS.items()]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "read 7 article(s)" in result.output and "3 skipped (not articles)" in result.output
    for origin in NOT_ARTICLES:
        assert f"skipped: {origin}:" in result.output
    assert "not a type byline reads: .png" in result.output
    assert _table_counts(db)["articles"] == 7
