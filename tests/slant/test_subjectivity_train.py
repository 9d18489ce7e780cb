"""Training and scoring the subjectivity model on small fixtures; the shipped model on CheckThat! dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer import Typer
from typer.testing import CliRunner

from byline.slant.cli_sentences import register
from byline.slant.eval_sentences import evaluate_subjectivity
from byline.slant.sentence_models import read_model
from byline.slant.train_sentences import read_checkthat, train_subjectivity

SUBJ = [
    "What a shameful and cowardly decision by these clueless politicians.",
    "Frankly, this is the worst idea I have ever heard.",
    "We should all be outraged by this disgusting behaviour.",
    "It is absurd to pretend the plan could ever work.",
    "Sadly, the so-called experts have once again failed us miserably.",
    "This ridiculous law is a disaster for every decent family.",
    "I think the mayor is a hopeless and dishonest leader.",
    "Surely nobody believes such obvious nonsense anymore.",
]
OBJ = [
    "The council approved the budget on Tuesday by a vote of 7 to 2.",
    "The company reported revenue of $4.2 billion in the third quarter.",
    "The bridge will be closed for repairs until March 15.",
    "Officials said 120 people were evacuated from the building.",
    "The bill was introduced in the Senate last week.",
    "The study followed 2,000 patients over five years.",
    "Rainfall in the region reached 30 millimetres on Monday.",
    "The minister met the delegation in Paris on Friday.",
]


def write_tsv(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = ["sentence_id\tsentence\tlabel"] + [f"id{k}\t{text}\t{label}" for k, (text, label) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("subjectivity")
    data = write_tsv(folder / "train.tsv", [(t, "SUBJ") for t in SUBJ] + [(t, "OBJ") for t in OBJ])
    facts = train_subjectivity(data, folder / "model", None)
    return folder, facts


def test_training_on_a_tiny_set_writes_a_loadable_model_and_its_card(trained):
    folder, facts = trained
    model = read_model(folder / "model")
    assert model is not None and model.weights
    assert facts["cv"]["folds"] == 5 and facts["n_train"] == 16
    card = (folder / "model" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 4.0" in card and "ECE" in card and "µs per sentence" in card


def test_the_eval_returns_the_documented_figures(trained, tmp_path):
    folder, _ = trained
    data = write_tsv(tmp_path / "dev.tsv", [(SUBJ[0], "SUBJ"), (OBJ[0], "OBJ"), (SUBJ[1], "SUBJ"), (OBJ[1], "OBJ")])
    scores = evaluate_subjectivity(data, folder / "model")
    assert set(scores) == {"macro_f1", "n", "ece"} and scores["n"] == 4
    assert 0.0 <= scores["macro_f1"] <= 1.0 and 0.0 <= scores["ece"] <= 1.0


def test_the_checkthat_reader_keeps_quote_characters_as_written(tmp_path):
    data = write_tsv(tmp_path / "q.tsv", [('He said "no" twice.', "OBJ")])
    assert read_checkthat(data)[0].text == 'He said "no" twice.'
    bad = tmp_path / "bad.tsv"
    bad.write_text("sentence_id\tsentence\tlabel\nx\ty\tMAYBE\n", encoding="utf-8")
    with pytest.raises(Exception, match="line 2"):
        read_checkthat(bad)


def cli() -> Typer:
    app, eval_app, train_app = Typer(), Typer(), Typer()
    app.add_typer(eval_app, name="eval")
    app.add_typer(train_app, name="train")
    register(eval_app, train_app)
    return app


def test_the_cli_prints_json_and_a_missing_file_is_one_error_line(trained, tmp_path):
    folder, _ = trained
    data = write_tsv(tmp_path / "dev.tsv", [(SUBJ[2], "SUBJ"), (OBJ[2], "OBJ")])
    runner = CliRunner()
    args = ["eval", "subjectivity", "--data", str(data), "--json", "--model", str(folder / "model")]
    result = runner.invoke(cli(), args)
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)) == {"macro_f1", "n", "ece"}
    missing = runner.invoke(cli(), ["eval", "subjectivity", "--data", str(tmp_path / "absent.tsv")])
    assert missing.exit_code == 1
    assert "no such file" in missing.output and len(missing.output.strip().splitlines()) == 1


@pytest.mark.data
def test_the_shipped_model_on_checkthat_dev(shared_data):
    dev = shared_data / "slant" / "checkthat_subjectivity_en" / "dev_en.tsv"
    if not dev.is_file():
        pytest.skip("checkthat_subjectivity_en/dev_en.tsv absent")
    scores = evaluate_subjectivity(dev)
    assert scores["n"] == 462
    assert scores["macro_f1"] >= 0.6 and scores["ece"] <= 0.2  # shipped: 0.644 and 0.124 (see MODEL_CARD.md)
