"""The corpus tables, in one place: each table's columns and their SQL types, for every store to create.

Every row of an article's tables carries its ``article_id``: ``article_identity`` of the Article (``id:…`` for
the input's own id, else ``sha256:…`` of its title and text), so that a rerun knows what is done. Offsets
(``start``, ``end``) are character offsets into the article's text, as in the Reading; ``end`` is an SQL
keyword, so queries write it ``"end"``. Times are UTC.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQL type)
    primary_key: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _type in self.columns)


RUNS = Table(
    "runs",
    (
        ("run_id", "INTEGER"),
        ("started", "TIMESTAMP"),
        ("finished", "TIMESTAMP"),  # NULL: the run was stopped (killed, interrupted) before its end
        ("inputs", "VARCHAR"),  # a JSON list of the inputs as given
        ("workers", "INTEGER"),
        ("byline_version", "VARCHAR"),
        ("model", "VARCHAR"),
        ("n_read", "INTEGER"),
        ("n_failed", "INTEGER"),
        ("n_skipped", "INTEGER"),  # not articles (binary, unknown type, empty) and repeats of an article
    ),
    primary_key=("run_id",),
)

ARTICLES = Table(
    "articles",
    (
        ("article_id", "VARCHAR"),
        ("run_id", "INTEGER"),
        ("origin", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("title", "VARCHAR"),
        ("published", "VARCHAR"),
        ("url", "VARCHAR"),
        ("n_chars", "INTEGER"),
        ("n_words", "INTEGER"),
        ("n_sentences", "INTEGER"),
        ("n_attributions", "INTEGER"),
        ("attributed_share", "DOUBLE"),  # share of the text's characters inside attributed content
        ("reading_json", "VARCHAR"),  # the whole Reading, so that nothing is lost
    ),
    primary_key=("article_id",),
)

SENTENCES = Table(
    "sentences",
    (
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("voice", "VARCHAR"),
        ("attributed_share", "DOUBLE"),
        ("subjective", "BOOLEAN"),
        ("subjectivity", "DOUBLE"),
        ("bias", "DOUBLE"),
    ),
)

ENTITIES = Table(
    "entities",
    (
        ("article_id", "VARCHAR"),
        ("entity_id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("type", "VARCHAR"),
        ("n_mentions", "INTEGER"),
    ),
)

ATTRIBUTIONS = Table(
    "attributions",
    (
        ("article_id", "VARCHAR"),
        ("attribution_id", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("speaker", "VARCHAR"),  # as the Reading's sourcing names it (one name per speaker in an article)
        ("entity_id", "VARCHAR"),
        ("entity_type", "VARCHAR"),
        ("anonymous", "BOOLEAN"),
        ("description", "VARCHAR"),
        ("category", "VARCHAR"),  # what kind of source (politician, government, expert, …; 'unknown': unsure)
        ("gender", "VARCHAR"),  # a person source's: female, male, unknown; NULL for organisations, documents
        ("cue", "VARCHAR"),
        ("content", "VARCHAR"),  # the content spans' texts, joined by " … "
        ("via", "VARCHAR"),  # the attribution it is reported through: set means second-hand (chain depth >= 2)
        ("negated", "BOOLEAN"),
        ("confidence", "DOUBLE"),
        ("hedged", "BOOLEAN"),
        ("start", "INTEGER"),  # the extent of its source mention, cue and content
        ("end", "INTEGER"),
    ),
)

SPANS = Table(
    "spans",
    (
        ("article_id", "VARCHAR"),
        ("layer", "VARCHAR"),
        ("label", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("owner", "VARCHAR"),  # whose words: "outlet" or "speaker", where the layer says
    ),
)

ERRORS = Table(
    "errors",
    (
        ("run_id", "INTEGER"),
        ("origin", "VARCHAR"),
        ("article_id", "VARCHAR"),  # NULL where the input never became an article
        ("error", "VARCHAR"),  # the catalogue code (byline.errors)
        ("message", "VARCHAR"),
    ),
)

# The tables of one article's reading, besides ``articles`` itself: written with it, in one transaction.
ARTICLE_TABLES = (SENTENCES, ENTITIES, ATTRIBUTIONS, SPANS)
TABLES = (RUNS, ARTICLES, *ARTICLE_TABLES, ERRORS)
TABLES_BY_NAME = {table.name: table for table in TABLES}

# Error codes of inputs that are not articles at all: listed as skipped, with their reason, not as failures.
NOT_ARTICLE_CODES = frozenset({"unsupported", "binary", "empty"})
