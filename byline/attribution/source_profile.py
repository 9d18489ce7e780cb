"""Who the sources are: a category for each attribution's speaker and, for a person, a gender, with evidence.

Categories follow the annotation guideline of issue 16 (first that fits): ``anonymous`` (people not named),
``document``, ``politician``, ``government``, ``media``, ``expert``, ``business``, ``advocacy``, ``citizen``,
``person`` (named, role unclear), ``unknown``. They are read from what the text says: the entity's type
(outlets are media, countries government, documents documents), an organisation's name by its words
("Department", "University", "Inc", "Union", "Times"), a person's titles, appositions and roles as the
entity registry collected them ("Sen.", "a professor at Yale", "FBI director"), a party tag ("D-Mass."),
the source's own words for an unnamed source ("a Pentagon spokesman", "the report", "64 percent of those
polled"), and a short list of very well-known political figures (the guideline allows general knowledge of
public figures).

Gender (persons only: None for organisations, documents, countries) is taken, in order, from a gendered
pronoun that is the source itself ("she said"), an honorific or gendered noun the text gives the person
("Mrs.", "congresswoman", "his wife"), the he/she pronouns that refer to them (those the attribution stage
resolved to them, and the one-person-in-reach votes of the registry), the well-known figures' list, and
last a first-name list: a few common names in byline's lexicon, then, where the optional
``nomquamgender`` package (MIT) is installed, its name data (a name counts only when the data is at least
90% one way). Anything else is ``unknown``; every answer carries its evidence.

The ``sources`` stage runs after ``attribution``: it reads the registry that stage leaves in
``ctx.shared`` and the parse, and parses nothing again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from byline.attribution.anonymity import UNNAMED_REPORTS
from byline.attribution.source_gender import GenderClues, gender_clues, person_gender, words_gender
from byline.attribution.source_words import (
    AFFILIATION_ROLES,
    AGENCY_CATEGORY,
    ALL_ROLES,
    CATEGORY_ORDER,
    CHIEF_OFFICER,
    DESCRIBED_AGENCIES,
    DOCUMENT_WORDS,
    FEMALE_NOUNS,
    FIRST_PERSON_DESCRIPTIONS,
    GENDERED_PRONOUNS,
    GENERIC_ORG_CATEGORY,
    HEAD_ROLES,
    INDEFINITE_WORDS,
    KNOWN_AGENCY,
    KNOWN_PLATFORM,
    MALE_NOUNS,
    NAME_FOLLOWERS,
    ORG_WORDS,
    PARTY_TAG,
    PARTY_WORDS,
    PAST_AFFILIATIONS,
    POLITICAL_ROLES,
    ROLE_WORDS,
    SHARE_WORDS,
    UNKNOWN,
    VAGUE_PRONOUNS,
    known_politician,
    words_of,
)
from byline.entities import lexicon as lx
from byline.entities.registry import EntityRecord, Registry, build_registry, known_org_key
from byline.entities.stage import REGISTRY_KEY
from byline.pipeline import Context, register_stage
from byline.reading import Attribution, Source

# -- the result -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceProfile:
    """What kind of source an attribution's speaker is, its gender (persons only), and why."""

    category: str = UNKNOWN
    gender: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    category: str
    why: str
    person: bool | None = None  # whether the source is a person (or people); None: as the entity type says


# -- phrases ----------------------------------------------------------------------------------------------

def _grams(words: Sequence[str]) -> list[str]:
    """Every run of one to four words, longest first at each position."""
    found = []
    for i in range(len(words)):
        for n in (4, 3, 2, 1):
            if i + n <= len(words):
                found.append(" ".join(words[i : i + n]))
    return found


def _first_in(grams: Iterable[str], lists: dict[str, frozenset[str]]) -> tuple[str, str] | None:
    """(category, word) of the first category in the guideline's order any of the grams belongs to."""
    grams = list(grams)
    for category in CATEGORY_ORDER:
        words = lists.get(category, frozenset())
        hit = next((g for g in grams if g in words), None)
        if hit is not None:
            return category, hit
    return None


