"""Training the attribution models from PolNeAR train: cue perceptron, CRF span tagger, content ranker.

What they learn: (a) which tokens head an attribution cue (PolNeAR counts speech, writing, belief and
stance verbs, "according to", noun and colon cues); (b) which children of a cue head PolNeAR keeps in
the cue span ("has said", "also said", "pointed out"); (c) a linear-chain CRF (python-crfsuite) that tags
each paragraph BIO for source, cue and content over parse features, the perceptron's scores and the
rule detector's spans; (d) a content ranker (an averaged perceptron) that picks each content among
the detectors' readings, learnt out of fold (a tagger fitted on each half reads the other half). Only
feature weights and counts are written (no text). Deterministic (seeded perceptrons, L-BFGS for the
CRF), about ten minutes on 2 cores.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from byline.attribution.content_ranker import (
    RANKER_FILE,
    ContentRanker,
    candidate_options,
    options_features,
    readings_by_cue,
    train_ranker,
)
from byline.attribution.cue_scoring import CueModel, cue_features, cue_scores
from byline.attribution.detection_words import CANDIDATE_POS, MODEL_FILE
from byline.attribution.model import overlaps
from byline.attribution.polnear import GoldDoc, load_polnear
from byline.attribution.tagger import (
    TAGGER_FILE,
    candidate_roles,
    paragraphs,
    role_tags,
    sentence_ids,
    token_features,
)
from byline.nlp.quotes import find_quotes, quote_index
from byline.nlp.text import doc_text

EPOCHS = 6
MIN_CHILD_COUNT = 3
WEIGHT_EPSILON = 1e-3
# CRF settings chosen on train articles 700-839 with the tagger fitted on 0-699: L1 prunes the features
# (the model file stays under 5 MB), features seen fewer than 3 times are dropped.
CRF_PARAMS = {"c1": 1.0, "c2": 0.01, "max_iterations": 200, "feature.minfreq": 3, "feature.possible_transitions": True}


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
    in_quote = quote_index(doc, find_quotes(doc_text(doc)))
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


def tagger_sequences(doc: Doc, gold: GoldDoc, model: CueModel) -> list[tuple[list[list[str]], list[str]]]:
    """(token features, gold BIO tags) for each paragraph of one document."""
    from byline.attribution.detect import detect

    quotes = find_quotes(doc_text(doc))
    in_quote = quote_index(doc, quotes)
    scores = cue_scores(doc, in_quote, model)
    rule_roles = candidate_roles(detect(doc, model, tagger=None))
    gold_roles = [{"source": a.source, "cue": a.cue, "content": a.content} for a in gold.attributions]
    sentence_of = sentence_ids(doc)
    return [
        (token_features(p, scores, in_quote, role_tags(p, rule_roles), sentence_of), role_tags(p, gold_roles))
        for p in paragraphs(doc)
    ]


def fit_tagger(pairs: Sequence[tuple[Doc, GoldDoc]], model: CueModel, path: Path) -> Path:
    """Train the CRF span tagger on parsed documents and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for doc, gold in pairs:
        for features, tags in tagger_sequences(doc, gold, model):
            trainer.append(features, tags)
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(path))
    return path


def ranker_examples(doc: Doc, gold: GoldDoc, model: CueModel, tagger: Any) -> list[tuple[list[list[str]], int]]:
    """(features of each content option, index of the gold one) for every detected candidate whose cue
    meets a gold cue and whose options include the gold content."""
    from byline.attribution.detect import detect_readings
    from byline.attribution.eval import normalise

    found = detect_readings(doc, model, tagger)
    text = doc_text(doc)
    examples = []
    tagged, rules = readings_by_cue(found.tagged), readings_by_cue(found.rules)
    for candidate in found.candidates:
        cue = candidate.cue
        match = next((a for a in gold.attributions if a.cue and overlaps(cue, (a.cue[0][0], a.cue[-1][1]))), None)
        if match is None:
            continue
        options = candidate_options(doc, candidate, tagged, rules)
        right = next(
            (k for k, o in enumerate(options) if normalise(text, o.pieces) == normalise(text, match.content)), None
        )
        if len(options) > 1 and right is not None:
            examples.append((options_features(doc, cue, options), right))
    return examples


