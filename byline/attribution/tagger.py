"""A linear-chain CRF (python-crfsuite) that tags each paragraph's tokens BIO for source, cue and content.

The tagger reads the parse detection already has: words, lemmas, parts of speech, dependencies, the
cue perceptron's score of each token and of its syntactic ancestors, the quotation state and the
distance to the nearest likely cue. Tag runs are then assembled into candidates: every cue run gets
the source and content runs of its paragraph that lie nearer to it than to any other cue run.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from byline.attribution.cues import NOUN_CUES, QUOTE_CLOSE, QUOTE_OPEN, SPEECH_VERBS
from byline.attribution.model import Candidate, CharSpan

TAGGER_DIR = Path(__file__).parent / "models" / "attribution_crf"
TAGGER_FILE = "tagger.crfsuite"
ROLE_TAGS = {"source": "S", "cue": "C", "content": "T"}
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "PROPN", "ADJ"})
MAX_ANCESTORS = 6


def paragraphs(doc: Doc) -> list[list[Token]]:
    """The non-space tokens of each paragraph (paragraphs end at a blank line)."""
    out: list[list[Token]] = [[]]
    for token in doc:
        if token.is_space:
            if "\n\n" in token.text and out[-1]:
                out.append([])
            continue
        out[-1].append(token)
    return [p for p in out if p]


def _bucket(score: float) -> str:
    if score > 2.0:
        return "hi"
    if score > 0.0:
        return "pos"
    if score > -2.0:
        return "near"
    return "lo"


def _distance(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "far"


def token_features(
    paragraph: Sequence[Token], cue_scores: dict[int, float], in_quote: Sequence[int]
) -> list[list[str]]:
    """crfsuite features for each token of one paragraph, from the parse and the cue scores."""
    cues = [i for i, t in enumerate(paragraph) if cue_scores.get(t.i, -9.0) > 0.0]
    out = []
    for k, token in enumerate(paragraph):
        lemma = token.lemma_.lower()
        head = token.head
        score = cue_scores.get(token.i, -9.0)
        feats = [
            "bias",
            f"w={token.lower_}",
            f"l={lemma}",
            f"p={token.tag_}",
            f"d={token.dep_}",
            f"pd={token.pos_}|{token.dep_}",
            f"hl={head.lemma_.lower()}",
            f"hd={head.dep_}|{token.dep_}",
            f"hp={head.pos_}",
            f"cs={_bucket(score)}",
            f"hcs={_bucket(cue_scores.get(head.i, -9.0))}|{token.dep_}",
            f"q={in_quote[token.i] >= 0}",
            f"ent={token.ent_type_ or '-'}",
            f"shape={'T' if token.is_title else 'U' if token.is_upper else 'l' if token.is_lower else 'o'}",
            f"sw={token.is_sent_start}",
            f"se={token.is_sent_end}",
            f"lex={lemma in SPEECH_VERBS}|{lemma in NOUN_CUES}",
        ]
        if token.text in QUOTE_OPEN or token.text in QUOTE_CLOSE:
            feats.append(f"mark={in_quote[token.i - 1] >= 0 if token.i else False}|{in_quote[token.i] >= 0}")
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if 0 <= j < len(paragraph):
                feats.append(f"w{offset}={paragraph[j].lower_}")
                feats.append(f"p{offset}={paragraph[j].tag_}")
            else:
                feats.append(f"w{offset}=<edge>")
        feats += _ancestor_features(token, cue_scores)
        feats += _cue_distance_features(k, cues, paragraph)
        out.append(feats)
    return out


def _ancestor_features(token: Token, cue_scores: dict[int, float]) -> list[str]:
    """The nearest likely-cue ancestor, and the dependency through which the token hangs from it."""
    child, node = token, token.head
    for depth in range(MAX_ANCESTORS):
        if node.i == child.i:
            break
        if cue_scores.get(node.i, -9.0) > 0.0:
            return [f"anc={child.dep_}", f"ancd={min(depth, 3)}|{child.dep_}", f"ancl={node.lemma_.lower()}"]
        child, node = node, node.head
    return ["anc=none"]


def _cue_distance_features(k: int, cues: list[int], paragraph: Sequence[Token]) -> list[str]:
    left = max((c for c in cues if c < k), default=None)
    right = min((c for c in cues if c > k), default=None)
    feats = []
    if left is not None:
        feats.append(f"lcue={_distance(k - left)}|{paragraph[left].sent == paragraph[k].sent}")
    if right is not None:
        feats.append(f"rcue={_distance(right - k)}|{paragraph[right].sent == paragraph[k].sent}")
    if left is None and right is None:
        feats.append("nocue")
    return feats


def gold_tags(paragraph: Sequence[Token], roles: Sequence[dict[str, Sequence[CharSpan]]]) -> list[str]:
    """BIO tags of one paragraph from gold attributions (a cue wins over a source over a content)."""
    tags = ["O"] * len(paragraph)
    for role in ("content", "source", "cue"):
        for attribution in roles:
            for start, end in attribution[role]:
                inside = [k for k, t in enumerate(paragraph) if t.idx < end and start < t.idx + len(t.text)]
                for n, k in enumerate(inside):
                    tags[k] = ("B-" if n == 0 else "I-") + ROLE_TAGS[role]
    return tags


def runs(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(role letter, first index, last index) for each tag run; an I- after another role starts a run."""
    out: list[tuple[str, int, int]] = []
    for k, tag in enumerate(tags):
        if tag == "O":
            continue
        prefix, role = tag.split("-", 1)
        if prefix == "I" and out and out[-1][0] == role and out[-1][2] == k - 1:
            out[-1] = (role, out[-1][1], k)
        else:
            out.append((role, k, k))
    return out