@lru_cache(maxsize=4096)
def organisation_category(name: str) -> tuple[str, str] | None:
    """(category, the word that says so) of an organisation by its name: "Justice Department" is government,
    "Harvard University" expert, "Acme Inc." business, "Judicial Watch" advocacy, "Republican National
    Committee" politician."""
    key = known_org_key(name)
    if key is not None:
        if key in lx.PLATFORMS:
            return "business", KNOWN_PLATFORM
        if key in lx.AGENCIES:
            return AGENCY_CATEGORY.get(key, "government"), KNOWN_AGENCY
    words = words_of(name)
    if not words:
        return None
    if words[0] in ("democratic", "republican") and words[-1] in ("committee", "party", "caucus", "conference"):
        return "politician", f"{words[0]} {words[-1]}"
    return _first_in(_grams(words), ORG_WORDS)


@lru_cache(maxsize=4096)
def role_category(phrase: str) -> tuple[str, str] | None:
    """(category, word) that a description of a person gives: a title ("senator"), an apposition ("a professor
    at Yale", "spokesman for the Pentagon"), a role ("as governor"). A political office wins; then a role
    that is a trade of its own ("professor", "activist"); then the body a role is held in ("FBI director" is
    government, "Judicial Watch president" advocacy, "a spokesman for Acme Inc." business); then the role."""
    if "|" in phrase:
        return None
    words = words_of(re.split(r"\b(?:who|that|which|whose)\b", phrase.lower())[0])
    if not words or len(words) > 25 or words[-1] in PAST_AFFILIATIONS:
        return None
    grams = _grams(words)
    political = next((g for g in grams if g in POLITICAL_ROLES), None)
    if political is not None:
        return "politician", political
    chief = CHIEF_OFFICER.search(" ".join(words))
    if chief is not None:
        return "business", chief.group(0)
    head = _role_head(words)
    if head is not None and head not in AFFILIATION_ROLES and (trade := _role_of(head)) is not None:
        return trade, head
    body = _body_in(words)
    if body is not None:
        category, word = body
        if head in ("secretary", "minister") and category == "government" and "press" not in words:
            return "politician", f"{word} {head}"  # heads a department: "Homeland Security Department secretary"
        return body
    if head in HEAD_ROLES and len(words) <= 3 and "'s" not in words:
        return "politician", head  # "president", "the minister", "defense secretary"
    complement = head is not None and re.search(r"\b(?:of|for|at|with)\b", " ".join(words))
    if head is not None and not (head in AFFILIATION_ROLES and complement) and (default := _role_of(head)):
        return default, head  # "a spokesman": government; "a spokesman for the Sierra Club": not said
    return None


def _role_head(words: Sequence[str]) -> str | None:
    """The last role word (or two) of a description: "counsel" of "University of North Texas assistant
    general counsel", "prosecuting attorney" of "county prosecuting attorney"."""
    for i in range(len(words) - 1, -1, -1):
        if i > 0 and f"{words[i - 1]} {words[i]}" in ALL_ROLES:
            return f"{words[i - 1]} {words[i]}"
        if words[i] in ALL_ROLES:
            return words[i]
    return None


def _role_of(role: str) -> str | None:
    return next((category for category in CATEGORY_ORDER if role in ROLE_WORDS.get(category, ())), None)


def _body_in(words: Sequence[str]) -> tuple[str, str] | None:
    """(category, word) of the first organisation word, in the guideline's order, that ends a name in the
    phrase: followed by nothing, a preposition or a role ("FBI director", "the university of Glasgow"), not
    by another noun ("the Supreme Court case" is no court's)."""
    hits: dict[str, str] = {}
    for i in range(len(words)):
        for n in (3, 2, 1):
            gram = " ".join(words[i : i + n])
            if i + n > len(words):
                continue
            after = words[i + n] if i + n < len(words) else None
            if after is not None and after not in NAME_FOLLOWERS and after not in ALL_ROLES:
                continue
            category = next((c for c in CATEGORY_ORDER if gram in ORG_WORDS.get(c, ())), None)
            if category is None and n == 1 and gram in DESCRIBED_AGENCIES:
                category = AGENCY_CATEGORY.get(gram, "government")
            if category is not None:
                hits.setdefault(category, gram)
    return next(((c, hits[c]) for c in CATEGORY_ORDER if c in hits), None)


