"""HTML articles: trafilatura for body and metadata, htmldate for the date, captions from the markup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import htmldate
import trafilatura
from lxml.html import HtmlElement
from trafilatura.xml import xmltotxt

from byline.errors import BylineError
from byline.ingest.cleanup import (
    Paragraph,
    clean_paragraphs,
    is_boilerplate,
    is_credit,
    normalize_line,
    split_paragraphs,
    split_trailing_credit,
)
from byline.ingest.decode import declared_charset, decode_bytes
from byline.ingest.language import detect_language
from byline.reading import Article

_CAPTION_CLASS = re.compile(r"(?:^|[\s_-])(?:wp-)?(?:caption|caption-text)$", re.I)
_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|attribution|byline|source", re.I)
_CAPTION_MAX_CHARS = 600
_COPYRIGHT_YEAR = re.compile(
    r"(?:©|&copy;|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*[-–]\s*)?((?:19|20)\d{2})", re.I
)


@dataclass
class FigureText:
    """Caption and credit text found in the page's figure markup.

    ``standalone`` are the captions whose text occurs nowhere else in the page's text blocks: where one
    of them turns up in the extracted body, it came from the caption itself. The others repeat a body
    paragraph (a lead or a pull quote used as the caption) and must not be taken out of the body.
    """

    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    standalone: list[str] = field(default_factory=list)


def _add_unique(items: list[str], text: str) -> None:
    if text and text not in items:
        items.append(text)


def _element_text(element: HtmlElement, skip: set[HtmlElement]) -> str:
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if (
                isinstance(child.tag, str)
                and child not in skip
                and child.tag.lower() not in ("script", "style")
            ):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return normalize_line(" ".join(parts))


def _caption_elements(tree: HtmlElement) -> list[HtmlElement]:
    found = tree.xpath("//figcaption | //*[@itemprop='caption']")
    for element in tree.xpath("//*[@class]"):
        if any(_CAPTION_CLASS.search(token) for token in element.get("class", "").split()):
            found.append(element)
    found_set = set(found)
    outermost = [e for e in found if not any(a in found_set for a in e.iterancestors())]
    return [
        e
        for e in dict.fromkeys(outermost)
        if len(e.text_content()) <= _CAPTION_MAX_CHARS and not _mostly_links(e)
    ]


def _mostly_links(element: HtmlElement) -> bool:
    """Whether most of an element's text is link text (teasers for other articles, not captions)."""
    if any(a.tag == "a" for a in element.iterancestors()):
        return True
    total = len(element.text_content().strip())
    linked = sum(len(a.text_content().strip()) for a in element.iter("a"))
    return total > 0 and linked / total > 0.5


def _text_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _flow_block_keys(tree: HtmlElement, captions: list[HtmlElement]) -> set[str]:
    """Text keys of the page's text blocks outside caption elements."""
    inside = set(captions)
    keys = set()
    for block in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "dd"):
        if block in inside or any(a in inside for a in block.iterancestors()):
            continue
        keys.add(_text_key(block.text_content()))
    return keys


def _is_caption_text(text: str) -> bool:
    return len(text.split()) >= 2 and any(c.isalpha() for c in text) and not is_boilerplate(text)


def figure_text(tree: HtmlElement) -> FigureText:
    """Captions (``<figcaption>`` and caption-classed elements) and their credits, in page order."""
    figures = FigureText()
    elements = _caption_elements(tree)
    for element in elements:
        credit_parts = [
            e
            for e in element.iterdescendants()
            if isinstance(e.tag, str) and _CREDIT_CLASS.search(e.get("class", ""))
        ]
        for part in credit_parts:
            _add_unique(figures.credits, normalize_line(part.text_content()))
        caption = _element_text(element, set(credit_parts))
        if is_credit(caption):
            _add_unique(figures.credits, caption)
            continue
        caption, credit = split_trailing_credit(caption)
        if _is_caption_text(caption):
            _add_unique(figures.captions, caption)
        if credit:
            _add_unique(figures.credits, credit)
    if figures.captions:
        in_flow = _flow_block_keys(tree, elements)
        figures.standalone = [c for c in figures.captions if _text_key(c) not in in_flow]
    return figures


