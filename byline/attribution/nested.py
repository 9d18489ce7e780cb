"""Beliefs the cue model leaves out (docs/attribution-guideline.md §1, §5), found over the parse after detection:

- **a belief inside someone's quote**: `"Voters believe the plan will fail," she said.` lists the voters'
  belief too (the guideline's notes: someone else's belief reported inside a quote is listed, via the
  quote; the speaker's own "I think", "we believe" is not listed a second time). ``chains.py`` links it
  to the quote that holds it (containment).
- **a feeling stated with an adjective and a clause**: "the lawyers are cognizant that …", "aides are
  convinced that …";
- **a view held in a place or group**: "the feeling inside the agency is that …", "the thinking in some
  quarters is that …" (source: the place or group, cue: the noun phrase of the view).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from byline.attribution.model import Candidate, CharSpan, overlaps
from byline.nlp.quotes import doc_quotes
from byline.nlp.spans import inside_any

BELIEF_VERBS = frozenset("believe think worry fear expect suspect doubt know feel assume hope".split())
BELIEF_ADJECTIVES = frozenset(
    "cognizant aware convinced confident worried concerned afraid certain sure fearful hopeful insistent".split()
)
# Anger stated as someone's, in the passive: "groups were incensed that …", "she was enraged by the idea of …".
ANGER_PARTICIPLES = frozenset("enrage incense outrage anger infuriate dismay appall appal disgust offend".split())
# Speech a third party is said to have made inside a quote: "As Obama himself has said, he lacks the power".
QUOTED_SPEECH_VERBS = frozenset("say state admit acknowledge concede warn claim argue insist".split())
VIEW_NOUNS = frozenset({"feeling", "thinking", "view", "sense", "consensus", "belief", "assumption", "hope", "fear"})
VIEW_PLACES = frozenset({"in", "inside", "within", "among", "at"})
# The speaker's own voice inside their quote: not listed a second time.
OWN_VOICE = frozenset({"i", "we", "you", "me", "us"})
NESTED = "nested-belief"
CONFIDENCE = 0.6
TRIM = " ,.;:—–-\"'“”‘’"


def _span(doc: Doc, tokens: list[Token]) -> CharSpan | None:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and (tokens[0].text in TRIM or tokens[0].lower_ == "that" and tokens[0].dep_ == "mark"):
        tokens = tokens[1:]
    while tokens and tokens[-1].text in TRIM:
        tokens = tokens[:-1]
    if not tokens:
        return None
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _subtree(token: Token) -> list[Token]:
    return list(token.doc[token.left_edge.i : token.right_edge.i + 1])


def _clause(head: Token) -> Token | None:
    return next((c for c in head.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)


def _subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _inside(position: int, quotes: list[CharSpan]) -> bool:
    return inside_any(position, quotes)


def nested_candidates(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Beliefs and views detection did not find, as candidates (none on a cue already found)."""
    quotes = doc_quotes(doc)
    taken = {c.cue_token for c in found if c.cue_token is not None}
    out: list[Candidate] = []

    def add(cue_tokens: list[Token], head: Token, source: list[Token] | None, clause: Token) -> None:
        cue = _span(doc, cue_tokens)
        end = max(clause.right_edge.i, head.right_edge.i if head.pos_ == "ADJ" else clause.right_edge.i)
        content = _span(doc, [t for t in doc[clause.left_edge.i : end + 1] if t.i > head.i])
        if cue is None or content is None or head.i in taken:
            return
        if any(overlaps(cue, c.cue) for c in found + out):
            return
        negated = any(c.dep_ == "neg" for c in head.children)
        source_span = _span(doc, source) if source else None
        out.append(Candidate("indirect", cue, source_span, [content], negated, CONFIDENCE, NESTED, head.i))

    for token in doc:
        in_quote = _inside(token.idx, quotes)
        if token.tag_ == "VBN" and token.lemma_.lower() in ANGER_PARTICIPLES and not in_quote:
            subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            passive = any(c.dep_ == "auxpass" for c in token.children)
            what = _clause(token) or next(
                (o for c in token.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None
            )
            if subject is not None and passive and what is not None:
                add([token], token, _subtree(subject), what)
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in QUOTED_SPEECH_VERBS and in_quote and token.dep_ == "advcl":
            subject, main = _subject(token), token.head
            marked_as = any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
            if subject is None or not marked_as or subject.lower_ in OWN_VOICE or subject.pos_ == "PRON":
                continue
            if token.i in taken or any(overlaps(_span(doc, [token]), c.cue) for c in found + out):
                continue
            own = {t.i for t in token.subtree}
            content = _span(doc, [t for t in _subtree(main) if t.i not in own])
            if content is not None:
                cue = _span(doc, [c for c in token.children if c.dep_ == "aux"] + [token])
                out.append(
                    Candidate(
                        "indirect", cue, _span(doc, _subtree(subject)), [content], False, CONFIDENCE, NESTED, token.i
                    )
                )
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in BELIEF_VERBS and in_quote:
            subject, clause = _subject(token), _clause(token)
            if subject is None or clause is None or subject.lower_ in OWN_VOICE or subject.pos_ == "PRON":
                continue
            add([token], token, _subtree(subject), clause)
        elif token.pos_ == "ADJ" and token.lower_ in BELIEF_ADJECTIVES and token.dep_ == "acomp":
            verb, clause = token.head, _clause(token)
            subject = _subject(verb) if verb.lemma_ == "be" else None
            if subject is None or clause is None or in_quote and subject.lower_ in OWN_VOICE:
                continue
            add([token], token, _subtree(subject), clause)
        elif token.lemma_ == "be" and not in_quote:
            view = _subject(token)
            clause = next(
                (c for c in token.children if c.dep_ in ("ccomp", "attr") and c.pos_ in ("VERB", "AUX")), None
            )
            if view is None or clause is None or view.lemma_.lower() not in VIEW_NOUNS:
                continue
            place = next((c for c in view.children if c.dep_ == "prep" and c.lower_ in VIEW_PLACES), None)
            holder = next((c for c in place.children if c.dep_ == "pobj"), None) if place is not None else None
            cue_tokens = [t for t in view.lefts if t.dep_ == "det"] + [view]
            add(cue_tokens, view, _subtree(holder) if holder is not None else None, clause)
    return out
