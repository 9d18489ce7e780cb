"""Who an attribution is attributed to, in the parse: the subject of a cue, the object of "according to",
the agent of a passive, the group "among" whom a view is held, and the mention's extent in characters."""

from __future__ import annotations

from spacy.tokens import Token

from byline.attribution.detection_words import (
    CLIMB_DEPS,
    DOUBLE_QUOTE_MARKS,
    FINITE_TAGS,
)
from byline.attribution.model import CharSpan
from byline.nlp.quotes import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
)


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
