"""A linear-chain CRF (python-crfsuite) that tags each paragraph's tokens BIO for source, cue and content.

The tagger reads the parse detection already has: words, lemmas, parts of speech, dependencies, the
cue perceptron's score of each token and of its syntactic ancestors, the quotation state and the
distance to the nearest likely cue. Tag runs are then assembled into candidates: every cue run gets
the source and content runs of its paragraph that lie nearer to it than to any other cue run.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from byline.attribution.cues import NOUN_CUES, SPEECH_VERBS
from byline.attribution.model import Candidate, CharSpan, quote_kind
from byline.nlp.quotes import QUOTE_CLOSE, QUOTE_OPEN, parsed_form
from byline.nlp.spans import SpanList

TAGGER_FILE = "tagger.crfsuite"
ROLE_TAGS = {"source": "S", "cue": "C", "content": "T"}
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


def sentence_ids(doc: Doc) -> list[int]:
    """For each token, the number of its sentence in the document."""
    ids, current = [], -1
    for token in doc:
        current += token.is_sent_start or token.i == 0
        ids.append(current)
    return ids


def token_features(
    paragraph: Sequence[Token],
    cue_scores: dict[int, float],
    in_quote: Sequence[int],
    rule_tags: Sequence[str],
    sentence_of: Sequence[int],
) -> list[list[str]]:
    """crfsuite features for each token of one paragraph, from the parse, the cue scores and the tags the
    rule detector's candidates give the paragraph."""
    words = [parsed_form(t) for t in paragraph]
    tags = [t.tag_ for t in paragraph]
    n = len(paragraph)
    left_cue, right_cue = _nearest_cues([cue_scores.get(t.i, -9.0) > 0.0 for t in paragraph])
    out = []
    for k, token in enumerate(paragraph):
        rule = rule_tags[k]
        word, tag, dep = words[k], tags[k], token.dep_
        lemma = token.lemma_.lower()
        head = token.head
        feats = [
            "bias",
            f"w={word}",
            f"l={lemma}",
            f"p={tag}",
            f"d={dep}",
            f"pd={token.pos_}|{dep}",
            f"hl={head.lemma_.lower()}",
            f"hd={head.dep_}|{dep}",
            f"hp={head.pos_}",
            f"cs={_bucket(cue_scores.get(token.i, -9.0))}",
            f"hcs={_bucket(cue_scores.get(head.i, -9.0))}|{dep}",
            f"q={in_quote[token.i] >= 0}",
            f"ent={token.ent_type_ or '-'}",
            f"shape={'T' if token.is_title else 'U' if token.is_upper else 'l' if token.is_lower else 'o'}",
            f"sw={token.is_sent_start}",
            f"se={token.is_sent_end}",
            f"lex={lemma in SPEECH_VERBS}|{lemma in NOUN_CUES}",
            f"r={rule}",
            f"rw={rule}|{word}",
            f"rp={rule}|{tag}",
            f"r-1={rule_tags[k - 1] if k else '<edge>'}|{rule}",
            f"r+1={rule}|{rule_tags[k + 1] if k + 1 < n else '<edge>'}",
        ]
        if token.text in QUOTE_OPEN or token.text in QUOTE_CLOSE:
            feats.append(f"mark={in_quote[token.i - 1] >= 0 if token.i else False}|{in_quote[token.i] >= 0}")
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if 0 <= j < n:
                feats.append(f"w{offset}={words[j]}")
                feats.append(f"p{offset}={tags[j]}")
            else:
                feats.append(f"w{offset}=<edge>")
        feats += _ancestor_features(token, cue_scores)
        sentence = sentence_of[token.i]
        left, right = left_cue[k], right_cue[k]
        if left >= 0:
            feats.append(f"lcue={_distance(k - left)}|{sentence_of[paragraph[left].i] == sentence}")
        if right >= 0:
            feats.append(f"rcue={_distance(right - k)}|{sentence_of[paragraph[right].i] == sentence}")
        if left < 0 and right < 0:
            feats.append("nocue")
        out.append(feats)
    return out


