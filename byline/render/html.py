"""The reading as a picture: one self-contained HTML page (inline CSS and JS, nothing fetched).

The article text is drawn from a boundary sweep over every span offset (``html_marks``), so spans of all
layers (attributed speech, cues, sources, hedges, entity mentions, sentence voice and later layers in
``reading.spans``, see ``html_slant``) nest or split into well-formed markup however they overlap. Every
attribution gets a card with its chain (outlet → … → speaker, from ``Attribution.via``); the page's script
only shows and hides what is drawn here.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from typing import Any

from byline.attribution.summary import sourcing_summary
from byline.reading import Attribution, Reading, article_identity
from byline.render.html_marks import (
    KIND_LABELS,
    LOW_CONFIDENCE,
    LOW_CONFIDENCE_HINT,
    PALETTE,
    PANEL,
    PAPER,
    SEP,
    TEXT_INK,
    Mark,
    ReadingIndex,
    attribution_marks,
    entity_marks,
    esc,
    humanise,
    marks_by_paragraph,
    page_preview,
    paragraph_bounds,
    plural,
    slug,
    sp_class,
    sweep_markup,
    valid_span,
)
from byline.render.html_slant import (
    LAYER_CLASSES,
    layer_marks,
    layer_tip,
    layers_legend,
    sentence_marks,
    slant_figures,
)

__all__ = [
    "PALETTE",
    "PANEL",
    "PAPER",
    "TEXT_INK",
    "Mark",
    "ReadingIndex",
    "embedded_json",
    "paragraph_bounds",
    "render_html",
    "summary_figures",
    "sweep_markup",
    # helpers of the split-out modules, importable from here as before
    "attribution_marks",
    "entity_marks",
    "esc",
    "humanise",
    "layer_marks",
    "layer_tip",
    "slug",
]

_JSON_ESCAPED = ("<", ">", "&", "\u2028", "\u2029")


# --------------------------------------------------------------------------------------------- figures


def speech_by_speaker(reading: Reading, ix: ReadingIndex) -> Counter[int]:
    """Characters of attributed speech per speaker group, each character counted once (innermost quote)."""
    size = len(reading.article.text)
    owner: dict[int, tuple[int, int]] = {}
    for a in reading.attributions:
        for c in a.content:
            if not valid_span(c.start, c.end, size):
                continue
            for offset in range(c.start, c.end):
                if offset not in owner or owner[offset][0] > c.end - c.start:
                    owner[offset] = (c.end - c.start, ix.index(a.id))
    return Counter(group for _, group in owner.values())


def summary_figures(reading: Reading, ix: ReadingIndex | None = None) -> dict[str, Any]:
    """The header's figures: the sourcing summary, plus the number of speakers and of reported links."""
    ix = ix or ReadingIndex.of(reading)
    summary = reading.sourcing.summary if reading.sourcing and reading.sourcing.summary else sourcing_summary(reading)
    reported = sum(1 for a in reading.attributions if a.via is not None)
    return {**summary, "speakers": len(ix.groups), "chains": reported}


# --------------------------------------------------------------------------------------------- sections


def _masthead(reading: Reading, home: str | None) -> str:
    article = reading.article
    kicker = [x for x in (article.outlet, article.published) if x]
    meta = []
    if article.authors:
        meta.append(esc("By " + ", ".join(article.authors)))
    if article.url and re.match(r"https?://", article.url, re.IGNORECASE):
        meta.append(f'<a href="{esc(article.url)}" rel="noopener noreferrer nofollow">{esc(article.url)}</a>')
    elif article.url:
        meta.append(esc(article.url))
    if article.origin and article.origin != article.url:
        meta.append(f"read from {esc(article.origin)}")
    sentences = f" · {plural(len(reading.sentences), 'sentence')}" if reading.sentences else ""
    meta.append(f"{len(article.text.split())} words{sentences}")
    nav = ""
    if home is not None:
        nav = (
            f'<nav class="topnav" aria-label="byline"><a class="brand" href="{esc(home)}">byline</a>'
            f'<a href="{esc(home)}">← Read another article</a></nav>'
        )
    meta_html = "".join(f"<span>{m}</span>" for m in meta)
    return (
        f'{nav}<header class="masthead"><p class="kicker">{"".join(f"<span>{esc(k)}</span>" for k in kicker)}'
        f"{'' if kicker else '<span>byline reading</span>'}</p>"
        f'<h1>{esc(article.title or "Untitled article")}</h1><p class="byline-meta">{meta_html}</p></header>'
    )


