"""Training the sentence classifiers (scikit-learn, CPU, a few minutes): subjectivity on CheckThat! 2025
Task 1 English train (with BABE's opinion labels as extra, down-weighted signal) and bias on BABE SG2.

Every choice is made by cross-validation on the training data only: C from a small grid, the Platt
calibration on out-of-fold scores, and the decision threshold that maximises out-of-fold macro-F1.
Bias folds are by outlet (train on the other outlets, score the held-out one), so that the model cannot
lean on who published a sentence.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.errors import BylineError
from byline.slant.embeddings import StaticEmbeddings, load_embeddings
from byline.slant.features import doc_features, feature_set
from byline.slant.sentence_models import (
    SentenceModel,
    best_threshold,
    expected_calibration_error,
    macro_f1,
    save_model,
    sigmoid,
)

SEED = 13
FOLDS = 5
C_GRID = (1.0, 3.0, 10.0)
OPINION_WEIGHT = 0.3  # BABE opinion sentences: another annotation scheme, so they count less than CheckThat's
MIN_SENTENCES = 2  # a feature seen in fewer training sentences is dropped (noise, and size)
BIAS_LABELS = {"Biased": True, "Non-biased": False}
OPINION_LABELS = {"Expresses writer’s opinion": True, "Expresses writer's opinion": True, "Entirely factual": False}

Features = dict[str, float]
Folds = list[tuple[list[int], list[int]]]


@dataclass(frozen=True)
class Example:
    text: str
    label: bool
    group: str = ""
    weight: float = 1.0
    scored: bool = True  # counted in CV figures, calibration and threshold (extra signal is not)


def read_checkthat(path: Path) -> list[Example]:
    """CheckThat! subjectivity TSV (``sentence_id, sentence, label[, solved_conflict]``), unquoted."""
    if not path.is_file():
        raise BylineError("not_found", str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or "sentence" not in rows[0] or "label" not in rows[0]:
        raise BylineError("malformed", str(path), detail="expected a header with sentence and label columns")
    text_at, label_at = rows[0].index("sentence"), rows[0].index("label")
    examples = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) <= max(text_at, label_at) or row[label_at] not in ("SUBJ", "OBJ"):
            raise BylineError("malformed", str(path), detail=f"line {number}: expected a sentence labelled SUBJ or OBJ")
        examples.append(Example(row[text_at], row[label_at] == "SUBJ"))
    return examples


def read_babe(path: Path, field: str = "label_bias") -> list[Example]:
    """BABE JSONL: ``label_bias`` (Biased / Non-biased) or ``label_opinion`` examples, grouped by outlet;
    rows without agreement are left out."""
    if not path.is_file():
        raise BylineError("not_found", str(path))
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, value = row["text"], row.get(field)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise BylineError("malformed", str(path), detail=f"line {number}: {type(exc).__name__}") from exc
            label = (BIAS_LABELS if field == "label_bias" else OPINION_LABELS).get(value)
            if label is not None:
                examples.append(Example(text, label, str(row.get("outlet") or "?")))
    return examples


def require_sklearn() -> None:
    """A one-line error where scikit-learn (the 'train' extra) is not installed."""
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise BylineError("extra_missing", None, extra="train", package="scikit-learn") from exc


def parse_features(texts: Sequence[str], embeddings: StaticEmbeddings | None = None) -> list[Features]:
    """Each text parsed on its own by byline's spaCy pipeline, then its sentence features."""
    from byline.nlp import load_pipeline

    nlp = load_pipeline()
    return [doc_features(doc, embeddings) for doc in nlp.pipe(texts, batch_size=64)]


def fit_linear(
    features: Sequence[Features], labels: Sequence[bool], weights: Sequence[float], c: float
) -> SentenceModel:
    """An L2 logistic regression (classes balanced) over the features seen in ``MIN_SENTENCES`` sentences."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen: dict[str, int] = {}
    for row in features:
        for key in row:
            seen[key] = seen.get(key, 0) + 1
    kept = [{k: v for k, v in row.items() if seen[k] >= MIN_SENTENCES} for row in features]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(kept).tocsr()
    matrix.indices = matrix.indices.astype(np.int32)  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype(np.int32)
    model = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=SEED)
    model.fit(matrix, np.asarray(labels), sample_weight=np.asarray(weights, dtype=float))
    names = vectorizer.get_feature_names_out()
    found = {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 1e-5}
    return SentenceModel(weights=found, intercept=float(model.intercept_[0]))


def fit_platt(margins: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """Platt scaling (a, b): P(positive) = sigmoid(a · margin + b), by a 1-D logistic regression."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e4, max_iter=1000).fit(np.asarray(margins).reshape(-1, 1), np.asarray(labels))
    return float(model.coef_[0][0]), float(model.intercept_[0])