# -- one source -------------------------------------------------------------------------------------------


def entity_verdict(record: EntityRecord, registry: Registry, span: Span | None = None) -> Verdict | None:
    """The category of a named entity, from its type, its name, and (a person's) titles and appositions."""
    if record.type == "DOCUMENT":
        return Verdict("document", f"document '{record.name}'", person=False)
    if record.type == "PUBLICATION":
        return Verdict("media", f"news outlet '{record.name}'", person=False)
    if record.type == "GPE":
        return Verdict("government", f"country or place '{record.name}'", person=False)
    if record.type == "ORG":
        found = organisation_category(record.name)
        if found is None:
            return None
        return Verdict(found[0], f"organisation '{record.name}' {_said_by(found[1])}", person=False)
    if record.type == "NORP":
        found = _first_in(words_of(record.name), {"politician": PARTY_WORDS})
        return Verdict("politician", f"party '{record.name}'", person=True) if found else None
    if record.type != "PERSON":
        return None
    return person_verdict(record, registry, span)


def person_verdict(record: EntityRecord, registry: Registry, span: Span | None = None) -> Verdict:
    """A named person's category: a well-known political figure, a party tag after a name ("D-Mass."), the
    descriptions the text gives (titles, appositions, roles, and the words of the source mention beside the
    name; the first that fits in the guideline's order), an organisation named in the mention ("Ken Norton
    of Google"), else ``person`` (named, role not clear)."""
    known = known_politician(record.name) is not None
    text = registry.text
    for _start, end in record.mentions:
        tag = PARTY_TAG.match(text[end : end + 30])
        if tag:
            return Verdict("politician", f"party tag '{tag.group(0).strip(' ,(')}'")
    described = described_verdict(record, span)
    if described is not None and (described.category == "politician" or not known):
        return described
    if known:
        return Verdict("politician", f"well-known figure '{record.name}'")
    body = organisation_in(span, record, registry) if span is not None else None
    if body is not None:
        return body
    return Verdict("person", "named, no role in the text")


def described_verdict(record: EntityRecord, span: Span | None) -> Verdict | None:
    """The category the person's descriptions give (titles, appositions, roles, the words of the mention
    beside the name), the first that fits in the guideline's order."""
    phrases = list(record.descriptors)
    extra = mention_extra(span, record) if span is not None else None
    if extra:
        phrases.append(extra)
    found = [(hit[0], hit[1], phrase) for phrase in phrases if (hit := role_category(phrase)) is not None]
    for category in CATEGORY_ORDER:
        for hit_category, word, phrase in found:
            if hit_category == category:
                if apposed_organisation(phrase):
                    return Verdict(category, f"described as '{phrase}'", person=False)
                if phrase == word:
                    return Verdict(category, f"title '{phrase}'")
                return Verdict(category, f"described as '{phrase}' ('{word}')")
    return None


def mention_extra(span: Span, record: EntityRecord) -> str | None:
    """The words of a source mention outside the person's own mentions: "who served as Scott Walker's
    campaign manager" of "Rick Wiley, who served as …"."""
    inside = record.mentions
    words = [t.text for t in span if not any(s <= t.idx < e for s, e in inside)]
    while words and (not any(c.isalnum() for c in words[0]) or words[0].lower() in ("who", "which", "that")):
        words.pop(0)
    return " ".join(words) if words else None


def _said_by(word: str) -> str:
    return f"({word})" if word in (KNOWN_AGENCY, KNOWN_PLATFORM) else f"('{word}')"


def organisation_in(span: Span, record: EntityRecord, registry: Registry) -> Verdict | None:
    """The category of an organisation or outlet named inside a person's source mention ("of Google")."""
    seen = set()
    for token in span:
        if any(s <= token.idx < e for s, e in record.mentions):
            continue
        entity = registry.get(registry.entity_at(token.idx, token.idx + len(token.text)))
        if entity is None or entity.id in seen or entity.type not in ("ORG", "PUBLICATION"):
            continue
        seen.add(entity.id)
        if entity.type == "PUBLICATION":
            return Verdict("media", f"of '{entity.name}'")
        found = organisation_category(entity.name)
        if found is not None:
            return Verdict(found[0], f"of '{entity.name}' {_said_by(found[1])}")
    return None


