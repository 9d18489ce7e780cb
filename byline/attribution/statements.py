"""Whether a candidate reports words at all: two screens beside ``filters.py`` (docs/attribution-guideline.md §1).

- **no words reported**: a verb of speech whose content is only what it was about ("praised the decision",
  "dismissed the idea", "referring to the inquiry") reports a stance but no statement a reader could check;
  it is kept, doubted (a careful reader may still want "condemned the administration's policy"). Verbs that
  name something ("called it a hoax", "described him as a liar"), feelings ("was worried about the memo")
  and quoted words are words.
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
from byline.attribution.nested import VIEW_NOUNS
from byline.nlp.text import doc_text

# Verbs that name or characterise: their noun-phrase object is the words ("called it a 'disaster'").
NAMING_VERBS = frozenset(
    """
    call describe label brand dub term characterize characterise portray name nickname deem consider cite identify
    """.split()
)
# Feelings and beliefs count as someone's without a clause ("was worried about the memo", "felt betrayed").
FEELING_VERBS = frozenset(
    """
    worry fear feel hope believe think know suspect doubt concern anger upset frustrate alarm trouble
    enrage outrage dismay disappoint welcome expect wonder regret
    worried concerned afraid angry upset frustrated alarmed troubled enraged outraged dismayed disappointed
    confident optimistic pessimistic skeptical sceptical sure certain convinced hopeful aware cognizant incensed
    insistent adamant
    """.split()
)
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADP", "DET"})
VERBAL_CUES = (
    NAMING_VERBS | FEELING_VERBS | STATEMENT_CUES | SPEECH_VERBS | EVIDENCE_VERBS | SOURCE_PREPOSITIONS | REPORT_ADVERBS
)
KNOWN_CUES = VERBAL_CUES | NOUN_CUES | VIEW_NOUNS
# Desires: an act or state, not words (docs/attribution-guideline.md, notes: "want", "would like" are acts).
DESIRE_VERBS = frozenset({"want", "wish", "like", "love", "desire", "crave"})

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
    if (
        lemma == "cite"
        and not _cited_as(head)
        and not any(t.pos_ in ("VERB", "AUX") for t in content_tokens(doc, candidate))
    ):
        cue_lemmas.discard("cite")  # "citing his past comments" names a topic; "cited X as a reason" names X
    if candidate.kind in ("direct", "mixed", "block") or cue_lemmas & (NAMING_VERBS | FEELING_VERBS):
        return None
    if head.pos_ not in ("VERB", "AUX") or not only_a_topic(doc, candidate):
        return None
    return "doubt", f"'{head.text}' reports what it was about, not the words"


def unknown_cue(doc: Doc, candidate: Candidate, head: Token, quotes: list[CharSpan]) -> Verdict:
    """A cue byline's lexicons do not know as speech, thought, evidence or a report."""
    if candidate.cue is None or candidate.kind == "block":
        return None
    if doc_text(doc)[candidate.cue[0] : candidate.cue[1]].strip() == ":":
        return None
    words = [t for t in _tokens(doc, candidate.cue) if t.is_alpha]
    if any(_known(t) for t in words):
        return None
    if not _takes_words(doc, candidate, head):
        return "drop", f"'{head.text}' is no verb of speech, thought or reporting and takes no clause or quote"
    return "doubt", f"'{head.text}' is not a verb of speech, thought or reporting byline knows"


def _known(token: Token) -> bool:
    """A cue word in byline's lexicons; a noun cue only as a noun ("pressing" is not "press release")."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in VERBAL_CUES - FEELING_VERBS or lower in VERBAL_CUES - FEELING_VERBS:
        return True
    if token.pos_ in ("VERB", "ADJ", "AUX") and (lemma in FEELING_VERBS or lower in FEELING_VERBS):
        return True
    return token.pos_ in ("NOUN", "PROPN") and (lemma in KNOWN_CUES or lower in KNOWN_CUES)


def _takes_words(doc: Doc, candidate: Candidate, head: Token) -> bool:
    """Whether the cue takes quoted words or a finite clause ("replayed that …", "is insistent the …"), not
    only an object, an infinitive or a phrase ("deadlocked on passing …", "shocked many with …")."""
    if candidate.kind in ("direct", "mixed"):
        return True
    words = content_tokens(doc, candidate)
    if any(t.text in QUOTE_MARKS or "“" in t.text or "”" in t.text for t in words):
        return True
    inside = {t.i for t in words}
    for token in words:
        if token.dep_ == "conj" or token.head.i in inside and token.head.i != token.i:
            continue  # a clause coordinated with the cue, or one inside the content
        subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)
        if _finite(token) and (subject or token.dep_ == "ccomp"):
            return True
    return False


def _finite(token: Token) -> bool:
    """A finite verb ("left", "is", "will leave"), not an infinitive or a participle ("to leave", "leaving")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in token.children)


def _cited_as(head: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in head.children)


def spoken_of(doc: Doc, candidate: Candidate, head: Token, quotes: list[CharSpan]) -> Verdict:
    """No one's words: a desire ("wants the party to retreat", "would wish for more"), speech named as a
    hypothetical act that is the subject of a sentence ("Asking them to retreat would be …"), and "say"
    meaning "for example" ("go back on, say, the tax law")."""
    lemma = head.lemma_.lower()
    if lemma == "say" and _for_example(head):
        return "drop", "'say' here means 'for example'"
    subjectless = not any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in head.children)
    if (
        head.tag_ == "VBG"
        and subjectless
        and (head.dep_ in ("csubj", "csubjpass") or head.dep_ == "pcomp" and head.head.lower_ in ("like", "as"))
    ):
        return "drop", f"'{head.text}' is spoken of as an act (the subject of a sentence), not a statement"
    modal = any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in head.children)
    if lemma in DESIRE_VERBS and (lemma in ("want", "wish", "desire", "crave") or modal):
        if not _takes_words(doc, candidate, head):
            return "drop", f"'{head.text}' states a desire, not words"
        return "doubt", f"'{head.text}' states a desire, not words"
    return None


def _for_example(head: Token) -> bool:
    """ "say" set off as an aside: no subject, a comma before it, a comma or an ellipsis after it."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in head.children) or head.i == 0:
        return False
    before, after = head.doc[head.i - 1], head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    return before.text == "," and after is not None and after.text in (",", "...", "…", "—", "–")
