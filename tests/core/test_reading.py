import json

import pytest
from pydantic import ValidationError

from byline.reading import SCHEMA_VERSION, Article, Attribution, Reading, Source, reading_schema


def test_schema_publishes_every_top_level_layer():
    schema = reading_schema()
    assert set(schema["required"]) == {"article"}
    for layer in ("schema_version", "article", "sentences", "entities", "attributions", "spans", "sourcing"):
        assert layer in schema["properties"]
    assert schema["$defs"]["Article"]["required"] == ["text"]
    json.dumps(schema)


def test_span_helper_takes_text_from_article_offsets():
    reading = Reading(article=Article(text="The mayor said no."))
    span = reading.span(4, 9)
    assert (span.start, span.end, span.text) == (4, 9, "mayor")


def test_reading_round_trips_through_json():
    reading = Reading(article=Article(text="abc"))
    reading.attributions.append(Attribution(id="a1", kind="direct", source=Source(anonymous=True)))
    again = Reading.model_validate_json(reading.model_dump_json())
    assert again == reading
    assert again.schema_version == SCHEMA_VERSION


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        Reading.model_validate({"article": {"text": "x"}, "bogus": 1})


def test_entity_lookup_returns_none_for_unknown_id():
    assert Reading(article=Article(text="x")).entity("e9") is None
