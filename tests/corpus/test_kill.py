"""The real command line in a subprocess: a corpus run SIGKILLed midway and run again ends with every article
exactly once, and no row of an article that was not finished; the killed run's worker does not outlive it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

pytest.importorskip("duckdb")

from byline.store.duckdb_store import DuckDBStore  # noqa: E402
from byline.store.schema import ARTICLE_TABLES  # noqa: E402

BYLINE = [sys.executable, "-c", "from byline.cli import entry; entry()"]
ARTICLES = 30
STORY = (
    "The harbour council approved plan {n} on Tuesday, the mayor said after a long meeting. "
    "Officials said plan {n} would cost the city more than expected, according to a report seen by the paper. "
    "One councillor, who asked not to be named, said the vote on plan {n} had been rushed. "
    "The finance director told reporters that the figures for plan {n} were still being checked."
)
READ = re.compile(r"· read (\d+) ·")


def _run_and_kill(args: list[str], cwd, at_least: int = 3) -> int:
    """Start ``byline args`` in a process group of its own, SIGKILL its main process once its progress lines say
    ``at_least`` articles are written; returns how many were."""
    process = subprocess.Popen(
        [*BYLINE, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    read = 0
    try:
        deadline = time.monotonic() + 120
        while read < at_least:
            line = process.stderr.readline()
            assert line, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "the run wrote too little in 120 s"
            if found := READ.search(line):
                read = int(found.group(1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL
        _wait_for_group_to_end(process.pid)
    finally:
        if process.poll() is None:
            process.kill()
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        process.stderr.close()
    return read


def _wait_for_group_to_end(group: int, seconds: float = 20) -> None:
    """The killed run's worker processes leave when their parent is gone (they would otherwise wait forever)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError("a worker process outlived the killed run")


def _check_whole(db) -> tuple[list[str], list[tuple]]:
    """Article ids (one per row), with no row of any other table left without its article."""
    with DuckDBStore(db, read_only=True) as store:
        ids = [i for (i,) in store.query("SELECT article_id FROM articles")[1]]
        for table in ARTICLE_TABLES:
            _, orphans = store.query(
                f"SELECT count(*) FROM {table.name} WHERE article_id NOT IN (SELECT article_id FROM articles)"
            )
            assert orphans == [(0,)], f"{table.name} has rows of an unfinished article"
        _, counts = store.query(
            "SELECT (SELECT count(*) FROM sentences) = (SELECT sum(n_sentences) FROM articles), "
            "(SELECT count(*) FROM attributions) = (SELECT sum(n_attributions) FROM articles)"
        )
        assert counts == [(True, True)], "an article's rows were written more than once"
        runs = store.query("SELECT run_id, finished IS NOT NULL FROM runs ORDER BY run_id")[1]
    return ids, runs


def test_a_run_killed_midway_and_rerun_has_every_article_exactly_once(tmp_path):
    ids = [f"story-{n:02d}" for n in range(ARTICLES)]
    records = [json.dumps({"id": i, "text": STORY.format(n=n), "outlet": "Gazette"}) for n, i in enumerate(ids)]
    (tmp_path / "in.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    args = ["corpus", "run", "in.jsonl", "--db", "c.duckdb", "--workers", "1", "--log-every", "0"]

    killed_at = _run_and_kill(args, tmp_path)
    written, runs = _check_whole(tmp_path / "c.duckdb")
    assert killed_at <= len(written) < ARTICLES, "the kill came too late to test anything"
    assert len(set(written)) == len(written) and runs == [(1, False)]

    rerun = subprocess.run([*BYLINE, *args], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(written)} already in the database" in rerun.stderr
    written, runs = _check_whole(tmp_path / "c.duckdb")
    assert sorted(written) == [f"id:{i}" for i in ids]
    assert runs == [(1, False), (2, True)]
