"""initiatives.csv in and out of the register, and the report's part 2 rows.

``import_csv`` reads a contract ``initiatives.csv`` (CONTRACT.md §1; the
optional ``description`` column included) into the register as the year's
approved updates — it is the published text — in one transaction: a file with
any bad row stores nothing and names every problem (file:row: column).
``export_csv`` writes the same shape back. ``report_rows`` gives the report
the year's approved updates as initiatives rows, descriptions as prose.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from ligestat.errors import Problem, RegisterError, ValidationError
from ligestat.io.csvdialect import sniff_csv
from ligestat.register.audit import record, snapshot
from ligestat.register.markdown import to_prose
from ligestat.register.models import Initiative, Update, User, now
from ligestat.register.policy import require
from ligestat.register.store import (
    InitiativeFields,
    UpdateFields,
    create_initiative,
    edit_initiative,
)

__all__ = ["CSV_COLUMNS", "export_csv", "import_csv", "report_rows"]

CSV_COLUMNS = ("id", "audience", "focus_area", "department", "title", "status", "period",
               "cross_cutting", "key_figures", "description")
REQUIRED = ("id", "audience", "focus_area", "department", "title", "status")
_TRUE = ("true", "1", "ja", "yes")
_FALSE = ("false", "0", "nej", "no", "")


def _read(path: Path) -> list[dict[str, str]]:
    dialect = sniff_csv(path, frozenset(CSV_COLUMNS))
    with path.open(encoding=dialect.encoding, newline="") as f:
        reader = csv.DictReader(f, delimiter=dialect.delimiter)
        rows = [{(k or "").strip().lower(): (v or "") for k, v in row.items()} for row in reader]
    missing = [c for c in REQUIRED if c not in {h.lower() for h in dialect.header}]
    if missing:
        raise ValidationError([Problem(path.name, 1, c, "required column is missing")
                               for c in missing])
    return rows


def _fields(path: Path, line: int, row: dict[str, str], known: tuple[str, ...],
            problems: list[Problem]) -> tuple[InitiativeFields, UpdateFields] | None:
    def bad(column: str, message: str) -> None:
        problems.append(Problem(path.name, line, column, message, row.get(column, "")))

    flag = row.get("cross_cutting", "").strip().lower()
    if flag not in _TRUE + _FALSE:
        bad("cross_cutting", "must be true or false")
    ini = InitiativeFields(row["audience"].strip(), row["focus_area"].strip(),
                           row["title"].strip(), (row["department"].strip(),),
                           flag in _TRUE)
    upd = UpdateFields(row["status"].strip(), row.get("period", "").strip(),
                       row.get("key_figures", "").strip(), row.get("description", "").strip())
    count = len(problems)
    checks: list[tuple[Callable[[], None], str]] = [
        (partial(ini.check, known), "department"), (upd.check, "status")]
    for check, column in checks:
        try:
            check()
        except RegisterError as exc:
            text = str(exc)
            col = next((c for c in ("audience", "title", "focus_area", "status")
                        if c.replace("_", " ") in text), column)
            bad(col, text)
    if not row["id"].strip():
        bad("id", "required")
    return (ini, upd) if len(problems) == count else None


def import_csv(s: OrmSession, user: User, path: Path, year: int,
               known: tuple[str, ...]) -> int:
    """Import every row as an initiative with an approved ``year`` update; returns the count."""
    require(user, "register.import")
    rows = _read(path)
    problems: list[Problem] = []
    parsed: list[tuple[str, InitiativeFields, UpdateFields]] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        ref = row["id"].strip()
        if ref in seen:
            problems.append(Problem(path.name, line, "id", "the same id twice", ref))
        seen.add(ref)
        got = _fields(path, line, row, known, problems)
        if got is not None:
            parsed.append((ref, *got))
    if problems:
        raise ValidationError(problems)
    for ref, ini_fields, upd_fields in parsed:
        ini = s.scalar(select(Initiative).where(Initiative.ref == ref))
        if ini is None:
            ini = create_initiative(s, user, ini_fields, known, ref=ref)
        else:
            codes = (*ini_fields.departments,
                     *(c for c in ini.codes if c not in ini_fields.departments))
            edit_initiative(s, user, ini, InitiativeFields(
                ini_fields.audience, ini_fields.focus_area, ini_fields.title, codes,
                ini_fields.cross_cutting, ini.contact), known)
        upd = ini.update_for(year)
        before = snapshot(upd) if upd is not None else None
        if upd is None:
            upd = Update(initiative=ini, year=year, comment="")
            s.add(upd)
        upd.state, upd.status, upd.period = "approved", upd_fields.status, upd_fields.period
        upd.key_figures, upd.description = upd_fields.key_figures, upd_fields.description
        upd.updated_at, upd.updated_by = now(), user.name
        s.flush()
        record(s, user.name, "update.import", "update", f"{ref}/{year}", before, snapshot(upd))
    return len(parsed)


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _approved(s: OrmSession, year: int) -> list[Update]:
    return list(s.scalars(select(Update).join(Initiative)
                          .where(Update.year == year, Update.state == "approved")
                          .order_by(Initiative.audience, Initiative.id)))


def export_csv(s: OrmSession, user: User, year: int) -> str:
    """The year's approved updates as initiatives.csv (descriptions as Markdown source)."""
    require(user, "register.export")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for u in _approved(s, year):
        i = u.initiative
        w.writerow([_cell(v) for v in (i.ref, i.audience, i.focus_area, i.codes[0], i.title,
                                        u.status, u.period,
                                        "true" if i.cross_cutting else "false",
                                        u.key_figures, u.description)])
    return out.getvalue()


def report_rows(s: OrmSession, year: int) -> tuple[dict[str, Any], ...]:
    """The year's approved updates as the report's initiatives rows (CONTRACT.md §1 shape)."""
    rows = []
    for u in _approved(s, year):
        i = u.initiative
        rows.append({"id": i.ref, "audience": i.audience, "focus_area": i.focus_area,
                     "department": i.codes[0], "title": i.title, "status": u.status,
                     "period": u.period, "cross_cutting": i.cross_cutting,
                     "key_figures": u.key_figures, "description": to_prose(u.description)})
    return tuple(rows)
