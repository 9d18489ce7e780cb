"""The per-article entity registry: canonical names, types and every mention, with what the text says of each.

Built once from the parse. Named-entity mentions are cleaned (titles, determiners and possessives
stripped, possessive compounds such as "Biden's State Department" split, site-chrome words such as
"Slideshow" dropped), news outlets, platforms and agencies the lexicon knows and documents that can speak
("the cable", "a memo") are added, surnames and nicknames ("Jim" for "James") are linked to full names,
and the small model's type misfires are outvoted or, for names the lexicon knows, overridden. Each person
keeps its descriptors (titles before the name, appositions) and a gender where the text shows one, for
speaker resolution.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from byline.entities import lexicon as lx
from byline.entities.evidence import add_roles, retype_people
from byline.entities.people import add_descriptors, gender_from_words, infer_genders
from byline.nlp.spans import SpanMap
from byline.nlp.text import doc_text
from byline.reading import Entity, Mention

CharSpan = tuple[int, int]
NER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
COUNTRY_ALIASES = {
    "u.s.": "United States",
    "us": "United States",
    "u.s.a.": "United States",
    "usa": "United States",
    "united states": "United States",
    "america": "United States",
    "u.k.": "United Kingdom",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
}
DETERMINERS = frozenset({"the", "a", "an"})
INDEFINITE = frozenset({"a", "an", "another", "one"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
NAME_GOES_ON = lx.ORG_HEAD_WORDS | {"network", "corps", "secretary", "channel", "magazine", "building"}
BREAK_TOKENS = frozenset({":", ";", "—", "–", "(", ")", "|"})
DOCUMENT_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "case", "nmod"})


@dataclass(frozen=True)
class RawMention:
    """A candidate mention in token offsets, before mentions are grouped into entities."""

    start: int
    end: int
    label: str
    titles: tuple[str, ...] = ()


@dataclass
class EntityRecord:
    """One entity as the registry knows it; ``mentions`` are character spans, in text order."""

    id: str
    name: str
    type: str
    mentions: list[CharSpan] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    gender: str | None = None

    @property
    def surname(self) -> str | None:
        """The last word of a person's multi-word name."""
        words = self.name.split()
        return words[-1] if self.type == "PERSON" and len(words) > 1 else None

    @property
    def first_char(self) -> int:
        return min((s for s, _ in self.mentions), default=0)


class Registry:
    """The entities of one article, looked up by id or by position in the text."""

    def __init__(self, text: str, records: Iterable[EntityRecord]) -> None:
        self.text = text
        self.records = list(records)
        self._by_id = {r.id: r for r in self.records}
        self._mention_index: SpanMap[tuple[int, str]] | None = None
        self._in_order: list[tuple[int, int, str]] | None = None
        self._described: dict[str, int] | None = None

    def get(self, entity_id: str | None) -> EntityRecord | None:
        """The entity with this id, if any."""
        return self._by_id.get(entity_id) if entity_id else None

    def entity_at(self, start: int, end: int) -> str | None:
        """Id of the entity whose mention contains ``[start, end)`` (the tightest one), if any."""
        if self._mention_index is None:  # built on first use: the records are complete by then
            spans = ((span, (span[1] - span[0], r.id)) for r in self.records for span in r.mentions)
            self._mention_index = SpanMap(spans)
        holders = self._mention_index.covering(start, end)
        return min(holders, key=lambda holder: holder[0])[1] if holders else None

    def first_described_as(self, head: str) -> int:
        """Where a person described by this head noun (of a title or apposition) is first mentioned; a
        position past every text where no one is."""
        if self._described is None:  # built on first use: the records are complete by then
            self._described = {}
            for record in self.records:
                if record.type != "PERSON" or not record.mentions:
                    continue
                first = min(s for s, _ in record.mentions)
                for noun in {d.split()[-1] for d in record.descriptors if d.split()}:
                    self._described[noun] = min(self._described.get(noun, first), first)
        return self._described.get(head, sys.maxsize)

    def mentions_before(self, position: int, since: int = 0) -> list[tuple[int, int, str]]:
        """Every mention starting at or after ``since`` and ending at or before ``position``: (start, end,
        entity id), in text order."""
        if self._in_order is None:  # built on first use: the records are complete by then
            self._in_order = sorted((s, e, r.id) for r in self.records for s, e in r.mentions)
        found = []
        for k in range(bisect_left(self._in_order, (since,)), len(self._in_order)):
            mention = self._in_order[k]
            if mention[0] >= position:
                break
            if mention[1] <= position:
                found.append(mention)
        return found

    def with_mentions(self, additions: Iterable[tuple[str, int, int]]) -> Registry:
        """A copy with (entity id, start, end) mentions added, duplicates and unknown ids ignored."""
        extra: dict[str, list[CharSpan]] = {}
        for entity_id, start, end in additions:
            extra.setdefault(entity_id, []).append((start, end))
        records = []
        for record in self.records:
            spans = set(record.mentions) | set(extra.get(record.id, []))
            records.append(replace(record, mentions=sorted(spans), descriptors=list(record.descriptors)))
        return Registry(self.text, records)

    def to_entities(self) -> list[Entity]:
        """The registry as Reading entities."""
        return [
            Entity(
                id=r.id,
                name=r.name,
                type=r.type,
                mentions=[Mention(start=s, end=e, text=self.text[s:e]) for s, e in r.mentions],
            )
            for r in self.records
        ]


