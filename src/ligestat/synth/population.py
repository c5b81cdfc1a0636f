"""The municipality's population by age and gender (Statistics Denmark FOLK1A shape).

Totals are the published ones exactly; the age structure (``priors.toml``) is a
young city's: many in their twenties and thirties, women outliving men.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ligestat.synth.ages import age_weights
from ligestat.synth.allocate import apportion

__all__ = ["MAX_AGE", "population_rows"]

MAX_AGE = 125


def population_rows(women: int, men: int, spec: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """``date, area, gender, age, count`` rows for every age 0-125 and both genders."""
    ages = range(MAX_AGE + 1)
    base = age_weights(spec["age_anchors"], ages)
    older_from = int(spec["women_older_from"])
    factor = float(spec["women_older_factor"])
    women_weights = [w * (factor if age >= older_from else 1.0) for age, w in zip(ages, base,
                                                                                   strict=True)]
    rows: list[tuple[str, ...]] = []
    for gender, total, weights in (("man", men, base), ("woman", women, women_weights)):
        for age, count in zip(ages, apportion(total, weights), strict=True):
            rows.append((str(spec["date"]), str(spec["area"]), gender, str(age), str(count)))
    return rows
