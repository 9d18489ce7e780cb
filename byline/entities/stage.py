"""The entities stage: a registry of named entities from the parse (first version; resolution extends it)."""

from __future__ import annotations

from byline.pipeline import Context, register_stage
from byline.reading import Entity, Mention

KEPT_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP"}


def named_mentions(ctx: Context) -> list[tuple[str, str, int, int]]:
    """(type, text, start, end) for each named-entity mention byline keeps."""
    return [
        (KEPT_TYPES[ent.label_], ent.text, ent.start_char, ent.end_char)
        for ent in ctx.doc.ents
        if ent.label_ in KEPT_TYPES
    ]


class EntityStage:
    name = "entities"

    def find(self, ctx: Context) -> list[tuple[str, str, int, int]]:
        return named_mentions(ctx)

    def write(self, ctx: Context, found: list[tuple[str, str, int, int]]) -> None:
        by_key: dict[tuple[str, str], Entity] = {}
        for etype, text, start, end in found:
            key = (etype, text.lower())
            if key not in by_key:
                by_key[key] = Entity(id=f"e{len(by_key) + 1}", name=text, type=etype)
            by_key[key].mentions.append(Mention(start=start, end=end, text=text))
        ctx.reading.entities = list(by_key.values())


register_stage("entities")(EntityStage)
