"""A Reading as table rows: every table's columns, keyed by the article's identity, named as the Reading names."""

from __future__ import annotations

from byline.ingest import article_from_text
from byline.reading import Reading, article_identity
from byline.store import reading_rows
from byline.store.schema import ARTICLES, TABLES_BY_NAME

TEXT = (
    "Council approves budget\n\n"
    "The harbour council approved the budget on Tuesday, the mayor said after a long meeting. "
    "Officials said the plan would cost the city more than expected, according to a report seen by the paper. "
    '"We made choices nobody wanted to make," said Dana Whitfield, the council\'s finance chair.'
)


def test_a_readings_rows_fit_the_schema_and_carry_its_identity(reader):
    reading = reader.read(article_from_text(TEXT, "budget.txt").model_copy(update={"outlet": "Gazette"}))
    rows = reading_rows(reading)
    identity = article_identity(reading.article)
    assert rows.article_id == identity and rows.article[0] == identity
    assert len(rows.article) == len(ARTICLES.columns)
    for name, table_rows in rows.tables.items():
        for row in table_rows:
            assert len(row) == len(TABLES_BY_NAME[name].columns) and row[0] == identity
    article = dict(zip(ARTICLES.column_names, rows.article, strict=True))
    assert article["outlet"] == "Gazette" and article["n_chars"] == len(reading.article.text)
    assert article["n_sentences"] == len(reading.sentences) == len(rows.tables["sentences"])
    assert article["n_attributions"] == len(reading.attributions) == len(rows.tables["attributions"]) > 0
    assert article["attributed_share"] == reading.sourcing.summary["attributed_share"]
    assert Reading.model_validate_json(article["reading_json"]) == reading


def test_attribution_rows_name_speakers_as_the_sourcing_does(reader):
    reading = reader.read(article_from_text(TEXT, "budget.txt"))
    rows = reading_rows(reading)
    columns = TABLES_BY_NAME["attributions"].column_names
    by_id = {row[1]: dict(zip(columns, row, strict=True)) for row in rows.tables["attributions"]}
    for group in reading.sourcing.by_speaker:
        for attribution_id in group.attributions:
            assert by_id[attribution_id]["speaker"] == group.speaker
    for a in reading.attributions:
        row = by_id[a.id]
        assert (row["via"], row["anonymous"], row["kind"]) == (a.via, a.source.anonymous, a.kind)
        parts = [*a.content, a.cue, a.source.span]
        assert row["start"] == min(p.start for p in parts if p) and row["end"] == max(p.end for p in parts if p)
    assert "Dana Whitfield" in {row["speaker"] for row in by_id.values()}
