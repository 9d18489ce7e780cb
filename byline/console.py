"""The command line's one error line, shared by every command module (byline.cli and the layers' own)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from byline.errors import BylineError

stderr = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one error line and exit non-zero (the message as plain text: "byline[accurate]" is not markup)."""
    stderr.print(f"[bold red]byline: error:[/] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """A catalogued failure in a data file (eval, train, bench) as one error line, not a traceback."""
    try:
        yield
    except BylineError as exc:
        fail(exc.message)
