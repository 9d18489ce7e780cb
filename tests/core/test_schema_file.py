import json
from pathlib import Path

from byline.reading import reading_schema

PUBLISHED = Path(__file__).resolve().parents[2] / "byline" / "schema" / "reading.schema.json"


def test_published_schema_matches_the_model():
    published = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    assert published == reading_schema(), "regenerate with: byline schema > byline/schema/reading.schema.json"
