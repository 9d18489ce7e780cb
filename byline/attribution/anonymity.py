"""Anonymous and vague sources: "one official", "unnamed senior officials", "sources said", "critics"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from byline.attribution.cues import REPORT_ADVERBS
from byline.reading import Attribution

VAGUE_NOUNS = frozenset(
    """
    official source person people aide staffer staff member critic resident observer analyst expert insider
    diplomat lawmaker legislator employee worker witness spokesperson adviser advisor someone somebody
    conservative liberal progressive activist supporter opponent voter investigator officer executive
    backer proponent advocate detractor skeptic sceptic
    student parent neighbour neighbor participant negotiator commentator economist scientist
    researcher doctor teacher citizen protester protestor man woman leader representative administrator personnel
    """.split()
)
VAGUE_PRONOUNS = frozenset({"some", "many", "others", "several", "few", "most"})
QUANTIFIERS = frozenset(
    """
    a an another one two three four five six seven eight nine ten some several many few various other multiple
    numerous most certain unnamed anonymous unidentified
    """.split()
)
DEFINITE_MARKERS = frozenset({"the", "this", "that", "these", "those"})
# Singular nouns that name a group of people: "past staff", "senior personnel".
COLLECTIVE_NOUNS = frozenset({"staff", "personnel"})
ANONYMITY_PHRASES = re.compile(
    r"anonymity|not authori[sz]ed to|asked not to be|declined to be (named|identified)"
    r"|familiar with|close to the|briefed on|with knowledge of|not named",
    re.IGNORECASE,
)
UNNAMED_REPORTS = "unnamed reports"
DESCRIPTION_EXCLUDED_DEPS = frozenset({"relcl", "appos", "punct", "advcl"})


def vague_description(span: Span) -> str | None:
    """Who a vague or anonymous source is said to be ("unnamed senior State officials"), or None if named."""
    root = span.root
    if any(t.ent_type_ == "PERSON" for t in span) or root.pos_ == "PROPN" and root.ent_type_ != "NORP":
        return None
    if root.is_title and root.i != root.sent.start and root.ent_type_ != "NORP":
        return None  # a name the model missed: "Citizens for Tax Justice"
    if root.dep_ == "appos":
        return None  # describes someone named beside it: "Tim Kaine, a man who …"
    lemma = root.lemma_.lower()
    if lemma == "report" and is_bare_plural(root) and not any(t.pos_ == "PROPN" for t in span):
        return UNNAMED_REPORTS  # "according to reports", "media reports said": reports nobody names
    group_noun = lemma in VAGUE_NOUNS or root.ent_type_ == "NORP" and root.tag_ in ("NNS", "NNPS")
    vague_pronoun = root.lower_ in VAGUE_PRONOUNS and root.pos_ in ("PRON", "DET", "ADJ")
    if not (group_noun or vague_pronoun):
        return None
    if vague_pronoun or is_quantified(root) or is_bare_plural(root) or says_anonymous(root):
        return describe(root, span.start, span.end)
    return None


def is_quantified(root: Token) -> bool:
    """Counted or unnamed, not definite: "one official", "some Republicans" (but not "the two men")."""
    lefts = list(root.lefts)
    if any(c.lower_ in DEFINITE_MARKERS or c.dep_ == "poss" for c in lefts):
        return False
    return any(c.lower_ in QUANTIFIERS or c.dep_ == "nummod" for c in lefts)


def is_bare_plural(root: Token) -> bool:
    """Bare plurals, "sources said", "critics say": a plural (or a group noun: "past staff") with no
    determiner or possessor."""
    if root.tag_ not in ("NNS", "NNPS") and root.lower_ not in COLLECTIVE_NOUNS:
        return False
    return not any(c.dep_ in ("det", "poss") for c in root.lefts)


def says_anonymous(root: Token) -> bool:
    """Said to be anonymous: "…, who spoke on condition of anonymity", "a source familiar with the talks"."""
    subtree = root.doc[root.left_edge.i : root.right_edge.i + 1]
    return bool(ANONYMITY_PHRASES.search(subtree.text))


def describe(root: Token, within_start: int = 0, within_end: int | None = None) -> str:
    """A vague source's noun phrase without relative clauses or appositions: "Two council staff members"."""
    doc = root.doc
    excluded = {t.i for c in root.children if c.dep_ in DESCRIPTION_EXCLUDED_DEPS for t in c.subtree}
    end = root.i
    limit = min(root.right_edge.i + 1, len(doc) if within_end is None else within_end)
    for token in doc[root.i + 1 : limit]:
        if token.i in excluded:
            break
        end = token.i
    start = max(root.left_edge.i, within_start)
    while start < root.i and (doc[start].is_punct or doc[start].i in excluded):
        start += 1
    return " ".join(doc[start : end + 1].text.split())


