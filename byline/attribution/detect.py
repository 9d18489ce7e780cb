"""Attribution detection over one spaCy parse: cues, their sources and their contents, in character offsets.

Detection walks the dependency parse the pipeline already made (no second pass over the text):

1. quotation marks are paired over the raw text (every mark style, see ``quotes.py``; a quote running
   over paragraphs re-opens each paragraph and closes only in the last; an unclosed mark ends at its
   paragraph's end);
2. each token is scored as a possible cue head, by the shipped cue model (an averaged perceptron over
   parse features, see ``train.py``) or, when that is absent, by the lexicon rules in ``cues.py``;
3. for every cue the source is its subject (or the object of "according to", the agent of a passive,
   the possessor of a noun cue, the group "among" whom a view is held), and the content is its clausal
   complement, the clause it interrupts ("…, he said."), the quote next to it, or the paragraph after a
   colon;
4. a few patterns are rules in both modes: noun cues with their holder ("Smith's claim that …"), a line
   opening with a name and a colon ("Paul Ryan: …", "Q: …"), "says"/"states" mis-tagged as nouns, a
   feeling stated as an unnamed group's ("many felt …"), a claim with a report adverb and no reporter
   ("X reportedly left …"), and excerpts of another outlet ("From The New Republic:", ``excerpts.py``);
5. with the shipped CRF tagger (``tagger.py``), each paragraph is tagged BIO for source, cue and
   content over the same parse, the cue scores and the spans the rules found; the tagged attributions
   replace the rule candidates on the same cue (keeping the rules' source where the tagger has none,
   and their negation; the parse's subject where the tagger's source is only a piece of its phrase) and
   the rule candidates the tagger did not tag are kept;
6. with the shipped content ranker (``content_ranker.py``), each candidate's content is chosen among
   the merged, tagged and rule readings and two changes of them.

Content spans follow PolNeAR's conventions: a complementiser "that" is part of the content, quotation
marks are kept, punctuation outside the marks at either end is not.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from byline.attribution.anonymity import vague_description
from byline.attribution.content_ranker import ContentRanker, DetectorReading, load_ranker, rank_contents
from byline.attribution.cues import (
    NEGATING_VERBS,
    NEGATORS,
    NOUN_CUES,
    REPORT_ADVERBS,
    SPEECH_VERBS,
    WEAK_VERBS,
)
from byline.attribution.excerpts import excerpt_candidates
from byline.attribution.model import Candidate, CharSpan, overlaps, quote_kind
from byline.attribution.nested import nested_candidates
from byline.attribution.tagger import (
    assemble,
    candidate_roles,
    load_tagger,
    paragraphs,
    role_tags,
    sentence_ids,
    token_features,
)
from byline.attribution.unsourced import with_unsourced
from byline.nlp.quotes import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    extend_to_quote,
    find_quotes,
    next_quote,
    parsed_form,
    quote_before,
    quote_index,
)
from byline.nlp.text import doc_text

MODEL_DIR = Path(__file__).parent / "models" / "cue_perceptron"
MODEL_FILE = "model.json"
CLAUSE_DEPS = ("ccomp", "xcomp", "dobj", "advcl", "acomp", "pcomp", "attr", "oprd")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Dependencies a cue with no subject of its own climbs to find one: "met donors and said", "left, insisting",
# "despite conceding …, said".
CLIMB_DEPS = ("conj", "xcomp", "advcl", "acomp", "pcomp", "prep")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
DOUBLE_QUOTE_MARKS = frozenset('"“”«»„‟″〝〞〟＂')
TRIM_PUNCT = ",.;:—–-"
# Control verbs whose "to"-verb belongs to the cue: "declined to comment on", "went on to say".
CONTROL_VERBS = frozenset({"decline", "refuse", "go", "want", "promise", "continue", "fail", "vow", "pledge"})
# Verbs that take their content as a quote, not as a prepositional object ("said of him", "added to").
QUOTING_VERBS = frozenset({"say", "add", "explain", "tell", "write", "identify", "speak"})
# Children of a cue head that PolNeAR keeps inside the cue span when the cue model has no table for them.
DEFAULT_CUE_CHILD_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
RELATIVE_WORDS = frozenset({"that", "which", "who", "what", "whom"})
# Prepositions that set the scene of the speech act rather than say what was said.
SCENE_PREPS = frozenset({"in", "on", "at", "during", "after", "before", "since", "from", "by", "with"})
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "dative", "oprd", "acomp", "attr", "pcomp"})
CONNECTIVES = frozenset({"however", "meanwhile", "moreover", "still", "yet", "also", "now", "so", "thus"})
COLON_SPEAKER_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "CCONJ", "PUNCT", "ADP", "PART"})
COLON_SPEAKER_WORDS = frozenset({"poll", "report", "survey", "study", "q", "a", "analysis", "sources", "source"})
MISTAGGED_VERBS = frozenset({"says", "states", "writes", "notes", "adds", "argues", "claims", "warns", "reports"})
REPORT_ADVERB = "report-adverb"  # the evidence of a claim attributed by a report adverb alone
# Clauses a report adverb can attribute on its own: a sentence's, or one joined to it (not a relative clause).
REPORTED_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "parataxis"})
# Verbs of feeling and belief that are a group's stated view with an unnamed group as subject ("many felt").
FEELING_VERBS = frozenset({"feel", "believe", "think", "fear", "worry", "suspect", "sense"})
# Parts of speech a cue head can have (verbs, "according", noun cues, a few adjectives: "is aware").
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "PROPN", "ADJ"})


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


# --- cue scoring -------------------------------------------------------------------------------------


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


# --- spans -------------------------------------------------------------------------------------------


def _char_span(tokens: list[Token]) -> CharSpan | None:
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _paragraph_bounded(tokens: list[Token], anchor: Token) -> list[Token]:
    """The tokens that lie in the same paragraph as ``anchor`` (paragraphs end at a blank line)."""
    if not tokens:
        return tokens
    doc = anchor.doc
    lo, hi = min(tokens[0].i, anchor.i), max(tokens[-1].i, anchor.i)
    breaks = [t.i for t in doc[lo : hi + 1] if t.is_space and "\n\n" in t.text]
    before = max((i for i in breaks if i < anchor.i), default=-1)
    after = min((i for i in breaks if i > anchor.i), default=len(doc))
    return [t for t in tokens if before < t.i < after]


def _mention(token: Token, stop: int | None = None) -> CharSpan | None:
    """A noun phrase as written: the token's subtree within its sentence and paragraph, without a
    non-restrictive tail (", who …", ", including …"); a closed appositive keeps its comma, as in PolNeAR.
    ``stop``: the first token of the cue; a source before its cue ends before it, even where the parse
    hung the cue inside the source's phrase ("Former staffers we spoke to said")."""
    sent = token.sent
    tails = [c.left_edge.i for c in token.rights if c.dep_ in ("relcl", "prep", "acl") and _after_comma(c)]
    if stop is not None and token.i < stop:
        tails.append(stop)
    cut = min(tails, default=None)
    tokens = [t for t in token.subtree if sent.start <= t.i < sent.end and (cut is None or t.i < cut)]
    tokens = _paragraph_bounded(tokens, token)
    markup = max((n for n, t in enumerate(tokens) if t.text.endswith(">")), default=-1)
    tokens = tokens[markup + 1 :]
    if token.dep_ == "poss" and tokens and tokens[-1].dep_ == "case":
        tokens = tokens[:-1]
    appositive = any(c.dep_ == "appos" for c in token.rights)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and not _keeps_closing(tokens, appositive):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in QUOTE_OPEN:
        tokens.pop(0)
    return _char_span(_whole_words(tokens))


