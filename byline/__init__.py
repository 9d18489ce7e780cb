"""byline: every statement in a news article with its byline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("byline")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

from byline.reading import SCHEMA_VERSION, Article, Reading  # noqa: E402

__all__ = ["Article", "Reading", "SCHEMA_VERSION", "__version__"]
