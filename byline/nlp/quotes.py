"""Quotation marks: which characters open and close a quote, and the quoted stretches of a text.

Every quotation mark Unicode has counts (guideline §7): “ ” „ ‟ " ″ ＂ 〝 〞 〟 « » for double quotes,
‘ ’ ‚ ‛ ' ‹ › for single ones, and the two-character doubles '' `` ‘‘ ’’. A mark's *shape* says
whether it opens (“ „ « ‘ …), closes (” » ’ …) or may do either (" ″ ＂ ' ''); where it stands says
the rest, so a quote closed with a different mark from the one that opened it („…″, “…", ‚…‘,
»…«) is still one quote. Single marks that are apostrophes (don't, Trump’s, ’90s, rock ’n’ roll,
the Smiths’ house) are told apart from quotation marks by the letters around them.

Pairing works paragraph by paragraph (paragraphs end at a blank line): an opening mark with no close
runs to the end of its paragraph, and on into the next when that one opens with a mark of the same
kind (quotes over several paragraphs leave the closing mark off until the last). Marks of the other
kind inside a quote (‘…’ inside “…”, or “…” inside British ‘…’) are nested quotes and are part of it.

The parser knows “ ” ‘ ’ " ' best: ``canonical_marks`` writes a text with every other mark replaced by
the curly mark of its kind and role (same length, same offsets), which is what the spaCy pipeline
parses (``byline.nlp.load_pipeline``); ``parsed_form`` gives features a token as the parser read it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from byline.nlp.spans import SpanList
from byline.nlp.text import doc_text

CharSpan = tuple[int, int]  # start, end: character offsets (the same as byline.attribution.model.CharSpan)
QUOTES_KEY = "byline.quotes"

DOUBLE, SINGLE = "double", "single"
OPEN, CLOSE, EITHER = "open", "close", "either"

# One-character marks: (kind, shape).
MARKS: dict[str, tuple[str, str]] = {
    "“": (DOUBLE, OPEN),
    "„": (DOUBLE, OPEN),
    "‟": (DOUBLE, OPEN),
    "〝": (DOUBLE, OPEN),
    "«": (DOUBLE, OPEN),
    "”": (DOUBLE, CLOSE),
    "〞": (DOUBLE, CLOSE),
    "〟": (DOUBLE, CLOSE),
    "»": (DOUBLE, CLOSE),
    '"': (DOUBLE, EITHER),
    "″": (DOUBLE, EITHER),
    "＂": (DOUBLE, EITHER),
    "‘": (SINGLE, OPEN),
    "‚": (SINGLE, OPEN),
    "‛": (SINGLE, OPEN),
    "‹": (SINGLE, OPEN),
    "’": (SINGLE, CLOSE),
    "›": (SINGLE, CLOSE),
    "'": (SINGLE, EITHER),
}
# Two single marks (or two backquotes) written for one double mark.
TWO_CHAR_MARKS: dict[str, tuple[str, str]] = {
    "''": (DOUBLE, EITHER),
    "``": (DOUBLE, OPEN),
    "‘‘": (DOUBLE, OPEN),
    "’’": (DOUBLE, CLOSE),
}

# Every string that may open, or close, a quote (characters and the two-character marks), for code
# that compares a character or a token's text with them: "«" and "″" behave as "“" and '"' do.
QUOTE_OPEN = frozenset(m for m, (_, shape) in (MARKS | TWO_CHAR_MARKS).items() if shape != CLOSE)
QUOTE_CLOSE = frozenset(m for m, (_, shape) in (MARKS | TWO_CHAR_MARKS).items() if shape != OPEN)
QUOTE_MARKS = QUOTE_OPEN | QUOTE_CLOSE

# What the parser reads for a mark of each kind and role; marks it already knows are kept as written.
CANONICAL = {(DOUBLE, OPEN): "“", (DOUBLE, CLOSE): "”", (SINGLE, OPEN): "‘", (SINGLE, CLOSE): "’"}
PARSER_KNOWS = frozenset("\"'")
# doc.user_data key of the text the parser read (set only where it differs from doc.text).
PARSED_TEXT = "byline.parsed_text"

_MARK_RE = re.compile("|".join(map(re.escape, sorted(TWO_CHAR_MARKS))) + "|[" + re.escape("".join(MARKS)) + "]")
_REWRITABLE_RE = re.compile("[" + re.escape("".join(m for m in MARKS if m not in PARSER_KNOWS)) + "]")
OPENING_CONTEXT = "([{—–-:"
# Words whose first letters an apostrophe stands for: 'em, 'til, ’tis, rock ’n’ roll.
ELISIONS = frozenset("em til tis twas cause cos cuz n nuff bout kay sup round".split())
_ELISION_RE = re.compile(r"[A-Za-z]+|\d+")


@dataclass(frozen=True)
class Mark:
    """One quotation mark in a text: where it is, its kind (double/single) and its shape."""

    start: int
    end: int
    kind: str
    shape: str


def _apostrophe(text: str, i: int) -> bool:
    """Whether the single mark at ``i`` is an apostrophe: inside a word (don't, Trump’s) or standing
    for elided letters or digits at a word's start ('em, ’90s, ’n’)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    if before in "nN" and text[i - 2 : i - 1] in ("'", "’", "‘") and not text[i - 3 : i - 2].isalnum():
        return True  # the second mark of rock ’n’ roll
    if before.isalnum() or not after.isalnum():
        return False
    word = _ELISION_RE.match(text, i + 1)
    if word is None:
        return False
    rest = text[word.end() : word.end() + 1]
    if word.group().lower() in ELISIONS and not rest.isalpha():
        return True
    return word.group().isdigit() and len(word.group()) == 2 and rest in ("s", "")