def _whole_words(tokens: list[Token]) -> list[Token]:
    """Grow a run to whole words: "co-Anchor", "Capt." split by the tokenizer stay together."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    while first > 0 and not doc[first - 1].whitespace_ and (doc[first - 1].is_alpha or doc[first - 1].text == "-"):
        first -= 1
    return list(doc[first : last + 1]) if (first, last) != (tokens[0].i, tokens[-1].i) else tokens


def _after_comma(token: Token) -> bool:
    first = token.left_edge
    return first.i > 0 and first.nbor(-1).text == ","


def _keeps_closing(tokens: list[Token], appositive: bool) -> bool:
    last = tokens[-1].text
    if last in QUOTE_CLOSE:
        return True
    if last == ")":
        return any(t.text == "(" for t in tokens)
    return last == "," and appositive and sum(t.text == "," for t in tokens) >= 2


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def _subject(token: Token) -> Token | None:
    """The speaker slot of a verb: its active subject, or the agent of a passive ("by X")."""
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    for child in token.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def find_source(cue: Token) -> Token | None:
    """The token heading the cue's source mention, if the parse shows one."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        if to is not None:
            return next((g for g in to.children if g.dep_ == "pobj"), None)
        return next((c for c in cue.children if c.dep_ == "pobj"), None)
    if cue.pos_ in ("NOUN", "PROPN"):
        poss = next((c for c in cue.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        compound = next((c for c in cue.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        if compound is not None:
            return compound
        holders = _among(cue)
        if holders is not None:
            return holders
        acl = next((c for c in cue.children if c.dep_ == "acl"), None)
        return _subject(acl) if acl is not None else None
    subject = _subject(cue)
    if subject is not None:
        return _reporting_appositive(subject, cue) or subject
    if cue.dep_ == "relcl":
        return cue.head
    node, quoted = cue, False
    while (node.dep_ in CLIMB_DEPS or quoted and node.dep_ == "ccomp") and node.head.i != node.i:
        step, node = node.dep_, node.head
        if node.dep_ == "relcl" and step != "conj" and (cue.tag_ in FINITE_TAGS or _stranded_to(cue)):
            return node.head  # "Former staffers we spoke to said": a finite verb is no part of the relative
        subject = _subject(node)
        if subject is not None and _quoted_apart(subject, cue):
            quoted = True  # '"… that number is going up," citing X': the quote's subject; its speaker acts
            continue
        if subject is not None:
            return subject if _same_paragraph(subject, cue) else None
    return None


def _quoted_apart(one: Token, other: Token) -> bool:
    """Whether a quotation mark stands between two tokens an odd number of times: one is quoted, the other not."""
    lo, hi = sorted((one.i, other.i))
    return sum(t.text in DOUBLE_QUOTE_MARKS for t in one.doc[lo:hi]) % 2 == 1


def _same_paragraph(one: Token, other: Token) -> bool:
    lo, hi = sorted((one.i, other.i))
    return not any(t.is_space and "\n\n" in t.text for t in one.doc[lo:hi])


def _among(cue: Token) -> Token | None:
    """Who holds a shared view: "a consensus among past staff that …", "Among voters, there is a feeling that
    …" (on the noun, or on the "there is" it completes)."""
    places = [cue]
    if cue.dep_ in ("attr", "nsubj") and cue.head.lemma_ == "be":
        places.append(cue.head)
    for place in places:
        among = next((c for c in place.children if c.dep_ == "prep" and c.lower_ == "among"), None)
        holders = next((g for g in among.children if g.dep_ == "pobj"), None) if among is not None else None
        if holders is not None:
            return holders
    return None


def _stranded_to(cue: Token) -> bool:
    """A tensed verb after the stranded preposition of a contact clause, parsed as an infinitive: "staffers
    we spoke to said", "… we talked to described" (an infinitive would be a bare VB)."""
    auxiliaries = [c for c in cue.children if c.dep_ in ("aux", "auxpass")]
    return (
        cue.tag_ in (*FINITE_TAGS, "VBN")
        and len(auxiliaries) == 1
        and auxiliaries[0].lower_ == "to"
        and auxiliaries[0].i == cue.i - 1
    )


def _reporting_appositive(subject: Token, cue: Token) -> Token | None:
    """The reporter of "…, The New York Times reported" where the parse made it an apposition to the noun
    before the comma ("records for John Brennan, The New York Times reported"): the apposition runs on to
    the cue with no closing comma, and a verb comes before the subject in its sentence."""
    appos = next((c for c in subject.rights if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN")), None)
    if appos is None or appos.right_edge.i >= cue.i:
        return None
    doc = cue.doc
    if doc[appos.left_edge.i - 1].text != ",":
        return None
    if any(t.dep_ not in ("aux", "neg", "advmod") or t.is_punct for t in doc[appos.right_edge.i + 1 : cue.i]):
        return None
    before = doc[cue.sent.start : subject.left_edge.i]
    return appos if any(t.pos_ in ("VERB", "AUX") for t in before) else None


def _split_by_appositive(source: Token | None, cue: Token) -> bool:
    """Whether the source is a reporter the parse hung on the end of its content (``_reporting_appositive``)."""
    return source is not None and source.dep_ == "appos" and _reporting_appositive(source.head, cue) == source


def cue_tokens(cue: Token, model: CueModel | None) -> list[Token]:
    """The cue head and the children PolNeAR keeps with it ("has said", "also said", "pointed out")."""
    table = model.cue_children if model else {}
    kept = [cue]
    prep = _prep_object_cue(cue)
    prep_cue = prep.i if prep is not None else -1
    for child in sorted(cue.children, key=lambda t: abs(t.i - cue.i)):
        key = f"{child.dep_}|{child.lower_}"
        share = table.get(key, table.get(f"{child.dep_}|*"))
        keep = share > 0.5 if share is not None else child.dep_ in DEFAULT_CUE_CHILD_DEPS
        if child.i == prep_cue or (cue.lower_ == "according" and child.lower_ == "to"):
            keep = True
        if child.dep_ in ("aux", "auxpass") and child.text == "Will" and child.i != child.sent.start:
            keep = False  # "George Will wrote": a name the tagger read as a modal
        if child.dep_ == "aux" and child.lower_ == "to" and _stranded_to(cue):
            keep = False  # "staffers we spoke to said": the stranded preposition the parse took for "to"
        if keep and _adjacent(child, kept):
            kept.append(child)
    kept.sort(key=lambda t: t.i)
    kept += _medium_phrase(cue, kept[-1])
    last = kept[-1]
    if last.i + 1 < len(cue.doc) and cue.doc[last.i + 1].text == ":":
        kept.append(cue.doc[last.i + 1])
    return kept


def _medium_phrase(cue: Token, last: Token) -> list[Token]:
    """ "said in a statement", "wrote in an email": the medium PolNeAR keeps inside the cue."""
    doc = cue.doc
    if last.i + 1 >= len(doc):
        return []
    prep = doc[last.i + 1]
    if prep.dep_ != "prep" or prep.head.i != cue.i or prep.lower_ not in ("in", "on"):
        return []
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in NOUN_CUES:
        return []
    return list(doc[prep.i : pobj.i + 1])


def cue_chain(cue: Token) -> Token | None:
    """The speech verb that carries the content of a longer cue: "declined to comment", "went on to say",
    "released a statement saying"."""
    statement = next((c for c in cue.rights if c.dep_ == "dobj" and c.lemma_.lower() in NOUN_CUES), None)
    if statement is not None:
        verb = next((c for c in statement.rights if c.dep_ == "acl" and c.tag_ == "VBG"), None)
        if verb is not None and verb.lemma_.lower() in SPEECH_VERBS:
            return verb
    if cue.lemma_.lower() not in CONTROL_VERBS:
        return None
    start = cue.i + 2 if cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].dep_ == "prt" else cue.i + 1
    if start + 1 >= len(cue.doc) or cue.doc[start].lower_ != "to":
        return None
    verb = cue.doc[start + 1]
    speech = verb.lemma_.lower() in SPEECH_VERBS or verb.lemma_.lower() in ("comment", "discuss", "address")
    return verb if speech and verb.dep_ == "xcomp" and verb.head.i == cue.i else None


def _prep_object_cue(cue: Token) -> Token | None:
    """The preposition of a prepositional cue ("called for", "referring to"), whose object is the content."""
    if cue.pos_ != "VERB" or cue.lemma_.lower() in QUOTING_VERBS:
        return None
    if any(c.dep_ in COMPLEMENT_DEPS for c in cue.children):
        return None
    nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    prt = nxt if nxt is not None and nxt.dep_ == "prt" and nxt.head.i == cue.i else None
    after = cue.doc[(prt or cue).i + 1] if (prt or cue).i + 1 < len(cue.doc) else None
    if after is not None and after.dep_ == "prep" and after.head.i == cue.i and after.lower_ not in SCENE_PREPS:
        return after
    return None


def _adjacent(token: Token, kept: list[Token]) -> bool:
    lo, hi = min(t.i for t in kept), max(t.i for t in kept)
    between = token.doc[hi + 1 : token.i] if token.i > hi else token.doc[token.i + 1 : lo]
    return all(t.dep_ in ("aux", "auxpass", "neg", "advmod") and t.head.i in {k.i for k in kept} for t in between)


def _complements(cue: Token, away: set[int]) -> list[Token]:
    """The children of the cue that hold what was said, in text order."""
    children = [c for c in cue.children if c.i not in away]
    clausal = [c for c in children if c.dep_ == "ccomp"]
    if clausal:
        return clausal[:1]
    found = [c for c in children if c.dep_ in COMPLEMENT_DEPS and c.i > cue.i]
    if not found and _is_passive(cue):
        found = [c for c in children if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "this")]
    if cue.pos_ in ("NOUN", "PROPN"):
        found += [c for c in children if c.dep_ in ("acl", "appos") and c.i > cue.i and c.lemma_ != "see"]
    if not found:
        preps = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ not in SCENE_PREPS][:1]
        found = [g for p in preps for g in p.children if g.dep_ in ("pobj", "pcomp") and g.i not in away]
    elif found:
        first = min(c.i for c in found)
        found += [
            c
            for c in children
            if c.dep_ == "prep" and c.i > first and (c.lower_ not in SCENE_PREPS or _misattached_object_prep(c, found))
        ]
    return sorted(found, key=lambda t: t.i)


SCENE_ENTITY_TYPES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT", "ORG"})


def _misattached_object_prep(prep: Token, found: list[Token]) -> bool:
    """A scene-like preposition right after the object that the parser hung on the verb but that belongs to
    the object ("highlighted flaws | in America's human rights record"): its object has a possessor or a
    modifier, and is no time, place, organisation or speech event ("in the past", "in a statement")."""
    if not any(c.dep_ == "dobj" for c in found) or prep.i != max(c.right_edge.i for c in found) + 1:
        return False
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if pobj is None or pobj.ent_type_ in SCENE_ENTITY_TYPES or pobj.lemma_.lower() in NOUN_CUES:
        return False
    return any(t.dep_ == "poss" for t in pobj.children) or (
        pobj.pos_ == "NOUN" and any(t.dep_ in ("compound", "amod") for t in pobj.children)
    )


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """Split tokens (sorted) into runs of consecutive indices; a gap of spaces within a line is no gap."""
    runs: list[list[Token]] = []
    for token in tokens:
        gap = token.doc[runs[-1][-1].i + 1 : token.i] if runs else None
        if gap is not None and all(t.is_space and "\n" not in t.text for t in gap):
            runs[-1].append(token)
        else:
            runs.append([token])
    return [_without_connective(run) for run in runs if _without_connective(run)]


def _without_connective(run: list[Token]) -> list[Token]:
    """A run without a leading connective ("But", "However,", "because") that links it to what came before."""
    while run and (
        run[0].dep_ in ("cc", "mark", "punct") or (run[0].dep_ == "advmod" and run[0].lower_ in CONNECTIVES)
    ):
        run = run[1:]
    return run


def _trim(text: str, span: CharSpan) -> CharSpan | None:
    """Trim whitespace and punctuation outside quotation marks at both ends."""
    start, end = span
    while start < end and (text[start].isspace() or text[start] in TRIM_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRIM_PUNCT):
        end -= 1
    return (start, end) if end > start else None


def _in_sentence(root: Token, away: set[int]) -> list[Token]:
    sent = root.sent
    return [t for t in root.subtree if sent.start <= t.i < sent.end and t.i not in away and not t.is_space]


def _content_tokens(cue: Token, away: set[int]) -> list[list[Token]]:
    """Token runs of the content, before quote extension (one run, or two around an "according to")."""
    if cue.lower_ == "according":
        root = cue.head
        while root.dep_ in ("prep", "conj") and root.head.i != root.i:
            root = root.head
        away = away | {t.i for t in cue.subtree}
        runs = [_paragraph_bounded(run, run[0]) for run in _runs(_in_sentence(root, away))]
        return [run for run in runs if any(not t.is_punct for t in run)][:2]
    complements = _complements(cue, away)
    if complements:
        complements += _continuing_conjuncts(cue, complements)
        tokens = sorted({t for c in complements for t in _in_sentence(c, away)}, key=lambda t: t.i)
    elif cue.dep_ in ("parataxis", "ccomp", "advcl") and cue.head.i != cue.i:
        away = away | {t.i for t in cue.subtree}
        runs = [_paragraph_bounded(run, run[0]) for run in _runs(_in_sentence(cue.head, away))]
        return [run for run in runs if any(not t.is_punct for t in run)][:2]
    else:
        return []
    if not tokens:
        return []
    side_left = tokens[0].i < cue.i
    run = [t for t in tokens if (t.i < cue.i) == side_left]
    anchor = run[-1] if side_left else run[0]
    return [_paragraph_bounded(run, anchor)]


def _continuing_conjuncts(cue: Token, complements: list[Token]) -> list[Token]:
    """A conjunct the parser hung on the cue that goes on with what was said ("said that A, but B")."""
    last = max(c.right_edge.i for c in complements)
    if last < cue.i:
        return []
    return [
        c
        for c in cue.rights
        if c.dep_ == "conj" and c.i > last and c.pos_ in ("VERB", "AUX") and c.lemma_.lower() not in SPEECH_VERBS
    ]


def find_content(
    cue: Token, cue_toks: list[Token], source: Token | None, quotes: list[CharSpan], text: str
) -> list[CharSpan]:
    """The content pieces of a cue: its complement, the clause it interrupts, its quote(s)."""
    away = {t.i for t in cue_toks}
    if source is not None:
        away |= {t.i for t in _source_tokens(source, cue_toks)}
    pieces = []
    for run in _content_tokens(cue, away):
        while run and run[-1].dep_ == "cc":
            run = run[:-1]  # "denied meddling and | Trump has denied …": the conjunction links two reports
        span = _char_span(run)
        if span is None:
            continue
        trimmed = _trim(text, extend_to_quote(span, quotes))
        if trimmed is not None:
            pieces.append(trimmed)
    cluster = _cluster(cue_toks, source)
    right_side = bool(pieces) and pieces[0][0] >= cluster[1]
    if not right_side and (not pieces or cue.dep_ != "ROOT" or _split_by_appositive(source, cue)):
        prefix = _sentence_prefix(cue, cluster, quotes, text)
        if prefix is not None:
            pieces = [prefix]
        before = quote_before(text, cluster[0], quotes)
        if before is not None and not any(s < before[1] and before[0] < e for s, e in pieces):
            pieces = [before]
    if not pieces:
        after = next_quote(text, cluster[1], quotes, gap=" ,:")
        if after is not None:
            pieces = [after]
    if not pieces and cluster[0] <= cue.sent[0].idx + 1:
        previous = quote_before(text, cue.sent[0].idx, quotes, gap=" ")
        if previous is not None:
            pieces = [previous]
    if len(pieces) == 1 and pieces[0][1] <= cluster[0] and text[pieces[0][1] - 1] in QUOTE_CLOSE:
        second = next_quote(text, cluster[1], quotes) or _quote_opening_next_sentence(cue, quotes, text)
        if second is not None:
            pieces.append(second)
    return [p for p in pieces if text[p[0] : p[1]].lower() not in RELATIVE_WORDS]


def _quote_opening_next_sentence(cue: Token, quotes: list[CharSpan], text: str) -> CharSpan | None:
    """``"A," she said in Concord. "B."``: the quote that opens the next sentence of the paragraph, when
    the rest of the cue's sentence only modifies the cue."""
    sent = cue.sent
    subtree = {t.i for t in cue.subtree}
    if any(t.i not in subtree and not t.is_punct and not t.is_space for t in cue.doc[cue.i : sent.end]):
        return None
    end = sent[-1].idx + len(sent[-1].text)
    for qs, qe in quotes:
        if qs >= end:
            gap = text[end:qs]
            return (qs, qe) if len(gap) <= 2 and "\n" not in gap and not gap.strip(" .") else None
    return None


def _sentence_prefix(cue: Token, cluster: CharSpan, quotes: list[CharSpan], text: str) -> CharSpan | None:
    """The sentence before a cue that closes it after a comma ("…, Politico reported recently.")."""
    sent = cue.sent
    before = text[sent[0].idx : cluster[0]].rstrip()
    if not before.endswith(",") and not (before and before[-1] in QUOTE_CLOSE and before[:-1].endswith(",")):
        return None
    tail = [t for t in sent if t.idx >= cluster[1] and not t.is_punct and not t.is_space]
    subtree = {t.i for t in cue.subtree}
    if len(tail) > 8 or any(t.i not in subtree or t.pos_ in ("VERB", "AUX") for t in tail):
        return None
    start = sent[0].idx
    while start < cluster[0] and text[start].isspace():
        start += 1
    return _trim(text, extend_to_quote((start, len(before) + sent[0].idx), quotes))


def _source_tokens(source: Token, cue_toks: list[Token]) -> list[Token]:
    """The source's phrase: its subtree, but never the cue or what follows it when the source comes first
    (the parse may hang the cue inside the source's phrase: "Former staffers we spoke to said")."""
    stop = _mention_stop(source, cue_toks)
    return [t for t in source.subtree if stop is None or not source.i < stop <= t.i]


def _mention_stop(source: Token, cue_toks: list[Token]) -> int | None:
    """Where a source's mention must end: at its cue, unless the cue heads a relative clause on the source
    ("officials who said"), whose phrase the mention keeps as before."""
    if any(t.dep_ == "relcl" and t.head == source for t in cue_toks):
        return None
    return min(t.i for t in cue_toks)


def _cluster(cue_toks: list[Token], source: Token | None) -> CharSpan:
    """The stretch of the cue and, when it sits next to it, its source ("he said", "said Smith")."""
    tokens = list(cue_toks)
    if source is not None:
        subtree = _source_tokens(source, cue_toks)
        near = min(abs(subtree[0].i - cue_toks[-1].i), abs(cue_toks[0].i - subtree[-1].i))
        if near <= 2:
            tokens += subtree
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def _negated(cue: Token, chained: Token | None = None) -> bool:
    """Whether the cue denies the speech act ("did not say", "would not confirm", "declined to say")."""
    for verb in (cue, chained):
        if verb is not None and any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.i < verb.i) for c in verb.children):
            return True
    if chained is not None and cue.lemma_.lower() in NEGATING_VERBS:
        return True
    return cue.dep_ == "xcomp" and cue.head.lemma_.lower() in NEGATING_VERBS


# --- colon and block quotes -----------------------------------------------------------------------


def _paragraph_after(text: str, pos: int) -> CharSpan | None:
    start = pos
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text):
        return None
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _block_candidate(
    cue: Token, cue_span: list[Token], colon: Token, text: str, conf: float, how: str
) -> Candidate | None:
    """A cue closing its paragraph with a colon ("X revealed Friday:"): the next paragraph is the content."""
    after = colon.idx + 1
    rest = text[after : text.find("\n", after) if "\n" in text[after:] else len(text)]
    if rest.strip():
        return None
    content = _paragraph_after(text, after)
    content = _trim(text, content) if content is not None else None
    if content is None:
        return None
    source = find_source(cue)
    return Candidate(
        kind="block",
        cue=_char_span(cue_span),
        source=_mention(source) if source is not None else None,
        content=[content],
        negated=_negated(cue),
        confidence=conf,
        evidence=f"{how}:colon-block",
        cue_token=cue.i,
    )


