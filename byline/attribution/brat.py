"""Reading PolNeAR's brat standoff files (one ``.ann`` per article and annotator) into gold documents.

A compartment folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``. In an
``.ann`` file, ``T<n>\\t<Type> <start> <end>[;<start> <end>…]\\t<surface>`` lines are spans (the surface
text may run on over several lines) and ``E<n>\\tAttribution:T<a> [Source:T<s>] Cue:T<c> Content:T<x>
[Content2:T<y>]`` lines tie the roles of one attribution. This is what annotator agreement is read from:
the JSONL form keeps one annotator per article.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from byline.attribution.model import CharSpan
from byline.attribution.polnear import GoldAttribution, GoldDoc
from byline.errors import BylineError

ATTRIBUTION_TYPES = frozenset({"Attribution", "Attribution-no-source"})
ROLE_OF_ARGUMENT = {"Source": "source", "Cue": "cue", "Content": "content", "Content2": "content"}


def _span_pieces(field: str, where: str) -> tuple[str, tuple[CharSpan, ...]]:
    """("Cue", ((start, end), …)) from a T line's middle field "Cue 10 20;30 40"."""
    kind, _, offsets = field.partition(" ")
    pieces = []
    for part in offsets.split(";"):
        numbers = part.split()
        if len(numbers) != 2 or not all(n.isdigit() for n in numbers):
            raise BylineError("malformed", where, detail=f"bad span offsets {field!r}")
        pieces.append((int(numbers[0]), int(numbers[1])))
    return kind, tuple(sorted(pieces))


def parse_ann(ann: str, text: str, doc_id: str, annotator: str | None = None, where: str = "ann") -> GoldDoc:
    """A GoldDoc from the text of one ``.ann`` file and the article text it annotates."""
    spans: dict[str, tuple[CharSpan, ...]] = {}
    events: list[tuple[str, str, list[tuple[str, str]]]] = []
    for number, line in enumerate(ann.split("\n"), 1):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, pieces = _span_pieces(fields[1], f"{where}:{number}")
            if any(not 0 <= s <= e <= len(text) for s, e in pieces):
                raise BylineError("malformed", f"{where}:{number}", detail="span outside the text")
            spans[fields[0]] = pieces
        elif line.startswith("E") and len(fields) >= 2:
            head, *arguments = fields[1].split()
            kind, _, trigger = head.partition(":")
            events.append((fields[0], kind, [tuple(a.split(":", 1)) for a in arguments if ":" in a]))
    attributions = []
    for event_id, kind, arguments in events:
        if kind not in ATTRIBUTION_TYPES:
            continue
        roles: dict[str, list[CharSpan]] = {"source": [], "cue": [], "content": []}
        for role, target in arguments:
            if role in ROLE_OF_ARGUMENT and target in spans:
                roles[ROLE_OF_ARGUMENT[role]].extend(spans[target])
        if roles["cue"] or roles["content"]:
            attributions.append(
                GoldAttribution(event_id, kind, **{role: tuple(sorted(p)) for role, p in roles.items()})
            )
    return GoldDoc(doc_id, text, attributions, annotator=annotator)


def iter_annotations(compartment: Path) -> Iterator[tuple[str, list[GoldDoc]]]:
    """(article id, one GoldDoc per annotator) for each article of a compartment folder, in name order."""
    compartment = Path(compartment)
    texts, anns = compartment / "text", compartment / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise BylineError("not_found", str(compartment), detail="expected text/ and attributions/ inside")
    for text_path in sorted(texts.glob("*.txt")):
        doc_id = text_path.stem
        text = _read_utf8(text_path)
        versions = []
        for ann_path in sorted(anns.glob(f"{doc_id}_*.ann")):
            annotator = ann_path.stem[len(doc_id) + 1 :]
            if "_" in annotator:
                continue  # another article whose name starts with this one's
            ann = _read_utf8(ann_path)
            versions.append(parse_ann(ann, text, doc_id, annotator, where=str(ann_path)))
        yield doc_id, versions


def _read_utf8(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BylineError("malformed", str(path), detail="not UTF-8 text") from exc
