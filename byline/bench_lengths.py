"""Cost of one article by its length: seconds and peak memory of a full reading at 10k … 1M characters.

Each length is read in a fresh process, so that its peak memory is its own (the model's load included).
The article is built from real articles (the bench corpus), joined paragraph by paragraph.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from pathlib import Path
from queue import Empty
from typing import Any

from byline.bench import bench_articles
from byline.reading import Article
from byline.settings import Settings

DEFAULT_LENGTHS = (10_000, 20_000, 50_000, 200_000, 1_000_000)
BASELINE_LENGTH = 20_000


def long_text(chars: int, data: Path | None = None) -> str:
    """``chars`` characters of news: bench-corpus paragraphs one after another, cut to that length."""
    articles, _ = bench_articles(max(4, chars // 1500 + 4), data)
    paragraphs = [p for a in articles for p in a.text.split("\n\n") if p.strip()]
    out: list[str] = []
    size = -2  # the joined length: each paragraph after the first adds its separator
    while size < chars:
        paragraph = paragraphs[len(out) % len(paragraphs)]
        out.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(out)[:chars]


def _measure(chars: int, data: Path | None, model: str | None, accurate: bool, queue: Any) -> None:
    from dataclasses import replace

    from byline.pipeline import Reader

    try:
        reader = Reader(replace(Settings(model=model) if model else Settings(), accurate=accurate))
        reader.read(Article(text="The mayor said the budget would pass.", origin="warm-up"))
        text = long_text(chars, data)
        began = time.perf_counter()
        reading = reader.read(Article(text=text, origin=f"bench-{chars}"))
        seconds = time.perf_counter() - began
        queue.put(
            {
                "chars": len(text),
                "words": len(text.split()),
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "attributions": len(reading.attributions),
            }
        )
    except Exception as exc:  # reported in the result, not lost with the child
        queue.put({"chars": chars, "error": f"{type(exc).__name__}: {exc}"})


def _result(child: Any, queue: Any, chars: int) -> dict[str, Any]:
    """The child's figures; its exit status where it died without any (killed for memory, say)."""
    while True:
        try:
            row = queue.get(timeout=1)
        except Empty:
            if not child.is_alive():
                return {"chars": chars, "error": f"the measuring process exited with status {child.exitcode}"}
            continue
        child.join()
        return row


def bench_lengths(
    lengths: tuple[int, ...] = DEFAULT_LENGTHS,
    data: Path | None = None,
    model: str | None = None,
    accurate: bool = False,
) -> dict[str, Any]:
    """Seconds and peak memory of one reading per length, each in a fresh process, with each time's
    ratio to the 20k-character article's (measured in this run)."""
    context = multiprocessing.get_context("spawn")
    rows = []
    for chars in lengths:
        queue = context.Queue()
        child = context.Process(target=_measure, args=(chars, data, model, accurate, queue))
        child.start()
        rows.append(_result(child, queue, chars))
    baseline = next((r for r in rows if r.get("chars") == BASELINE_LENGTH and "seconds" in r), None)
    for row in rows:
        if baseline is not None and "seconds" in row:
            row["time_over_20k"] = round(row["seconds"] / baseline["seconds"], 2)
    return {"lengths": rows, "baseline_chars": BASELINE_LENGTH if baseline else None}
