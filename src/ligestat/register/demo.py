"""``make demo``'s register: the demo data's initiatives, approved, and three example accounts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ligestat.register.auth import create_user, generate_password
from ligestat.register.db import Database
from ligestat.register.exchange import import_csv
from ligestat.register.models import User

__all__ = ["CLI_ACTOR", "DemoAccount", "cli_actor", "seed_demo"]

CLI_ACTOR = "ligestat-cli"


def cli_actor(role: str = "editor") -> User:
    """The account the command line acts as (it has the database itself, so full rights)."""
    return User(id=0, name=CLI_ACTOR, role=role, department=None, active=True)


@dataclass(frozen=True)
class DemoAccount:
    name: str
    role: str
    department: str | None
    password: str


def seed_demo(db: Database, initiatives: Path, year: int,
              departments: tuple[str, ...]) -> tuple[int, list[DemoAccount]]:
    """Import ``initiatives`` as approved ``year`` updates and create three example accounts.

    The coordinator belongs to the department of the first initiative. Passwords
    are generated here and returned (printed by the CLI, never stored in clear).
    """
    with db.write() as s:
        n = import_csv(s, cli_actor(), initiatives, year, departments)
    with db.read() as s:
        from sqlalchemy import select

        from ligestat.register.models import Initiative

        first = s.scalars(select(Initiative).order_by(Initiative.id)).first()
        dept = first.codes[0] if first is not None else departments[0]
        taken = set(s.scalars(select(User.name)))
    accounts = []
    for name, role, d in (("koordinator", "coordinator", dept), ("redaktoer", "editor", None),
                          ("admin", "admin", None)):
        if name in taken:
            continue
        acc = DemoAccount(name, role, d, generate_password())
        with db.write() as s:
            create_user(s, CLI_ACTOR, acc.name, acc.role, acc.department, acc.password,
                        departments)
        accounts.append(acc)
    return n, accounts
