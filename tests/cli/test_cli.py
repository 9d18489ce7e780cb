"""The command line on the bundled sample and on bad input, in-process (one spaCy load)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from byline import __version__
from byline.cli import app
from byline.reading import Reading, reading_schema

SAMPLE = Path(__file__).resolve().parents[2] / "byline" / "samples" / "council-budget.txt"
ENGLISH = "The council approved the budget on Tuesday, the mayor said after a long and difficult meeting."


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _run(runner: CliRunner, *args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_version_prints_the_package_version(runner):
    result = _run(runner, "--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"byline {__version__}"


def test_schema_prints_the_reading_schema(runner):
    result = _run(runner, "schema")
    assert result.exit_code == 0 and json.loads(result.stdout) == reading_schema()


def test_read_sample_as_json_gives_a_valid_reading(runner):
    result = _run(runner, "read", str(SAMPLE), "--format", "json")
    assert result.exit_code == 0, result.stderr
    reading = Reading.model_validate_json(result.stdout)
    assert reading.article.title == "Harbour City Council Approves Budget After Mayor Concedes Pool Closures"
    assert "Photo by Lee Okafor" not in reading.article.text
    assert reading.article.credits == ["Photo by Lee Okafor/Harbour Gazette"]
    assert reading.sentences and reading.entities
    for span in (m for e in reading.entities for m in e.mentions):
        assert reading.article.text[span.start : span.end] == span.text


def test_read_sample_as_text_names_the_speakers(runner):
    result = _run(runner, "read", str(SAMPLE))
    assert result.exit_code == 0, result.stderr
    assert "Who says what" in result.stdout and "Dana Whitfield" in result.stdout


def test_read_html_out_writes_a_self_contained_page(runner, tmp_path):
    out = tmp_path / "reading.html"
    result = _run(runner, "read", str(SAMPLE), "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and "Harbour City" in page


def test_read_stdin(runner):
    result = _run(runner, "read", "-", "--format", "jsonl", stdin=ENGLISH)
    assert result.exit_code == 0, result.stderr
    assert Reading.model_validate_json(result.stdout).article.origin == "-"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary"), (None, "no such file")],
)
def test_bad_single_input_exits_non_zero_with_one_line(runner, tmp_path, content, reason):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    result = _run(runner, "read", str(path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0]


def test_unknown_model_is_a_clear_error(runner):
    result = _run(runner, "read", str(SAMPLE), "--model", "no_such_pipeline")
    assert result.exit_code == 1 and "no_such_pipeline" in result.stderr and "not installed" in result.stderr


def test_bad_field_map_is_a_usage_error(runner):
    result = _run(runner, "read", str(SAMPLE), str(SAMPLE), "--field", "nonsense")
    assert result.exit_code == 2 and "byline_field=record_field" in result.stderr


def _batch_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return folder


def test_batch_reads_every_good_input_and_records_each_failure(runner, tmp_path):
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = _run(runner, "read", str(_batch_dir(tmp_path)), "--out", str(out), "--errors", str(errors))
    assert result.exit_code == 1
    origins = [json.loads(line)["article"]["origin"] for line in out.read_text().splitlines()]
    assert sorted(Path(o).name for o in origins) == ["a.txt", "b.txt"]
    failed = [json.loads(line) for line in errors.read_text().splitlines()]
    assert sorted((Path(f["input"]).name, f["code"]) for f in failed) == [
        ("blob.html", "binary"),
        ("empty.txt", "empty"),
    ]
    assert "2 failed" in result.stderr


def test_resume_skips_what_is_done_and_cuts_a_torn_last_line(runner, tmp_path):
    folder = _batch_dir(tmp_path)
    out = tmp_path / "out.jsonl"
    _run(runner, "read", str(folder), "--out", str(out))
    first_line = out.read_text().splitlines()[0]
    out.write_text(first_line + "\n" + '{"article": {"orig', encoding="utf-8")  # a run killed mid-write
    result = _run(runner, "read", str(folder), "--out", str(out), "--resume")
    assert "skipped 1 already done" in result.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 2 and all(json.loads(line) for line in lines)


def test_batch_of_json_files_needs_an_output_folder(runner, tmp_path):
    result = _run(runner, "read", str(_batch_dir(tmp_path)), "--format", "json")
    assert result.exit_code == 2 and "--out DIRECTORY" in result.stderr


def test_batch_writes_one_json_per_article_into_a_folder(runner, tmp_path):
    out = tmp_path / "readings"
    _run(runner, "read", str(_batch_dir(tmp_path)), "--format", "json", "--out", str(out))
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 and all(name.endswith(".json") for name in files)


def test_resume_of_an_html_batch_skips_the_pages_already_written(runner, tmp_path):
    folder, out = _batch_dir(tmp_path), tmp_path / "pages"
    _run(runner, "read", str(folder), "--format", "html", "--out", str(out))
    assert len(list(out.iterdir())) == 2
    result = _run(runner, "read", str(folder), "--format", "html", "--out", str(out), "--resume")
    assert "skipped 2 already done" in result.stderr


def test_unknown_field_name_is_a_usage_error_not_a_traceback(runner):
    result = _run(runner, "read", str(SAMPLE), str(SAMPLE), "--field", "colour=body")
    assert result.exit_code == 2 and "colour" in result.stderr and "Traceback" not in result.stderr


def test_holdout_training_refuses_to_replace_the_shipped_model(runner, tmp_path):
    data = tmp_path / "train.jsonl"
    data.write_text('{"doc_id": "d", "text": "x", "quotes": []}\n', encoding="utf-8")
    result = _run(runner, "train", "attribution", "--data", str(data), "--holdout-from", "1")
    assert result.exit_code == 2 and "--out" in result.stderr


def test_text_batch_into_a_folder_writes_text_files(runner, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    _run(runner, "read", str(_batch_dir(tmp_path)), "--format", "text", "--out", str(out))
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 and all(name.endswith(".txt") for name in files)
    assert all("Who says what" in p.read_text(encoding="utf-8") for p in out.iterdir())


def test_console_entry_ends_quietly_on_a_closed_pipe(monkeypatch):
    import byline.cli as cli

    def closed_pipe() -> None:
        raise BrokenPipeError

    monkeypatch.setattr(cli, "app", closed_pipe)
    monkeypatch.setattr(cli.sys, "stderr", __import__("io").StringIO())
    with pytest.raises(SystemExit) as stopped:
        cli.entry()
    assert stopped.value.code == 1


def test_eval_agreement_prints_annotators_and_byline(runner):
    brat = Path(__file__).resolve().parents[1] / "fixtures" / "brat"
    result = _run(runner, "eval", "agreement", "--data", str(brat), "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert set(scores) == {"annotators", "byline", "n_articles", "n_annotators"}
    assert scores["annotators"]["exact"]["source"]["f1"] == 1.0


def test_eval_agreement_on_a_missing_folder_is_one_line(runner, tmp_path):
    result = _run(runner, "eval", "agreement", "--data", str(tmp_path / "nope"))
    assert result.exit_code != 0 and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("command", "content"),
    [
        (["eval", "attribution"], b'{"doc_id": 1, "text": "x", "quotes": [{"cues": [{"start": 0, "end": 99}]}]}\n'),
        (["eval", "attribution"], b"\xff\xfe not utf-8\n"),
        (["train", "attribution"], b"{not json\n"),
        (["bench", "--n", "2"], b"\xff\xfe not utf-8\n"),
    ],
)
def test_a_malformed_data_file_is_one_error_line_not_a_traceback(runner, tmp_path, command, content):
    data = tmp_path / "data.jsonl"
    data.write_bytes(content)
    extra = ["--out", str(tmp_path / "model")] if command[0] == "train" else []
    result = _run(runner, *command, "--data", str(data), *extra)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # not an uncaught error
    assert len(result.stderr.strip().splitlines()) == 1 and "malformed" in result.stderr


def test_eval_agreement_on_a_bad_brat_file_is_one_line(runner, tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text("He said so.", encoding="utf-8")
    for annotator in ("x1", "x2"):
        (tmp_path / "attributions" / f"a_{annotator}.ann").write_text("T1\tCue 3 x\tsaid\n", encoding="utf-8")
    result = _run(runner, "eval", "agreement", "--data", str(tmp_path), "--humans-only")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "a_x1.ann:1" in result.stderr


def test_eval_extraction_without_ground_truth_is_one_line(runner, tmp_path):
    result = _run(runner, "eval", "extraction", "--data", str(tmp_path))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "ground-truth.json" in result.stderr


def test_read_min_confidence_one_leaves_out_every_attribution_below_certainty(runner):
    result = _run(runner, "read", str(SAMPLE), "--format", "json", "--min-confidence", "1")
    assert result.exit_code == 0, result.stderr
    assert all(a["confidence"] >= 1.0 for a in json.loads(result.stdout)["attributions"])


def test_min_confidence_outside_zero_to_one_is_a_usage_error(runner):
    result = _run(runner, "read", str(SAMPLE), "--min-confidence", "2")
    assert result.exit_code == 2


def test_eval_realnews_with_an_unknown_split_is_a_usage_error(runner):
    result = _run(runner, "eval", "attribution", "--data", "realnews", "--split", "train")
    assert result.exit_code == 2 and "--split train" in result.stderr


def test_eval_realnews_without_the_corpus_is_one_error_line(runner, tmp_path):
    result = _run(runner, "eval", "attribution", "--data", "realnews", "--corpus", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "no such file" in result.stderr


@pytest.mark.data
def test_eval_realnews_dev_prints_right_speaker_figures(runner, shared_data):
    if not (shared_data / "corpora" / "allsides_baly2020" / "articles.jsonl.gz").is_file():
        pytest.skip("allsides_baly2020 absent")
    result = _run(runner, "eval", "attribution", "--data", "realnews", "--split", "dev", "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["split"] == "dev" and scores["n_articles"] >= 15
    assert {"right_speaker", "anonymity_recall", "hedge_recall", "via_accuracy", "ece"} <= set(scores)


def test_train_calibration_without_the_corpus_is_one_error_line(runner, tmp_path):
    nowhere, out = str(tmp_path / "nowhere"), str(tmp_path / "c.json")
    result = _run(runner, "train", "calibration", "--corpus", nowhere, "--out", out)
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1


def test_resume_matches_articles_by_identity_not_by_how_the_path_was_typed(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = [json.dumps({"text": f"{ENGLISH} Item {n} was discussed at length by the members."}) for n in range(3)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = _run(runner, "read", "in.jsonl", "--out", "out.jsonl")
    assert first.exit_code == 0, first.stderr
    again = _run(runner, "read", "./in.jsonl", "--out", "out.jsonl", "--resume")
    assert again.exit_code == 0, again.stderr
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    assert "skipped 3" in again.stderr


def test_an_output_in_a_missing_folder_is_one_line_and_exit_3(runner, tmp_path):
    result = _run(runner, "read", str(SAMPLE), "--format", "json", "--out", str(tmp_path / "no" / "such" / "r.json"))
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1 and "could not be written" in result.stderr


def test_a_batch_onto_a_full_device_is_one_line_and_exit_3(runner, tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full is absent here")
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ENGLISH + " The vote was close.", encoding="utf-8")
    result = _run(runner, "read", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", "/dev/full")
    assert result.exit_code == 3 and "/dev/full" in result.stderr and "Traceback" not in result.stderr


def test_the_errors_file_lists_each_failure_as_it_comes(runner, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    errors = tmp_path / "failed.jsonl"
    result = _run(runner, "read", str(inputs), "--out", str(tmp_path / "out.jsonl"), "--errors", str(errors))
    assert result.exit_code == 1
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [r["code"] for r in records] == ["empty"]


def test_an_error_line_keeps_its_brackets_as_text(capsys):
    import typer

    from byline.cli import fail
    from byline.errors import BylineError

    message = BylineError("extra_missing", "--accurate", extra="accurate", package="onnxruntime").message
    with pytest.raises(typer.Exit):
        fail(message)
    assert "pip install 'byline[accurate]'" in capsys.readouterr().err.replace("\n", "")
