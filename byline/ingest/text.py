"""Plain-text articles: headline, byline line and body."""

from __future__ import annotations

import re

from byline.errors import BylineError
from byline.ingest.cleanup import (
    Paragraph,
    clean_paragraphs,
    is_boilerplate,
    is_caption,
    is_credit,
    split_paragraphs,
)
from byline.ingest.language import detect_language
from byline.reading import Article

HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
# Longer headlines than this are written in title case; shorter ones may be in sentence case.
SENTENCE_CASE_MAX_WORDS = 12
# A sentence-case line 1 that stands alone (its own paragraph, before a longer one or a sentence) may be longer.
STANDING_SENTENCE_CASE_MAX_WORDS = 20
# A line in Title Case ending in a period is still a headline (some corpora end every headline so).
TITLE_CASE_SHARE = 0.6
FULL_TITLE_CASE_SHARE = 0.8

_CLOSING_QUOTES = "\"'’”»)]"
_ABBREVIATIONS = r"Inc|Corp|Co|Ltd|Jr|Sr|St|Dr|Mr|Mrs|Ms|No|vs|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Ft|Mt"
_ABBREVIATION_END = re.compile(rf"(?:\b[A-Z]\.){{2,}}$|\b(?:{_ABBREVIATIONS})\.$")
# A sentence end inside the line ("Councillors voted. The mayor left"), not an abbreviation ("Sen. Hale").
_TWO_SENTENCES = re.compile(rf"(?<![A-Za-z])(?!(?:{_ABBREVIATIONS})[.])[A-Za-z]*[a-z]{{2}}[.!?][\"'’”]?\s+[A-Z]")
# A dateline with its outlet opens the body, not a headline: "(Reuters) -", "PORT TOWN, Maine (CNN) --".
_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,3}\s*)?\([A-Z][\w.&’' -]{1,30}\)\s*[-–—]*\s")
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of off on onto or over per the to up upon via vs with".split()
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|la|le|bin|al))*"
_BYLINE = re.compile(rf"^By\s+({_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)(?:\s*(?:\||,|–|—|-)\s*(.+))?$")
_BYLINE_MAX_WORDS = 14
_NAME_LINE_MAX_WORDS = 4  # "Marta Quill", "Port Town Courier": an author or outlet line, not the body
_AFFILIATION = re.compile(
    r"\b(?:Press|News|Times|Post|Gazette|Journal|Tribune|Herald|Reuters|Bloomberg|Staff|Writer|Correspondent"
    r"|Reporter|Editor|Contributor|Daily|Magazine|Network|Agency|Bureau|Desk)\b",
    re.I,
)


def _significant(words: list[str]) -> list[str]:
    return [w for w in words if any(c.isalpha() for c in w) and w.lower() not in _MINOR_WORDS]


def _significant_words(words: list[str]) -> int:
    return len(_significant(words))


def _title_case_share(words: list[str]) -> float:
    significant = _significant(words)
    if not significant:
        return 0.0
    return sum(1 for w in significant if w.lstrip("\"'‘“(")[:1].isupper()) / len(significant)


def looks_like_headline(line: str, stands_alone: bool = False) -> bool:
    """Whether a line reads as a headline: short, title-ish, not a sentence with a terminal period.

    ``stands_alone``: the line is a paragraph of its own before a longer one or a sentence, so a
    sentence-case line of up to ``STANDING_SENTENCE_CASE_MAX_WORDS`` words is a headline too.
    """
    words = line.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or len(line) > HEADLINE_MAX_CHARS:
        return False
    first = line.lstrip("\"'‘“(")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    bare = line.rstrip(_CLOSING_QUOTES)
    if bare.endswith((",", ";", ":", "-", "–", "—")):
        return False
    if _TWO_SENTENCES.search(line) or _BYLINE.match(line) or _DATELINE.match(line):
        return False
    if is_credit(line) or is_boilerplate(line) or is_caption(line):
        return False
    title_share = _title_case_share(words)
    if bare.endswith(".") and not _ABBREVIATION_END.search(bare):
        return title_share >= FULL_TITLE_CASE_SHARE and _significant_words(words) >= 3
    limit = STANDING_SENTENCE_CASE_MAX_WORDS if stands_alone else SENTENCE_CASE_MAX_WORDS
    return len(words) <= limit or title_share >= TITLE_CASE_SHARE


