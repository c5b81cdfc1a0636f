"""Accounts and logins: argon2 password hashes, expiring sessions, CSRF tokens, throttling.

A session is a random token in a cookie; the database stores only its SHA-256
and the session's CSRF token, so a stolen database copy opens no session.
After ``MAX_FAILURES`` wrong passwords for one account name (or
``MAX_CLIENT_FAILURES`` from one client) within ``WINDOW``, further logins are
refused with ``Throttled`` until the window has passed, right password or not.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.orm import Session as OrmSession

from ligestat.errors import AccessDenied, RegisterError, Throttled
from ligestat.register.audit import record, snapshot
from ligestat.register.db import Database
from ligestat.register.models import ROLES, LoginAttempt, Session, User, now

__all__ = [
    "MAX_FAILURES",
    "SESSION_HOURS",
    "WINDOW",
    "Login",
    "create_user",
    "generate_password",
    "hash_password",
    "log_in",
    "log_out",
    "session_for",
    "set_role",
]

MAX_FAILURES = 5
MAX_CLIENT_FAILURES = 30
WINDOW = timedelta(minutes=15)
SESSION_HOURS = 8
MIN_PASSWORD = 12

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise RegisterError(f"a password needs at least {MIN_PASSWORD} characters",
                            key="err_password_length", cap=MIN_PASSWORD)
    return _hasher.hash(password)


def generate_password() -> str:
    """A random password of 20 URL-safe characters (about 120 bits)."""
    return secrets.token_urlsafe(15)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_department(role: str, department: str | None, departments: tuple[str, ...]) -> None:
    if role not in ROLES:
        raise RegisterError(f"{role!r}: the role must be one of {', '.join(ROLES)}")
    if role == "coordinator" and not department:
        raise RegisterError("a coordinator needs a department (--department CODE)")
    if department and department not in departments:
        raise RegisterError(f"{department!r}: not a department of the organisation config "
                            f"(known: {', '.join(departments)})")


def create_user(s: OrmSession, actor: str, name: str, role: str, department: str | None,
                password: str, departments: tuple[str, ...]) -> User:
    """A new account, logged in the audit log (the password is never logged)."""
    name = name.strip()
    if not name or len(name) > 80:
        raise RegisterError("an account name needs 1 to 80 characters", key="err_name_length")
    _check_department(role, department, departments)
    if s.scalar(select(User.id).where(User.name == name)) is not None:
        raise RegisterError(f"{name!r}: an account with this name exists already",
                            key="err_name_taken", name=name)
    user = User(name=name, role=role, department=department or None,
                password_hash=hash_password(password), active=True, created_at=now())
    s.add(user)
    s.flush()
    record(s, actor, "user.create", "user", user.id, None, snapshot(user))
    return user


def set_role(s: OrmSession, actor: User, user: User, role: str, department: str | None,
             departments: tuple[str, ...]) -> None:
    """Change an account's role and department (admins only; checked by the caller's route)."""
    if actor.id == user.id:
        raise AccessDenied("an account cannot change its own role")
    _check_department(role, department, departments)
    before = snapshot(user)
    user.role, user.department = role, department or None
    record(s, actor.name, "user.role", "user", user.id, before, snapshot(user))


@dataclass(frozen=True)
class Login:
    token: str  # goes into the cookie
    csrf: str
    user: User
    expires_in: int  # seconds


def _failures(s: OrmSession, column: InstrumentedAttribute[str], value: str) -> int:
    since = now() - WINDOW
    stmt = select(func.count()).select_from(LoginAttempt).where(column == value,
                                                                 LoginAttempt.at >= since)
    return int(s.scalar(stmt) or 0)


def log_in(db: Database, name: str, password: str, client: str,
           hours: float = SESSION_HOURS) -> Login:
    """A new session for the account, or ``Throttled`` / ``RegisterError`` (wrong login)."""
    name = name.strip()[:80]
    with db.read() as s:
        if (_failures(s, LoginAttempt.name, name) >= MAX_FAILURES
                or _failures(s, LoginAttempt.client, client) >= MAX_CLIENT_FAILURES):
            raise Throttled("too many failed logins; wait 15 minutes and try again")
        user = s.scalar(select(User).where(User.name == name))
        stored = user.password_hash if user is not None and user.active else _DUMMY
    try:
        ok = _hasher.verify(stored, password) and user is not None and user.active
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None:
        with db.write() as s:
            s.add(LoginAttempt(name=name, client=client[:64], at=now()))
        raise RegisterError("wrong account name or password")
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with db.write() as s:
        s.execute(delete(LoginAttempt).where(LoginAttempt.name == name))
        s.execute(delete(Session).where(Session.expires_at < now()))
        s.add(Session(token_hash=_digest(token), user_id=user.id, csrf=csrf, created_at=now(),
                      expires_at=now() + timedelta(hours=hours)))
    return Login(token, csrf, user, int(hours * 3600))


def session_for(s: OrmSession, token: str | None) -> Session | None:
    """The live session of a cookie's token (``None``: none, expired or account disabled)."""
    if not token:
        return None
    sess = s.get(Session, _digest(token))
    if sess is None or sess.expires_at <= now() or not sess.user.active:
        return None
    return sess


def log_out(db: Database, token: str) -> None:
    with db.write() as s:
        s.execute(delete(Session).where(Session.token_hash == _digest(token)))
