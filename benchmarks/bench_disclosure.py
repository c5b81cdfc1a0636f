"""Disclosure control: time and cells lost by secondary suppression, against primary only.

Random contract-shaped tables for organisations of 7, 15 and 30 departments
(plus one unit counted only in totals), three sick-day years, staff tables
with a few people of gender ``other``. For each size and policy: the time of
``suppress`` (primary + secondary + prune) and of ``audit``, the cells
suppressed, and the people hidden in them, side by side with primary
suppression alone (the baseline, which the audit fails).
"""

from __future__ import annotations

import random
import time
from typing import Any

from ligestat.config import parse_config
from ligestat.disclosure import audit, resolve_policy, suppress
from ligestat.disclosure.audit import _solve
from ligestat.disclosure.primary import blank_cells, classify
from ligestat.disclosure.relations import count_cells

Row = dict[str, Any]


def _leave(dep: str, n: int, ge11: int, ge17: int, ge24: int) -> Row:
    def share(x: int) -> float | None:
        return x / n if n else None
    return {"department": dep, "n": n, "ge11": ge11, "ge17": ge17, "ge24": ge24,
            "ge11_share": share(ge11), "ge17_share": share(ge17), "ge24_share": share(ge24),
            "ge11_target_met": None if not n else ge11 / n >= 0.95,
            "ge17_target_met": None if not n else ge17 / n >= 0.6}


def _sick(year: int, dep: str, we: int, wt: int, me: int, mt: int) -> Row:
    ws, ms = (wt / we if we else None), (mt / me if me else None)
    gap = None if ws is None or ms is None else 100 * (ws - ms)
    return {"year": year, "department": dep, "women_entitled": we, "women_took": wt,
            "women_share": ws, "men_entitled": me, "men_took": mt, "men_share": ms,
            "gap_pp": gap, "target_met": None if gap is None else abs(gap) <= 10}


def _nested(rnd: random.Random, n: int) -> tuple[int, int, int, int]:
    ge11 = rnd.randint(0, n)
    ge17 = rnd.randint(0, ge11)
    return n, ge11, ge17, rnd.randint(0, ge17)


def _tables(rnd: random.Random, departments: list[str], hidden: bool) -> dict[str, list[Row]]:
    units = [*departments, "H"] if hidden else departments
    out: dict[str, list[Row]] = {}
    for name in ("fathers_leave", "mothers_leave"):
        rows = {d: _nested(rnd, int(rnd.lognormvariate(3.5, 1.2))) for d in units}
        table = [_leave(d, *v) for d, v in rows.items() if d != "H"]
        table.append(_leave("total", *(sum(v[k] for v in rows.values()) for k in range(4))))
        out[name] = table
    sick: list[Row] = []
    for year in (2022, 2023, 2024):
        rows2: dict[str, tuple[int, int, int, int]] = {}
        for d in units:
            we, me = int(rnd.lognormvariate(4.5, 1.2)), int(rnd.lognormvariate(3.8, 1.2))
            rows2[d] = (we, rnd.randint(0, we), me, rnd.randint(0, me))
        sick += [_sick(year, d, *v) for d, v in rows2.items() if d != "H"]
        sick.append(_sick(year, "total", *(sum(v[k] for v in rows2.values()) for k in range(4))))
    out["child_sick_days"] = sick
    bands = ["<20", "20-29", "30-39", "40-49", "50-59", "60+"]
    ages: list[Row] = [{"age_band": b, "gender": g, "n": n} for b in bands for g, n in
            (("woman", rnd.randint(500, 5000)), ("man", rnd.randint(300, 3000)),
             ("other", rnd.randint(0, 6)))]
    totals = {g: sum(r["n"] for r in ages if r["gender"] == g) for g in ("woman", "man", "other")}
    grand = sum(totals.values())
    out["staff_gender"] = [{"gender": g, "n": n, "share": n / grand} for g, n in totals.items()]
    out["staff_age_gender"] = ages
    return out


def _run(size: int, policy_name: str, seed: int, hidden: bool) -> dict[str, float]:
    departments = [f"D{i:02d}" for i in range(size)]
    toml = 'organisation = "Bench"\n' + "".join(
        f"[departments.{d}]\nname = \"{d}\"\n" for d in departments)
    if hidden:
        toml += '[departments.H]\nname = "H"\nin_tables = false\n'
    cfg = parse_config(toml)
    policy = resolve_policy(policy_name, cfg)
    tables = _tables(random.Random(seed), departments, hidden)
    values = count_cells(tables)

    t0 = time.process_time()
    primary, withheld = classify(tables, policy)
    baseline = blank_cells(tables, primary, withheld)
    t_base = time.process_time() - t0

    _solve.cache_clear()
    t0 = time.process_time()
    published = suppress(tables, policy, hidden_units=hidden)
    t_full = time.process_time() - t0
    _solve.cache_clear()
    t0 = time.process_time()
    result = audit(published, tables, policy, hidden_units=hidden)
    t_audit = time.process_time() - t0
    base_result = audit(baseline, tables, policy, hidden_units=hidden)
    cells = [c for c in result.cells if c.kind != "withheld"]
    _solve.cache_clear()
    t0 = time.process_time()
    best = suppress(tables, policy, hidden_units=hidden, method="optimal")
    t_opt = time.process_time() - t0
    opt_result = audit(best, tables, policy, hidden_units=hidden)
    opt_cells = [c for c in opt_result.cells if c.kind != "withheld"]
    return {
        "people_opt": sum(c.value for c in opt_cells), "t_opt": t_opt,
        "ok_opt": float(opt_result.ok),
        "cells": len(values), "primary": len(primary), "suppressed": len(cells),
        "people": sum(c.value for c in cells), "people_primary": sum(values[c] for c in primary),
        "t_base": t_base, "t_full": t_full, "t_audit": t_audit,
        "ok": float(result.ok and opt_result.ok),
        "base_failures": len(base_result.failures),
    }


def main() -> None:
    print("disclosure: greedy and optimal secondary suppression vs primary only (baseline)")
    print("  ×cells, ×people: cells and people suppressed relative to primary suppression alone;")
    print("  base fails: cells the audit finds unprotected with primary suppression alone;")
    print("  opt/greedy: people hidden by the optimal method relative to greedy (3 seeds each)")
    head = ("depts", "hidden", "policy", "cells", "primary", "all", "×cells", "×people",
            "base fails", "ok", "t_supp s", "t_audit s", "opt/greedy", "t_opt s")
    print(" ".join(f"{h:>10}" for h in head))
    for size in (7, 15, 30):
        for hidden, policy in ((True, "standard"), (False, "standard"), (False, "strict")):
            runs = [_run(size, policy, seed, hidden) for seed in range(3)]
            m = {k: sum(r[k] for r in runs) / len(runs) for k in runs[0]}
            cells = (size, "yes" if hidden else "no", policy, f"{m['cells']:.0f}",
                     f"{m['primary']:.1f}", f"{m['suppressed']:.1f}",
                     f"{m['suppressed'] / max(m['primary'], 1):.2f}",
                     f"{m['people'] / max(m['people_primary'], 1):.2f}",
                     f"{m['base_failures']:.1f}", f"{m['ok']:.0%}", f"{m['t_full']:.2f}",
                     f"{m['t_audit']:.2f}",
                     f"{m['people_opt'] / max(m['people'], 1):.3f}", f"{m['t_opt']:.2f}")
            print(" ".join(f"{c:>10}" for c in cells))


if __name__ == "__main__":
    main()
