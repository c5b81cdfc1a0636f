"""The population by age and gender (Statistics Denmark's FOLK1A shape), for the pyramid."""

from __future__ import annotations

from ligestat.indicators.registry import Selection, indicator
from ligestat.indicators.shape import Shape


@indicator("population_age_gender", "Population by single year of age and gender on the "
           "latest date on or before 31 January of the year, all areas together.",
           ("age", "gender", "n"), keys=("age", "gender"),
           disclosure=Shape(kind="public", counts=("n",), period="population"), contract=False)
def population_age_gender(sel: Selection) -> str:
    when = f"DATE '{sel.population_date}'" if sel.population_date else "NULL"
    return f"""
    SELECT age, gender, CAST(sum(count) AS BIGINT) AS n FROM population
    WHERE date = {when} GROUP BY age, gender
    ORDER BY age, CASE gender WHEN 'woman' THEN 0 WHEN 'man' THEN 1 ELSE 2 END"""