def _voicebar(reading: Reading, ix: ReadingIndex) -> str:
    size = len(reading.article.text) or 1
    shares = speech_by_speaker(reading, ix)
    segments = []
    for index, group in enumerate(ix.groups):
        if shares.get(index):
            pct = 100 * shares[index] / size
            label = f"{group.speaker}: {pct:.0f}% of the text"
            segments.append(
                f'<span class="{sp_class(index)}" style="width:{pct:.2f}%;background:var(--sp-bg);'
                f'border-bottom:3px solid var(--sp-ink)" title="{esc(label)}"></span>'
            )
    own = 100 - 100 * sum(shares.values()) / size
    segments.append(
        f'<span class="outlet-voice" style="width:{max(own, 0):.2f}%" title="the outlet\'s own voice"></span>'
    )
    return f'<div class="voicebar" aria-hidden="true">{"".join(segments)}</div>'


def _voice_caption(share: float) -> str:
    said = round(100 * share)
    return f"{said}% of the text is attributed speech; {100 - said}% is in the outlet's own voice"


def _figure(label: str, value: object, note: str = "") -> str:
    small = f"<small>{esc(note)}</small>" if note else ""
    return f"<div><dt>{esc(label)}</dt><dd>{esc(value)}{small}</dd></div>"


def _profile(reading: Reading, ix: ReadingIndex) -> str:
    f = summary_figures(reading, ix)
    kinds = f["by_kind"]
    kind_note = ", ".join(f"{kinds[k]} {k}" for k in KIND_LABELS if kinds.get(k))
    share = f["attributed_share"]
    figures = [
        _figure("Attributions", f["attributions"], kind_note),
        _figure("Speakers", f["speakers"]),
        _figure("Named", f["named"], "resolved to an entity"),
        _figure("Anonymous", f["anonymous"], f"{f['unresolved']} unresolved" if f["unresolved"] else ""),
        _figure("Hedged", f["hedged"]),
        _figure("Via chains", f["chains"], f"deepest chain: {f['chain_depth']}" if f["chains"] else ""),
        _figure("Attributed", f"{100 * share:.0f}%", "of the text"),
    ]
    layers = Counter(s.layer for s in reading.spans)
    if layers:
        note = ", ".join(f"{n} {layer}" for layer, n in sorted(layers.items()))
        figures.append(_figure("Later layers", sum(layers.values()), note))
    figures += [_figure(label, value, note) for label, value, note in slant_figures(reading)]
    return (
        '<section class="profile" aria-labelledby="profile-h"><h2 id="profile-h">Sourcing profile</h2>'
        f'{_voicebar(reading, ix)}<p class="voicebar-cap">{esc(_voice_caption(share))}</p>'
        f'<dl class="figures">{"".join(figures)}</dl></section>'
    )


def _article(reading: Reading, ix: ReadingIndex) -> str:
    text = reading.article.text
    marks = attribution_marks(reading, ix) + entity_marks(reading) + layer_marks(reading, ix) + sentence_marks(reading)
    bounds = paragraph_bounds(text)
    drawn: set[Mark] = set()
    paragraphs = "".join(
        f'<p data-o="{start}">{sweep_markup(text, start, end, bucket, drawn)}</p>'
        for (start, end), bucket in zip(bounds, marks_by_paragraph(bounds, marks), strict=True)
    )
    notice = ""
    if not reading.attributions:
        notice = (
            '<p class="noattr">No attributions were found in this article: all of it reads in the outlet\'s voice.</p>'
        )
    return f'<main class="article" id="article" aria-label="Article text">{notice}{paragraphs}</main>'


def _node(reading: Reading, ix: ReadingIndex, a: Attribution, selected: bool) -> str:
    label = f'<span class="who">{esc(ix.label(a))}</span>'
    cue = f' <span class="node-cue">{esc(a.cue.text)}</span>' if a.cue is not None else ""
    sp = sp_class(ix.colour(a.id))
    if selected:
        return f'<strong class="node self {sp}"><span class="dot"></span>{label}</strong>{cue}'
    return (
        f'<button type="button" class="node {sp}" data-go="{esc(a.id)}"><span class="dot"></span>{label}</button>{cue}'
    )


def chain_tree(reading: Reading, ix: ReadingIndex, a: Attribution) -> str:
    """The chain outlet → … → speaker of one attribution, as nested lists."""
    outlet = reading.article.outlet
    note = ' <span class="node-cue">the outlet</span>' if outlet else ""
    nodes = [f'<span class="node outlet"><span class="who">{esc(outlet or "The outlet")}</span></span>{note}']
    nodes += [_node(reading, ix, link, link.id == a.id) for link in ix.chain(a)]
    markup = ""
    for node in reversed(nodes):
        markup = f"<li>{node}{f'<ol>{markup}</ol>' if markup else ''}</li>"
    return f'<ol class="tree" aria-label="Source chain">{markup}</ol>'