def apposed_organisation(phrase: str) -> bool:
    """An apposition whose head is an organisation ("a Salafist party that …"): the "person" is a body."""
    head = words_of(re.split(r"\b(?:who|that|which)\b", phrase.lower())[0])
    return bool(head) and head[-1] in ("party", "group", "organization", "organisation", "company", "movement")


def unnamed_verdict(span: Span, source: Source) -> Verdict:
    """The category of a source no entity stands for, from its own words: anonymous people ("one official",
    "sources", "others"), documents ("the report", "a new poll", "64 percent of those polled"), a body
    ("the Hong Kong government", "the Allen campaign"), a role ("the inspector general"), the writer."""
    if source.description in FIRST_PERSON_DESCRIPTIONS:
        return Verdict("media", source.description, person=source.description == "the writer")
    root = span.root
    lemma, lower = root.lemma_.lower(), root.lower_
    if root.pos_ == "PRON" and lower not in VAGUE_PRONOUNS:
        if source.anonymous:
            return _group_verdict(source.description or root.text)
        if root.tag_ in ("WP", "WDT") and root.head.dep_ == "relcl":
            antecedent = root.head.head
            return unnamed_verdict(root.doc[antecedent.left_edge.i : antecedent.i + 1], source)
        return Verdict(UNKNOWN, f"pronoun '{root.text}'", person=lower in GENDERED_PRONOUNS or None)
    if lower in SHARE_WORDS or lemma in SHARE_WORDS or _share_of_people(span):
        return Verdict("document", f"share of those polled '{span.text}'", person=False)
    if lemma in DOCUMENT_WORDS or lower in DOCUMENT_WORDS:
        return Verdict("document", f"document noun '{root.text}'", person=False)
    core = re.split(r"\s(?:who|that|which|whose)\s|[,;:(–—]", span.text)[0]
    named = any(t.ent_type_ == "PERSON" for t in span)
    people = _people_noun(root)
    if source.anonymous or (people and not named and _indefinite(root)) or lower in VAGUE_PRONOUNS:
        if root.tag_ in ("NNS", "NNPS") and (lemma in PARTY_WORDS or lower in PARTY_WORDS):
            return Verdict("politician", f"party members '{span.text}'", person=True)
        return Verdict("anonymous", f"not named: '{source.description or span.text}'", person=True)
    if lemma in GENERIC_ORG_CATEGORY and not people:
        return Verdict(GENERIC_ORG_CATEGORY[lemma], f"'{root.text}'", person=False)
    if root.pos_ == "PROPN" or lemma == "government":
        body = organisation_category(core)
        if body is not None:
            return Verdict(body[0], f"organisation '{core.strip()}' {_said_by(body[1])}", person=False)
    conjoined = any(t.dep_ == "conj" for t in span)
    role = role_category(core)
    if role is not None and (people or conjoined):
        return Verdict(role[0], f"described as '{core.strip()}' ('{role[1]}')", person=True)
    if people:
        return Verdict(UNKNOWN, f"a person, no role: '{core}'", person=True)
    return Verdict(UNKNOWN, "no cue", person=None)


def _group_verdict(description: str) -> Verdict:
    """An anonymous group a pronoun stands for ("they": "Republicans", "students")."""
    if any(w in PARTY_WORDS for w in words_of(description)):
        return Verdict("politician", f"party members '{description}'", person=True)
    return Verdict("anonymous", f"not named: '{description}'", person=True)


def _indefinite(root: Token) -> bool:
    """A person noun that picks out no one known: "a federal judge", "one official", "friends" (bare plural)."""
    lefts = list(root.lefts)
    if any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "these", "those") for c in lefts):
        return False
    if any(c.lower_ in INDEFINITE_WORDS or c.dep_ == "nummod" for c in lefts):
        return True
    return root.tag_ in ("NNS", "NNPS")