def byline_authors(line: str) -> list[str]:
    """Author names from a byline line such as "By Jane Doe and John Roe, Harbour Gazette", else [].

    A comma after the last name joined by "and" (or, with no "and", the first comma) starts the
    affiliation: "By A, B and C" names three people, "By A and B, Outlet" two.
    """
    if len(line.split()) > _BYLINE_MAX_WORDS:
        return []
    match = _BYLINE.match(line)
    if not match:
        return []
    names_part = match.group(1)
    last_and = max(names_part.rfind(" and "), names_part.rfind("&"))
    comma = names_part.find(",", max(last_and, 0))
    if comma >= 0:
        names_part = names_part[:comma]
    names = re.split(r"\s*(?:,|\band\b|&)\s*", names_part)
    return [name for name in names if name and not _AFFILIATION.search(name)]


def _same_heading(a: str, b: str) -> bool:
    return " ".join(re.findall(r"\w+", a.lower())) == " ".join(re.findall(r"\w+", b.lower()))


def split_headline(
    paragraphs: list[Paragraph], title: str | None = None
) -> tuple[str | None, list[Paragraph]]:
    """(headline, the rest). Line 1 is the headline when it is a paragraph of its own that looks like one.

    With a ``title`` known from elsewhere (e.g. a JSONL field), line 1 is dropped only when it repeats it.
    """
    if len(paragraphs) < 2 or len(paragraphs[0]) != 1:
        return title, paragraphs
    first = paragraphs[0][0]
    if title is not None:
        return title, paragraphs[1:] if _same_heading(first, title) else paragraphs
    if looks_like_headline(first, stands_alone=_stands_alone(first, paragraphs[1:])):
        return first, paragraphs[1:]
    return None, paragraphs


def _stands_alone(line: str, rest: list[Paragraph]) -> bool:
    """Whether line 1 stands apart from the body: the first body paragraph after it (past bylines, name
    lines and site chrome) is a sentence, or longer than line 1."""
    for paragraph in rest:
        body = " ".join(x for x in paragraph if not _is_front_matter(x))
        if body:
            return len(body.split()) > len(line.split()) or _ends_sentence(body)
    return False


def _is_front_matter(line: str) -> bool:
    """What may sit between headline and body: a byline, an author or outlet name line, a credit, chrome."""
    if byline_authors(line) or is_boilerplate(line) or is_credit(line):
        return True
    words = line.split()
    if len(words) <= _NAME_LINE_MAX_WORDS:
        return True
    return len(words) <= _BYLINE_MAX_WORDS and _title_case_share(words) == 1.0 and not _ends_sentence(line)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSING_QUOTES).endswith((".", "!", "?"))


def split_byline(paragraphs: list[Paragraph]) -> tuple[list[str], list[Paragraph]]:
    """(authors, the rest) when the first paragraph is a lone "By …" line."""
    if len(paragraphs) >= 2 and len(paragraphs[0]) == 1:
        authors = byline_authors(paragraphs[0][0])
        if authors:
            return authors, paragraphs[1:]
    return [], paragraphs


def article_from_text(text: str, origin: str | None = None, *, title: str | None = None) -> Article:
    """An Article from plain text: headline from line 1 when it looks like one, then the cleaned body.

    Raises ``empty`` for blank text and ``no_body`` when nothing but headline and boilerplate remain.
    """
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise BylineError("empty", origin)
    headline, paragraphs = split_headline(paragraphs, title)
    authors, paragraphs = split_byline(paragraphs)
    cleaned = clean_paragraphs(paragraphs)
    if not any(ch.isalnum() for ch in cleaned.text):
        raise BylineError("no_text", origin)  # nothing but punctuation and spaces is no article
    return Article(
        title=headline,
        text=cleaned.text,
        captions=cleaned.captions,
        credits=cleaned.credits,
        boilerplate=cleaned.boilerplate,
        authors=authors,
        language=detect_language(cleaned.text),
        origin=origin,
    )
