"""The population by age and gender (Statistics Denmark's FOLK1A shape), for the pyramid."""

from __future__ import annotations

from ligestat.indicators.registry import Context, indicator


@indicator("population_age_gender", "Population by single year of age and gender on the "
           "latest date on or before 31 January of the year, all areas together.",
           ("age", "gender", "n"), contract=False)
def population_age_gender(ctx: Context) -> str:
    return f"""
    WITH latest AS (SELECT max(date) AS d FROM population WHERE date <= DATE '{ctx.year}-01-31')
    SELECT age, gender, CAST(sum(count) AS BIGINT) AS n FROM population, latest
    WHERE date = latest.d GROUP BY age, gender
    ORDER BY age, CASE gender WHEN 'woman' THEN 0 WHEN 'man' THEN 1 ELSE 2 END"""
