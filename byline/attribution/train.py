"""Training the cue model: an averaged perceptron over parse features, from PolNeAR train.

What it learns: (a) which tokens head an attribution cue (PolNeAR counts speech, writing, belief and
stance verbs, "according to", noun and colon cues); (b) which children of a cue head PolNeAR keeps in
the cue span ("has said", "also said", "pointed out"). Source and content spans stay rule-based.
Only feature weights and counts are written (no text). Pure Python, seeded, a few minutes on 2 cores.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from byline.attribution.detect import (
    CANDIDATE_POS,
    MODEL_FILE,
    CueModel,
    _quote_index,
    cue_features,
    find_quotes,
)
from byline.attribution.polnear import GoldDoc, load_polnear

EPOCHS = 6
MIN_CHILD_COUNT = 3
WEIGHT_EPSILON = 1e-3


def gold_cue_heads(doc: Doc, gold: GoldDoc) -> set[int]:
    """Token indices of the syntactic heads of the gold cue spans."""
    heads = set()
    for attribution in gold.attributions:
        indices: set[int] = set()
        for start, end in attribution.cue:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                indices.update(range(span.start, span.end))
        top = [i for i in sorted(indices) if doc[i].head.i not in indices or doc[i].head.i == i]
        if top:
            heads.add(top[0])
    return heads


def cue_examples(doc: Doc, gold: GoldDoc) -> list[tuple[list[str], bool]]:
    """(features, is-cue-head) for every candidate token of one document."""
    heads = gold_cue_heads(doc, gold)
    in_quote = _quote_index(doc, find_quotes(doc.text))
    return [
        (cue_features(token, in_quote[token.i] >= 0), token.i in heads) for token in doc if token.pos_ in CANDIDATE_POS
    ]


def cue_child_shares(pairs: Iterable[tuple[Doc, GoldDoc]]) -> dict[str, float]:
    """For each "dep|word" child of a gold cue head (and "dep|*"), the share kept inside the cue span."""
    kept: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for doc, gold in pairs:
        for attribution in gold.attributions:
            inside: set[int] = set()
            for start, end in attribution.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    inside.update(range(span.start, span.end))
            top = [i for i in sorted(inside) if doc[i].head.i not in inside or doc[i].head.i == i]
            if not top:
                continue
            for child in doc[top[0]].children:
                for key in (f"{child.dep_}|{child.lower_}", f"{child.dep_}|*"):
                    seen[key] += 1
                    kept[key] += child.i in inside
    return {key: round(kept[key] / n, 3) for key, n in seen.items() if n >= MIN_CHILD_COUNT}


def train_perceptron(examples: Sequence[tuple[list[str], bool]], seed: int = 0, epochs: int = EPOCHS) -> CueModel:
    """An averaged binary perceptron (labels +1/-1), examples shuffled by ``seed`` each epoch."""
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    stamps: dict[str, int] = defaultdict(int)
    bias = bias_total = 0.0
    bias_stamp = 0
    step = 0
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            features, label = examples[index]
            step += 1
            score = bias + sum(weights.get(f, 0.0) for f in features)
            truth = 1.0 if label else -1.0
            if score * truth > 0:
                continue
            for f in features:
                totals[f] += (step - stamps[f]) * weights[f]
                stamps[f] = step
                weights[f] += truth
            bias_total += (step - bias_stamp) * bias
            bias_stamp = step
            bias += truth
    averaged = {}
    for f, w in weights.items():
        total = totals[f] + (step - stamps[f]) * w
        value = total / step
        if abs(value) >= WEIGHT_EPSILON:
            averaged[f] = round(value, 4)
    bias_avg = (bias_total + (step - bias_stamp) * bias) / step if step else 0.0
    return CueModel(weights=averaged, bias=round(bias_avg, 4))


def fit_cue_model(pairs: Sequence[tuple[Doc, GoldDoc]], seed: int = 0, epochs: int = EPOCHS) -> CueModel:
    """A cue model from parsed documents and their gold annotations."""
    examples = [example for doc, gold in pairs for example in cue_examples(doc, gold)]
    model = train_perceptron(examples, seed=seed, epochs=epochs)
    model.cue_children = cue_child_shares(pairs)
    return model


def _parse(gold_docs: list[GoldDoc]) -> list[Doc]:
    from byline.nlp import load_pipeline

    return list(load_pipeline().pipe((g.text for g in gold_docs), batch_size=16))


def train_attribution(train_path: Path, out_dir: Path, seed: int = 0, dev_path: Path | None = None) -> dict[str, Any]:
    """Train the cue model on a PolNeAR JSONL file and write ``model.json`` and ``MODEL_CARD.md``.

    With ``dev_path``, the written model is also scored there (reported in the card, never used to tune).
    """
    from byline.attribution.detect import detect
    from byline.attribution.eval import candidates_to_attributions, score_attributions

    gold = load_polnear(train_path)
    docs = _parse(gold)
    model = fit_cue_model(list(zip(docs, gold, strict=True)), seed=seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_FILE).write_text(json.dumps(model.to_json(), sort_keys=True), encoding="utf-8")
    summary: dict[str, Any] = {
        "model": str(out_dir / MODEL_FILE),
        "features": len(model.weights),
        "train_docs": len(gold),
        "train_path": str(train_path),
        "seed": seed,
        "epochs": EPOCHS,
    }
    if dev_path is not None:
        dev_gold = load_polnear(dev_path)
        dev_docs = _parse(dev_gold)
        predicted = {
            g.doc_id: candidates_to_attributions(detect(d, model), g.text)
            for g, d in zip(dev_gold, dev_docs, strict=True)
        }
        summary["dev"] = score_attributions(dev_gold, predicted)
        summary["dev_path"] = str(dev_path)
    (out_dir / "MODEL_CARD.md").write_text(model_card(summary), encoding="utf-8")
    return summary


def _metrics_table(scores: dict[str, Any]) -> str:
    rows = ["| | source P/R/F1 | cue P/R/F1 | content P/R/F1 |", "|---|---|---|---|"]
    for kind in ("exact", "overlap"):
        cells = [
            "{p:.3f} / {r:.3f} / **{f1:.3f}**".format(**scores[kind][role]) for role in ("source", "cue", "content")
        ]
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    rows.append(
        f"\nspeaker accuracy {scores['speaker_accuracy']:.3f}; {scores['n_gold']} gold, {scores['n_pred']} predicted."
    )
    return "\n".join(rows)


def model_card(summary: dict[str, Any]) -> str:
    """The MODEL_CARD.md text for a trained cue model."""
    dev = summary.get("dev")
    metrics = (
        _metrics_table(dev)
        if dev
        else "Not scored at training time (pass a dev file to `train_attribution` to fill this in)."
    )
    fields = {"dev_path": "<polnear>/json/dev.jsonl", **summary}
    return CARD_TEMPLATE.format(metrics=metrics, **{k: v for k, v in fields.items() if k != "dev"})


CARD_TEMPLATE = """# cue_perceptron: attribution cue model

