"""The attribution stage: detect, screen by the guideline, resolve speakers, attach hedges, mark anonymous
sources, link chains.

Every step is a pure function of the parse and what earlier steps found; nothing is parsed again.
``write`` sets ``reading.attributions`` and refreshes ``reading.entities`` with the mentions that
speaker resolution added (the updated registry is left in ``ctx.shared["registry"]``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from byline.attribution.anonymity import mark_anonymous
from byline.attribution.chains import link_chains
from byline.attribution.filters import screen
from byline.attribution.hedges import attach_hedges
from byline.attribution.model import Candidate
from byline.attribution.resolve import resolve, resolved_mentions
from byline.attribution.unsourced import mark_unsourced
from byline.entities.registry import Registry, build_registry
from byline.entities.stage import REGISTRY_KEY
from byline.pipeline import Context, register_stage
from byline.reading import Attribution

Detector = Callable[[Doc], list[Candidate]]


@dataclass
class AttributionFindings:
    attributions: list[Attribution]
    registry: Registry


def default_detector(accurate: bool = False) -> Detector:
    """Attribution detection, imported when first needed; with ``accurate``, the encoder tagger's
    readings beside the CRF's (its pure use in the CRF's place, ``detect(doc, tagger=encoder)``, measured worse)."""
    from byline.attribution.detect import detect

    if not accurate:
        return detect
    from byline.attribution.encoder.runtime import load_encoder

    encoder = load_encoder()
    return lambda doc: detect(doc, encoder=encoder)


def read_attributions(doc: Doc, candidates: list[Candidate], registry: Registry) -> AttributionFindings:
    """Resolve -> hedges -> anonymity -> chains over candidates; the registry gains the resolved mentions."""
    attributions = resolve(doc, candidates, registry)
    attributions = attach_hedges(doc, attributions)
    attributions = mark_anonymous(doc, attributions)
    attributions = mark_unsourced(doc, attributions)
    attributions = link_chains(doc, attributions, registry)
    return AttributionFindings(attributions, registry.with_mentions(resolved_mentions(doc, attributions, registry)))


class AttributionStage:
    name = "attribution"

    def __init__(self, detector: Detector | None = None) -> None:
        self._detector = detector

    def find(self, ctx: Context) -> AttributionFindings:
        detector = self._detector or default_detector(ctx.settings.accurate)
        registry = ctx.shared.get(REGISTRY_KEY) or build_registry(ctx.doc)
        candidates = screen(ctx.doc, detector(ctx.doc))  # what the guideline does not count, left out
        return read_attributions(ctx.doc, candidates, registry)

    def write(self, ctx: Context, found: AttributionFindings) -> None:
        ctx.reading.attributions = found.attributions
        ctx.shared[REGISTRY_KEY] = found.registry
        ctx.reading.entities = found.registry.to_entities()


register_stage("attribution")(AttributionStage)
