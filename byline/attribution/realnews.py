"""The real-news gold set and its scorer: attributions a careful editor would sign, with the right speaker.

The gold (``byline/attribution/gold/realnews.jsonl``) annotates AllSides articles
(``../shared/data/corpora/allsides_baly2020``) by ``docs/attribution-guideline.md``. It keeps ids, offsets
and short span texts only; the article texts are read from ``../shared`` (the scorer says so when absent).
Offsets point into ``article_text(record)``: the title, a blank line, the body as the corpus gives it.

Scoring (``score_realnews``): byline reads each record as a JSONL article would be read (title and body
fields), its spans are mapped back onto the gold text, and each predicted attribution is paired one-to-one
with a gold one whose cue it overlaps or whose content it overlaps by at least half of the longer
(``eval.overlap_ratio``). A pair is **right** when the predicted speaker is the gold speaker
(``same_speaker``). Precision = right / predicted, recall = right / gold. Gold attributions inside the
headline are left out: byline reads the body. Beside these: anonymity recall (gold anonymous attributions
found with the right speaker and marked anonymous), hedge recall (gold hedges on found attributions that the
prediction lists), via accuracy (found pairs whose via points to the prediction paired with the gold via, or
both none), negation accuracy, and the expected calibration error of ``confidence`` against rightness.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from byline.attribution.eval import one_to_one, overlap_ratio, token_set
from byline.attribution.model import CharSpan, overlaps
from byline.errors import BylineError
from byline.reading import Attribution, Reading
from byline.shared_data import shared_data_dir

SHARED_CORPUS = (shared_data_dir() or Path("../shared/data")) / "corpora" / "allsides_baly2020"
GOLD_PATH = Path(__file__).resolve().parent / "gold" / "realnews.jsonl"
CONTENT_MATCH = 0.5
ECE_BINS = 10


def is_realnews_gold(path: Path) -> bool:
    """Whether a JSONL file is real-news gold (records with ``attributions``) rather than PolNeAR."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        first = next((line for line in lines if line.strip()), "")
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and "attributions" in record and "quotes" not in record


def article_text(record: dict) -> str:
    """The text the gold offsets point into: the title, a blank line, the body as the corpus gives it."""
    return f"{record['title'].strip()}\n\n{record['content_original']}"


def locate_span(text: str, value: str, context: str | None = None, where: str = "span") -> int:
    """Start offset of ``value`` in ``text``; ``context`` (a longer stretch holding it) picks one of several."""
    if context:
        at = text.find(context)
        if at < 0:
            raise BylineError("malformed", where, detail=f"context not found in the article: {context[:60]!r}")
        inner = context.find(value)
        if inner < 0:
            raise BylineError("malformed", where, detail=f"{value[:60]!r} is not inside its context")
        return at + inner
    first = text.find(value)
    if first < 0:
        raise BylineError("malformed", where, detail=f"not found in the article: {value[:60]!r}")
    return first


def read_corpus_records(ids: set[str], corpus: Path = SHARED_CORPUS) -> dict[str, dict]:
    """The AllSides records with these ids."""
    path = corpus / "articles.jsonl.gz"
    if not path.is_file():
        raise BylineError("not_found", str(path))
    found = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["ID"] in ids:
                found[record["ID"]] = record
    return found


@dataclass
class GoldAttribution:
    cue: CharSpan | None
    source: CharSpan | None
    content: list[CharSpan]
    speaker: str
    speaker_type: str | None
    anonymous: bool
    via: int | None
    hedges: list[CharSpan] = field(default_factory=list)
    negated: bool = False


@dataclass
class GoldArticle:
    id: str
    split: str
    outlet: str
    attributions: list[GoldAttribution]


def _pair(value: Any) -> CharSpan | None:
    return (int(value[0]), int(value[1])) if value else None