def _facts(ix: ReadingIndex, a: Attribution) -> str:
    rows = [("Said", KIND_LABELS.get(a.kind, a.kind))]
    if a.cue is not None:
        rows.append(("Cue", esc(a.cue.text)))
    source = esc(ix.label(a))
    if a.source.anonymous:
        description = f" — {esc(a.source.description)}" if a.source.description else ""
        source = f'<span class="flag anon">anonymous</span>{description}'
    elif a.source.entity is None:
        source += ' <span class="tag">unresolved</span>'
    rows.append(("Source", source))
    hedges = ", ".join(f"“{esc(h.text)}”" for h in a.hedges)
    rows.append(("Hedges", f'<span class="flag hedged">{hedges}</span>' if hedges else "none"))
    if a.negated:
        rows.append(("Negated", '<span class="flag neg">yes: the statement is denied</span>'))
    level = ' <span class="flag low">low: check it</span>' if a.confidence < LOW_CONFIDENCE else ""
    confidence = f"{a.confidence:.2f}{level}" + (f"{SEP}{esc(a.evidence)}" if a.evidence else "")
    rows.append(("Confidence", confidence))
    return '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _card(reading: Reading, ix: ReadingIndex, a: Attribution) -> str:
    sp = sp_class(ix.colour(a.id))
    content = " … ".join(c.text for c in a.content)
    quote = f'<blockquote class="{sp}">{esc(page_preview(content))}</blockquote>' if content else ""
    reported = ix.reported(a)
    through = ""
    if reported:
        buttons = "".join(_node(reading, ix, x, False) for x in reported)
        through = f'<p class="reported">Reported through this: {buttons}</p>'
    chain_ids = " ".join(link.id for link in ix.chain(a) if link.id != a.id)
    flags = []
    if a.source.anonymous:
        flags.append('<span class="tag flag anon">anonymous</span>')
    if a.hedges:
        flags.append('<span class="tag flag hedged">hedged</span>')
    if a.confidence < LOW_CONFIDENCE:
        flags.append(f'<span class="tag flag low" title="{LOW_CONFIDENCE_HINT}">low confidence</span>')
    return (
        f'<section class="card {sp}" id="card-{esc(a.id)}" data-card="{esc(a.id)}"'
        f' data-chain="{esc(chain_ids)}" hidden>'
        f'<h3><span class="dot"></span>{esc(ix.label(a))}'
        f' <span class="tag">{esc(KIND_LABELS.get(a.kind, a.kind))}</span>{"".join(flags)}</h3>'
        f"{quote}<h4>Chain</h4>{chain_tree(reading, ix, a)}{through}{_facts(ix, a)}</section>"
    )


def _chain_box(reading: Reading, ix: ReadingIndex) -> str:
    hint = (
        "Hover, click or tab to a highlighted statement (Enter) to see who says it and through whom."
        if reading.attributions
        else "No attributions to show."
    )
    cards = "".join(_card(reading, ix, a) for a in reading.attributions)
    return (
        '<section class="box chain-box" id="chain-panel" aria-live="polite" aria-labelledby="chain-h">'
        '<button type="button" class="close-card" aria-label="Close the attribution">Close</button>'
        f'<h2 id="chain-h">Attribution</h2><p class="hint" id="chain-empty">{hint}</p>{cards}</section>'
    )


def _chips(reading: Reading, ix: ReadingIndex) -> str:
    if not ix.groups:
        return ""
    chips = []
    for index, group in enumerate(ix.groups):
        anon = ' <span class="tag">anon</span>' if group.anonymous else ""
        chips.append(
            f'<li><button type="button" class="chip {sp_class(index)}" data-sp="{index}" aria-pressed="false">'
            f'<span class="dot"></span>{esc(group.speaker)}{anon}'
            f' <span class="count">{len(group.attributions)}</span></button></li>'
        )
    return (
        '<section class="box" aria-labelledby="speakers-h"><h2 id="speakers-h">Speakers</h2>'
        f'<ul class="chips">{"".join(chips)}</ul></section>'
    )


def _entities(reading: Reading) -> str:
    if not reading.entities:
        return ""
    ranked = sorted(reading.entities, key=lambda e: (-len(e.mentions), e.name.lower()))
    items = "".join(
        f'<li><button type="button" class="ent" data-e="{esc(e.id)}" aria-pressed="false">{esc(e.name)}'
        f' <span class="tag">{esc(e.type)}</span> <span class="count">{len(e.mentions)}</span></button></li>'
        for e in ranked
    )
    return (
        '<section class="box entity-box" aria-labelledby="entities-h"><h2 id="entities-h">Entities</h2>'
        f'<ul class="entities">{items}</ul></section>'
    )


