"""Source mentions corrected before resolution, where the tagger or the parse gave the wrong phrase.

- A cue conjoined to a verb inside another attribution's content ("he argued that the subpoena was
  unfair and added …") takes the source of that attribution: a phrase inside someone's content is never
  the source of a conjoined cue.
- A participle after a relative clause ("The case reached the Supreme Court, which ruled …, saying …"),
  when the main subject cannot speak, belongs to the relative clause's subject.
- A finite verb the parser hung on a noun as a modifier ("The group, which endorsed X, called on Y …")
  has that noun as its subject.
- Of two subjects in one mention ("Mocking MTV, Colbert said"), the one next to the verb is the speaker.
- A phrase that names no speaker before a colon ("The main reason: \"…\"") is no source.
- A non-finite cue with no source has the subject it implies ("X was quick to condemn").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from byline.attribution.anonymity import VAGUE_NOUNS
from byline.attribution.model import Candidate, CharSpan
from byline.entities import lexicon as lx
from byline.nlp.text import doc_text

SUBJECT_DEPS = ("nsubj", "nsubjpass")
OBJECT_CONTROL_VERBS = frozenset({"tell", "ask", "order", "urge", "instruct", "force", "direct", "press", "encourage"})
SPEAKING_NOUNS = lx.ROLE_NOUNS | lx.PERSON_NOUNS | lx.ORG_HEAD_WORDS | lx.GENERIC_ORG_NOUNS | VAGUE_NOUNS


def corrected_source(
    doc: Doc, candidate: Candidate, cue: Token | None, others: list[Candidate]
) -> tuple[CharSpan | None, str] | None:
    """A better source mention for ``candidate`` (None: no source) and why, or None to keep the one it has."""
    if cue is None:
        return None
    if candidate.source is None:
        return _modifier_verb_subject(cue)
    if candidate.cue is not None and doc_text(doc)[candidate.cue[0] : candidate.cue[1]].strip() == ":":
        return _colon_after_a_non_speaker(doc, candidate.source)
    if cue.dep_ == "conj":
        return _source_of_enclosing_content(candidate, others)
    if cue.tag_ == "VBG" and cue.dep_ == "advcl":
        return _relative_clause_subject(doc, candidate.source, cue)
    return None


def _colon_after_a_non_speaker(doc: Doc, source: CharSpan) -> tuple[None, str] | None:
    """ "The main reason: \"…\"": a phrase that names no speaker before a colon is not the source; the
    quote goes on from the speaker before it, if any (the source is dropped)."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if root.pos_ != "NOUN" or root.ent_type_ or root.tag_ in ("NNS", "NNPS") or not root.is_lower or len(span) < 2:
        return None  # a one-word label ("A:", "Q:") or a capitalised name is a speaker's tag
    if root.lemma_.lower() in SPEAKING_NOUNS | lx.COMMUNICATION_NOUNS:
        return None
    return None, f"'{span.text}' before a colon names no speaker"


def _inside(span: CharSpan, pieces: list[CharSpan]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in pieces)


def _source_of_enclosing_content(candidate: Candidate, others: list[Candidate]) -> tuple[CharSpan, str] | None:
    """ "X argued that the subpoena was unfair and added …": the source of the attribution whose content
    holds the tagged source (the subpoena), when it has one outside its own content."""
    source = candidate.source
    assert source is not None
    for other in others:
        if other is candidate or other.source is None or not _inside(source, list(other.content)):
            continue
        if other.source != source and not _inside(other.source, list(other.content)):
            return other.source, "conjoined cue: the source inside another content gives way to its speaker"
    return None