def _people_noun(root: Token) -> bool:
    """Whether a head noun names a person or people."""
    lemma, lower = root.lemma_.lower(), root.lower_
    if root.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    for words in (*ROLE_WORDS.values(), lx.ROLE_NOUNS, lx.PERSON_NOUNS, POLITICAL_ROLES):
        if lemma in words or lower in words:
            return True
    return lemma in ("person", "people", "source", "friend", "aide", "staffer", "critic", "group", "member")


def _share_of_people(span: Span) -> bool:
    """ "Seventy-eight percent of Americans", "most respondents": a share of a polled population."""
    return any(t.lower_ in ("percent", "%", "respondents") for t in span) and len(span) <= 12


# -- the profile of every attribution ------------------------------------------------------------------


def profile_source(doc: Doc, source: Source, registry: Registry, clues: GenderClues | None = None) -> SourceProfile:
    """Category, gender and evidence of one attribution's source."""
    clues = clues or GenderClues()
    record = registry.get(source.entity)
    span = doc.char_span(source.span.start, source.span.end, alignment_mode="expand") if source.span else None
    verdict: Verdict | None = None
    if source.anonymous and span is not None:
        verdict = unnamed_verdict(span, source)
    elif source.anonymous:
        verdict = Verdict("anonymous", f"not named: '{source.description}'", person=True)
        if source.description == UNNAMED_REPORTS:
            verdict = Verdict("document", f"'{source.description}'", person=False)
    elif record is not None:
        verdict = entity_verdict(record, registry, span)
        if verdict is None and span is not None:
            verdict = unnamed_verdict(span, source)
    elif span is not None:
        verdict = unnamed_verdict(span, source)
    elif source.description in FIRST_PERSON_DESCRIPTIONS:
        verdict = Verdict("media", source.description, person=source.description == "the writer")
    verdict = verdict or Verdict(UNKNOWN, "no source mention", person=None)
    person = verdict.person if verdict.person is not None else (record is not None and record.type == "PERSON")
    evidence = {"category": verdict.why}
    if not person:
        return SourceProfile(verdict.category, None, evidence)
    gender, why = _gender(span, record, verdict, clues)
    evidence["gender"] = why
    return SourceProfile(verdict.category, gender, evidence)


def _gender(span: Span | None, record: EntityRecord | None, verdict: Verdict, clues: GenderClues) -> tuple[str, str]:
    if span is not None:
        said = GENDERED_PRONOUNS.get(span.text.strip().lower())
        if said is not None:
            return said, f"pronoun '{span.text.strip()}'"
    if record is not None and record.type == "PERSON" and verdict.person is not False:
        return person_gender(record, clues)
    if span is not None:
        root = span.root
        if root.tag_ in ("NN", "NNP") or root.lower_ in MALE_NOUNS | FEMALE_NOUNS:
            found = words_gender([root.lower_])
            if found is not None:
                return found
    return UNKNOWN, "no pronoun, honorific or gendered noun"


def profile_sources(doc: Doc, attributions: Sequence[Attribution], registry: Registry) -> list[SourceProfile]:
    """The profile of each attribution's source, in order."""
    clues = gender_clues(doc, registry, attributions)
    return [profile_source(doc, a.source, registry, clues) for a in attributions]


def with_profiles(attributions: Sequence[Attribution], profiles: Sequence[SourceProfile]) -> list[Attribution]:
    """The attributions with their sources' category, gender and evidence set."""
    updated = []
    for attribution, profile in zip(attributions, profiles, strict=True):
        source = attribution.source.model_copy(
            update={"category": profile.category, "gender": profile.gender, "evidence": dict(profile.evidence)}
        )
        updated.append(attribution.model_copy(update={"source": source}))
    return updated


class SourcesStage:
    """Who each attribution's source is: ``source.category``, ``source.gender`` and ``source.evidence``."""

    name = "sources"

    def find(self, ctx: Context) -> list[SourceProfile]:
        registry = ctx.shared.get(REGISTRY_KEY) or build_registry(ctx.doc)
        return profile_sources(ctx.doc, ctx.reading.attributions, registry)

    def write(self, ctx: Context, found: list[SourceProfile]) -> None:
        ctx.reading.attributions = with_profiles(ctx.reading.attributions, found)


register_stage("sources")(SourcesStage)
