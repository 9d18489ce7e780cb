"""The NLP backbone: one spaCy pipeline per process, each article parsed once."""

from byline.nlp.pipeline import load_pipeline, parse_many, parse_one

__all__ = ["load_pipeline", "parse_many", "parse_one"]