def build_registry(doc: Doc) -> Registry:
    """The entity registry of a parsed article."""
    publications = publication_mentions(doc)
    taken = {i for m in publications for i in range(m.start, m.end)}
    named = [part for m in named_mentions(doc) for part in outside(doc, m, taken)]
    known = known_org_mentions(doc, taken | {i for m in named for i in range(m.start, m.end)})
    groups = group_mentions(doc, named + publications + known)
    groups += group_documents(doc, document_mentions(doc))
    groups.sort(key=lambda g: g.first)
    records = [group.record(f"e{n}", doc) for n, group in enumerate(groups, start=1)]
    retype_people(doc, records, lambda name: known_org_key(name) is not None)
    add_untagged_surnames(doc, records)
    for record in records:
        if record.type == "PERSON":
            add_descriptors(doc, record)
    add_roles(doc, records)
    infer_genders(doc, records)
    return Registry(doc_text(doc), records)


# -- cleaning named-entity mentions ------------------------------------------------------------------


def named_mentions(doc: Doc) -> list[RawMention]:
    """Cleaned PERSON/ORG/GPE/NORP mentions from the parse."""
    labels_by_text = _labels_by_text(doc)
    found = []
    for ent in doc.ents:
        if ent.label_ not in NER_TYPES or "\n" in ent.text or "/" in ent.text:
            continue
        for piece_start, piece_end in split_at_breaks(doc, ent.start, ent.end):
            for start, end, label in split_possessive(doc, piece_start, piece_end, ent.label_, labels_by_text):
                mention = clean_mention(doc, start, end, label)
                if mention is not None:
                    found.append(mention)
    return found


def split_at_breaks(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """An entity run across a colon, dash or bracket ("Interests: The Human Rights Council") in pieces."""
    pieces, piece_start = [], start
    for i in range(start, end + 1):
        if i == end or doc[i].text in BREAK_TOKENS:
            if i > piece_start:
                pieces.append((piece_start, i))
            piece_start = i + 1
    return pieces


def outside(doc: Doc, mention: RawMention, taken: set[int]) -> list[RawMention]:
    """What is left of a mention outside ``taken`` tokens: "Megyn Kelly" of "Fox News' Megyn Kelly"."""
    if not taken.intersection(range(mention.start, mention.end)):
        return [mention]
    parts, start = [], mention.start
    for i in range(mention.start, mention.end + 1):
        if i == mention.end or i in taken:
            if i > start and (cleaned := clean_mention(doc, start, i, mention.label)) is not None:
                parts.append(cleaned)
            start = i + 1
    return parts


def _labels_by_text(doc: Doc) -> dict[str, Counter]:
    labels: dict[str, Counter] = {}
    for ent in doc.ents:
        labels.setdefault(ent.text, Counter())[ent.label_] += 1
    return labels


def split_possessive(
    doc: Doc, start: int, end: int, label: str, labels_by_text: dict[str, Counter]
) -> list[tuple[int, int, str]]:
    """Split "Biden's State Department" into the possessor and the possessed, each with its own label."""
    for i in range(start, end - 1):
        if doc[i].text in POSSESSIVE_MARKS and doc[i].tag_ == "POS":
            owner = doc[start:i].text
            votes = labels_by_text.get(owner)
            owner_label = votes.most_common(1)[0][0] if votes else "PERSON"
            return [(start, i, owner_label), (i + 1, end, label)]
    return [(start, end, label)]


def clean_mention(doc: Doc, start: int, end: int, label: str) -> RawMention | None:
    """Strip determiners, leading titles (kept), trailing possessives and punctuation."""
    titles = []
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].tag_ == "POS"):
        start += 1
    while label == "PERSON" and end - start > 1 and doc[start].lower_ in lx.TITLE_WORDS:
        titles.append(doc[start].lower_)
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE_MARKS or doc[end - 1].is_punct):
        end -= 1
    text = doc[start:end].text
    if end <= start or not any(c.isalpha() for c in text) or not (text[0].isupper() or text[0].isdigit()):
        return None
    if _norm(text).lower() in lx.NOT_NAMES:
        return None
    return RawMention(start, end, label, tuple(titles))


