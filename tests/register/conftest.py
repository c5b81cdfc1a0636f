"""Register fixtures: one ``db_url`` fixture runs a test on SQLite and on PostgreSQL.

PostgreSQL is Debian's server started as a throw-away cluster
(``ligestat.register.pgcluster``): ``initdb`` in a temporary folder, its own
port, ``pg_ctl stop`` at the end; as root, run as the ``postgres`` OS user.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ligestat.config import demo_config
from ligestat.register import Database, open_database
from ligestat.register.auth import create_user
from ligestat.register.pgcluster import PgCluster

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 still, with the smallest cost: the tests make and check many passwords."""
    from argon2 import PasswordHasher

    from ligestat.register import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                        parallelism=1))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty register database URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite'}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


CODES = demo_config().department_codes


@pytest.fixture
def accounts(db: Database) -> dict[str, str]:
    """coordinators of BUF (anna) and SOF (sofie), an editor, a viewer and an admin."""
    people = {"anna": ("coordinator", "BUF"), "sofie": ("coordinator", "SOF"),
              "eva": ("editor", None), "vic": ("viewer", None), "adam": ("admin", None)}
    with db.write() as s:
        for name, (role, dept) in people.items():
            create_user(s, "test", name, role, dept, PASSWORD, CODES)
    return {name: role for name, (role, _d) in people.items()}


CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


class Browser:
    """An in-process client that logs in and posts with the page's CSRF token."""

    def __init__(self, app: Any) -> None:
        from starlette.testclient import TestClient

        self.client = TestClient(app, base_url="https://testserver")
        self.csrf = ""

    def login(self, name: str, password: str = PASSWORD) -> Any:
        page = self.client.get("/login")
        token = CSRF_RE.search(page.text)
        assert token is not None
        r = self.client.post("/login", data={"name": name, "password": password,
                                             "csrf": token.group(1)}, follow_redirects=False)
        if r.status_code == 303:
            home = self.client.get("/")
            found = CSRF_RE.search(home.text)
            assert found is not None
            self.csrf = found.group(1)
        return r

    def get(self, url: str) -> Any:
        return self.client.get(url, follow_redirects=False)

    def post(self, url: str, data: dict[str, Any] | None = None, *, csrf: bool = True,
             **kw: Any) -> Any:
        body = dict(data or {})
        if csrf:
            body.setdefault("csrf", self.csrf)
        return self.client.post(url, data=body, follow_redirects=False, **kw)


@pytest.fixture
def browser_cls() -> type[Browser]:
    return Browser


@pytest.fixture
def make_app(db: Database) -> Any:
    from ligestat.register.app import create_app

    def make(**kw: Any) -> Any:
        kw.setdefault("year", 2025)
        return create_app(db, demo_config(), **kw)

    return make


@pytest.fixture
def as_user(make_app: Any, accounts: dict[str, str]) -> Any:
    app = make_app()

    def login(name: str) -> Browser:
        b = Browser(app)
        assert b.login(name).status_code == 303
        return b

    return login


@dataclass
class Server:
    url: str
    proc: subprocess.Popen[bytes]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _start_server(db_url: str, *, workspace: Path | None = None, year: int = 2025) -> Server:
    """``ligestat serve`` in its own process on a free port; waits until it answers."""
    import httpx

    port = free_port()
    cmd = [sys.executable, "-m", "ligestat", "serve", "--db", db_url, "--port", str(port),
           "--year", str(year)]
    if workspace is not None:
        cmd += ["--workspace", str(workspace)]
    else:  # the demo's config, explicitly: no folder silently means Copenhagen
        cmd += ["--config", str(Path(__file__).resolve().parents[2] / "src" / "ligestat"
                                / "data" / "kk-2025.toml")]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"the register did not start: {err[-2000:]}")
        try:
            httpx.get(url + "/login", timeout=1)
            return Server(url, proc)
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the register did not answer within 30 s")


def _servers() -> Iterator[Any]:
    """A ``start(db_url, **kw)`` that starts ``ligestat serve`` processes, all stopped
    at the end."""
    started: list[Server] = []

    def start(db_url: str, **kw: Any) -> Server:
        server = _start_server(db_url, **kw)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def serve() -> Iterator[Any]:
    """Starts ``ligestat serve`` processes; stops whatever is left at the end."""
    yield from _servers()


@pytest.fixture(scope="module")
def serve_module() -> Iterator[Any]:
    """Like ``serve``, for servers a whole test module shares."""
    yield from _servers()
