"""A throwaway PostgreSQL server for the tests (initdb and pg_ctl in a temporary folder, on a free loopback
port), or a skip saying what is missing; and a fresh database on it for each test."""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

_DATABASES = itertools.count(1)


def _bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, else Debian's /usr/lib/postgresql/<version>/bin (the newest)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: _version(p.parent.parent.name))
    return versions[-1].parent if versions else None


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server() -> Iterator[str]:
    """The URL of a new PostgreSQL server's ``postgres`` database (trust authentication, fsync off), stopped and
    removed afterwards; pytest.skip where psycopg or the server binaries are missing or it does not start."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'byline[postgres]')")
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL's initdb is not installed (apt-get install postgresql)")
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="byline-pg-"))
    try:
        if os.geteuid() == 0:  # initdb refuses to run as root: run the server as the postgres user
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("running as root and there is no postgres user to run the server as")
            os.chown(folder, user.pw_uid, user.pw_gid)
            as_user = ["runuser", "-u", "postgres", "--"]
        data = folder / "data"
        init = subprocess.run(
            [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
             "--locale=C.UTF-8"],
            capture_output=True, text=True,
        )
        if init.returncode != 0:
            pytest.skip(f"initdb failed: {(init.stderr or init.stdout).strip().splitlines()[-1:]}")
        port = _start(as_user, bin_dir, folder)
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _start(as_user: list[str], bin_dir: Path, folder: Path) -> int:
    """Start the server on a free port (another, where one is taken in between); its port, or a skip."""
    log = folder / "log"
    for _attempt in range(3):
        port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off"
        )
        started = subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-l", str(log), "-w", "-t", "30",
             "-o", options, "start"],
            capture_output=True, text=True,
        )
        if started.returncode == 0:
            return port
    tail = log.read_text(errors="replace").strip().splitlines()[-1:] if log.exists() else started.stderr
    pytest.skip(f"the PostgreSQL server did not start: {tail}")


def new_database(server_url: str, icu_locale: str | None = None) -> str:
    """A new, empty database on the server: its URL. With ``icu_locale`` (e.g. "en-US"), text sorts by that
    locale's rules by default, as on many real servers (where the server has no ICU: by code point)."""
    import psycopg

    name = f"byline_test_{os.getpid()}_{next(_DATABASES)}"
    with psycopg.connect(server_url, autocommit=True) as con:
        try:
            if icu_locale is None:
                raise psycopg.errors.FeatureNotSupported
            con.execute(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icu_locale}' "
                "LOCALE 'C.UTF-8'"
            )
        except psycopg.Error:
            con.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name