def _colon_after(cue: Token) -> Token | None:
    sent = cue.sent
    colons = [t for t in sent if t.text == ":" and t.i > cue.i]
    if not colons:
        return None
    colon = colons[-1]
    between = cue.doc[cue.i + 1 : colon.i]
    if any(t.dep_ in ("ccomp",) and t.head.i == cue.i for t in between):
        return None
    return colon


def colon_candidate(colon: Token, quotes: list[CharSpan], text: str) -> Candidate | None:
    """A line that opens with a name and a colon: "Paul Ryan: FBI decision defies explanation", "Q: …"."""
    if colon.text != ":":
        return None
    doc = colon.doc
    line_start = text.rfind("\n", 0, colon.idx) + 1
    speaker: list[Token] = []
    for token in reversed(doc[: colon.i]):
        if token.idx < line_start or token.text in ("-", "—", "–"):
            break
        speaker.insert(0, token)
    speaker = [t for t in speaker if not t.is_space]
    if not 1 <= len(speaker) <= 8 or any(t.pos_ not in COLON_SPEAKER_POS for t in speaker):
        return None
    if not any(t.pos_ == "PROPN" or t.lower_ in COLON_SPEAKER_WORDS for t in speaker):
        return None
    line_end = text.find("\n", colon.idx)
    content = _trim(text, (colon.idx + 1, len(text) if line_end < 0 else line_end))
    if content is None:
        return None
    content = _trim(text, extend_to_quote(content, quotes)) or content
    return Candidate(
        kind=quote_kind([content], quotes),
        cue=(colon.idx, colon.idx + 1),
        source=_char_span(speaker),
        content=[content],
        confidence=0.6,
        evidence="speaker-colon",
        cue_token=colon.i,
    )


