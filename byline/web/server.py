"""Running the ``byline serve`` app: uvicorn on loopback, in the foreground or in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from byline.web.app import WebLimits, create_app, default_reader_factory

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
START_TIMEOUT_S = 30.0


def build_app(
    limits: WebLimits = WebLimits(),
    model: str | None = None,
    preload: bool = True,
    min_confidence: float | None = None,
    accurate: bool | None = None,
    db: str | Path | None = None,
) -> FastAPI:
    """The app with byline's Reader for ``model``; ``preload`` loads the model now, not on the first request;
    with ``db``, the corpus dashboard over that database (an unusable one fails here, before the model loads)."""
    app = create_app(
        reader_factory=default_reader_factory(model, min_confidence, accurate), limits=limits, corpus_db=db
    )
    if preload:
        app.state.work.reader()
    return app


def run(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    limits: WebLimits = WebLimits(),
    model: str | None = None,
    min_confidence: float | None = None,
    accurate: bool | None = None,
    db: str | Path | None = None,
) -> None:
    """Serve byline at http://host:port/ until interrupted (loopback by default; it never fetches URLs)."""
    app = build_app(limits, model, min_confidence=min_confidence, accurate=accurate, db=db)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)


def _bound_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


@contextmanager
def serving(app: FastAPI, host: str = DEFAULT_HOST, port: int = 0) -> Iterator[str]:
    """Serve ``app`` in a background thread (on a free port by default); yields its base URL."""
    sock = _bound_socket(host, port)
    bound_port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", server_header=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="byline-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError(f"the server on {host}:{bound_port} did not start")
        time.sleep(0.02)
    try:
        yield f"http://[{host}]:{bound_port}" if ":" in host else f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