def _prime(text: str, i: int) -> bool:
    """A double mark that is the seconds or inches sign: 5′11″, 5'11", 40°26′46″."""
    j = i
    while j > 0 and (text[j - 1].isdigit() or text[j - 1] in ".,"):
        j -= 1
    return j < i and j > 0 and text[j - 1] in "′'°"


def scan_marks(text: str) -> list[Mark]:
    """Every quotation mark of a text, apostrophes and primes left out."""
    marks = []
    for found in _MARK_RE.finditer(text):
        i, mark = found.start(), found.group()
        kind, shape = TWO_CHAR_MARKS.get(mark) or MARKS[mark]
        if kind == SINGLE and _apostrophe(text, i):
            continue
        if kind == DOUBLE and shape == EITHER and len(mark) == 1 and _prime(text, i):
            continue
        marks.append(Mark(i, found.end(), kind, shape))
    return marks


def _before(text: str, mark: Mark) -> str:
    return text[mark.start - 1] if mark.start else " "


def _after(text: str, mark: Mark) -> str:
    return text[mark.end] if mark.end < len(text) else " "


def _opens(text: str, mark: Mark) -> bool:
    """Whether a mark may open a quote where it stands (no quote of its kind being open)."""
    before, after = _before(text, mark), _after(text, mark)
    if mark.kind == SINGLE and after.isspace():
        return False
    if mark.shape == OPEN:
        return True
    if mark.shape == CLOSE:  # the ”…” and »…« styles open with a closing shape
        return (before.isspace() or before in OPENING_CONTEXT) and after.isalnum()
    return before.isspace() or before in OPENING_CONTEXT or before in QUOTE_OPEN


def _closing_context(text: str, mark: Mark) -> bool:
    """Directly after a word or punctuation and not before one: where an opening shape closes („…“)."""
    return not _before(text, mark).isspace() and not _after(text, mark).isalnum()


def _possessive(text: str, mark: Mark) -> bool:
    """A single closing mark that may be an apostrophe ending a word: the Smiths’ house, goin’ home."""
    if not text[mark.start - 1 : mark.start].isalpha():
        return False
    word_end = text[mark.start - 2 : mark.start].lower()
    if not (word_end.endswith("s") or word_end == "in"):
        return False
    rest = text[mark.end : mark.end + 2]
    return len(rest) == 2 and rest[0] == " " and rest[1].isalnum()


