"""The append-only audit log: who changed what, when, with the values before and after.

Every change the register makes goes through ``record`` in the same
transaction as the change itself, so a change and its log entry are stored
together or not at all. The database refuses UPDATE and DELETE on the table
(triggers in the first migration); no route or role can edit it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from ligestat.register.models import AuditEntry, Initiative, Update, User, now

__all__ = ["AUDIT_COLUMNS", "entries", "export_csv", "record", "snapshot"]

AUDIT_COLUMNS = ("id", "at", "actor", "action", "entity", "entity_id", "before", "after")


def snapshot(obj: Initiative | Update | User) -> dict[str, Any]:
    """The audited fields of an object (never a password hash)."""
    if isinstance(obj, Initiative):
        return {"ref": obj.ref, "audience": obj.audience, "focus_area": obj.focus_area,
                "title": obj.title, "departments": list(obj.codes),
                "cross_cutting": obj.cross_cutting, "contact": obj.contact}
    if isinstance(obj, Update):
        return {"initiative": obj.initiative.ref, "year": obj.year, "state": obj.state,
                "status": obj.status, "period": obj.period, "key_figures": obj.key_figures,
                "description": obj.description, "comment": obj.comment}
    return {"name": obj.name, "role": obj.role, "department": obj.department,
            "active": obj.active}


def _json(value: Mapping[str, Any] | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def record(s: OrmSession, actor: str, action: str, entity: str, entity_id: object,
           before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> None:
    """Add one entry to the log, in the caller's transaction."""
    s.add(AuditEntry(at=now(), actor=actor, action=action, entity=entity,
                     entity_id=str(entity_id), before=_json(before), after=_json(after)))


def entries(s: OrmSession, limit: int | None = None) -> list[AuditEntry]:
    """The newest entries first."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(s.scalars(stmt))


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(s: OrmSession) -> str:
    """The whole log as CSV, oldest first."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(AUDIT_COLUMNS)
    for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        w.writerow([e.id, e.at.isoformat(timespec="seconds"), *(
            _cell(v) for v in (e.actor, e.action, e.entity, e.entity_id, e.before, e.after))])
    return out.getvalue()
