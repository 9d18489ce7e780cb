"""The corpus report's who-is-quoted figures on hand-made rows, counted by hand:

B1 Left Daily, 2024-03-05: Ann (politician, female), Bob (politician, male), Bob (politician, male),
   officials (anonymous, gender unknown), the report (document, no gender)
B2 Left Daily, 2024-04-01: Cy (expert, male), Pat (person, gender unknown)
B3 Right Post, no date: Dee (business, female), Acme (business, no gender), an attribution of an older
   pipeline (no category, no gender)
"""

from __future__ import annotations

import csv
import io
import json

import pytest

pytest.importorskip("duckdb")

from byline.corpus.report import corpus_report, render_report  # noqa: E402
from byline.store import ArticleRows  # noqa: E402
from byline.store.duckdb_store import DuckDBStore  # noqa: E402
from tests.store.helpers import article  # noqa: E402


def dated(rows: ArticleRows, published: str | None) -> ArticleRows:
    values = list(rows.article)
    values[5] = published
    return ArticleRows(rows.article_id, rows.origin, tuple(values), rows.tables)


def person(aid: str, speaker: str, category: str, gender: str | None) -> dict:
    return {"id": aid, "speaker": speaker, "entity": f"e-{speaker}", "category": category, "gender": gender}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "sources.duckdb"
    corpus = [
        dated(article("id:B1", "Left Daily", 1000, 0.5, [
            person("a1", "Ann", "politician", "female"),
            person("a2", "Bob", "politician", "male"),
            person("a3", "Bob", "politician", "male"),
            {"id": "a4", "speaker": "officials", "anonymous": True, "category": "anonymous", "gender": "unknown"},
            {"id": "a5", "speaker": "the report", "category": "document"},
        ]), "2024-03-05T10:00:00"),
        dated(article("id:B2", "Left Daily", 1000, 0.5, [
            person("b1", "Cy", "expert", "male"),
            person("b2", "Pat", "person", "unknown"),
        ]), "2024-04-01"),
        article("id:B3", "Right Post", 1000, 0.5, [
            person("c1", "Dee", "business", "female"),
            {"id": "c2", "speaker": "Acme", "category": "business"},
            {"id": "c3", "speaker": "Old"},
        ]),
    ]
    with DuckDBStore(path) as store:
        store.write(store.start_run([], 1, "m"), corpus)
    return path


def _report(db, **kwargs):
    with DuckDBStore(db, read_only=True) as store:
        return corpus_report(store, **kwargs)


def test_quotes_from_women_and_men_per_outlet_with_coverage(db):
    rows = {r["outlet"]: r for r in _report(db).gender_by_outlet}
    left, right = rows["Left Daily"], rows["Right Post"]
    assert (left["attributions"], left["people"], left["known"], left["female"], left["male"]) == (7, 6, 4, 1, 3)
    assert (left["female_share"], left["male_share"], left["gender_coverage"]) == (0.25, 0.75, 0.6667)
    assert (right["people"], right["known"], right["female_share"], right["gender_coverage"]) == (1, 1, 1.0, 1.0)


def test_quotes_from_women_and_men_by_month(db):
    months = [(r["month"], r["known"], r["female_share"]) for r in _report(db).gender_by_month]
    assert months == [("2024-03", 3, 0.3333), ("2024-04", 1, 0.0), ("(no date)", 1, 1.0)]
    only_right = _report(db, outlet="Right Post").gender_by_month
    assert [r["month"] for r in only_right] == ["(no date)"]


def test_source_categories_per_outlet(db):
    found = [(r["outlet"], r["category"], r["attributions"], r["share"]) for r in _report(db).categories_by_outlet]
    assert found == [
        ("Left Daily", "politician", 3, 0.4286),
        ("Left Daily", "anonymous", 1, 0.1429),
        ("Left Daily", "document", 1, 0.1429),
        ("Left Daily", "expert", 1, 0.1429),
        ("Left Daily", "person", 1, 0.1429),
        ("Right Post", "business", 2, 1.0),  # the older pipeline's attribution has no category: left out
    ]


def test_text_json_and_csv_carry_the_new_sections(db):
    report = _report(db)
    text = render_report(report, "text")
    assert "quotes from women and men by outlet" in text and "by month" in text
    assert "Left Daily: politician 42.9%" in text
    assert json.loads(render_report(report, "json"))["gender_by_outlet"][0]["female"] == 1
    rows = list(csv.DictReader(io.StringIO(render_report(report, "csv"))))
    assert {r["section"] for r in rows} >= {"outlet_gender", "month_gender", "outlet_category"}
    months = [r["month"] for r in rows if r["section"] == "month_gender"]
    assert months == ["2024-03", "2024-04", "(no date)"]