# -- news outlets and documents ------------------------------------------------------------------------


def publication_mentions(doc: Doc) -> list[RawMention]:
    """Mentions of news organisations: known names and "the X Times/Post/Gazette…"."""
    found: list[RawMention] = []
    i = 0
    while i < len(doc):
        end = _known_publication_end(doc, i) or _newspaper_pattern_end(doc, i)
        if end:
            found.append(RawMention(i, end, "PUBLICATION"))
            i = end
        else:
            i += 1
    return sorted(found + repeated_names(doc, found), key=lambda m: m.start)


def repeated_names(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """An outlet's multi-word name found once ("the local Arab News") wherever else it is written."""
    names = sorted({tuple(t.text for t in doc[m.start : m.end]) for m in found if m.end - m.start > 1})
    taken = {i for m in found for i in range(m.start, m.end)}
    words = [t.text for t in doc]
    where: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        where.setdefault(word, []).append(i)
    more = []
    for name in names:
        for i in where.get(name[0], []):
            if tuple(words[i : i + len(name)]) == name and not taken.intersection(
                range(i, i + len(name))
            ):
                more.append(RawMention(i, i + len(name), "PUBLICATION"))
                taken.update(range(i, i + len(name)))
    return more


def _word_prefixes(names: Iterable[str]) -> frozenset[str]:
    """Every prefix of every name's first word (and of the word after a leading "the"): a name can start at a
    token only if the token's text is one of these (spaCy may split a first word into several tokens)."""
    firsts = set()
    for name in names:
        words = name.lower().split()
        firsts.add(words[0])
        if words[0] == "the" and len(words) > 1:
            firsts.add(words[1])
    return frozenset(word[:k] for word in firsts for k in range(1, len(word) + 1))


def _may_start(token: Token, prefixes: frozenset[str]) -> bool:
    """Whether a lexicon name (its prefixes given) can start at this token: a cheap test before the slices."""
    text = token.text.replace("’", "'").lower()
    return text in prefixes or undotted(token.text).lower() in prefixes


def _known_publication_end(doc: Doc, i: int) -> int | None:
    if not doc[i].text[:1].isupper() or not _may_start(doc[i], _PUBLICATION_PREFIXES):
        return None
    for length in (4, 3, 2, 1):
        words = doc[i : i + length]
        if len(words) == length and words.text.lower() in lx.PUBLICATIONS:
            if length == 1 and doc[i].pos_ != "PROPN" and not doc[i].text.isupper():
                return None
            return i + length
        prefixed = f"the {words.text.lower()}"
        if len(words) == length and prefixed in lx.PUBLICATIONS and i > 0 and doc[i - 1].lower_ == "the":
            return i + length
    return None


def _newspaper_pattern_end(doc: Doc, i: int) -> int | None:
    """End of "Harbour Gazette" in "the Harbour Gazette" (or "Post" in "the Post"), starting at ``i``.

    Without "the", only at the start of an organisation the model found ("Washington Post Trump").
    """
    after_the = i > 0 and doc[i - 1].lower_ == "the"
    starts_org = doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "ORG"
    if not (after_the or starts_org) or not doc[i].is_title:
        return None
    j = i
    while j < len(doc) and j - i < 4 and doc[j].is_title and doc[j].tag_ in ("NNP", "NNPS") and not _person(doc[j]):
        if doc[j].lower_ in lx.NEWSPAPER_WORDS and (j > i or after_the) and _name_ends_after(doc, j, starts_org):
            return j + 1
        j += 1
    return None


def _person(token: Token) -> bool:
    """A person's name word ("Clinton" in "the Clinton News …"); the paper's own word may be misread as one."""
    return token.ent_type_ == "PERSON" and token.lower_ not in lx.NEWSPAPER_WORDS


def _name_ends_after(doc: Doc, j: int, inside_org: bool) -> bool:
    """The word "Post" ends the name unless a capitalised word follows ("the Post Office"), or, inside an
    organisation the model found, unless an organisation word follows."""
    if j + 1 == len(doc) or not doc[j + 1].is_title:
        return True
    return inside_org and doc[j + 1].lower_ not in NAME_GOES_ON


# -- platforms and agencies the lexicon knows -----------------------------------------------------------

_AGENCY_BY_NAME = {name: acronym for acronym, names in lx.AGENCIES.items() for name in names}
_KNOWN_ORG_MAX_WORDS = max(len(name.split()) for name in [*_AGENCY_BY_NAME, *lx.PLATFORMS])
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}")
_KNOWN_ORG_PREFIXES = _word_prefixes(["the", *_AGENCY_BY_NAME, *lx.PLATFORMS, *lx.AGENCIES])
_PUBLICATION_PREFIXES = _word_prefixes(lx.PUBLICATIONS)


