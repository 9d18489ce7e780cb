"""Build byline's real-news attribution gold set from AllSides articles (../shared/data/corpora/allsides_baly2020).

    python scripts/realnews_gold.py select --out DIR       # choose the articles, write their texts for annotators
    python scripts/realnews_gold.py offsets ANN_DIR OUT --texts DIR  # span texts -> character offsets (gold JSONL)
    python scripts/realnews_gold.py check ANN.json --texts DIR     # an annotator checks one file

The texts are never copied into the repository: the gold keeps ids, offsets and short span texts, and the
eval reads the article texts from ../shared. The article text an annotator sees (and the offsets point into)
is ``title + "\\n\\n" + content_original``, see ``byline.attribution.realnews.article_text``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

from byline.attribution.realnews import SHARED_CORPUS, article_text, locate_span

OUTLETS = {
    "left": [
        "CNN (Web News)",
        "Politico",
        "New York Times - News",
        "The Guardian",
        "Vox",
        "Salon",
        "New York Times - Opinion",
        "Daily Beast",
    ],
    "center": [
        "Reuters",
        "Associated Press",
        "NPR Online News",
        "USA TODAY",
        "The Hill",
        "BBC News",
        "Christian Science Monitor",
        "Wall Street Journal - News",
    ],
    "right": [
        "Washington Times",
        "Fox Online News",
        "Breitbart News",
        "Townhall",
        "National Review",
        "Newsmax",
        "The Daily Caller",
        "Reason",
    ],
}
SEED = 12
MIN_WORDS, MAX_WORDS = 250, 1000


def select(corpus: Path, n_extra: int = 10) -> list[dict]:
    """One article per listed outlet, ``n_extra`` more from them, and two interviews; seeded, train split only."""
    train_ids = {line.split("\t")[0] for line in (corpus / "splits/random/train.tsv").open()}
    by_outlet: dict[str, list[dict]] = {}
    interviews = []
    wanted = {o for outlets in OUTLETS.values() for o in outlets}
    with gzip.open(corpus / "articles.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["ID"] not in train_ids:
                continue
            words = len(record["content_original"].split())
            if not MIN_WORDS <= words <= MAX_WORDS:
                continue
            if "interview" in record["title"].lower() or record["content_original"].count("\nQ:") >= 3:
                interviews.append(record)
            if record["source"] in wanted:
                by_outlet.setdefault(record["source"], []).append(record)
    rng = random.Random(SEED)
    chosen = [rng.choice(sorted(by_outlet[o], key=lambda r: r["ID"])) for o in sorted(wanted)]
    pool = [r for o in sorted(wanted) for r in by_outlet[o] if r not in chosen]
    pool.sort(key=lambda r: r["ID"])
    chosen += rng.sample(pool, n_extra)
    interviews.sort(key=lambda r: r["ID"])
    chosen += [r for r in rng.sample(interviews, 4) if r not in chosen][:2]
    splits = ["dev", "test"] * (len(chosen) // 2 + 1)
    rng.shuffle(splits)
    return [dict(record, split=split) for record, split in zip(chosen, splits, strict=False)]


def write_texts(records: list[dict], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    index = []
    for record in records:
        (out / f"{record['ID']}.txt").write_text(article_text(record), encoding="utf-8")
        index.append(
            {
                "id": record["ID"],
                "source": record["source"],
                "bias": record["bias_text"],
                "split": record["split"],
                "title": record["title"],
            }
        )
    (out / "index.jsonl").write_text("".join(json.dumps(i) + "\n" for i in index), encoding="utf-8")


def nearest(text: str, value: str, anchor: int) -> list:
    """The occurrence of a hedge nearest to its attribution's cue."""
    starts = [i for i in range(len(text)) if text.startswith(value, i)]
    if not starts:
        raise SystemExit(f"hedge not found in the article: {value!r}")
    start = min(starts, key=lambda i: abs(i - anchor))
    return [start, start + len(value), value]


def to_offsets(annotation: dict, text: str) -> dict:
    """One annotated article with every span text located in ``text``."""
    out = []
    for number, item in enumerate(annotation["attributions"]):
        where = f"{annotation['id']} attribution {number}"

        def span(key: str, value: str | None, at: str | None, where: str = where) -> list | None:
            if not value:
                return None
            start = locate_span(text, value, at, where=f"{where} {key}")
            return [start, start + len(value), value[:40]]

        contents = item.get("content") or []
        contexts = item.get("content_at") or [None] * len(contents)
        if isinstance(contexts, str):
            contexts = [contexts] + [None] * (len(contents) - 1)
        cue = span("cue", item.get("cue"), item.get("cue_at"))
        first_content = span("content", contents[0], contexts[0]) if contents else None
        anchor = (cue or first_content or [0])[0]
        out.append(
            {
                "cue": cue,
                "source": span("source", item.get("source"), item.get("source_at")),
                "content": [span("content", c, at) for c, at in zip(contents, contexts, strict=False)],
                "speaker": item["speaker"],
                "speaker_type": item.get("speaker_type"),
                "anonymous": bool(item.get("anonymous")),
                "via": item.get("via"),
                "hedges": [nearest(text, h, anchor) for h in item.get("hedges") or []],
                "negated": bool(item.get("negated")),
            }
        )
    return {"id": annotation["id"], "attributions": out}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    chooser = commands.add_parser("select")
    chooser.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    chooser.add_argument("--out", type=Path, required=True)
    converter = commands.add_parser("offsets")
    converter.add_argument("annotations", type=Path)
    converter.add_argument("out", type=Path)
    converter.add_argument("--texts", type=Path, required=True)
    checker = commands.add_parser("check", help="locate every span of one annotation file, or say which is not found")
    checker.add_argument("annotation", type=Path)
    checker.add_argument("--texts", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "check":
        annotation = json.loads(args.annotation.read_text(encoding="utf-8"))
        text = (args.texts / f"{annotation['id']}.txt").read_text(encoding="utf-8")
        gold = to_offsets(annotation, text)
        vias = [a["via"] for a in gold["attributions"] if a["via"] is not None]
        if any(not 0 <= v < len(gold["attributions"]) for v in vias):
            raise SystemExit("a via index points outside the list")
        print(f"ok: {len(gold['attributions'])} attributions located")
        return 0
    if args.command == "select":
        records = select(args.corpus)
        write_texts(records, args.out)
        print(f"{len(records)} articles, {len({r['source'] for r in records})} outlets -> {args.out}")
        return 0
    index = {json.loads(line)["id"]: json.loads(line) for line in (args.texts / "index.jsonl").open()}
    with args.out.open("w", encoding="utf-8") as out:
        for path in sorted(args.annotations.glob("*.json")):
            annotation = json.loads(path.read_text(encoding="utf-8"))
            text = (args.texts / f"{annotation['id']}.txt").read_text(encoding="utf-8")
            gold = to_offsets(annotation, text)
            meta = index[annotation["id"]]
            gold.update(split=meta["split"], outlet=meta["source"], bias=meta["bias"])
            out.write(json.dumps(gold, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