# --- detection ----------------------------------------------------------------------------------------


def _candidate(
    cue: Token, model: CueModel | None, quotes: list[CharSpan], text: str, conf: float, how: str
) -> Candidate | None:
    cue_span = cue_tokens(cue, model)
    colon = _colon_after(cue)
    if colon is not None:
        block = _block_candidate(cue, cue_span, colon, text, conf, how)
        if block is not None:
            return block
    source = find_source(cue)
    chained = cue_chain(cue)
    if chained is not None:
        bridge = cue.doc[cue_span[-1].i + 1 : chained.i]
        cue_span = sorted({*cue_span, *bridge, *cue_tokens(chained, model)}, key=lambda t: t.i)
    content = find_content(chained or cue, cue_span, source, quotes, text)
    if not content:
        return None
    cue_char = _char_span(cue_span)
    source_char = _mention(source, _mention_stop(source, cue_span)) if source is not None else None
    if cue_char and any(s < cue_char[1] and cue_char[0] < e for s, e in content):
        return None
    return Candidate(
        kind=quote_kind(content, quotes),
        cue=cue_char,
        source=source_char,
        content=content,
        negated=_negated(cue, chained),
        confidence=conf,
        evidence=f"{how}:{cue.dep_}",
        cue_token=cue.i,
    )


