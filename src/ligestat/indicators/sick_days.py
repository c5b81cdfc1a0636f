"""Children's sick days: shares of entitled women and men who took any, and the gap."""

from __future__ import annotations

from ligestat.indicators.registry import Selection, Target, dept_frame_by_year, indicator
from ligestat.indicators.shape import Shape, ShareDef
from ligestat.targets import max_gap_sql

COLUMNS = ("year", "department", "women_entitled", "women_took", "women_share",
           "men_entitled", "men_took", "men_share", "gap_pp", "target_met")


@indicator("child_sick_days", "Employees entitled to children's sick days who took at least "
           "one, by gender, per department and year up to the year before; the gap in "
           "percentage points with its ≤ 10 pp target.", COLUMNS, keys=("year", "department"),
           disclosure=Shape(
               kind="sensitive",
               counts=("women_entitled", "women_took", "men_entitled", "men_took"),
               shares=(ShareDef("women_share", ("women_took",), ("women_entitled",)),
                       ShareDef("men_share", ("men_took",), ("men_entitled",))),
               derived=(("gap_pp", ("women_share", "men_share")), ("target_met", ("gap_pp",))),
               chains=(("women_took", "women_entitled"), ("men_took", "men_entitled")),
               by_department=True,
               group_keys=("year",),
               period="year", period_key="year"),
           targets=(Target(
               "child_sick_days_gap", "max_gap", "target_met", "child_sick_days_max_gap_pp", 10.0,
               "at most 10 percentage points between women's and men's shares taking "
               "children's sick days",
               setting_help="largest gap, in percentage points, between women's and men's "
               "shares taking children's sick days",
               value="gap_pp", period="year", label="target_sick_days", goal="goal_gap"),))
def child_sick_days(sel: Selection) -> str:
    judged = max_gap_sql("women_took", "women_entitled", "men_took", "men_entitled",
                         sel.target("child_sick_days_gap"))
    # counted per year, department, gender and whether any day was taken first (a grouping,
    # not a filter per row); the frame's join (with its total) then reads those counts
    return f"""
    WITH years AS (SELECT DISTINCT year FROM child_sick_days WHERE year <= {sel.year - 1}),
    counted AS (SELECT year, department, gender, days_taken > 0 AS took, count(*) AS n
                FROM child_sick_days WHERE entitled AND year <= {sel.year - 1}
                GROUP BY year, department, gender, took),
    sick AS (SELECT year, department,
               sum(n) FILTER (WHERE gender = 'woman') AS we,
               sum(n) FILTER (WHERE gender = 'woman' AND took) AS wt,
               sum(n) FILTER (WHERE gender = 'man') AS me,
               sum(n) FILTER (WHERE gender = 'man' AND took) AS mt
             FROM counted GROUP BY year, department),
    per AS (
      SELECT y.year, f.department, f.ord,
        CAST(coalesce(sum(s.we), 0) AS BIGINT) AS women_entitled,
        CAST(coalesce(sum(s.wt), 0) AS BIGINT) AS women_took,
        CAST(coalesce(sum(s.me), 0) AS BIGINT) AS men_entitled,
        CAST(coalesce(sum(s.mt), 0) AS BIGINT) AS men_took
      FROM years y JOIN {dept_frame_by_year(sel)} ON y.year BETWEEN f.lo AND f.hi
      LEFT JOIN sick s ON s.year = y.year
                      AND (f.department = 'total' OR s.department = f.department)
      GROUP BY ALL),
    shares AS (
      SELECT *, CASE WHEN women_entitled > 0 THEN women_took / women_entitled END AS women_share,
                CASE WHEN men_entitled > 0 THEN men_took / men_entitled END AS men_share
      FROM per)
    SELECT year, department, women_entitled, women_took, women_share,
           men_entitled, men_took, men_share,
           100 * (women_share - men_share) AS gap_pp, {judged} AS target_met
    FROM shares ORDER BY year, ord"""
