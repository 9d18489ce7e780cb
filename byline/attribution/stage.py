"""The attribution stage (placeholder until detection and resolution land: finds nothing yet)."""

from __future__ import annotations

from byline.pipeline import Context, register_stage


class AttributionStage:
    name = "attribution"

    def find(self, ctx: Context) -> list:
        return []

    def write(self, ctx: Context, found: list) -> None:
        ctx.reading.attributions = found


register_stage("attribution")(AttributionStage)
