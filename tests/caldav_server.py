"""A real CalDAV server for the tests: Radicale, run as a subprocess on 127.0.0.1.

Fixtures (loaded as a pytest plugin from ``tests/conftest.py``):

- ``radicale``: one server for the whole session, on a free port, with its storage in a
  temporary folder and plain-text htpasswd logins; stopped by its pid at the end.
- ``account``: a fresh user on that server (so an empty calendar home) for one test.
- ``http_log``: every HTTP request the test sends through the client library,
  as ``(method, url)``, so tests can count writes.
- ``dead_port`` / ``silent_port``: a closed port, and a port that accepts
  connections but never answers.

When Radicale or caldav is not installed, the tests that need them are skipped with a
reason; ``.ci/run`` installs both with the ``test`` extra and sets
``LEGRAISE_PLAN_REQUIRE_CALDAV=1``, so there a missing one fails instead.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest


WRITES = frozenset({"PUT", "DELETE", "MKCALENDAR", "MKCOL", "PROPPATCH", "MOVE", "COPY", "POST"})
_MISSING = [m for m in ("radicale", "caldav") if importlib.util.find_spec(m) is None]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@attrs.frozen
class Server:
    """A running Radicale: where it listens, its users file and its log."""

    port: int
    users: Path
    log: Path
    pid: int

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def add_user(self, name: str, password: str) -> None:
        with self.users.open("a", encoding="utf-8") as users:
            users.write(f"{name}:{password}\n")


@attrs.frozen
class Account:
    """One user on the server: the calendar home URL and the login."""

    server: Server
    username: str
    password: str

    @property
    def url(self) -> str:
        return f"{self.server.root}{self.username}/"


def _wait_until_up(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"radicale exited early:\n{log.read_text(encoding='utf-8')[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/.web/", timeout=1)
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.05)
        else:
            return
    pytest.fail("radicale did not answer within 30 s")


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Radicale on 127.0.0.1 with a temporary storage folder, for the whole session."""
    if _MISSING and os.environ.get("LEGRAISE_PLAN_REQUIRE_CALDAV"):
        pytest.fail(f"{' and '.join(_MISSING)} missing, and .ci/run requires the CalDAV tests")
    if _MISSING:  # pragma: no cover - the test extra installs both
        pytest.skip(
            f"CalDAV tests need {' and '.join(_MISSING)}: pip install -e '.[test]' "
            "(or pip install radicale 'legraise-plan[caldav]')"
        )
    folder = tmp_path_factory.mktemp("radicale")
    users = folder / "users"
    users.write_text("", encoding="utf-8")
    log = folder / "radicale.log"
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "radicale",
        "--config",
        "",
        "--server-hosts",
        f"127.0.0.1:{port}",
        "--storage-filesystem-folder",
        str(folder / "storage"),
        "--auth-type",
        "htpasswd",
        "--auth-htpasswd-filename",
        str(users),
        "--auth-htpasswd-encryption",
        "plain",
        "--auth-delay",
        "0",
        "--logging-level",
        "info",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "HOME": str(folder)}
        )
    try:
        _wait_until_up(port, process, log)
        yield Server(port=port, users=users, log=log, pid=process.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung server
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def account(radicale: Server) -> Account:
    """A new user on the server, with an empty calendar home."""
    name = f"u{secrets.token_hex(4)}"
    password = f"pw-{secrets.token_hex(8)}"
    radicale.add_user(name, password)
    return Account(radicale, name, password)


@pytest.fixture
def http_log(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every HTTP request sent through the CalDAV client library, as (method, url)."""
    from caldav.lib.http_sync import requests as http

    sent: list[tuple[str, str]] = []
    original = http.Session.request

    def request(self: object, method: str, url: str, *args: object, **kwargs: object) -> object:
        sent.append((method.upper(), str(url)))
        return original(self, method, url, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(http.Session, "request", request)
    return sent


def writes(log: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The write requests in an ``http_log``."""
    return [(method, url) for method, url in log if method in WRITES]


@pytest.fixture
def dead_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    return _free_port()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]
