"""Serving on loopback in a thread, and the API bench."""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner

from byline.cli import app as cli
from byline.web.app import create_app
from byline.web.bench import bench_api, bench_article, parse_levels, percentile, summary
from byline.web.server import DEFAULT_HOST, DEFAULT_PORT, serving


def test_default_address_is_loopback():
    assert (DEFAULT_HOST, DEFAULT_PORT) == ("127.0.0.1", 8000)


def test_serving_runs_on_a_free_loopback_port_and_stops(gate_reader):
    with serving(create_app(gate_reader)) as url:
        assert url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{url}/healthz").json()["status"] == "ok"
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/healthz", timeout=2)


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 100)) == (50.0, 95.0, 100.0)
    assert percentile([7.0], 95) == 7.0


def test_bench_article_is_about_800_words():
    assert 700 <= len(bench_article().split()) <= 900


def test_bench_reports_throughput_latency_and_errors_at_each_concurrency(reader):
    result = bench_api(n=4, seconds=60, concurrency=(1, 2))
    assert result["words"] == len(bench_article().split()) and result["server_concurrency"] == 2
    assert [level["concurrency"] for level in result["levels"]] == [1, 2]
    for level in result["levels"]:
        assert level["requests"] == 4 == level["ok"] + sum(level["errors"].values())
        assert level["readings_per_s"] > 0 and 0 < level["p50_ms"] <= level["p95_ms"] <= level["max_ms"]
    lines = summary(result).splitlines()
    assert "p50 ms" in lines[1] and len(lines) == 4


def test_bench_refuses_empty_bounds():
    with pytest.raises(ValueError):
        bench_api(n=0)
    with pytest.raises(ValueError):
        bench_api(n=1, concurrency=())


def test_concurrency_levels_are_repeated_or_comma_lists():
    assert parse_levels(["1,4", "16"]) == (1, 4, 16)
    for bad in (["0"], ["two"], ["65"], [","]):
        with pytest.raises(ValueError):
            parse_levels(bad)


def test_bench_api_refuses_a_bad_concurrency_as_a_usage_error():
    result = CliRunner().invoke(cli, ["bench", "--api", "--concurrency", "1,zero"])
    assert result.exit_code == 2 and "--concurrency" in result.output


def test_bench_api_prints_a_summary_or_one_json_object(monkeypatch):
    canned = {"words": 800, "server_concurrency": 2, "server_timeout_s": 30.0, "levels": []}
    seen = {}

    def fake_bench(**kwargs):
        seen.update(kwargs)
        return canned

    monkeypatch.setattr("byline.web.bench.bench_api", fake_bench)
    as_json = CliRunner().invoke(cli, ["bench", "--api", "--json", "--concurrency", "2", "--concurrency", "8"])
    assert as_json.exit_code == 0 and json.loads(as_json.output) == canned
    assert seen["concurrency"] == (2, 8)
    plain = CliRunner().invoke(cli, ["bench", "--api"])
    assert plain.output.startswith("POST /api/read, 800-word article") and seen["concurrency"] == (1, 4, 16)
