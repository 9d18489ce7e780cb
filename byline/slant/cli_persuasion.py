"""The command line of the persuasion model: ``eval persuasion`` and ``train persuasion``, thin shells over
``byline.slant.persuasion`` (``register`` adds them to byline's eval and train groups)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from byline.console import one_line_errors as _one_line_errors
from byline.errors import BylineError
from byline.shared_data import given_or_shared, shared_path

SEMEVAL = ("slant", "semeval2023_en")
ARTICLES = (*SEMEVAL, "train-articles-subtask-3")
PARAGRAPHS = (*SEMEVAL, "train-labels-subtask-3.txt")
SPANS = (*SEMEVAL, "train-labels-subtask-3-spans.txt")
BABE = ("slant", "babe", "babe_SG2.jsonl")


def _babe(given: Path | None, use: bool) -> Path | None:
    if not use:
        return None
    return given if given is not None else shared_path(*BABE)


def _sibling_spans(labels: Path, spans: Path | None) -> Path:
    """The span labels beside a subtask-3 paragraph file (``…-spans.txt``), unless given."""
    path = spans if spans is not None else labels.with_name(f"{labels.stem}-spans{labels.suffix}")
    if not path.is_file():
        raise BylineError("not_found", str(path))
    return path


def _print(scores: dict[str, Any], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(scores))
        return
    typer.echo(
        f"micro-F1 {scores['micro_f1']:.4f}  macro-F1 {scores['macro_f1']:.4f}  paragraphs {scores['n_paragraphs']}"
    )
    for name, v in sorted(scores.get("per_technique", {}).items(), key=lambda kv: -kv[1]["gold"]):
        typer.echo(f"  {name:34s} F1 {v['f1']:.3f}  gold {v['gold']:5d}  predicted {v['predicted']:5d}")


def eval_persuasion(
    articles: Path | None = typer.Option(
        None, "--articles", help="Folder of article<ID>.txt (default: SemEval-2023 train)."
    ),
    labels: Path | None = typer.Option(None, "--labels", help="Subtask-3 paragraph labels: id, line, tech,tech,…"),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    folds: int | None = typer.Option(None, "--folds", min=2, help="Cross-validate with K folds by article."),
    spans: Path | None = typer.Option(None, "--spans", help="With --folds: span labels (default: <labels>-spans.txt)."),
    babe: Path | None = typer.Option(None, "--babe", help="With --folds: BABE SG2 JSONL (default: the shared copy)."),
    use_babe: bool = typer.Option(True, "--babe-words/--no-babe-words", help="With --folds: train on BABE's words."),
    seed: int = typer.Option(0, "--seed"),
    cache: Path | None = typer.Option(None, "--cache", help="With --folds: keep parsed features here (e.g. /tmp)."),
) -> None:
    """Score persuasion techniques per paragraph (SemEval-2023 subtask 3): the shipped model, or with --folds K
    the model cross-validated on the given articles."""
    from byline.slant.persuasion.corpus import load_babe, load_corpus
    from byline.slant.persuasion.data import read_paragraph_labels
    from byline.slant.persuasion.eval import cross_validate, evaluate_model
    from byline.slant.persuasion.train import Config

    with _one_line_errors():
        articles = given_or_shared(articles, *ARTICLES)
        labels = given_or_shared(labels, *PARAGRAPHS)
        if folds is None:
            scores = evaluate_model(articles, labels)
        else:
            log = typer.echo if not as_json else None
            corpus = load_corpus(articles, _sibling_spans(labels, spans), cache, log)
            babe_path = _babe(babe, use_babe)
            extra = load_babe(babe_path, cache, log) if babe_path is not None else None
            scores, _ = cross_validate(
                corpus, read_paragraph_labels(labels), Config(seed=seed, folds=folds), extra, log
            )
    _print(scores, as_json)


def train_persuasion(
    articles: Path | None = typer.Option(
        None, "--articles", help="Folder of article<ID>.txt (default: SemEval-2023 train)."
    ),
    labels: Path | None = typer.Option(None, "--labels", help="Span labels: id, technique, start, end."),
    babe: Path | None = typer.Option(None, "--babe", help="BABE SG2 JSONL (default: the shared copy, if present)."),
    use_babe: bool = typer.Option(
        True, "--babe-words/--no-babe-words", help="Train the loaded-language tagger on BABE's words too."
    ),
    ptc_articles: Path | None = typer.Option(
        None, "--ptc-articles", help="PTC 2020 articles (those not in --articles)."
    ),
    ptc_labels: Path | None = typer.Option(None, "--ptc-labels", help="PTC 2020 train-task2-TC.labels."),
    out: Path | None = typer.Option(None, "--out", help="Model folder (default: the one byline ships)."),
    seed: int = typer.Option(0, "--seed"),
    folds: int = typer.Option(5, "--folds", min=2, help="Folds by article for the card's figures and the calibration."),
    cache: Path | None = typer.Option(None, "--cache", help="Keep parsed features here between runs (e.g. /tmp)."),
) -> None:
    """Train the persuasion model on the CPU (a few minutes), write it and its MODEL_CARD.md."""
    from byline.slant.persuasion.build import train_persuasion as train
    from byline.slant.persuasion.model import MODEL_DIR
    from byline.slant.persuasion.train import Config

    with _one_line_errors():
        articles = given_or_shared(articles, *ARTICLES)
        labels = given_or_shared(labels, *SPANS)
        if (ptc_articles is None) != (ptc_labels is None):
            raise BylineError("malformed", "--ptc-articles/--ptc-labels", detail="give both or neither")
        for path in (ptc_articles, ptc_labels, babe):
            if path is not None and not path.exists():
                raise BylineError("not_found", str(path))
        report = train(
            articles,
            labels,
            out or MODEL_DIR,
            Config(seed=seed, folds=folds),
            _babe(babe, use_babe),
            ptc_articles,
            ptc_labels,
            cache,
            log=typer.echo,
        )
    typer.echo(json.dumps({k: v for k, v in report.items() if k != "calibration"}, indent=2))


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval persuasion`` and ``train persuasion`` to byline's ``eval`` and ``train`` groups."""
    eval_app.command("persuasion")(eval_persuasion)
    train_app.command("persuasion")(train_persuasion)
