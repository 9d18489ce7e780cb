"""Hedges: words that weaken an attribution's cue or its reported claim ("reportedly said", "is likely")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from byline.nlp.spans import SpanMap
from byline.reading import Attribution, Span

HEDGE_WORDS = frozenset(
    """
    reportedly allegedly apparently possibly purportedly likely probably perhaps seemingly supposedly
    presumably ostensibly maybe
    """.split()
)
HEDGE_MODALS = frozenset({"may", "might", "could"})
# Verbs that hedge as "<verb> to" ("appears to") or, passive, "is <verb> to" ("is said to").
HEDGE_RAISING_VERBS = frozenset({"appear", "seem"})
HEDGE_PASSIVE_VERBS = frozenset({"say", "believe", "think", "report", "understand", "rumor", "rumour", "allege"})
# Hedges that say the claim comes from someone else's report: they also set chains.
REPORT_HEDGES = frozenset({"reportedly", "allegedly", "purportedly", "is said to", "according to reports"})


def hedge_phrases(doc: Doc) -> list[tuple[int, int, Token]]:
    """Every hedge in the text: (start token, end token, the token it modifies)."""
    found = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.lower_ in HEDGE_WORDS and token.pos_ in ("ADV", "ADJ"):
            found.append((token.i, token.i + 1, token.head))
        elif lemma in HEDGE_MODALS and token.tag_ == "MD" and not _inability(token):
            found.append((token.i, token.i + 1, token.head))
        elif lemma in HEDGE_RAISING_VERBS and _next_lower(doc, token.i) == "to":
            found.append((token.i, token.i + 2, token))
        elif lemma in HEDGE_PASSIVE_VERBS and token.tag_ == "VBN" and _next_lower(doc, token.i) == "to":
            auxiliary = doc[token.i - 1] if token.i and doc[token.i - 1].lemma_ == "be" else None
            if auxiliary is not None:
                found.append((token.i - 1, token.i + 2, token))
        elif token.lower_ == "according" and doc[token.i : token.i + 3].text.lower() == "according to reports":
            found.append((token.i, token.i + 3, token.head))
    return found


def _inability(modal: Token) -> bool:
    """A modal of (in)ability, not a hedge: "could not say", "could only guess"."""
    return any(c.dep_ == "neg" or c.lower_ == "only" for c in modal.head.children)


def _next_lower(doc: Doc, i: int) -> str:
    return doc[i + 1].lower_ if i + 1 < len(doc) else ""


def attribution_hedges(doc: Doc, attribution: Attribution, index: HedgeIndex) -> list[Span]:
    """Hedges of one attribution: on its cue, or on the main clause of its content."""
    targets = cue_tokens(doc, attribution) | content_predicates(doc, attribution)
    hedges = []
    for start, end, _ in index.touching(targets):
        span = doc[start:end]
        hedges.append(Span(start=span.start_char, end=span.end_char, text=span.text))
    return hedges


class HedgeIndex:
    """Hedge phrases looked up by the tokens they hold or modify (a scan of every phrase for every
    attribution grows with the square of the article's length)."""

    def __init__(self, phrases: list[tuple[int, int, Token]]) -> None:
        self.phrases = phrases
        self._by_tokens = SpanMap(((start, end), k) for k, (start, end, _) in enumerate(phrases))
        self._by_modified: dict[int, list[int]] = {}
        for k, (_, _, modified) in enumerate(phrases):
            self._by_modified.setdefault(modified.i, []).append(k)

    def touching(self, targets: set[int]) -> list[tuple[int, int, Token]]:
        """The phrases, in order, that modify one of ``targets`` or hold one."""
        found: set[int] = set()
        for i in targets:
            found.update(self._by_modified.get(i, ()))
            found.update(self._by_tokens.meeting(i, i + 1))
        return [self.phrases[k] for k in sorted(found)]


def cue_tokens(doc: Doc, attribution: Attribution) -> set[int]:
    """Tokens of the cue (so that "reportedly said" and "is said to have told" hedge it)."""
    if attribution.cue is None:
        return set()
    span = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
    return {t.i for t in span} if span is not None else set()


def content_predicates(doc: Doc, attribution: Attribution) -> set[int]:
    """The main predicate of each content span and its open complements ("might be … to acknowledge").

    Hedges deeper inside the content belong to nested claims, not to what is attributed.
    """
    predicates: set[int] = set()
    for piece in attribution.content:
        span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        predicates.add(root.i)
        predicates.update(
            c.i for c in root.children if c.dep_ in ("xcomp", "acomp") and c.i in range(span.start, span.end)
        )
    return predicates


def attach_hedges(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """Attributions with their hedges set, in text order."""
    phrases = HedgeIndex(hedge_phrases(doc))
    return [a.model_copy(update={"hedges": attribution_hedges(doc, a, phrases)}) for a in attributions]


def is_report_hedge(span: Span) -> bool:
    """Whether a hedge says the claim is someone else's report ("reportedly", "is said to")."""
    words = " ".join(span.text.lower().split())
    return words in REPORT_HEDGES or words.endswith("said to") or words.endswith("reported to")
