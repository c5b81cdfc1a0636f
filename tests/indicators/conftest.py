"""Fixtures of the indicator tests."""

from __future__ import annotations

from typing import Any

import pytest


class Counting:
    """A connection that counts the statements it executes."""

    def __init__(self, con: Any) -> None:
        self.con, self.executed = con, 0

    def execute(self, sql: str, *args: Any) -> Any:
        self.executed += 1
        return self.con.execute(sql, *args)


@pytest.fixture
def counting() -> type[Counting]:
    """Wrap a connection to count the statements run through it."""
    return Counting
