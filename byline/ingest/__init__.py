"""byline.ingest: files, directories, stdin, web archives and JSON Lines to Articles.

Plain text and HTML are read into one canonical body text; photo captions, credits and site boilerplate
are set aside in their own fields. Every failure is a ``BylineError`` naming its input.
"""

from byline.ingest.document import article_from_bytes
from byline.ingest.html import article_from_html
from byline.ingest.options import IngestOptions
from byline.ingest.sources import read_inputs
from byline.ingest.text import article_from_text

__all__ = ["IngestOptions", "article_from_bytes", "article_from_html", "article_from_text", "read_inputs"]
