"""``byline serve``: a page to paste, upload or pick an article and see its reading, and a JSON API.

The app never fetches URLs. Work is bounded four ways (``WebLimits``): request bodies (413), characters
of one article (413), time to read one article (504: the reading is stopped at that deadline and its
worker freed) and articles read at once (503). Every error is JSON
``{"error": {"code", "reason", "message", "input"}}`` from byline's one error catalogue (pages get the
same message in HTML).
"""

from __future__ import annotations

import asyncio
import gc
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, Protocol

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from byline import __version__
from byline.errors import BylineError
from byline.ingest.document import article_from_bytes, check_document_bytes
from byline.ingest.html import article_from_html
from byline.ingest.language import check_english
from byline.ingest.options import IngestOptions
from byline.ingest.text import article_from_text
from byline.reading import Article, Reading, reading_schema
from byline.render.html import render_html
from byline.web.pages import docs_page, error_page, index_page, list_samples

DEFAULT_MAX_BODY_BYTES = 5_000_000
# An article of this many characters reads in about 8 s alone on a 2-core machine and 14 s two at once
# (the default --concurrency): well within the default 30 s --timeout (``byline bench --lengths``).
DEFAULT_MAX_CHARS = 100_000
# How long past its deadline a reading may take to stop (its longest step, one parse batch or one stage,
# takes about a second at --max-chars) before the 504 is sent anyway, the slot taken until it stops.
STOP_GRACE_S = 10.0

# HTTP status of each catalogued failure; codes not listed are bad input (422).
STATUS_OF = {
    "too_large": 413,
    "too_long": 413,
    "too_many_chars": 413,
    "unsupported": 415,
    "not_found": 404,
    "no_route": 404,
    "timeout": 504,
    "deadline": 504,
    "busy": 503,
    "db_busy": 503,
    "db_unreachable": 503,
    "model_missing": 503,
    "internal": 500,
}


@dataclass(frozen=True)
class WebLimits:
    """Bounds on the work one server does."""

    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_seconds: float = 30.0
    max_concurrent: int = 2
    max_chars: int = DEFAULT_MAX_CHARS

    def __post_init__(self) -> None:
        if min(self.max_body_bytes, self.max_seconds, self.max_concurrent, self.max_chars) <= 0:
            raise ValueError("web limits must be positive")


class ArticleReader(Protocol):
    def read(self, article: Article, deadline: float | None = None) -> Reading:
        """The reading of ``article``; past ``deadline`` (``time.monotonic()``) a ``deadline`` error."""
        ...


ReaderFactory = Callable[[], ArticleReader]


class ReadRequest(BaseModel):
    """An article to read: plain ``text``, or ``html`` with the ``url`` it was saved from (never fetched)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article as plain text; the headline on line 1.")
    html: str | None = Field(default=None, description="The article page's HTML.")
    url: str | None = Field(default=None, description="Where the HTML was saved from; recorded, not fetched.")

    @model_validator(mode="after")
    def _one_of(self) -> ReadRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" or "html"')
        if self.url is not None and self.html is None:
            raise ValueError('"url" goes with "html"')
        return self


@dataclass(frozen=True)
class Payload:
    """What a request asks to read."""

    kind: Literal["text", "html", "bytes"]
    value: str | bytes
    source: str
    url: str | None = None


def default_reader_factory(
    model: str | None = None, min_confidence: float | None = None, accurate: bool | None = None
) -> ReaderFactory:
    """A factory of byline's own Reader (loaded lazily, once per app)."""

    def make() -> ArticleReader:
        from byline.pipeline import Reader
        from byline.settings import Settings

        settings = Settings(model=model) if model else Settings()
        if min_confidence is not None:
            settings = replace(settings, min_confidence=min_confidence)
        if accurate is not None:
            settings = replace(settings, accurate=accurate)
        return Reader(settings)

    return make


