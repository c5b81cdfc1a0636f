"""Facts the sentences and the front-page summary state, read from the tables.

Targets are judged by the indicators (``target_met`` in the rows); this module
only counts and compares what the rows say. Changes between years are the
difference of the printed (rounded) values, so a reader can check them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ligestat.report.input import ReportInput, Row, Tables
from ligestat.report.numbers import pct_points, round_half_up

__all__ = [
    "LeaveFacts",
    "ManagerFacts",
    "SickDayFacts",
    "dept_rows",
    "is_suppressed",
    "leave_facts",
    "manager_facts",
    "sick_day_facts",
    "total_row",
]


def is_suppressed(row: Row, key: str) -> bool:
    return key in (row.get("suppressed") or ())


def dept_rows(inp: ReportInput, rows: Sequence[Row]) -> tuple[Row, ...]:
    """Rows of the departments shown in tables, in config order ("total" excluded)."""
    by_code = {r.get("department"): r for r in rows}
    return tuple(by_code[d.code] for d in inp.table_departments if d.code in by_code)


def total_row(rows: Sequence[Row]) -> Row | None:
    for r in rows:
        if r.get("department") == "total":
            return r
    return None


def _share(row: Row | None, key: str) -> float | None:
    if row is None or row.get(key) is None:
        return None
    return float(row[key])


def pp_change(now: float | None, before: float | None) -> int | None:
    """Change in whole percentage points between two shares, as printed."""
    if now is None or before is None:
        return None
    return pct_points(now) - pct_points(before)


@dataclass(frozen=True)
class ManagerFacts:
    met: tuple[str, ...]
    not_met: tuple[str, ...]
    unassessable: tuple[str, ...]  # groups of 0 or 1 managers
    hidden: tuple[str, ...]  # status suppressed
    over_women: tuple[str, ...]  # not met, women in majority
    over_men: tuple[str, ...]
    prev_met: int | None = None
    prev_assessable: int | None = None

    @property
    def assessable(self) -> int:
        return len(self.met) + len(self.not_met)


def _manager_counts(inp: ReportInput, rows: Sequence[Row], column: str) -> ManagerFacts:
    met: list[str] = []
    not_met: list[str] = []
    unass: list[str] = []
    hidden: list[str] = []
    ow: list[str] = []
    om: list[str] = []
    for r in dept_rows(inp, rows):
        code = str(r["department"])
        status = r.get(column)
        if is_suppressed(r, column):
            hidden.append(code)
        elif status is None:
            unass.append(code)
        elif status:
            met.append(code)
        else:
            not_met.append(code)
            w, m = _share(r, "women_share"), _share(r, "men_share")
            if w is not None and m is not None:
                (ow if w > m else om).append(code)
    return ManagerFacts(tuple(met), tuple(not_met), tuple(unass), tuple(hidden),
                        tuple(ow), tuple(om))


def manager_facts(inp: ReportInput, name: str, column: str = "target_met") -> ManagerFacts:
    """Departments meeting a balance target judged in ``column`` of table ``name``."""
    now = _manager_counts(inp, inp.tables.get(name, ()), column)
    prev_tables: Tables | None = inp.previous
    if prev_tables is not None and prev_tables.get(name):
        before = _manager_counts(inp, prev_tables[name], column)
        return ManagerFacts(now.met, now.not_met, now.unassessable, now.hidden, now.over_women,
                            now.over_men, len(before.met), before.assessable)
    return now


@dataclass(frozen=True)
class LeaveFacts:
    n: int | None
    shares: dict[str, float | None]  # ge11, ge17, ge24 → total share
    met: dict[str, tuple[str, ...]]  # ge11, ge17 → departments meeting the target
    not_met: dict[str, tuple[str, ...]]
    prev: dict[str, float | None]  # ge11, ge17 → last year's total share
    total_met: dict[str, bool | None]  # ge11, ge17 → the total row's target status
    hidden: dict[str, tuple[str, ...]] = field(default_factory=dict)  # status suppressed

    def change(self, key: str) -> int | None:
        return pp_change(self.shares.get(key), self.prev.get(key))


def leave_facts(inp: ReportInput, name: str) -> LeaveFacts:
    rows = inp.tables.get(name, ())
    total = total_row(rows)
    shares = {k: _share(total, f"{k}_share") for k in ("ge11", "ge17", "ge24")}
    met: dict[str, tuple[str, ...]] = {}
    not_met: dict[str, tuple[str, ...]] = {}
    hidden: dict[str, tuple[str, ...]] = {}
    for k in ("ge11", "ge17"):
        status = [(str(r["department"]), r.get(f"{k}_target_met"),
                   f"{k}_target_met" in (r.get("suppressed") or ())) for r in dept_rows(inp, rows)]
        met[k] = tuple(c for c, s, _ in status if s is True)
        not_met[k] = tuple(c for c, s, _ in status if s is False)
        hidden[k] = tuple(c for c, s, gone in status if s is None and gone)
    prev: dict[str, float | None] = {"ge11": None, "ge17": None}
    prev_total = total_row(inp.previous.get(name, ())) if inp.previous is not None else None
    if prev_total is not None:
        prev = {k: _share(prev_total, f"{k}_share") for k in prev}
    elif name == "fathers_leave":
        for r in inp.fathers_trend:
            if r.get("report_year") == inp.year - 1:
                prev = {k: _share(r, f"{k}_share") for k in prev}
    n = total.get("n") if total is not None else None
    total_met = {k: (total.get(f"{k}_target_met") if total is not None else None)
                 for k in ("ge11", "ge17")}
    return LeaveFacts(int(n) if n is not None else None, shares, met, not_met, prev, total_met,
                      hidden)


@dataclass(frozen=True)
class SickDayFacts:
    years: tuple[int, ...]  # every year in the table, ascending
    gap: dict[int, float | None]  # year → total gap in pp (signed, exact)
    total_met: bool | None  # latest year
    over: tuple[str, ...]  # departments above the target, latest year
    within: tuple[str, ...]

    @property
    def latest(self) -> int | None:
        return self.years[-1] if self.years else None

    def change(self, since: int) -> int | None:
        """Change of the size of the gap, in whole pp as printed, from ``since`` to latest."""
        last = self.latest
        if last is None or self.gap.get(last) is None or self.gap.get(since) is None:
            return None
        now, before = self.gap[last], self.gap[since]
        assert now is not None and before is not None
        return int(round_half_up(abs(now))) - int(round_half_up(abs(before)))


def sick_day_facts(inp: ReportInput) -> SickDayFacts:
    rows = inp.tables.get("child_sick_days", ())
    years = tuple(sorted({int(r["year"]) for r in rows}))
    gap: dict[int, float | None] = {}
    for y in years:
        total = total_row([r for r in rows if r["year"] == y])
        gap[y] = _share(total, "gap_pp")
    if not years:
        return SickDayFacts((), {}, None, (), ())
    latest_rows = [r for r in rows if r["year"] == years[-1]]
    total = total_row(latest_rows)
    status = [(str(r["department"]), r.get("target_met")) for r in dept_rows(inp, latest_rows)]
    return SickDayFacts(
        years, gap, total.get("target_met") if total is not None else None,
        tuple(c for c, s in status if s is False), tuple(c for c, s in status if s is True),
    )
