"""Scoring source categories and genders against a hand-labelled sample (``byline eval sources``).

The items file holds one speaker mention per line (``item, article_id, outlet, text, mention, start, end,
half``); the gold file one label per item (``item, category, gender, basis, referent, note``), gender being
``female``, ``male``, ``unknown`` (a person, or people, of unknown gender) or ``n/a`` (not a person). Each
item's text is read with the ``sources`` stage; the attribution whose source span is the mention (else the
one that overlaps it most) is the prediction; an item no attribution matches is predicted ``unknown``.

Per field: **precision** (of the predictions that are not ``unknown``, the share that match gold),
**coverage** (the share of items with a prediction that is not ``unknown``) and **accuracy** (the share
matching gold, ``unknown`` included). Gender is scored over the items gold says are persons (``female``,
``male``, ``unknown``), where a prediction is made when it says ``female`` or ``male``; ``gender_all`` is
the accuracy over every item with gold ``n/a`` and byline's None counted as agreeing. Only the items of the
half asked for are read, from either file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.errors import BylineError
from byline.reading import Article, Attribution, Reading

PERSON_GENDERS = ("female", "male", "unknown")


@dataclass(frozen=True)
class Item:
    item: str
    article_id: str
    outlet: str | None
    text: str
    start: int
    end: int
    half: str | None


@dataclass(frozen=True)
class Predicted:
    category: str
    gender: str | None
    evidence: dict[str, str]
    matched: bool


def _jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    if not path.is_file():
        raise BylineError("not_found", str(path))
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise BylineError("malformed", f"{path}:{number}", detail=str(exc)) from None
            if not isinstance(record, dict) or "item" not in record:
                raise BylineError("malformed", f"{path}:{number}", detail="no 'item' field")
            yield number, record


def load_items(path: Path, half: str | None = None) -> list[Item]:
    """The items of one half (all with None), in file order."""
    items = []
    for number, record in _jsonl(path):
        if half is not None and record.get("half") != half:
            continue
        try:
            items.append(
                Item(
                    str(record["item"]), str(record["article_id"]), record.get("outlet"), record["text"],
                    int(record["start"]), int(record["end"]), record.get("half"),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise BylineError("malformed", f"{path}:{number}", detail=f"not an item: {exc}") from None
    return items


def load_gold(path: Path, items: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Gold labels of the given items only (the others' lines are skipped unread)."""
    wanted = set(items)
    return {str(record["item"]): record for _, record in _jsonl(path) if str(record["item"]) in wanted}


def matching_attribution(reading: Reading, start: int, end: int) -> Attribution | None:
    """The attribution whose source span is ``[start, end)``, else the one whose source span overlaps it
    most."""
    best, best_overlap = None, 0
    for attribution in reading.attributions:
        span = attribution.source.span
        if span is None:
            continue
        if span.start == start and span.end == end:
            return attribution
        overlap = min(span.end, end) - max(span.start, start)
        if overlap > best_overlap:
            best, best_overlap = attribution, overlap
    return best


def predict(reader: Any, items: Sequence[Item]) -> dict[str, Predicted]:
    """Each item's predicted category and gender (each article read once)."""
    readings: dict[str, Reading] = {}
    predicted = {}
    for item in items:
        key = f"{item.article_id}\n{hash(item.text)}"
        if key not in readings:
            readings[key] = reader.read(Article(id=item.article_id, text=item.text, outlet=item.outlet))
        attribution = matching_attribution(readings[key], item.start, item.end)
        if attribution is None:
            predicted[item.item] = Predicted("unknown", None, {}, False)
            continue
        source = attribution.source
        predicted[item.item] = Predicted(source.category or "unknown", source.gender, dict(source.evidence), True)
    return predicted


