"""API latency bench: POST an ~800-word article to a live ``byline serve`` on loopback, n times.

python -m byline.web.bench --n 50 --seconds 60
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import time
from importlib.resources import files
from typing import Any

import httpx

from byline.web.app import WebLimits
from byline.web.server import build_app, serving

BENCH_ARTICLE = "bench-article.txt"


def bench_article() -> str:
    """The bench's article: an invented ~800-word news story shipped with byline."""
    return files("byline.web").joinpath("static", BENCH_ARTICLE).read_text(encoding="utf-8")


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(pct / 100 * len(ordered))))
    return ordered[rank - 1]


def bench_api(n: int = 50, seconds: float = 60, model: str | None = None) -> dict[str, Any]:
    """POST the bench article to /api/read up to ``n`` times or for ``seconds``, whichever ends first.

    The server runs on 127.0.0.1 in this process (model loaded before timing; one warm-up request
    is not counted). Prints and returns p50/p95 latency in ms.
    """
    if n <= 0 or seconds <= 0:
        raise ValueError("n and seconds must be positive")
    text = bench_article()
    app = build_app(WebLimits(), model=model)
    latencies: list[float] = []
    with serving(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        client.post("/api/read", json={"text": text}).raise_for_status()
        deadline = time.perf_counter() + seconds
        while len(latencies) < n and time.perf_counter() < deadline:
            began = time.perf_counter()
            response = client.post("/api/read", json={"text": text})
            latencies.append((time.perf_counter() - began) * 1000)
            response.raise_for_status()
    result = {
        "requests": len(latencies),
        "words": len(text.split()),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "mean_ms": round(statistics.fmean(latencies), 1),
        "max_ms": round(max(latencies), 1),
    }
    print(
        f"POST /api/read, {result['words']}-word article, {result['requests']} requests: "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms (mean {result['mean_ms']}, max {result['max_ms']})"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="requests at most (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="time at most (default 60)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default $BYLINE_MODEL or the bundled one)")
    parser.add_argument("--json", action="store_true", help="also print the result as JSON")
    args = parser.parse_args()
    result = bench_api(args.n, args.seconds, args.model)
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
