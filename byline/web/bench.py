"""API bench: POST an ~800-word article to a live ``byline serve`` on loopback, n times at each concurrency.

python -m byline.web.bench --n 50 --seconds 60 --concurrency 1,4,16
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
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


DEFAULT_LEVELS = (1, 4, 16)
MAX_LEVEL = 64
CLIENT_TIMEOUT_S = 120.0


@dataclass
class Tally:
    """What the requests of one concurrency level met: latencies of the readings, counts of the rest."""

    left: int
    deadline: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> bool:
        """Whether one more request may be sent (``n`` and ``seconds`` not yet spent)."""
        with self.lock:
            if self.left <= 0 or time.perf_counter() >= self.deadline:
                return False
            self.left -= 1
            return True

    def record(self, status: str, ms: float) -> None:
        with self.lock:
            if status == "200":
                self.latencies_ms.append(ms)
            else:
                self.errors[status] += 1


def _post_until_done(url: str, text: str, tally: Tally) -> None:
    """One client: POST the article while the tally allows, recording each status (or transport error)."""
    with httpx.Client(base_url=url, timeout=CLIENT_TIMEOUT_S) as client:
        while tally.take():
            began = time.perf_counter()
            try:
                status = str(client.post("/api/read", json={"text": text}).status_code)
            except httpx.TransportError as exc:
                status = type(exc).__name__
            tally.record(status, (time.perf_counter() - began) * 1000)


def bench_level(url: str, text: str, concurrency: int, n: int, seconds: float) -> dict[str, Any]:
    """``n`` requests at most (or ``seconds``) from ``concurrency`` clients at once; readings/s, latency of
    the readings (200s) and the other statuses by count."""
    tally = Tally(left=n, deadline=time.perf_counter() + seconds)
    clients = [threading.Thread(target=_post_until_done, args=(url, text, tally)) for _ in range(concurrency)]
    began = time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    wall = time.perf_counter() - began
    ok = tally.latencies_ms
    return {
        "concurrency": concurrency,
        "requests": len(ok) + sum(tally.errors.values()),
        "ok": len(ok),
        "seconds": round(wall, 2),
        "readings_per_s": round(len(ok) / wall, 2),
        "p50_ms": round(percentile(ok, 50), 1) if ok else None,
        "p95_ms": round(percentile(ok, 95), 1) if ok else None,
        "mean_ms": round(statistics.fmean(ok), 1) if ok else None,
        "max_ms": round(max(ok), 1) if ok else None,
        "errors": dict(sorted(tally.errors.items())),
    }


def check_levels(levels: Iterable[int]) -> tuple[int, ...]:
    """The concurrency levels, each from 1 to ``MAX_LEVEL``."""
    found = tuple(levels)
    if not found or any(not 1 <= level <= MAX_LEVEL for level in found):
        raise ValueError(f"concurrency levels must be whole numbers from 1 to {MAX_LEVEL}")
    return found


def bench_api(
    n: int = 50,
    seconds: float = 60,
    model: str | None = None,
    concurrency: Iterable[int] = DEFAULT_LEVELS,
    accurate: bool | None = None,
) -> dict[str, Any]:
    """POST the bench article to /api/read at each ``concurrency``: ``n`` requests or ``seconds`` per level,
    whichever ends first.

    The server runs on 127.0.0.1 in this process with ``byline serve``'s default limits (model loaded
    before timing; one warm-up request is not counted). Returns, per level, readings/s, p50/p95 latency
    of the readings in ms, and the other statuses (503 when the server is full) by count.
    """
    if n <= 0 or seconds <= 0:
        raise ValueError("n and seconds must be positive")
    levels = check_levels(concurrency)
    text = bench_article()
    limits = WebLimits()
    app = build_app(limits, model=model, accurate=accurate)
    with serving(app) as url:
        httpx.post(f"{url}/api/read", json={"text": text}, timeout=CLIENT_TIMEOUT_S).raise_for_status()
        rows = [bench_level(url, text, level, n, seconds) for level in levels]
    return {
        "words": len(text.split()),
        "server_concurrency": limits.max_concurrent,
        "server_timeout_s": limits.max_seconds,
        "levels": rows,
    }


def summary(result: dict[str, Any]) -> str:
    """The bench's result as a few readable lines."""
    lines = [
        f"POST /api/read, {result['words']}-word article; the server reads {result['server_concurrency']} at once "
        f"(timeout {result['server_timeout_s']:g} s)",
        f"{'clients':>7} {'requests':>8} {'readings/s':>10} {'p50 ms':>8} {'p95 ms':>8}  other statuses",
    ]
    for row in result["levels"]:
        errors = ", ".join(f"{status} ×{count}" for status, count in row["errors"].items()) or "none"
        p50, p95 = (row[key] if row[key] is not None else "-" for key in ("p50_ms", "p95_ms"))
        lines.append(
            f"{row['concurrency']:>7} {row['requests']:>8} {row['readings_per_s']:>10} {p50:>8} {p95:>8}  {errors}"
        )
    return "\n".join(lines)


def parse_levels(values: Iterable[str]) -> tuple[int, ...]:
    """Concurrency levels from options given once or more, each one number or a comma list ("1,4,16")."""
    try:
        levels = tuple(int(part) for value in values for part in value.split(",") if part.strip())
    except ValueError:
        raise ValueError(f"concurrency levels must be whole numbers from 1 to {MAX_LEVEL}") from None
    return check_levels(levels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="requests at most per level (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="time at most per level (default 60)")
    parser.add_argument(
        "--concurrency", action="append", help="clients at once: repeat or give a comma list (default 1,4,16)"
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline (default $BYLINE_MODEL or the bundled one)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object instead")
    args = parser.parse_args()
    try:
        levels = parse_levels(args.concurrency) if args.concurrency else DEFAULT_LEVELS
    except ValueError as exc:
        parser.error(str(exc))
    result = bench_api(args.n, args.seconds, args.model, levels)
    print(json.dumps(result) if args.json else summary(result))


if __name__ == "__main__":
    main()
