"""Property (issue 14): an attacker holding every release of a workspace — every report
year's JSON tables and the report's trend — and solving an integer programme narrows no
primary cell below the policy's protection and pins no small band.

The attacker is written here from the definitions, independently of
``ligestat.disclosure.relations``: per report and table, department rows sum to the
"total" row; ``ge24 ≤ ge17 ≤ ge11 ≤ n`` and ``took ≤ entitled``; a published share
gives ``num = share × den``; the trend's row for cohort c is report c + 2's fathers'
total; a year's sick days are the same in every report that shows them; counts are
whole numbers ≥ 0. ``scipy.optimize.milp`` gives the least and greatest value of each
suppressed count, and of each band between nested counts.

``benchmarks/bench_disclosure_attack.py`` runs many more organisations.
"""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ligestat import api
from ligestat.indicators import REGISTRY

SHAPED = [n for n, ind in REGISTRY.items() if ind.disclosure is not None]
LEAVE = ("n", "ge11", "ge17", "ge24")
SICK = ("women_entitled", "women_took", "men_entitled", "men_took")
CHAINS = {"fathers_leave": (LEAVE[::-1],), "mothers_leave": (LEAVE[::-1],),
          "fathers_leave_trend": (LEAVE[::-1],),
          "child_sick_days": (("women_took", "women_entitled"), ("men_took", "men_entitled"))}
SHARES = {"ge11_share": ("ge11", "n"), "ge17_share": ("ge17", "n"), "ge24_share": ("ge24", "n"),
          "women_share": ("women_took", "women_entitled"),
          "men_share": ("men_took", "men_entitled")}
THRESHOLD = {"standard": (5, 2), "strict": (10, 4)}  # min_count, protection


