"""What the text says about an entity beyond its name: whether a name the model typed as an organisation is
a person, and the roles a person is said to hold ("as president").

The small model tags some surnames as organisations in every mention ("Trump" as ORG), so that "he" and
"the president" cannot find them. The text usually shows a person plainly: a personal title before the
name ("Mr", "President"), a possessive of something only people have ("Vance's wife", "Vance's speech"),
or a he/she pronoun that follows the name as its subject in the same sentence ("Vance said he …").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from byline.entities import lexicon as lx

CharSpan = tuple[int, int]
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ORGANISATION_WORDS = (
    lx.ORG_HEAD_WORDS
    | lx.NEWSPAPER_WORDS
    | {"organization", "organisation", "center", "centre", "university", "college", "school"}
)
# A person needs two votes: a title or a personal possessive is worth two, each pronoun sentence one.
STRONG_VOTE = 2
NEEDED_VOTES = 2


def person_votes(doc: Doc, spans: Iterable[CharSpan]) -> tuple[int, int]:
    """(votes for a person, votes for a thing) from the mentions of one entity (character spans)."""
    person, thing = 0, 0
    for start, end in spans:
        mention = doc.char_span(start, end, alignment_mode="expand")
        if mention is None or not len(mention):
            continue
        if _titled(mention) or _personal_possessive(mention):
            person += STRONG_VOTE
            continue
        pronoun = _pronoun_after_subject(doc, mention)
        if pronoun is not None and pronoun.lower_ in PERSONAL_PRONOUNS:
            person += 1
        elif pronoun is not None:
            thing += 1
    return person, thing


def looks_like_person(doc: Doc, name: str, spans: Iterable[CharSpan]) -> bool:
    """Whether an entity the model called an organisation is a person by the text's own evidence. A name
    that reads as an organisation ("Department", "Times", an acronym) never is."""
    words = name.split()
    if not words or len(words) > 3 or any(w.lower() in ORGANISATION_WORDS for w in words):
        return False
    if any(w.isupper() and len(w) > 1 for w in words) or not all(w[:1].isupper() for w in words):
        return False
    person, thing = person_votes(doc, spans)
    return person >= NEEDED_VOTES and person > thing


def _titled(mention: Span) -> bool:
    """A personal title just before the name, or as its first word: "Mr Vance", "President Vance"."""
    doc = mention.doc
    first = mention[0]
    if first.lower_ in lx.PERSON_TITLES and len(mention) > 1:
        return True
    return mention.start > 0 and doc[mention.start - 1].lower_ in lx.PERSON_TITLES and doc[mention.start - 1].is_title


def _personal_possessive(mention: Span) -> bool:
    """ "Vance's wife", "Vance's speech": a possessive of something only people have."""
    doc = mention.doc
    end = mention.end
    if end < len(doc) and doc[end].text in POSSESSIVE_MARKS:
        end += 1
    elif not (mention[-1].text in POSSESSIVE_MARKS or mention.root.dep_ == "poss"):
        return False
    for token in doc[end : min(end + 3, len(doc))]:
        if token.lemma_.lower() in lx.PERSONAL_POSSESSIONS:
            return True
        if token.pos_ not in ("ADJ", "NOUN"):
            return False
    return False


def _pronoun_after_subject(doc: Doc, mention: Span) -> Token | None:
    """The first he/she/it pronoun after a name that is a subject, in its sentence, with no other name
    between (outside quotation marks): "Vance said he would run" gives "he"."""
    if mention.root.dep_ not in SUBJECT_DEPS:
        return None
    sentence = mention.root.sent
    for token in doc[mention.end : sentence.end]:
        if token.ent_type_ in ("PERSON", "ORG") or token.text in ("“", '"', "”"):
            return None
        if token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS | THING_PRONOUNS:
            return token
    return None


def role_phrases(doc: Doc, spans: Iterable[CharSpan], other_people: Iterable[CharSpan]) -> list[str]:
    """Roles the text gives a person outside titles and appositions: "Vance's first act as president",
    "Vance is governor". The role noun must be a usual one, bare ("as president", not "as a joke"), and no
    other person named between the name and it in the sentence."""
    others = sorted(s for s, _ in other_people)
    found = []
    for start, end in spans:
        mention = doc.char_span(start, end, alignment_mode="expand")
        if mention is None or not len(mention):
            continue
        sentence = mention.root.sent
        for token in doc[mention.end : sentence.end]:
            k = bisect_right(others, start)
            if k < len(others) and others[k] < token.idx or token.lower_ in OBJECT_PRONOUNS or token.dep_ == "dobj":
                break
            role = _role_after(token, mention.root if mention.root.dep_ in SUBJECT_DEPS else None)
            if role is not None:
                found.append(role)
                break
    return found


def _role_after(token: Token, subject: Token | None) -> str | None:
    """ "president" of "as president (of …)"; "governor" of "is governor": a bare role noun."""
    if token.lower_ == "as" and token.dep_ == "prep":
        noun = next((c for c in token.children if c.dep_ == "pobj"), None)
    elif token.dep_ == "attr" and token.head.lemma_ == "be" and subject is not None and subject in token.head.children:
        noun = token
    else:
        return None
    if noun is None or noun.lemma_.lower() not in lx.ROLE_NOUNS or noun.tag_ != "NN":
        return None
    if any(c.dep_ in ("det", "poss", "nummod") for c in noun.children):
        return None
    modifiers = [t for t in noun.lefts if t.dep_ in ("compound", "amod") and not t.is_punct]
    return " ".join([*(t.lower_ for t in modifiers), noun.lemma_.lower()])


def retype_people(doc: Doc, records: list, is_known_org) -> None:  # type: ignore[type-arg]
    """Entity records typed ORG that the text shows to be people become PERSON (``is_known_org`` names the
    organisations the lexicon knows, which stay)."""
    for record in records:
        if (
            record.type == "ORG"
            and not is_known_org(record.name)
            and looks_like_person(doc, record.name, record.mentions)
        ):
            record.type = "PERSON"


def add_roles(doc: Doc, records: list) -> None:  # type: ignore[type-arg]
    """Each person's roles from "as president" and "is governor" join its descriptors."""
    people = [r for r in records if r.type == "PERSON"]
    for record in people:
        others = [span for other in people if other is not record for span in other.mentions]
        roles = role_phrases(doc, record.mentions, others)
        record.descriptors = list(dict.fromkeys([*record.descriptors, *roles]))
