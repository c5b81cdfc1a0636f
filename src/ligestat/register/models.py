"""The register's tables (SQLAlchemy 2): accounts, sessions, initiatives, yearly updates, audit.

The schema itself is created and changed only by the Alembic migrations in
``migrations/``; these classes describe it for queries. Keep the two in step
(``tests/register/test_migrations.py`` compares them).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "AUDIENCES",
    "ROLES",
    "STATES",
    "STATUSES",
    "AuditEntry",
    "Base",
    "Initiative",
    "InitiativeDepartment",
    "LoginAttempt",
    "Session",
    "Update",
    "User",
    "now",
]

ROLES = ("coordinator", "editor", "viewer", "admin")
AUDIENCES = ("citizens", "staff")
STATUSES = ("planned", "ongoing", "completed", "paused")
STATES = ("draft", "submitted", "approved", "returned")


def now() -> datetime:
    """The current time in UTC, without tzinfo (stored the same on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    department: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class Session(Base):
    """A login: the cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[User] = relationship(lazy="joined")


class LoginAttempt(Base):
    """Failed logins, counted per account name for throttling."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime, default=now, index=True)


class Initiative(Base):
    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True)  # initiatives.csv's id
    audience: Mapped[str] = mapped_column(String(20))
    focus_area: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    cross_cutting: Mapped[bool] = mapped_column(Boolean, default=False)
    contact: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    departments: Mapped[list[InitiativeDepartment]] = relationship(
        order_by="InitiativeDepartment.position", cascade="all, delete-orphan", lazy="selectin")
    updates: Mapped[list[Update]] = relationship(
        order_by="Update.year", cascade="all, delete-orphan", lazy="selectin",
        back_populates="initiative")

    @property
    def codes(self) -> tuple[str, ...]:
        """Department codes, the lead department first."""
        return tuple(d.department for d in self.departments)

    def update_for(self, year: int) -> Update | None:
        return next((u for u in self.updates if u.year == year), None)


class InitiativeDepartment(Base):
    __tablename__ = "initiative_departments"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True)
    department: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Update(Base):
    """One report year's text and status of an initiative, with its workflow state."""

    __tablename__ = "updates"
    __table_args__ = (UniqueConstraint("initiative_id", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    status: Mapped[str] = mapped_column(String(20))
    period: Mapped[str] = mapped_column(String(200), default="")
    key_figures: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    comment: Mapped[str] = mapped_column(Text, default="")  # the editor's comment on return
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_by: Mapped[str] = mapped_column(String(80), default="")
    initiative: Mapped[Initiative] = relationship(back_populates="updates", lazy="joined")


class AuditEntry(Base):
    """One change: who, when, what, before and after (JSON). Append-only (see migrations)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=now)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
