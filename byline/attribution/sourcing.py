"""Derived views of a Reading's attributions: who is quoted, and the chains of who reports whom."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from byline.reading import Attribution, ChainNode, Reading, Sourcing, SpeakerGroup

UNKNOWN_SPEAKER = "unknown"


def speaker_label(reading: Reading, attribution: Attribution) -> str:
    """A readable name for who an attribution is attributed to."""
    source = attribution.source
    entity = reading.entity(source.entity)
    if entity is not None:
        return entity.name
    if source.description:
        return source.description
    if source.span is not None:
        return source.span.text
    return UNKNOWN_SPEAKER


def group_by_speaker(reading: Reading) -> list[SpeakerGroup]:
    """Attributions grouped by speaker, the most quoted first, unknown last."""
    groups: dict[tuple[str | None, str], SpeakerGroup] = {}
    for attribution in reading.attributions:
        label = speaker_label(reading, attribution)
        key = (attribution.source.entity, label if attribution.source.entity is None else "")
        if key not in groups:
            groups[key] = SpeakerGroup(
                speaker=label, entity=attribution.source.entity, anonymous=attribution.source.anonymous
            )
        groups[key].attributions.append(attribution.id)
    return sorted(groups.values(), key=lambda g: (g.speaker == UNKNOWN_SPEAKER, -len(g.attributions)))


def chain_forest(reading: Reading) -> list[ChainNode]:
    """Attributions as nested chains: roots are in the outlet's voice, children are reported through them."""
    by_id = {a.id: a for a in reading.attributions}
    children: dict[str | None, list[Attribution]] = {}
    for attribution in reading.attributions:
        parent = attribution.via if attribution.via in by_id else None
        children.setdefault(parent, []).append(attribution)

    def build(attribution: Attribution, seen: frozenset[str]) -> ChainNode:
        kids = [k for k in children.get(attribution.id, []) if k.id not in seen]
        return ChainNode(
            attribution=attribution.id,
            speaker=speaker_label(reading, attribution),
            children=[build(k, seen | {k.id}) for k in kids],
        )

    return [build(root, frozenset({root.id})) for root in children.get(None, [])]


def chain_of(
    reading: Reading, attribution: Attribution, by_id: dict[str, Attribution] | None = None
) -> list[Attribution]:
    """The attribution and those it is reported through, outermost first (cycles cut).

    ``by_id`` (attribution id -> attribution) saves rebuilding the index when called for many.
    """
    by_id = by_id if by_id is not None else {a.id: a for a in reading.attributions}
    chain = [attribution]
    while chain[-1].via in by_id and by_id[chain[-1].via] not in chain:
        chain.append(by_id[chain[-1].via])
    return chain[::-1]


def build_sourcing(reading: Reading, summarise: Callable[[Reading], dict[str, Any]] | None = None) -> Sourcing:
    """The sourcing views of a Reading; ``summarise`` adds summary figures."""
    return Sourcing(
        by_speaker=group_by_speaker(reading),
        chains=chain_forest(reading),
        summary=summarise(reading) if summarise else {},
    )
