"""Employees of the synthetic organisation: one person per row, two yearly snapshots.

The plan fixes, per agreement, how many women and men there are, and the managers
per department and level; ``priors.toml`` says which departments employ each
agreement and how old people are. Employees outside the published figures
(trainees, flex jobs, extraordinary employment, a few of other gender among them)
are added on top and must not change any published number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import accumulate
from typing import Any

from ligestat.config import Config
from ligestat.synth.ages import cumulative_ages
from ligestat.synth.allocate import apportion
from ligestat.synth.calibrate_staff import MANAGERS_AGREEMENT
from ligestat.synth.model import Plan
from ligestat.synth.rng import Rng

__all__ = ["Person", "employees", "previous_snapshot"]


@dataclass(frozen=True)
class Person:
    employee_id: str
    gender: str
    birth_year: int
    department: str
    agreement: str
    manager_level: int | None
    employment_type: str

    def row(self, snapshot: date) -> tuple[str, ...]:
        return (snapshot.isoformat(), self.employee_id, self.gender, str(self.birth_year),
                self.department, self.agreement,
                "" if self.manager_level is None else str(self.manager_level),
                self.employment_type)


@dataclass(frozen=True)
class _Draft:
    gender: str
    department: str
    agreement: str
    manager_level: int | None
    employment_type: str


def _ordinary(plan: Plan, priors: Mapping[str, Any], config: Config) -> list[_Draft]:
    leaders = {name for name, spec in priors["agreements"].items() if spec.get("leaders")}
    out: list[_Draft] = []
    for agreement in plan.agreements:
        if agreement.agreement == MANAGERS_AGREEMENT:
            for m in plan.managers:
                out += [_Draft("woman", m.department, agreement.agreement, m.level, "ordinary")
                        ] * m.women
                out += [_Draft("man", m.department, agreement.agreement, m.level, "ordinary")
                        ] * m.men
            continue
        codes = [code for code, _ in agreement.departments]
        weights = [w for _, w in agreement.departments]
        level = 3 if agreement.agreement in leaders else None
        for gender, count in (("woman", agreement.women), ("man", agreement.men)):
            for code, k in zip(codes, apportion(count, weights), strict=True):
                if level and 3 in config.department(code).level_2_includes:
                    raise ValueError(f"priors.toml: leaders of {agreement.agreement} placed in "
                                     f"{code}, whose level 2 includes level 3")
                out += [_Draft(gender, code, agreement.agreement, level, "ordinary")] * k
    return out


def _non_ordinary(priors: Mapping[str, Any], rng: Rng) -> list[_Draft]:
    agreement_departments: dict[str, list[tuple[str, float]]] = {
        name: sorted((str(k), float(v)) for k, v in spec["departments"].items())
        for name, spec in priors["agreements"].items()}
    mix = sorted((str(k), float(v)) for k, v in priors["departments"]["mix"].items())
    out: list[_Draft] = []
    for kind, spec in sorted(priors["non_ordinary"].items()):
        count = int(spec["count"])
        other = int(spec["other"])
        women = round(float(spec["women"]) * (count - other))
        genders = ["other"] * other + ["woman"] * women + ["man"] * (count - other - women)
        names = sorted(spec["agreements"])
        per = apportion(count, [float(spec["agreements"][n]) for n in names])
        slots = [name for name, k in zip(names, per, strict=True) for _ in range(k)]
        for gender, agreement in zip(rng.shuffled(genders), slots, strict=True):
            deps = agreement_departments.get(agreement, mix)
            cumulative = list(accumulate(w for _, w in deps))
            out.append(_Draft(gender, deps[rng.weighted(cumulative)][0], agreement, None, kind))
    return out


def employees(plan: Plan, priors: Mapping[str, Any], config: Config, snapshot: date,
              rng: Rng) -> list[Person]:
    """Everyone employed on ``snapshot``, sorted by employee id."""
    drafts = _ordinary(plan, priors, config) + _non_ordinary(priors, rng)
    ages, cumulative = cumulative_ages(priors["staff"]["age_anchors"])
    lo, hi = (int(a) for a in priors["staff"]["manager_age"])
    people = []
    for number, draft in enumerate(rng.shuffled(drafts), start=1):
        if draft.manager_level is not None:
            age = lo + rng.below(hi - lo + 1)
        else:
            age = ages[rng.weighted(cumulative)]
            if draft.employment_type == "trainee":
                age = min(age, 18 + rng.below(20))
        people.append(Person(f"E{number:06d}", draft.gender, snapshot.year - age,
                             draft.department, draft.agreement, draft.manager_level,
                             draft.employment_type))
    return people


def previous_snapshot(current: Sequence[Person], churn: float, rng: Rng) -> list[Person]:
    """A year earlier: some of today's staff not yet hired, as many since left (new ids)."""
    movable = [p for p in current if p.manager_level is None]
    newcomers = {p.employee_id for p in rng.sample(movable, round(churn * len(movable)))}
    stayed = [p for p in current if p.employee_id not in newcomers]
    next_id = len(current) + 1
    leavers = []
    templates = [p for p in stayed if p.manager_level is None]
    for i, template in enumerate(rng.sample(templates, len(newcomers))):
        leavers.append(replace(template, employee_id=f"E{next_id + i:06d}",
                               birth_year=template.birth_year - rng.below(3) + 1,
                               manager_level=None))
    return sorted(stayed + leavers, key=lambda p: p.employee_id)
