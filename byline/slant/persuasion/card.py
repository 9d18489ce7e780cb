"""The persuasion model's card, written by ``byline train persuasion`` beside the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CARD = "MODEL_CARD.md"


def _technique_table(per: dict[str, dict[str, Any]]) -> str:
    rows = ["| technique | gold paragraphs | predicted | F1 |", "|---|---:|---:|---:|"]
    for name, v in sorted(per.items(), key=lambda kv: -kv[1]["gold"]):
        rows.append(f"| {name} | {v['gold']} | {v['predicted']} | {v['f1']:.3f} |")
    return "\n".join(rows)


def _calibration_table(calibration: dict[str, Any]) -> str:
    rows = ["| probability | units × techniques | mean predicted | observed |", "|---|---:|---:|---:|"]
    rows += [f"| {b['bin']} | {b['n']} | {b['mean_p']:.3f} | {b['observed']:.3f} |" for b in calibration["bins"]]
    return "\n".join(rows)


def _cuts(report: dict[str, Any]) -> str:
    return "; ".join(f"{t} ≥ {c} (F1 {report['word_f1'].get(t, 0.0):.3f})" for t, c in report["run_logits"].items())


def card_text(report: dict[str, Any]) -> str:
    cv, speed, data, cfg = report["cv"], report["speed"], report["data"], report["config"]
    return f"""# persuasion: spans of persuasion techniques (SemEval-2023 Task 3 taxonomy), with their owners

What it is: `{report["model_file"]}`, read by `byline/slant/persuasion/model.py` with numpy over the spaCy
parse (no scikit-learn at read time). Trained by `byline train persuasion` (`byline/slant/persuasion/build.py`).

- **Token taggers** ({len(report["token_techniques"])} techniques: {", ".join(report["token_techniques"])}): for each
  content word (noun, verb, adjective, adverb, proper noun, interjection, number; not a stop word), a logistic
  model (SGD, log loss, averaged, alpha {cfg["token_alpha"]}, {cfg["token_epochs"]} epochs) over hashed features:
  the word, its lemma and part of speech, the words before and after, the two bigrams, part of speech with
  dependency, the part-of-speech trigram, suffix with part of speech, shape. Trained on the words inside gold
  spans (function words inside spans are not trained on).
- **Unit models** ({len(report["techniques"])} techniques): a unit is a spaCy sentence cut at line breaks; a
  logistic model (liblinear, C {cfg["unit_c"]}) per technique over its distinct words and lemma bigrams and 16
  dense features (length, ?, !, quotes, capitals, title, position, we/you, repetition across the article, shares
  of proper nouns, adjectives, numbers).
- **Calibration**: per technique, a logistic map of (the unit's best token score, the unit score) to a
  probability, fitted on scores out of fold. A unit holds a technique at probability ≥ **{report["threshold"]}**
  (the best paragraph micro-F1 out of fold). Word-level techniques (loaded language, name calling, exaggeration,
  repetition) are runs of content words scoring over a cut around the unit's best word (logit; the cut with the
  best word-level F1 out of fold in the units that hold the technique, a span's words against the content words
  of the gold spans: {_cuts(report)}); the other techniques span the unit.
- {report["features"]["token"]} token and {report["features"]["unit"]} unit features (64-bit hashes of spaCy
  string ids, no words), weights int8 with a float scale per technique: {report["model_bytes"]} bytes.

## Data and licences

- **SemEval-2023 Task 3, English train** (`{data["articles"]}`, spans `{data["labels"]}`): {data["n_articles"]}
  articles (the PTC 2020 train and dev articles, re-annotated with the 23 techniques). The articles are © their
  publishers, distributed by the task for research; the shared copy carries no licence file. PTC 2020 labels
  ({data["ptc_labels"] or "not used"}) are the same articles: their names map onto the 23 (`techniques.py`),
  and an article already in the SemEval data is never counted twice.
- **BABE** (`{data["babe"] or "not used"}`, Spinde et al. 2021; {data["n_babe_sentences"]} sentences): words
  annotators marked as biased, as extra positive words for the loaded-language tagger (weight
  {cfg["extra_weight"]}). No licence file in the shared copy.
- No lexicon is used (MPQA is GPL); no word list or text ships, only hashed keys and weights.

## Metrics (cross-validated, folds by article)

{cv["folds"]} folds by article (seed {cv["seed"]}), on the paragraph triples of the SemEval-2023 subtask-3
scorer. Each fold is scored by models fitted on the other folds; its calibration and threshold are fitted on
the other folds' out-of-fold scores (thresholds {cv["thresholds"]}), so no fold's labels choose its own figures.

**micro-F1 {cv["micro_f1"]:.4f}, macro-F1 {cv["macro_f1"]:.4f}** over {cv["n_paragraphs"]} paragraphs
(macro over the techniques in the gold or the predictions).

{_technique_table(cv["per_technique"])}

Choices made by this cross-validation (seed 0; micro-F1, compared at unit C 0.1 with taggers for techniques with
at least 150 gold units unless said): token taggers with suffix and shape features over the plain word features
(the loaded-language tagger alone: paragraph F1 0.523 → 0.540), trained on content words only (→ 0.549), with
BABE's words (0.4029 without, 0.4112 with); unit C 0.3 (0.1: 0.4112, 1.0: 0.4144 but slower); taggers for techniques
with at least 50 gold units (150: 0.4137, 400: 0.4057; macro-F1 0.185 → 0.193); SGD alpha 1e-6 (5e-7: 0.4047,
2e-6: 0.4079); features seen at least twice (three times: 0.4073). Tried and left out: spaCy's tok2vec tensor
pooled per unit (no gain, and absent from long articles parsed in chunks); head-word and quotation features
for the taggers (−0.5 to +0.4 on loaded language); stacking with article-level means, neighbouring units,
the paragraph's other units or an any-technique tagger (≤ +0.003 micro-F1); calibrating per paragraph
(+0.001). The shipped model scores 0.82 micro-F1 on its own training paragraphs: the figure above, out of
fold, is the one to quote.

## Calibration

Unit probabilities out of fold against the gold units (every unit × technique), ECE
{report["calibration"]["ece"]}:

{_calibration_table(report["calibration"])}

## Speed and training

- On a {speed["words"]}-word article ({speed["tokens"]} tokens): parse {speed["parse_s"]} s, the model's
  features, scores and spans {speed["find_s"]} s: **{100 * speed["share_of_parse"]:.2f}% of the parse**.
- Training: {report["train_seconds"]} s on the CPU after {report["parse_seconds"]} s of parsing
  ({cv["folds"]} cross-validation fits and the final one).

## Reproduce

    byline train persuasion --seed {cfg["seed"]} --folds {cfg["folds"]}

(defaults: the shared data's `slant/semeval2023_en` and `slant/babe/babe_SG2.jsonl`). Config:
`{json.dumps(cfg)}`.
"""


def write_card(directory: Path, report: dict[str, Any]) -> Path:
    path = directory / CARD
    path.write_text(card_text(report), encoding="utf-8")
    return path
