"""Training the persuasion model on a tiny fixture, and the eval and train commands."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from byline.slant.cli_persuasion import register
from byline.slant.persuasion.build import train_persuasion
from byline.slant.persuasion.eval import evaluate_model
from byline.slant.persuasion.model import MODEL_DIR, MODEL_FILE, PersuasionModel
from byline.slant.persuasion.train import Config

LOADED = ("disgraceful", "outrageous", "shameful", "appalling")
NEUTRAL = ("The council met on {day} to discuss the budget.", "Officials said the report would be published in {day}.")
DAYS = ("Monday", "Tuesday", "March", "April", "Friday", "June")
TINY = Config(folds=2, min_units=2, min_token_units=2, min_count=1)


def _fixture(directory):
    """Twelve small articles: loaded words in some paragraphs (span labels), plain reporting in the others."""
    articles = directory / "articles"
    articles.mkdir()
    spans, lines = [], []
    for n in range(12):
        article_id = str(1000 + n)
        word = LOADED[n % len(LOADED)]
        paragraphs = [
            f"Budget news {n}",
            f"Critics called the {word} plan a waste.",
            NEUTRAL[n % 2].format(day=DAYS[n % 6]),
        ]
        text = "\n\n".join(paragraphs) + "\n"
        (articles / f"article{article_id}.txt").write_text(text, encoding="utf-8")
        start = text.index(word)
        spans.append(f"{article_id}\tLoaded_Language\t{start}\t{start + len(word)}")
        lines += [f"{article_id}\t1\t", f"{article_id}\t3\tLoaded_Language", f"{article_id}\t5\t"]
    (directory / "labels-spans.txt").write_text("\n".join(spans) + "\n")
    (directory / "labels.txt").write_text("\n".join(lines) + "\n")
    return articles, directory / "labels-spans.txt", directory / "labels.txt"


def test_training_on_a_tiny_fixture_writes_a_loadable_model_and_its_card(tmp_path):
    articles, spans, labels = _fixture(tmp_path)
    out = tmp_path / "model"
    report = train_persuasion(articles, spans, out, TINY)
    model = PersuasionModel.load(out)
    assert (out / MODEL_FILE).is_file() and (out / "MODEL_CARD.md").is_file()
    assert "Loaded_Language" in model.token_techniques and 0.0 < model.threshold < 1.0
    assert {"micro_f1", "macro_f1", "n_paragraphs"} <= set(report["cv"]) and report["model_bytes"] > 0
    assert "micro-F1" in (out / "MODEL_CARD.md").read_text()
    scores = evaluate_model(articles, labels, model)
    assert scores["n_paragraphs"] == 36 and scores["micro_f1"] > 0.5


def test_training_is_reproducible(tmp_path):
    articles, spans, _ = _fixture(tmp_path)
    first = train_persuasion(articles, spans, tmp_path / "one", TINY)
    second = train_persuasion(articles, spans, tmp_path / "two", TINY)
    assert first["cv"] == second["cv"]
    a, b = PersuasionModel.load(tmp_path / "one"), PersuasionModel.load(tmp_path / "two")
    assert (a.token_weights == b.token_weights).all() and (a.unit_weights == b.unit_weights).all()


def _app() -> typer.Typer:
    app = typer.Typer()
    eval_app, train_app = typer.Typer(), typer.Typer()
    register(eval_app, train_app)
    app.add_typer(eval_app, name="eval")
    app.add_typer(train_app, name="train")
    return app


@pytest.mark.skipif(not (MODEL_DIR / MODEL_FILE).is_file(), reason="the shipped persuasion model is absent")
def test_eval_persuasion_scores_the_shipped_model_as_json(tmp_path):
    articles, _, labels = _fixture(tmp_path)
    result = CliRunner().invoke(
        _app(), ["eval", "persuasion", "--articles", str(articles), "--labels", str(labels), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"micro_f1", "macro_f1", "n_paragraphs"} <= set(scores) and scores["n_paragraphs"] == 36


def test_eval_persuasion_cross_validates_with_folds(tmp_path):
    articles, _, labels = _fixture(tmp_path)
    args = [
        "eval",
        "persuasion",
        "--articles",
        str(articles),
        "--labels",
        str(labels),
        "--folds",
        "2",
        "--json",
        "--no-babe-words",
    ]
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["folds"] == 2


def test_a_missing_label_file_is_one_error_line(tmp_path):
    result = CliRunner().invoke(
        _app(), ["eval", "persuasion", "--articles", str(tmp_path), "--labels", str(tmp_path / "no.txt")]
    )
    assert result.exit_code == 1
    assert "no such file" in result.output and len(result.output.strip().splitlines()) == 1
