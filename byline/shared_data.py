"""Where the project's shared research data lies, when it is present (it never ships with byline)."""

from __future__ import annotations

import os
from pathlib import Path

SHARED_DATA_ENV = "BYLINE_SHARED_DATA"


def shared_data_dir() -> Path | None:
    """$BYLINE_SHARED_DATA, else ../shared/data beside the source checkout; None when absent."""
    configured = os.environ.get(SHARED_DATA_ENV)
    candidates = [Path(configured)] if configured else []
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "data")
    return next((path for path in candidates if path.is_dir()), None)


def shared_path(*parts: str) -> Path | None:
    """A path inside the shared data, or None when it is absent."""
    root = shared_data_dir()
    path = root.joinpath(*parts) if root else None
    return path if path is not None and path.exists() else None


def given_or_shared(given: Path | None, *parts: str) -> Path:
    """``given`` (which must exist), else that path in the shared research data, else a one-line error."""
    from byline.errors import BylineError

    if given is not None:
        if not given.exists():
            raise BylineError("not_found", str(given))
        return given
    found = shared_path(*parts)
    if found is None:
        raise BylineError("no_shared_data", None, expected="…/" + "/".join(parts))
    return found