def _gap(a: tuple[str, int, int], b: tuple[str, int, int]) -> int:
    return max(b[1] - a[2], a[1] - b[2], 0)


def assemble(paragraph: Sequence[Token], tags: Sequence[str], quotes: list[CharSpan]) -> list[Candidate]:
    """Candidates from one paragraph's tags: each source and content run goes to its nearest cue run."""
    found = runs(tags)
    cue_runs = [r for r in found if r[0] == "C"]
    if not cue_runs:
        return []
    sources: dict[int, list[tuple[str, int, int]]] = {n: [] for n in range(len(cue_runs))}
    contents: dict[int, list[tuple[str, int, int]]] = {n: [] for n in range(len(cue_runs))}
    for run in found:
        if run[0] == "C":
            continue
        nearest = min(range(len(cue_runs)), key=lambda n: (_gap(run, cue_runs[n]), run[1] < cue_runs[n][1]))
        (sources if run[0] == "S" else contents)[nearest].append(run)
    out = []
    for n, cue in enumerate(cue_runs):
        if not contents[n]:
            continue
        source = min(sources[n], key=lambda r: _gap(r, cue), default=None)
        pieces = [_span(paragraph, r) for r in contents[n]]
        out.append(
            Candidate(
                kind=_kind(pieces, quotes),
                cue=_span(paragraph, cue),
                source=_span(paragraph, source) if source is not None else None,
                content=pieces,
                confidence=0.7,
                evidence="crf-tagger",
                cue_token=paragraph[cue[1]].i,
            )
        )
    return out


def _span(paragraph: Sequence[Token], run: tuple[str, int, int]) -> CharSpan:
    last = paragraph[run[2]]
    return paragraph[run[1]].idx, last.idx + len(last.text)


def _kind(pieces: list[CharSpan], quotes: list[CharSpan]) -> str:
    inside = [q for q in quotes for s, e in pieces if q[0] < e and s < q[1]]
    if not inside:
        return "indirect"
    if all(any(q[0] <= s and e <= q[1] for q in inside) for s, e in pieces):
        return "direct"
    return "mixed"


@lru_cache(maxsize=4)
def load_tagger(directory: Path = TAGGER_DIR):
    """The shipped CRF tagger (a ``pycrfsuite.Tagger``), or None when its file or crfsuite is absent."""
    path = Path(directory) / TAGGER_FILE
    if not path.exists():
        return None
    try:
        import pycrfsuite
    except ImportError:
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger
