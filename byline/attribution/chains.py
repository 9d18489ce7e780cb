"""Source chains: through which attribution each one is reported (``via``); the outlet's voice is the root.

Each rule proposes links (attribution id -> the id it is reported through) and only fills a ``via`` still
empty; a link that would close a cycle is dropped. In order of precedence:

1. containment: a cue inside another attribution's content is reported through it ("X reported that Y said");
2. held documents: what a document says, or what its author says in it, is reported through the outlet
   that obtained or saw it ("a cable obtained by Politico", "a memo seen by the Gazette");
3. report hedges: "reportedly", "is said to" point to the latest report by a named outlet before them.

No rule reports a speaker through itself unless one lies inside what the other says: one speaker's
coordinated reports ("denied X and said Y") are two roots, not a chain.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from byline.attribution.hedges import is_report_hedge
from byline.entities.registry import Registry
from byline.nlp.spans import SpanMap
from byline.reading import Attribution

HOLD_VERBS = frozenset({"obtain", "see", "review", "view", "acquire", "receive", "get", "read", "publish", "leak"})
AUTHOR_PREPOSITIONS = frozenset({"from", "by"})
BACKGROUND_MARKS = frozenset({"after", "before", "since", "until", "when", "while", "once"})
Links = dict[str, str]


def link_chains(doc: Doc, attributions: list[Attribution], registry: Registry) -> list[Attribution]:
    """Attributions with ``via`` set by the rules above."""
    proposals = [
        containment_links(attributions, doc),
        held_document_links(doc, attributions, registry),
        report_hedge_links(attributions, registry),
    ]
    linked = assign_via(attributions, proposals)
    return assign_via(linked, [shared_frame_links(doc, linked)])


def assign_via(attributions: list[Attribution], proposals: Iterable[Links]) -> list[Attribution]:
    """Fill each empty ``via`` from the first proposal that has one, closes no cycle, and does not report
    a speaker through itself (unless the one lies inside what the other says: "I told him," she said)."""
    via = {a.id: a.via for a in attributions}
    by_id = {a.id: a for a in attributions}
    for links in proposals:
        for inner, outer in links.items():
            if via.get(inner) is not None or inner == outer or _reaches(via, outer, inner):
                continue
            if inner in by_id and outer in by_id and _self_report(by_id[inner], by_id[outer]):
                continue
            via[inner] = outer
    return [a.model_copy(update={"via": via[a.id]}) for a in attributions]


def same_speaker(one: Attribution, other: Attribution) -> bool:
    """Whether two attributions have the same speaker: the same entity, or the same source mention."""
    a, b = one.source, other.source
    if a.entity is not None and a.entity == b.entity:
        return True
    return a.span is not None and b.span is not None and (a.span.start, a.span.end) == (b.span.start, b.span.end)


def _inside(inner: Attribution, outer: Attribution) -> bool:
    cue = inner.cue
    return cue is not None and any(p.start <= cue.start and cue.end <= p.end for p in outer.content)


def _self_report(inner: Attribution, outer: Attribution) -> bool:
    """A link from a speaker to the same speaker where neither lies inside what the other says."""
    return same_speaker(inner, outer) and not _inside(inner, outer) and not _inside(outer, inner)


def _reaches(via: dict[str, str | None], start: str, target: str) -> bool:
    seen = set()
    current: str | None = start
    while current is not None and current not in seen:
        if current == target:
            return True
        seen.add(current)
        current = via.get(current)
    return False


def containment_links(attributions: list[Attribution], doc: Doc | None = None) -> Links:
    """An attribution whose cue lies inside another's content is reported through the innermost such one;
    not when the two are one speaker's coordinated reports that a content ran on over ("met donors and
    said …"), as the parse shows (with ``doc``)."""
    links: Links = {}
    contents = SpanMap(((piece.start, piece.end), (piece, outer)) for outer in attributions for piece in outer.content)
    for inner in attributions:
        if inner.cue is None:
            continue
        holders = [
            (piece.end - piece.start, outer.id)
            for piece, outer in contents.covering(inner.cue.start, inner.cue.end)
            if outer.id != inner.id
            and not (doc is not None and same_speaker(inner, outer) and coordinated(doc, inner, outer))
        ]
        if holders:
            links[inner.id] = min(holders)[1]
    return links


def coordinated(doc: Doc, inner: Attribution, outer: Attribution) -> bool:
    """Whether the inner cue is coordinated with the outer one ("denied X and said Y") rather than inside
    what it says, or shares its source mention (one subject, two verbs)."""
    if inner.source.span is not None and outer.source.span is not None:
        if (inner.source.span.start, inner.source.span.end) == (outer.source.span.start, outer.source.span.end):
            return True
    node, governor = _cue_head(doc, inner), _cue_head(doc, outer)
    if node is None or governor is None:
        return False
    while node.head.i != node.i:
        if node.head.i == governor.i:
            return node.dep_ == "conj"
        node = node.head
    return False


def held_document_links(doc: Doc, attributions: list[Attribution], registry: Registry) -> Links:
    """What a held document or its author says is reported through the holding outlet's nearest report."""
    holders = document_holders(doc, registry)
    authors = document_authors(doc, registry)
    links: Links = {}
    for document, outlet in holders.items():
        record = registry.get(document)
        reports = [a for a in attributions if a.source.entity == outlet and a.cue is not None]
        if record is None or not reports:
            continue
        speakers = {document} | authors.get(document, set())
        for attribution in attributions:
            if attribution.source.entity not in speakers or attribution.cue is None:
                continue
            position = max(attribution.cue.start, attribution.source.span.start if attribution.source.span else 0)
            if position < record.first_char or in_background_clause(doc, attribution):
                continue
            links[attribution.id] = nearest_report(doc, reports, attribution.cue.start).id
    return links


