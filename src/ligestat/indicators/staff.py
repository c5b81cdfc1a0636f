"""Staff by gender, by age band and gender, and by collective agreement."""

from __future__ import annotations

from dataclasses import replace

from ligestat.indicators.registry import Selection, indicator
from ligestat.indicators.shape import Link, Shape, ShareDef, gender_split

GENDERS = "(VALUES ('woman', 0), ('man', 1), ('other', 2)) AS g(gender, gord)"
_GENDER_KEYS = {"woman": "women", "man": "men", "other": "other"}
AGE_BANDS = (("<20", None, 19), ("20-29", 20, 29), ("30-39", 30, 39), ("40-49", 40, 49),
             ("50-59", 50, 59), ("60+", 60, None))


_BY_GENDER = Shape(kind="staff", counts=("n",), other_rows=True,
                   shares=(ShareDef("share", ("n",), ()),), period="snapshot")


@indicator("staff_gender", "Employees by gender (ordinary employment), with shares.",
           ("gender", "n", "share"), keys=("gender",), disclosure=_BY_GENDER,
           needs_snapshot=True)
def staff_gender(sel: Selection) -> str:
    # counted first, then joined to the frame of genders (a join of every row is slow)
    return f"""
    WITH staff AS (SELECT gender, count(*) AS n FROM employees WHERE {sel.staff_filter}
                   GROUP BY gender),
    per AS (SELECT g.gender, g.gord, coalesce(s.n, 0) AS n
            FROM {GENDERS} LEFT JOIN staff s ON s.gender = g.gender)
    SELECT gender, n, CASE WHEN sum(n) OVER () > 0 THEN n / sum(n) OVER () END AS share
    FROM per ORDER BY gord"""


def _band_case(age: str) -> str:
    whens = []
    for label, lo, hi in AGE_BANDS:
        cond = " AND ".join(x for x in (f"{age} >= {lo}" if lo is not None else "",
                                        f"{age} <= {hi}" if hi is not None else "") if x)
        whens.append(f"WHEN {cond} THEN '{label}'")
    return "CASE " + " ".join(whens) + " END"


@indicator("staff_age_gender", "Employees by age band (age on the snapshot date) and gender.",
           ("age_band", "gender", "n"), keys=("age_band", "gender"),
           disclosure=replace(_BY_GENDER, links=tuple(
               Link("staff_gender", (("gender", g),), "n", "staff_age_gender", (("gender", g),),
                    "n") for g in _GENDER_KEYS)),
           needs_snapshot=True)
def staff_age_gender(sel: Selection) -> str:
    bands = ", ".join(f"('{label}', {i})" for i, (label, _, _) in enumerate(AGE_BANDS))
    # counted per gender and birth year first (integers group fast), then banded: every
    # row has the snapshot's date, so the age is the snapshot's year − the birth year
    age = f"({sel.snapshot_date.year if sel.snapshot_date else 0} - birth_year)"
    return f"""
    WITH born AS (SELECT gender, birth_year, count(*) AS n FROM employees
                  WHERE {sel.staff_filter} GROUP BY gender, birth_year),
    staff AS (SELECT gender, {_band_case(age)} AS age_band, sum(n) AS n FROM born
              GROUP BY ALL)
    SELECT b.age_band, g.gender, CAST(coalesce(s.n, 0) AS BIGINT) AS n
    FROM (VALUES {bands}) AS b(age_band, bord) CROSS JOIN {GENDERS}
    LEFT JOIN staff s ON s.age_band = b.age_band AND s.gender = g.gender
    ORDER BY b.bord, g.gord"""


@indicator("agreements_gender",
           "Employees per collective-agreement area by gender, most female-dominated first.",
           ("agreement", "women", "men", "other", "total", "women_share", "men_share"),
           keys=("agreement",),
           disclosure=replace(gender_split("staff"), links=tuple(
               Link("staff_gender", (("gender", g),), "n", "agreements_gender", (), k)
               for g, k in _GENDER_KEYS.items())),
           needs_snapshot=True)
def agreements_gender(sel: Selection) -> str:
    # counted per agreement and gender first (a grouping, not a filter per row), then pivoted
    return f"""
    WITH counted AS (SELECT agreement, gender, count(*) AS n FROM employees
                     WHERE {sel.staff_filter} GROUP BY agreement, gender),
    per AS (
      SELECT agreement,
             CAST(coalesce(sum(n) FILTER (WHERE gender = 'woman'), 0) AS BIGINT) AS women,
             CAST(coalesce(sum(n) FILTER (WHERE gender = 'man'), 0) AS BIGINT) AS men,
             CAST(coalesce(sum(n) FILTER (WHERE gender = 'other'), 0) AS BIGINT) AS other,
             CAST(sum(n) AS BIGINT) AS total
      FROM counted GROUP BY agreement)
    SELECT agreement, women, men, other, total, women / total AS women_share,
           men / total AS men_share
    FROM per ORDER BY women_share DESC, agreement"""
