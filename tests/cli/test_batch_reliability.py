"""The real command line in a subprocess: a batch killed with SIGKILL and resumed loses and repeats no reading;
a batch whose outputs lie inside its input folder does not read them."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

BYLINE = [sys.executable, "-c", "from byline.cli import entry; entry()"]
ARTICLES = 40
STORY = (
    "The harbour council approved plan {n} on Tuesday, the mayor said after a long meeting. "
    "Officials said plan {n} would cost the city more than expected, according to a report seen by the paper. "
    "One councillor, who asked not to be named, said the vote on plan {n} had been rushed. "
    "The finance director told reporters that the figures for plan {n} were still being checked."
)


def _byline(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BYLINE, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _kill_once_written(args: list[str], cwd: Path, written: Callable[[], int], at_least: int = 3) -> int:
    """Start ``byline args``, SIGKILL it as soon as ``written()`` reaches ``at_least``; returns what was written
    by then."""
    process = subprocess.Popen([*BYLINE, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while (count := written()) < at_least:
            assert process.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "the batch wrote nothing for 60 s"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL
    return count


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_a_jsonl_batch_killed_and_resumed_has_every_reading_exactly_once(tmp_path):
    ids = [f"story-{n:02d}" for n in range(ARTICLES)]
    records = [json.dumps({"id": i, "text": STORY.format(n=n)}) for n, i in enumerate(ids)]
    (tmp_path / "in.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    killed_at = _kill_once_written(["read", "in.jsonl", "--out", "out.jsonl"], tmp_path, lambda: _lines(out))
    assert killed_at < ARTICLES
    resumed = _byline("read", "in.jsonl", "--out", "out.jsonl", "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    written = [json.loads(line)["article"]["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(written) == ids


def test_a_per_file_batch_killed_and_resumed_has_every_reading_exactly_once(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    names = [f"story-{n:02d}.txt" for n in range(ARTICLES)]
    for n, name in enumerate(names):
        (folder / name).write_text(STORY.format(n=n), encoding="utf-8")
    args = ["read", "in", "--format", "json", "--out", "out"]
    killed_at = _kill_once_written(args, tmp_path, lambda: len(list(out.glob("*.json"))) if out.exists() else 0)
    assert killed_at < ARTICLES
    resumed = _byline(*args, "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    origins = [json.loads(p.read_text(encoding="utf-8"))["article"]["origin"] for p in out.iterdir()]
    assert sorted(Path(origin).name for origin in origins) == names  # no leftover temporary file either


@pytest.mark.parametrize("fmt", ["jsonl", "html"])
def test_a_batch_does_not_read_its_own_outputs_inside_its_input_folder(tmp_path, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(2):
        (folder / f"story-{n}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    out = "in/out.jsonl" if fmt == "jsonl" else "in/pages"
    args = ["read", "in", "--format", fmt, "--out", out, "--errors", "in/failed.jsonl"]
    for extra in ([], ["--resume"]):  # the second run finds the first one's outputs in the folder
        result = _byline(*args, *extra, cwd=tmp_path, timeout=60)
        assert result.returncode == 0, result.stderr
        assert "0 failed" in result.stderr and (folder / "failed.jsonl").read_text(encoding="utf-8") == ""
    assert "skipped 2 already done" in result.stderr and "read 0 article(s)" in result.stderr