def write_org(folder: Path, seed: int, departments: int, years: int) -> Path:
    """A small organisation with ``years`` report years (2023 on), every unit shown."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True)
    codes = "ABCD"[:departments]
    config = ['organisation = "Egenkommune"', *(f'[departments.{c}]\nname = "{c}"' for c in codes)]
    (folder / "ligestat.toml").write_text("\n".join(config) + "\n", encoding="utf-8")
    emp = ["snapshot_date,employee_id,gender,birth_year,department,agreement,manager_level,"
           "employment_type"]
    leave = ["employee_id,gender,department,child_birth_date,weeks_taken"]
    sick = ["year,employee_id,gender,department,entitled,days_taken"]
    k = 0
    for year in range(2023, 2023 + years):
        for c in codes:
            for _ in range(rnd.randint(6, 12)):
                k += 1
                emp.append(f"{year}-01-15,E{k},{rnd.choice(['woman', 'man'])},1985,{c},HK,,")
            for gender in ("man", "woman"):
                for _ in range(rnd.choice([0, 1, 2, 3, 5, 8, 12])):
                    k += 1
                    weeks = rnd.choice([2, 9, 12, 15, 18, 22, 26])
                    leave.append(f"E{k},{gender},{c},{year - 2}-0{rnd.randint(1, 9)}-10,{weeks}")
            for _ in range(rnd.choice([0, 2, 4, 7, 11])):
                k += 1
                days = rnd.choice([0, 0, 1, 3])
                sick.append(f"{year - 1},E{k},{rnd.choice(['woman', 'man'])},{c},true,{days}")
    for name, lines in (("employees", emp), ("parental_leave", leave),
                        ("child_sick_days", sick)):
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _row_id(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    if table == "fathers_leave_trend":
        return ("fathers_leave", row["cohort"], "total")
    if table == "child_sick_days":
        return (table, row["year"], row["department"])
    return (table, None, row["department"])  # the report year is added by the caller


Found = tuple[str, float, float, float, float]


def attack(releases: dict[int, dict[str, list[dict[str, Any]]]],
           truth: dict[int, dict[str, list[dict[str, Any]]]]) -> list[Found]:
    """(what, true value, least, greatest, the row's outermost count) for every count and
    every band of a row with a suppressed count, by integer programming over all
    releases."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    var: dict[tuple[Any, ...], int] = {}  # (people, key) → variable
    lo: list[float] = []
    hi: list[float] = []
    value: list[float] = []
    rows_eq: list[dict[int, float]] = []
    hidden: list[tuple[str, int, dict[str, int], dict[str, Any]]] = []

    def v(ident: tuple[Any, ...], key: str, true: float) -> int:
        if (ident, key) not in var:
            var[(ident, key)] = len(lo)
            lo.append(0.0)
            hi.append(np.inf)
            value.append(true)
        return var[(ident, key)]

    for year, tables in releases.items():
        for table, rows in tables.items():
            if table not in CHAINS:
                continue
            keys = LEAVE if table in ("fathers_leave", "mothers_leave",
                                      "fathers_leave_trend") else SICK
            groups: dict[Any, tuple[list[dict[str, int]], dict[str, int]]] = {}
            for shown, true in zip(rows, truth[year][table], strict=True):
                ident = _row_id(table, true)
                if table in ("fathers_leave", "mothers_leave"):
                    ident = ("fathers_leave", year - 2, "total") if (
                        table == "fathers_leave" and true["department"] == "total") else (
                        table, year, true["department"])
                cells = {k: v(ident, k, float(true[k])) for k in keys}
                for k in keys:
                    if shown[k] is not None:
                        lo[cells[k]] = hi[cells[k]] = float(shown[k])
                for chain in CHAINS[table]:
                    for a, b in pairwise(chain):
                        rows_eq.append({cells[a]: 1.0, cells[b]: -1.0, -1: -np.inf})
                for share, (num, den) in SHARES.items():
                    if shown.get(share) is not None and num in cells:
                        s = float(shown[share])
                        rows_eq.append({cells[num]: 1.0, cells[den]: -s, -2: 1e-6})
                if any(shown[k] is None for k in keys):
                    hidden.append((f"{year} {table} {true.get('department', true.get('cohort'))}",
                                   len(hidden), cells, true))
                group = true.get("year") if table == "child_sick_days" else None
                parts, total = groups.setdefault(group, ([], {}))
                if "department" in true and true["department"] == "total":
                    total.update(cells)
                elif "department" in true:
                    parts.append(cells)
            for parts, total in groups.values():
                if total:
                    for k in keys:
                        eq = {total[k]: -1.0}
                        for p in parts:
                            eq[p[k]] = eq.get(p[k], 0.0) + 1.0
                        rows_eq.append({**eq, -2: 0.0})
    n = len(lo)
    a = np.zeros((len(rows_eq), n))
    lb = np.zeros(len(rows_eq))
    ub = np.zeros(len(rows_eq))
    for i, eq in enumerate(rows_eq):
        for j, c in eq.items():
            if j >= 0:
                a[i, j] += c
        if -1 in eq:  # x_a − x_b ≤ 0
            lb[i], ub[i] = -np.inf, 0.0
        else:  # equality within a slack
            lb[i], ub[i] = -eq[-2], eq[-2]
    constraints = [LinearConstraint(a, lb, ub)] if len(rows_eq) else []
    bounds = Bounds(np.array(lo), np.array(hi))

    def extremes(objective: dict[int, float]) -> tuple[float, float]:
        c = np.zeros(n)
        for j, x in objective.items():
            c[j] = x
        out = []
        for sign in (1.0, -1.0):
            res = milp(sign * c, integrality=np.ones(n), bounds=bounds, constraints=constraints)
            out.append(np.inf if res.status != 0 else sign * res.fun)
        return out[0], out[1]

    found: list[Found] = []
    for label, _, cells, true in hidden:
        chains = CHAINS["child_sick_days"] if "women_took" in cells else (LEAVE[::-1],)
        for chain in chains:
            for j, key in enumerate(chain):
                group = float(true[chain[-1]])
                low, high = extremes({cells[key]: 1.0})
                found.append((f"{label} {key}", float(true[key]), low, high, group))
                if j:
                    objective = {cells[key]: 1.0, cells[chain[j - 1]]: -1.0}
                    low, high = extremes(objective)
                    found.append((f"{label} {key} − {chain[j - 1]}",
                                  float(true[key] - true[chain[j - 1]]), low, high, group))
    return found


def check(folder: Path, policy: str) -> list[str]:
    """Every way the attacker beats the policy on the organisation in ``folder``."""
    k, protection = THRESHOLD[policy]
    with api.load(folder) as ws:
        years = api.report_years(ws)
        published = api.publish(ws, years[-1], disclosure=policy, names=SHAPED)
    releases = {r.year: p for r, p in zip(published.releases, published.released, strict=True)}
    truth = {r.year: dict(r.tables) for r in published.releases}
    problems = []
    for year, tables in releases.items():  # no primary cell published
        for table in CHAINS:
            for shown, true in zip(tables.get(table, ()), truth[year].get(table, ()),
                                   strict=True):
                for key in (*LEAVE, *SICK):
                    if key in true and 0 < true[key] < k and shown[key] is not None:
                        problems.append(f"{year} {table} {key}={true[key]} published")
    for what, true, low, high, group in attack(releases, truth):
        if 0 < true < k and high - low < protection:  # a primary cell or a small band
            problems.append(f"{what} = {true:g}: [{low:g}, {high:g}]")
        elif 0 < group < k and high - low < 1:  # anything pinned in a small group
            problems.append(f"{what} = {true:g} of a group of {group:g}: pinned")
    return problems


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 10 ** 6), departments=st.integers(2, 3), years=st.integers(2, 3),
       policy=st.sampled_from(["standard", "strict"]))
def test_an_integer_programme_over_every_release_narrows_no_primary_cell_or_small_band(
        tmp_path_factory: Any, seed: int, departments: int, years: int, policy: str) -> None:
    folder = write_org(tmp_path_factory.mktemp("org") / "data", seed, departments, years)
    assert check(folder, policy) == []
