"""``byline bench corpus``: a corpus run end to end, timed with 1, 2, … worker processes (and Spark where asked).

Each configuration runs in a fresh process into a fresh DuckDB file, so that its time and its peak memory are
its own: the run's own process (the writer) and, from ``RUSAGE_CHILDREN`` once the pool has shut down, the
largest worker. The parse alone (spaCy, in one process, on the first ``parse_n`` of the same articles) gives
the ratio reading ÷ parse in characters per second, which compares runs over articles of different lengths.
"""

from __future__ import annotations

import multiprocessing
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from queue import Empty
from typing import Any

from byline.errors import BylineError
from byline.ingest import IngestOptions
from byline.settings import Settings
from byline.shared_data import shared_path

# The AllSides corpus (allsides_baly2020) keeps the text in content_original and the outlet in source.
ALLSIDES_FIELDS = {"text": "content_original", "outlet": "source"}


def default_corpus() -> tuple[Path | None, dict[str, str]]:
    """The AllSides articles where ../shared/data has them, with their field mapping."""
    return shared_path("corpora", "allsides_baly2020", "articles.jsonl.gz"), dict(ALLSIDES_FIELDS)


def _mb(kilobytes: int) -> float:
    return round(kilobytes / 1024, 1)


def _local_run(data: str, field_map: dict[str, str], n: int, workers: int, settings: Settings, queue: Any) -> None:
    """In a fresh process: ``byline corpus run`` over the first ``n`` articles into a new database."""
    from byline.corpus.run import run_corpus
    from byline.store.duckdb_store import DuckDBStore

    try:
        with tempfile.TemporaryDirectory(prefix="byline-bench-") as folder:
            db = Path(folder) / "bench.duckdb"
            options = IngestOptions(field_map=field_map)
            with DuckDBStore(db) as store:
                began = time.perf_counter()
                result = run_corpus([data], store, options, settings, workers, limit=n)
                seconds = time.perf_counter() - began
                ((chars,),) = store.con.execute("SELECT coalesce(sum(n_chars), 0) FROM articles").fetchall()
        read = result.counts.read
        queue.put(
            {
                "engine": "local",
                "workers": workers,
                "articles": read,
                "failed": result.counts.failed,
                "seconds": round(seconds, 1),
                "articles_per_s": round(read / seconds, 3) if seconds else None,
                "chars_per_s": round(chars / seconds) if seconds else None,
                "peak_rss_mb_writer": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
                "peak_rss_mb_worker": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) if workers else None,
            }
        )
    except Exception as exc:  # reported in the result, not lost with the child
        queue.put({"engine": "local", "workers": workers, "error": f"{type(exc).__name__}: {exc}"})


def _parse_only(data: str, field_map: dict[str, str], n: int, settings: Settings, queue: Any) -> None:
    """In a fresh process: the spaCy parse alone over the first ``n`` articles."""
    from byline.ingest import read_inputs
    from byline.pipeline import Reader

    try:
        articles = []
        for item in read_inputs([data], IngestOptions(field_map=field_map)):
            if not isinstance(item, Exception):
                articles.append(item)
            if len(articles) >= n:
                break
        reader = Reader(settings)
        list(reader.parse(articles[:2]))  # warm-up: first-call costs are not throughput
        began = time.perf_counter()
        for _ in reader.parse(articles):
            pass
        seconds = time.perf_counter() - began
        chars = sum(len(a.text) for a in articles)
        queue.put(
            {
                "engine": "parse only",
                "articles": len(articles),
                "seconds": round(seconds, 1),
                "articles_per_s": round(len(articles) / seconds, 3),
                "chars_per_s": round(chars / seconds),
                "peak_rss_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
            }
        )
    except Exception as exc:
        queue.put({"engine": "parse only", "error": f"{type(exc).__name__}: {exc}"})


def _spark_run(data: str, field_map: dict[str, str], n: int, master: str, settings: Settings, queue: Any) -> None:
    """In a fresh process: the Spark engine over the first ``n`` articles, Parquet into a temporary folder."""
    try:
        from byline.corpus.spark import read_with_spark

        with tempfile.TemporaryDirectory(prefix="byline-bench-spark-") as folder:
            found = read_with_spark([data], Path(folder) / "out", settings, master, IngestOptions(field_map=field_map),
                                    limit=n)
        seconds = found["seconds"]
        queue.put(
            {
                "engine": "spark",
                "master": master,
                "articles": found["articles"],
                "seconds": round(seconds, 1),
                "articles_per_s": round(found["articles"] / seconds, 3) if seconds else None,
            }
        )
    except Exception as exc:
        queue.put({"engine": "spark", "master": master, "error": f"{type(exc).__name__}: {exc}"})


