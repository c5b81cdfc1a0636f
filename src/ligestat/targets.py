"""Target kinds (måltal) and their judgement on exact values.

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

from fractions import Fraction

from ligestat.settings import Section, Setting, register_section, register_setting

__all__ = [
    "KINDS",
    "ROUNDINGS",
    "TARGETS_SECTION",
    "balance_sql",
    "max_gap_sql",
    "min_share_sql",
    "required_per_gender",
]

KINDS = ("balance", "min_share", "max_gap")
ROUNDINGS = ("ceil", "nearest", "eu")
TARGETS_SECTION = "targets"

register_section(Section(
    TARGETS_SECTION, "the targets (måltal) and how they are judged; every indicator's target "
    "adds its threshold here (docs/indicators.md)",
    "Groups of 0 or 1 managers, and shares of empty groups, are not assessable:\n"
    "their `target_met` is `null`. Targets are judged on exact values: 10.3 pp is more\n"
    "than 10 pp even though it prints as 10."))
register_setting(Setting(
    TARGETS_SECTION, "manager_rounding", "choice", "ceil",
    "how the minimum of a `balance` target becomes whole people: `ceil` (⌈0.4·n⌉, a group of "
    "three needs one of each), `nearest` (Danish statutory practice: nearest whole person), "
    "`eu` (nearest, not above 49 %, Directive (EU) 2022/2381)", choices=ROUNDINGS))
MANAGER_SCOPES = ("department", "organisation")
register_setting(Setting(
    TARGETS_SECTION, "manager_level_1_scope", "choice", "department",
    "where the level-1 (top management) target is judged: `department` (each department's "
    "top managers as a group) or `organisation` (all top managers as one group, as a small "
    "organisation whose departments have one or two top managers each does; the department "
    "rows are then not judged)", choices=MANAGER_SCOPES))


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
