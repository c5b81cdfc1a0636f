"""Parental leave and children's sick-day rows for the planned counts.

Each planned group (a department's fathers of one cohort, its entitled women of one
year, …) is filled with employees of that department and gender, of an age to be
parents, drawn without repetition inside the group's table and year. Leave weeks
fall inside the band the plan puts a parent in (under 11, 11-16.9, 17-23.9, 24 and
more), some exactly on the thresholds 11, 17 and 24 and some just below them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from ligestat.synth.employees import Person
from ligestat.synth.model import LeaveCounts, SickCounts
from ligestat.synth.rng import Rng

__all__ = ["Pools", "leave_rows", "sick_rows"]

Row = tuple[str, ...]


class Pools:
    """Ordinary employees by (department, gender), with their ages on the snapshot."""

    def __init__(self, people: Sequence[Person], snapshot_year: int) -> None:
        self._by: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        self._all: dict[str, list[Person]] = defaultdict(list)
        for p in people:
            self._all[p.department].append(p)
            if p.employment_type == "ordinary":
                self._by[(p.department, p.gender)].append(
                    (p.employee_id, snapshot_year - p.birth_year))

    def draw(self, department: str, gender: str, k: int, ages: Sequence[int],
             rng: Rng) -> list[str]:
        """``k`` distinct ids of the group aged within ``ages`` (older or younger if need be)."""
        lo, hi = int(ages[0]), int(ages[1])
        group = self._by[(department, gender)]
        fitting = [i for i, age in group if lo <= age <= hi]
        rest = [i for i, age in group if not lo <= age <= hi]
        if k > len(group):
            raise ValueError(f"priors.toml: {department} has {len(group)} {gender} employees, "
                             f"the plan needs {k}")
        if k <= len(fitting):
            return rng.sample(fitting, k)
        return fitting + rng.sample(rest, k - len(fitting))

    def everyone(self, department: str) -> list[Person]:
        return self._all[department]


def _weeks(band: int, spec: Mapping[str, Any], rng: Rng) -> str:
    low, high = (float(x) for x in spec["band_weeks"][band])
    if rng.random() < float(spec["exact_boundary_share"]):
        value = high if band == 0 else low  # 10.9 just below 11; 11, 17, 24 exactly on it
    else:
        value = round(rng.uniform(low, high), 1)
    return f"{value:.1f}"


def leave_rows(groups: Sequence[LeaveCounts], pools: Pools, spec: Mapping[str, Any],
               rng: Rng) -> list[Row]:
    """``employee_id, gender, department, child_birth_date, weeks_taken`` rows, sorted."""
    rows: list[Row] = []
    for g in groups:
        ids = pools.draw(g.department, g.gender, g.n, spec["parent_age"], rng)
        bands = ([3] * g.ge24 + [2] * (g.ge17 - g.ge24) + [1] * (g.ge11 - g.ge17)
                 + [0] * (g.n - g.ge11))
        start = date(g.cohort, 1, 1)
        days = (date(g.cohort + 1, 1, 1) - start).days
        for employee_id, band in zip(ids, rng.shuffled(bands), strict=True):
            born = start + timedelta(days=rng.below(days))
            rows.append((employee_id, g.gender, g.department, born.isoformat(),
                         _weeks(band, spec, rng)))
    return sorted(rows, key=lambda r: (r[0], r[3]))


def _days(rng: Rng, max_days: int) -> str:
    return f"{(1 + rng.below(2 * max_days)) / 2:.1f}"


def sick_rows(groups: Sequence[SickCounts], pools: Pools, spec: Mapping[str, Any],
              rng: Rng) -> list[Row]:
    """``year, employee_id, gender, department, entitled, days_taken`` rows, sorted.

    Besides the entitled, some employees without the right to care days appear (some
    with days taken): only entitled rows may count.
    """
    rows: list[Row] = []
    max_days = int(spec["max_days"])
    for g in groups:
        used: set[str] = set()
        for gender, entitled, took in (("woman", g.women_entitled, g.women_took),
                                       ("man", g.men_entitled, g.men_took)):
            ids = pools.draw(g.department, gender, entitled, spec["parent_age"], rng)
            used.update(ids)
            flags = rng.shuffled([True] * took + [False] * (entitled - took))
            for employee_id, did in zip(ids, flags, strict=True):
                rows.append((str(g.year), employee_id, gender, g.department, "true",
                             _days(rng, max_days) if did else "0.0"))
        others = [p for p in pools.everyone(g.department) if p.employee_id not in used]
        extra = round(float(spec["not_entitled_share"]) * (g.women_entitled + g.men_entitled))
        for p in rng.sample(others, min(extra, len(others))):
            days = _days(rng, max_days) if rng.random() < 0.3 else "0.0"
            rows.append((str(g.year), p.employee_id, p.gender, g.department, "false", days))
    return sorted(rows, key=lambda r: (int(r[0]), r[1]))