def ingest_payload(payload: Payload, options: IngestOptions) -> Article:
    """The Article a payload holds, with the checks ``byline read`` makes (empty, binary, English, size)."""
    if payload.kind == "bytes":
        return article_from_bytes(bytes(payload.value), payload.source, options, url=payload.url)
    value = str(payload.value)
    check_document_bytes(value.encode("utf-8", errors="replace"), payload.source)
    if payload.kind == "html":
        article = article_from_html(value, url=payload.url, origin=payload.source)
    else:
        article = article_from_text(value, payload.source)
    return check_english(article, payload.source, options.require_english)


class Work:
    """Reads articles in a bounded thread pool with one lazily made reader; counts work in flight."""

    def __init__(self, factory: ReaderFactory, limits: WebLimits) -> None:
        self.factory = factory
        self.limits = limits
        self.busy = 0
        self._reader: ArticleReader | None = None
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    @property
    def loaded(self) -> bool:
        return self._reader is not None

    def reader(self) -> ArticleReader:
        """The app's reader, made on first use."""
        with self._lock:
            if self._reader is None:
                self._reader = self.factory()
            return self._reader

    def _timeout(self, source: str) -> BylineError:
        return BylineError("timeout", source, seconds=f"{self.limits.max_seconds:g}")

    def _article(self, payload: Payload) -> Article:
        """The payload's article, refused (413) when longer than ``max_chars``."""
        article = ingest_payload(payload, IngestOptions(max_bytes=self.limits.max_body_bytes))
        length, limit = len(article.text), self.limits.max_chars
        if length > limit:
            raise BylineError("too_many_chars", payload.source, length=length, limit=limit, option="--max-chars")
        return article

    def _read(self, payload: Payload, deadline: float) -> Reading:
        """Read in a worker thread. A failure is raised without the traceback that holds the parse; a
        reading stopped at its deadline has what it left collected before its worker is free again."""
        try:
            return self.reader().read(self._article(payload), deadline)
        except BylineError as exc:
            failure = exc
        except Exception as exc:  # a bug, not bad input: report it as a catalogued failure, not a traceback
            failure = BylineError("internal", payload.source, detail=f"{type(exc).__name__}: {exc}")
        if failure.code == "deadline":
            failure = self._timeout(payload.source)
            gc.collect()  # the pieces of a parse stopped halfway refer to themselves: only the collector frees them
        raise failure.with_traceback(None)

    def _released(self, future: asyncio.Future[Reading]) -> None:
        self.busy -= 1
        if not future.cancelled():
            future.exception()  # retrieved, so an abandoned (timed-out) read that fails logs no warning

    async def read(self, payload: Payload) -> Reading:
        """The reading of ``payload``; ``busy`` when full, ``timeout`` past the limit. The reading stops at
        its deadline, so its slot is free when the 504 is sent; should it not stop within ``STOP_GRACE_S``,
        the 504 is sent anyway and the slot stays taken until it does."""
        if self.busy >= self.limits.max_concurrent:
            raise BylineError("busy", payload.source, limit=self.limits.max_concurrent)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self.limits.max_concurrent, thread_name_prefix="byline-read")
        self.busy += 1
        deadline = time.monotonic() + self.limits.max_seconds
        future = asyncio.get_running_loop().run_in_executor(self._pool, self._read, payload, deadline)
        future.add_done_callback(self._released)
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.limits.max_seconds + STOP_GRACE_S)
        except TimeoutError:
            raise self._timeout(payload.source) from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


# ------------------------------------------------------------------------------------------ errors


def error_record(error: BylineError) -> dict[str, Any]:
    return {"error": error.to_record()}


def status_of(error: BylineError) -> int:
    return STATUS_OF.get(error.code, 422)


def wants_html(path: str) -> bool:
    return not (path.startswith("/api/") or path in ("/healthz", "/openapi.json"))


