"""Batch outputs: one unique file per article, written whole or not at all; resume trusts complete output only;
write failures are one line and exit 3."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

import byline.batch as batch
from byline.cli import app
from byline.errors import BylineError
from byline.reading import Article, Reading, article_identity

ENGLISH = "The council approved the budget on Tuesday, the mayor said after a long and difficult meeting."


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def _reading(origin: str, text: str = ENGLISH) -> Reading:
    return Reading(article=Article(text=text, origin=origin))


def _disk_full_halfway(fd: int, data: bytes) -> None:
    os.write(fd, data[: len(data) // 2])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _origins_in_folder(folder: Path) -> list[str]:
    return sorted(json.loads(p.read_text(encoding="utf-8"))["article"]["origin"] for p in folder.glob("*.json"))


def test_inputs_whose_safe_names_coincide_are_written_to_distinct_files(tmp_path):
    origins = ["ü.txt", "é.txt", "a/b.txt", "a_b.txt"]
    with batch.BatchOutput("json", tmp_path / "out", resume=False) as output:
        for n, origin in enumerate(origins):
            output.write(_reading(origin, f"{ENGLISH} Item {n}."))
    assert len(list((tmp_path / "out").iterdir())) == 4
    assert _origins_in_folder(tmp_path / "out") == sorted(origins)


def test_a_per_article_file_name_is_readable_and_the_same_in_every_run(tmp_path):
    names = []
    for run in ("first", "second"):
        with batch.BatchOutput("json", tmp_path / run, resume=False) as output:
            for origin in ("plain.txt", "in/ü.txt"):
                output.write(_reading(origin, f"{ENGLISH} {origin}"))
        names.append(sorted(p.name for p in (tmp_path / run).iterdir()))
    assert names[0] == names[1]
    assert "plain.txt.json" in names[0]
    (hashed,) = [name for name in names[0] if name != "plain.txt.json"]
    assert hashed.startswith("in_.txt.") and len(hashed) == len("in_.txt.") + 10 + len(".json")


def test_two_articles_of_one_origin_are_not_written_over_each_other(tmp_path):
    with batch.BatchOutput("json", tmp_path, resume=False) as output:
        output.write(_reading("same.txt", f"{ENGLISH} First."))
        output.write(_reading("same.txt", f"{ENGLISH} Second."))
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_a_folder_batch_with_colliding_names_keeps_every_reading_and_resumes(runner, tmp_path):
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    for n, name in enumerate(["ü.txt", "é.txt", "a/b.txt", "a_b.txt"]):
        (folder / name).write_text(f"{ENGLISH} Item {n} was discussed.", encoding="utf-8")
    out = tmp_path / "out"
    first = _run(runner, "read", str(folder), "--format", "json", "--out", str(out))
    assert first.exit_code == 0, first.stderr
    assert len(_origins_in_folder(out)) == 4
    again = _run(runner, "read", str(folder), "--format", "json", "--out", str(out), "--resume")
    assert "skipped 4 already done" in again.stderr and len(list(out.iterdir())) == 4


def test_a_per_article_file_cut_short_by_a_full_disk_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "_write_all", _disk_full_halfway)
    output = batch.BatchOutput("json", tmp_path, resume=False)
    with pytest.raises(BylineError) as failed:
        output.write(_reading("a.txt"))
    assert failed.value.code == "unwritable" and "No space left" in failed.value.message
    assert "a.txt" in failed.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_single_reading_cut_short_keeps_the_file_it_would_have_replaced(runner, tmp_path, monkeypatch):
    source, out = tmp_path / "a.txt", tmp_path / "reading.json"
    source.write_text(ENGLISH, encoding="utf-8")
    out.write_text("the earlier reading", encoding="utf-8")
    monkeypatch.setattr(batch, "_write_all", _disk_full_halfway)
    result = _run(runner, "read", str(source), "--format", "json", "--out", str(out))
    assert result.exit_code == 3 and str(out) in result.stderr and "No space left" in result.stderr
    assert out.read_text(encoding="utf-8") == "the earlier reading"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "reading.json"]


def test_a_single_reading_onto_a_full_device_is_one_line_and_exit_3(runner, tmp_path):
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("/dev/full is absent here")
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    result = _run(runner, "read", str(tmp_path / "a.txt"), "--format", "json", "--out", str(full))
    assert result.exit_code == 3 and len(result.stderr.strip().splitlines()) == 1
    assert "/dev/full" in result.stderr and "No space left" in result.stderr
    assert stat.S_ISCHR(full.stat().st_mode)  # written to, never renamed over


def _two_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "b.txt").write_text(f"{ENGLISH} The vote was close.", encoding="utf-8")
    return folder


def test_a_full_disk_in_a_folder_batch_is_one_line_exit_3_and_nothing_counted_done(runner, tmp_path, monkeypatch):
    folder, out = _two_inputs(tmp_path), tmp_path / "out"
    monkeypatch.setattr(batch, "_write_all", _disk_full_halfway)
    result = _run(runner, "read", str(folder), "--format", "json", "--out", str(out))
    assert result.exit_code == 3
    (line,) = result.stderr.strip().splitlines()
    assert str(out) in line and "could not be written (No space left on device)" in line
    assert list(out.iterdir()) == []
    monkeypatch.undo()
    again = _run(runner, "read", str(folder), "--format", "json", "--out", str(out), "--resume")
    assert again.exit_code == 0 and "read 2 article(s), 0 failed" in again.stderr


def test_a_full_disk_in_a_jsonl_batch_counts_no_torn_line_done(runner, tmp_path):
    folder, out = _two_inputs(tmp_path), tmp_path / "out.jsonl"
    first = _run(runner, "read", str(folder), "--out", str(out))
    assert first.exit_code == 0, first.stderr
    whole = out.read_bytes()
    out.write_bytes(whole[: len(whole) * 3 // 4])  # the disk filled up in the middle of the second line
    again = _run(runner, "read", str(folder), "--out", str(out), "--resume")
    assert "skipped 1 already done" in again.stderr and "cut an incomplete last line" in again.stderr
    assert sorted(json.loads(line)["article"]["origin"] for line in out.read_text().splitlines()) == sorted(
        str(folder / name) for name in ("a.txt", "b.txt")
    )


def test_a_read_only_output_folder_is_one_line_and_exit_3(runner, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: a read-only mode does not stop writes (see the EROFS test below)")
    folder, out = _two_inputs(tmp_path), tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    try:
        result = _run(runner, "read", str(folder), "--format", "json", "--out", str(out))
    finally:
        out.chmod(0o700)
    assert result.exit_code == 3 and len(result.stderr.strip().splitlines()) == 1
    assert str(out) in result.stderr and "Permission denied" in result.stderr
    assert list(out.iterdir()) == []


def test_a_read_only_file_system_is_one_line_and_exit_3(runner, tmp_path, monkeypatch):
    def read_only(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    folder, out = _two_inputs(tmp_path), tmp_path / "out"
    monkeypatch.setattr(batch, "_write_new_file", read_only)
    result = _run(runner, "read", str(folder), "--format", "html", "--out", str(out))
    assert result.exit_code == 3
    (line,) = result.stderr.strip().splitlines()
    assert str(out) in line and "Read-only file system" in line
    assert list(out.iterdir()) == []


def test_resume_trusts_only_complete_files_and_clears_leftover_temporary_ones(tmp_path):
    whole, torn_json, torn_page = _reading("whole.txt"), _reading("torn.txt", "Torn."), _reading("page.txt", "P.")
    with batch.BatchOutput("json", tmp_path, resume=False) as output:
        output.write(whole)
    (tmp_path / "torn.txt.json").write_text(batch.render(torn_json, "json")[:200], encoding="utf-8")
    (tmp_path / "page.txt.html").write_text(batch.render(torn_page, "html")[:2000], encoding="utf-8")
    leftover = tmp_path / f".torn.txt.json.1a2b3c4d{batch.TEMP_SUFFIX}"
    leftover.write_text(batch.render(torn_json, "json"), encoding="utf-8")
    resumed = batch.BatchOutput("json", tmp_path, resume=True)
    assert resumed.done == {article_identity(whole.article)}
    assert not leftover.exists()


def test_resume_of_jsonl_counts_no_line_without_its_newline_and_appends_on_a_new_line(tmp_path):
    out = tmp_path / "out.jsonl"
    first, second = _reading("a.txt"), _reading("b.txt", f"{ENGLISH} Second.")
    out.write_text(batch.render(first, "jsonl") + batch.render(second, "jsonl").rstrip("\n"), encoding="utf-8")
    with batch.BatchOutput("jsonl", out, resume=True) as output:
        assert output.done == {article_identity(first.article)} and output.cut_bytes > 0
        output.write(second)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["article"]["origin"] for line in lines] == ["a.txt", "b.txt"]


def test_a_batch_cannot_write_into_one_of_its_own_inputs(runner, tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"text": ENGLISH}) + "\n", encoding="utf-8")
    before = data.read_bytes()
    result = _run(runner, "read", str(data), "--out", str(data))
    assert result.exit_code == 2 and "one of the inputs" in result.stderr
    assert data.read_bytes() == before
