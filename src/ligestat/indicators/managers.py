"""Managers at level 1 (top management) and level 2 per department, with the 40/60 target."""

from __future__ import annotations

from ligestat.indicators.registry import Selection, Target, dept_frame, indicator, sql_list
from ligestat.indicators.shape import gender_split
from ligestat.targets import balance_sql

COLUMNS = ("department", "women", "men", "other", "total", "women_share", "men_share",
           "target_met")
SHAPE = gender_split("managers", by_department=True, judged=("target_met",))


def _target(level: int, help: str) -> Target:
    return Target(f"managers_level_{level}", "balance", "target_met", "manager_min_share", 0.40,
                  help, setting_help="each gender's minimum share of a manager group (40/60)",
                  goal="goal_managers")


def _level_condition(sel: Selection, level: int) -> str:
    cond = [f"manager_level = {level}"]
    if level == 2:
        for d in sel.config.departments:
            if d.level_2_includes:
                levels = ", ".join(str(x) for x in d.level_2_includes)
                cond.append(f"(department = {sql_list([d.code])[1:-1]} "
                            f"AND manager_level IN ({levels}))")
    return "(" + " OR ".join(cond) + ")"


def _managers_sql(sel: Selection, level: int) -> str:
    judged = balance_sql("women", "men", "total", sel.target(f"managers_level_{level}"),
                         sel.config.targets.manager_rounding)
    if level == 1 and sel.config.targets.manager_level_1_scope == "organisation":
        judged = f"CASE WHEN department = 'total' THEN {judged} END"  # one group: the whole
    return f"""
    WITH grp AS (SELECT department,
                        count(*) FILTER (WHERE gender = 'woman') AS women,
                        count(*) FILTER (WHERE gender = 'man') AS men,
                        count(*) FILTER (WHERE gender = 'other') AS other, count(*) AS total
                 FROM employees WHERE {sel.staff_filter} AND {_level_condition(sel, level)}
                 GROUP BY department),
    per AS (  -- the frame (with its total) joins the counts per department, not every row
      SELECT f.department, f.ord,
             CAST(coalesce(sum(d.women), 0) AS BIGINT) AS women,
             CAST(coalesce(sum(d.men), 0) AS BIGINT) AS men,
             CAST(coalesce(sum(d.other), 0) AS BIGINT) AS other,
             CAST(coalesce(sum(d.total), 0) AS BIGINT) AS total
      FROM {dept_frame(sel.config)}
      LEFT JOIN grp d ON (f.department = 'total' OR d.department = f.department)
      GROUP BY ALL)
    SELECT department, women, men, other, total,
           CASE WHEN total > 0 THEN women / total END AS women_share,
           CASE WHEN total > 0 THEN men / total END AS men_share,
           {judged} AS target_met
    FROM per ORDER BY ord"""


@indicator("managers_level_1", "Top managers (level 1) per department by gender, with the "
           "40/60 target.", COLUMNS, keys=("department",), disclosure=SHAPE,
           targets=(_target(1, "each gender at least 40 % of top management (level 1) per "
                               "department"),),
           needs_snapshot=True)
def managers_level_1(sel: Selection) -> str:
    return _managers_sql(sel, 1)


@indicator("managers_level_2", "Level-2 managers per department by gender (with the levels a "
           "department counts as level 2), with the 40/60 target.", COLUMNS,
           keys=("department",), disclosure=SHAPE,
           targets=(_target(2, "each gender at least 40 % of level-2 managers per department"),),
           needs_snapshot=True)
def managers_level_2(sel: Selection) -> str:
    return _managers_sql(sel, 2)