What it is: an averaged binary perceptron (byline/attribution/train.py) that scores each token of a
spaCy parse as the head of an attribution cue, plus a table of how often PolNeAR keeps each kind of
child of a cue head inside the cue span. Source and content spans are found by the rules in
detect.py. {features} features, seed {seed}, {epochs} epochs; pure Python, a few minutes on 2 cores
(most of it is the spaCy parse of the training texts).

## Data and licence

- Trained on **PolNeAR train** ({train_docs} articles, first annotator of each; Newell, Margolin &
  Ruths, LREC 2018; networkdynamics/PolNeAR @ c3eee83). The repository has **no licence file** and
  the news texts are © their publishers. Only feature weights and counts ship here: feature names
  are parse labels, lemmas and single neighbouring words, never sentences or passages of the texts.
- Design choices (features, epochs, span rules) were made on train alone: fitted on train articles
  0-699, checked on train articles 700-839. Dev was scored once, at the end.

## Reproduce

    .venv/bin/python -c "from pathlib import Path; from byline.attribution.train import train_attribution; \\
      print(train_attribution(Path('{train_path}'), Path('byline/attribution/models/cue_perceptron'), seed={seed}, \\
      dev_path=Path('{dev_path}')))"

## Metrics on PolNeAR dev (detection only, sources as written)

Scorer: byline/attribution/eval.py (document-level role matching; exact = identical pieces,
overlap = token overlap of at least half the longer span). Not directly comparable with the published
sentence-level figures on PolNeAR test (CofeNet exact F1 source 83.2, cue 75.3, content 72.9).

{metrics}

## Limits

PolNeAR counts beliefs, stances and many idiomatic predicates as attributions; the long tail of such
cues is where recall is lost. PolNeAR annotates one layer only, so a report nested inside another
(which byline keeps, for chains) counts as a false positive there.
"""
