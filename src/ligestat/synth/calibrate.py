"""From the published reference tables to a ``Plan`` of exact counts, cell by cell.

Everything published is read from ``reference/kk-2025`` and solved for by exact
integer search (``solvers``); what is not published comes from ``priors.toml``.
Every published cell becomes a ``Cell`` saying what the generated data gives for
it; a cell that no integer data can give carries the proof and the nearest
possible value, and no other cell is bent to hide it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ligestat.config import Config, demo_config
from ligestat.synth.calibrate_leave import earlier_cohort, solve_leave_table
from ligestat.synth.calibrate_sick import solve_sick_days
from ligestat.synth.calibrate_staff import solve_agreements, solve_managers
from ligestat.synth.model import Cell, LeaveCounts, Plan
from ligestat.synth.reference import Reference, load_reference
from ligestat.synth.rounding import pct

__all__ = ["PRIORS_PATH", "REPORT_YEAR", "calibrate", "load_priors", "other_unit"]

PRIORS_PATH = Path(__file__).parent / "priors.toml"
REPORT_YEAR = 2025
SICK_YEARS = (REPORT_YEAR - 3, REPORT_YEAR - 2, REPORT_YEAR - 1)


def load_priors(path: Path = PRIORS_PATH) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def other_unit(config: Config) -> str:
    """The unit counted only in totals, which absorbs what totals hold beyond departments."""
    hidden = [d.code for d in config.departments if not d.in_tables]
    if not hidden:
        raise ValueError("the organisation config needs a unit with in_tables = false")
    return hidden[0]


def calibrate(reference: Reference | None = None, config: Config | None = None,
              priors: dict[str, Any] | None = None) -> Plan:
    ref = reference or load_reference()
    cfg = config or demo_config()
    pri = priors or load_priors()
    other = other_unit(cfg)
    facts = ref.facts
    staff = facts["staff"]
    staff_n, staff_w, staff_m = int(staff["total"]), int(staff["women"]), int(staff["men"])

    managers, cells = solve_managers(
        {1: (ref.rows("managers_level_1"), ref.total("managers_level_1")),
         2: (ref.rows("managers_level_2"), ref.total("managers_level_2"))},
        cfg, other, float(pri["managers"]["level_2_proper_share"]))
    all_cells: list[Cell] = list(cells)
    agreements, cells = solve_agreements(ref.tables["agreements_gender"], pri, staff_n, staff_w,
                                         managers)
    all_cells.extend(cells)
    women = sum(a.women for a in agreements)
    men = sum(a.men for a in agreements)
    for key, value in (("total", women + men), ("women", women), ("men", men),
                       ("women_pct", pct(women, women + men)), ("men_pct", pct(men, women + men))):
        all_cells.append(Cell("facts.staff", "staff", key, int(staff[key]), value))
    if staff_w + staff_m != staff_n:
        raise ValueError("facts.toml: staff women + men differ from the total")

    cohort = REPORT_YEAR - 2
    leave: list[LeaveCounts] = []
    for table, gender in (("fathers_leave", "man"), ("mothers_leave", "woman")):
        solution = solve_leave_table(table, ref.rows(table), ref.total(table), gender=gender,
                                     cohort=cohort, other_unit=other)
        leave.extend(solution.rows)
        all_cells.extend(solution.cells)
        current = solution.rows
        earlier: dict[int, dict[str, Any]] = {
            int(year): dict(shares)
            for year, shares in pri["parental_leave"]["earlier_cohorts"].items()}
        if gender == "man":
            prev = facts["fathers_leave_previous_report"]
            earlier[cohort - 1] = {"pct_ge11": prev["ge11_pct"], "pct_ge17": prev["ge17_pct"],
                                   "ge24": pri["parental_leave"]["previous_ge24"]}
        else:
            total_n = sum(r.n for r in current)
            same = {level: sum(getattr(r, level) for r in current) / total_n
                    for level in ("ge11", "ge17", "ge24")}
            earlier = {year: same for year in [*earlier, cohort - 1]}
        for year in sorted(earlier):
            rows = earlier_cohort(current, year, earlier[year],
                                  float(pri["parental_leave"]["cohort_size"].get(str(year), 1)))
            leave.extend(rows)
            if gender == "man" and year == cohort - 1:
                n = sum(r.n for r in rows)
                prev = facts["fathers_leave_previous_report"]
                for level in ("ge11", "ge17"):
                    all_cells.append(Cell("facts.fathers_leave_previous_report", "total",
                                          f"{level}_pct", int(prev[f"{level}_pct"]),
                                          pct(sum(getattr(r, level) for r in rows), n)))

    sick = solve_sick_days(ref.rows("child_sick_days"), ref.total("child_sick_days"),
                           years=SICK_YEARS,
                           scales={int(k): float(v) for k, v in
                                   pri["child_sick_days"]["entitled_scale"].items()},
                           other_unit=other)
    all_cells.extend(sick.cells)

    pop = facts["population"]
    pop_w, pop_m = int(pop["women"]), int(pop["men"])
    for key, value in (("total", pop_w + pop_m), ("women", pop_w), ("men", pop_m)):
        all_cells.append(Cell("facts.population", "population", key, int(pop[key]), value))

    return Plan(staff_women=women, staff_men=men, agreements=agreements, managers=managers,
                leave=tuple(leave), sick=sick.rows, population_women=pop_w,
                population_men=pop_m, cells=tuple(all_cells), other_unit=other)
