"""Who may do what: the register's authorisation, in this one place.

Every web route names its action (``app.py`` checks that each one does), and
every object a route touches is loaded through ``ligestat.register.store``,
which calls ``require`` with the object. The rules are data: one entry per
action, a predicate over the account and the object.

Roles: a *coordinator* creates and edits their own department's initiatives
and submits their updates; an *editor* (the equality unit) reads, edits and
reviews every department's; a *viewer* reads approved text; an *admin*
manages accounts and reads everything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, exists, or_, select

from ligestat.errors import AccessDenied
from ligestat.register.models import Initiative, InitiativeDepartment, Update, User

__all__ = ["ACTIONS", "can", "readable", "require"]


def _staff(user: User) -> bool:
    return user.role in ("editor", "admin")


def _own(user: User, ini: Initiative) -> bool:
    return user.role == "coordinator" and user.department in ini.codes


def _read_update(user: User, upd: Update) -> bool:
    return upd.state == "approved" or _staff(user) or _own(user, upd.initiative)


def _read_initiative(user: User, ini: Initiative) -> bool:
    return (_staff(user) or _own(user, ini)
            or any(u.state == "approved" for u in ini.updates))


def _create(user: User, department: Any) -> bool:
    return user.role == "editor" or (user.role == "coordinator"
                                     and department == user.department)


def _edit(user: User, ini: Initiative) -> bool:
    return user.role == "editor" or _own(user, ini)


ACTIONS: dict[str, Callable[[User, Any], bool]] = {
    "initiative.list": lambda u, _o: True,
    "initiative.read": _read_initiative,
    "initiative.create": _create,  # the object is the lead department's code
    "initiative.edit": _edit,
    "update.read": _read_update,
    "update.edit": lambda u, upd: _edit(u, upd.initiative),
    "update.submit": lambda u, upd: _edit(u, upd.initiative),
    "update.review": lambda u, _o: u.role == "editor",
    "review.list": lambda u, _o: u.role == "editor",
    "audit.read": lambda u, _o: _staff(u),
    "register.export": lambda u, _o: _staff(u),
    "register.import": lambda u, _o: _staff(u),
    "user.manage": lambda u, _o: u.role == "admin",
    "targets.read": lambda u, _o: True,
    "account.self": lambda u, _o: True,  # log out, one's own session
}


def can(user: User | None, action: str, obj: Any = None) -> bool:
    """Whether ``user`` may do ``action`` (to ``obj``); unknown actions are refused."""
    if user is None or not user.active:
        return False
    rule = ACTIONS.get(action)
    return bool(rule and rule(user, obj))


def require(user: User | None, action: str, obj: Any = None) -> None:
    """Raise ``AccessDenied`` unless ``can(user, action, obj)``."""
    if not can(user, action, obj):
        who = user.name if user is not None else "anonymous"
        raise AccessDenied(f"{who} may not {action.replace('.', ' ')}")


def readable(user: User, stmt: Select[tuple[Initiative]]) -> Select[tuple[Initiative]]:
    """``stmt`` narrowed to the initiatives ``initiative.read`` allows (the same rule, in SQL)."""
    if _staff(user):
        return stmt
    approved = exists(select(Update.id).where(Update.initiative_id == Initiative.id,
                                              Update.state == "approved"))
    if user.role != "coordinator":
        return stmt.where(approved)
    own = exists(select(InitiativeDepartment.initiative_id).where(
        InitiativeDepartment.initiative_id == Initiative.id,
        InitiativeDepartment.department == user.department))
    return stmt.where(or_(own, approved))
