"""The entities stage: the article's entity registry, written as ``reading.entities``.

The registry object itself is left in ``ctx.shared["registry"]`` for attribution to resolve speakers
against and to add the mentions it resolves.
"""

from __future__ import annotations

from byline.entities.registry import Registry, build_registry
from byline.pipeline import Context, register_stage

REGISTRY_KEY = "registry"


class EntityStage:
    name = "entities"

    def find(self, ctx: Context) -> Registry:
        return build_registry(ctx.doc)

    def write(self, ctx: Context, found: Registry) -> None:
        ctx.shared[REGISTRY_KEY] = found
        ctx.reading.entities = found.to_entities()


register_stage("entities")(EntityStage)