def stratified_folds(examples: Sequence[Example], seed: int = SEED, k: int = FOLDS) -> Folds:
    """K stratified folds over the scored examples; the unscored (extra) ones are always trained on."""
    from sklearn.model_selection import StratifiedKFold

    scored = [i for i, e in enumerate(examples) if e.scored]
    extra = [i for i, e in enumerate(examples) if not e.scored]
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    labels = [examples[i].label for i in scored]
    return [([scored[i] for i in a] + extra, [scored[i] for i in b]) for a, b in splitter.split(scored, labels)]


def group_folds(examples: Sequence[Example]) -> Folds:
    """One fold per group (outlet): train on every other group, hold this one out."""
    groups = sorted({e.group for e in examples})
    return [
        ([i for i, e in enumerate(examples) if e.group != g], [i for i, e in enumerate(examples) if e.group == g])
        for g in groups
    ]


def out_of_fold(features: Sequence[Features], examples: Sequence[Example], folds: Folds, c: float) -> dict[int, float]:
    """Each held-out example's raw score from the model fit without its fold."""
    margins: dict[int, float] = {}
    for train, held in folds:
        model = fit_linear(
            [features[i] for i in train], [examples[i].label for i in train], [examples[i].weight for i in train], c
        )
        margins.update((i, model.margin(features[i])) for i in held)
    return margins


def cv_report(
    margins: dict[int, float], examples: Sequence[Example], platt: tuple[float, float], threshold: float
) -> dict[str, Any]:
    """Out-of-fold macro-F1 (at the threshold and at 0.5) and ECE, on the calibrated probabilities."""
    order = sorted(margins)
    gold = [examples[i].label for i in order]
    probabilities = [sigmoid(platt[0] * margins[i] + platt[1]) for i in order]
    return {
        "n": len(order),
        "macro_f1": round(macro_f1([p >= threshold for p in probabilities], gold), 4),
        "macro_f1_at_0.5": round(macro_f1([p >= 0.5 for p in probabilities], gold), 4),
        "ece": round(expected_calibration_error(probabilities, gold), 4),
    }


def train_model(
    features: Sequence[Features],
    examples: Sequence[Example],
    folds: Folds,
    c_grid: Sequence[float] = C_GRID,
    log: Callable[[str], None] | None = None,
    embeddings: StaticEmbeddings | None = None,
) -> tuple[SentenceModel, dict[str, Any]]:
    """Choose C by out-of-fold macro-F1 (at each C's own best threshold), calibrate on that C's out-of-fold
    scores, pick the threshold there, and fit the final model on everything."""
    best: tuple[float, float, dict[int, float], tuple[float, float], float] | None = None
    grid: dict[str, float] = {}
    for c in c_grid:
        margins = out_of_fold(features, examples, folds, c)
        order = sorted(margins)
        gold = [examples[i].label for i in order]
        platt = fit_platt([margins[i] for i in order], gold)
        threshold = best_threshold([sigmoid(platt[0] * margins[i] + platt[1]) for i in order], gold)
        score = cv_report(margins, examples, platt, threshold)["macro_f1"]
        grid[str(c)] = score
        if log:
            log(f"C={c}: out-of-fold macro-F1 {score:.4f} at threshold {threshold:.2f}")
        if best is None or score > best[0]:
            best = (score, c, margins, platt, threshold)
    assert best is not None
    _, c, margins, platt, threshold = best
    final = fit_linear(features, [e.label for e in examples], [e.weight for e in examples], c)
    model = SentenceModel(final.weights, final.intercept, platt, threshold, feature_set(embeddings))
    cv = cv_report(margins, examples, platt, threshold) | {"folds": len(folds), "c": c, "c_grid": grid}
    return model, cv


