"""Descriptions and relative pronouns that the name lists alone cannot resolve.

- A relative pronoun's antecedent as the parse gives it, corrected where the parse is known to slip:
  "who" after an "of"/"on" phrase means the person the phrase belongs to ("an intern on the campaign who
  …" is the intern), and a predicate noun stands for the subject it is said of ("Vance was an intern who
  …" is Vance).
- A definite description of a person ("the political operative, who …") that no title or apposition
  matches refers, like "he", to the person the last sentences are about.
- "The tax agency" with no agency named so is the one government agency named just before.
- A source already resolved ("he" of "he told AP") counts as a mention of its speaker, so that a chain of
  pronouns keeps its referent.
- A role held only as a deputy ("deputy FBI director") does not answer "the director".
- A lede's "A US lawmaker investigating X says …", before anyone has spoken, is the one person named in
  the next two sentences as a lawmaker ("Democrat Adam Schiff", "Rep. …", "Senator …"); "A … lawyer
  told …" the one named as a lawyer or attorney: the news style of naming the source a sentence later.
"""

from __future__ import annotations

from spacy.tokens import Token

from byline.entities import lexicon as lx
from byline.entities.registry import Registry, known_org_key
from byline.reading import Attribution

PERSON_RELATIVES = frozenset({"who", "whom", "whose"})
COPULA_LEMMAS = frozenset({"be", "become", "remain"})
LEGISLATOR_WORDS = frozenset(
    "lawmaker legislator congressman congresswoman senator representative democrat republican".split()
)
LAWYER_WORDS = frozenset("lawyer attorney counsel solicitor prosecutor".split())
ROLE_FAMILIES = {"lawmaker": LEGISLATOR_WORDS, "legislator": LEGISLATOR_WORDS, "lawyer": LAWYER_WORDS}
NAMED_AFTER_SENTENCES = 2


def relative_antecedent(relative: Token) -> Token:
    """The noun a relative pronoun stands for ("who" in "X was an intern on the campaign who …" is X)."""
    antecedent = relative.head.head
    if relative.lower_ in PERSON_RELATIVES and antecedent.dep_ == "pobj" and antecedent.ent_type_ != "PERSON":
        holder = antecedent.head.head
        people = lx.ROLE_NOUNS | lx.PERSON_NOUNS
        holder_is_person = holder.lemma_.lower() in people or holder.ent_type_ == "PERSON"
        if antecedent.head.dep_ == "prep" and holder.tag_ in ("NN", "NNP") and holder_is_person:
            antecedent = holder  # "an intern on the campaign who …", not "a backlash from conservatives who …"
    if antecedent.dep_ == "attr" and antecedent.head.lemma_ in COPULA_LEMMAS:
        subject = next((c for c in antecedent.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ == "PROPN":
            return subject
    return antecedent


def describes_a_person(root: Token) -> bool:
    """Whether a description names a person: a role or person noun, or a "who" clause on it."""
    if root.lemma_.lower() in lx.ROLE_NOUNS | lx.PERSON_NOUNS:
        return True
    return any(
        c.dep_ == "relcl" and any(g.lower_ in PERSON_RELATIVES and g.tag_ == "WP" for g in c.children)
        for c in root.children
    )


def agency_named_before(root: Token, registry: Registry, window_start: int) -> str | None:
    """The one government agency the lexicon knows named in the last few sentences ("the IRS … the tax
    agency"), for "the … agency" when no agency's name holds the description's words."""
    recent = {
        entity_id
        for start, _, entity_id in registry.mentions_before(root.idx, since=window_start)
        if start >= window_start
        and (record := registry.get(entity_id)) is not None
        and record.type == "ORG"
        and (key := known_org_key(record.name)) is not None
        and key in lx.AGENCIES
    }
    return recent.pop() if len(recent) == 1 else None


def only_a_deputy(head: str, modifiers: set[str], descriptors: list[str]) -> bool:
    """Whether a person holds the role only as someone's deputy ("deputy FBI director" is not "the
    director", unless the description says "deputy" too)."""
    if modifiers & lx.SUBORDINATE_WORDS:
        return False
    holding = [d.split() for d in descriptors if head in d.split()]
    return bool(holding) and all(set(words[: words.index(head)]) & lx.SUBORDINATE_WORDS for words in holding)


def spoken_mentions(earlier: list[Attribution], position: int) -> list[tuple[int, int, str]]:
    """The resolved sources of earlier attributions ("he" of "he told AP" resolved to Vance) as mentions
    of their entities, so that a chain of pronouns keeps its referent."""
    return [
        (a.source.span.start, a.source.span.end, a.source.entity)
        for a in earlier
        if a.source.entity is not None and a.source.span is not None and a.source.span.end <= position
    ]


def named_after(root: Token, registry: Registry) -> str | None:
    """The one person first named in the next two sentences with a title of the same kind as an
    indefinite description ("A US lawmaker … says" … "Democrat Adam Schiff"), or None."""
    family = ROLE_FAMILIES.get(root.lemma_.lower())
    if family is None or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.lefts):
        return None
    doc, end = root.doc, root.sent.end
    for _ in range(NAMED_AFTER_SENTENCES):
        end = doc[end].sent.end if end < len(doc) else end
    after, until = root.sent.end_char, doc[end - 1].idx + len(doc[end - 1].text)
    named = {
        record.id
        for record in registry.records
        if record.type == "PERSON"
        and after <= min(s for s, _ in record.mentions) < until
        and any(w in family for d in record.descriptors for w in d.split())
    }
    return named.pop() if len(named) == 1 else None
