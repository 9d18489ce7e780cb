"""A sourcing summary of one Reading, for the terminal rendering and the HTML page alike."""

from __future__ import annotations

from collections import Counter
from typing import Any

from byline.reading import Attribution, Reading

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
        "chain_depth": max((len(chain_of(attributions, a)) for a in attributions), default=0),
        "reported_via": reported_via(reading),
    }


def speaker_name(reading: Reading, attribution: Attribution) -> str:
    """The entity's name, else the anonymous description, else the words of the source, else "unknown"."""
    source = attribution.source
    entity = reading.entity(source.entity)
    if entity is not None:
        return entity.name
    if source.anonymous and source.description:
        return source.description
    return source.span.text if source.span is not None else UNKNOWN


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


def chain_of(attributions: list[Attribution], attribution: Attribution) -> list[Attribution]:
    """The attribution and those it is reported through, outermost first; a cycle is cut where it closes."""
    by_id = {a.id: a for a in attributions}
    chain = [attribution]
    while chain[-1].via in by_id and by_id[chain[-1].via] not in chain:
        chain.append(by_id[chain[-1].via])
    return chain[::-1]


def reported_via(reading: Reading) -> list[dict[str, Any]]:
    """Who is reported through whom: speaker, the speaker of the attribution it comes through, count."""
    by_id = {a.id: a for a in reading.attributions}
    pairs: Counter = Counter()
    for attribution in reading.attributions:
        outer = by_id.get(attribution.via) if attribution.via else None
        if outer is not None:
            pairs[(speaker_name(reading, attribution), speaker_name(reading, outer))] += 1
    return [{"speaker": s, "via": v, "count": n} for (s, v), n in pairs.most_common()]
