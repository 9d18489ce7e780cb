"""Hand-made article rows for store and report tests: figures that can be checked by hand."""

from __future__ import annotations

import json

from byline.store import ArticleRows


def article(
    article_id: str,
    outlet: str | None,
    n_chars: int,
    share: float,
    attributions: list[dict] = (),
    n_sentences: int = 2,
) -> ArticleRows:
    """An article with ``n_sentences`` sentences and the given attributions (dicts of the columns that vary)."""
    sentences = [(article_id, i, 10 * i, 10 * i + 9, "author", 0.0, None, None, None) for i in range(n_sentences)]
    rows = [
        (
            article_id,
            a["id"],
            "indirect",
            a["speaker"],
            a.get("entity"),
            "PERSON" if a.get("entity") else None,
            a.get("anonymous", False),
            a.get("description"),
            a.get("category"),
            a.get("gender"),
            "said",
            "something",
            a.get("via"),
            False,
            0.9,
            False,
            0,
            20,
        )
        for a in attributions
    ]
    return ArticleRows(
        article_id=article_id,
        origin=f"test:{article_id}",
        article=(
            article_id, None, f"test:{article_id}", outlet, f"title {article_id}", None, None,
            n_chars, n_chars // 6, n_sentences, len(rows), share, json.dumps({"article": {"id": article_id}}),
        ),
        tables={
            "sentences": sentences,
            "entities": [(article_id, "e1", "Jane Doe", "PERSON", 2)],
            "attributions": rows,
            "spans": [(article_id, "slant", "loaded", 0, 5, "words", 0.8, "outlet")],
        },
    )


def report_corpus() -> list[ArticleRows]:
    """Four articles from two outlets and one without, with attributions counted by hand in test_report."""
    return [
        article("id:A1", "Left Daily", 1000, 0.5, [
            {"id": "a1", "speaker": "Jane Doe", "entity": "e1"},
            {"id": "a2", "speaker": "officials", "anonymous": True, "description": "officials", "via": "a1"},
            {"id": "a3", "speaker": "Jane Doe", "entity": "e1"},
        ]),
        article("id:A2", "Left Daily", 3000, 0.1, [
            {"id": "b1", "speaker": "John Roe", "entity": "e2"},
            {"id": "b2", "speaker": "unknown"},
            {"id": "b3", "speaker": "unresolved (he)"},
        ]),
        article("id:A3", "Right Post", 2000, 0.25, [
            {"id": "c1", "speaker": "Jane Doe", "entity": "e1"},
            {"id": "c2", "speaker": "a source", "anonymous": True, "description": "a source", "via": "c1"},
            {"id": "c3", "speaker": "John Roe", "entity": "e2", "via": "c1"},
            {"id": "c4", "speaker": "John Roe", "entity": "e2"},
        ]),
        article("id:A4", None, 500, 0.0, []),
    ]


def count_rows(store, table: str) -> int:
    return store.query(f"SELECT count(*) FROM {table}")[1][0][0]


def check_a_run_of_whole_articles(store) -> int:
    """What every store must do with one run: write the report corpus and an error, name the articles it
    holds, record the run's end. Returns the run's id."""
    run = store.start_run(["in.jsonl"], 2, "model")
    store.write(run, report_corpus(), [("bad.bin", None, "binary", "bad.bin: binary")])
    assert store.done_ids() == {"id:A1", "id:A2", "id:A3", "id:A4"}
    assert count_rows(store, "sentences") == 8 and count_rows(store, "attributions") == 10
    assert store.query("SELECT DISTINCT run_id FROM articles")[1] == [(run,)]
    assert store.query("SELECT run_id, origin, article_id, error FROM errors")[1] == [
        (run, "bad.bin", None, "binary")
    ]
    store.finish_run(run, 4, 0, 1)
    _, runs = store.query("SELECT run_id, finished IS NOT NULL, inputs, workers, n_read, n_skipped FROM runs")
    assert runs == [(run, True, '["in.jsonl"]', 2, 4, 1)]
    return run
