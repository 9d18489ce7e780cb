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


def test_bench_articles_come_from_the_given_file_in_order(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n', encoding="utf-8")
    articles, source = bench_articles(5, corpus)
    assert [a.origin for a in articles] == ["x", "y"] and source == str(corpus)
