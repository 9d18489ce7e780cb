import json

from byline.bench import bench_articles, bench_reading


def test_bench_reads_a_jsonl_corpus_and_reports_both_rates(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    texts = [f"The mayor said on day {i} that the pool would close." for i in range(6)]
    corpus.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    result = bench_reading(n=5, data=corpus)
    assert result["articles"] == 5 and result["words"] == sum(len(t.split()) for t in texts[:5])
    for run in ("parse_only", "full_reading"):
        assert set(result[run]) == {"seconds", "articles_per_s", "words_per_s"}
    assert result["ratio_full_over_parse"] > 0 and result["peak_rss_mb"] > 0


def test_bench_with_repeat_keeps_each_ones_best_time(tmp_path, monkeypatch):
    import byline.bench as bench

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": 1, "text": "The mayor said the pool would close."}\n', encoding="utf-8")
    times = iter([3.0, 6.0, 2.0, 5.0, 4.0, 4.0])  # parse, reading, parse, reading, …
    monkeypatch.setattr(bench, "_timed", lambda run: next(times))
    result = bench_reading(n=1, data=corpus, repeat=3)
    assert result["parse_only"]["seconds"] == 2.0 and result["full_reading"]["seconds"] == 4.0
    assert result["ratio_full_over_parse"] == 0.5 and result["repeat"] == 3


def test_bench_articles_come_from_the_given_file_in_order(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n', encoding="utf-8")
    articles, source = bench_articles(5, corpus)
    assert [a.origin for a in articles] == ["x", "y"] and source == str(corpus)


def test_bench_lengths_reports_seconds_memory_and_the_ratio_to_20k_per_length(tmp_path):
    from byline.bench_lengths import bench_lengths, long_text

    corpus = tmp_path / "c.jsonl"
    paragraphs = "\n\n".join(f"The mayor said on day {i} that the pool would close." for i in range(30))
    corpus.write_text(json.dumps({"id": "x", "text": paragraphs}) + "\n", encoding="utf-8")
    assert len(long_text(3000, corpus)) == 3000
    result = bench_lengths((2000, 20_000), data=corpus)
    rows = result["lengths"]
    assert [r["chars"] for r in rows] == [2000, 20_000] and result["baseline_chars"] == 20_000
    assert all(r["seconds"] > 0 and r["peak_rss_mb"] > 0 and r["attributions"] > 0 for r in rows)
    assert rows[1]["time_over_20k"] == 1.0