@dataclass
class _Open:
    start: int
    kind: str
    mark: Mark


def _paragraphs(text: str) -> list[CharSpan]:
    """(start, end) of each paragraph; a paragraph ends at a blank line, the next starts at its first
    non-space character."""
    out, start, n = [], 0, len(text)
    while True:
        stop = text.find("\n\n", start)
        if stop < 0:
            out.append((start, n))
            return out
        out.append((start, stop))
        start = stop
        while start < n and text[start].isspace():
            start += 1


def _content_end(text: str, lo: int, hi: int) -> int:
    """The end of [lo, hi) without its trailing whitespace."""
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def pair_marks(text: str) -> tuple[list[CharSpan], dict[int, str]]:
    """The quoted stretches (marks included), and the role (open/close) of each mark that opened, closed
    or continued one, by its offset."""
    marks = scan_marks(text)
    quotes: list[CharSpan] = []
    roles: dict[int, str] = {}
    current: _Open | None = None
    k = 0
    paragraphs = _paragraphs(text)
    for p, (start, end) in enumerate(paragraphs):
        here = []
        while k < len(marks) and marks[k].start < end:
            if marks[k].start >= start:
                here.append(marks[k])
            k += 1
        if current is not None:  # continued from the paragraph before: its first mark reopens the quote
            roles[here[0].start] = OPEN
            here = here[1:]
        for n, mark in enumerate(here):
            if current is None:
                if _opens(text, mark) and (mark.kind == DOUBLE or _single_may_open(text, mark, here[n + 1 :])):
                    current = _Open(mark.start, mark.kind, mark)
                    roles[mark.start] = OPEN
                continue
            if mark.kind != current.kind:
                continue  # a nested quote of the other kind
            role = _role_while_open(text, mark, current, here[n + 1 :])
            if role == CLOSE:
                quotes.append((current.start, mark.end))
                roles[mark.start] = CLOSE
                current = None
            elif role == OPEN:  # the quote before was never closed
                quotes.append((current.start, _content_end(text, current.start, mark.start)))
                current = _Open(mark.start, mark.kind, mark)
                roles[mark.start] = OPEN
        if current is not None:
            following = paragraphs[p + 1][0] if p + 1 < len(paragraphs) else None
            if following is None or not _continues(text, following, current.kind, marks, k):
                quotes.append((current.start, _content_end(text, current.start, end)))
                current = None
    return [q for q in quotes if q[1] - q[0] > 1], roles


def _continues(text: str, start: int, kind: str, marks: list[Mark], k: int) -> bool:
    """Whether the paragraph at ``start`` opens with a mark of ``kind`` that carries an open quote on."""
    first = marks[k] if k < len(marks) else None
    return first is not None and first.start == start and first.kind == kind and first.shape != CLOSE


def _single_may_open(text: str, mark: Mark, rest: list[Mark]) -> bool:
    """A single mark opens a quote when it has the opening shape (‘ ‚ ‛ ‹) or a mark later in the
    paragraph can close it (a straight ' or ’ that closes nothing is more likely an apostrophe)."""
    if mark.shape == OPEN and not text[mark.end : mark.end + 1].isdigit():
        return True
    return any(m.kind == SINGLE and _closing_context(text, m) for m in rest)


def _role_while_open(text: str, mark: Mark, current: _Open, rest: list[Mark]) -> str | None:
    """What a mark of the open quote's kind does: close it, open a new one (the first was never
    closed), or nothing (an apostrophe after all)."""
    if mark.shape == OPEN:
        low = text[current.start] in "„‚" and text[mark.start] in "“‘"
        return CLOSE if low or _closing_context(text, mark) else OPEN
    if mark.kind == DOUBLE:
        return CLOSE
    if not _closing_context(text, mark):
        return OPEN if _opens(text, mark) else None
    if _possessive(text, mark) and any(m.kind == SINGLE and _closing_context(text, m) for m in rest):
        return None
    return CLOSE