def _in_fresh_process(target: Callable[..., None], *args: Any) -> dict[str, Any]:
    """Run ``target(*args, queue)`` in a spawned process; its figures, or why it gave none."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=target, args=(*args, queue))
    child.start()
    while True:
        try:
            row = queue.get(timeout=1)
        except Empty:
            if not child.is_alive():
                return {"error": f"the measuring process exited with status {child.exitcode}"}
            continue
        child.join()
        return row


def bench_corpus(
    n: int = 2000,
    workers: Sequence[int] = (1, 2),
    spark_masters: Sequence[str] = (),
    data: Path | None = None,
    field_map: dict[str, str] | None = None,
    settings: Settings | None = None,
    parse_n: int = 200,
) -> dict[str, Any]:
    """Corpus runs of the first ``n`` articles of ``data`` (default: AllSides) with each worker count (and each
    Spark master), the parse alone on the first ``parse_n``, and the ratios: each run's speed-up over one
    worker, and one worker's reading ÷ the parse alone (characters per second)."""
    if data is None:
        data, default_fields = default_corpus()
        if data is None:
            expected = "a JSONL(.gz) corpus (with --field text=… where its text field has another name)"
            raise BylineError("no_shared_data", "bench corpus", expected=expected)
        field_map = field_map if field_map is not None else default_fields
    elif not data.is_file():
        raise BylineError("not_found", str(data))
    fields = dict(field_map or {})
    settings = settings or Settings()
    runs = [_in_fresh_process(_local_run, str(data), fields, n, w, settings) for w in workers]
    runs += [_in_fresh_process(_spark_run, str(data), fields, n, m, settings) for m in spark_masters]
    parse = _in_fresh_process(_parse_only, str(data), fields, parse_n, settings)
    return {"corpus": str(data), "n": n, "runs": runs, "parse_only": parse, "ratios": _ratios(runs, parse)}


def _ratios(runs: list[dict[str, Any]], parse: dict[str, Any]) -> dict[str, Any]:
    def rate(engine: str, key: str, value: object) -> float | None:
        row = next((r for r in runs if r.get("engine") == engine and r.get(key) == value), None)
        return row.get("articles_per_s") if row else None

    found: dict[str, Any] = {}
    one = rate("local", "workers", 1)
    for row in runs:
        if row.get("engine") == "local" and one and row.get("articles_per_s") and row["workers"] != 1:
            found[f"local_{row['workers']}_over_1"] = round(row["articles_per_s"] / one, 2)
    spark_one = rate("spark", "master", "local[1]")
    spark_two = rate("spark", "master", "local[2]")
    if spark_one and spark_two:
        found["spark_local2_over_local1"] = round(spark_two / spark_one, 2)
    single = next((r for r in runs if r.get("engine") == "local" and r.get("workers") == 1), None)
    if single and single.get("chars_per_s") and parse.get("chars_per_s"):
        found["reading_over_parse_1_worker"] = round(single["chars_per_s"] / parse["chars_per_s"], 3)
    return found


def summary(result: dict[str, Any]) -> str:
    """The figures as lines for a terminal."""
    lines = [f"corpus: {result['corpus']} (first {result['n']} articles)"]
    for row in [*result["runs"], result["parse_only"]]:
        if "error" in row:
            lines.append(f"  {row.get('engine')} {row.get('workers', row.get('master', ''))}: failed: {row['error']}")
            continue
        label = {"local": f"local, {row.get('workers')} worker(s)", "spark": f"spark {row.get('master')}"}.get(
            row["engine"], row["engine"]
        )
        memory = ""
        if row.get("peak_rss_mb_worker") is not None:
            memory = f", peak RSS per worker {row['peak_rss_mb_worker']} MB, writer {row['peak_rss_mb_writer']} MB"
        elif row.get("peak_rss_mb") is not None:
            memory = f", peak RSS {row['peak_rss_mb']} MB"
        lines.append(f"  {label}: {row['articles']} articles in {row['seconds']} s, {row['articles_per_s']}/s{memory}")
    for name, value in result["ratios"].items():
        lines.append(f"  {name.replace('_', ' ')}: {value}")
    return "\n".join(lines) + "\n"
