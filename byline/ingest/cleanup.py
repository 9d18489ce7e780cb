"""Cleanup of scraped article text: whitespace, photo captions, photo credits and site boilerplate.

Pure functions over text. The body is kept verbatim except for whitespace within lines and cross-links
set inside a paragraph ("(RELATED: …)"), which are cut out; whole lines that are captions, credits (photo,
agency and newsroom credits) or boilerplate are moved out of it into their own lists. Caption detection
combines independent signals so that an ordinary body paragraph is never taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Paragraph = list[str]  # the lines of one paragraph

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n\s*\n")

# --- credits -------------------------------------------------------------------------------------------
_AGENCY = (
    r"(?:AP|AFP|Reuters|REUTERS|EPA(?:-EFE)?|EFE|Getty(?: Images)?|Bloomberg|Shutterstock|Alamy|Xinhua|ANSA"
    r"|dpa|DPA|UPI|Sipa(?: USA)?|Rex(?: Features)?|Rex/Shutterstock|NurPhoto|TNS|ZUMA(?: Press| Wire)?"
    r"|SOPA Images|Anadolu(?: Agency)?|Pool|WireImage|Corbis|PA(?: Images| Wire| Media)?|Polaris"
    r"|The Associated Press|Associated Press|iStock(?:photo)?|NASA|Kyodo|Yonhap|TASS|Sputnik)"
)
_VERBOSE_AGENCY = _AGENCY.replace(" ", r"\ ")  # spaces are literal in the verbose pattern below
_CREDIT_LINE = re.compile(
    rf"""^(?:
        {_VERBOSE_AGENCY}\s*[Pp]hotos?(?:\s*[/:]\s*.+)?                # AP Photo/Pablo Martinez, Reuters photo: …
      | (?:Reuters|REUTERS|AFP|EPA|Getty\ Images|Bloomberg|Xinhua|Pool)\s*/\s*.+   # REUTERS/Kevin Lamarque
      | .{{1,60}}?\s*/\s*{_VERBOSE_AGENCY}\b.*                                     # Kevin Lamarque/Reuters
      | .{{0,60}}\bvia\ Getty\ Images\b.*                                 # AFP via Getty Images
      | (?:Photo|Image|Picture|Video)s?\ via\ .+                          # Image via YouTube
      | (?:(?![a-z]{{2}}[.!?]\s).){{1,60}}?\s*\|\s*{_VERBOSE_AGENCY}\b.*     # Lena Ortiz | Bloomberg | Getty Images
      | Getty\ Images\ for\ .+                                           # Getty Images for Tribeca
      | Photo(?:graph)?s?\s+(?:by|courtesy\ of|credit:?)\s+.+            # Photo by Lee Okafor/Harbour Gazette
      | (?:Photo|Photograph|Photos|Photo\ credit|Image|Images|Image\ credit|Picture|Pictures|Pic|Credit
          |Credits|Illustration|Source)\s*(?::|\.\.\.|…)\s*.+                # Image: …, Credit: …
      | File(?:\ photo|\ image|\ picture)?                              # File photo
      | Image\ copyright\ .+                                              # Image copyright AP
      | [A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){{1,3}}\s?/\s?[A-Z][\w&.'’\ -]{{1,40}}  # Lee Okafor/Harbour Gazette
      | Courtesy(?:\ of)?\s+.+                                           # Courtesy of the family
      | (?:©|\(c\))\s*(?!\d{{4}}).+                                      # © Jane Doe
      | {_VERBOSE_AGENCY}
    )$""",
    re.X,
)
_CREDIT_MAX_WORDS = 14
_CREDIT_MAX_CHARS = 140
_STAFF_CREDIT_MAX_CHARS = 400
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|la|le|bin|al)){0,4}"
# A credit set at the end of a caption, as (pattern, whether the credit must name a photo): "… on Monday.
# (AP Photo/Evan Vucci)" and "… Photo: Getty Images" must ("(Reuters)" ends a dateline); "… in Port Town,
# May 2, 2025. REUTERS/Ravi Dunn" and "… on Monday. | AP Photo" (a repeated headline may follow) need not.
_PHOTO_CREDIT_WORD = re.compile(r"photo|image|picture|getty|credit|courtesy|/", re.I)
_TRAILING_CREDITS = (
    (re.compile(r"\s*[(\[]([^()\[\]]{2,120})[)\]]\.?$"), True),
    (re.compile(r"\s+((?:Photo|Photograph|Image|Credit|Picture)s?\s*(?::|\.\.\.|…)\s*[^.:…]{2,80})$"), True),
    (re.compile(rf"(?<=[.!?\"”’)])\s+((?:REUTERS|Reuters|AFP|EPA|Pool|AP Photo)\s*/\s*{_NAME}(?:/{_NAME})?)$"), False),
    (re.compile(rf"\s+\|\s+({_AGENCY}(?:\s*Photos?)?(?:\s*/\s*[^|]{{2,60}})?)(?:\s+[^|]{{0,100}})?$"), False),
)

# --- staff credits -------------------------------------------------------------------------------------
_STAFF_NAME = rf"(?:the\s+)?{_NAME}"
_STAFF_LIST = rf"{_STAFF_NAME}(?:\s*(?:,|\band\b|&)\s*{_STAFF_NAME})*"
_STAFF_NAMES = rf"{_STAFF_LIST}(?:\s+(?:in|from|at)\s+{_STAFF_LIST})?"  # Marta Quill and Ravi Dunn in Port Town
_STAFF_ROLE = (
    r"(?i:(?:additional|further|and)\s+)?(?i:reporting|writing|written|editing|edited|compiled|research|graphics"
    r"|production|produced)\s+(?i:by)"
)
# "Reporting by Marta Quill in Port Town; Editing by Ravi Dunn", "Contributing: Lena Ortiz", "The Courier
# contributed to this report": the newsroom's credits, never body text.
_STAFF_CREDIT = re.compile(
    rf"""^(?:
        {_STAFF_ROLE}\s+{_STAFF_NAMES}(?:\s*[;,.|]\s*{_STAFF_ROLE}\s+{_STAFF_NAMES})*\s*[.;]?
      | (?i:contributing|contributors?)\s*:\s*.+
      | (?:(?![.!?]\s).){{1,200}}?\bcontributed\ (?:reporting\ )?(?:to\ )?(?:this|the)\ (?:report|story|article)\.?
    )$""",
    re.X,
)

# --- boilerplate ---------------------------------------------------------------------------------------
_SOCIAL = (
    r"(?:facebook|twitter|x|instagram|linkedin|whatsapp|telegram|tiktok|youtube|threads|bluesky|mastodon"
    r"|reddit|pinterest|flipboard|snapchat|google\ news|apple\ news|messenger|e-?mail|sms|print|copy\ link)"
)
_BOILERPLATE_LINE = re.compile(
    rf"""^(?:
        # comment prompts
        please\ let\ us\ know\ if\ you(?:'|’)?re\ having\ (?:issues|problems|trouble)\ (?:with\ )?commenting.*
      | (?:leave|post|add|write|view|show|hide|load|read|see|open|close|jump\ to)\ (?:a\ |the\ |your\ |all\ |more\ )?
          (?:\d+\ )?comments?\b.{{0,40}}
      | (?:\d+\ )?comments?(?:\ \(\d+\))?[:.]?
      | join\ the\ (?:conversation|discussion|debate)\b.{{0,80}}
      | (?:commenting|comments)\ (?:is|are|has\ been|have\ been)\ (?:now\ )?(?:closed|disabled|turned\ off|open)\b.*
      | you\ must\ be\ (?:logged|signed)\ in\ to\ (?:post\ a\ |leave\ a\ )?comment\b.*
      | .{{0,60}}\bcommenting\ (?:policy|guidelines|rules|system|platform)\b.*
        # newsletters and subscriptions
      | (?:sign\ up|signup|subscribe|register|get|receive|want)\b.{{0,120}}\b(?:newsletters?|inbox|e-?mail\ alerts?
          |breaking\ news\ alerts|daily\ briefing|digest)\b.*
      | (?:thanks?|thank\ you)\ for\ (?:signing\ up|subscribing)\b.*
      | subscribe(?:\ now|\ today|\ here)?[.!]?
      | (?:already\ a\ subscriber|not\ a\ subscriber|become\ a\ (?:subscriber|member))\b.{{0,80}}
        # sharing
      | (?:click\ to\ )?share(?:\ this|\ the)?(?:\ (?:article|story|post|page|link))?(?:\s*(?:on|via|with|:))?
          (?:\s*{_SOCIAL}\b[\s,|·•/]*)*[:.!]?
      | (?:click\ to\ )?share\ (?:on|via)\ {_SOCIAL}\b.*
      | (?:(?:{_SOCIAL}|share|tweet|comments?)\b[\s|,·•/]*){{2,}}
      | (?:share|tweet|email|print|pin\ it|copy\ link|link\ copied)[.!]?
        # advertising
      | (?:advertisement|advertising|ad|sponsored(?:\ content)?|paid\ content|promoted(?:\ content)?
          |(?:story|article)\ continues\ (?:below|after)(?:\ this)?(?:\ advertisement|\ ad)?
          |continue\ reading\ (?:the\ main\ story|below)|scroll\ (?:down\ )?to\ continue(?:\ with\ content)?
          |content\ continues\ below)[.:]?
        # links to more
      | (?:read\ more|read\ next|read\ also|also\ read|more\ reading|related|related\ (?:articles?|stories|coverage
          |content|news)|recommended(?:\ for\ you)?|see\ also|more\ from\ .{{1,40}}|more\ on\ this(?:\ story)?
          |you\ (?:may|might)\ also\ like|most\ (?:read|popular)|trending(?:\ now)?|watch(?:\ now)?|listen(?:\ now)?
          |more\ stories|top\ stories|read|more)(?:(?:\s*[:>»|]|\s+[–—-]\s).*)?
      | read\ more\b(?!\ than\b).{{0,160}}                                 # Read more here, Read More <headline>
      | (?:click|tap)\ (?:here|to|on)\b.*
      | listen\ to\ (?:this|the)\ (?:article|story)\b.*
        # follow us
      | follow\s.{{0,80}}\b(?:on|at|via)\ (?:{_SOCIAL})\b.*
      | follow\ (?:us|@\w+)\b.*
      | (?:like|find|connect\ with|join)\ us\ on\ .*
      | download\ (?:our|the)\ (?:free\ )?(?:app|apps)\b.*
        # copyright, licensing and syndication notices
      | (?:©\s*)?(?:copyright|©|\(c\))\s*(?:©\s*)?\d{{4}}\b.*
      | .*\ball\ rights\ reserved\b.*
      | this\ (?:material|article|story|content)\ may\ not\ be\ (?:published|reproduced|redistributed|broadcast
          |rewritten)\b.*
      | (?:our\ standards\s*:\s*)?the\ thomson\ reuters\ trust\ principles\.?
      | our\ standards\s*:.{{0,80}}
        # notes on the article itself: its age, refiles and corrections, updates
      | this\ (?:article|story|content|page|piece)\ is\ (?:more|over)\ than\ (?:\d+|an?|one)
          \ (?:year|month|week|day)s?\ old
      | refiles\ (?:to|with|for)\b.{{0,200}}
      | (?:update|updated|correction|clarification)\s*:\s*this\ (?:article|story|post|piece|report)\ (?:has\ been|was)
          \ (?:updated|corrected|changed|amended)\b.*
        # gallery and player chrome
      | (?:image|photo|slide|picture)\ \d+\ (?:of|/)\ \d+
      | (?:slideshow|gallery|photo\ gallery)(?:\s*\(\s*\d+\s+(?:images?|photos?|pictures?)\s*\))?
      | loading(?:\.\.\.|…)?
      | (?:please\ )?enable\ javascript\b.*
    )$""",
    re.X | re.I,
)
_BOILERPLATE_MAX_WORDS = 30
# Cross-links set inside a paragraph, cut out of it: "… the vote. (RELATED: Ferry board faces questions)".
_INLINE_BOILERPLATE = re.compile(
    r"\s*[(\[](?:related|read more|read also|also read|see also|more|photos|video|watch)\s*:[^()\[\]]{1,200}[)\]]", re.I
)
# Wire-service notes on the article, only in brackets: "(Corrects paragraph 3)", "(Adds quotes)".
_WIRE_NOTE = re.compile(
    r"^[(\[](?:(?:refiles?|repeats?|recasts?|corrects?|adds?|updates? (?:with|to)"
    r"|this version of)\b|editor(?:'|’)?s note:)[^()\[\]]{0,240}[)\]]$",
    re.I,
)

# --- captions ------------------------------------------------------------------------------------------
_POSITION = (
    r"(?:(?:far|second\ from|third\ from|fourth\ from|top|bottom|front|back|standing|seated|centre|center)\s+)?"
    r"(?:left|right|center|centre|top|bottom|foreground|background|rear|front\ row|back\ row)"
)
_POSITIONAL = re.compile(
    rf"""(?:,\s+{_POSITION}\s*,|,\s+{_POSITION}\s*(?:…|\.\.\.)$|\(\s*(?:L|R)\s*(?:-|–|to)\s*(?:R|L)\s*\)
        |\b(?:from\ )?left\ to\ right\b|\bfrom\ (?:left|right)\s*[,)]
        |\((?:left|right|center|centre|top|bottom|above|below)\))""",
    re.X | re.I,
)
_POSITION_WORDS = (
    "left",
    "right",
    "cent",
    "top",
    "bottom",
    "ground",
    "rear",
    "row",
    "above",
    "below",
    "l-r",
    "l - r",
    "l to r",
)
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PHOTO_DATELINE = re.compile(rf"\b{_WEEKDAY},?\s+{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b")
_ELLIPSES = ("…", "...")
_CAPTION_LEAD = re.compile(
    r"^(?:FILE(?: PHOTO)?\s*[-–—:]\s|In this (?:\w+ )*(?:photo|image|picture|frame grab|handout)\b"
    r"|In this .{0,40}\bfile (?:photo|image|picture)\b"
    r"|This (?:\w+ )*(?:photo|image|picture)s?\b.{0,60}\b(?:provided|released|made available) by\b"
    r"|Pictured(?: (?:above|below|here|left|right))?:|Above:|Photo:|PHOTO:"
    r"|(?:Image|Media) (?:copyright|caption)\b)",
)
_FILE_PHOTO = re.compile(r"\bfile (?:photo|image|picture)\b", re.I)
_CAPTION_MAX_WORDS = 80
_WEAK_CAPTION_SIGNALS_NEEDED = 2
_STRONG_CAPTION_SIGNALS = frozenset({"lead", "trailing-credit"})


@dataclass(frozen=True)
class Cleaned:
    """A body with what cleanup took out of it."""

    text: str
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def normalize_line(line: str) -> str:
    """One line with invisible characters dropped and whitespace runs made single spaces."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs (split at blank lines) as lists of whitespace-normalised, non-empty lines."""
    text = _LINE_BREAKS.sub("\n", text)
    paragraphs = []
    for block in _BLANK_LINES.split(text):
        lines = [normalize_line(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append(lines)
    return paragraphs


def join_paragraphs(paragraphs: Iterable[Paragraph]) -> str:
    """The body text: lines joined by newlines, paragraphs by blank lines."""
    return "\n\n".join("\n".join(lines) for lines in paragraphs if lines)


def normalize_text(text: str) -> str:
    """Text with whitespace normalised within lines and paragraphs separated by one blank line."""
    return join_paragraphs(split_paragraphs(text))


def _unwrapped(line: str) -> str:
    while len(line) > 2 and line[0] in "([{" and line[-1] in ")]}":
        line = line[1:-1].strip()
    return line


def is_credit(line: str) -> bool:
    """Whether a whole line is a photo or agency credit ("AP Photo/…", "Getty Images", "Credit: …")."""
    if len(line) > _CREDIT_MAX_CHARS or len(line.split()) > _CREDIT_MAX_WORDS:
        return False
    return bool(_CREDIT_LINE.match(_unwrapped(line).rstrip(".")))


def is_boilerplate(line: str) -> bool:
    """Whether a whole line is site chrome: comment, newsletter, share or follow prompts, ads, notices."""
    if len(line.split()) > _BOILERPLATE_MAX_WORDS:
        return False
    return bool(_BOILERPLATE_LINE.match(_unwrapped(line)) or _WIRE_NOTE.match(line))


def is_staff_credit(line: str) -> bool:
    """Whether a whole line credits the newsroom: "Reporting by …; Editing by …", "… contributed to this report"."""
    return len(line) <= _STAFF_CREDIT_MAX_CHARS and bool(_STAFF_CREDIT.match(_unwrapped(line)))


def cut_inline_boilerplate(line: str) -> tuple[str, list[str]]:
    """(the line without them, the pieces cut) for cross-links inside a line: "(RELATED: …)"."""
    pieces = [match.group().strip() for match in _INLINE_BOILERPLATE.finditer(line)]
    if not pieces:
        return line, []
    return normalize_line(_INLINE_BOILERPLATE.sub("", line)), pieces


def split_trailing_credit(line: str) -> tuple[str, str | None]:
    """(caption, credit) when a line ends in a photo credit, e.g. "… on Monday. (AP Photo/Evan Vucci)"."""
    for pattern, needs_photo_word in _TRAILING_CREDITS:
        match = pattern.search(line)
        if match is None:
            continue
        credit = match.group(1).strip()
        rest = line[: match.start()].rstrip()
        if any(c.isalpha() for c in rest) and is_credit(credit):
            if not needs_photo_word or _PHOTO_CREDIT_WORD.search(credit):
                return rest, credit
    return line, None


def _has_position_word(line: str) -> bool:
    """A cheap test before the positional pattern, which is slow on long lines."""
    lowered = line.lower()
    return any(word in lowered for word in _POSITION_WORDS)


def _ends_truncated(line: str) -> bool:
    """Whether a line ends in a truncation ellipsis right after a word (not after a closing quote)."""
    for mark in _ELLIPSES:
        if line.endswith(mark):
            before = line[: -len(mark)].rstrip()
            return bool(before) and (before[-1].isalnum() or before[-1] in ".,;:)")
    return False


def caption_signals(line: str, next_is_credit: bool = False) -> set[str]:
    """The signs that a line is a photo caption rather than body text.

    Strong signs (a lead such as "FILE - In this photo", a trailing photo credit) suffice alone; weak
    ones (positional markers, a photo dateline, a truncation ellipsis, a credit on the next line, "file
    photo") count only in pairs.
    """
    signals = set()
    if _CAPTION_LEAD.match(line):
        signals.add("lead")
    if split_trailing_credit(line)[1] is not None:
        signals.add("trailing-credit")
    if _has_position_word(line) and _POSITIONAL.search(line):
        signals.add("position")
    if _PHOTO_DATELINE.search(line):
        signals.add("photo-dateline")
    if _ends_truncated(line):
        signals.add("truncated")
    if _FILE_PHOTO.search(line):
        signals.add("file-photo")
    if next_is_credit:
        signals.add("next-to-credit")
    return signals


def is_caption(line: str, next_is_credit: bool = False) -> bool:
    """Whether a line is a photo caption: short enough, with one strong or two weak signals."""
    if len(line.split()) > _CAPTION_MAX_WORDS:
        return False
    signals = caption_signals(line, next_is_credit)
    return bool(signals & _STRONG_CAPTION_SIGNALS) or len(signals) >= _WEAK_CAPTION_SIGNALS_NEEDED


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _matches_known(line: str, known: set[str]) -> bool:
    """Whether a line repeats a known caption."""
    if not known:
        return False
    key = _key(line)
    return bool(key) and key in known


@dataclass
class _Sorter:
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)

    def caption(self, line: str) -> None:
        caption, credit = split_trailing_credit(line)
        self.captions.append(caption)
        if credit:
            self.credits.append(credit)


def clean_paragraphs(paragraphs: Sequence[Paragraph], known_captions: Iterable[str] = ()) -> Cleaned:
    """Move caption, credit and boilerplate lines out of the body.

    ``known_captions`` are captions found elsewhere (e.g. HTML ``<figcaption>``): body lines repeating
    them are captions too.
    """
    known = {_key(c) for c in known_captions if _key(c)}
    sorter = _Sorter()
    units = _units(paragraphs)
    credit = [is_credit(line) for _, line, _ in units]
    boiler = [not credit[i] and (not line or is_boilerplate(line)) for i, (_, line, _) in enumerate(units)]
    kept: list[Paragraph] = [[] for _ in paragraphs]
    for i, (p, line, cut) in enumerate(units):
        sorter.boilerplate.extend(cut)
        if not line:
            continue
        if credit[i] or is_staff_credit(line):
            sorter.credits.append(line)
        elif boiler[i]:
            sorter.boilerplate.append(line)
        elif _matches_known(line, known) or is_caption(
            line, next_is_credit=_next_is_credit(credit, boiler, i)
        ):
            sorter.caption(line)
        else:
            kept[p].append(line)
    return Cleaned(
        text=join_paragraphs(kept),
        captions=sorter.captions,
        credits=sorter.credits,
        boilerplate=sorter.boilerplate,
    )


def _units(paragraphs: Sequence[Paragraph]) -> list[tuple[int, str, list[str]]]:
    """(paragraph index, line, cross-links cut out of it) of every line."""
    return [(p, *cut_inline_boilerplate(line)) for p, lines in enumerate(paragraphs) for line in lines]


def _next_is_credit(credit: list[bool], boiler: list[bool], i: int) -> bool:
    """Whether the next line after line ``i`` that is not boilerplate is a credit."""
    j = i + 1
    while j < len(credit) and boiler[j]:
        j += 1
    return j < len(credit) and credit[j]


def clean_text(text: str, known_captions: Iterable[str] = ()) -> Cleaned:
    """Normalise whitespace and move captions, credits and boilerplate out of ``text``."""
    return clean_paragraphs(split_paragraphs(text), known_captions)
