"""The reading pipeline: registered, swappable stages that each add a layer to one Reading.

Each article is parsed once; every stage gets the same spaCy ``Doc``. A stage first *finds*
(a pure function of the doc and what earlier stages wrote) and then *writes* its findings into the
Reading, as spaCy's ``match()`` / ``set_annotations()`` do.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from spacy.tokens import Doc

from byline import __version__
from byline.errors import BylineError
from byline.nlp import load_pipeline
from byline.nlp.pipeline import check_deadline, parse_texts
from byline.nlp.sentence_index import release_doc
from byline.reading import Article, Reading
from byline.settings import Settings


@dataclass
class Context:
    """What a stage sees: the parse, the Reading so far, and in-process objects earlier stages left."""

    doc: Doc
    reading: Reading
    shared: dict[str, Any] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)


class Stage(Protocol):
    name: str

    def find(self, ctx: Context) -> Any: ...

    def write(self, ctx: Context, found: Any) -> None: ...


STAGE_FACTORIES: dict[str, Callable[[], Stage]] = {}

# Modules whose import registers the built-in stages.
BUILTIN_STAGE_MODULES = (
    "byline.nlp.stages",
    "byline.entities.stage",
    "byline.attribution.stage",
    "byline.attribution.calibrate",
    "byline.attribution.summary",
    "byline.attribution.source_profile",
    "byline.voice.stage",
    "byline.slant.sentence_stage",
    "byline.slant.persuasion.stage",
    "byline.slant.summary",
)
DEFAULT_STAGES = (
    "sentences",
    "entities",
    "attribution",
    "confidence",
    "sources",
    "voice",
    "subjectivity",
    "persuasion",
    "slant",
    "sourcing",
)


def register_stage(name: str) -> Callable[[Callable[[], Stage]], Callable[[], Stage]]:
    """Register a stage factory under ``name`` (a later registration replaces an earlier one)."""

    def decorate(factory: Callable[[], Stage]) -> Callable[[], Stage]:
        STAGE_FACTORIES[name] = factory
        return factory

    return decorate


def _load_builtin_stages() -> None:
    for module in BUILTIN_STAGE_MODULES:
        importlib.import_module(module)


def available_stages() -> list[str]:
    """Names of every registered stage."""
    _load_builtin_stages()
    return sorted(STAGE_FACTORIES)


class Reader:
    """Reads articles into Readings with one spaCy pipeline and a list of stages."""

    def __init__(self, settings: Settings | None = None, stages: Iterable[str] = DEFAULT_STAGES) -> None:
        self.settings = settings or Settings()
        _load_builtin_stages()
        unknown = [name for name in stages if name not in STAGE_FACTORIES]
        if unknown:
            raise ValueError(f"unknown stage(s) {unknown}; available: {sorted(STAGE_FACTORIES)}")
        self.stages: list[Stage] = [STAGE_FACTORIES[name]() for name in stages]
        self.nlp = load_pipeline(self.settings.model)
        if self.settings.accurate:  # fail here, once, not in every article's reading
            from byline.attribution.encoder.runtime import load_encoder

            load_encoder()

    def read(self, article: Article, deadline: float | None = None) -> Reading:
        """Read one article; past ``deadline`` (a ``time.monotonic()`` value) it stops between parse batches
        or stages with a ``deadline`` error."""
        return next(self.read_many([article], deadline))

    def read_many(self, articles: Iterable[Article], deadline: float | None = None) -> Iterator[Reading]:
        """Read articles in order, parsing them in batches (stopping past ``deadline``, as ``read`` does)."""
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= self.settings.batch_size:
                yield from self._read_batch(pending, deadline)
                pending = []
        if pending:
            yield from self._read_batch(pending, deadline)

    def read_stream(self, items: Iterable[Article | BylineError]) -> Iterator[Reading | BylineError]:
        """Readings, or the failure of each input that failed, in input order; one article's failure
        (passed in, or raised by a stage) never stops the others."""
        pending: list[Article] = []
        for item in items:
            if isinstance(item, BylineError):
                yield from self._read_failsafe(pending)
                pending = []
                yield item
                continue
            pending.append(item)
            if len(pending) >= self.settings.batch_size:
                yield from self._read_failsafe(pending)
                pending = []
        yield from self._read_failsafe(pending)

    def _read_failsafe(self, articles: list[Article]) -> Iterator[Reading | BylineError]:
        if not articles:
            return
        refusals = [self.too_long(a) for a in articles]
        docs = iter(self.parse([a for a, refused in zip(articles, refusals, strict=True) if refused is None]))
        for article, refused in zip(articles, refusals, strict=True):
            if refused is not None:
                yield refused  # refused alone: the parser would fail the whole batch on it
                continue
            doc = next(docs)
            try:
                outcome: Reading | BylineError = self.read_parsed(article, doc)
            except Exception as exc:  # one article's failure must not end the batch
                outcome = BylineError("internal", article.origin, detail=f"{type(exc).__name__}: {exc}")
            release_doc(doc)
            yield outcome

    def too_long(self, article: Article) -> BylineError | None:
        """The failure of an article longer than the parser accepts, or None."""
        if len(article.text) <= self.nlp.max_length:
            return None
        return BylineError("too_long", article.origin, length=len(article.text), limit=self.nlp.max_length)

    def parse(self, articles: list[Article], deadline: float | None = None) -> Iterator[Doc]:
        """Parse the articles' texts in one batched ``nlp.pipe`` (long ones in paragraph chunks)."""
        texts = [a.text for a in articles]
        return parse_texts(self.nlp, texts, batch_size=self.settings.batch_size, deadline=deadline)

    def _read_batch(self, articles: list[Article], deadline: float | None = None) -> Iterator[Reading]:
        refused = next((error for error in map(self.too_long, articles) if error is not None), None)
        if refused is not None:
            raise refused
        for article, doc in zip(articles, self.parse(articles, deadline), strict=True):
            try:
                reading = self.read_parsed(article, doc, deadline)
            finally:
                release_doc(doc)  # freed once unreferenced, even when a stage failed or the deadline passed
            yield reading

    def read_parsed(self, article: Article, doc: Doc, deadline: float | None = None) -> Reading:
        """Run every stage over an article already parsed by this reader's pipeline; past ``deadline``
        (a ``time.monotonic()`` value) it stops before the next stage with a ``deadline`` error."""
        reading = Reading(article=article, meta=self.meta())
        ctx = Context(doc=doc, reading=reading, settings=self.settings)
        timings: dict[str, float] = {}
        for stage in self.stages:
            check_deadline(deadline, article.origin)
            began = time.perf_counter()
            stage.write(ctx, stage.find(ctx))
            timings[stage.name] = round(time.perf_counter() - began, 5)
        if self.settings.record_timings:
            reading.meta["stage_seconds"] = timings
        return reading

    def meta(self) -> dict[str, Any]:
        """Versions and names recorded in each Reading."""
        meta = self.nlp.meta
        found = {
            "byline_version": __version__,
            "model": f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}",
            "stages": [stage.name for stage in self.stages],
        }
        if self.settings.accurate:
            found["attribution_tagger"] = "encoder (accurate)"
        return found
