"""Fathers' and mothers' parental leave for a birth cohort, per department, and the trend."""

from __future__ import annotations

from ligestat.indicators.registry import Selection, Target, dept_frame, indicator
from ligestat.indicators.shape import Link, Shape, ShareDef
from ligestat.targets import min_share_sql

THRESHOLDS = (11, 17, 24)  # weeks; ge11 counts weeks_taken ≥ 11
TARGETED = {"man": ("fathers_leave_ge11", "fathers_leave_ge17"), "woman": ()}
COLUMNS = ("department", "n", *(f"ge{w}" for w in THRESHOLDS),
           *(f"ge{w}_share" for w in THRESHOLDS), "ge11_target_met", "ge17_target_met")


TARGETS = (
    Target("fathers_leave_ge11", "min_share", "ge11_target_met", "fathers_leave_ge11_min_share",
           0.95, "at least 95 % of fathers take their earmarked leave (≥ 11 weeks)",
           setting_help="share of fathers taking at least 11 weeks", value="ge11_share",
           label="target_fathers_ge11", goal="goal_share"),
    Target("fathers_leave_ge17", "min_share", "ge17_target_met", "fathers_leave_ge17_min_share",
           0.60, "at least 60 % of fathers take a more equal part of the leave (≥ 17 weeks)",
           setting_help="share of fathers taking at least 17 weeks", value="ge17_share",
           label="target_fathers_ge17", goal="goal_share"),
)


def _shape(*, by_department: bool, links: tuple[Link, ...] = (), period_key: str = "",
           same_as: tuple[str, tuple[tuple[str, str], ...]] | None = None) -> Shape:
    """Parental leave: n people, of whom ge11 took ≥ 11 weeks, ge17 ≥ 17, ge24 ≥ 24."""
    return Shape(
        kind="sensitive",
        counts=("n", "ge11", "ge17", "ge24"),
        shares=tuple(ShareDef(f"{k}_share", (k,), ("n",)) for k in ("ge11", "ge17", "ge24")),
        derived=tuple((f"{k}_target_met", (f"{k}_share",)) for k in ("ge11", "ge17", "ge24")),
        chains=(("ge24", "ge17", "ge11", "n"),),
        by_department=by_department,
        links=links,
        period="cohort",  # the year's cohort, or the row's own (the trend)
        period_key=period_key,
        same_as=same_as,
    )


def _counts(alias: str) -> str:
    return ", ".join(f"count({alias}.weeks_taken) FILTER (WHERE {alias}.weeks_taken >= {w}) "
                     f"AS ge{w}" for w in THRESHOLDS)


def _shares() -> str:
    return ", ".join(f"CASE WHEN n > 0 THEN ge{w} / n END AS ge{w}_share" for w in THRESHOLDS)


def _leave_sql(sel: Selection, gender: str) -> str:
    targets = TARGETED[gender]
    flags = []
    for w in (11, 17):
        tid = f"fathers_leave_ge{w}"
        flags.append(f"{min_share_sql(f'ge{w}', 'n', sel.target(tid))} AS ge{w}_target_met"
                     if tid in targets else f"CAST(NULL AS BOOLEAN) AS ge{w}_target_met")
    return f"""
    WITH leave AS (SELECT department, weeks_taken FROM parental_leave
                   WHERE gender = '{gender}'
                     AND child_birth_date BETWEEN DATE '{sel.cohort_start}'
                                              AND DATE '{sel.cohort_end}'),
    per AS (SELECT f.department, f.ord, count(l.weeks_taken) AS n, {_counts('l')}
            FROM {dept_frame(sel.config)}
            LEFT JOIN leave l ON (f.department = 'total' OR l.department = f.department)
            GROUP BY ALL)
    SELECT department, n, {', '.join(f'ge{w}' for w in THRESHOLDS)}, {_shares()},
           {', '.join(flags)}
    FROM per ORDER BY ord"""


@indicator("fathers_leave", "Fathers (gender man) with a child in the cohort, per department: "
           "how many took at least 11, 17 and 24 weeks, with the 95 % and 60 % targets.", COLUMNS,
           keys=("department",), disclosure=_shape(by_department=True), targets=TARGETS,
           history="fathers_leave_trend")
def fathers_leave(sel: Selection) -> str:
    return _leave_sql(sel, "man")


@indicator("mothers_leave", "Mothers (gender woman) with a child in the cohort, per department: "
           "how many took at least 11, 17 and 24 weeks (no targets).", COLUMNS,
           keys=("department",), disclosure=_shape(by_department=True))
def mothers_leave(sel: Selection) -> str:
    return _leave_sql(sel, "woman")


@indicator("fathers_leave_trend", "Fathers' leave for every birth-year cohort up to the year's "
           "cohort, all units together: the trend.",
           ("cohort", "report_year", "n", *(f"ge{w}" for w in THRESHOLDS),
            *(f"ge{w}_share" for w in THRESHOLDS)), keys=("cohort", "report_year"),
           # the trend's latest cohort is the fathers_leave cohort, all units together
           disclosure=_shape(by_department=False, links=tuple(
               Link("fathers_leave", (("department", "total"),), k, "fathers_leave_trend", (), k,
                    last_b=True) for k in ("n", "ge11", "ge17", "ge24")),
               # every cohort's row is that cohort's fathers_leave total, in any report
               period_key="cohort", same_as=("fathers_leave", (("department", "total"),))),
           contract=False)
def fathers_leave_trend(sel: Selection) -> str:
    return f"""
    WITH per AS (SELECT year(child_birth_date) AS cohort, count(*) AS n, {_counts('l')}
                 FROM parental_leave l WHERE gender = 'man'
                   AND child_birth_date <= DATE '{sel.cohort_end}' GROUP BY 1)
    SELECT cohort, cohort + 2 AS report_year, n, {', '.join(f'ge{w}' for w in THRESHOLDS)},
           {_shares()}
    FROM per ORDER BY cohort"""
