"""The HTML pages of ``byline serve`` around the reading itself: paste/upload/samples, errors, API reference.

Every page is self-contained (inline CSS, no scripts, nothing fetched). Readings are drawn by
``byline.render.html.render_html``, the one drawing code path.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from byline import __version__

PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'"
TITLE_PEEK_BYTES = 400


@dataclass(frozen=True)
class Sample:
    """A bundled sample article: its file name and its first line, as a title."""

    name: str
    title: str


def esc(value: object) -> str:
    """Text escaped for HTML content and attributes."""
    return html.escape(str(value), quote=True)


@lru_cache(maxsize=1)
def _css() -> str:
    return files("byline.web").joinpath("static", "app.css").read_text(encoding="utf-8")


def list_samples(directory: Path) -> list[Sample]:
    """The sample files in ``directory`` now, by name, each titled by its first non-empty line."""
    if not directory.is_dir():
        return []
    samples = []
    for path in sorted(directory.iterdir()):
        if path.is_file() and not path.name.startswith((".", "_")):
            with path.open("rb") as handle:
                head = handle.read(TITLE_PEEK_BYTES).decode("utf-8", errors="replace")
            first = next((line.strip() for line in head.splitlines() if line.strip()), path.name)
            samples.append(Sample(name=path.name, title=first if not first.startswith("<") else path.name))
    return samples


def page(title: str, body: str, corpus: bool = False, css: str = "") -> str:
    """A complete page with the shared navigation (a link to the corpus dashboard if ``corpus``) and the
    shared style, then ``css``."""
    corpus_link = '<a href="/corpus">Corpus</a>' if corpus else ""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(PAGE_CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_css()}{css}</style></head><body>"
        '<nav class="topnav" aria-label="byline"><a class="brand" href="/">byline</a>'
        f'<a href="/">Read an article</a>{corpus_link}<a href="/docs">API</a></nav>'
        f"<main>{body}</main><footer>byline {esc(__version__)} · reads English news articles; "
        "nothing you paste leaves this machine.</footer></body></html>\n"
    )


def _error_box(error: dict[str, Any] | None) -> str:
    if not error:
        return ""
    return (
        f'<div class="error" role="alert"><strong>Could not read it.</strong> {esc(error["message"])} '
        f"<code>{esc(error['code'])}</code></div>"
    )


def _samples_box(samples: list[Sample]) -> str:
    if not samples:
        return '<section class="box"><h2>Samples</h2><p class="hint">none bundled</p></section>'
    items = "".join(
        f'<li><a href="/samples/{esc(s.name)}"><span class="title">{esc(s.title)}</span>'
        f'<span class="name">{esc(s.name)}</span></a></li>'
        for s in samples
    )
    return (
        '<section class="box" aria-labelledby="samples-h"><h2 id="samples-h">Or read a sample</h2>'
        f'<ul class="samples">{items}</ul></section>'
    )


def _corpus_box() -> str:
    return (
        '<section class="box" aria-labelledby="corpus-h"><h2 id="corpus-h">Or look at the corpus</h2>'
        '<p><a href="/corpus">The corpus dashboard</a>: who is quoted across the served corpus database, '
        "per outlet and by month.</p></section>"
    )


def index_page(
    samples: list[Sample], error: dict[str, Any] | None = None, text: str = "", corpus: bool = False
) -> str:
    """The start page: paste text, upload a file, or pick a sample (and, with a corpus served, a link to
    its dashboard)."""
    body = (
        "<h1>Who says what, on whose authority</h1>"
        '<p class="lede">Paste a news article or upload one (plain text or a saved HTML page). byline marks '
        "every quote and reported statement, who it is attributed to, through whom, and how it is hedged.</p>"
        f"{_error_box(error)}"
        '<div class="grid"><div class="stack">'
        '<form class="box" method="post" action="/read" enctype="multipart/form-data" aria-labelledby="paste-h">'
        '<h2 id="paste-h">Paste an article</h2><label for="text">Article text</label>'
        '<textarea id="text" name="text" required placeholder="Headline on the first line, then the article…">'
        f"{esc(text)}</textarea>"
        '<div class="actions"><button class="btn" type="submit">Read it</button></div></form>'
        '<form class="box" method="post" action="/read" enctype="multipart/form-data" aria-labelledby="upload-h">'
        '<h2 id="upload-h">Upload a file</h2><label for="file">A .txt or .html file</label>'
        '<input id="file" name="file" type="file" required accept=".txt,.text,.html,.htm,text/plain,text/html">'
        '<div class="actions"><button class="btn" type="submit">Read the file</button></div>'
        '<p class="hint">byline never fetches URLs: save the page and upload it.</p></form>'
        f'</div><div class="stack">{_samples_box(samples)}{_corpus_box() if corpus else ""}</div></div>'
    )
    return page("byline: read an article", body, corpus=corpus)


def error_page(status: int, error: dict[str, Any]) -> str:
    """A page for a failure outside the start page's forms."""
    body = f'<h1>{status}</h1>{_error_box(error)}<p><a class="btn secondary" href="/">Read another article</a></p>'
    return page(f"byline: {status}", body)


def _schema_name(schema: dict[str, Any]) -> str:
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
    if ref:
        return ref.rsplit("/", 1)[-1]
    return str(schema.get("type", "object"))


def _operation(path: str, method: str, op: dict[str, Any]) -> str:
    body = op.get("requestBody", {}).get("content", {})
    takes = ", ".join(f"<code>{esc(kind)}</code>" for kind in body) or "nothing"
    rows = "".join(
        f"<tr><td><code>{esc(status)}</code></td><td>{esc(r.get('description', ''))}</td></tr>"
        for status, r in sorted(op.get("responses", {}).items())
    )
    doc = re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(op.get("description") or op.get("summary") or ""))
    return (
        f'<section class="endpoint"><h3><span class="method {method}">{method.upper()}</span>{esc(path)}</h3>'
        f"<p>{doc}</p><p>Body: {takes}</p><table><tr><th>Status</th><th>Meaning</th></tr>{rows}</table></section>"
    )


def docs_page(openapi: dict[str, Any]) -> str:
    """A self-contained API reference drawn from the OpenAPI document (no CDN-hosted Swagger UI)."""
    operations = "".join(
        _operation(path, method, op)
        for path, methods in openapi.get("paths", {}).items()
        for method, op in methods.items()
        if op.get("tags") != ["pages"]
    )
    example = (
        "curl -s http://127.0.0.1:8000/api/read -H 'content-type: application/json' \\\n"
        '     -d \'{"text": "Councillors approved the budget, the mayor said."}\'\n'
        "curl -s http://127.0.0.1:8000/api/read -F file=@article.html"
    )
    body = (
        f"<h1>{esc(openapi.get('info', {}).get('title', 'API'))}</h1>"
        f'<p class="lede">{esc(openapi.get("info", {}).get("description", ""))} The machine-readable '
        'description is at <a href="/openapi.json">/openapi.json</a>; a Reading\'s JSON Schema at '
        '<a href="/api/schema">/api/schema</a>.</p>'
        f'<pre>{esc(example)}</pre><p>Every error is JSON: <code>{{"error": {{"code", "reason", "message", '
        f'"input"}}}}</code>.</p><div class="box">{operations}</div>'
    )
    return page("byline: API", body)
