"""``byline bench corpus``: each configuration timed in its own process, the speed-up and the reading ÷ parse
ratio computed from the same run's figures, and arguments checked before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("duckdb")

from typer.testing import CliRunner  # noqa: E402

from byline.cli import app  # noqa: E402
from byline.corpus.bench import _ratios, bench_corpus, summary  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
FIELDS = {"text": "content_original", "id": "ID", "outlet": "source"}


def test_the_ratios_are_each_run_over_one_worker_and_reading_over_parse_in_characters():
    runs = [
        {"engine": "local", "workers": 1, "articles_per_s": 1.0, "chars_per_s": 4000},
        {"engine": "local", "workers": 2, "articles_per_s": 1.9, "chars_per_s": 7600},
        {"engine": "spark", "master": "local[1]", "articles_per_s": 0.8},
        {"engine": "spark", "master": "local[2]", "articles_per_s": 1.5},
    ]
    ratios = _ratios(runs, {"engine": "parse only", "chars_per_s": 5000})
    assert ratios == {"local_2_over_1": 1.9, "spark_local2_over_local1": 1.88, "reading_over_parse_1_worker": 0.8}


def test_a_failed_configuration_is_reported_and_leaves_no_ratio():
    runs = [{"engine": "local", "workers": 1, "error": "RuntimeError: boom"}]
    parse = {"engine": "parse only", "articles": 2, "seconds": 1.0, "articles_per_s": 2.0, "chars_per_s": 100}
    assert _ratios(runs, parse) == {}
    text = summary({"corpus": "c.jsonl", "n": 2, "runs": runs, "parse_only": parse, "ratios": {}})
    assert "local 1: failed: RuntimeError: boom" in text


def test_a_corpus_run_is_timed_with_its_worker_memory_and_the_parse_alone():
    result = bench_corpus(n=3, workers=(1,), data=FIXTURES / "articles.jsonl", field_map=FIELDS, parse_n=3)
    (run,) = result["runs"]
    assert run["engine"] == "local" and run["workers"] == 1 and "error" not in run
    assert run["articles"] == 3 and run["failed"] == 0
    assert run["peak_rss_mb_worker"] > 50 and run["articles_per_s"] > 0
    assert result["parse_only"]["articles"] == 3
    assert 0 < result["ratios"]["reading_over_parse_1_worker"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "one"], "is not a comma-separated list"),
        (["--workers", "0"], "must name worker counts of 1 or more"),
        (["--field", "text"], "expected byline_field=record_field"),
    ],
)
def test_bad_bench_corpus_arguments_fail_in_one_line_before_any_run(args, message):
    result = CliRunner().invoke(app, ["bench", "corpus", "--data", str(FIXTURES / "articles.jsonl"), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_without_the_shared_corpus_bench_corpus_asks_for_data(monkeypatch):
    monkeypatch.setattr("byline.corpus.bench.default_corpus", lambda: (None, {}))
    result = CliRunner().invoke(app, ["bench", "corpus", "--n", "2"])
    assert result.exit_code == 1 and "give --data" in result.output


def test_a_missing_data_file_is_one_line_before_any_run(tmp_path):
    result = CliRunner().invoke(app, ["bench", "corpus", "--data", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 1 and "absent.jsonl: no such file or directory" in result.output


def test_a_configuration_that_failed_makes_the_bench_exit_1(monkeypatch):
    failed = {"corpus": "c", "n": 1, "runs": [{"engine": "local", "workers": 1, "error": "boom"}],
              "parse_only": {"engine": "parse only", "error": "boom"}, "ratios": {}}
    monkeypatch.setattr("byline.corpus.bench.bench_corpus", lambda *args, **kwargs: failed)
    result = CliRunner().invoke(app, ["bench", "corpus", "--data", str(FIXTURES / "articles.jsonl")])
    assert result.exit_code == 1 and "failed: boom" in result.output


def test_an_unknown_bench_name_is_refused():
    result = CliRunner().invoke(app, ["bench", "corpora"])
    assert result.exit_code == 2 and "unknown bench 'corpora'" in result.output
