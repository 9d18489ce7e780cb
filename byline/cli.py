"""The byline command line: a thin shell over the library."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from byline import __version__
from byline.console import fail, stderr
from byline.console import one_line_errors as _one_line_errors
from byline.corpus.cli import register as register_corpus
from byline.errors import BylineError
from byline.settings import (
    ACCURATE_ENV,
    DEFAULT_MAX_BYTES,
    DEFAULT_MIN_CONFIDENCE,
    MODEL_ENV,
    Settings,
    default_accurate,
    default_model,
)
from byline.slant.cli_persuasion import register as register_persuasion
from byline.slant.cli_sentences import register as register_sentence_models

if TYPE_CHECKING:
    from byline.pipeline import Reader

app = typer.Typer(
    help="byline reads news the way a careful editor does: who says what, on whose authority, how hedged.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score a layer against gold data.", no_args_is_help=True)
train_app = typer.Typer(help="Train the models byline ships.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")
register_corpus(app)
register_sentence_models(eval_app, train_app)
register_persuasion(eval_app, train_app)



class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"


WRITE_FAILED = 3  # exit code when an output could not be written (1: an input failed, 2: a usage error)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"byline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """byline: every statement in a news article with its byline."""


ModelOption = typer.Option(
    None, "--model", "-m", help=f"spaCy pipeline name (default: ${MODEL_ENV} or {default_model()})."
)


MinConfidenceOption = typer.Option(
    DEFAULT_MIN_CONFIDENCE,
    "--min-confidence",
    min=0.0,
    max=1.0,
    help="Leave out attributions whose calibrated confidence (the chance they are right, speaker included) is "
    "below this (default: the threshold shipped with the calibrator; 0 keeps everything).",
)


AccurateOption = typer.Option(
    False,
    "--accurate",
    help=f"Add the fine-tuned encoder's readings to the CRF's (the 'accurate' extra; its model is trained by 'byline "
    f"train attribution-encoder'); slower, and so far not more accurate (also ${ACCURATE_ENV}=1).",
)


def _settings(
    model: str | None, min_confidence: float | None = DEFAULT_MIN_CONFIDENCE, accurate: bool = False
) -> Settings:
    return Settings(
        model=model or default_model(), min_confidence=min_confidence, accurate=accurate or default_accurate()
    )


def _reader(settings: Settings) -> Reader:
    from byline.pipeline import Reader

    try:
        return Reader(settings)
    except BylineError as exc:
        fail(exc.message)


@app.command()
def read(
    inputs: list[str] = typer.Argument(
        ..., help="Files, directories, .warc/.warc.gz, .jsonl files, or - for standard input."
    ),
    fmt: Format | None = typer.Option(
        None, "--format", "-f", help="Output format (default: text for one article, jsonl for a batch)."
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write here instead of standard output (a directory for json/html batches)."
    ),
    model: str | None = ModelOption,
    errors: Path | None = typer.Option(None, "--errors", help="Write each failed input to this JSONL file."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse inputs larger than this."),
    any_language: bool = typer.Option(False, "--any-language", help="Read texts not detected as English."),
    field: list[str] = typer.Option(
        [], "--field", help="JSONL field mapping, byline_field=record_field (e.g. text=body). Repeatable."
    ),
    resume: bool = typer.Option(False, "--resume", help="Skip articles already in --out; retry failed ones."),
    min_confidence: float | None = MinConfidenceOption,
    accurate: bool = AccurateOption,
) -> None:
    """Read articles and print or write their readings."""
    from byline import batch as batch_cli
    from byline.ingest import IngestOptions

    try:
        field_map = batch_cli.parse_field_map(field)
        options = IngestOptions(max_bytes=max_bytes, require_english=not any_language, field_map=field_map)
    except ValueError as exc:
        fail(str(exc), code=2)
    settings = _settings(model, min_confidence, accurate)
    if not batch_cli.is_batch(inputs):
        try:
            batch_cli.read_single(inputs[0], (fmt or Format.text).value, out, options, _reader(settings))
        except BylineError as exc:
            fail(exc.message, code=WRITE_FAILED if exc.code == "unwritable" else 1)
        return
    try:
        failed = batch_cli.read_batch(
            inputs, (fmt or Format.jsonl).value, out, errors, resume, options, _reader(settings), stderr
        )
    except ValueError as exc:
        fail(str(exc), code=2)
    except BylineError as exc:  # only writes fail a whole batch: an input's failure is listed, not raised
        fail(exc.message, code=WRITE_FAILED)
    if failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a Reading."""
    from byline.reading import reading_schema

    typer.echo(json.dumps(reading_schema(), indent=2))


