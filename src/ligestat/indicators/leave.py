"""Fathers' and mothers' parental leave for a birth cohort, per department, and the trend."""

from __future__ import annotations

from ligestat.indicators.registry import Context, dept_frame, indicator
from ligestat.targets import min_share_sql

THRESHOLDS = (11, 17, 24)  # weeks; ge11 counts weeks_taken ≥ 11
TARGETED = {"man": ("fathers_leave_ge11", "fathers_leave_ge17"), "woman": ()}
COLUMNS = ("department", "n", *(f"ge{w}" for w in THRESHOLDS),
           *(f"ge{w}_share" for w in THRESHOLDS), "ge11_target_met", "ge17_target_met")


def _counts(alias: str) -> str:
    return ", ".join(f"count({alias}.weeks_taken) FILTER (WHERE {alias}.weeks_taken >= {w}) "
                     f"AS ge{w}" for w in THRESHOLDS)


def _shares() -> str:
    return ", ".join(f"CASE WHEN n > 0 THEN ge{w} / n END AS ge{w}_share" for w in THRESHOLDS)


def _leave_sql(ctx: Context, gender: str) -> str:
    targets = TARGETED[gender]
    flags = []
    for w in (11, 17):
        tid = f"fathers_leave_ge{w}"
        flags.append(f"{min_share_sql(f'ge{w}', 'n', ctx.target(tid))} AS ge{w}_target_met"
                     if tid in targets else f"CAST(NULL AS BOOLEAN) AS ge{w}_target_met")
    return f"""
    WITH leave AS (SELECT department, weeks_taken FROM parental_leave
                   WHERE gender = '{gender}'
                     AND child_birth_date BETWEEN DATE '{ctx.cohort_start}'
                                              AND DATE '{ctx.cohort_end}'),
    per AS (SELECT f.department, f.ord, count(l.weeks_taken) AS n, {_counts('l')}
            FROM {dept_frame(ctx.config)}
            LEFT JOIN leave l ON (f.department = 'total' OR l.department = f.department)
            GROUP BY ALL)
    SELECT department, n, {', '.join(f'ge{w}' for w in THRESHOLDS)}, {_shares()},
           {', '.join(flags)}
    FROM per ORDER BY ord"""


@indicator("fathers_leave", "Fathers (gender man) with a child in the cohort, per department: "
           "how many took at least 11, 17 and 24 weeks, with the 95 % and 60 % targets.", COLUMNS)
def fathers_leave(ctx: Context) -> str:
    return _leave_sql(ctx, "man")


@indicator("mothers_leave", "Mothers (gender woman) with a child in the cohort, per department: "
           "how many took at least 11, 17 and 24 weeks (no targets).", COLUMNS)
def mothers_leave(ctx: Context) -> str:
    return _leave_sql(ctx, "woman")


@indicator("fathers_leave_trend", "Fathers' leave for every birth-year cohort up to the year's "
           "cohort, all units together: the trend.",
           ("cohort", "report_year", "n", *(f"ge{w}" for w in THRESHOLDS),
            *(f"ge{w}_share" for w in THRESHOLDS)), contract=False)
def fathers_leave_trend(ctx: Context) -> str:
    return f"""
    WITH per AS (SELECT year(child_birth_date) AS cohort, count(*) AS n, {_counts('l')}
                 FROM parental_leave l WHERE gender = 'man'
                   AND child_birth_date <= DATE '{ctx.cohort_end}' GROUP BY 1)
    SELECT cohort, cohort + 2 AS report_year, n, {', '.join(f'ge{w}' for w in THRESHOLDS)},
           {_shares()}
    FROM per ORDER BY cohort"""