def _legend(reading: Reading) -> str:
    rows = [
        ('<span class="sample">Plain text</span>', "the outlet's own voice"),
        ('<span class="sample q sp0">Coloured</span>', "attributed speech, coloured by speaker"),
        ('<span class="sample q sp0 anon">Hatched</span>', "speech from an anonymous source"),
        ('<span class="sample cue sp0">said</span>', "the cue that attributes it"),
        ('<span class="sample src sp0">Source</span>', "who it is attributed to"),
        ('<span class="sample hedge">reportedly</span>', "a hedge"),
        ('<span class="sample q sp0 low">Dotted</span>', "low confidence: less than even odds it is right"),
    ]
    for layer, labels in _layer_labels(reading).items():
        if layer == "slant":  # in the layers' legend, by owner, with its toggle
            continue
        css = LAYER_CLASSES.get(layer, "ly-other")
        names = ", ".join(humanise(label) for label in labels)
        rows.append(
            (f'<span class="sample ly {css}">{esc(humanise(layer))}</span>', f"{esc(layer)} layer: {esc(names)}")
        )
    if reading.entities:
        rows.append(('<span class="sample men hl">Mention</span>', "a mention of the entity picked below"))
    items = "".join(f"<li>{sample}<span>{text}</span></li>" for sample, text in rows)
    return f'<section class="legend-strip" aria-label="Legend"><ul class="legend">{items}</ul></section>'


def _layer_labels(reading: Reading) -> dict[str, list[str]]:
    layers: dict[str, list[str]] = {}
    for span in reading.spans:
        labels = layers.setdefault(span.layer, [])
        if span.label not in labels:
            labels.append(span.label)
    return layers


def _kept_out(reading: Reading) -> str:
    article = reading.article
    groups = [("Captions", article.captions), ("Credits", article.credits), ("Boilerplate", article.boilerplate)]
    groups = [(name, items) for name, items in groups if items]
    if not groups:
        return ""
    counts = ", ".join(plural(len(items), name.lower().rstrip("s")) for name, items in groups)
    body = "".join(
        f"<h3>{name}</h3><ul>{''.join(f'<li>{esc(item)}</li>' for item in items)}</ul>" for name, items in groups
    )
    return (
        f'<section class="kept" aria-label="Kept out of the body"><details><summary>Kept out of the body ({counts})'
        f"</summary>{body}</details></section>"
    )


def _footer(reading: Reading) -> str:
    meta = reading.meta
    bits = [f"byline {meta['byline_version']}" if meta.get("byline_version") else "byline"]
    if meta.get("model"):
        bits.append(f"model {meta['model']}")
    if meta.get("stages"):
        bits.append("stages " + ", ".join(map(str, meta["stages"])))
    bits.append(f"schema {reading.schema_version}")
    spans = "".join(f"<span>{esc(b)}</span>" for b in bits)
    button = '<button type="button" class="btn" id="download-json">Download the Reading JSON</button>'
    return f'<footer class="meta">{spans}{button}</footer>'


# --------------------------------------------------------------------------------------------- page


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return files("byline.render").joinpath("assets", name).read_text(encoding="utf-8")


def palette_css() -> str:
    """CSS variables of each speaker colour."""
    return "\n".join(f".sp{i} {{ --sp-bg: {bg}; --sp-ink: {ink}; }}" for i, (bg, ink) in enumerate(PALETTE))


def embedded_json(reading: Reading) -> str:
    """The Reading as JSON safe inside a <script> element (no '<', '>', '&' or line separators)."""
    data = reading.model_dump_json()
    for char in _JSON_ESCAPED:
        data = data.replace(char, f"\\u{ord(char):04x}")
    return data


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def render_html(reading: Reading, home: str | None = None) -> str:
    """The reading as one self-contained HTML page; ``home`` adds a link back to the page that made it."""
    ix = ReadingIndex.of(reading)
    script = _asset("reading.js")
    style = _asset("reading.css") + "\n" + palette_css()
    title = reading.article.title or "Untitled article"
    side = _chain_box(reading, ix) + _chips(reading, ix) + _entities(reading)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_csp(script))}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="byline"><title>{esc(title)} · byline</title>'
        f'<meta name="byline-origin" content="{esc(reading.article.origin or "")}">'
        f'<meta name="byline-identity" content="{esc(article_identity(reading.article))}">'
        f"<style>{style}</style></head>"
        f'<body data-slug="{esc(slug(title)[:60])}"><a class="skip" href="#article">Skip to the article</a>'
        f"{_masthead(reading, home)}{_profile(reading, ix)}{_legend(reading)}"
        f"{layers_legend(reading, ix)}"
        f'<div class="layout">{_article(reading, ix)}'
        f'<aside class="side" aria-label="Reading tools">{side}</aside></div>'
        f"{_kept_out(reading)}{_footer(reading)}"
        '<div id="tip" role="tooltip" hidden></div>'
        f'<script type="application/json" id="byline-reading">{embedded_json(reading)}</script>'
        f"<script>{script}</script></body></html>\n"
    )
