"""A person's gender from what the article says of them: a pronoun that is the source, an honorific or
gendered noun, the he/she pronouns that refer to them, a well-known figure, and last a first name (byline's
lexicon, then the optional ``nomquamgender`` name data, counted only where at least 90% one way)."""

from __future__ import annotations

import importlib.util
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc

from byline.attribution.source_words import (
    FEMALE_HONORIFICS,
    FEMALE_NOUNS,
    GENDERED_PRONOUNS,
    MALE_HONORIFICS,
    MALE_NOUNS,
    UNKNOWN,
    known_politician,
    words_of,
)
from byline.entities import lexicon as lx
from byline.entities.people import pronoun_gender_votes
from byline.entities.registry import EntityRecord, Registry
from byline.reading import Attribution


def words_gender(words: Iterable[str]) -> tuple[str, str] | None:
    """(gender, evidence) from an honorific or gendered noun among ``words`` (lower case)."""
    for word in words:
        if word in FEMALE_HONORIFICS:
            return "female", f"honorific '{word}'"
        if word in MALE_HONORIFICS:
            return "male", f"honorific '{word}'"
        if word in FEMALE_NOUNS:
            return "female", f"noun '{word}'"
        if word in MALE_NOUNS:
            return "male", f"noun '{word}'"
    return None


def descriptor_gender(descriptors: Iterable[str]) -> tuple[str, str] | None:
    """An honorific title ("Mrs.") or a gendered head noun ("spokeswoman", "his wife") among a person's
    descriptions; words inside an apposition's clauses ("… to support Mr. Morsi") are not theirs."""
    for phrase in descriptors:
        words = words_of(phrase)
        if not words or "|" in phrase:
            continue
        core = re.split(r" (?:who|that|which|of|for|at|to|in|with) ", " ".join(words))[0].split()
        found = words_gender([core[0], core[-1]] if len(core) > 1 else core)
        if found is not None:
            return found
    return None


def first_name(name: str) -> str | None:
    """The first name of a person's full name ("Rick" of 'Rick “Ozzie” Nelson'); None for one word or an
    initial."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    if len(words) < 2:
        return None
    first = words[0].strip("“”\"'’.,")
    if len(first) < 2 or first.endswith(".") or not first[:1].isupper() or first.lower() in lx.TITLE_WORDS:
        return None
    return first


_NAME_DATA: dict[str, float] | None = None
_NAME_DATA_LOCK = threading.Lock()
NAME_DATA_PACKAGE = "nomquamgender"
NAME_DATA_MIN_COUNT = 50
NAME_DATA_CERTAINTY = 0.9
_NAME_DATA_ROW = re.compile(r'"([a-z][a-z\'-]*)": \[\d+, (\d+), ([\d.]+)')


def name_data() -> dict[str, float]:
    """First name -> share of its bearers who are women, from the installed ``nomquamgender`` package's
    data (names seen at least ``NAME_DATA_MIN_COUNT`` times and ``NAME_DATA_CERTAINTY`` one way); empty
    where the package is not installed. Read once per process (about a second), only when first needed."""
    global _NAME_DATA
    if _NAME_DATA is None:
        with _NAME_DATA_LOCK:
            if _NAME_DATA is None:
                _NAME_DATA = _read_name_data()
    return _NAME_DATA


def _read_name_data() -> dict[str, float]:
    spec = importlib.util.find_spec(NAME_DATA_PACKAGE)  # its module needs pandas: read its data file only
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    if not path.is_file():
        return {}
    table = {}
    low, high = 1 - NAME_DATA_CERTAINTY, NAME_DATA_CERTAINTY
    for match in _NAME_DATA_ROW.finditer(path.read_text(encoding="utf-8")):
        share = float(match.group(3))
        if int(match.group(2)) >= NAME_DATA_MIN_COUNT and (share <= low or share >= high):
            table[match.group(1)] = share
    return table


def name_gender(name: str) -> tuple[str, str] | None:
    """(gender, evidence) from a person's first name: byline's short lexicon, then the name data."""
    first = first_name(name)
    if first is None:
        return None
    key = unicodedata.normalize("NFKD", first.lower()).encode("ascii", "ignore").decode()
    if key in lx.FEMALE_NAMES:
        return "female", f"first name '{first}'"
    if key in lx.MALE_NAMES:
        return "male", f"first name '{first}'"
    share = name_data().get(key)
    if share is None:
        return None
    gender = "female" if share >= 0.5 else "male"
    return gender, f"first name '{first}' ({NAME_DATA_PACKAGE}: {round(100 * max(share, 1 - share))}% {gender})"


class GenderClues:
    """What the article says of its people's gender, gathered once: he/she votes by entity (the pronoun
    sources the attribution stage resolved to an entity, worth two each, and, read only when first needed,
    the registry's one-person-in-reach votes), and each person's gender once found."""

    def __init__(
        self, doc: Doc | None = None, registry: Registry | None = None, attributions: Sequence[Attribution] = ()
    ) -> None:
        self._doc, self._registry = doc, registry
        self._votes: dict[str, Counter] | None = None
        self.resolved: dict[str, Counter] = {}
        self.found: dict[str, tuple[str, str]] = {}
        for attribution in attributions:
            source = attribution.source
            if source.entity and source.span is not None:
                gender = GENDERED_PRONOUNS.get(source.span.text.strip().lower())
                if gender is not None:
                    self.resolved.setdefault(source.entity, Counter())[gender] += 2

    def votes(self, entity_id: str) -> Counter:
        if self._votes is None:
            self._votes = {}
            if self._doc is not None and self._registry is not None:
                people = [r for r in self._registry.records if r.type == "PERSON"]
                for found_id, counter in pronoun_gender_votes(self._doc, people).items():
                    for code, n in counter.items():
                        self._votes.setdefault(found_id, Counter())["female" if code == "f" else "male"] += n
        return self.resolved.get(entity_id, Counter()) + self._votes.get(entity_id, Counter())


def gender_clues(doc: Doc, registry: Registry, attributions: Sequence[Attribution]) -> GenderClues:
    """The gender clues of one article."""
    return GenderClues(doc, registry, attributions)


def person_gender(record: EntityRecord, clues: GenderClues) -> tuple[str, str]:
    """A named person's gender and its evidence: honorific or gendered noun, pronouns that refer to them, a
    well-known figure, first name; else unknown."""
    if record.id not in clues.found:
        clues.found[record.id] = _person_gender(record, clues)
    return clues.found[record.id]


def _person_gender(record: EntityRecord, clues: GenderClues) -> tuple[str, str]:
    found = descriptor_gender(record.descriptors)
    if found is not None:
        return found
    votes = clues.votes(record.id)
    if votes:
        (top, n), *rest = votes.most_common()
        if not rest or n >= 2 * rest[0][1]:
            word = "she" if top == "female" else "he"
            return top, f"pronoun '{word}' ({n} vote{'s' if n > 1 else ''})"
    known = known_politician(record.name)
    if known:
        return known, f"well-known figure '{record.name}'"
    by_name = name_gender(record.name)
    if by_name is not None:
        return by_name
    return UNKNOWN, "no pronoun, honorific or known first name"
