"""A sourcing summary of one Reading, for the terminal rendering and the HTML page alike."""

from __future__ import annotations

from collections import Counter
from typing import Any

from byline.attribution.sourcing import build_sourcing, chain_of, speaker_label
from byline.pipeline import Context, register_stage
from byline.reading import Attribution, Reading, Sourcing

KINDS = ("direct", "indirect", "mixed", "block")
TOP_SPEAKERS = 5
OUTLET_LABEL = "the outlet"
UNKNOWN = "unknown"


def sourcing_summary(reading: Reading) -> dict[str, Any]:
    """Figures computed from the attributions: kinds, named vs anonymous, hedges, chains, top speakers.

    ``attributed_share`` is the share of the article's characters inside some attribution's content;
    ``chain_depth`` counts the reporters between the outlet and the deepest speaker (1: the outlet
    reports the speaker directly; 0: no attributions).
    """
    attributions = reading.attributions
    kinds = Counter(a.kind for a in attributions)
    return {
        "outlet": reading.article.outlet or OUTLET_LABEL,
        "attributions": len(attributions),
        "by_kind": {kind: kinds.get(kind, 0) for kind in KINDS},
        "named": sum(1 for a in attributions if a.source.entity is not None),
        "anonymous": sum(1 for a in attributions if a.source.anonymous),
        "unresolved": sum(1 for a in attributions if a.source.entity is None and not a.source.anonymous),
        "hedged": sum(1 for a in attributions if a.hedges),
        "negated": sum(1 for a in attributions if a.negated),
        "attributed_share": attributed_share(reading),
        "top_speakers": top_speakers(reading),
        "anonymous_sources": anonymous_sources(attributions),
        "chain_depth": chain_depth(reading),
        "reported_via": reported_via(reading),
    }


def attributed_share(reading: Reading) -> float:
    """Share of the text's characters covered by attributed content (overlaps counted once)."""
    length = len(reading.article.text)
    if not length:
        return 0.0
    covered = 0
    reach = 0
    for start, end in sorted((c.start, c.end) for a in reading.attributions for c in a.content):
        start = max(start, reach)
        if end > start:
            covered += end - start
            reach = end
    return round(covered / length, 3)


def top_speakers(reading: Reading) -> list[dict[str, Any]]:
    """The most attributed entities: id, name and count, most first."""
    counts = Counter(a.source.entity for a in reading.attributions if a.source.entity is not None)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_SPEAKERS]
    return [
        {
            "entity": entity_id,
            "name": entity.name if (entity := reading.entity(entity_id)) else entity_id,
            "count": n,
        }
        for entity_id, n in ranked
    ]


def anonymous_sources(attributions: list[Attribution]) -> list[dict[str, Any]]:
    """Each anonymous source description with how often it is cited."""
    counts = Counter(a.source.description or UNKNOWN for a in attributions if a.source.anonymous)
    return [{"description": d, "count": n} for d, n in counts.most_common()]


def reported_via(reading: Reading) -> list[dict[str, Any]]:
    """Who is reported through whom: speaker, the speaker of the attribution it comes through, count."""
    by_id = {a.id: a for a in reading.attributions}
    pairs: Counter = Counter()
    for attribution in reading.attributions:
        outer = by_id.get(attribution.via) if attribution.via else None
        if outer is not None:
            pairs[(speaker_label(reading, attribution), speaker_label(reading, outer))] += 1
    return [{"speaker": s, "via": v, "count": n} for (s, v), n in pairs.most_common()]


def chain_depth(reading: Reading) -> int:
    """The length of the longest chain from the outlet to a speaker (0: no attributions)."""
    by_id = {a.id: a for a in reading.attributions}
    return max((len(chain_of(reading, a, by_id)) for a in reading.attributions), default=0)


class SourcingStage:
    """Writes the derived sourcing views once every attribution is in."""

    name = "sourcing"

    def find(self, ctx: Context) -> Sourcing:
        return build_sourcing(ctx.reading, sourcing_summary)

    def write(self, ctx: Context, found: Sourcing) -> None:
        ctx.reading.sourcing = found


register_stage("sourcing")(SourcingStage)
