"""The entities stage writes reading.entities and leaves the registry for attribution."""

from __future__ import annotations

from byline.entities.registry import Registry
from byline.entities.stage import REGISTRY_KEY, EntityStage
from byline.pipeline import STAGE_FACTORIES, Context
from byline.reading import Article, Reading

TEXT = "Mayor Ines Duarte said the Harbour Post had it wrong. Duarte spoke at noon."


def test_stage_writes_entities_and_shares_the_registry(nlp):
    ctx = Context(doc=nlp(TEXT), reading=Reading(article=Article(text=TEXT)))
    stage = EntityStage()
    stage.write(ctx, stage.find(ctx))
    assert isinstance(ctx.shared[REGISTRY_KEY], Registry)
    names = {e.name: e for e in ctx.reading.entities}
    assert [m.text for m in names["Ines Duarte"].mentions] == ["Ines Duarte", "Duarte"]
    assert names["Harbour Post"].type == "PUBLICATION"


def test_stage_is_registered_as_entities():
    import byline.entities.stage  # noqa: F401

    assert STAGE_FACTORIES["entities"] is EntityStage
