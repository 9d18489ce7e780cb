"""What the text says about the people it names: titles and appositions beside a name, and the gender
their titles or the pronouns that follow them give."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LOWER, POS
from spacy.symbols import PRON as PRON_POS
from spacy.tokens import Doc, Token

from byline.entities import lexicon as lx

if TYPE_CHECKING:
    from byline.entities.registry import EntityRecord


def add_descriptors(doc: Doc, record: EntityRecord) -> None:
    """Titles before a name and appositions beside it; apposed descriptions become mentions too."""
    descriptors = [lx.TITLE_EXPANSIONS.get(t, t) for t in record.descriptors]
    new_mentions = []
    for start, end in list(record.mentions):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        descriptors.extend(_title_phrases(doc, span.start, span.root))
        for phrase_start, phrase_end, phrase in _appositions(doc, span.root):
            descriptors.append(phrase)
            new_mentions.append((doc[phrase_start].idx, _token_end(doc[phrase_end - 1])))
    record.descriptors = list(dict.fromkeys(d for d in descriptors if d))
    record.mentions = sorted(set(record.mentions) | set(new_mentions))


def _token_end(token: Token) -> int:
    return token.idx + len(token.text)


def _phrase(tokens: Iterable[Token]) -> str:
    words = [lx.TITLE_EXPANSIONS.get(t.lower_, t.lower_) for t in tokens if not t.is_punct]
    return " ".join(words)


def _title_phrases(doc: Doc, name_start: int, root: Token) -> list[str]:
    """Titles before a name: "Secretary of State" (… Antony Blinken), "senator" (Sen. Marco Rubio)."""
    phrases = []
    for child in root.lefts:
        if child.i >= name_start or child.dep_ not in ("nmod", "compound", "amod") or child.ent_type_ == "PERSON":
            continue
        tokens = [t for t in doc[child.left_edge.i : child.right_edge.i + 1] if t.i < name_start]
        if not any("\n" in t.text for t in tokens):
            phrases.append(_phrase(tokens))
    return phrases


def _appositions(doc: Doc, root: Token) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of descriptions apposed to a name, either way round, ending at the noun."""
    found = []
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and not child.ent_type_:
            phrase = _phrase(t for t in child.subtree)
            found.append((child.left_edge.i, child.i + 1, phrase))
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and not head.ent_type_ and head.i < root.i:
        found.append((head.left_edge.i, head.i + 1, _phrase(doc[head.left_edge.i : head.i + 1])))
    return found


def infer_genders(doc: Doc, records: list[EntityRecord]) -> None:
    """Gender from honorifics and gendered titles, then first names, then pronouns that can only mean them."""
    people = [r for r in records if r.type == "PERSON"]
    for record in people:
        record.gender = gender_from_words(record.name, record.descriptors)
    votes = pronoun_gender_votes(doc, people)
    for record in people:
        if record.gender is None and votes.get(record.id):
            record.gender = votes[record.id].most_common(1)[0][0]


def gender_from_words(name: str, descriptors: Iterable[str]) -> str | None:
    """'m', 'f' or None from titles and descriptors ("Mrs.", "spokeswoman") or a common first name before a
    surname."""
    words = {w for d in descriptors for w in re.findall(r"[\w.]+", d.lower())}
    if words & lx.FEMALE_WORDS:
        return "f"
    if words & lx.MALE_WORDS:
        return "m"
    first = name.split()[0].lower() if len(name.split()) > 1 else ""  # a lone "Alexander" may be a surname
    if first in lx.FEMALE_NAMES:
        return "f"
    if first in lx.MALE_NAMES:
        return "m"
    return None


def pronoun_gender_votes(doc: Doc, people: Sequence[EntityRecord]) -> dict[str, Counter]:
    """A vote ('f' or 'm') for the one person named in a gendered pronoun's sentence and the one before, if
    one; the pronouns found from an array of the doc rather than token by token."""
    if not people or not len(doc):
        return {}
    strings = doc.vocab.strings
    codes = {strings.add(word): gender for word, gender in lx.PRONOUN_GENDER.items()}
    table = doc.to_array([LOWER, POS])
    hits = numpy.nonzero(numpy.isin(table[:, 0], list(codes)) & (table[:, 1] == PRON_POS))[0]
    starts = sorted((s, r.id) for r in people for s, _ in r.mentions)
    votes: dict[str, Counter] = {}
    for i in hits.tolist():
        sentence = doc[i].sent
        window_start = doc[sentence.start - 1].sent.start_char if sentence.start else sentence.start_char
        first, last = bisect_left(starts, (window_start, "")), bisect_left(starts, (doc[i].idx, ""))
        near = {entity_id for _, entity_id in starts[first:last]}
        if len(near) == 1:
            votes.setdefault(near.pop(), Counter())[codes[int(table[i, 0])]] += 1
    return votes