def _nearest_cues(is_cue: Sequence[bool]) -> tuple[list[int], list[int]]:
    """For each position, the nearest likely cue strictly before it and strictly after it (-1: none)."""
    left, right = [-1] * len(is_cue), [-1] * len(is_cue)
    last = -1
    for k, cue in enumerate(is_cue):
        left[k] = last
        if cue:
            last = k
    last = -1
    for k in range(len(is_cue) - 1, -1, -1):
        right[k] = last
        if is_cue[k]:
            last = k
    return left, right


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


def role_tags(paragraph: Sequence[Token], roles: Sequence[dict[str, Sequence[CharSpan]]]) -> list[str]:
    """BIO tags of one paragraph from attributions' role pieces (a cue wins over a source over a content)."""
    starts = [t.idx for t in paragraph]
    ends = [t.idx + len(t.text) for t in paragraph]
    tags = ["O"] * len(paragraph)
    for role in ("content", "source", "cue"):
        for attribution in roles:
            for start, end in attribution[role]:
                first = bisect_right(ends, start)  # the first token ending after the piece starts
                last = bisect_left(starts, end)  # one past the last token starting before it ends
                for k in range(first, last):
                    tags[k] = ("B-" if k == first else "I-") + ROLE_TAGS[role]
    return tags


def candidate_roles(candidates: Sequence[Candidate]) -> list[dict[str, Sequence[CharSpan]]]:
    """The role pieces of detected candidates, in the form ``role_tags`` reads."""
    return [
        {"source": [c.source] if c.source else [], "cue": [c.cue] if c.cue else [], "content": c.content}
        for c in candidates
    ]


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


def assemble(paragraph: Sequence[Token], tags: Sequence[str], quotes: list[CharSpan], text: str) -> list[Candidate]:
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
        pieces = [
            _through_paragraphs(_span(paragraph, r), quotes, text)
            for r in contents[n]
            if not _subject_pronoun(paragraph, r)
        ]
        if not pieces:
            continue
        out.append(
            Candidate(
                kind=quote_kind(pieces, quotes),
                cue=_span(paragraph, cue),
                source=_span(paragraph, source) if source is not None else None,
                content=pieces,
                confidence=0.7,
                evidence="crf-tagger",
                cue_token=_run_head(paragraph, cue).i,
            )
        )
    return out


def _subject_pronoun(paragraph: Sequence[Token], run: tuple[str, int, int]) -> bool:
    """A run that is only a pronoun subject ("It was reported that …"): the speech act's slot, not what was said."""
    tokens = paragraph[run[1] : run[2] + 1]
    return all(t.pos_ == "PRON" and t.dep_ in ("nsubj", "nsubjpass", "expl") for t in tokens)


def _through_paragraphs(piece: CharSpan, quotes: list[CharSpan], text: str) -> CharSpan:
    """A piece that opens a quote running on over paragraphs goes on to the quote's end (the tagger reads one
    paragraph at a time)."""
    start, end = piece
    for qs, qe in quotes[bisect_left(quotes, (start, -1)) :] if isinstance(quotes, SpanList) else quotes:
        if qs == start and qe > end and "\n\n" in text[end:qe]:
            return start, qe
        if qs > start and isinstance(quotes, SpanList):
            break
    return piece


def _run_head(paragraph: Sequence[Token], run: tuple[str, int, int]) -> Token:
    """The token of a run whose syntactic head lies outside it (the first such)."""
    inside = {t.i for t in paragraph[run[1] : run[2] + 1]}
    return next(
        (t for t in paragraph[run[1] : run[2] + 1] if t.head.i not in inside or t.head.i == t.i), paragraph[run[1]]
    )


def _span(paragraph: Sequence[Token], run: tuple[str, int, int]) -> CharSpan:
    last = paragraph[run[2]]
    return paragraph[run[1]].idx, last.idx + len(last.text)


@lru_cache(maxsize=4)
def load_tagger(directory: Path) -> Any:
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
