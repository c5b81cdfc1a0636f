"""Initiatives and their yearly updates: every read and change, authorised and audited.

The web views and the CLI call these functions and nothing below them. Each
function loads or changes objects only after ``policy.require`` has accepted
the account for that object, and logs every change in the caller's
transaction. Workflow of an update::

    draft ──submit──▶ submitted ──approve──▶ approved
      ▲                   │
      └──── edit ◀── returned (with the editor's comment)
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from ligestat.errors import NotFound, RegisterError
from ligestat.register.audit import record, snapshot
from ligestat.register.models import (
    AUDIENCES,
    STATUSES,
    Initiative,
    InitiativeDepartment,
    Update,
    User,
    now,
)
from ligestat.register.policy import readable, require

__all__ = [
    "InitiativeFields",
    "UpdateFields",
    "approve",
    "copy_forward",
    "create_initiative",
    "edit_initiative",
    "get_initiative",
    "get_update",
    "list_initiatives",
    "return_update",
    "review_queue",
    "save_update",
    "submit",
]

EDITABLE = {"coordinator": ("draft", "returned"), "editor": ("draft", "returned", "submitted")}


@dataclass(frozen=True)
class InitiativeFields:
    audience: str
    focus_area: str
    title: str
    departments: tuple[str, ...]  # the lead department first
    cross_cutting: bool = False
    contact: str = ""

    def check(self, known: tuple[str, ...]) -> None:
        if self.audience not in AUDIENCES:
            raise RegisterError(f"audience {self.audience!r}: choose {' or '.join(AUDIENCES)}",
                                key="err_audience", value=self.audience)
        for label, field, value, cap in (("title", "title", self.title, 300),
                                         ("focus area", "focus_area", self.focus_area, 200)):
            if not value.strip() or len(value) > cap:
                raise RegisterError(f"the {label} needs 1 to {cap} characters",
                                    key=f"err_{field}_length", cap=cap)
        if len(self.contact) > 200:
            raise RegisterError("the contact needs at most 200 characters",
                                key="err_contact_length", cap=200)
        if not self.departments:
            raise RegisterError("an initiative needs at least one department",
                                key="err_no_department")
        for code in self.departments:
            if code not in known:
                raise RegisterError(f"department {code!r} is not in the organisation config",
                                    key="err_unknown_department", code=code)


@dataclass(frozen=True)
class UpdateFields:
    status: str
    period: str = ""
    key_figures: str = ""
    description: str = ""  # Markdown

    def check(self) -> None:
        if self.status not in STATUSES:
            raise RegisterError(f"status {self.status!r}: choose one of {', '.join(STATUSES)}",
                                key="err_status", value=self.status)
        if len(self.period) > 200 or len(self.key_figures) > 2000:
            raise RegisterError("the period (200) or key figures (2000 characters) are too long",
                                key="err_period_length")
        if len(self.description) > 50_000:
            raise RegisterError("the description is longer than 50,000 characters",
                                key="err_description_length")


def list_initiatives(s: OrmSession, user: User) -> list[Initiative]:
    require(user, "initiative.list")
    stmt = readable(user, select(Initiative)).order_by(Initiative.audience,
                                                       Initiative.focus_area, Initiative.id)
    return list(s.scalars(stmt))


def get_initiative(s: OrmSession, user: User, initiative_id: int,
                   action: str = "initiative.read") -> Initiative:
    ini = s.get(Initiative, initiative_id)
    if ini is None:
        raise NotFound(f"no initiative {initiative_id}")
    require(user, action, ini)
    return ini


def get_update(s: OrmSession, user: User, initiative_id: int, year: int,
               action: str = "update.read") -> Update:
    ini = s.get(Initiative, initiative_id)
    upd = ini.update_for(year) if ini is not None else None
    if upd is None:
        raise NotFound(f"no {year} update of initiative {initiative_id}")
    require(user, action, upd)
    return upd


def _own_ref(s: OrmSession, ini: Initiative) -> str:
    """A new initiative's id in initiatives.csv: its database id, unless an import took it.

    Database ids come from a sequence, so concurrent creations never collide.
    """
    taken = set(s.scalars(select(Initiative.ref).where(
        Initiative.ref.in_([str(ini.id), f"{ini.id}-r"]), Initiative.id != ini.id)))
    return str(ini.id) if str(ini.id) not in taken else f"{ini.id}-r"


def _set_departments(ini: Initiative, codes: tuple[str, ...]) -> None:
    ini.departments = [InitiativeDepartment(department=c, position=i)
                       for i, c in enumerate(dict.fromkeys(codes))]


def create_initiative(s: OrmSession, user: User, fields: InitiativeFields,
                      known: tuple[str, ...], ref: str | None = None) -> Initiative:
    fields.check(known)
    require(user, "initiative.create", fields.departments[0])
    ini = Initiative(ref=ref or f"new-{secrets.token_hex(8)}", audience=fields.audience,
                     focus_area=fields.focus_area.strip(), title=fields.title.strip(),
                     cross_cutting=fields.cross_cutting, contact=fields.contact.strip(),
                     created_at=now())
    _set_departments(ini, fields.departments)
    s.add(ini)
    s.flush()
    if ref is None:
        ini.ref = _own_ref(s, ini)
        s.flush()
    record(s, user.name, "initiative.create", "initiative", ini.ref, None, snapshot(ini))
    return ini


def edit_initiative(s: OrmSession, user: User, ini: Initiative, fields: InitiativeFields,
                    known: tuple[str, ...]) -> None:
    require(user, "initiative.edit", ini)
    fields.check(known)
    if user.role == "coordinator" and user.department not in fields.departments:
        raise RegisterError("your own department must stay among the initiative's departments",
                            key="err_own_department")
    before = snapshot(ini)
    ini.audience, ini.focus_area, ini.title = (fields.audience, fields.focus_area.strip(),
                                               fields.title.strip())
    ini.cross_cutting, ini.contact = fields.cross_cutting, fields.contact.strip()
    if tuple(dict.fromkeys(fields.departments)) != ini.codes:
        for d in list(ini.departments):
            s.delete(d)
        s.flush()
        _set_departments(ini, fields.departments)
    s.flush()
    record(s, user.name, "initiative.edit", "initiative", ini.ref, before, snapshot(ini))


def _editable(user: User, upd: Update) -> None:
    require(user, "update.edit", upd)
    if upd.state not in EDITABLE.get(user.role, ()):
        raise RegisterError(f"the {upd.year} update is {upd.state} and cannot be edited now",
                            key="err_update_locked", year=upd.year, state=upd.state)


def save_update(s: OrmSession, user: User, ini: Initiative, year: int,
                fields: UpdateFields) -> Update:
    """Write the year's update (a new draft when there is none)."""
    fields.check()
    upd = ini.update_for(year)
    if upd is None:
        require(user, "initiative.edit", ini)
        upd = Update(initiative=ini, year=year, state="draft", status=fields.status,
                     comment="", updated_at=now(), updated_by=user.name)
        before = None
    else:
        _editable(user, upd)
        before = snapshot(upd)
    upd.status, upd.period = fields.status, fields.period.strip()
    upd.key_figures, upd.description = fields.key_figures.strip(), fields.description.strip()
    upd.updated_at, upd.updated_by = now(), user.name
    s.add(upd)
    s.flush()
    record(s, user.name, "update.save" if before else "update.create", "update",
           f"{ini.ref}/{year}", before, snapshot(upd))
    return upd