@eval_app.command("attribution")
def eval_attribution(
    data: list[str] = typer.Option(
        ...,
        "--data",
        help="PolNeAR JSONL (polnear/json/dev.jsonl), a real-news gold JSONL, or 'realnews' for the shipped "
        "gold set (its texts are read from --corpus). Repeatable: each is scored in turn.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    limit: int | None = typer.Option(None, "--limit", help="PolNeAR: score only the first N documents."),
    split: str = typer.Option("dev", "--split", help="Real-news gold: dev, test or all."),
    corpus: Path | None = typer.Option(None, "--corpus", help="Real-news gold: the allsides_baly2020 folder."),
    inspect: bool = typer.Option(False, "--inspect", help="Real-news gold: list each article's pairs and misses."),
    unit: str = typer.Option(
        "document",
        "--unit",
        help="PolNeAR: 'paragraph' adds exact P/R/F1 over blank-line paragraph units, micro-averaged "
        "(CofeNet's metric, comparable with published PolNeAR figures).",
    ),
    min_confidence: float | None = MinConfidenceOption,
    model: str | None = ModelOption,
    accurate: bool = AccurateOption,
) -> None:
    """Score attributions. PolNeAR: exact and overlap P/R/F1 per role, speaker accuracy. Real-news gold:
    precision and recall of attributions with the right speaker, anonymity/hedge recall, via accuracy, ECE."""
    from byline.attribution.eval import evaluate_polnear
    from byline.attribution.realnews import GOLD_PATH, SHARED_CORPUS, is_realnews_gold, score_realnews

    if split not in ("dev", "test", "all"):
        fail(f"--split {split}: choose dev, test or all", code=2)
    if unit not in ("document", "paragraph"):
        fail(f"--unit {unit}: choose document or paragraph", code=2)
    paths = [GOLD_PATH if item == "realnews" else Path(item) for item in data]
    for path in paths:
        if not path.is_file():
            fail(BylineError("not_found", str(path)).message)
    reader = _reader(_settings(model, min_confidence, accurate))
    results = {}
    with _one_line_errors():
        for item, path in zip(data, paths, strict=True):
            if is_realnews_gold(path):
                results[item] = score_realnews(
                    reader, path, None if split == "all" else split, corpus or SHARED_CORPUS,
                    min_confidence=min_confidence, inspect=inspect,
                )
            else:
                results[item] = evaluate_polnear(path, reader, limit=limit, unit=unit)
    if as_json:
        typer.echo(json.dumps(results[data[0]] if len(data) == 1 else results))
        return
    for item, scores in results.items():
        typer.echo(f"== {item}")
        typer.echo(_realnews_table(scores) if "right_speaker" in scores else _score_table(scores))


def _realnews_agreement_table(scores: dict) -> str:
    rs = scores["right_speaker"]
    return (
        f"articles {scores['n_articles']}  first annotator {scores['n_gold']}  second {scores['n_predicted']}\n"
        f"right speaker  P {rs['p']:.3f}  R {rs['r']:.3f}  F1 {rs['f1']:.3f}\n"
        f"anonymity recall {scores['anonymity_recall']:.3f}  hedge recall {scores['hedge_recall']:.3f}"
    )


def _realnews_table(scores: dict) -> str:
    rs = scores["right_speaker"]
    lines = [
        f"articles {scores['n_articles']} ({scores['split']})  gold {scores['n_gold']}  "
        f"predicted {scores['n_predicted']}  min confidence {scores['min_confidence']}",
        f"right speaker  P {rs['p']:.3f}  R {rs['r']:.3f}  F1 {rs['f1']:.3f}",
        f"found (any speaker)  P {scores['found']['p']:.3f}  R {scores['found']['r']:.3f}",
        f"anonymity recall {scores['anonymity_recall']:.3f} (of {scores['n_anonymous_gold']})  "
        f"hedge recall {scores['hedge_recall']:.3f} (of {scores['n_hedges_gold']})",
        f"via accuracy {scores['via_accuracy']:.3f}  via recall {scores['via_recall']:.3f} "
        f"(of {scores['n_via_gold_found']})  negation accuracy {scores['negation_accuracy']:.3f}",
        f"expected calibration error {scores['ece']:.3f}",
    ]
    return "\n".join(lines)


def _score_table(scores: dict, header: bool = True) -> str:
    lines = [f"docs {scores['n_docs']}  gold {scores['n_gold']}  predicted {scores['n_pred']}"] if header else []
    for match in ("exact", "overlap"):
        for role in ("source", "cue", "content"):
            s = scores[match][role]
            lines.append(f"{match:<8} {role:<8} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}")
    lines.append(f"speaker accuracy {scores['speaker_accuracy']:.3f}")
    if "paragraph_units" in scores:
        units = scores["paragraph_units"]
        lines.append(f"paragraph units {units['n_units']} (exact, micro-averaged)")
        for role in ("source", "cue", "content"):
            s = units["exact"][role]
            lines.append(f"{'unit':<8} {role:<8} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}")
    return "\n".join(lines)


@eval_app.command("agreement")
def eval_agreement(
    data: Path = typer.Option(
        ..., "--data", help="A PolNeAR folder with text/ and attributions/ (brat files), or a real-news gold file."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    humans_only: bool = typer.Option(False, "--humans-only", help="Score the annotators only, not byline."),
    model: str | None = ModelOption,
) -> None:
    """Annotators against each other, and byline against each annotator, on articles read by several.
    Given a real-news gold file by a second annotator, scores it against the shipped gold as byline is scored."""
    from byline.attribution.eval import annotator_agreement
    from byline.attribution.realnews import GOLD_PATH, is_realnews_gold
    from byline.attribution.realnews import annotator_agreement as realnews_agreement

    if data.is_file() and is_realnews_gold(data):
        with _one_line_errors():
            scores = realnews_agreement(GOLD_PATH, data)
        typer.echo(json.dumps(scores) if as_json else _realnews_agreement_table(scores))
        return
    if not data.is_dir():
        fail(BylineError("not_found", str(data)).message)
    with _one_line_errors():
        scores = annotator_agreement(data, None if humans_only else _reader(_settings(model)))
    if as_json:
        typer.echo(json.dumps(scores))
        return
    typer.echo(f"articles {scores['n_articles']}  annotators {scores['n_annotators']}")
    for who in ("annotators", "byline"):
        if who in scores:
            typer.echo(f"\n{who} (pairs {scores[who]['n_pairs']})\n{_score_table(scores[who], header=False)}")


@eval_app.command("sources")
def eval_sources(
    gold: Path = typer.Option(..., "--gold", help="Gold labels JSONL (item, category, gender, …)."),
    items: Path = typer.Option(..., "--items", help="Items JSONL (item, text, start, end, half, …)."),
    half: str = typer.Option("dev", "--half", help="dev, test or all."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    model: str | None = ModelOption,
) -> None:
    """Score source categories and genders: precision, coverage and accuracy per field."""
    from byline.attribution.source_profile_eval import evaluate_sources, render_scores, sources_reader

    if half not in ("dev", "test", "all"):
        fail(f"--half {half}: choose dev, test or all", code=2)
    for path in (gold, items):
        if not path.is_file():
            fail(BylineError("not_found", str(path)).message)
    with _one_line_errors():
        scores = evaluate_sources(gold, items, None if half == "all" else half, sources_reader(model))
    typer.echo(json.dumps(scores) if as_json else render_scores(scores))


@eval_app.command("extraction")
def eval_extraction(
    data: Path = typer.Option(..., "--data", help="The scrapinghub_aeb folder (ground-truth.json, html/)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Score body extraction: word 4-gram shingle P/R/F1, macro-averaged over documents."""
    from byline.ingest.eval import score_extraction

    if not data.is_dir():
        fail(BylineError("not_found", str(data)).message)
    with _one_line_errors():
        scores = score_extraction(data)
    if as_json:
        typer.echo(json.dumps(scores))
    else:
        typer.echo(
            f"docs {scores['n_docs']}  P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}"
        )


@train_app.command("attribution")
def train_attribution(
    data: Path = typer.Option(..., "--data", help="PolNeAR train JSONL."),
    out: Path | None = typer.Option(None, "--out", help="Model folder (default: the one byline ships)."),
    dev: Path | None = typer.Option(None, "--dev", help="PolNeAR dev JSONL: its scores go in the model card."),
    seed: int = typer.Option(0, "--seed"),
    holdout_from: int | None = typer.Option(
        None, "--holdout-from", help="Fit only the articles before N and score the rest (needs --out)."
    ),
) -> None:
    """Train the attribution models on PolNeAR train (CPU, about 15 minutes) and write their model card."""
    from byline.attribution.detect import MODEL_DIR
    from byline.attribution.train import train_attribution as train

    for path in (data, dev):
        if path is not None and not path.is_file():
            fail(BylineError("not_found", str(path)).message)
    if holdout_from is not None and out is None:
        fail("--holdout-from trains on part of the data: give --out so the shipped model is not replaced", code=2)
    with _one_line_errors():
        report = train(data, out or MODEL_DIR, seed=seed, dev_path=dev, holdout_from=holdout_from)
    typer.echo(json.dumps(report, indent=2))


@train_app.command("attribution-encoder")
def train_attribution_encoder(
    data: Path = typer.Option(..., "--data", help="PolNeAR train JSONL (polnear/json/train.jsonl)."),
    out: Path | None = typer.Option(None, "--out", help="Model folder (default: the one byline ships)."),
    epochs: float = typer.Option(2.5, "--epochs", min=0.001, help="Passes over the training windows."),
    batch_size: int = typer.Option(16, "--batch-size", min=1),
    learning_rate: float = typer.Option(1e-4, "--learning-rate", min=0.0),
    limit_docs: int | None = typer.Option(None, "--limit-docs", min=1, help="Train on the first N articles only."),
) -> None:
    """Fine-tune the accurate mode's encoder tagger on the CPU (the 'train' extra) and export it to int8 ONNX."""
    from byline.attribution.encoder.runtime import ENCODER_DIR
    from byline.attribution.encoder.train import train_encoder

    if not data.is_file():
        fail(BylineError("not_found", str(data)).message)
    with _one_line_errors():
        facts = train_encoder(data, out or ENCODER_DIR, epochs, batch_size, learning_rate, limit_docs, log=typer.echo)
    typer.echo(json.dumps(facts, indent=2))


@train_app.command("calibration")
def train_calibration(
    gold: Path | None = typer.Option(None, "--gold", help="Real-news gold JSONL (default: the shipped set)."),
    split: str = typer.Option("dev", "--split", help="Which half to fit on."),
    corpus: Path | None = typer.Option(None, "--corpus", help="The allsides_baly2020 folder with the texts."),
    out: Path | None = typer.Option(None, "--out", help="Calibrator file (default: the one byline ships)."),
    threshold: float | None = typer.Option(
        None, "--threshold", min=0.0, max=1.0, help="The default --min-confidence (default: the best F1 out of fold)."
    ),
    model: str | None = ModelOption,
) -> None:
    """Fit the confidence calibrator on the real-news gold's dev half (CPU, under a minute)."""
    from byline.attribution.calibrate import CALIBRATION_PATH
    from byline.attribution.realnews import GOLD_PATH, SHARED_CORPUS
    from byline.attribution.train_calibration import train_calibration as train

    with _one_line_errors():
        card = train(
            _settings(model, 0.0), gold or GOLD_PATH, out or CALIBRATION_PATH, split, corpus or SHARED_CORPUS, threshold
        )
    typer.echo(json.dumps(card, indent=2))


@app.command()
def bench(
    what: str | None = typer.Argument(
        None, metavar="[corpus]", help="'corpus': time a corpus run with 1, 2, … workers (see --workers, --spark)."
    ),
    n: int | None = typer.Option(
        None, "--n", help="How many articles (default 200; corpus: 2000; with --api: requests per concurrency, "
        "at most 200).",
    ),
    data: Path | None = typer.Option(None, "--data", help="A JSONL(.gz) corpus with a text field (default: BBC)."),
    model: str | None = ModelOption,
    api: bool = typer.Option(
        False, "--api", help="Bench POST /api/read on loopback instead: readings/s, p50/p95 latency, errors."
    ),
    concurrency: list[str] | None = typer.Option(
        None,
        "--concurrency",
        metavar="N[,N…]",
        help="With --api: clients at once, repeated or a comma list (default 1,4,16).",
    ),
    lengths: bool = typer.Option(
        False, "--lengths", help="Bench seconds and peak memory of one article per length instead."
    ),
    chars: str = typer.Option(
        "10000,20000,50000,200000,1000000", "--chars", help="The lengths --lengths reads, in characters."
    ),
    workers: str = typer.Option("1,2", "--workers", help="bench corpus: the worker counts to time, a comma list."),
    spark: str = typer.Option(
        "", "--spark", metavar="MASTER[,MASTER…]", help="bench corpus: also time the Spark engine on these "
        "masters (e.g. local[1],local[2]; needs the spark extra).",
    ),
    parse_n: int = typer.Option(200, "--parse-n", min=1, help="bench corpus: articles the parse alone is timed on."),
    repeat: int = typer.Option(
        1, "--repeat", min=1, help="Time the parse and the reading in turn N times; each keeps its best time."
    ),
    field: list[str] = typer.Option(
        [], "--field", help="bench corpus with --data: JSONL field mapping, byline_field=record_field. Repeatable."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    accurate: bool = AccurateOption,
) -> None:
    """Print articles/s and words/s of a full reading against the bare spaCy parse, in one run; or, with
    --lengths, seconds and peak memory by article length; or, with --api, the API's latency under load; or,
    as `bench corpus`, a corpus run's articles/s and peak memory per worker with 1, 2, … workers (each in a
    fresh process; default: the first 2000 AllSides articles) and its speed-up."""
    if what not in (None, "corpus"):
        fail(f"bench: unknown bench {what!r}; the one named bench is 'corpus'", code=2)
    if what == "corpus":
        _bench_corpus(n or 2000, data, field, workers, spark, parse_n, _settings(model, accurate=accurate), as_json)
        return
    n = n or 200
    if api and lengths:
        fail("--api and --lengths are two different benches; give one", code=2)
    if api:
        from byline.web.bench import DEFAULT_LEVELS, bench_api, parse_levels, summary

        try:
            levels = parse_levels(concurrency) if concurrency else DEFAULT_LEVELS
        except ValueError as exc:
            fail(f"--concurrency: {exc}", code=2)
        result = bench_api(n=min(n, 200), model=model, concurrency=levels, accurate=accurate or default_accurate())
        typer.echo(json.dumps(result) if as_json else summary(result))
        return
    if lengths:
        from byline.bench_lengths import bench_lengths

        with _one_line_errors():
            result = bench_lengths(_lengths(chars), data=data, model=model, accurate=accurate)
    else:
        from byline.bench import bench_reading

        with _one_line_errors():
            result = bench_reading(n=n, data=data, settings=_settings(model, accurate=accurate), repeat=repeat)
    typer.echo(json.dumps(result, indent=None if as_json else 2))


def _bench_corpus(
    n: int, data: Path | None, field: list[str], workers: str, spark: str, parse_n: int, settings, as_json: bool
) -> None:
    from byline.batch import parse_field_map
    from byline.corpus.bench import bench_corpus, summary

    try:
        counts = tuple(int(part) for part in workers.split(",") if part.strip())
    except ValueError:
        fail(f"--workers: {workers!r} is not a comma-separated list of worker counts", code=2)
    if not counts or min(counts) < 1:
        fail(f"--workers: {workers!r} must name worker counts of 1 or more", code=2)
    masters = tuple(part.strip() for part in spark.split(",") if part.strip())
    try:
        field_map = parse_field_map(field) if field else None
    except ValueError as exc:
        fail(str(exc), code=2)
    with _one_line_errors():
        result = bench_corpus(n, counts, masters, data, field_map, settings, parse_n)
    typer.echo(json.dumps(result) if as_json else summary(result), nl=as_json)
    if any("error" in row for row in [*result["runs"], result["parse_only"]]):
        raise typer.Exit(1)


def _lengths(value: str) -> tuple[int, ...]:
    """The --chars list: positive whole numbers separated by commas."""
    try:
        found = tuple(int(part.replace("_", "")) for part in value.split(",") if part.strip())
    except ValueError:
        fail(f"--chars: {value!r} is not a comma-separated list of character counts", code=2)
    if not found or min(found) <= 0:
        fail(f"--chars: {value!r} must name positive character counts", code=2)
    return found


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port"),
    model: str | None = ModelOption,
    max_body: int = typer.Option(5_000_000, "--max-body", help="Largest request body accepted, in bytes."),
    timeout: float = typer.Option(
        30.0, "--timeout", help="Longest reading per request, in seconds; past it the reading stops (504)."
    ),
    concurrency: int = typer.Option(2, "--concurrency", help="Readings processed at once; more get 503."),
    max_chars: int = typer.Option(
        100_000,
        "--max-chars",
        help="Longest article text per request, in characters (413 past it). Sized from byline bench --lengths: "
        "an article this long reads in about 8 s on 2 cores, 14 s two at once, well within the default --timeout.",
    ),
    min_confidence: float | None = MinConfidenceOption,
    accurate: bool = AccurateOption,
    db: str | None = typer.Option(
        None, "--db", help="A corpus database (byline corpus run … --db: a DuckDB file or a PostgreSQL URL): adds "
        "its dashboard at /corpus and its figures at /corpus.json.",
    ),
) -> None:
    """Serve the reading page and the JSON API; with --db, the corpus dashboard too."""
    from byline.web.app import WebLimits
    from byline.web.server import run

    try:
        limits = WebLimits(
            max_body_bytes=max_body, max_seconds=timeout, max_concurrent=concurrency, max_chars=max_chars
        )
    except ValueError as exc:
        fail(str(exc), code=2)
    try:
        run(
            host=host,
            port=port,
            limits=limits,
            model=model,
            min_confidence=min_confidence,
            accurate=accurate or default_accurate(),
            db=db,
        )
    except BylineError as exc:
        fail(exc.message)


def entry() -> None:
    """The console script: ``byline …``; a reader that closes the pipe early (``| head``) ends it quietly."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()  # nothing more can be written; don't let Python report the closed pipe
        sys.exit(1)
