"""Parental leave (Tables 5-6): solve each department's number of parents.

A row "TMF 73 % (38) 21 % (11) 8 % (4)" fixes three counts and three rounded
shares of one unknown denominator n (the fathers in TMF with a child born in the
cohort year). The total row adds the unit shown in no table: its parents are the
difference between the published total counts and the departments' sums, plus as
few parents below 11 weeks as make the total's shares round as published.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ligestat.synth.allocate import apportion
from ligestat.synth.model import Cell, LeaveCounts
from ligestat.synth.rounding import pct
from ligestat.synth.solvers import denominators, fits, impossibility, nearest_denominator

__all__ = ["LEVELS", "LeaveSolution", "earlier_cohort", "solve_leave_table"]

LEVELS = ("ge11", "ge17", "ge24")
_MAX_COMBINATIONS = 50_000


@dataclass(frozen=True)
class LeaveSolution:
    rows: tuple[LeaveCounts, ...]  # the table's departments, then the unit shown in no table
    cells: tuple[Cell, ...]


def _closeness(counts: Sequence[int], pcts: Sequence[int], n: int) -> Fraction:
    return sum((abs(Fraction(100 * c, n) - p) for c, p in zip(counts, pcts, strict=True)),
               Fraction(0))


def solve_leave_table(table: str, rows: Sequence[Mapping[str, str]], total: Mapping[str, str],
                      *, gender: str, cohort: int, other_unit: str) -> LeaveSolution:
    """Departments' denominators (and the other unit's parents) for one published table."""
    counts = [tuple(int(r[k]) for k in LEVELS) for r in rows]
    pcts = [tuple(int(r[f"{k}_pct"]) for k in LEVELS) for r in rows]
    reasons: dict[int, str] = {}
    candidates: list[list[int]] = []
    for i, (c, p) in enumerate(zip(counts, pcts, strict=True)):
        found = denominators(c, p)
        if not found:
            reasons[i] = impossibility([f"{k}_pct" for k in LEVELS], c, p)
            found = [nearest_denominator(c, p).n]
        candidates.append(sorted(found, key=lambda n: (_closeness(c, p, n), n)))

    t_counts = tuple(int(total[k]) for k in LEVELS)
    t_pcts = tuple(int(total[f"{k}_pct"]) for k in LEVELS)
    other = tuple(t - sum(c[j] for c in counts) for j, t in enumerate(t_counts))
    if min(other) < 0 or not other[0] >= other[1] >= other[2]:
        raise ValueError(f"{table}: total counts {t_counts} are below the departments' sums")

    size = 1
    for cand in candidates:
        size *= len(cand)
    combos = (itertools.product(*candidates) if size <= _MAX_COMBINATIONS
              else iter([tuple(cand[0] for cand in candidates)]))
    best: tuple[tuple[int, Fraction], tuple[int, ...], int] | None = None
    for combo in combos:
        base = sum(combo)
        extra = next((k for k in range(other[0], other[0] + 10 * base + 10)
                      if fits(t_counts, t_pcts, base + k)), None)
        if extra is None:
            continue
        score = (extra, sum((_closeness(c, p, n) for c, p, n in
                             zip(counts, pcts, combo, strict=True)), Fraction(0)))
        if best is None or score < best[0]:
            best = (score, tuple(combo), extra)
    total_reason = ""
    if best is None:  # the total row cannot be matched: keep the best departments, nearest total
        chosen = tuple(cand[0] for cand in candidates)
        fit = nearest_denominator(t_counts, t_pcts)
        extra = max(fit.n - sum(chosen), other[0])
        total_reason = impossibility([f"{k}_pct" for k in LEVELS], t_counts, t_pcts)
    else:
        _, chosen, extra = best

    out = [LeaveCounts(cohort, gender, r["department"], n, *c)
           for r, n, c in zip(rows, chosen, counts, strict=True)]
    if extra:
        out.append(LeaveCounts(cohort, gender, other_unit, extra, *other))

    cells: list[Cell] = []
    for i, (r, n, c) in enumerate(zip(rows, chosen, counts, strict=True)):
        cells.extend(_row_cells(table, r["department"], r, c, n, reasons.get(i, "")))
    cells.extend(_row_cells(table, "total", total, t_counts, sum(chosen) + extra, total_reason))
    return LeaveSolution(tuple(out), tuple(cells))


def _row_cells(table: str, label: str, published: Mapping[str, str], counts: Sequence[int],
               n: int, reason: str) -> list[Cell]:
    cells = []
    for level, c in zip(LEVELS, counts, strict=True):
        key = f"{level}_pct"
        got = pct(c, n)
        cells.append(Cell(table, label, key, int(published[key]), got,
                          reason if got != int(published[key]) else ""))
        cells.append(Cell(table, label, level, int(published[level]), c))
    return cells


def earlier_cohort(current: Sequence[LeaveCounts], cohort: int,
                   shares: Mapping[str, Any], size: float = 1.0) -> tuple[LeaveCounts, ...]:
    """Another cohort of the same departments: ``size`` times as many parents (at most
    as many as now in each department, so they can be drawn from today's staff), with
    counts near ``shares`` of the total.

    ``shares`` maps ge11/ge17/ge24 to a target share (a fraction) or, under the key
    ``pct_*``, to a published whole percent that the total must round to exactly.
    """
    if not 0 < size <= 1:
        raise ValueError(f"priors.toml: cohort size {size} must be in (0, 1]")
    now = [row.n for row in current]
    sizes = apportion(round(sum(now) * size), [float(n) for n in now], now)
    total_n = sum(sizes)
    totals: dict[str, int] = {}
    for level in LEVELS:
        if f"pct_{level}" in shares:
            target = int(shares[f"pct_{level}"])
            options = [c for c in range(total_n + 1) if fits([c], [target], total_n)]
            if not options:
                raise ValueError(f"no count of {total_n} parents rounds to {target} %")
            totals[level] = min(options, key=lambda c: (abs(Fraction(100 * c, total_n) - target),
                                                        c))
        else:
            totals[level] = round(float(shares[level]) * total_n)
    caps = sizes
    rows: dict[str, list[int]] = {}
    for level in LEVELS:
        weights = [float(getattr(row, level)) or 0.5 for row in current]
        rows[level] = apportion(totals[level], weights, caps)
        caps = rows[level]
    return tuple(
        LeaveCounts(cohort, row.gender, row.department, sizes[i],
                    rows["ge11"][i], rows["ge17"][i], rows["ge24"][i])
        for i, row in enumerate(current)
    )