def error_response(path: str, error: BylineError) -> Response:
    """The failure as JSON for the API, as a page elsewhere."""
    status = status_of(error)
    headers = {"Retry-After": "2"} if error.code == "busy" else None
    if wants_html(path):
        return HTMLResponse(error_page(status, error.to_record()), status_code=status, headers=headers)
    return JSONResponse(error_record(error), status_code=status, headers=headers)


SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeaders:
    """Adds headers that stop MIME sniffing, referrers and framing to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + list(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


class _BodyTooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` (413), by Content-Length or as they stream in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send, int(declared))
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge(received)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge as exc:
            if started:
                raise
            await self._refuse(scope, receive, send, exc.size)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        error = BylineError("too_large", "request body", size=size, limit=self.max_bytes, option="--max-body")
        await error_response(scope["path"], error)(scope, receive, send)


# ------------------------------------------------------------------------------------------ requests


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def _json_payload(request: Request) -> Payload:
    try:
        data = json.loads(await request.body())
        body = ReadRequest.model_validate(data)
    except json.JSONDecodeError as exc:
        raise BylineError("malformed", "request body", detail=f"not JSON: {exc.msg}") from None
    except ValidationError as exc:
        detail = "; ".join(_validation_message(err) for err in exc.errors())
        raise BylineError("malformed", "request body", detail=detail) from None
    except UnicodeDecodeError:
        raise BylineError("malformed", "request body", detail="not JSON: the bytes are not UTF-8") from None
    except RecursionError:
        raise BylineError("malformed", "request body", detail="not JSON: nested too deeply") from None
    except ValueError as exc:  # an integer past Python's digit limit, and the like
        raise BylineError("malformed", "request body", detail=f"unreadable JSON value: {str(exc)[:80]}") from None
    if body.text is not None:
        return Payload("text", body.text, "text")
    return Payload("html", body.html or "", body.url or "html", url=body.url)


def _validation_message(error: Any) -> str:
    """One validation error, naming the field it is about ("fetch: Extra inputs are not permitted")."""
    message = str(error["msg"]).removeprefix("Value error, ")
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {message}" if where else message


async def _form_payload(request: Request, max_bytes: int) -> Payload:
    form = await request.form(max_files=1, max_fields=8, max_part_size=max_bytes)
    upload = form.get("file")
    if isinstance(upload, UploadFile) and (upload.filename or upload.size):
        return Payload("bytes", await upload.read(), upload.filename or "upload")
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        return Payload("text", text, "text")
    if isinstance(text, str):
        raise BylineError("empty", "text")
    raise BylineError("malformed", "form", detail='send a "file" or a "text" field')


async def payload_of(request: Request, max_bytes: int) -> Payload:
    """What to read, from a JSON body, a multipart form, or a raw text/HTML body."""
    kind = _content_type(request)
    if kind == "application/json":
        return await _json_payload(request)
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return await _form_payload(request, max_bytes)
    if kind in ("text/plain", "text/html"):
        return Payload("bytes", await request.body(), "request body")
    shown = kind or "none"
    raise BylineError("unsupported", "request body", detail=f"content type {shown}; send JSON, a form or text")


# ------------------------------------------------------------------------------------------ the app

READ_BODY_DOC: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": ReadRequest.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": "A .txt or .html file."},
                    "text": {"type": "string", "description": "The article as plain text."},
                },
            }
        },
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    },
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {"description": "The body is over the size limit, or its article over the character limit."},
    415: {"description": "The content type is not JSON, a form, text or HTML."},
    422: {"description": "Bad input: empty, binary, malformed, not English, no article body."},
    503: {"description": "The server is reading as many articles as it may at once."},
    504: {"description": "Reading took longer than the time limit."},
}


def default_samples_dir() -> Path:
    return Path(str(files("byline").joinpath("samples")))


def create_app(
    reader_factory: ReaderFactory | None = None,
    limits: WebLimits = WebLimits(),
    samples_dir: Path | None = None,
    corpus_db: str | Path | None = None,
) -> FastAPI:
    """The ``byline serve`` app; ``reader_factory`` makes the reader on first use (default: byline's Reader);
    with ``corpus_db`` (a DuckDB file or a PostgreSQL URL), the corpus dashboard over that database (checked
    now: the catalogued error if unusable)."""
    work = Work(reader_factory or default_reader_factory(), limits)
    samples = samples_dir or default_samples_dir()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        work.close()

    app = FastAPI(
        lifespan=lifespan,
        title="byline",
        version=__version__,
        description="Reads English news articles into a Reading: who says what, on whose authority, how hedged.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.work = work
    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    _add_error_handlers(app)
    _add_api_routes(app, work)
    _add_page_routes(app, work, samples, corpus=corpus_db is not None)
    if corpus_db is not None:
        from byline.web.dashboard import add_dashboard_routes

        add_dashboard_routes(app, corpus_db)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BylineError)
    async def byline_error(request: Request, exc: BylineError) -> Response:
        return error_response(request.url.path, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        detail = "; ".join(str(err.get("msg")) for err in exc.errors())
        return error_response(request.url.path, BylineError("malformed", "request", detail=detail))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = "no_route" if exc.status_code in (404, 405) else "malformed"
        error = BylineError(code, request.url.path, detail=f"{request.method} {request.url.path}: {exc.detail}")
        response = error_response(request.url.path, error)
        response.status_code = exc.status_code
        return response


def _reading_response(reading: Reading) -> Response:
    return Response(reading.model_dump_json(), media_type="application/json")


def _add_api_routes(app: FastAPI, work: Work) -> None:
    @app.post(
        "/api/read",
        tags=["api"],
        summary="Read an article",
        response_model=Reading,
        responses=ERROR_RESPONSES,
        openapi_extra={"requestBody": READ_BODY_DOC},
    )
    async def api_read(request: Request) -> Response:
        """Read one article into a Reading. Send JSON `{"text": ...}` or `{"html": ..., "url": ...}`, a
        multipart form with a `file` (or `text`) field, or a raw text/plain or text/html body. URLs are
        recorded, never fetched."""
        payload = await payload_of(request, work.limits.max_body_bytes)
        return _reading_response(await work.read(payload))

    @app.get("/api/schema", tags=["api"], summary="The JSON Schema of a Reading")
    async def api_schema() -> dict[str, Any]:
        """The published JSON Schema of the Reading that /api/read returns."""
        return reading_schema()

    @app.get("/healthz", tags=["api"], summary="Liveness")
    async def healthz() -> dict[str, Any]:
        """Whether the server is up, whether its model is loaded, and how much work is in flight."""
        return {"status": "ok", "version": __version__, "model_loaded": work.loaded, "busy": work.busy}


def _add_page_routes(app: FastAPI, work: Work, samples: Path, corpus: bool = False) -> None:
    @app.get("/", response_class=HTMLResponse, tags=["pages"], include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(index_page(list_samples(samples), corpus=corpus))

    @app.post("/read", response_class=HTMLResponse, tags=["pages"], include_in_schema=False)
    async def read_page(request: Request) -> HTMLResponse:
        text = ""
        try:
            payload = await _form_payload(request, work.limits.max_body_bytes)
            text = str(payload.value) if payload.kind == "text" else ""
            reading = await work.read(payload)
        except BylineError as error:
            return HTMLResponse(
                index_page(list_samples(samples), error.to_record(), text, corpus), status_code=status_of(error)
            )
        return HTMLResponse(render_html(reading, home="/"))

    @app.get("/samples/{name}", response_class=HTMLResponse, tags=["pages"], include_in_schema=False)
    async def sample_page(name: str) -> HTMLResponse:
        known = {s.name for s in list_samples(samples)}
        if name not in known:
            raise BylineError("not_found", f"sample {name}")
        reading = await work.read(Payload("bytes", (samples / name).read_bytes(), name))
        return HTMLResponse(render_html(reading, home="/"))

    @app.get("/docs", response_class=HTMLResponse, tags=["pages"], include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.openapi()))
