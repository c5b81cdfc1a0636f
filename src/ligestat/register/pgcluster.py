"""A throw-away PostgreSQL cluster for tests and benchmarks: Debian's server binaries,
``initdb`` in a temporary folder, its own port, stopped and removed at the end.

As root (CI runs as root) the server runs as the ``postgres`` OS user through
``runuser``; PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PgCluster", "pg_bindir", "throwaway_cluster"]


def pg_bindir() -> Path | None:
    """The newest installed PostgreSQL server's bin folder (Debian layout), if any."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    found.sort(key=lambda b: int(b.parent.name) if b.parent.name.isdigit() else 0)
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class PgCluster:
    url: str  # SQLAlchemy URL of the maintenance database "postgres"

    def new_database(self) -> str:
        """Create an empty database; returns its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url.replace("+psycopg", ""), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return self.url.rsplit("/", 1)[0] + "/" + name


@contextmanager
def throwaway_cluster(bindir: Path) -> Iterator[PgCluster]:
    """Start a cluster (trust auth on 127.0.0.1, fsync off) and remove it afterwards."""
    root = os.geteuid() == 0
    tmp = Path(tempfile.mkdtemp(prefix="ligestat-pg-"))
    as_pg: list[str] = []
    if root:
        shutil.chown(tmp, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = tmp / "data"

    def run(*cmd: str) -> None:
        subprocess.run([*as_pg, *cmd], check=True, capture_output=True, cwd=tmp)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-N",
            "-E", "UTF8", "--locale=C")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "log"), "-w", "-o",
            f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -F -c max_connections=200",
            "start")
        yield PgCluster(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres")
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "stop"], capture_output=True, cwd=tmp)
        shutil.rmtree(tmp, ignore_errors=True)
