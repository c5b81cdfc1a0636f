"""The indicator registry: each indicator is a name, a help text, its row keys and
a function that writes its SQL for a report year (``Context``).

A new indicator is one small definition registered with ``@indicator``; the
built-in ones register exactly so (``staff``, ``managers``, ``leave``,
``sick_days``, ``population``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from ligestat.config import Config
from ligestat.targets import TARGETS, target_value

__all__ = ["REGISTRY", "Context", "Indicator", "dept_frame", "indicator", "sql_list"]


@dataclass(frozen=True)
class Context:
    """Everything an indicator's SQL may depend on."""

    year: int
    config: Config
    snapshot_date: date | None  # the staff snapshot for the year (None: not needed)
    cohort_start: date
    cohort_end: date
    pay_year: int = 0  # pay.csv's year the pay tables read (report year − 1 by default)

    def target(self, target_id: str) -> Fraction:
        return target_value(next(t for t in TARGETS if t.id == target_id), self.config)

    @property
    def staff_filter(self) -> str:
        types = sql_list(self.config.staff_employment_types)
        return f"snapshot_date = DATE '{self.snapshot_date}' AND employment_type IN {types}"


@dataclass(frozen=True)
class Indicator:
    name: str
    help: str
    columns: tuple[str, ...]  # row keys, in order
    sql: Callable[[Context], str]
    contract: bool = True  # part of CONTRACT.md §3's output
    needs_snapshot: bool = False
    # optional tables (pay): computed only when ``present(con, ctx)`` holds
    present: Callable[[Any, Context], bool] | None = None
    # a last step on the fetched rows (pay: exact judgement near a threshold)
    finish: Callable[[Any, Context, list[dict[str, Any]]], list[dict[str, Any]]] | None = None


REGISTRY: dict[str, Indicator] = {}


def indicator(name: str, help: str, columns: tuple[str, ...], *, contract: bool = True,
              needs_snapshot: bool = False, present: Callable[[Any, Context], bool] | None = None,
              finish: Callable[[Any, Context, list[dict[str, Any]]], list[dict[str, Any]]]
              | None = None) -> Callable[[Callable[[Context], str]], Callable[[Context], str]]:
    """Register the decorated SQL builder as indicator ``name``."""

    def register(build: Callable[[Context], str]) -> Callable[[Context], str]:
        if name in REGISTRY:
            raise ValueError(f"indicator {name!r} registered twice")
        REGISTRY[name] = Indicator(name, help, columns, build, contract, needs_snapshot,
                                   present, finish)
        return build

    return register


def sql_list(values: tuple[str, ...] | list[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def dept_frame(config: Config) -> str:
    """SQL VALUES of the table departments in config order, then 'total' last.

    Join data rows with ``ON (f.department = 'total' OR d.department = f.department)``
    so the total counts every unit, also those with ``in_tables = false``.
    """
    rows = [f"('{d.code.replace(chr(39), chr(39) * 2)}', {i})"
            for i, d in enumerate(config.table_departments)]
    rows.append(f"('total', {len(rows)})")
    return f"(VALUES {', '.join(rows)}) AS f(department, ord)"
