"""A small corpus database for the dashboard tests, its figures counted by hand:

D1 Left Daily, 2024-03-05, 1000 chars, share 0.5: Ann (politician, woman), Bob (politician, man) twice,
   officials (anonymous, via a1)
D2 Left Daily, 2024-04-01, 1000 chars, share 0.3: Cy (expert, man), Pat (person, gender unknown)
D3 an outlet named like a script, 2024-04-20, 2000 chars, share 0.25: Dee (business, woman), a speaker named
   like markup (via c1)
D4 no outlet, no date, 500 chars: no attributions

8 attributions: 1 anonymous (12.5 %), 2 second-hand (25 %); of 7 to persons, 6 of known gender, 2 women.
"""

from __future__ import annotations

from pathlib import Path

from byline.store import ArticleRows
from byline.store.duckdb_store import DuckDBStore
from tests.store.helpers import article

HOSTILE_OUTLET = "<script>alert('outlet')</script>"
HOSTILE_SPEAKER = '<img src=x onerror="alert(1)">'


def _dated(rows: ArticleRows, published: str | None) -> ArticleRows:
    values = list(rows.article)
    values[5] = published
    return ArticleRows(rows.article_id, rows.origin, tuple(values), rows.tables)


def _person(aid: str, speaker: str, category: str, gender: str, via: str | None = None) -> dict:
    return {"id": aid, "speaker": speaker, "entity": f"e-{aid}", "category": category, "gender": gender, "via": via}


def corpus_rows() -> list[ArticleRows]:
    return [
        _dated(article("id:D1", "Left Daily", 1000, 0.5, [
            _person("a1", "Ann", "politician", "female"),
            _person("a2", "Bob", "politician", "male"),
            _person("a3", "Bob", "politician", "male"),
            {"id": "a4", "speaker": "officials", "anonymous": True, "category": "anonymous", "gender": "unknown",
             "via": "a1"},
        ]), "2024-03-05T10:00:00"),
        _dated(article("id:D2", "Left Daily", 1000, 0.3, [
            _person("b1", "Cy", "expert", "male"),
            _person("b2", "Pat", "person", "unknown"),
        ]), "2024-04-01"),
        _dated(article("id:D3", HOSTILE_OUTLET, 2000, 0.25, [
            _person("c1", "Dee", "business", "female"),
            _person("c2", HOSTILE_SPEAKER, "person", "male", via="c1"),
        ]), "2024-04-20"),
        article("id:D4", None, 500, 0.0, []),
    ]


def build_corpus(path: Path, rows: list[ArticleRows] | None = None) -> Path:
    """The database at ``path`` with ``rows`` (default: the corpus above; [] for an empty one)."""
    with DuckDBStore(path) as store:
        store.write(store.start_run([], 1, "m"), corpus_rows() if rows is None else rows)
    return path
