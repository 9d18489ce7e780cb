"""The Reading: one canonical article text and every layer byline adds to it, as character-offset spans.

Every span's ``start``/``end`` are character offsets into ``Reading.article.text`` (start inclusive,
end exclusive) and its ``text`` equals ``article.text[start:end]``.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.3"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """A stretch of the article text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Article(Model):
    """One article as ingested: the canonical body text and what was kept out of it."""

    id: str | None = Field(default=None, description="The input's own identifier for the article (a JSONL id field).")
    title: str | None = None
    text: str
    captions: list[str] = Field(default_factory=list, description="Photo captions kept out of the body.")
    credits: list[str] = Field(default_factory=list, description="Photo and agency credits kept out of the body.")
    boilerplate: list[str] = Field(
        default_factory=list, description="Site boilerplate (comment, share, newsletter prompts) kept out."
    )
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="Publication date, ISO 8601 where known.")
    authors: list[str] = Field(default_factory=list)
    language: str | None = None
    origin: str | None = Field(default=None, description="Where it was read from: path, path#record, '-'.")


def article_identity(article: Article) -> str:
    """What names an article across runs: its input's id, else a hash of its title and text (never its path,
    which may be typed differently from one run to the next)."""
    if article.id:
        return f"id:{article.id}"
    digest = hashlib.sha256(f"{article.title or ''}\n{article.text}".encode()).hexdigest()[:32]
    return f"sha256:{digest}"


class Sentence(Model):
    start: int
    end: int
    voice: Literal["attributed", "author", "mixed"] | None = Field(
        default=None,
        description="attributed: inside attributions' content; author: the outlet's own words; mixed: both.",
    )
    attributed_share: float | None = Field(
        default=None, description="Share of the sentence's letters and digits (outside cues and sources) attributed."
    )
    subjective: bool | None = Field(
        default=None, description="Opinion rather than reporting (CheckThat! sense), at the model's threshold."
    )
    subjectivity: float | None = Field(
        default=None, ge=0.0, le=1.0, description="Calibrated probability that the sentence is subjective."
    )
    bias: float | None = Field(
        default=None, ge=0.0, le=1.0, description="Calibrated probability that the sentence is worded with bias (BABE)."
    )


class Mention(Span):
    pass


EntityType = Literal["PERSON", "ORG", "GPE", "NORP", "PUBLICATION", "DOCUMENT", "OTHER"]


class Entity(Model):
    """A person, organisation or other referent, with every mention of it in the text."""

    id: str
    name: str
    type: str
    mentions: list[Mention] = Field(default_factory=list)


SourceCategory = Literal[
    "person",
    "government",
    "politician",
    "expert",
    "business",
    "advocacy",
    "citizen",
    "media",
    "document",
    "anonymous",
    "unknown",
]


class Source(Model):
    """Who an attribution is attributed to."""

    span: Span | None = Field(default=None, description="The mention as written, if any.")
    entity: str | None = Field(default=None, description="Entity id, or null when unresolved.")
    anonymous: bool = False
    description: str | None = Field(
        default=None,
        description="Who the source is said to be where no one entity is named (anonymous, vague, a group).",
    )
    category: SourceCategory | None = Field(default=None, description="What kind of source it is ('unknown': unsure).")
    gender: Literal["female", "male", "unknown"] | None = Field(
        default=None, description="For a person: from pronouns that refer to them, honorifics, then a name list."
    )
    evidence: dict[str, str] = Field(
        default_factory=dict, description="Why: the words behind 'category' and 'gender' (keys as the fields)."
    )


AttributionKind = Literal["direct", "indirect", "mixed", "block"]


class Attribution(Model):
    """A quote or reported statement: who says it, how, on whose authority, how hedged."""

    id: str
    kind: AttributionKind
    cue: Span | None = None
    source: Source = Field(default_factory=Source)
    content: list[Span] = Field(default_factory=list)
    hedges: list[Span] = Field(default_factory=list)
    via: str | None = Field(default=None, description="Id of the attribution through which this one is reported.")
    negated: bool = False
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    evidence: str | None = Field(default=None, description="What pattern or model found it.")


