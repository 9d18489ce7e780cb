"""Throughput of a full reading against the bare spaCy parse of the same articles, measured in one run."""

from __future__ import annotations

import gzip
import json
import resource
import time
from importlib import resources
from pathlib import Path
from typing import Any

from byline.errors import BylineError
from byline.pipeline import Reader
from byline.reading import Article
from byline.settings import Settings
from byline.shared_data import shared_path


def bench_articles(n: int, data: Path | None = None) -> tuple[list[Article], str]:
    """Up to ``n`` articles: from ``data`` (JSONL, .gz allowed), else 200 BBC articles, else the samples."""
    path = data or shared_path("corpora", "bbc", "bbc_fulltext.jsonl.gz")
    if path is None:
        samples = resources.files("byline") / "samples"
        texts = [p.read_text(encoding="utf-8") for p in samples.iterdir() if p.name.endswith(".txt")]
        repeated = (texts * (n // max(len(texts), 1) + 1))[:n]
        return [Article(text=t, origin=f"sample-{i}") for i, t in enumerate(repeated)], "bundled samples"
    opener = gzip.open if path.name.endswith(".gz") else open
    articles: list[Article] = []
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                articles.append(Article(text=record["text"], title=record.get("title"), origin=str(record.get("id"))))
                if len(articles) >= n:
                    break
    except FileNotFoundError as exc:
        raise BylineError("not_found", str(path)) from exc
    except (OSError, EOFError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        where = f"{path}:{len(articles) + 1}"
        raise BylineError("malformed", where, detail=f"not a JSONL corpus with a text field: {exc}") from exc
    return articles, str(path)


def _timed(run) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def bench_reading(
    n: int = 200, data: Path | None = None, settings: Settings | None = None, repeat: int = 1
) -> dict[str, Any]:
    """Articles/s and words/s of the parse alone and of the full reading, and their ratio. With ``repeat``,
    the two are timed in turn that many times and each keeps its best time (a shared machine's other load
    only ever slows a run down)."""
    reader = Reader(settings or Settings())
    articles, corpus = bench_articles(n, data)
    words = sum(len(a.text.split()) for a in articles)
    list(reader.read_many(articles[:4]))  # warm-up: first-call costs are not throughput
    parse_times, read_times = [], []
    for _ in range(max(1, repeat)):
        parse_times.append(_timed(lambda: [None for _ in reader.parse(articles)]))
        read_times.append(_timed(lambda: [None for _ in reader.read_many(articles)]))
    parse_s, read_s = min(parse_times), min(read_times)

    def rate(seconds: float) -> dict[str, float]:
        return {
            "seconds": round(seconds, 2),
            "articles_per_s": round(len(articles) / seconds, 2),
            "words_per_s": round(words / seconds, 1),
        }

    return {
        "corpus": corpus,
        "articles": len(articles),
        "words": words,
        "model": reader.meta()["model"],
        "stages": [s.name for s in reader.stages],
        "parse_only": rate(parse_s),
        "full_reading": rate(read_s),
        "ratio_full_over_parse": round(parse_s / read_s, 3),
        "repeat": max(1, repeat),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
