"""The corpus report's figures on hand-made rows, counted by hand (see tests/store/helpers.report_corpus):

A1 Left Daily, 1000 chars, share 0.5: Jane Doe, officials (anonymous, via a1), Jane Doe
A2 Left Daily, 3000 chars, share 0.1: John Roe, unknown, unresolved (he)
A3 Right Post, 2000 chars, share 0.25: Jane Doe, a source (anonymous, via c1), John Roe (via c1), John Roe
A4 no outlet, 500 chars, share 0: no attributions
"""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

pytest.importorskip("duckdb")

from typer.testing import CliRunner  # noqa: E402

from byline.cli import app  # noqa: E402
from byline.corpus.report import corpus_report, render_report  # noqa: E402
from byline.store.duckdb_store import DuckDBStore  # noqa: E402
from tests.store.helpers import article, report_corpus  # noqa: E402


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "report.duckdb"
    with DuckDBStore(path) as store:
        store.write(store.start_run([], 1, "m"), report_corpus())
    return path


def _report(db, **kwargs):
    with DuckDBStore(db, read_only=True) as store:
        return corpus_report(store, **kwargs)


def test_the_totals_are_counted_over_every_article(db):
    totals = _report(db).totals
    assert totals == {
        "articles": 4,
        "attributions": 10,
        "anonymous": 2,
        "second_hand": 3,
        "anonymous_rate": 0.2,  # officials, a source
        "second_hand_share": 0.3,  # a2, c2, c3 have via
        "attributed_share": 0.2,  # (0.5*1000 + 0.1*3000 + 0.25*2000) / 6500
    }


def test_each_outlet_has_its_rates_most_articles_first(db):
    outlets = _report(db).outlets
    assert [(o["outlet"], o["articles"], o["attributions"]) for o in outlets] == [
        ("Left Daily", 2, 6),
        ("(no outlet)", 1, 0),
        ("Right Post", 1, 4),
    ]
    left, none, right = outlets
    assert (left["anonymous_rate"], left["second_hand_share"], left["attributed_share"]) == (0.1667, 0.1667, 0.2)
    assert (right["anonymous_rate"], right["second_hand_share"], right["attributed_share"]) == (0.25, 0.5, 0.25)
    assert (none["anonymous_rate"], none["second_hand_share"], none["attributed_share"]) == (None, None, 0.0)


def test_top_speakers_are_named_ones_overall_and_per_outlet(db):
    report = _report(db, top=5)
    assert report.top_speakers == [
        {"speaker": "Jane Doe", "attributions": 3, "articles": 2, "names": []},
        {"speaker": "John Roe", "attributions": 3, "articles": 2, "names": []},
    ]
    assert [(r["outlet"], r["rank"], r["speaker"], r["attributions"]) for r in report.top_speakers_by_outlet] == [
        ("Left Daily", 1, "Jane Doe", 2),
        ("Left Daily", 2, "John Roe", 1),
        ("Right Post", 1, "John Roe", 2),
        ("Right Post", 2, "Jane Doe", 1),
    ]
    assert [r["speaker"] for r in _report(db, top=1).top_speakers] == ["Jane Doe"]


