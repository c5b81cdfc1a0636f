"""Targets (måltal) as data, and their judgement on exact values.

Three kinds of target:

- ``balance``: a group of managers is balanced when both women and men number at
  least ``required_per_gender(n)``; groups of 0 or 1 are not assessable.
- ``min_share``: a share (count / n) at least a minimum, e.g. fathers' leave ≥ 95 %.
- ``max_gap``: the absolute gap in percentage points between two shares at most a
  maximum, e.g. children's sick days ≤ 10 pp.

Judgement is done in exact integer arithmetic (shares as fractions), in SQL inside
DuckDB; ``required_per_gender`` is the same rule in Python for texts and tests.

Rounding of the balance rule (``[targets] manager_rounding``):

- ``ceil`` (the contract's default): ``ceil(0.4 × n)``, except that a group of three
  needs one of each.
- ``nearest``: 0.4 × n rounded half up to the nearest whole person (Danish
  statutory practice).
- ``eu``: the nearest whole person, but not above 49 % of the group (Directive (EU)
  2022/2381, art. 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ligestat.config import ROUNDINGS, Config

__all__ = [
    "TARGETS",
    "Target",
    "balance_sql",
    "max_gap_sql",
    "min_share_sql",
    "required_per_gender",
    "target_value",
]


@dataclass(frozen=True)
class Target:
    id: str
    kind: str  # balance | min_share | max_gap
    indicator: str  # the table it is judged in
    column: str  # the row key holding the judgement
    setting: str  # the Targets field (config [targets]) holding its threshold
    help: str


TARGETS: tuple[Target, ...] = (
    Target("managers_level_1", "balance", "managers_level_1", "target_met", "manager_min_share",
           "each gender at least 40 % of top management (level 1) per department"),
    Target("managers_level_2", "balance", "managers_level_2", "target_met", "manager_min_share",
           "each gender at least 40 % of level-2 managers per department"),
    Target("fathers_leave_ge11", "min_share", "fathers_leave", "ge11_target_met",
           "fathers_leave_ge11_min_share",
           "at least 95 % of fathers take their earmarked leave (≥ 11 weeks)"),
    Target("fathers_leave_ge17", "min_share", "fathers_leave", "ge17_target_met",
           "fathers_leave_ge17_min_share",
           "at least 60 % of fathers take a more equal part of the leave (≥ 17 weeks)"),
    Target("child_sick_days_gap", "max_gap", "child_sick_days", "target_met",
           "child_sick_days_max_gap_pp",
           "at most 10 percentage points between women's and men's shares taking "
           "children's sick days"),
)


def target_value(target: Target, config: Config) -> Fraction:
    """The target's threshold from the config, as an exact fraction."""
    value = getattr(config.targets, target.setting)
    return Fraction(str(value))


def required_per_gender(n: int, min_share: Fraction, rounding: str = "ceil") -> int | None:
    """How many of each gender a group of ``n`` needs to be balanced; None if not assessable."""
    if rounding not in ROUNDINGS:
        raise ValueError(f"unknown rounding {rounding!r}")
    if n <= 1:
        return None
    p, q = min_share.numerator, min_share.denominator
    nearest = (2 * p * n + q) // (2 * q)
    if rounding == "ceil":
        return 1 if n == 3 else (p * n + q - 1) // q
    if rounding == "nearest":
        return nearest
    return nearest - 1 if 100 * nearest > 49 * n else nearest


def _required_sql(n: str, min_share: Fraction, rounding: str) -> str:
    p, q = min_share.numerator, min_share.denominator
    nearest = f"(((2 * {p}) * {n} + {q}) // (2 * {q}))"
    if rounding == "ceil":
        return f"(CASE WHEN {n} = 3 THEN 1 ELSE ({p} * {n} + {q} - 1) // {q} END)"
    if rounding == "nearest":
        return nearest
    return f"(CASE WHEN 100 * {nearest} > 49 * {n} THEN {nearest} - 1 ELSE {nearest} END)"


def balance_sql(women: str, men: str, n: str, min_share: Fraction, rounding: str) -> str:
    """SQL judging a manager group: NULL when n ≤ 1."""
    req = _required_sql(n, min_share, rounding)
    return f"(CASE WHEN {n} <= 1 THEN NULL ELSE ({women} >= {req} AND {men} >= {req}) END)"


def min_share_sql(count: str, n: str, min_share: Fraction) -> str:
    """SQL: count / n ≥ min_share, exactly; NULL when n = 0."""
    p, q = min_share.numerator, min_share.denominator
    return (f"(CASE WHEN {n} = 0 THEN NULL "
            f"ELSE CAST({count} AS HUGEINT) * {q} >= CAST({n} AS HUGEINT) * {p} END)")


def max_gap_sql(a: str, an: str, b: str, bn: str, max_gap_pp: Fraction) -> str:
    """SQL: |100·(a/an − b/bn)| ≤ max_gap_pp, exactly; NULL when a denominator is 0."""
    p, q = max_gap_pp.numerator, max_gap_pp.denominator
    diff = f"abs(CAST({a} AS HUGEINT) * {bn} - CAST({b} AS HUGEINT) * {an})"
    return (f"(CASE WHEN {an} = 0 OR {bn} = 0 THEN NULL "
            f"ELSE {diff} * 100 * {q} <= CAST({an} AS HUGEINT) * {bn} * {p} END)")