def load_gold(path: Path = GOLD_PATH, split: str | None = None) -> list[GoldArticle]:
    """The gold articles of ``path`` (one JSON object a line), of one split or all."""
    articles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            attributions = [
                GoldAttribution(
                    cue=_pair(a.get("cue")),
                    source=_pair(a.get("source")),
                    content=[p for p in (_pair(c) for c in a.get("content") or []) if p],
                    speaker=a["speaker"],
                    speaker_type=a.get("speaker_type"),
                    anonymous=bool(a.get("anonymous")),
                    via=a.get("via"),
                    hedges=[p for p in (_pair(h) for h in a.get("hedges") or []) if p],
                    negated=bool(a.get("negated")),
                )
                for a in record["attributions"]
            ]
            article = GoldArticle(record["id"], record.get("split", ""), record.get("outlet", ""), attributions)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise BylineError("malformed", f"{path}:{number}", detail=f"not a gold article: {exc}") from None
        if split is None or article.split == split:
            articles.append(article)
    return articles


class OffsetMap:
    """Maps character offsets of byline's article text onto the gold text it was ingested from."""

    def __init__(self, source: str, derived: str) -> None:
        self._blocks = [
            b for b in SequenceMatcher(None, source, derived, autojunk=False).get_matching_blocks() if b.size
        ]

    def span(self, start: int, end: int) -> CharSpan | None:
        """The gold-text span of derived ``[start, end)``, from the first to the last character that maps."""
        first = self._char(start, forward=True, limit=end)
        last = self._char(end - 1, forward=False, limit=start)
        if first is None or last is None or last < first:
            return None
        return first, last + 1

    def _char(self, i: int, forward: bool, limit: int) -> int | None:
        step = 1 if forward else -1
        while (i < limit) if forward else (i >= limit):
            for block in self._blocks:
                if block.b <= i < block.b + block.size:
                    return block.a + i - block.b
            i += step
        return None


STOP_WORDS = frozenset("the a an of and for to in on at 's".split())
TITLES = frozenset(
    """
    mr mrs ms dr sen senator rep representative gov governor president vice secretary former speaker leader
    judge justice attorney general chairman chairwoman chair minister prime director mayor gen lt col sgt
    the u.s us
    """.split()
)
GENERIC_HEADS = frozenset(
    "house department party committee court office campaign administration company government state city "
    "agency group council board service".split()
)
WRITER_LABELS = frozenset({"the writer", "the writer's outlet", "the writer’s outlet"})


def name_tokens(name: str) -> list[str]:
    """Lower-case name words without punctuation, titles, or function words."""
    words = re.findall(r"[\w’'.-]+", name.lower())
    words = [w.strip(".’'-").removesuffix("’s").removesuffix("'s") for w in words]
    return [w for w in words if w and w not in STOP_WORDS and w not in TITLES]


def _acronym(words: Sequence[str]) -> str:
    return "".join(part[0] for w in words for part in w.split("-") if part)


def same_name(predicted: str, gold: str) -> bool:
    """Whether two names denote the same person or body ("Blinken" ~ "Antony Blinken", "FBI" ~ its full name)."""
    p, g = name_tokens(predicted), name_tokens(gold)
    if not p or not g:
        return predicted.strip().lower() == gold.strip().lower()
    if p == g:
        return True
    pj, gj = "".join(p).replace(".", ""), "".join(g).replace(".", "")
    if pj == gj or (len(p) == 1 and pj == _acronym(g)) or (len(g) == 1 and gj == _acronym(p)):
        return True
    small, large = (p, g) if len(p) <= len(g) else (g, p)
    if not set(small) <= set(large):
        return False
    if len(small) == 1 and small[0] in GENERIC_HEADS:
        return False
    return small[-1] == large[-1] or len(small) >= 2  # a surname, or a multi-word part of the name


def _head_noun(description: str) -> str:
    words = [w for w in name_tokens(description) if w.isalpha()]
    return words[-1].removesuffix("s") if words else ""