def undotted(text: str) -> str:
    """A dotted acronym without its dots ("F.B.I." is "FBI"); any other text as it is."""
    return text.replace(".", "") if _DOTTED_ACRONYM.fullmatch(text) else text


def known_org_key(text: str) -> str | None:
    """The lexicon's key for a platform or agency name: "F.B.I.", "FBI" and "Federal Bureau of
    Investigation" are "fbi"; an acronym only when written in capitals ("WHO", not "who")."""
    name = undotted(_norm(text))
    lowered = name.lower().removeprefix("the ")
    if lowered in lx.PLATFORMS:
        return lowered
    if lowered in lx.AGENCIES:
        return lowered if name.isupper() else None
    return _AGENCY_BY_NAME.get(lowered)


def known_org_mentions(doc: Doc, taken: set[int]) -> list[RawMention]:
    """Platforms and agencies the model missed ("Facebook" read as a work of art), outside ``taken`` tokens."""
    found = []
    i = 0
    while i < len(doc):
        end = _known_org_end(doc, i)
        if end and not taken.intersection(range(i, end)):
            found.append(RawMention(i, end, "ORG"))
            i = end
        else:
            i += 1
    return found


def _known_org_end(doc: Doc, i: int) -> int | None:
    if not doc[i].text[:1].isupper() or not _may_start(doc[i], _KNOWN_ORG_PREFIXES):
        return None
    for length in range(min(_KNOWN_ORG_MAX_WORDS, len(doc) - i), 0, -1):
        if known_org_key(doc[i : i + length].text) is not None:
            if length == 1 and doc[i].pos_ != "PROPN" and not doc[i].text.isupper():
                return None
            return i + length
    return None


def document_mentions(doc: Doc) -> list[tuple[int, int, bool]]:
    """(start, end, definite) of noun phrases naming documents: "a cable", "the memo"."""
    found = []
    for token in doc:
        if token.lemma_.lower() not in lx.DOCUMENT_NOUNS or not token.text.islower() or token.pos_ != "NOUN":
            continue
        if token.ent_type_ in NER_TYPES or token.ent_type_ in ("FAC", "LOC", "WORK_OF_ART", "LAW"):
            continue
        start = token.i
        while start > token.sent.start and token.i - start < 6 and doc[start - 1].dep_ in DOCUMENT_LEFT_DEPS:
            if doc[start - 1].pos_ == "NOUN" and doc[start - 1].lemma_.lower() in lx.DOCUMENT_NOUNS:
                break
            start -= 1
        first = doc[start].lower_
        definite = first not in INDEFINITE
        has_determiner = doc[start].dep_ in ("det", "poss") or doc[start].pos_ in ("DET", "PROPN", "PRON")
        if not has_determiner:
            continue
        found.append((start, token.i + 1, definite))
    return found


# -- grouping mentions into entities -------------------------------------------------------------------


