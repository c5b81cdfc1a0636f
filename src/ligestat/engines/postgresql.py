"""PostgreSQL: the contract's tables (or views) in a database, read where they live.

``postgresql://user@host:port/db`` — the tables are found on the connection's
``search_path`` (choose a schema with ``?options=-csearch_path%3Dhr``). The session is
read-only: ligestat creates nothing in the database, and only aggregates are fetched.
"""

from __future__ import annotations

from typing import Any

from ligestat.errors import InputError

__all__ = ["PostgreSQL"]


class PostgreSQL:
    """An :class:`~ligestat.engines.warehouse.Engine` over a psycopg connection."""

    dialect = "postgres"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise InputError("PostgreSQL sources need psycopg: pip install 'psycopg[binary]'"
                             ) from exc
        self.name = _redacted(url)
        try:
            self._con = psycopg.connect(url, autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            raise InputError(f"cannot connect to {self.name}: {str(exc).strip()}") from exc
        self._con.execute("SET default_transaction_read_only = on")

    def relation(self, table: str) -> tuple[str, tuple[str, ...]] | None:
        row = self._con.execute(
            "SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.oid = to_regclass(%s)", [table]).fetchone()
        if row is None:
            return None
        cols = self._con.execute(
            "SELECT lower(attname) FROM pg_attribute WHERE attrelid = %s AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum", [row[0]]).fetchall()
        return str(row[1]), tuple(str(c[0]) for c in cols)

    def fetch(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        import psycopg

        try:
            cur = self._con.execute(sql)  # no parameters: psycopg sends % as written
        except psycopg.Error as exc:
            raise InputError(f"{self.name}: {str(exc).strip()}") from exc
        names = [d.name for d in cur.description or ()]
        return names, [tuple(r) for r in cur.fetchall()]

    def close(self) -> None:
        self._con.close()


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))