def body_paragraphs(body: HtmlElement | None) -> list[Paragraph]:
    """Paragraphs of trafilatura's extracted body: one per block element, its line breaks kept."""
    if body is None:
        return []
    paragraphs: list[Paragraph] = []
    for block in body:
        if not isinstance(block.tag, str):
            continue
        for paragraph in split_paragraphs(xmltotxt(block, include_formatting=False)):
            paragraphs.append(paragraph)
    return paragraphs


def _copyright_years(tree: HtmlElement) -> set[str]:
    return set(_COPYRIGHT_YEAR.findall(tree.text_content()))


def published_date(tree: HtmlElement, extracted: str | None, url: str | None) -> str | None:
    """The publication date: trafilatura's, else htmldate's, unless missing or only a year.

    A bare year reads as 1 January ("2003-01-01"): from a copyright notice, or from a year in the body
    text ("first proposed in 2003"), it is no publication date. Such a date is kept only where the page's
    markup (meta tags, time elements, the URL) gives it, and never from a copyright year.
    """
    years = _copyright_years(tree)
    from_markup = htmldate.find_date(tree, extensive_search=False, original_date=True, url=url)

    def credible(date: str | None) -> bool:
        if not date:
            return False
        return not date.endswith("-01-01") or (date[:4] not in years and date == from_markup)

    if credible(extracted):
        return extracted
    for date in (from_markup, htmldate.find_date(tree, extensive_search=True, original_date=True, url=url)):
        if credible(date):
            return date
    return None


def _authors(author: str | None) -> list[str]:
    return [name.strip() for name in (author or "").split(";") if name.strip()]


def _without_repeated_title(paragraphs: list[Paragraph], title: str | None) -> list[Paragraph]:
    if (
        title
        and paragraphs
        and normalize_line(" ".join(paragraphs[0])).lower() == normalize_line(title).lower()
    ):
        return paragraphs[1:]
    return paragraphs


def parse_html(html: str | bytes, origin: str | None = None, charset: str | None = None) -> HtmlElement:
    """The parsed page; raises ``malformed`` when it cannot be parsed at all."""
    if isinstance(html, bytes):
        html, _encoding = decode_bytes(html, origin, declared=charset or declared_charset(html))
    tree = trafilatura.load_html(html)
    if tree is None:
        raise BylineError("malformed", origin, detail="the HTML could not be parsed")
    return tree


def article_from_html(
    html: str | bytes, url: str | None = None, origin: str | None = None, *, charset: str | None = None
) -> Article:
    """An Article from an HTML page: trafilatura's body (comments excluded) and metadata, cleaned.

    Raises ``no_body`` when no article body can be extracted.
    """
    tree = parse_html(html, origin, charset)
    figures = figure_text(tree)
    document = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=True)
    if document is None:
        raise BylineError("no_body", origin)
    paragraphs = _without_repeated_title(body_paragraphs(document.body), document.title)
    cleaned = clean_paragraphs(paragraphs, known_captions=figures.standalone)
    if not cleaned.text:
        raise BylineError("no_body", origin)
    page_url = url or document.url
    return Article(
        title=document.title or None,
        text=cleaned.text,
        captions=figures.captions + [c for c in cleaned.captions if c not in figures.captions],
        credits=figures.credits + [c for c in cleaned.credits if c not in figures.credits],
        boilerplate=cleaned.boilerplate,
        outlet=document.sitename or (urlsplit(page_url).hostname if page_url else None),
        url=page_url,
        published=published_date(tree, document.date, page_url),
        authors=_authors(document.author),
        language=detect_language(cleaned.text),
        origin=origin,
    )