def fit_content_ranker(
    pairs: Sequence[tuple[Doc, GoldDoc]], model: CueModel, work_dir: Path, seed: int = 0
) -> ContentRanker:
    """A content ranker learnt out of fold: the tagger is fitted on each half of the articles and reads the
    other half, so that its readings are as good as they are on text it has not seen."""
    import pycrfsuite

    half = len(pairs) // 2
    examples: list[tuple[list[list[str]], int]] = []
    for number, (fit_on, read) in enumerate(((pairs[:half], pairs[half:]), (pairs[half:], pairs[:half]))):
        if not fit_on or not read:
            continue
        path = fit_tagger(fit_on, model, Path(work_dir) / f"fold-{number}.crfsuite")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        for doc, gold in read:
            examples += ranker_examples(doc, gold, model, tagger)
        tagger.close()
        path.unlink()
    return train_ranker(examples, seed=seed)


def _parse(gold_docs: list[GoldDoc]) -> list[Doc]:
    from byline.nlp import load_pipeline

    return list(load_pipeline().pipe((g.text for g in gold_docs), batch_size=16))


def _score(model: CueModel, tagger: Any, ranker: ContentRanker, gold: list[GoldDoc], docs: list[Doc]) -> dict[str, Any]:
    from byline.attribution.detect import detect
    from byline.attribution.eval import candidates_to_attributions, score_attributions

    predicted = {
        g.doc_id: candidates_to_attributions(detect(d, model, tagger, ranker), g.text)
        for g, d in zip(gold, docs, strict=True)
    }
    return score_attributions(gold, predicted)


def train_attribution(
    train_path: Path, out_dir: Path, seed: int = 0, dev_path: Path | None = None, holdout_from: int | None = None
) -> dict[str, Any]:
    """Train the cue model and the span tagger on a PolNeAR JSONL file; write ``model.json``,
    ``tagger.crfsuite`` and ``MODEL_CARD.md``.

    With ``dev_path``, the written model is also scored there (reported in the card, never used to tune).
    With ``holdout_from`` N, only the train articles before N are fitted and the rest are scored: the
    split on which byline's design choices are made.
    """
    import pycrfsuite

    gold = load_polnear(train_path)
    docs = _parse(gold)
    held_gold, held_docs = (gold[holdout_from:], docs[holdout_from:]) if holdout_from else ([], [])
    if holdout_from:
        gold, docs = gold[:holdout_from], docs[:holdout_from]
    pairs = list(zip(docs, gold, strict=True))
    model = fit_cue_model(pairs, seed=seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_FILE).write_text(json.dumps(model.to_json(), sort_keys=True), encoding="utf-8")
    ranker = fit_content_ranker(pairs, model, out_dir, seed=seed)
    (out_dir / RANKER_FILE).write_text(json.dumps(ranker.to_json(), sort_keys=True), encoding="utf-8")
    tagger_path = fit_tagger(pairs, model, out_dir / TAGGER_FILE)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tagger_path))
    summary: dict[str, Any] = {
        "model": str(out_dir / MODEL_FILE),
        "tagger": str(tagger_path),
        "tagger_bytes": tagger_path.stat().st_size,
        "tagger_features": len(tagger.info().state_features),
        "features": len(model.weights),
        "ranker_features": len(ranker.weights),
        "train_docs": len(gold),
        "train_path": str(train_path),
        "seed": seed,
        "epochs": EPOCHS,
    }
    if held_gold:
        summary["holdout"] = _score(model, tagger, ranker, held_gold, held_docs)
        summary["holdout_docs"] = f"{holdout_from}-{holdout_from + len(held_gold) - 1}"
    if dev_path is not None:
        dev_gold = load_polnear(dev_path)
        summary["dev"] = _score(model, tagger, ranker, dev_gold, _parse(dev_gold))
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
    fields = {
        "dev_path": "<polnear>/json/dev.jsonl",
        "tagger_features": "?",
        "tagger_bytes": "?",
        "ranker_features": "?",
        **summary,
    }
    return CARD_TEMPLATE.format(metrics=metrics, **{k: v for k, v in fields.items() if k != "dev"})


