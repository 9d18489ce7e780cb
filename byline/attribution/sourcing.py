"""Derived views of a Reading's attributions: who is quoted, and the chains of who reports whom."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from byline.reading import Attribution, ChainNode, Reading, Sourcing, SpeakerGroup

UNKNOWN_SPEAKER = "unknown"
UNRESOLVED = "unresolved"
# A source mention that is one of these, left unresolved, names no one: "who said", "which found",
# "you say", "he said" with no antecedent found. It is shown as "unresolved (who)", never as a name.
PRONOUNS = frozenset(
    """
    who whom whose which that what whoever whatever
    you your yours yourself yourselves ya y'all
    he him his she her hers it its they them their theirs i me my we us our
    this these those
    """.split()
)


def speaker_label(reading: Reading, attribution: Attribution) -> str:
    """A readable name for who an attribution is attributed to."""
    source = attribution.source
    entity = reading.entity(source.entity)
    if entity is not None:
        return entity.name
    if source.description:
        return source.description
    if source.span is not None:
        mention = " ".join(source.span.text.split())
        return f"{UNRESOLVED} ({mention.lower()})" if mention.lower() in PRONOUNS else mention
    return UNKNOWN_SPEAKER


def speaker_key(label: str) -> str:
    """What two labels of one speaker share: letter case and a leading "the" folded ("The White House",
    "the White House" and "White House" are one speaker)."""
    words = label.casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _named_first(group: SpeakerGroup) -> tuple[bool, bool, int]:
    """Sort key: named speakers (most attributions first), then unresolved pronouns, then unknown."""
    unresolved = group.speaker.startswith(f"{UNRESOLVED} (")
    return group.speaker == UNKNOWN_SPEAKER, unresolved, -len(group.attributions)


def group_by_speaker(reading: Reading) -> list[SpeakerGroup]:
    """Attributions grouped by speaker, the most quoted first, unresolved and unknown last.

    An entity's attributions are one group; a speaker with no entity is grouped by its label with case
    and a leading "the" folded (see ``speaker_key``), and joins the entity of the same name if there is
    one. A folded group shows its most frequent label.
    """
    groups: dict[str, SpeakerGroup] = {}
    labels: dict[str, list[str]] = {}
    for attribution in reading.attributions:
        label = speaker_label(reading, attribution)
        entity = attribution.source.entity
        key = f"entity:{entity}" if entity is not None else speaker_key(label)
        if key not in groups:
            groups[key] = SpeakerGroup(speaker=label, entity=entity, anonymous=attribution.source.anonymous)
        groups[key].attributions.append(attribution.id)
        labels.setdefault(key, []).append(label)
    by_name = {speaker_key(g.speaker): key for key, g in groups.items() if g.entity is not None}
    for key in [k for k, g in groups.items() if g.entity is None and speaker_key(g.speaker) in by_name]:
        target = groups[by_name[speaker_key(groups[key].speaker)]]
        target.attributions = sorted(target.attributions + groups.pop(key).attributions, key=_order(reading))
        labels.pop(key)
    for key, group in groups.items():
        if group.entity is None:
            seen = labels[key]
            group.speaker = max(seen, key=lambda label: (seen.count(label), -seen.index(label)))
    return sorted(groups.values(), key=_named_first)


def _order(reading: Reading) -> Callable[[str], int]:
    position = {a.id: n for n, a in enumerate(reading.attributions)}
    return lambda attribution_id: position.get(attribution_id, len(position))


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
