"""The one catalogue of byline's error messages.

Every failure a user can meet is a ``BylineError`` with a code from ``CATALOGUE``; its message is one
line naming the input and the reason.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

CATALOGUE: dict[str, str] = {
    "not_found": "no such file or directory",
    "empty": "the input is empty",
    "binary": "the input looks binary, not text or HTML ({detail})",
    "undecodable": "the text encoding could not be detected",
    "too_large": "the input is {size} bytes, over the limit of {limit} bytes (raise it with {option})",
    "too_long": "the text is {length} characters, over the parser's limit of {limit}",
    "truncated": "the input is truncated or corrupt ({detail})",
    "malformed": "the input is malformed ({detail})",
    "no_body": "no article body could be extracted from the HTML",
    "no_text": "no article text is left once the headline, captions and boilerplate are set aside",
    "unreadable": "the input could not be read ({detail})",
    "not_english": "the text is in {language}, not English; byline reads English only",
    "unsupported": "unsupported input type ({detail})",
    "no_articles": "no articles found in it",
    "model_missing": "the spaCy pipeline {model!r} is not installed ({detail})",
    "encoder_missing": "the accurate mode's model is not installed: train it with "
    "`byline train attribution-encoder --data …/polnear/json/train.jsonl` (about 40 minutes on 2 CPU cores)",
    "extra_missing": "this needs the {extra!r} extra ({package} is not installed): pip install 'byline[{extra}]'",
    "timeout": "reading took longer than {seconds} s",
    "deadline": "reading was stopped unfinished at its deadline",
    "too_many_chars": "the text is {length} characters, over the limit of {limit} (raise it with {option})",
    "busy": "the server is already reading {limit} article(s) at once; try again shortly",
    "no_route": "no such page or endpoint ({detail})",
    "unwritable": "could not be written ({detail})",
    "internal": "byline failed while reading it ({detail})",
    "worker_died": "the worker process reading it died ({detail}); a rerun retries it",
    "db_busy": "the database is open in another process (DuckDB lets one process write it at a time)",
    "db_unusable": "not a byline corpus database, or a damaged one ({detail})",
    "db_unreachable": "could not connect to the database ({detail})",
    "db_locked": "another byline corpus run is writing to this database (one run writes it at a time)",
    "spark_failed": "Spark {detail}",
    "no_corpus": "holds no byline corpus yet (`byline corpus run … --db` writes one)",
    "slant_model_missing": "the {task} model is not there (or was fit on other features): "
    "train it with `byline train {task}`",
    "no_shared_data": "no --data given and the shared research data is absent: give --data {expected}",
}


# Details a message names unless its raiser gives another ("--max-body" for the server's request limit).
DEFAULT_DETAILS: dict[str, Any] = {"option": "--max-bytes"}


class BylineError(Exception):
    """A failure with a catalogued reason, naming the input it happened on."""

    def __init__(self, code: str, source: str | None = None, **details: Any) -> None:
        if code not in CATALOGUE:
            raise KeyError(f"unknown error code {code!r}")
        self.code = code
        self.source = source
        self.details = details
        super().__init__(self.message)

    @property
    def reason(self) -> str:
        """The catalogued reason, filled in."""
        try:
            return CATALOGUE[self.code].format(**{**DEFAULT_DETAILS, **self.details})
        except (KeyError, IndexError):
            return CATALOGUE[self.code]

    @property
    def message(self) -> str:
        """One line: the input, then the reason."""
        text = f"{self.source}: {self.reason}" if self.source else self.reason
        return " ".join(text.split())

    def with_source(self, source: str) -> BylineError:
        """The same error, naming ``source`` as its input."""
        return BylineError(self.code, source, **self.details)

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready record of this failure, for ``--errors`` files and API responses."""
        return {"input": self.source, "code": self.code, "reason": self.reason, "message": self.message}


def import_extra(module: str, extra: str, package: str | None = None) -> ModuleType:
    """The module an optional extra installs, or the catalogued one-line error naming that extra."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise BylineError("extra_missing", extra=extra, package=package or module) from None