def find_quotes(text: str) -> SpanList:
    """Quoted stretches (marks included), double or single, in any mark style.

    A quote that reaches the end of its paragraph open continues when the next paragraph opens with a
    mark (the convention for quotes over several paragraphs); otherwise it ends at the paragraph's end.
    """
    return SpanList(pair_marks(text)[0])


def doc_quotes(doc: Doc) -> SpanList:
    """``find_quotes`` of the parse's text, found once per parse and kept in ``doc.user_data``."""
    quotes = doc.user_data.get(QUOTES_KEY)
    if quotes is None:
        quotes = doc.user_data[QUOTES_KEY] = find_quotes(doc_text(doc))
    return quotes


def canonical_marks(text: str) -> str:
    """``text`` with every quotation mark the parser does not know well replaced by “ ” ‘ ’ of its kind
    and role (same length, same offsets): „ « ″ 〝 … as “ and ”, ‚ ‹ ‛ as ‘ and ’. Straight marks,
    apostrophes and primes are kept."""
    if _REWRITABLE_RE.search(text) is None:
        return text
    roles = pair_marks(text)[1]
    chars = list(text)
    for mark in scan_marks(text):
        char = text[mark.start]
        if mark.end - mark.start != 1 or char in PARSER_KNOWS:
            continue
        role = roles.get(mark.start) or (mark.shape if mark.shape != EITHER else None)
        if role is None:
            role = OPEN if _opens(text, mark) else CLOSE
        chars[mark.start] = CANONICAL[(mark.kind, role)]
    return "".join(chars)


def parsed_form(token: Token) -> str:
    """A token's lower-case text as the parser read it: a quotation mark in its canonical form (“ for
    „ or «), anything else as written. Features use it, so that every mark style reads alike."""
    parsed = token.doc.user_data.get(PARSED_TEXT)
    if parsed is None:
        return token.lower_
    return parsed[token.idx : token.idx + len(token.text)].lower()


# --- quotes and spans -------------------------------------------------------------------------------


def quote_index(doc: Doc, quotes: list[CharSpan]) -> list[int]:
    """For each token, the index of the quote it lies in, or -1."""
    index = [-1] * len(doc)
    qi = 0
    for token in doc:
        while qi < len(quotes) and quotes[qi][1] <= token.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] <= token.idx < quotes[qi][1]:
            index[token.i] = qi
    return index


def extend_to_quote(span: CharSpan, quotes: list[CharSpan]) -> CharSpan:
    """Grow a content span to cover whole quotes it starts or ends inside."""
    start, end = span
    # Sorted quotes that do not overlap: only those meeting the span can change it.
    for qs, qe in quotes.meeting(start, end) if isinstance(quotes, SpanList) else quotes:
        if qs <= start < qe:
            start, end = qs, max(end, qe)
        elif qs < end <= qe and qs >= start:
            end = qe
    return start, end


def next_quote(text: str, after: int, quotes: list[CharSpan], gap: str = " ,.") -> CharSpan | None:
    """A quote that follows ``after`` with only ``gap`` characters (at most 3) between, in the paragraph."""
    for qs, qe in quotes[bisect_left(quotes, (after, -1)) :] if isinstance(quotes, SpanList) else quotes:
        if qs >= after:
            between = text[after:qs]
            return (qs, qe) if len(between) <= 3 and not between.strip(gap) else None
    return None


def quote_before(text: str, start: int, quotes: list[CharSpan], gap: str = " ,") -> CharSpan | None:
    """A quote that ends just before ``start`` (at most 3 ``gap`` characters between)."""
    if isinstance(quotes, SpanList):  # sorted, not overlapping: one of the last two quotes opening before ``start``
        k = bisect_left(quotes, (start, -1))
        quotes = quotes[max(k - 2, 0) : k]
    for qs, qe in reversed(quotes):
        if qe <= start:
            between = text[qe:start]
            return (qs, qe) if len(between) <= 3 and not between.strip(gap) else None
    return None