def same_speaker(reading: Reading, predicted: Attribution, gold: GoldAttribution, outlet: str = "") -> bool:
    """Whether byline's speaker for ``predicted`` is the gold speaker (name, description, or the writer)."""
    from byline.attribution.sourcing import speaker_label

    label = speaker_label(reading, predicted)
    kind = (gold.speaker_type or "").lower()
    if kind == "writer":
        return label.lower() in WRITER_LABELS or bool(outlet) and same_name(label, outlet)
    if kind in ("anonymous", "unnamed reports") or gold.anonymous:
        if same_name(label, gold.speaker):
            return True
        if not predicted.source.anonymous:
            return False
        head = _head_noun(gold.speaker)
        return not head or head in {_strip_s(w) for w in name_tokens(label)}
    return same_name(label, gold.speaker)


def _strip_s(word: str) -> str:
    return word.removesuffix("s")


@dataclass
class Predicted:
    """byline's attribution with its spans mapped onto the gold text."""

    attribution: Attribution
    cue: CharSpan | None
    content: list[CharSpan]
    hedges: list[CharSpan]


def map_predictions(reading: Reading, gold_text: str) -> list[Predicted]:
    """byline's attributions with cue, content and hedge spans on the gold text (unmappable parts dropped)."""
    mapping = OffsetMap(gold_text, reading.article.text)

    def spans(items: Iterable[Any]) -> list[CharSpan]:
        return [m for m in (mapping.span(s.start, s.end) for s in items) if m]

    return [
        Predicted(a, mapping.span(a.cue.start, a.cue.end) if a.cue else None, spans(a.content), spans(a.hedges))
        for a in reading.attributions
    ]


def pair_attributions(
    text: str, gold: Sequence[GoldAttribution], predicted: Sequence[Predicted]
) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) pairs: cue overlap or content overlap of at least half; best first."""
    scored = []
    for gi, g in enumerate(gold):
        gold_tokens = token_set(text, tuple(g.content))
        for pi, p in enumerate(predicted):
            ratio = overlap_ratio(gold_tokens, token_set(text, tuple(p.content)))
            cue = overlaps(g.cue, p.cue)
            if cue or ratio >= CONTENT_MATCH:
                scored.append((-(cue + ratio), gi, pi))
    return one_to_one(scored)


def expected_calibration_error(confidences: Sequence[float], outcomes: Sequence[bool], bins: int = ECE_BINS) -> float:
    """ECE over equal-width confidence bins: the weighted mean gap between confidence and accuracy."""
    if not confidences:
        return 0.0
    total = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [i for i, c in enumerate(confidences) if low <= c < high or (b == bins - 1 and c == 1.0)]
        if members:
            mean_conf = sum(confidences[i] for i in members) / len(members)
            accuracy = sum(outcomes[i] for i in members) / len(members)
            total += len(members) / len(confidences) * abs(mean_conf - accuracy)
    return total


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    right: int = 0
    found: int = 0
    anonymous_gold: int = 0
    anonymous_right: int = 0
    hedge_gold: int = 0
    hedge_found: int = 0
    via_pairs: int = 0
    via_right: int = 0
    via_gold: int = 0
    via_gold_right: int = 0
    negation_pairs: int = 0
    negation_right: int = 0
    confidences: list[float] = field(default_factory=list)
    outcomes: list[bool] = field(default_factory=list)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def body_attributions(article: GoldArticle, title_end: int) -> list[GoldAttribution]:
    """Gold attributions outside the headline (byline reads the body), with vias renumbered."""
    keep = [i for i, a in enumerate(article.attributions) if not _in_title(a, title_end)]
    index = {old: new for new, old in enumerate(keep)}
    out = []
    for old in keep:
        a = article.attributions[old]
        out.append(GoldAttribution(**{**a.__dict__, "via": index.get(a.via) if a.via is not None else None}))
    return out


def _in_title(attribution: GoldAttribution, title_end: int) -> bool:
    spans = [s for s in (attribution.cue, *attribution.content) if s]
    return bool(spans) and all(s[1] <= title_end for s in spans)


def tally_article(
    tally: Tally, reading: Reading, gold_text: str, gold: list[GoldAttribution], outlet: str, min_confidence: float
) -> list[dict[str, Any]]:
    """Add one article's counts to ``tally``; return its pairs and misses for inspection."""
    predicted = [p for p in map_predictions(reading, gold_text) if p.attribution.confidence >= min_confidence]
    pairs = pair_attributions(gold_text, gold, predicted)
    pred_of_gold = dict(pairs)
    tally.predicted += len(predicted)
    tally.gold += len(gold)
    right_pred: set[int] = set()
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        right = same_speaker(reading, p.attribution, g, outlet)
        tally.found += 1
        if right:
            tally.right += 1
            right_pred.add(pi)
        if g.anonymous:
            tally.anonymous_right += right and p.attribution.source.anonymous
        tally.hedge_gold += len(g.hedges)
        tally.hedge_found += sum(any(overlaps(h, ph) for ph in p.hedges) for h in g.hedges)
        expected_via = predicted[pred_of_gold[g.via]].attribution.id if g.via in pred_of_gold else None
        via_ok = p.attribution.via == expected_via if g.via is None or g.via in pred_of_gold else False
        tally.via_pairs += 1
        tally.via_right += via_ok
        if g.via is not None:
            tally.via_gold += 1
            tally.via_gold_right += via_ok
        tally.negation_pairs += 1
        tally.negation_right += g.negated == p.attribution.negated
    tally.anonymous_gold += sum(g.anonymous for g in gold)
    for pi, p in enumerate(predicted):
        tally.confidences.append(p.attribution.confidence)
        tally.outcomes.append(pi in right_pred)
    return _inspection(reading, gold_text, gold, predicted, pairs, right_pred)