def _relative_clause_subject(doc: Doc, source: CharSpan, cue: Token) -> tuple[CharSpan, str] | None:
    """ "The case reached the Supreme Court, which ruled …, saying …": "which", when the main subject is
    a common noun that names no speaker and a relative clause with a "which/who" subject comes between."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if root.pos_ != "NOUN" or root.ent_type_ or root.lemma_.lower() in SPEAKING_NOUNS:
        return None
    for token in reversed(list(doc[span.end : cue.i])):
        if token.dep_ == "relcl" and token.tag_ in ("VBD", "VBZ", "VBP"):
            relative = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and c.tag_ in ("WDT", "WP")), None)
            if relative is not None and relative.head.head.pos_ == "PROPN":
                return (relative.idx, relative.idx + len(relative.text)), "participle of the relative clause"
    return None


def _modifier_verb_subject(cue: Token) -> tuple[CharSpan, str] | None:
    """ "The group, which endorsed X …, called on Y to …" parsed with no main verb: the sentence's root is
    the noun, with a relative clause after it, and "called" hangs on a noun as a modifier after a comma."""
    doc = cue.doc
    noun = cue.sent.root
    if cue.dep_ != "acl" or cue.tag_ not in ("VBD", "VBN") or cue.i == 0 or doc[cue.i - 1].text != ",":
        return None
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i >= cue.i:
        return None
    if not any(c.dep_ == "relcl" and noun.i < c.i < cue.i for c in noun.children):
        return None
    start = doc[noun.left_edge.i]
    return (start.idx, noun.idx + len(noun.text)), "finite verb parsed as a modifier; the root noun is its subject"


def subject_next_to_verb(span: Span) -> Token:
    """The head of a source mention: of several subjects of one verb in it, the name after a comma
    ("Mocking MTV, Colbert"); a misparse with no comma ("statistics released after Trump's speech") keeps
    its root."""
    root = span.root
    heads = [t for t in span if not t.is_punct and not span.start <= t.head.i < span.end]  # parts left apart
    if len(heads) < 2 or heads[-1] == root or heads[-1].dep_ not in SUBJECT_DEPS:
        return root
    last, before = heads[-1], heads[-2]
    comma = any(t.text == "," for t in span.doc[before.i + 1 : last.i])
    return last if comma and last.pos_ in ("PROPN", "PRON") else root


def implied_subject(doc: Doc, candidate: Candidate) -> tuple[int, int] | None:
    """The unwritten subject of a non-finite cue: "X was quick to condemn", "In defending X, officials said".

    Climbs from the cue through open complements and prepositional clauses to the first verb with a
    subject; after "told/asked/urged … to", the object is the one who acts.
    """
    token = cue_head(doc, candidate)
    if token is None or token.tag_ not in ("VB", "VBG", "VBN") or _subject(token) is not None:
        return None
    for _ in range(4):
        if token.dep_ not in ("xcomp", "pcomp", "acomp", "prep", "advcl") or token.head is token:
            return None
        climbed_from, token = token, token.head
        if climbed_from.dep_ == "xcomp" and token.lemma_.lower() in OBJECT_CONTROL_VERBS:
            actor = next((c for c in token.children if c.dep_ == "dobj"), None)
            return _phrase_bounds(actor) if actor is not None else None
        subject = _subject(token)
        if subject is not None:
            return _phrase_bounds(subject)
    return None


def cue_head(doc: Doc, candidate: Candidate) -> Token | None:
    if candidate.cue_token is not None and 0 <= candidate.cue_token < len(doc):
        return doc[candidate.cue_token]
    if candidate.cue is None:
        return None
    span = doc.char_span(*candidate.cue, alignment_mode="expand")
    return span.root if span is not None else None


def _subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _phrase_bounds(head: Token) -> tuple[int, int]:
    """A noun phrase's extent without relative clauses or appositions after a comma."""
    doc = head.doc
    end = head.i
    for token in doc[head.i + 1 : head.right_edge.i + 1]:
        if token.is_punct or token.dep_ in ("relcl", "appos"):
            break
        end = token.i
    return doc[head.left_edge.i].idx, doc[end].idx + len(doc[end].text)


def main_clause_subject(doc: Doc, start: int) -> bool:
    """Whether the mention starting at ``start`` is the subject of its sentence's main clause."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    root = token.root if token is not None and len(token) else None
    while root is not None and root.dep_ == "compound":
        root = root.head
    return root is not None and root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT"
