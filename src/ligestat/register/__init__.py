"""The initiatives register: departments report their equality work, the unit approves it.

A server-rendered web application (``ligestat serve``) over a SQLAlchemy
database (SQLite by default, PostgreSQL by URL) whose schema Alembic migrates
on start. The library is usable without the web::

    db = open_database(database_url("register.sqlite"))
    rows = approved_initiatives(db, 2025)   # part 2 of the report

Modules: ``models`` (tables), ``db`` (connection, migrations), ``policy`` (who
may do what — the one place), ``auth`` (accounts, sessions, throttling),
``store`` (initiatives and the update workflow), ``audit``, ``exchange``
(initiatives.csv, report rows), ``markdown``, ``app`` (web routes only).
"""

from __future__ import annotations

from typing import Any

from ligestat.register.db import Database, database_url, open_database

__all__ = ["Database", "approved_initiatives", "database_url", "open_database"]


def approved_initiatives(db: Database, year: int) -> tuple[dict[str, Any], ...]:
    """The year's approved updates as initiatives rows (title, status, period, key figures,
    description as prose), the shape ``ReportInput.initiatives`` takes."""
    from ligestat.register.exchange import report_rows

    with db.read() as s:
        return report_rows(s, year)