@dataclass
class MentionGroup:
    """Mentions found to be one entity, before it gets an id."""

    name: str
    type: str
    spans: list[tuple[int, int]]
    titles: list[str] = field(default_factory=list)
    labels: Counter = field(default_factory=Counter)

    @property
    def first(self) -> int:
        return min(s for s, _ in self.spans)

    def record(self, entity_id: str, doc: Doc) -> EntityRecord:
        mentions = sorted({(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in self.spans})
        return EntityRecord(entity_id, self.name, self.type, mentions, descriptors=list(dict.fromkeys(self.titles)))


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def group_mentions(doc: Doc, raws: list[RawMention]) -> list[MentionGroup]:
    """Group named and outlet mentions into entities: outlets, full names, surnames, aliases, votes."""
    groups: dict[str, MentionGroup] = {}

    def add(key: str, raw: RawMention, name: str, etype: str) -> None:
        group = groups.setdefault(key, MentionGroup(name, etype, []))
        group.spans.append((raw.start, raw.end))
        group.titles.extend(raw.titles)
        group.labels[raw.label] += 1
        if etype in ("PERSON", "ORG", "PUBLICATION") and len(name) > len(group.name):
            group.name = name

    ordered = sorted(raws, key=lambda r: r.start)
    full_names = [r for r in ordered if r.label == "PERSON" and r.end - r.start > 1]
    is_full_name = {id(r) for r in full_names}
    full_names_by_surname: dict[str, list[RawMention]] = {}
    for full in full_names:
        full_names_by_surname.setdefault(doc[full.end - 1].text, []).append(full)
    outlets_by_last_word: dict[str, list[str]] = {}
    for r in ordered:
        if r.label == "PUBLICATION" and r.end - r.start > 1:
            outlets_by_last_word.setdefault(doc[r.end - 1].lower_, []).append(_norm(doc[r.start : r.end].text).lower())
    for raw in ordered:
        text = _norm(doc[raw.start : raw.end].text)
        if raw.label == "PUBLICATION":
            add("pub:" + _publication_key(text, outlets_by_last_word), raw, text, "PUBLICATION")
        elif (org := known_org_key(text)) is not None:
            add("org:" + org, raw, text, "ORG")
        elif id(raw) in is_full_name:
            add("person:" + person_key(text), raw, text, "PERSON")
        elif (owner := _full_name_for_surname(doc, raw, full_names_by_surname)) is not None:
            add("person:" + person_key(doc[owner.start : owner.end].text), raw, text, "PERSON")
        elif text.lower() in COUNTRY_ALIASES and raw.label in ("GPE", "ORG", "NORP"):
            add("gpe:" + COUNTRY_ALIASES[text.lower()], raw, COUNTRY_ALIASES[text.lower()], "GPE")
        else:
            add("text:" + undotted(text).lower(), raw, text, "")
    for group in groups.values():
        if not group.type:
            group.type = group.labels.most_common(1)[0][0]
    return merge_organisations(list(groups.values()))


def person_key(name: str) -> str:
    """First and last name, lower case, a nickname as its formal name: "Loretta E. Lynch" and "Loretta
    Lynch" are one person, and so are "Jim Comey" and "James Comey"."""
    words = _norm(name).lower().split()
    if len(words) < 2:
        return " ".join(words)
    return f"{lx.NICKNAMES.get(words[0], words[0])} {words[-1]}"


def _publication_key(text: str, outlets_by_last_word: dict[str, list[str]]) -> str:
    """Lone "Gazette" and "Post" stand for the longest outlet ending with that word, if there is one
    (``outlets_by_last_word``: the names of outlets of several words, lower case, by their last word)."""
    lowered = text.lower().removeprefix("the ")  # "The Atlantic" and "the Atlantic"
    if " " in lowered or lowered not in lx.NEWSPAPER_WORDS:
        return lowered
    longer = outlets_by_last_word.get(lowered, [])
    return max(longer, key=len) if longer else lowered


def _full_name_for_surname(
    doc: Doc, raw: RawMention, full_names_by_surname: dict[str, list[RawMention]]
) -> RawMention | None:
    """The one person with this surname; with several ("Barack"/"Michelle Obama"), the one its honorific
    fits ("Mrs. Obama"), else none: the surname stays an entity of its own rather than a guess."""
    if raw.end - raw.start != 1:
        return None
    people: dict[str, RawMention] = {}
    for full in full_names_by_surname.get(doc[raw.start].text, []):
        people.setdefault(person_key(doc[full.start : full.end].text), full)
    before = (doc[raw.start - 1].lower_,) if raw.start else ()
    honorific = gender_from_words("", raw.titles + before)
    if honorific:
        people = {k: f for k, f in people.items() if gender_from_words(k, f.titles) in (None, honorific)}
    if len(people) > 1:
        people = {k: f for k, f in people.items() if honorific and gender_from_words(k, f.titles) == honorific}
    return next(iter(people.values())) if len(people) == 1 else None


def merge_organisations(groups: list[MentionGroup]) -> list[MentionGroup]:
    """Merge a shorter organisation name into the one longer name it stands for ("State" and "U.S. State
    Department" into "State Department"); a name that fits several longer ones stays apart."""
    orgs = sorted((g for g in groups if g.type == "ORG"), key=lambda g: -len(g.name.split()))
    could_match = _org_match_index(orgs)
    merged_into: dict[int, MentionGroup] = {}
    for i, short in enumerate(orgs):
        words = short.name.lower().split()
        if not words:
            continue
        keys = (("initials", undotted(short.name).lower()), ("last", words[-1]), ("core", " ".join(words)))
        near = sorted({k for key in keys for k in could_match.get(key, ()) if k < i})
        longer = [orgs[k] for k in near if id(orgs[k]) not in merged_into and len(orgs[k].name.split()) > len(words)]
        matches = [long for long in longer if _org_names_match(short.name, long.name)]
        if len(matches) == 1:
            matches[0].spans.extend(short.spans)
            merged_into[id(short)] = matches[0]
    return [g for g in groups if id(g) not in merged_into]


ACRONYM_SKIPPED = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def _org_match_index(orgs: list[MentionGroup]) -> dict[tuple[str, str], list[int]]:
    """Each organisation's position by what a shorter name that stands for it must equal: its initials
    (an acronym), its last word (a suffix), or its core words (its name word): only these can match."""
    index: dict[tuple[str, str], list[int]] = {}
    for k, org in enumerate(orgs):
        words = org.name.lower().split()
        if not words:
            continue
        core = words[:-1] if words[-1] in lx.ORG_HEAD_WORDS else words
        keys = {
            ("initials", "".join(w[0] for w in words if w not in ACRONYM_SKIPPED)),
            ("last", words[-1]),
            ("core", " ".join(w for w in core if w not in COUNTRY_ALIASES)),
        }
        for key in keys:
            index.setdefault(key, []).append(k)
    return index


def _org_names_match(short: str, long: str) -> bool:
    """Whether ``short`` names the organisation ``long``: its acronym ("ACLU"), a suffix that is more than
    one shared word ("Intelligence Committee", "Senate" of "U.S. Senate", "Department" of "Justice
    Department"), or its name word ("State" of "State Department"). "House" is not the "White House"."""
    short_words, long_words = short.lower().split(), long.lower().split()
    if _is_acronym_of(short, long_words):
        return True
    if long_words[-len(short_words) :] == short_words:
        rest = [w for w in long_words[: -len(short_words)] if w not in COUNTRY_ALIASES]
        return not rest or len(short_words) > 1 or short_words[0] in lx.ORG_HEAD_WORDS
    core = long_words[:-1] if long_words[-1] in lx.ORG_HEAD_WORDS else long_words
    core = [w for w in core if w not in COUNTRY_ALIASES]
    return core == short_words


def _is_acronym_of(short: str, long_words: list[str]) -> bool:
    letters = undotted(short)
    initials = "".join(w[0] for w in long_words if w not in ACRONYM_SKIPPED)
    return len(letters) > 1 and letters.isupper() and letters.isalpha() and letters.lower() == initials


def group_documents(doc: Doc, mentions: list[tuple[int, int, bool]]) -> list[MentionGroup]:
    """Document mentions as entities: a definite one continues the latest document with the same noun."""
    groups: list[MentionGroup] = []
    latest: dict[str, MentionGroup] = {}
    for start, end, definite in mentions:
        head = doc[end - 1].lemma_.lower()
        if definite and head in latest:
            latest[head].spans.append((start, end))
            continue
        modifiers = [t.lower_ for t in doc[start : end - 1] if t.dep_ in ("amod", "compound") and t.is_lower]
        group = MentionGroup(" ".join(["the", *modifiers, head]), "DOCUMENT", [(start, end)])
        groups.append(group)
        latest[head] = group
    return groups


def add_untagged_surnames(doc: Doc, records: list[EntityRecord]) -> None:
    """Mentions the model missed: a surname only one person has, as a proper noun outside every mention."""
    shared = Counter(r.surname for r in records if r.surname)
    surnames = {r.surname: r for r in records if r.surname and shared[r.surname] == 1}
    covered = {i for r in records for s, e in r.mentions for i in range(s, e)}
    for token in doc:
        record = surnames.get(token.text)
        if record is not None and token.pos_ == "PROPN" and token.idx not in covered:
            record.mentions = sorted([*record.mentions, (token.idx, token.idx + len(token.text))])
