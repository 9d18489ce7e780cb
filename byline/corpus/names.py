"""One name per person across a corpus: "Donald J. Trump", "Donald Trump" and, where the corpus leaves no doubt,
"Trump" are counted as one speaker.

Within an article the entity registry already joins a person's mentions; across articles the same person is
named in different ways. Two names are one person's when their first and last names agree once honorifics,
middle initials, suffixes and nicknames are set aside ("Donald J. Trump", "Mr. Donald Trump Jr." is kept apart
by its suffix). A surname alone ("Trump", from an article that never gives the full name) joins the full name
that holds at least ``SURNAME_SHARE`` of the corpus's full names with that surname, and stays as it is where
two people share it ("Sanders": Bernie or Sarah), or where the word is as much a first name ("Paul"). Each
person is shown under their most frequent full form.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

SURNAME_SHARE = 0.8
MIN_FULL_NAME = 3  # attributions under the full name before a lone surname may join it
FIRST_NAME_SHARE = 0.2  # a word this often a first name (against its use as that surname) stays apart
HONORIFICS = frozenset(
    "mr mrs ms miss dr prof sen rep gov pres gen lt col sgt capt adm sir dame lord lady rev".split()
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NICKNAME = re.compile(r"[\"“”‘’'][^\"“”‘’']+[\"“”‘’']")
_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?", re.UNICODE)


def _plain(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.lower().rstrip("."))
    return "".join(c for c in folded if not unicodedata.combining(c)).replace("’", "'")


def name_key(name: str) -> tuple[str, ...]:
    """The words that name a person: honorifics, initials and nicknames left out, a suffix kept (father and son
    are two people); ``()`` where nothing is left."""
    words = [_plain(w) for w in _WORD.findall(_NICKNAME.sub(" ", name))]
    while words and words[0] in HONORIFICS:
        words = words[1:]
    suffix = (words.pop(),) if len(words) > 1 and words[-1] in SUFFIXES else ()
    kept = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and len(w) == 1)]
    if len(kept) > 2:  # first and last name; middle names vary between outlets
        kept = [kept[0], kept[-1]]
    return (*kept, *suffix)


def canonical_speakers(counts: Mapping[str, int]) -> dict[str, str]:
    """For each person's name (with its attributions in ``counts``), the name it is counted under: the most
    frequent form of its full name; a surname alone under the one full name that dominates it."""
    by_key: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for name, n in counts.items():
        key = name_key(name)
        if key:
            by_key[key][name] += n
    shown = {key: _most_frequent(forms) for key, forms in by_key.items()}
    surnames: dict[str, Counter] = defaultdict(Counter)
    first_names: Counter = Counter()
    for key, forms in by_key.items():
        if len(key) >= 2 and key[-1] not in SUFFIXES:
            surnames[key[-1]][key] = sum(forms.values())
        if len(key) >= 2:
            first_names[key[0]] += sum(forms.values())
    mapping: dict[str, str] = {}
    for key, forms in by_key.items():
        target = key
        if len(key) == 1 and key[0] in surnames:
            target = _surname_owner(surnames[key[0]], first_names[key[0]]) or key
        for name in forms:
            mapping[name] = shown[target]
    return mapping


def _most_frequent(forms: Counter) -> str:
    """The form with most attributions; of equals, the first by code point (the same on every store)."""
    return min(forms.items(), key=lambda item: (-item[1], item[0]))[0]


def _surname_owner(full_names: Counter, as_first_name: int) -> tuple[str, ...] | None:
    """The full name a lone surname stands for: the one holding ``SURNAME_SHARE`` of the full names with that
    surname, seen at least ``MIN_FULL_NAME`` times; None where the word is also a common first name ("Paul":
    Rand Paul, or Paul Ryan?)."""
    total = sum(full_names.values())
    top, top_n = min(full_names.items(), key=lambda item: (-item[1], item[0]))
    if top_n < MIN_FULL_NAME or top_n < SURNAME_SHARE * total or as_first_name >= FIRST_NAME_SHARE * total:
        return None
    return top


def merged_counts(
    rows: Iterable[tuple[str, str, int]], mapping: Mapping[str, str]
) -> list[tuple[str, int, int]]:
    """(speaker, attributions, articles) from rows of (speaker, article id, attributions), names merged by
    ``mapping``: most attributions first, then by name."""
    attributions: Counter = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for speaker, article_id, n in rows:
        name = mapping.get(speaker, speaker)
        attributions[name] += n
        articles[name].add(article_id)
    return sorted(
        ((name, n, len(articles[name])) for name, n in attributions.items()), key=lambda r: (-r[1], r[0])
    )
