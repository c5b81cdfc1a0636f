"""Hand-built contract tables for the disclosure tests."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

import pytest

from ligestat.config import Config, parse_config

Row = dict[str, Any]


def make_config(departments: Sequence[str], hidden: Sequence[str] = (),
                disclosure: str = "") -> Config:
    """A config with ``departments`` shown in tables and ``hidden`` counted in totals only."""
    lines = ['organisation = "Testkommune"']
    for code in departments:
        lines += [f"[departments.{code}]", f'name = "{code}"']
    for code in hidden:
        lines += [f"[departments.{code}]", f'name = "{code}"', "in_tables = false"]
    return parse_config("\n".join(lines) + "\n" + disclosure)


def leave_row(department: str, n: int, ge11: int, ge17: int, ge24: int) -> Row:
    """A fathers_leave row as CONTRACT.md §3 shapes it."""
    def share(x: int) -> float | None:
        return x / n if n else None
    s11, s17 = share(ge11), share(ge17)
    return {"department": department, "n": n, "ge11": ge11, "ge17": ge17, "ge24": ge24,
            "ge11_share": s11, "ge17_share": s17, "ge24_share": share(ge24),
            "ge11_target_met": None if s11 is None else s11 >= 0.95,
            "ge17_target_met": None if s17 is None else s17 >= 0.60}


def leave_table(rows: dict[str, tuple[int, int, int, int]],
                hidden: tuple[int, int, int, int] | None = None) -> list[Row]:
    """Department rows plus a "total" row (which also counts ``hidden``)."""
    out = [leave_row(d, *v) for d, v in rows.items()]
    extra = hidden or (0, 0, 0, 0)
    totals = [sum(v[k] for v in rows.values()) + extra[k] for k in range(4)]
    out.append(leave_row("total", *totals))
    return out


def sick_row(year: int, department: str, we: int, wt: int, me: int, mt: int) -> Row:
    ws = wt / we if we else None
    ms = mt / me if me else None
    gap = None if ws is None or ms is None else 100 * (ws - ms)
    return {"year": year, "department": department, "women_entitled": we, "women_took": wt,
            "women_share": ws, "men_entitled": me, "men_took": mt, "men_share": ms,
            "gap_pp": gap, "target_met": None if gap is None else abs(gap) <= 10}


def sick_table(year: int, rows: dict[str, tuple[int, int, int, int]]) -> list[Row]:
    out = [sick_row(year, d, *v) for d, v in rows.items()]
    out.append(sick_row(year, "total", *(sum(v[k] for v in rows.values()) for k in range(4))))
    return out


def manager_row(department: str, women: int, men: int, other: int) -> Row:
    total = women + men + other
    return {"department": department, "women": women, "men": men, "other": other,
            "total": total, "women_share": women / total if total else None,
            "men_share": men / total if total else None,
            "target_met": None if total < 2 else min(women, men) >= 0.4 * total}


@pytest.fixture
def tb() -> SimpleNamespace:
    """The table builders above, for test modules (conftest is not importable)."""
    return SimpleNamespace(make_config=make_config, leave_row=leave_row,
                           leave_table=leave_table, sick_row=sick_row, sick_table=sick_table,
                           manager_row=manager_row)
