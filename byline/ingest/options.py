"""What an ingestion run may vary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from byline.settings import DEFAULT_MAX_BYTES

# byline's own field names; a JSONL field map names, for each, the record's field that holds it.
BYLINE_FIELDS = ("text", "html", "title", "url", "outlet", "date", "authors", "id")

DEFAULT_EXTENSIONS = (
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".html.gz",
    ".htm.gz",
    ".txt.gz",
    ".warc",
    ".warc.gz",
    ".jsonl",
    ".jsonl.gz",
    ".ndjson",
    ".ndjson.gz",
)


def _identity_field_map() -> dict[str, str]:
    return {name: name for name in BYLINE_FIELDS}


@dataclass(frozen=True)
class IngestOptions:
    """Limits and mappings for reading inputs.

    ``field_map`` maps a byline field (text, html, title, url, outlet, date, authors, id) to the JSONL
    record's field name; fields it leaves out keep their own name. ``extensions`` are the file endings a
    directory walk reads (case-insensitive); ``skip_paths`` are files and folders it never reads (a batch's
    own outputs, when they lie inside an input folder). ``list_other_files``: a directory walk names each file
    it does not read (not hidden, not a readable extension) with an ``unsupported`` error instead of passing it
    over in silence (``byline corpus run`` lists them as skipped).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    require_english: bool = True
    field_map: dict[str, str] = field(default_factory=_identity_field_map)
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    skip_paths: tuple[Path, ...] = ()
    list_other_files: bool = False

    def __post_init__(self) -> None:
        unknown = sorted(set(self.field_map) - set(BYLINE_FIELDS))
        if unknown:
            raise ValueError(f"unknown byline field(s) in field_map: {unknown}; known: {list(BYLINE_FIELDS)}")
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")

    def record_field(self, name: str) -> str:
        """The JSONL record's field name for byline field ``name``."""
        return self.field_map.get(name, name)

    def reads_extension(self, filename: str) -> bool:
        """Whether a directory walk reads a file of this name."""
        lowered = filename.lower()
        return any(lowered.endswith(ext.lower()) for ext in self.extensions)