CARD_TEMPLATE = """# cue_perceptron: attribution cue model, span tagger and content ranker

What it is: three models over the spaCy parse, all trained by byline/attribution/train.py.

- `model.json`: an averaged binary perceptron that scores each token as the head of an attribution
  cue, plus a table of how often PolNeAR keeps each kind of child of a cue head inside the cue span.
  {features} features, seed {seed}, {epochs} epochs, pure Python.
- `tagger.crfsuite`: a linear-chain CRF (python-crfsuite, L-BFGS, c1 1.0, c2 0.01, 200 iterations,
  features seen at least 3 times; {tagger_features} state features kept, {tagger_bytes} bytes) that tags each
  paragraph's tokens BIO for source, cue and content. Its features: word, lemma, tag, dependency, head
  lemma and dependency, named-entity type, capitalisation, sentence edges, neighbouring words, the
  perceptron's score of the token and of its nearest cue ancestor (with the dependency it hangs by),
  the distance to the nearest likely cue, the quotation state, and the spans of the rule candidates.
- `content_ranker.json`: an averaged perceptron ({ranker_features} features, 8 epochs) that picks each
  detected attribution's content among the tagger's reading, the rules' reading, the merged one and
  two changes of them (run on to the sentence's end; without a leading "that"), from the edges of each
  option. It is learnt out of fold: the tagger is fitted on each half of the training articles and
  reads the other half, so that the ranker sees the tagger's readings as they are on unseen text.

detect.py keeps every tagged candidate (completing its source, negation and evidence from the rule
candidate on the same cue) and the rule candidates whose cue the tagger did not tag; without the CRF
file (or without python-crfsuite) it uses the rules and the perceptron alone, without `model.json` the
lexicon rules alone; without `content_ranker.json` the merged contents stay as they are. Training
takes about 15 minutes on 2 cores (the spaCy parse, three CRF fits: two halves for the ranker, one
whole).

## Data and licence

- Trained on **PolNeAR train** ({train_docs} articles, first annotator of each; Newell, Margolin &
  Ruths, LREC 2018; networkdynamics/PolNeAR @ c3eee83). The repository has **no licence file** and
  the news texts are © their publishers. Only feature weights and counts ship here: feature names
  are parse labels, lemmas and single neighbouring words, never sentences or passages of the texts.
- Design choices (features, CRF settings, how tagged and rule candidates combine, the ranker's
  options and features) were made on train alone: fitted on train articles 0-699, checked on train
  articles 700-839. Dev was scored after each retraining, to report, never to choose.

## Reproduce

    byline train attribution --data {train_path} --out byline/attribution/models/cue_perceptron \\
      --dev {dev_path} --seed {seed}

## How the tagger was chosen (train articles 700-839, both models fitted on 0-699)

Exact F1 source / cue / content: rules and perceptron alone 0.720 / 0.680 / 0.545 (overlap 0.741 /
0.728 / 0.690, speaker accuracy 0.859); with the tagger as shipped 0.749 / 0.705 / 0.580 (overlap
0.767 / 0.751 / 0.743, speaker accuracy 0.850). The tagger's candidates alone scored 0.721 / 0.687 /
0.577, below the combination; c1 0.1 (9 MB) and c1 2.0 scored lower, 200 iterations above 100.
The content ranker moved content exact F1 from 0.576 to 0.591 there (overlap 0.738 to 0.740); letting
it also cut contents at inner commas scored lower (0.588, overlap 0.735), and so did adding the
tagger's per-token content probabilities to its features (0.587). Those figures come from session
scripts; `byline train attribution --data …/train.jsonl --out DIR --holdout-from 700` on the shipped
code gives exact 0.746 / 0.708 / 0.589, overlap 0.764 / 0.753 / 0.738, speaker accuracy 0.854.

## Metrics on PolNeAR dev (detection only, sources as written)

Scorer: byline/attribution/eval.py (document-level role matching; exact = identical pieces,
overlap = token overlap of at least half the longer span). Not directly comparable with the published
sentence-level figures on PolNeAR test (CofeNet exact F1 source 83.2, cue 75.3, content 72.9).

{metrics}

## Limits

PolNeAR counts beliefs, stances and many idiomatic predicates as attributions; the long tail of such
cues is where recall is lost. PolNeAR annotates one layer only, so a report nested inside another
(which byline keeps, for chains) counts as a false positive there. The tagger pairs sources and
contents with the nearest cue of their paragraph, so a content running over paragraphs comes from the
rules, or from the tagger only as a quote that reopens in the next paragraph.
"""