def copy_forward(s: OrmSession, user: User, ini: Initiative, year: int) -> Update:
    """A draft for ``year`` holding the latest earlier year's text and status."""
    require(user, "initiative.edit", ini)
    if ini.update_for(year) is not None:
        raise RegisterError(f"there is already a {year} update", key="err_update_exists",
                            year=year)
    earlier = [u for u in ini.updates if u.year < year]
    if not earlier:
        raise RegisterError(f"no update before {year} to copy", key="err_nothing_to_copy",
                            year=year)
    last = earlier[-1]
    return save_update(s, user, ini, year, UpdateFields(last.status, last.period,
                                                        last.key_figures, last.description))


def _transition(s: OrmSession, user: User, upd: Update, action: str, frm: tuple[str, ...],
                to: str, comment: str | None = None) -> None:
    require(user, "update.submit" if action == "update.submit" else "update.review", upd)
    if upd.state not in frm:
        raise RegisterError(f"the {upd.year} update is {upd.state}; it must be "
                            f"{' or '.join(frm)} for this", key="err_update_state",
                            year=upd.year, state=upd.state)
    before = snapshot(upd)
    upd.state, upd.updated_at, upd.updated_by = to, now(), user.name
    if comment is not None:
        upd.comment = comment
    s.flush()
    record(s, user.name, action, "update", f"{upd.initiative.ref}/{upd.year}", before,
           snapshot(upd))


def submit(s: OrmSession, user: User, upd: Update) -> None:
    _transition(s, user, upd, "update.submit", ("draft", "returned"), "submitted")


def return_update(s: OrmSession, user: User, upd: Update, comment: str) -> None:
    if not comment.strip():
        raise RegisterError("say in a comment what should change before returning the update",
                            key="err_return_comment")
    _transition(s, user, upd, "update.return", ("submitted",), "returned", comment.strip())


def approve(s: OrmSession, user: User, upd: Update) -> None:
    _transition(s, user, upd, "update.approve", ("submitted",), "approved", "")


def review_queue(s: OrmSession, user: User, year: int) -> list[Update]:
    require(user, "review.list")
    return list(s.scalars(select(Update).where(Update.year == year, Update.state == "submitted")
                          .order_by(Update.updated_at)))
