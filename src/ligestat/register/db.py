"""The register's database: SQLite by default, PostgreSQL by URL; migrations run on open.

``open_database(url)`` returns a ``Database`` whose ``read()`` and ``write()``
give ORM sessions: ``write()`` commits everything done inside it as one
transaction (or nothing, on an error), which is what makes a killed server lose
no committed change and leave no half-written one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from ligestat.errors import RegisterError

__all__ = ["DEFAULT_NAME", "Database", "database_url", "open_database"]

DEFAULT_NAME = "ligestat-register.sqlite"


def database_url(db: str | Path | None, workspace: Path | None = None) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as is, a path as SQLite, default beside the workspace.

    Without ``--db`` the register is ``WORKSPACE.register.sqlite`` beside the
    workspace file, or ``ligestat-register.sqlite`` in the current folder.
    """
    if db is None:
        path = (workspace.with_suffix(".register.sqlite") if workspace is not None
                else Path(DEFAULT_NAME))
        return f"sqlite:///{path.resolve()}"
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        if not text.startswith(("sqlite://", "postgresql+psycopg://")):
            raise RegisterError(f"{text}: the register needs sqlite:///FILE or postgresql://…")
        return text
    return f"sqlite:///{Path(text).resolve()}"


def _sqlite_setup(engine: Engine) -> None:
    """WAL, foreign keys, full fsync; writers take the lock up front (BEGIN IMMEDIATE)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_con: Any, _record: Any) -> None:
        dbapi_con.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_con.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL",
                       "busy_timeout=30000"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(con: Any) -> None:
        immediate = con.get_execution_options().get("immediate", False)
        con.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@dataclass
class Database:
    url: str
    engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.engine.execution_options(immediate=True),
                                   expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[OrmSession]:
        with self._read() as s:  # closing keeps loaded objects usable, detached
            yield s

    @contextmanager
    def write(self) -> Iterator[OrmSession]:
        """One transaction: committed when the block ends, rolled back on any error."""
        with self._write() as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "head")


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect to the register at ``url`` (see ``database_url``) and bring its schema up to date."""
    if url.startswith("postgresql"):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise RegisterError("PostgreSQL needs the psycopg driver: "
                                "pip install 'ligestat[postgresql]'") from None
        engine = create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)
    else:
        if url.startswith("sqlite:///"):
            file = Path(url.removeprefix("sqlite:///"))
            if not file.parent.is_dir():
                raise RegisterError(f"{file.parent}: no such folder for the register's database")
            if not migrate and not file.is_file():
                raise RegisterError(f"{file}: no register database here; start one with "
                                    f"ligestat serve --db {file}")
        engine = create_engine(url, pool_size=20, max_overflow=20,
                               connect_args={"check_same_thread": False, "timeout": 30})
        _sqlite_setup(engine)
    try:
        if migrate:
            _migrate(engine)
        else:
            engine.connect().close()
    except OperationalError as exc:
        engine.dispose()
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise RegisterError(f"cannot open the register database: {first}") from None
    return Database(url, engine)