def test_a_persons_names_are_merged_across_articles_and_an_organisation_is_not(tmp_path):
    path = tmp_path / "names.duckdb"
    people = [
        article("n1", "Left Daily", 100, 0.1, [{"id": "x1", "speaker": "Donald J. Trump", "entity": "e1"}]),
        article("n2", "Left Daily", 100, 0.1, [{"id": "x1", "speaker": "Trump", "entity": "e1"},
                                               {"id": "x2", "speaker": "Trump", "entity": "e1"}]),
        article("n3", "Right Post", 100, 0.1, [{"id": "x1", "speaker": "Donald Trump", "entity": "e1"},
                                               {"id": "x2", "speaker": "Donald Trump", "entity": "e1"},
                                               {"id": "x3", "speaker": "Trump Organization"}]),
        article("n4", "Right Post", 100, 0.1, [{"id": "x1", "speaker": "Trump"}]),  # the parser missed the person
    ]
    with DuckDBStore(path) as store:
        store.write(store.start_run([], 1, "m"), people)
        report = corpus_report(store, top=5)
    (trump, organisation) = report.top_speakers
    assert trump == {
        "speaker": "Donald Trump", "attributions": 6, "articles": 4, "names": ["Trump", "Donald J. Trump"],
    }
    assert organisation["speaker"] == "Trump Organization" and organisation["names"] == []
    left = [r for r in report.top_speakers_by_outlet if r["outlet"] == "Left Daily"]
    assert [(r["speaker"], r["attributions"]) for r in left] == [("Donald Trump", 3)]
    assert "Donald Trump  (4 articles; also Trump, Donald J. Trump)" in render_report(report, "text")


def test_the_writer_is_not_a_top_speaker(tmp_path):
    from byline.attribution.resolve import FIRST_PERSON
    from byline.corpus.report import WRITER_NAMES

    assert WRITER_NAMES == set(FIRST_PERSON.values())
    path = tmp_path / "writer.duckdb"
    rows = [article("w1", "Left Daily", 100, 0.1, [{"id": "x1", "speaker": "the writer"},
                                                  {"id": "x2", "speaker": "Jane Doe", "entity": "e1"}])]
    with DuckDBStore(path) as store:
        store.write(store.start_run([], 1, "m"), rows)
        report = corpus_report(store)
    assert [r["speaker"] for r in report.top_speakers] == ["Jane Doe"]
    assert report.totals["attributions"] == 2  # still counted in every figure


def test_one_outlet_and_the_articles_without_one(db):
    right = _report(db, outlet="Right Post")
    assert (right.totals["articles"], right.totals["anonymous_rate"], right.totals["second_hand_share"]) == (
        1, 0.25, 0.5,
    )
    assert [(s["speaker"], s["attributions"]) for s in right.top_speakers] == [("John Roe", 2), ("Jane Doe", 1)]
    assert _report(db, outlet="(no outlet)").totals["articles"] == 1
    assert _report(db, outlet="Nowhere").totals["articles"] == 0
    assert [o["outlet"] for o in _report(db, max_outlets=1).outlets] == ["Left Daily"]


def test_text_json_and_csv_say_the_same(db):
    report = _report(db)
    text = render_report(report, "text")
    assert "4 articles, 10 attributions" in text and "anonymous sources 20.0%" in text
    assert "reported second-hand 30.0%" in text and "Right Post" in text
    assert json.loads(render_report(report, "json"))["totals"]["second_hand"] == 3
    rows = list(csv.DictReader(io.StringIO(render_report(report, "csv"))))
    outlet_rows = {r["outlet"]: r for r in rows if r["section"] == "outlet"}
    assert outlet_rows["Right Post"]["second_hand_share"] == "0.5"
    assert [r["speaker"] for r in rows if r["section"] == "top_speaker"] == ["Jane Doe", "John Roe"]


def test_the_report_command(db):
    args = ["corpus", "report", "--db", str(db), "--format", "json", "--outlet", "Left Daily"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["totals"]["attributions"] == 6 and found["top_speakers"][0]["speaker"] == "Jane Doe"
    missing = CliRunner().invoke(app, ["corpus", "report", "--db", str(db.with_name("none.duckdb"))])
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_without_duckdb_the_commands_say_which_extra_to_install(db, monkeypatch):
    monkeypatch.setitem(sys.modules, "duckdb", None)
    for command in (["report"], ["export", "--out", str(db.parent / "out")], ["run", str(db.parent)]):
        result = CliRunner().invoke(app, ["corpus", *command, "--db", str(db)])
        assert result.exit_code == 1 and "pip install 'byline[corpus]'" in result.output, command
