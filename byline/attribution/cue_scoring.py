"""Which tokens head an attribution cue: the shipped cue model (an averaged perceptron over parse features)
or, when it is absent, the lexicon rules in ``cues.py``."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from byline.attribution.anonymity import vague_description
from byline.attribution.cues import (
    NOUN_CUES,
    SPEECH_VERBS,
    WEAK_VERBS,
)
from byline.attribution.detection_words import (
    CANDIDATE_POS,
    CLAUSE_DEPS,
    FEELING_VERBS,
    MISTAGGED_VERBS,
    MODEL_DIR,
    MODEL_FILE,
    SUBJECT_DEPS,
)
from byline.attribution.source_mentions import (
    _subject,
)
from byline.nlp.quotes import (
    QUOTE_CLOSE,
    parsed_form,
)


@dataclass
class CueModel:
    """A linear cue scorer (feature -> weight) and cue-extent statistics learned from PolNeAR train."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.0
    cue_children: dict[str, float] = field(default_factory=dict)  # "dep|lower" -> share kept in the cue
    name: str = "cue_perceptron"

    def score(self, features: list[str]) -> float:
        return self.bias + sum(self.weights.get(f, 0.0) for f in features)

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "bias": self.bias,
            "threshold": self.threshold,
            "weights": self.weights,
            "cue_children": self.cue_children,
        }

    @classmethod
    def from_json(cls, data: dict) -> CueModel:
        return cls(
            weights=dict(data["weights"]),
            bias=float(data.get("bias", 0.0)),
            threshold=float(data.get("threshold", 0.0)),
            cue_children=dict(data.get("cue_children", {})),
            name=str(data.get("name", "cue_perceptron")),
        )


@lru_cache(maxsize=4)
def load_cue_model(directory: Path = MODEL_DIR) -> CueModel | None:
    """The shipped cue model, or None when its file is absent (detection then uses the lexicon rules)."""
    path = Path(directory) / MODEL_FILE
    if not path.exists():
        return None
    return CueModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def cue_features(token: Token, in_quote: bool) -> list[str]:
    """Features of a token as a possible cue head, from the parse only."""
    lemma = token.lemma_.lower()
    head = token.head
    nxt = parsed_form(token.nbor(1)) if token.i + 1 < len(token.doc) else "<end>"
    prev = parsed_form(token.nbor(-1)) if token.i > 0 else "<start>"
    child_deps = sorted({c.dep_ for c in token.children})
    feats = [
        f"l={lemma}",
        f"w={parsed_form(token)}",
        f"p={token.tag_}",
        f"d={token.dep_}",
        f"ld={lemma}|{token.dep_}",
        f"lp={lemma}|{token.pos_}",
        f"hl={head.lemma_.lower()}",
        f"hd={head.dep_}",
        f"ln={lemma}|{nxt}",
        f"n={nxt}",
        f"pv={prev}",
        f"q={in_quote}",
        f"lex={lemma in SPEECH_VERBS}|{token.pos_}",
        f"noun={lemma in NOUN_CUES}|{token.pos_}",
    ]
    feats += [f"c={dep}" for dep in child_deps]
    feats += [f"lc={lemma}|{dep}" for dep in child_deps if dep in CLAUSE_DEPS or dep in SUBJECT_DEPS]
    return feats


def _has_complement(token: Token) -> bool:
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in token.children) or token.dep_ == "parataxis":
        return True
    # "…, he said" parsed as a complement of the clause it closes
    return token.dep_ == "ccomp" and any(t.text == "," for t in token.doc[max(token.i - 3, 0) : token.i])


def rule_cue(token: Token, in_quote: bool) -> bool:
    """The lexicon rule: a speech or belief verb with something said, or "according to"."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
        return True
    if in_quote or token.pos_ not in ("VERB", "AUX") or lemma not in SPEECH_VERBS:
        return False
    if lemma in WEAK_VERBS:
        naming = lemma == "call" and any(c.dep_ in ("oprd", "xcomp") or c.lower_ in ("for", "on") for c in token.rights)
        return naming or any(c.dep_ == "ccomp" for c in token.children)
    if _has_complement(token):
        return True
    nested = token.dep_ in ("ccomp", "xcomp", "relcl", "acl")
    return not nested and any(c.dep_ in SUBJECT_DEPS for c in token.children)


def mistagged_speech_verb(token: Token) -> bool:
    """A speech verb the tagger read as a plural noun after a quote: '…," Blinken states.'."""
    if token.pos_ != "NOUN" or token.lower_ not in MISTAGGED_VERBS:
        return False
    names = [c for c in token.lefts if c.dep_ in ("compound", "nsubj") and c.pos_ in ("PROPN", "PRON")]
    if not names:
        return False
    first = min(t.left_edge.i for t in names)
    return first > 0 and token.doc[first - 1].text in {",", *QUOTE_CLOSE}


def noun_cue(token: Token) -> bool:
    """An attribution noun with its holder and a that-clause: "Smith's claim that …"."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES:
        return False
    if not any(c.dep_ == "poss" for c in token.children):
        return False
    clauses = [c for c in token.rights if c.dep_ in ("acl", "ccomp", "appos")]
    return any(g.dep_ == "mark" and g.lower_ == "that" for c in clauses for g in c.children)


def group_feeling(token: Token, in_quote: bool) -> bool:
    """A feeling or belief stated as an unnamed group's: "many felt betrayed", "some fear that …"."""
    if in_quote or token.pos_ != "VERB" or token.lemma_.lower() not in FEELING_VERBS:
        return False
    subject = _subject(token)
    if subject is None or not any(c.dep_ in ("ccomp", "acomp", "oprd", "xcomp") for c in token.children):
        return False
    return vague_description(token.doc[subject.left_edge.i : subject.right_edge.i + 1]) is not None


def cue_scores(doc: Doc, in_quote: list[int], model: CueModel) -> dict[int, float]:
    """The cue model's score, less its threshold, of every token that could head a cue."""
    return {
        t.i: model.score(cue_features(t, in_quote[t.i] >= 0)) - model.threshold for t in doc if t.pos_ in CANDIDATE_POS
    }


def _is_cue(token: Token, in_quote: bool, model: CueModel | None, score: float) -> tuple[bool, float, str]:
    """Whether the token heads a cue, with a confidence and the name of what decided it (``score``: the
    cue model's margin for the token, when there is a model)."""
    if mistagged_speech_verb(token):
        return True, 0.7, "mistagged-verb"
    if noun_cue(token):
        return True, 0.7, "noun-cue"
    if group_feeling(token, in_quote):
        return True, 0.6, "group-feeling"
    if model is None:
        return rule_cue(token, in_quote), 0.6, "cue-rules"
    if score <= 0.0 and token.dep_ == "xcomp" and token.head.pos_ == "ADJ" and rule_cue(token, in_quote):
        return True, 0.5, "cue-rules"  # "was quick to condemn": the model has seen too few of these
    raw = score + model.threshold
    return score > 0.0, 1.0 / (1.0 + math.exp(-max(min(raw, 30.0), -30.0))), model.name