def nearest_report(doc: Doc, reports: list[Attribution], position: int) -> Attribution:
    """The report in the same sentence, else the latest before ``position``, else the first after it."""
    sentence = doc.char_span(position, position + 1, alignment_mode="expand")
    if sentence is not None:
        bounds = sentence.sent
        same = [r for r in reports if r.cue is not None and bounds.start_char <= r.cue.start < bounds.end_char]
        if same:
            return same[0]
    before = [r for r in reports if r.cue is not None and r.cue.start < position]
    return before[-1] if before else reports[0]


def document_holders(doc: Doc, registry: Registry) -> dict[str, str]:
    """Document entity -> the outlet that obtained or saw it ("X obtained a cable", "seen by X")."""
    holders: dict[str, str] = {}
    for record in registry.records:
        if record.type != "DOCUMENT":
            continue
        for start, end in record.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            outlet = _holding_outlet(span.root, registry) if span is not None else None
            if outlet is not None:
                holders.setdefault(record.id, outlet)
    return holders


def _holding_outlet(document: Token, registry: Registry) -> str | None:
    verb = document.head
    if document.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in HOLD_VERBS:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        agent = _agent(verb)
        found = _outlet_of(subject, registry) or _outlet_of(agent, registry)
        if found:
            return found
    for child in document.children:
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in HOLD_VERBS:
            found = _outlet_of(_agent(child), registry)
            if found:
                return found
    return None


def _agent(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _outlet_of(token: Token | None, registry: Registry) -> str | None:
    if token is None:
        return None
    entity = registry.entity_at(token.idx, token.idx + len(token.text))
    record = registry.get(entity)
    return entity if record is not None and record.type == "PUBLICATION" else None


def document_authors(doc: Doc, registry: Registry) -> dict[str, set[str]]:
    """Document entity -> whose words it carries ("Cruz's memo", "a cable containing Cruz's orders")."""
    authors: dict[str, set[str]] = {}
    for record in registry.records:
        if record.type != "DOCUMENT":
            continue
        for start, end in record.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for token in _author_tokens(span.root):
                entity = registry.entity_at(token.idx, token.idx + len(token.text))
                kind = registry.get(entity).type if entity else None
                if entity and kind in ("PERSON", "ORG"):
                    authors.setdefault(record.id, set()).add(entity)
    return authors


def _author_tokens(document: Token) -> list[Token]:
    found = [c for c in document.children if c.dep_ == "poss"]
    for child in document.children:
        if child.dep_ == "prep" and child.lower_ in AUTHOR_PREPOSITIONS:
            found.extend(c for c in child.children if c.dep_ == "pobj")
        if child.dep_ == "acl" and child.lemma_.lower() not in HOLD_VERBS:
            for grandchild in child.children:
                found.extend(c for c in grandchild.children if c.dep_ == "poss")
                if grandchild.dep_ == "agent":
                    found.extend(c for c in grandchild.children if c.dep_ == "pobj")
    return found


def in_background_clause(doc: Doc, attribution: Attribution) -> bool:
    """Whether the cue tells background, not the report: a temporal clause ("days after Blinken announced")
    or the perfect ("Blinken has highlighted … in the past")."""
    if attribution.cue is None:
        return False
    span = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
    if span is None:
        return False
    if span.root.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in span.root.children):
        return True
    for token in [span.root, *span.root.ancestors]:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in token.children):
            return True
    return False


def shared_frame_links(doc: Doc, attributions: list[Attribution]) -> Links:
    """A cue depending on another cue of the same source ("In defending X, officials reportedly asserted")
    is reported through whatever that one is reported through."""
    heads = {a.id: _cue_head(doc, a) for a in attributions}
    by_source: dict[int, list[Attribution]] = {}
    for outer in attributions:
        if outer.via and outer.source.span is not None:
            by_source.setdefault(outer.source.span.start, []).append(outer)
    links: Links = {}
    for inner in attributions:
        head = heads[inner.id]
        if inner.via is not None or head is None or inner.source.span is None:
            continue
        for outer in by_source.get(inner.source.span.start, []):
            outer_head = heads[outer.id]
            if outer_head is not None and _depends_on(head, outer_head):
                links[inner.id] = outer.via
                break
    return links


def _cue_head(doc: Doc, attribution: Attribution) -> Token | None:
    if attribution.cue is None:
        return None
    span = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
    return span.root if span is not None else None


def _depends_on(token: Token, governor: Token, hops: int = 2) -> bool:
    for _ in range(hops):
        if token.head is token:
            return False
        token = token.head
        if token == governor:
            return True
    return False


def report_hedge_links(attributions: list[Attribution], registry: Registry) -> Links:
    """Report hedges, "X reportedly said": through the latest earlier report by a named outlet."""
    links: Links = {}
    reports: list[Attribution] = []
    for attribution in attributions:
        if reports and any(is_report_hedge(h) for h in attribution.hedges):
            links[attribution.id] = reports[-1].id
        record = registry.get(attribution.source.entity)
        if record is not None and record.type == "PUBLICATION":
            reports.append(attribution)
    return links
