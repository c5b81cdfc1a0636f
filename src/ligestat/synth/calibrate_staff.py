"""Staff, managers and collective agreements (Tables 1-4 and the staff headline).

Managers are published as counts: they are taken as they stand, and a unit shown
in no table holds whatever the total row has beyond the departments. Agreements
are published only as rounded shares: each listed agreement gets a plausible size
(``priors.toml``, scaled so that the staff totals can be met) and the nearest
headcount whose women and men round as published; unlisted agreements with 40-60 %
women (the managers' own "Chefer" among them) take up the rest, so that the staff
totals come out exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ligestat.config import Config
from ligestat.synth.allocate import apportion
from ligestat.synth.model import AgreementCounts, Cell, ManagerCounts
from ligestat.synth.rounding import pct
from ligestat.synth.solvers import pair_impossibility, split_pair

__all__ = ["StaffSolution", "solve_agreements", "solve_managers"]

MANAGERS_AGREEMENT = "Chefer"
_DEFINING = {"1": "women", "2": "men"}  # Table 1 lists >60 % women, Table 2 >60 % men


@dataclass(frozen=True)
class StaffSolution:
    agreements: tuple[AgreementCounts, ...]
    managers: tuple[ManagerCounts, ...]
    cells: tuple[Cell, ...]


def solve_managers(tables: Mapping[int, tuple[Sequence[Mapping[str, str]], Mapping[str, str]]],
                   config: Config, other_unit: str, proper_share: float) -> tuple[
                       tuple[ManagerCounts, ...], tuple[Cell, ...]]:
    """Managers per department and level, exactly as published."""
    out: list[ManagerCounts] = []
    cells: list[Cell] = []
    for level, (rows, total) in sorted(tables.items()):
        name = f"managers_level_{level}"
        for r in rows:
            dep = r["department"]
            w, m = int(r["women"]), int(r["men"])
            includes = config.department(dep).level_2_includes if level == 2 else ()
            if includes:  # TMF: its level-2 row is level 2 proper and the levels it includes
                w2, m2 = round(w * proper_share), round(m * proper_share)
                out.append(ManagerCounts(dep, 2, w2, m2))
                out.append(ManagerCounts(dep, includes[0], w - w2, m - m2))
            else:
                out.append(ManagerCounts(dep, level, w, m))
            cells.extend(_manager_cells(name, dep, r, w, m))
        ow = int(total["women"]) - sum(int(r["women"]) for r in rows)
        om = int(total["men"]) - sum(int(r["men"]) for r in rows)
        if min(ow, om) < 0:
            raise ValueError(f"{name}: the total row is below the departments' sum")
        if ow or om:
            out.append(ManagerCounts(other_unit, level, ow, om))
        cells.extend(_manager_cells(name, "total", total, int(total["women"]), int(total["men"])))
    return tuple(out), tuple(cells)


def _manager_cells(table: str, label: str, r: Mapping[str, str], w: int, m: int) -> list[Cell]:
    n = w + m
    got = {"women_pct": pct(w, n), "women": w, "men_pct": pct(m, n), "men": m, "total": n}
    out = []
    for key, value in got.items():
        reason = "" if value == int(r[key]) else f"{w} women and {m} men give {value} for {key}"
        out.append(Cell(table, label, key, int(r[key]), value, reason))
    return out


def _scales(listed: Sequence[tuple[Mapping[str, str], float]], staff_n: int, staff_w: int,
            residual_n: float, residual_w: float) -> tuple[float, float]:
    """Size factors for Table 1 and Table 2 agreements so that both staff totals can be met."""
    fn = sum(size for r, size in listed if r["table"] == "1")
    fw = sum(size * int(r["women_pct"]) / 100 for r, size in listed if r["table"] == "1")
    mn = sum(size for r, size in listed if r["table"] == "2")
    mw = sum(size * int(r["women_pct"]) / 100 for r, size in listed if r["table"] == "2")
    rhs_n, rhs_w = staff_n - residual_n, staff_w - residual_w
    det = fn * mw - mn * fw
    a = (rhs_n * mw - mn * rhs_w) / det
    b = (fn * rhs_w - fw * rhs_n) / det
    if a <= 0 or b <= 0:
        raise ValueError("priors.toml: agreement sizes cannot meet the staff totals")
    return a, b


def solve_agreements(rows: Sequence[Mapping[str, str]], priors: Mapping[str, Any],
                     staff_n: int, staff_w: int,
                     managers: Sequence[ManagerCounts]) -> tuple[
                         tuple[AgreementCounts, ...], tuple[Cell, ...]]:
    """Women and men per agreement: listed ones round as published, staff totals exact."""
    sizes = priors["agreements"]
    chefs_w = sum(m.women for m in managers)
    chefs_m = sum(m.men for m in managers)
    residual_defs = [d for d in priors["staff"]["residual_agreements"]
                     if d["name"] != MANAGERS_AGREEMENT]
    residual_n = staff_n * float(priors["staff"]["residual_share"])
    weight_sum = sum(float(d["weight"]) for d in residual_defs)
    residual_w = chefs_w + sum(
        float(d["women"]) * float(d["weight"]) / weight_sum * (residual_n - chefs_w - chefs_m)
        for d in residual_defs)
    listed = [(r, float(sizes[r["agreement"]]["size"])) for r in rows]
    a, b = _scales(listed, staff_n, staff_w, residual_n, residual_w)

    out: list[AgreementCounts] = []
    cells: list[Cell] = []
    for r, size in listed:
        pw, pm = int(r["women_pct"]), int(r["men_pct"])
        reason = pair_impossibility(pw, pm) or ""
        if reason:
            reason = (f"the published staff ({staff_w:,} women + {staff_n - staff_w:,} men = "
                      f"{staff_n:,}) leaves no employee of other gender, so {reason}")
            # keep the share that puts the agreement in its table; the other completes 100
            if _DEFINING[r["table"]] == "women":
                pm = 100 - pw
                reason += f"; the women's {pw} % (Table {r['table']}'s own column) is kept"
            else:
                pw = 100 - pm
                reason += f"; the men's {pm} % (Table {r['table']}'s own column) is kept"
        target = round(size * (a if r["table"] == "1" else b))
        n, w = _headcount(target, pw, pm)
        weights = tuple(sorted((str(k), float(v))
                               for k, v in sizes[r["agreement"]]["departments"].items()))
        out.append(AgreementCounts(r["agreement"], w, n - w, True, weights))
        for key, value, want in (("women_pct", pct(w, n), int(r["women_pct"])),
                                 ("men_pct", pct(n - w, n), int(r["men_pct"]))):
            cells.append(Cell("agreements_gender", r["agreement"], key, want, value,
                              reason if value != want else ""))

    out.append(AgreementCounts(MANAGERS_AGREEMENT, chefs_w, chefs_m, False, ()))
    rest_n = staff_n - sum(x.women + x.men for x in out)
    rest_w = staff_w - sum(x.women for x in out)
    counts = apportion(rest_n, [float(d["weight"]) for d in residual_defs])
    women = apportion(rest_w, [float(d["women"]) * c for d, c in zip(residual_defs, counts,
                                                                      strict=True)], counts)
    for d, n, w in zip(residual_defs, counts, women, strict=True):
        if not Fraction(2, 5) <= Fraction(w, n) <= Fraction(3, 5):
            raise ValueError(f"priors.toml: unlisted agreement {d['name']} would have "
                             f"{w} women of {n}, outside 40-60 %")
        mix = d["departments"]
        weights = (tuple(sorted((str(k), float(v)) for k, v in mix.items()))
                   if isinstance(mix, dict) else
                   tuple(sorted((str(k), float(v))
                                for k, v in priors["departments"]["mix"].items())))
        out.append(AgreementCounts(str(d["name"]), w, n - w, False, weights))
    return tuple(out), tuple(cells)


def _headcount(target: int, women_pct: int, men_pct: int) -> tuple[int, int]:
    """The headcount nearest ``target`` (and its women) giving both rounded shares."""
    for step in range(0, max(target, 50)):
        for n in (target - step, target + step):
            if n <= 0:
                continue
            w = split_pair(n, women_pct, men_pct, near=Fraction(women_pct, 100))
            if w is not None:
                return n, w
    raise ValueError(f"no headcount gives {women_pct} % women and {men_pct} % men")
