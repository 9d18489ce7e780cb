from byline.errors import BylineError
from byline.pipeline import DEFAULT_STAGES, STAGE_FACTORIES, Reader, available_stages, register_stage
from byline.reading import Article

TEXT = "The mayor said the pool would close. Critics disagreed."


def test_default_stages_are_registered():
    assert set(DEFAULT_STAGES) <= set(available_stages())


def test_unknown_stage_is_refused_with_the_available_names():
    try:
        Reader(stages=["sentences", "nope"])
    except ValueError as exc:
        assert "nope" in str(exc) and "sentences" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_every_stage_gets_the_same_single_parse(reader):
    seen = []

    class Probe:
        name = "probe"

        def find(self, ctx):
            return id(ctx.doc)

        def write(self, ctx, found):
            seen.append(found)

    register_stage("probe-a")(Probe)
    register_stage("probe-b")(Probe)
    try:
        probing = Reader(stages=["sentences", "probe-a", "probe-b"])
        calls = {"n": 0}
        real_pipe = probing.nlp.pipe

        def counting_pipe(texts, **kwargs):
            texts = list(texts)
            calls["n"] += len(texts)
            return real_pipe(texts, **kwargs)

        probing.nlp.pipe = counting_pipe
        reading = probing.read(Article(text=TEXT))
    finally:
        del STAGE_FACTORIES["probe-a"], STAGE_FACTORIES["probe-b"]
        probing.nlp.pipe = real_pipe
    assert calls["n"] == 1
    assert len(seen) == 2 and seen[0] == seen[1]
    assert [TEXT[s.start : s.end] for s in reading.sentences] == [
        "The mayor said the pool would close.",
        "Critics disagreed.",
    ]


def test_read_many_keeps_input_order(reader):
    texts = [f"Article number {i} says little." for i in range(40)]
    readings = list(reader.read_many(Article(text=t, origin=str(i)) for i, t in enumerate(texts)))
    assert [r.article.origin for r in readings] == [str(i) for i in range(40)]


def test_a_failing_stage_fails_only_its_article():
    class Fragile:
        name = "fragile"

        def find(self, ctx):
            if "explode" in ctx.doc.text:
                raise RuntimeError("boom")
            return None

        def write(self, ctx, found):
            pass

    register_stage("fragile")(Fragile)
    try:
        fragile = Reader(stages=["sentences", "fragile"])
        items = [Article(text="Fine text.", origin="a"), Article(text="Please explode.", origin="b"),
                 BylineError("empty", "c"), Article(text="Also fine.", origin="d")]
        results = list(fragile.read_stream(items))
    finally:
        del STAGE_FACTORIES["fragile"]
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Reading", "BylineError", "BylineError", "Reading"]
    assert results[1].code == "internal" and results[1].source == "b" and "boom" in results[1].message
    assert results[3].article.origin == "d"


def test_meta_names_the_model_and_stages(reader):
    reading = reader.read(Article(text=TEXT))
    assert reading.meta["model"].startswith("en_core_web_sm")
    assert reading.meta["stages"] == list(DEFAULT_STAGES)


def test_the_same_article_gives_the_same_reading_byte_for_byte(reader):
    article = Article(text=TEXT)
    assert reader.read(article).model_dump_json() == reader.read(article).model_dump_json()


def test_stage_timings_are_recorded_when_asked():
    from byline.settings import Settings

    timed = Reader(Settings(record_timings=True))
    assert set(timed.read(Article(text=TEXT)).meta["stage_seconds"]) == set(DEFAULT_STAGES)


def test_an_article_over_the_parsers_limit_fails_alone_and_the_batch_goes_on(reader):
    from byline.errors import BylineError

    limit = reader.nlp.max_length
    try:
        reader.nlp.max_length = 200
        items = [
            Article(text="The mayor said the budget would pass.", origin="a"),
            Article(text="word " * 100, origin="long"),
            Article(text="The council said it would vote on Friday.", origin="c"),
        ]
        results = list(reader.read_stream(items))
    finally:
        reader.nlp.max_length = limit
    assert [type(r).__name__ for r in results] == ["Reading", "BylineError", "Reading"]
    assert isinstance(results[1], BylineError) and results[1].code == "too_long" and "long" in results[1].message