def _field_scores(pairs: Sequence[tuple[str, str]], made: Iterable[str]) -> dict[str, Any]:
    """precision, coverage, accuracy of (predicted, gold) pairs; a prediction counts as made when in ``made``."""
    made = set(made)
    n = len(pairs)
    predictions = [(p, g) for p, g in pairs if p in made]
    right = sum(p == g for p, g in predictions)
    return {
        "n": n,
        "predicted": len(predictions),
        "precision": round(right / len(predictions), 4) if predictions else None,
        "coverage": round(len(predictions) / n, 4) if n else None,
        "accuracy": round(sum(p == g for p, g in pairs) / n, 4) if n else None,
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def score(items: Sequence[Item], gold: dict[str, dict[str, Any]], predicted: dict[str, Predicted]) -> dict[str, Any]:
    """The scores of predictions against gold, with confusion counts and each item's outcome."""
    labelled = [item for item in items if item.item in gold]
    categories = [(predicted[i.item].category, str(gold[i.item].get("category"))) for i in labelled]
    all_categories = {p for p, _ in categories} | {g for _, g in categories}
    category = _field_scores(categories, all_categories - {"unknown"})
    persons = [i for i in labelled if gold[i.item].get("gender") in PERSON_GENDERS]
    genders = [(predicted[i.item].gender or "n/a", str(gold[i.item]["gender"])) for i in persons]
    gender = _field_scores(genders, {"female", "male"})
    every = [(predicted[i.item].gender or "n/a", str(gold[i.item].get("gender"))) for i in labelled]
    per_category = {}
    for name in sorted(all_categories):
        predicted_as = sum(p == name for p, _ in categories)
        in_gold = sum(g == name for _, g in categories)
        right = sum(p == g == name for p, g in categories)
        per_category[name] = {
            "gold": in_gold,
            "predicted": predicted_as,
            "precision": round(right / predicted_as, 4) if predicted_as else None,
            "recall": round(right / in_gold, 4) if in_gold else None,
        }
    return {
        "n_items": len(items),
        "n_labelled": len(labelled),
        "n_matched": sum(predicted[i.item].matched for i in labelled),
        "category": category,
        "gender": gender,
        "gender_all": {"n": len(every), "accuracy": _share(sum(p == g for p, g in every), len(every))},
        "per_category": per_category,
        "category_confusion": {f"{p} <- {g}": n for (p, g), n in sorted(Counter(categories).items()) if p != g},
        "gender_confusion": {f"{p} <- {g}": n for (p, g), n in sorted(Counter(genders).items()) if p != g},
        "items": [
            {
                "item": i.item,
                "category": predicted[i.item].category,
                "gold_category": gold[i.item].get("category"),
                "gender": predicted[i.item].gender,
                "gold_gender": gold[i.item].get("gender"),
                "evidence": predicted[i.item].evidence,
            }
            for i in labelled
        ],
    }


def sources_reader(model: str | None = None) -> Any:
    """A Reader that keeps every attribution (the profile is scored, not detection) and runs ``sources``."""
    from byline.pipeline import DEFAULT_STAGES, Reader
    from byline.settings import Settings, default_model

    stages = DEFAULT_STAGES if "sources" in DEFAULT_STAGES else (*DEFAULT_STAGES, "sources")
    import byline.attribution.source_profile  # noqa: F401  (registers "sources" where the pipeline does not)

    return Reader(Settings(model=model or default_model(), min_confidence=0.0), stages=stages)


def evaluate_sources(
    gold_path: Path, items_path: Path, half: str | None = "dev", reader: Any = None
) -> dict[str, Any]:
    """Score ``sources`` on the items of one half (``None``: all) that gold labels."""
    items = load_items(items_path, half)
    gold = load_gold(gold_path, (i.item for i in items))
    labelled = [item for item in items if item.item in gold]
    predicted = predict(reader or sources_reader(), labelled)
    scores = score(items, gold, predicted)
    scores["half"] = half or "all"
    return scores


def render_scores(scores: dict[str, Any]) -> str:
    """The scores as a few lines of text."""

    def share(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"

    lines = [
        f"items {scores['n_items']} ({scores['half']})  labelled {scores['n_labelled']}  "
        f"matched to an attribution {scores['n_matched']}"
    ]
    for name in ("category", "gender"):
        s = scores[name]
        lines.append(
            f"{name:<9} precision {share(s['precision'])}  coverage {share(s['coverage'])}  "
            f"accuracy {share(s['accuracy'])}  (of {s['n']}; {s['predicted']} predicted)"
        )
    lines.append(f"gender over every item (n/a = None)  accuracy {share(scores['gender_all']['accuracy'])}")
    lines.append("per category  gold  predicted  precision  recall")
    for name, s in scores["per_category"].items():
        lines.append(
            f"  {name:<11} {s['gold']:>4}  {s['predicted']:>9}  {share(s['precision']):>9}  {share(s['recall']):>6}"
        )
    return "\n".join(lines)
