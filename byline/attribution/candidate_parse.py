"""The parse around a detected candidate: its cue's head, its subject and what kind of thing that is, its
content's words. Pure functions over the spaCy doc, shared by the guideline's screens (``filters.py``,
``statements.py``)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from byline.attribution.anonymity import VAGUE_NOUNS
from byline.attribution.cues import EVIDENCE_NOUNS, NEGATORS, QUOTE_MARKS, STATEMENT_CUES
from byline.attribution.model import Candidate, CharSpan
from byline.entities.lexicon import DOCUMENT_NOUNS, GENERIC_ORG_NOUNS, ORG_HEAD_WORDS, ROLE_NOUNS
from byline.nlp.spans import inside_any
from byline.nlp.text import doc_text

# Subjects that can say or write something, and those that cannot ("the vote shows …": the writer).
SPEAKER_NOUNS = (
    ROLE_NOUNS
    | VAGUE_NOUNS
    | GENERIC_ORG_NOUNS
    | ORG_HEAD_WORDS
    | frozenset(
        """
        pollster author authors police authority authorities court jury panel committee researcher
        scientist investigator prosecutor analyst economist expert administration government campaign
        nominee rival challenger incumbent host anchor reporter journalist columnist senate house congress
        """.split()
    )
)
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Events and states of affairs: as the subject of "shows", "suggests", "means", the writer's reasoning.
FACT_NOUNS = frozenset(
    """
    vote votes episode decision move win victory loss defeat election fact case incident shooting attack
    performance event development situation crisis scandal controversy trend rise fall drop increase decline
    surge growth history success failure reaction behavior behaviour action actions approach environment
    exchange appearance outcome turnout race fight battle debate section story experience
    departure arrival resignation firing collapse shift change changes absence silence spectacle
    """.split()
)
# A part of a whole: the whole says who it is ("a number of members", "half of voters", "12 percent").
PART_NOUNS = frozenset("number majority minority half third quarter most some all many share percent %".split())
WRITER_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "which", "what"})
# Speech refused or not given: "declined to comment", "did not respond", "could not be reached".
UNSAID_VERBS = frozenset(
    {"comment", "respond", "reply", "answer", "elaborate", "speculate", "discuss", "talk", "return", "be", "reach"}
)



def _tokens(doc: Doc, span: CharSpan | None) -> list[Token]:
    if span is None:
        return []
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return [t for t in found if not t.is_space] if found is not None else []


def _root(tokens: list[Token]) -> Token | None:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), None)


def cue_head(doc: Doc, candidate: Candidate) -> Token | None:
    """The token heading the cue (the detector's, else the cue span's syntactic root)."""
    if candidate.cue_token is not None and 0 <= candidate.cue_token < len(doc):
        return doc[candidate.cue_token]
    return _root(_tokens(doc, candidate.cue))


def _source_text(doc: Doc, candidate: Candidate) -> str:
    return doc_text(doc)[candidate.source[0] : candidate.source[1]].strip() if candidate.source else ""


def _inside_quote(position: int, quotes: list[CharSpan]) -> bool:
    return inside_any(position, quotes)


def _subject(doc: Doc, candidate: Candidate, head: Token) -> Token | None:
    """The root of the cue's subject: the candidate's source, else the parse's subject of the cue."""
    source = _root(_tokens(doc, candidate.source))
    node, steps = head, 0
    while source is None and steps < 4:
        source = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if source is None and node.dep_ in ("acl", "relcl") and node.head.i != node.i:
            source = node.head
        if source is None and node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
            node, steps = node.head, steps + 1
            continue
        break
    if source is not None and source.lower_ in ("which", "that", "who") and source.head.dep_ == "relcl":
        source = source.head.head  # "a poll, which found …": the poll
    return source


def subject_kind(subject: Token | None) -> str:
    """document (a study, poll, video, report …), speaker (a person or body), fact (an event or state of
    affairs: "the vote", "the episode"), or unsure (none, "it", "this", a noun the lists do not know)."""
    if subject is None:
        return "unsure"
    if subject.lemma_.lower() in PART_NOUNS or subject.ent_type_ in ("PERCENT", "CARDINAL"):
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if whole is not None:
            return subject_kind(whole)
        if subject.ent_type_ in ("PERCENT", "CARDINAL") or subject.lemma_.lower() in ("percent", "%"):
            return "speaker"  # "Twelve percent indicated …": of those asked
    lemma, lower = subject.lemma_.lower(), subject.lower_
    if lower in WRITER_PRONOUNS:
        return "unsure"
    if subject.pos_ == "PRON":
        return "speaker"
    if lemma in FACT_NOUNS or lower in FACT_NOUNS:
        return "fact"
    if lemma in EVIDENCE_NOUNS or lower in EVIDENCE_NOUNS or lemma in DOCUMENT_NOUNS:
        return "document"
    if subject.ent_type_ in SPEAKER_ENTITIES or subject.pos_ == "PROPN":
        return "speaker"
    if lemma in SPEAKER_NOUNS or lower in SPEAKER_NOUNS or lower.endswith(("ers", "ists", "ians")):
        return "speaker"
    return "unsure"


def _negated(head: Token, cue_tokens: list[Token]) -> bool:
    return any(c.dep_ == "neg" for c in head.children) or any(t.lower_ in NEGATORS for t in cue_tokens)


def _has_words(doc: Doc, candidate: Candidate, head: Token) -> bool:
    """Whether the content carries something said: a quote, or a clause under a statement verb ("saying …")."""
    content = [t for piece in candidate.content for t in _tokens(doc, piece)]
    if any(t.text in QUOTE_MARKS for t in content):
        return True
    return any(
        t.pos_ == "VERB" and t.lemma_.lower() in STATEMENT_CUES - UNSAID_VERBS and t.i != head.i for t in content
    )


def _clause_or_quote(doc: Doc, candidate: Candidate, head: Token) -> bool:
    """Whether what the cue takes is a clause ("charged that …") or quoted words."""
    if candidate.kind in ("direct", "mixed"):
        return True
    return any(c.dep_ == "ccomp" for c in head.children)
