"""Whether a candidate reports words at all: two screens beside ``filters.py`` (docs/attribution-guideline.md §1).

- **no words reported**: a verb of speech whose content is only what it was about ("praised the decision",
  "dismissed the idea", "referring to the inquiry") reports no statement a reader could check; only verbs
  that name something ("called it a hoax", "described him as a liar") take a noun phrase as their words.
  Quoted words are always words.
- **an unknown cue**: a cue whose head is in none of byline's lexicons of speech, thought, evidence and
  reporting nouns ("is pressing", "goes after", "deadlocked on") is kept, with its confidence lowered and
  the reason in its evidence, for the calibrator and the reader to weigh.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from byline.attribution.candidate_parse import _tokens
from byline.attribution.cues import (
    EVIDENCE_VERBS,
    NOUN_CUES,
    QUOTE_MARKS,
    REPORT_ADVERBS,
    SOURCE_PREPOSITIONS,
    SPEECH_VERBS,
    STATEMENT_CUES,
)
from byline.attribution.model import Candidate, CharSpan

# Verbs that name or characterise: their noun-phrase object is the words ("called it a 'disaster'").
NAMING_VERBS = frozenset(
    "call describe label brand dub term characterize characterise portray name nickname deem consider cite".split()
)
# Feelings and beliefs count as someone's without a clause ("was worried about the memo", "felt betrayed").
FEELING_VERBS = frozenset(
    """
    worry fear feel hope believe think know suspect doubt concern anger upset frustrate alarm trouble
    enrage outrage dismay disappoint welcome expect wonder regret
    worried concerned afraid angry upset frustrated alarmed troubled enraged outraged dismayed disappointed
    confident optimistic pessimistic skeptical sceptical sure certain convinced hopeful aware cognizant incensed
    """.split()
)
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADP", "DET"})
KNOWN_CUES = STATEMENT_CUES | SPEECH_VERBS | EVIDENCE_VERBS | NOUN_CUES | SOURCE_PREPOSITIONS | REPORT_ADVERBS

Verdict = tuple[str, str] | None


def content_tokens(doc: Doc, candidate: Candidate) -> list[Token]:
    """The content's words, every piece."""
    return [t for piece in candidate.content for t in _tokens(doc, piece)]


def only_a_topic(doc: Doc, candidate: Candidate) -> bool:
    """Whether the content is a noun or prepositional phrase with no quoted words ("the idea of calling X",
    "Kelly's decision to rescind the memo"), not a clause."""
    words = content_tokens(doc, candidate)
    if not words or any(t.text in QUOTE_MARKS or "“" in t.text or "”" in t.text for t in words):
        return False
    if len(candidate.content) > 1:
        return False
    inside = {t.i for t in words}
    tops = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    if not tops or tops[0].pos_ not in NOMINAL or any(t.pos_ in ("VERB", "AUX") for t in tops):
        return False
    return not any(grounds_given(c) for top in tops for c in [top, *top.children])


def grounds_given(child: Token) -> bool:
    """A reason or a characterisation hung on the object: "condemned X for being weak", "attacked X as soft"."""
    if child.dep_ != "prep" or child.lower_ not in ("for", "as", "over"):
        return False
    return any(t.pos_ in ("VERB", "AUX", "ADJ") for t in child.subtree)


def wordless(doc: Doc, candidate: Candidate, head: Token, quotes: list[CharSpan]) -> Verdict:
    """A verb of speech that reports only what was spoken about, not what was said."""
    lemma = head.lemma_.lower()
    cue_words = _tokens(doc, candidate.cue)
    cue_lemmas = {t.lemma_.lower() for t in cue_words} | {t.lower_ for t in cue_words} | {lemma}
    if candidate.kind in ("direct", "mixed", "block") or cue_lemmas & (NAMING_VERBS | FEELING_VERBS):
        return None
    if head.pos_ not in ("VERB", "AUX") or not only_a_topic(doc, candidate):
        return None
    if lemma in ("deny", "confirm", "admit", "acknowledge"):
        return "doubt", f"'{head.text}' with only a noun phrase: what is denied or confirmed is not quoted"
    return "drop", f"'{head.text}' reports what it was about, not the words"


def unknown_cue(doc: Doc, candidate: Candidate, head: Token, quotes: list[CharSpan]) -> Verdict:
    """A cue byline's lexicons do not know as speech, thought, evidence or a report."""
    if candidate.cue is None or candidate.kind == "block":
        return None
    if doc.text[candidate.cue[0] : candidate.cue[1]].strip() == ":":
        return None
    words = [t for t in _tokens(doc, candidate.cue) if t.is_alpha]
    if any(t.lemma_.lower() in KNOWN_CUES or t.lower_ in KNOWN_CUES for t in words):
        return None
    return "doubt", f"'{head.text}' is not a verb of speech, thought or reporting byline knows"