def scoring_speed(
    model: SentenceModel, texts: Sequence[str], embeddings: StaticEmbeddings | None = None
) -> float:
    """Microseconds per sentence to make the features from a parsed doc and score them (the parse not counted)."""
    from byline.nlp import load_pipeline

    docs = list(load_pipeline().pipe(texts[:300], batch_size=64))
    began = time.perf_counter()
    for doc in docs:
        model.probability(doc_features(doc, embeddings))
    return round((time.perf_counter() - began) / max(len(docs), 1) * 1e6, 1)


def train_subjectivity(
    data: Path,
    out: Path,
    opinion_data: Path | None = None,
    log: Callable[[str], None] | None = None,
    vectors: bool = True,
) -> dict[str, Any]:
    """Fit the subjectivity model on CheckThat! train (+ BABE opinion labels) and write it with its card."""
    require_sklearn()
    began = time.perf_counter()
    examples = read_checkthat(data)
    extra = read_babe(opinion_data, "label_opinion") if opinion_data else []
    examples += [Example(e.text, e.label, e.group, OPINION_WEIGHT, scored=False) for e in extra]
    model, cv, embeddings = _fit(examples, stratified_folds(examples), vectors, log)
    facts = {
        "task": "subjectivity",
        "data": str(data.name),
        "extra_data": str(opinion_data.name) if opinion_data else None,
        "n_train": sum(e.scored for e in examples),
        "n_extra": len(extra),
        "extra_weight": OPINION_WEIGHT if extra else None,
        **_fit_facts(model, cv, examples, began, embeddings),
    }
    return _write(model, facts, out)


def _fit(
    examples: list[Example], folds: Folds, vectors: bool, log: Callable[[str], None] | None
) -> tuple[SentenceModel, dict[str, Any], StaticEmbeddings | None]:
    """Parse the examples, make their features (with the shipped vectors where ``vectors``) and train."""
    embeddings = load_embeddings() if vectors else None
    features = parse_features([e.text for e in examples], embeddings)
    model, cv = train_model(features, examples, folds, log=log, embeddings=embeddings)
    return model, cv, embeddings


def _fit_facts(
    model: Any, cv: dict[str, Any], examples: list[Example], began: float, embeddings: StaticEmbeddings | None
) -> dict[str, Any]:
    """What every model card reports of a fit: seed, cross-validation, size, training time, scoring speed."""
    return {
        "seed": SEED,
        "cv": cv,
        "feature_set": feature_set(embeddings),
        "n_features": len(model.weights),
        "train_seconds": round(time.perf_counter() - began, 1),
        "us_per_sentence": scoring_speed(model, [e.text for e in examples], embeddings),
    }


def train_bias(
    data: Path, out: Path, log: Callable[[str], None] | None = None, vectors: bool = True
) -> dict[str, Any]:
    """Fit the bias model on BABE with outlet folds and write it with its card."""
    require_sklearn()
    began = time.perf_counter()
    examples = read_babe(data, "label_bias")
    if not examples:
        raise BylineError("malformed", str(data), detail="no rows labelled Biased or Non-biased")
    model, cv, embeddings = _fit(examples, group_folds(examples), vectors, log)
    facts = {
        "task": "bias",
        "data": str(data.name),
        "n_train": len(examples),
        "outlets": len({e.group for e in examples}),
        **_fit_facts(model, cv, examples, began, embeddings),
    }
    return _write(model, facts, out)


def train_subjectivity_with_dev(facts: dict[str, Any], dev: Path | None, out: Path) -> dict[str, Any]:
    """Score the written model once on ``dev`` and add the figures to its facts and card."""
    if dev is None:
        return facts
    from byline.slant.eval_sentences import evaluate_subjectivity

    facts = facts | {"dev": evaluate_subjectivity(dev, out) | {"data": dev.name}}
    write_model_card(out, facts)
    return facts


def _write(model: SentenceModel, facts: dict[str, Any], out: Path) -> dict[str, Any]:
    model = SentenceModel(model.weights, model.intercept, model.platt, model.threshold, model.feature_set, facts)
    path = save_model(model, out)
    facts = facts | {"model": str(path), "model_bytes": path.stat().st_size, "threshold": model.threshold}
    write_model_card(out, facts)
    return facts