def mark_anonymous(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """Attributions with vague sources marked anonymous (entity None) and described.

    A definite vague source left unresolved ("the official said") is anonymous when an anonymous source
    with the same noun came before; it takes that one's description.
    """
    marked: list[Attribution] = []
    for attribution in attributions:
        source = attribution.source
        if source.span is None and by_unnamed_reports(attribution):
            updated = source.model_copy(update={"anonymous": True, "description": UNNAMED_REPORTS})
            marked.append(attribution.model_copy(update={"source": updated}))
            continue
        if source.span is None or source.entity is not None or source.anonymous:
            marked.append(attribution)
            continue
        span = doc.char_span(source.span.start, source.span.end, alignment_mode="expand")
        description = vague_description(span) if span is not None else None
        if description is None and span is not None and refers_back_to_anonymous(span):
            description = _earlier_description(doc, marked, span.root.lemma_.lower())
        marked.append(attribution if description is None else made_anonymous(attribution, description))
    return marked


def made_anonymous(attribution: Attribution, description: str) -> Attribution:
    """The attribution with its source anonymous, described as ``description``, and tied to no entity."""
    source = attribution.source.model_copy(update={"anonymous": True, "description": description, "entity": None})
    return attribution.model_copy(update={"source": source})


def by_unnamed_reports(attribution: Attribution) -> bool:
    """Attributed by a report adverb alone ("X reportedly left …"): the authority is reports nobody names."""
    cue = attribution.cue
    return cue is not None and cue.text.lower() in REPORT_ADVERBS


def refers_back_to_anonymous(span: Span) -> bool:
    """A definite vague noun with no name ("the official", "the sources") that can point back to one."""
    root = span.root
    if root.lemma_.lower() not in VAGUE_NOUNS or any(t.ent_type_ == "PERSON" for t in span):
        return False
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_MARKERS for c in root.lefts)


def _earlier_description(doc: Doc, earlier: list[Attribution], lemma: str) -> str | None:
    for attribution in reversed(earlier):
        source = attribution.source
        if source.anonymous and source.span is not None and source.description:
            span = doc.char_span(source.span.start, source.span.end, alignment_mode="expand")
            if span is not None and span.root.lemma_.lower() == lemma:
                return source.description
    return None


# -- "they" for a group no name stands for --------------------------------------------------------------

GROUP_TAGS = frozenset({"NNS", "NNPS"})


def is_people_group(token: Token) -> bool:
    """A plural mention of people as a group: "Democrats", "members of the establishment", "voters"."""
    if token.tag_ not in GROUP_TAGS:
        return False
    return token.ent_type_ == "NORP" or token.lemma_.lower() in VAGUE_NOUNS


def group_description(token: Token) -> str:
    """How a group is described, without relative clauses: "members of the Republican establishment"."""
    return describe(token)


def nearest_group(doc: Doc, before: int, window_start: int, skip: list[tuple[int, int]]) -> Token | None:
    """The nearest plural group of people mentioned between ``window_start`` and token ``before`` (as a
    subject, or as the head of a group mention), outside the ``skip`` spans."""
    for token in reversed(list(doc[:before])):
        if token.idx < window_start:
            return None
        if any(s <= token.idx < e for s, e in skip) or not is_people_group(token):
            continue
        if token.dep_ in ("nsubj", "nsubjpass", "ROOT", "conj", "appos") or token.ent_type_ == "NORP":
            return token
    return None


def continued_quote_start(text: str, quoted: tuple[tuple[int, int], ...], enclosing: tuple[int, int]) -> int:
    """Where a quotation begins that ``enclosing`` goes on with after a short cue ('"…," he says. "…'):
    a pronoun in the second part may refer to a name in the first."""
    start = enclosing[0]
    for piece_start, piece_end in sorted(quoted, reverse=True):
        if piece_end > start:
            continue
        gap = text[piece_end:start]
        if len(gap) > 40 or "\n" in gap:
            break
        start = piece_start
    return start