def _inspection(
    reading: Reading,
    text: str,
    gold: list[GoldAttribution],
    predicted: list[Predicted],
    pairs: list[tuple[int, int]],
    right_pred: set[int],
) -> list[dict[str, Any]]:
    from byline.attribution.sourcing import speaker_label

    paired_gold = {gi for gi, _ in pairs}
    paired_pred = {pi: gi for gi, pi in pairs}
    rows = []
    for pi, p in enumerate(predicted):
        a = p.attribution
        row = {
            "pred": a.id,
            "speaker": speaker_label(reading, a),
            "cue": a.cue.text if a.cue else None,
            "content": " … ".join(s.text for s in a.content)[:160],
            "confidence": a.confidence,
            "right": pi in right_pred,
        }
        if pi in paired_pred:
            row["gold_speaker"] = gold[paired_pred[pi]].speaker
        rows.append(row)
    for gi, g in enumerate(gold):
        if gi not in paired_gold:
            rows.append(
                {
                    "missed": g.speaker,
                    "cue": text[g.cue[0] : g.cue[1]] if g.cue else None,
                    "content": " … ".join(text[s:e] for s, e in g.content)[:160],
                }
            )
    return rows


def summarise(tally: Tally, n_articles: int) -> dict[str, Any]:
    """The figures of a tally: right-speaker P/R/F1, anonymity, hedge, via and negation, ECE."""
    p = _ratio(tally.right, tally.predicted)
    r = _ratio(tally.right, tally.gold)
    return {
        "n_articles": n_articles,
        "n_gold": tally.gold,
        "n_predicted": tally.predicted,
        "right_speaker": {"p": p, "r": r, "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0},
        "found": {"p": _ratio(tally.found, tally.predicted), "r": _ratio(tally.found, tally.gold)},
        "anonymity_recall": _ratio(tally.anonymous_right, tally.anonymous_gold),
        "n_anonymous_gold": tally.anonymous_gold,
        "hedge_recall": _ratio(tally.hedge_found, tally.hedge_gold),
        "n_hedges_gold": tally.hedge_gold,
        "via_accuracy": _ratio(tally.via_right, tally.via_pairs),
        "via_recall": _ratio(tally.via_gold_right, tally.via_gold),
        "n_via_gold_found": tally.via_gold,
        "negation_accuracy": _ratio(tally.negation_right, tally.negation_pairs),
        "ece": round(expected_calibration_error(tally.confidences, tally.outcomes), 4),
    }


def read_gold_articles(
    reader: Any, gold: Sequence[GoldArticle], corpus: Path = SHARED_CORPUS
) -> list[tuple[GoldArticle, str, Reading]]:
    """Each gold article with its gold text and byline's reading of the corpus record (JSONL fields)."""
    from byline.ingest.jsonl import article_from_record
    from byline.ingest.options import IngestOptions

    records = read_corpus_records({g.id for g in gold}, corpus)
    missing = [g.id for g in gold if g.id not in records]
    if missing:
        raise BylineError("malformed", str(corpus), detail=f"gold articles missing from the corpus: {missing[:3]}")
    options = IngestOptions(field_map={"text": "content_original"})
    articles = [article_from_record(records[g.id], g.id, options) for g in gold]
    readings = list(reader.read_many(articles))
    return [(g, article_text(records[g.id]), r) for g, r in zip(gold, readings, strict=True)]


def score_realnews(
    reader: Any,
    gold_path: Path = GOLD_PATH,
    split: str | None = "dev",
    corpus: Path = SHARED_CORPUS,
    min_confidence: float | None = None,
    inspect: bool = False,
) -> dict[str, Any]:
    """Right-speaker precision and recall (and the other figures) of ``reader`` on the real-news gold."""
    from byline.attribution.calibrate import load_calibrator

    if min_confidence is None:
        calibrator = load_calibrator()
        min_confidence = calibrator.threshold if calibrator is not None else 0.0
    gold = load_gold(gold_path, split)
    tally = Tally()
    details = {}
    for article, text, reading in read_gold_articles(reader, gold, corpus):
        title_end = text.index("\n\n")
        body_gold = body_attributions(article, title_end)
        details[article.id] = tally_article(tally, reading, text, body_gold, article.outlet, min_confidence)
    result = summarise(tally, len(gold))
    result.update(split=split or "all", min_confidence=min_confidence)
    if inspect:
        result["articles"] = details
    return result


def _gold_as_predicted(gold: GoldAttribution, number: int) -> Predicted:
    from byline.reading import Source

    attribution = Attribution(
        id=f"g{number}", kind="indirect", source=Source(anonymous=gold.anonymous, description=gold.speaker),
        negated=gold.negated,
    )
    return Predicted(attribution, gold.cue, list(gold.content), list(gold.hedges))


def same_gold_speaker(a: GoldAttribution, b: GoldAttribution) -> bool:
    """Whether two annotators named the same speaker (names as ``same_name``; anonymous by head noun)."""
    if same_name(a.speaker, b.speaker):
        return True
    if a.anonymous and b.anonymous:
        return _head_noun(a.speaker) == _head_noun(b.speaker)
    return False


def annotator_agreement(first: Path, second: Path, corpus: Path = SHARED_CORPUS) -> dict[str, Any]:
    """How far a second annotator agrees with the first on the articles both annotated, scored as byline is
    scored: the second annotator's attributions are the predictions (the ceiling for byline's figures)."""
    firsts = {g.id: g for g in load_gold(first)}
    seconds = [g for g in load_gold(second) if g.id in firsts]
    records = read_corpus_records({g.id for g in seconds}, corpus)
    tally = Tally()
    for article in seconds:
        text = article_text(records[article.id])
        title_end = text.index("\n\n")
        gold = body_attributions(firsts[article.id], title_end)
        other = body_attributions(article, title_end)
        predicted = [_gold_as_predicted(g, i) for i, g in enumerate(other)]
        tally.predicted += len(predicted)
        tally.gold += len(gold)
        for gi, pi in pair_attributions(text, gold, predicted):
            tally.found += 1
            tally.right += same_gold_speaker(gold[gi], other[pi])
            if gold[gi].anonymous:
                tally.anonymous_right += same_gold_speaker(gold[gi], other[pi]) and other[pi].anonymous
            tally.hedge_gold += len(gold[gi].hedges)
            tally.hedge_found += sum(any(overlaps(h, oh) for oh in other[pi].hedges) for h in gold[gi].hedges)
        tally.anonymous_gold += sum(g.anonymous for g in gold)
    result = summarise(tally, len(seconds))
    for key in ("via_accuracy", "via_recall", "n_via_gold_found", "negation_accuracy", "ece"):
        result.pop(key, None)
    return result
