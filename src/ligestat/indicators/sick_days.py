"""Children's sick days: shares of entitled women and men who took any, and the gap."""

from __future__ import annotations

from ligestat.indicators.registry import Context, dept_frame, indicator
from ligestat.targets import max_gap_sql

COLUMNS = ("year", "department", "women_entitled", "women_took", "women_share",
           "men_entitled", "men_took", "men_share", "gap_pp", "target_met")


@indicator("child_sick_days", "Employees entitled to children's sick days who took at least "
           "one, by gender, per department and year up to the year before; the gap in "
           "percentage points with its ≤ 10 pp target.", COLUMNS)
def child_sick_days(ctx: Context) -> str:
    judged = max_gap_sql("women_took", "women_entitled", "men_took", "men_entitled",
                         ctx.target("child_sick_days_gap"))
    return f"""
    WITH years AS (SELECT DISTINCT year FROM child_sick_days WHERE year <= {ctx.year - 1}),
    sick AS (SELECT year, department, gender, days_taken FROM child_sick_days
             WHERE entitled AND year <= {ctx.year - 1}),
    per AS (
      SELECT y.year, f.department, f.ord,
        count(s.gender) FILTER (WHERE s.gender = 'woman') AS women_entitled,
        count(s.gender) FILTER (WHERE s.gender = 'woman' AND s.days_taken > 0) AS women_took,
        count(s.gender) FILTER (WHERE s.gender = 'man') AS men_entitled,
        count(s.gender) FILTER (WHERE s.gender = 'man' AND s.days_taken > 0) AS men_took
      FROM years y CROSS JOIN {dept_frame(ctx.config)}
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