LICENCES = {
    "subjectivity": "CheckThat! 2025 Task 1 English (CLEF CheckThat! lab): CC BY-NC-SA 4.0 (non-commercial, "
    "share-alike). Extra signal: BABE SG2 `label_opinion` (Spinde et al. 2021; the shared copy carries no "
    "licence file: check the upstream repository's terms before redistributing).",
    "bias": "BABE SG2 (Spinde et al., Findings of EMNLP 2021): the shared copy carries no licence file; check the "
    "upstream repository's terms before redistributing. The news sentences are the publishers' copyright.",
}

LIMITS = {
    "subjectivity": [
        "The out-of-fold macro-F1 is a little optimistic: the threshold is chosen on those same scores.",
        "CheckThat! dev has 52 % SUBJ sentences against train's 36 %: probabilities are calibrated to train's "
        "share, so on data with more opinion they run low (hence a higher ECE there).",
        "Reported speech counts as objective in CheckThat!'s sense: a quoted opinion is not the outlet's.",
    ],
    "bias": [
        "BABE is US political news (2017–2020) from 11 outlets, two of them with under 10 sentences; bias is "
        "in its annotators' sense (loaded wording), not the outlet's lean.",
        "C is chosen on all outlets' out-of-fold scores; `byline eval bias` reuses it inside its outlet folds.",
    ],
}


def write_model_card(out: Path, facts: dict[str, Any]) -> Path:
    """MODEL_CARD.md beside the model: data, licence, split, CV and dev figures, calibration, size, speed."""
    cv = facts["cv"]
    task = facts["task"]
    folds = f"{cv['folds']} folds by outlet" if task == "bias" else f"{cv['folds']} stratified folds (seed {SEED})"
    lines = [
        f"# byline {task} model",
        "",
        f"A linear (logistic regression) sentence classifier over features read from spaCy tokens "
        f"({facts['feature_set']}), Platt-calibrated on out-of-fold scores. Read time needs no scikit-learn."
        + (
            " The e-features are the sentence's vector from byline's static word-piece vectors "
            "(`slant/models/embeddings`, distilled from all-MiniLM-L6-v2, Apache-2.0)."
            if " e" in facts["feature_set"]
            else ""
        ),
        "",
        "## Data and licence",
        "",
        f"- Training data: `{facts['data']}` ({facts['n_train']} sentences)"
        + (
            f"; extra: `{facts['extra_data']}` ({facts['n_extra']} sentences at weight {facts['extra_weight']}, "
            "never scored)"
            if facts.get("extra_data")
            else ""
        ),
        f"- Licence: {LICENCES[task]}",
        "- Only learned weights ship (feature name → weight); no sentence of the data is in the model.",
        "",
        "## How it was chosen (cross-validation on the training data only)",
        "",
        f"- Split: {folds}; C chosen from {cv['c_grid']} (out-of-fold macro-F1) → C = {cv['c']}.",
        f"- Threshold {facts['threshold']} on the calibrated probability: the best out-of-fold macro-F1.",
        f"- Out-of-fold macro-F1 {cv['macro_f1']} (at 0.5: {cv['macro_f1_at_0.5']}), n = {cv['n']}.",
        f"- Calibration: Platt scaling on the out-of-fold scores; out-of-fold ECE (10 bins) {cv['ece']}.",
    ]
    if task == "bias":
        lines.append("- Outlet folds: the held-out outlet is never seen in training, so outlet identity cannot help.")
    if "dev" in facts:
        dev = facts["dev"]
        lines += [
            "",
            "## Held-out figures",
            "",
            f"- `{dev['data']}` (scored once, never used for a choice): macro-F1 {dev['macro_f1']}, "
            f"ECE {dev['ece']}, n = {dev['n']}.",
        ]
    lines += ["", "## Known limits", ""] + [f"- {limit}" for limit in LIMITS[task]]
    lines += [
        "",
        "## Size and speed",
        "",
        f"- {facts['n_features']} weights, `model.json` {facts['model_bytes']:,} bytes.",
        f"- Features and score: {facts['us_per_sentence']} µs per sentence from a parsed doc (no parse counted).",
        f"- Training: {facts['train_seconds']} s on the CPU (parse included), seed {SEED}.",
        "",
        "## Retrain",
        "",
        f"`byline train {task}` (defaults read ../shared/data), reproducible with the fixed seed.",
        "",
    ]
    path = out / "MODEL_CARD.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
