"""One Reading as the rows of the corpus tables (``byline.store.schema``), ready for any store to write.

Built where the reading is made (a worker process), so that the one process that writes the database only
writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from byline.attribution.sourcing import speaker_label
from byline.reading import Attribution, Reading, article_identity
from byline.store.schema import ATTRIBUTIONS, ENTITIES, SENTENCES, SPANS

CONTENT_JOINER = " … "

Row = tuple[object, ...]
ErrorRow = tuple[str | None, str | None, str, str]  # (origin, article_id, error code, message)


@dataclass(frozen=True)
class ArticleRows:
    """An article's row (without its ``run_id``, which the store fills in) and the rows of its other tables,
    each a tuple in its table's column order."""

    article_id: str
    origin: str | None
    article: Row
    tables: dict[str, list[Row]] = field(default_factory=dict)


def reading_rows(reading: Reading) -> ArticleRows:
    """The rows of one Reading, keyed by ``article_identity`` of its article."""
    article_id = article_identity(reading.article)
    return ArticleRows(
        article_id=article_id,
        origin=reading.article.origin,
        article=_article_row(reading, article_id),
        tables={
            SENTENCES.name: _sentence_rows(reading, article_id),
            ENTITIES.name: [
                (article_id, e.id, e.name, e.type, len(e.mentions)) for e in reading.entities
            ],
            ATTRIBUTIONS.name: _attribution_rows(reading, article_id),
            SPANS.name: [
                (article_id, s.layer, s.label, s.start, s.end, s.text, float(s.confidence), _owner(s.attrs))
                for s in reading.spans
            ],
        },
    )


def _article_row(reading: Reading, article_id: str) -> Row:
    article = reading.article
    summary = reading.sourcing.summary if reading.sourcing is not None else {}
    share = summary.get("attributed_share")
    return (
        article_id,
        None,  # run_id: the store's
        article.origin,
        article.outlet,
        article.title,
        article.published,
        article.url,
        len(article.text),
        len(article.text.split()),
        len(reading.sentences),
        len(reading.attributions),
        float(share) if isinstance(share, int | float) else _attributed_share(reading),
        reading.model_dump_json(),
    )


def _sentence_rows(reading: Reading, article_id: str) -> list[Row]:
    return [
        (
            article_id,
            idx,
            s.start,
            s.end,
            s.voice,
            _float(s.attributed_share),
            s.subjective,
            _float(s.subjectivity),
            _float(s.bias),
        )
        for idx, s in enumerate(reading.sentences)
    ]


def _attribution_rows(reading: Reading, article_id: str) -> list[Row]:
    speakers = _speakers(reading)
    rows = []
    for a in reading.attributions:
        entity = reading.entity(a.source.entity)
        start, end = _extent(a)
        rows.append(
            (
                article_id,
                a.id,
                a.kind,
                speakers.get(a.id) or speaker_label(reading, a),
                a.source.entity,
                entity.type if entity is not None else None,
                a.source.anonymous,
                a.source.description,
                a.source.category,
                a.source.gender,
                a.cue.text if a.cue is not None else None,
                CONTENT_JOINER.join(c.text for c in a.content) or None,
                a.via,
                a.negated,
                float(a.confidence),
                bool(a.hedges),
                start,
                end,
            )
        )
    return rows


def _speakers(reading: Reading) -> dict[str, str]:
    """Attribution id -> its speaker as the Reading's sourcing names it (one name per speaker group)."""
    if reading.sourcing is None:
        return {}
    return {aid: group.speaker for group in reading.sourcing.by_speaker for aid in group.attributions}


def _extent(attribution: Attribution) -> tuple[int | None, int | None]:
    """Where an attribution starts and ends: the outermost of its source mention, cue and content."""
    parts = [*attribution.content, attribution.cue, attribution.source.span]
    spans = [(p.start, p.end) for p in parts if p is not None]
    if not spans:
        return None, None
    return min(start for start, _ in spans), max(end for _, end in spans)


def _attributed_share(reading: Reading) -> float:
    from byline.attribution.summary import attributed_share  # the pipeline's import, only where it is not done

    return attributed_share(reading)


def _owner(attrs: dict[str, object]) -> str | None:
    owner = attrs.get("owner")
    return str(owner) if owner is not None else None


def _float(value: float | None) -> float | None:
    return float(value) if value is not None else None
