"""Serving on loopback in a thread, and the API latency bench."""

from __future__ import annotations

import httpx
import pytest

from byline.web.app import create_app
from byline.web.bench import bench_api, bench_article, percentile
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


def test_bench_posts_the_article_and_reports_percentiles(reader, capsys):
    result = bench_api(n=2, seconds=60)
    assert result["requests"] == 2 and result["words"] == len(bench_article().split())
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]
    assert "p50" in capsys.readouterr().out


def test_bench_refuses_empty_bounds():
    with pytest.raises(ValueError):
        bench_api(n=0)