class LabeledSpan(Span):
    """A span of a later layer (voice, slant, framing): a label with its evidence and confidence."""

    layer: str
    label: str
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    evidence: str | None = None
    attrs: dict[str, Any] = Field(default_factory=dict)


class SpeakerGroup(Model):
    """The attributions of one speaker (an entity, an anonymous description, or unknown)."""

    speaker: str
    entity: str | None = None
    anonymous: bool = False
    attributions: list[str] = Field(default_factory=list, description="Attribution ids, in text order.")


class ChainNode(Model):
    """One link of a source chain: an attribution and those reported through it."""

    attribution: str
    speaker: str
    children: list[ChainNode] = Field(default_factory=list)


class Sourcing(Model):
    """Views of the attributions: grouped by speaker, as nested chains, and summary figures."""

    by_speaker: list[SpeakerGroup] = Field(default_factory=list)
    chains: list[ChainNode] = Field(default_factory=list, description="Roots are reported in the outlet's voice.")
    summary: dict[str, Any] = Field(default_factory=dict)


class TechniqueUse(Model):
    """One persuasion technique in the article, with how often it is the outlet's and a speaker's."""

    label: str
    outlet: int = 0
    speakers: int = 0
    examples: list[str] = Field(default_factory=list)


class Slant(Model):
    """Derived view of the slant layer: how much of the outlet's own voice is opinion, whose loaded words."""

    author_sentences: int = 0
    author_opinion_share: float | None = Field(
        default=None, description="Share of the outlet's own (author-voice) sentences that are subjective."
    )
    attributed_opinion_share: float | None = Field(
        default=None, description="Share of attributed sentences that are subjective."
    )
    loaded_outlet: int = Field(default=0, description="Loaded-language spans in the outlet's own voice.")
    loaded_quoted: int = Field(default=0, description="Loaded-language spans inside an attribution's content.")
    techniques: list[TechniqueUse] = Field(default_factory=list)


class Reading(Model):
    """Everything byline reads in one article."""

    schema_version: str = SCHEMA_VERSION
    article: Article
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    spans: list[LabeledSpan] = Field(default_factory=list)
    sourcing: Sourcing | None = Field(default=None, description="Derived views of the attributions.")
    slant: Slant | None = Field(default=None, description="Derived view of the voice and slant layers.")
    meta: dict[str, Any] = Field(default_factory=dict, description="Versions, pipeline and model names.")

    def span(self, start: int, end: int) -> Span:
        """A Span over ``article.text[start:end]``."""
        return Span(start=start, end=end, text=self.article.text[start:end])

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, if any."""
        return _entities_by_id(self.entities).get(entity_id) if entity_id is not None else None


_ENTITY_INDEXES: dict[int, tuple[list[Entity], int, dict[str, Entity]]] = {}
_ENTITY_INDEXES_LOCK = threading.Lock()


def _entities_by_id(entities: list[Entity]) -> dict[str, Entity]:
    """The entities by id, kept for the few lists looked up last: a long article's thousands of lookups
    would each scan every entity. (Kept outside the model so that it takes no part in equality.)"""
    cached = _ENTITY_INDEXES.get(id(entities))
    if cached is not None and cached[0] is entities and cached[1] == len(entities):
        return cached[2]
    index: dict[str, Entity] = {}
    for e in reversed(entities):  # the first of any repeated id wins, as a scan would find it
        index[e.id] = e
    with _ENTITY_INDEXES_LOCK:  # the server reads in threads
        if len(_ENTITY_INDEXES) >= 8:
            _ENTITY_INDEXES.pop(next(iter(_ENTITY_INDEXES)))
        _ENTITY_INDEXES[id(entities)] = (entities, len(entities), index)
    return index


def reading_schema() -> dict[str, Any]:
    """The published JSON Schema of a Reading."""
    schema = Reading.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://byline.invalid/schema/reading-{SCHEMA_VERSION}.json"
    return schema