def detect(
    doc: Doc, model: CueModel | None | bool = True, tagger: Any = True, ranker: ContentRanker | None | bool = True
) -> list[Candidate]:
    """Every attribution candidate in one parsed article, in text order.

    ``model``: a CueModel, True for the shipped one (falling back to rules when absent), or None/False
    for the lexicon rules only. ``tagger``: a ``pycrfsuite.Tagger``, True for the shipped CRF tagger, or
    None/False for none; it runs only with a cue model, whose scores are among its features.
    ``ranker``: the content ranker that picks among the tagger's and the rules' contents, True for the
    shipped one, None/False for none; it runs only with a tagger.
    """
    cue_model = load_cue_model() if model is True else (model or None)
    crf = load_tagger(MODEL_DIR) if tagger is True else (tagger or None)
    found = detect_readings(doc, cue_model, crf)
    content_ranker = load_ranker(MODEL_DIR) if ranker is True else (ranker or None)
    candidates = found.candidates
    if content_ranker is not None and crf is not None and cue_model is not None:
        candidates = rank_contents(doc, candidates, found.tagged, found.rules, content_ranker, found.quotes)
    candidates = without_coordinated_reports(doc, [with_relative_antecedent(doc, c) for c in candidates])
    candidates = with_unsourced(doc, candidates, found.quotes)
    return sorted(candidates + nested_candidates(doc, candidates), key=lambda c: (c.cue or c.content[0])[0])


def without_coordinated_reports(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """A content that runs on over a report coordinated with its cue ("Russia has denied meddling and Trump
    has denied any collusion"; "met donors and said …") stops before that report's clause: the second
    report is its own attribution, not part of what the first attributes."""
    heads = {c.cue_token: c for c in candidates if c.cue_token is not None}
    for candidate in candidates:
        if candidate.cue_token is None:
            continue
        cue = doc[candidate.cue_token]
        for other in cue.conjuncts:
            if other.i <= cue.i or other.i not in heads or other.head.i != cue.i:
                continue
            stop = doc[min(t.i for t in other.subtree if t.i > cue.i)]
            pieces = []
            for start, end in candidate.content:
                if start < stop.idx < end:
                    end = _cut_before(doc, stop)
                if end > start and (trimmed := _trim(doc_text(doc), (start, end))) is not None:
                    pieces.append(trimmed)
            candidate.content = pieces or candidate.content
    return candidates


def _cut_before(doc: Doc, stop: Token) -> int:
    """Where a piece ends that stops before ``stop``, without the conjunction or comma that joined them."""
    i = stop.i - 1
    while i > 0 and (doc[i].dep_ == "cc" or doc[i].is_punct or doc[i].is_space):
        i -= 1
    return doc[i].idx + len(doc[i].text)


def with_relative_antecedent(doc: Doc, candidate: Candidate) -> Candidate:
    """A cue inside a relative clause whose relative pronoun is part of what is said ("a move that some
    Republicans believe made the U.S. look weak", "a plan which she called a disaster"): the noun the
    clause modifies opens the content, as the first of its pieces."""
    if candidate.cue_token is None or not candidate.content:
        return candidate
    cue = doc[candidate.cue_token]
    antecedent = cue.head
    if cue.dep_ != "relcl" or antecedent.pos_ not in ("NOUN", "PROPN"):
        return candidate
    inside = {t.i for s, e in candidate.content if (span := doc.char_span(s, e, alignment_mode="expand")) for t in span}
    relative = next(
        (
            t
            for t in doc[antecedent.i + 1 : cue.i]
            if t.lower_ in RELATIVE_WORDS
            and (t.head.i == cue.i and t.dep_ in ("dobj", "dative") or t.head.i in inside and t.dep_ in SUBJECT_DEPS)
        ),
        None,
    )
    if relative is None:
        return candidate
    start = next(t for t in doc[antecedent.left_edge.i : antecedent.i + 1] if not t.is_punct)
    piece = (start.idx, antecedent.idx + len(antecedent.text))
    if any(s < piece[1] and piece[0] < e for s, e in candidate.content):
        return candidate
    candidate.content = sorted([piece, *candidate.content])
    return candidate


@dataclass
class Detection:
    """Detection's candidates, and the contents each detector read on its own (for the content ranker)."""

    candidates: list[Candidate]
    tagged: list[DetectorReading]
    rules: list[DetectorReading]
    quotes: list[CharSpan]


def detect_readings(doc: Doc, cue_model: CueModel | None, crf: Any) -> Detection:
    """The rule candidates merged with the tagger's (when there are a cue model and a tagger)."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    in_quote = quote_index(doc, quotes)
    scores = cue_scores(doc, in_quote, cue_model) if cue_model is not None else {}
    found = _rule_candidates(doc, cue_model, quotes, in_quote, scores)
    rule_readings = [(c.cue, tuple(c.content)) for c in found]
    if cue_model is None or crf is None:
        return Detection(found, [], rule_readings, quotes)
    tagged = tag_candidates(doc, crf, scores, in_quote, quotes, found)
    tagged_readings = [(c.cue, tuple(c.content)) for c in tagged]  # merging completes tagged candidates in place
    merged = [with_parse_source(doc, c) for c in merge_tagged(tagged, found)]
    return Detection(merged, tagged_readings, rule_readings, quotes)


def _rule_candidates(
    doc: Doc, cue_model: CueModel | None, quotes: list[CharSpan], in_quote: list[int], scores: dict[int, float]
) -> list[Candidate]:
    text = doc_text(doc)
    found: list[Candidate] = []
    taken_until = -1  # end of the last cue span: a chained verb ("declined to say") is not a cue again
    for token in doc:
        if token.text == ":" and token.idx >= taken_until:
            candidate = colon_candidate(token, quotes, text)
            if candidate is not None:
                found.append(candidate)
            continue
        if token.pos_ not in CANDIDATE_POS or token.idx < taken_until:
            continue
        is_cue, conf, how = _is_cue(token, in_quote[token.i] >= 0, cue_model, scores.get(token.i, 0.0))
        if not is_cue:
            continue
        candidate = _candidate(token, cue_model, quotes, text, round(conf, 3), how)
        if candidate is not None:
            found.append(candidate)
            if candidate.cue is not None:
                taken_until = max(taken_until, candidate.cue[1])
    found += report_adverb_candidates(doc, found, in_quote)
    found += excerpt_candidates(doc, found)
    return _untangle(sorted(found, key=lambda c: (c.cue or c.content[0])[0]), text)


def report_adverb_candidates(doc: Doc, found: list[Candidate], in_quote: list[int]) -> list[Candidate]:
    """A claim with a report adverb and no one reporting it ("The FBI is reportedly investigating the
    donation", "Blinken reportedly left the door open"): reports nobody names attribute it, with the adverb
    for cue and no source; the content is the clause the adverb modifies, on both sides of it. Not where
    the adverb hedges a cue ("reportedly said") or lies in what another attribution says ("…, CNN said")."""
    out = []
    for adverb in doc:
        if adverb.lower_ not in REPORT_ADVERBS or adverb.dep_ != "advmod" or in_quote[adverb.i] >= 0:
            continue
        verb = adverb.head
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in REPORTED_CLAUSE_DEPS:
            continue
        cue = (adverb.idx, adverb.idx + len(adverb.text))
        reported = any(
            c.cue_token == verb.i or overlaps(cue, c.cue) or any(overlaps(cue, p) for p in c.content) for c in found
        )
        if reported:
            continue  # "X reportedly said …" hedges a cue; "…, CNN said" reports the claim
        runs = [_paragraph_bounded(run, adverb) for run in _runs(_in_sentence(verb, {adverb.i}))]
        pieces = [p for run in runs if (p := _char_span(run)) and (p := _trim(doc_text(doc), p))]
        if pieces:
            out.append(
                Candidate("indirect", cue, None, pieces, confidence=0.6, evidence=REPORT_ADVERB, cue_token=adverb.i)
            )
    return out


def tag_candidates(
    doc: Doc, crf: Any, scores: dict[int, float], in_quote: list[int], quotes: list[CharSpan], rules: list[Candidate]
) -> list[Candidate]:
    """The CRF tagger's candidates, paragraph by paragraph, with the rule candidates' tags as features."""
    rule_roles = candidate_roles(rules)
    sentence_of = sentence_ids(doc)
    text = doc_text(doc)
    found = []
    for paragraph in paragraphs(doc):
        features = token_features(paragraph, scores, in_quote, role_tags(paragraph, rule_roles), sentence_of)
        for candidate in assemble(paragraph, crf.tag(features), quotes, text):
            head = doc[candidate.cue_token] if candidate.cue_token is not None else None
            candidate.negated = head is not None and _negated(head)
            found.append(subject_into_content(candidate, text))
    return found


def with_parse_source(doc: Doc, candidate: Candidate) -> Candidate:
    """The parse's source where the tagger's is only a piece of the cue's subject phrase ("Trump in May last
    year," of "Comey, fired by Trump in May last year, was worried"; "we" of "Former staffers we spoke to
    said") or holds the subject with more ("John Brennan, The New York Times" … reported), or where the
    tagger found none ("a consensus among past staff that …"). A cue that reaches back into the source's
    phrase ("spoke to said") starts after it."""
    if candidate.cue_token is None or candidate.cue is None:
        return candidate
    cue = doc[candidate.cue_token]
    subject = find_source(cue)
    cue_span = doc.char_span(*candidate.cue, alignment_mode="expand")
    if subject is None or subject.is_space or cue_span is None:
        return candidate
    if not _same_paragraph(subject, cue):
        return candidate  # a subject in another paragraph is the parse running over a break
    phrase = {t.i for t in subject.subtree}
    if candidate.source is None and _among(cue) != subject:
        return candidate  # the tagger's silence is PolNeAR's: only a view held "among" a group gains one
    if candidate.source is not None:
        span = doc.char_span(*candidate.source, alignment_mode="expand")
        if span is None or span.root == subject or subject in span.root.conjuncts:
            return candidate  # the tagger's is the subject's own phrase, or a coordination holding it
        if span.root.dep_ == "poss" and span.root.head == subject:
            return candidate  # "Mrs. Clinton's proposals …": the tagger takes the possessor, as PolNeAR does
        if not (span.start <= subject.i < span.end or all(t.i in phrase for t in span)):
            return candidate
    cue_toks = list(cue_span)
    if subject.i < cue.i:
        kept = {k.i for k in cue_tokens(cue, None)}
        stray = [t for t in cue_toks if t.i < cue.i and t.i in phrase and t.i not in kept]
        if stray:
            cue_toks = [t for t in cue_toks if t.i > stray[-1].i]
    if not cue_toks:
        return candidate
    mention = _mention(subject, cue_toks[0].i)
    if mention is None:
        return candidate
    if overlaps(mention, candidate.cue) and mention[0] > candidate.cue[0]:
        holder = subject.head if subject.head.dep_ == "prep" else subject  # "a consensus among past staff"
        cue_toks = [t for t in cue_toks if t.i < holder.i]
    cue_char = _char_span(cue_toks)
    if cue_char is None or overlaps(mention, cue_char):
        return candidate
    candidate.cue = _trim(doc_text(doc), cue_char) or cue_char
    candidate.source = mention
    return candidate


def subject_into_content(candidate: Candidate, text: str) -> Candidate:
    """A lone report adverb ("Blinken reportedly left the door open") names no speaker: what the tagger took
    for the source is the subject of the reported claim, so it joins the content (as PolNeAR marks it)."""
    cue, source = candidate.cue, candidate.source
    if cue is None or source is None or text[cue[0] : cue[1]].lower() not in REPORT_ADVERBS:
        return candidate
    candidate.content = sorted([source, *candidate.content])
    candidate.source = None
    return candidate


def merge_tagged(tagged: list[Candidate], rules: list[Candidate]) -> list[Candidate]:
    """The tagger's candidates, each completed by the rule candidate on the same cue (its source when the
    tagger found none, its negation, confidence and evidence), and the rule candidates the tagger missed."""
    merged = []
    for candidate in tagged:
        rule = next((r for r in rules if overlaps(candidate.cue, r.cue)), None)
        if rule is not None and (rule.evidence == REPORT_ADVERB or _conflicts(candidate, rule)):
            merged.append(rule)
            continue
        if rule is not None:
            candidate.content = _longer_same_start(candidate.content, rule.content)
            candidate.source = candidate.source or rule.source
            candidate.negated = rule.negated
            candidate.confidence = rule.confidence
            candidate.evidence = f"crf-tagger+{rule.evidence}"
            candidate.cue_token = rule.cue_token
        merged.append(candidate)
    merged += [r for r in rules if not any(overlaps(r.cue, t.cue) for t in tagged)]
    return sorted(merged, key=lambda c: (c.cue or c.content[0])[0])


def _longer_same_start(tagged: list[CharSpan], rule: list[CharSpan]) -> list[CharSpan]:
    """The rule's content where the tagger's stops early inside it ("to push human rights | and democracy …"):
    the parse knows where the clause ends. Held-out train: content F1 unchanged, 63 contents completed."""
    if len(tagged) == 1 and len(rule) == 1 and tagged[0][0] == rule[0][0] and tagged[0][1] < rule[0][1]:
        return list(rule)
    return tagged


def _conflicts(tagged: Candidate, rule: Candidate) -> bool:
    """Whether the tagged content runs into the rule's cue ("declined | to say …") or into the source the
    candidate would have ("…,” one official said"): the rules' reading is the consistent one."""
    source = tagged.source or rule.source
    return any(overlaps(piece, rule.cue) or overlaps(piece, source) for piece in tagged.content)


def _untangle(found: list[Candidate], text: str) -> list[Candidate]:
    """Where two cues each fall in the other's content ("A is telling X to act, Politico reported"),
    the parse hung the outer report inside the inner one: the inner content stops before the outer
    report's source and cue."""
    for inner in found:
        for outer in found:
            if inner is outer or inner.cue is None or outer.cue is None or len(inner.content) != 1:
                continue
            start, end = inner.content[0]
            if start <= outer.cue[0] < end and any(s <= inner.cue[0] < e for s, e in outer.content):
                stop = min(outer.cue[0], outer.source[0] if outer.source else outer.cue[0])
                trimmed = _trim(text, (start, stop))
                if trimmed is not None:
                    inner.content = [trimmed]
    return found
