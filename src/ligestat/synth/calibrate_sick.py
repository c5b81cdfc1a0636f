"""Children's sick days (Table 7): entitled employees per department, gender and year.

2024 publishes, per department, the women and men who took children's sick days
with their rounded shares, and the rounded gap; the entitled denominators are
solved jointly so that both shares and the gap round as published. The unit shown
in no table holds entitled employees who took none, as few as make the total row
round as published. 2022 and 2023 publish only gaps: their take-up rates start
from 2024's, shifted as little as possible (least squares) so that the total gap
is met, then the counts are searched so every rounded gap is exact.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ligestat.synth.model import Cell, SickCounts
from ligestat.synth.rounding import gap_pp, pct, pp
from ligestat.synth.solvers import denominators, fits, impossibility, nearest_denominator

__all__ = ["SickSolution", "solve_sick_days"]

_SEARCH = 40  # how far (in people) the total row may add non-takers, or a count may move


@dataclass(frozen=True)
class SickSolution:
    rows: tuple[SickCounts, ...]
    cells: tuple[Cell, ...]


def _gap_ok(row: SickCounts, target: int) -> bool:
    if min(row.women_entitled, row.men_entitled) <= 0:
        return False
    value = gap_pp(row.women_took, row.women_entitled, row.men_took, row.men_entitled)
    return pp(value) == target and (abs(value) - int(abs(value))) != Fraction(1, 2)


def _gap(row: SickCounts) -> Fraction:
    return gap_pp(row.women_took, row.women_entitled, row.men_took, row.men_entitled)


def _total(rows: Sequence[SickCounts], year: int) -> SickCounts:
    return SickCounts(year, "total", sum(r.women_entitled for r in rows),
                      sum(r.women_took for r in rows), sum(r.men_entitled for r in rows),
                      sum(r.men_took for r in rows))


def _solve_2024_row(r: Mapping[str, str], year: int) -> tuple[SickCounts, dict[str, str]]:
    """Entitled women and men of one department; reasons for cells that cannot be met."""
    dep = r["department"]
    tw, pw = int(r[f"women_{year}"]), int(r[f"women_pct_{year}"])
    tm, pm = int(r[f"men_{year}"]), int(r[f"men_pct_{year}"])
    gap = int(r[f"gap_pp_{year}"])
    reasons: dict[str, str] = {}
    ews = denominators([tw], [pw])
    if not ews:
        reasons[f"women_pct_{year}"] = impossibility(["women share"], [tw], [pw])
        ews = [nearest_denominator([tw], [pw]).n]
    ems = denominators([tm], [pm])
    if not ems:
        reasons[f"men_pct_{year}"] = impossibility(["men share"], [tm], [pm])
        ems = [nearest_denominator([tm], [pm]).n]

    def score(pair: tuple[int, int]) -> Fraction:
        ew, em = pair
        g = gap_pp(tw, ew, tm, em)
        return abs(Fraction(100 * tw, ew) - pw) + abs(Fraction(100 * tm, em) - pm) + abs(g - gap)

    pairs = sorted(itertools.product(ews, ems), key=lambda p: (score(p), p))
    good = [p for p in pairs if _gap_ok(SickCounts(year, dep, p[0], tw, p[1], tm), gap)]
    if not good:
        lo = min(pp(gap_pp(tw, ew, tm, em)) for ew, em in pairs)
        hi = max(pp(gap_pp(tw, ew, tm, em)) for ew, em in pairs)
        reasons[f"gap_pp_{year}"] = (
            f"with {tw} of n women ({pw} %) and {tm} of m men ({pm} %), the gap rounds to "
            f"{lo}–{hi} pp for every n and m that give the shares, never {gap}")
        good = pairs
    ew, em = good[0]
    return SickCounts(year, dep, ew, tw, em, tm), reasons


def _solve_total_2024(rows: Sequence[SickCounts], total: Mapping[str, str], year: int,
                      other_unit: str) -> tuple[SickCounts | None, str]:
    """Non-takers of the unit shown in no table that make the total row round as published."""
    base = _total(rows, year)
    tw, pw = int(total[f"women_{year}"]), int(total[f"women_pct_{year}"])
    tm, pm = int(total[f"men_{year}"]), int(total[f"men_pct_{year}"])
    gap = int(total[f"gap_pp_{year}"])
    if (tw, tm) != (base.women_took, base.men_took):
        raise ValueError("the total row's counts of takers differ from the departments' sums")
    options = []
    for xw in range(_SEARCH * 10):
        if not fits([tw], [pw], base.women_entitled + xw):
            continue
        for xm in range(_SEARCH * 10):
            row = SickCounts(year, "total", base.women_entitled + xw, tw,
                             base.men_entitled + xm, tm)
            if fits([tm], [pm], row.men_entitled) and _gap_ok(row, gap):
                options.append((xw + xm, xw, xm))
    if not options:
        return None, "no number of non-takers in the other unit makes the total row round"
    _, xw, xm = min(options)
    if xw + xm == 0:
        return None, ""
    return SickCounts(year, other_unit, xw, 0, xm, 0), ""


def _rates_for_year(base: Sequence[SickCounts], gaps: Sequence[int], total_gap: int,
                    sizes: Sequence[tuple[int, int]]) -> list[tuple[float, float]]:
    """Take-up rates (women, men) per row: 2024's level, published gap, least-squares shift."""
    ew_total = sum(s[0] for s in sizes)
    em_total = sum(s[1] for s in sizes)
    a = [s[0] / ew_total for s in sizes]
    b = [s[1] / em_total for s in sizes]
    level = [((r.women_took / r.women_entitled if r.women_entitled else 0.6)
              + (r.men_took / r.men_entitled if r.men_entitled else 0.6)) / 2 for r in base]
    half = [g / 200 for g in gaps]
    current = sum(ai * (lv + h) - bi * (lv - h) for ai, bi, lv, h in zip(a, b, level, half,
                                                                         strict=True))
    direction = [ai - bi for ai, bi in zip(a, b, strict=True)]
    norm = sum(d * d for d in direction)
    step = (total_gap / 100 - current) / norm if norm else 0.0
    shifted = [min(max(lv + step * d, 0.2), 0.9) for lv, d in zip(level, direction, strict=True)]
    return [(lv + h, lv - h) for lv, h in zip(shifted, half, strict=True)]


def _fit_row(row: SickCounts, gap: int, rate_w: float, rate_m: float) -> SickCounts:
    """Counts of takers nearest the rates whose gap rounds to ``gap``."""
    tw0 = round(rate_w * row.women_entitled)
    tm0 = round(rate_m * row.men_entitled)
    best: tuple[int, SickCounts] | None = None
    for dw in range(-_SEARCH, _SEARCH + 1):
        for dm in range(-_SEARCH, _SEARCH + 1):
            tw, tm = tw0 + dw, tm0 + dm
            if not (0 <= tw <= row.women_entitled and 0 <= tm <= row.men_entitled):
                continue
            cand = SickCounts(row.year, row.department, row.women_entitled, tw,
                              row.men_entitled, tm)
            if _gap_ok(cand, gap) and (best is None or abs(dw) + abs(dm) < best[0]):
                best = (abs(dw) + abs(dm), cand)
    if best is None:
        raise ValueError(f"{row.year} {row.department}: no counts give a gap of {gap} pp")
    return best[1]


def _balance_total(rows: list[SickCounts], gaps: Sequence[int], total_gap: int,
                   year: int) -> list[SickCounts]:
    """Move single takers, keeping every row's rounded gap, until the total's gap rounds."""
    for _ in range(10_000):
        total = _total(rows, year)
        if _gap_ok(total, total_gap):
            return rows
        want_up = _gap(total) < total_gap
        moved = False
        for i, (row, g) in enumerate(zip(rows, gaps, strict=True)):
            for dw, dm in (((1, 0), (0, -1)) if want_up else ((-1, 0), (0, 1))):
                cand = SickCounts(year, row.department, row.women_entitled, row.women_took + dw,
                                  row.men_entitled, row.men_took + dm)
                if (0 <= cand.women_took <= cand.women_entitled
                        and 0 <= cand.men_took <= cand.men_entitled and _gap_ok(cand, g)):
                    rows[i] = cand
                    moved = True
                    break
            if moved:
                break
        if not moved:
            raise ValueError(f"{year}: the total gap of {total_gap} pp cannot be reached")
    raise ValueError(f"{year}: the total gap of {total_gap} pp was not reached")


def solve_sick_days(rows: Sequence[Mapping[str, str]], total: Mapping[str, str], *,
                    years: Sequence[int], scales: Mapping[int, float],
                    other_unit: str) -> SickSolution:
    """Entitled and taking employees per department for every published year."""
    last = max(years)
    cells: list[Cell] = []
    solved: list[SickCounts] = []
    for r in rows:
        row, reasons = _solve_2024_row(r, last)
        solved.append(row)
        cells.extend(_cells(r, r["department"], row, last, reasons))
    other, reason = _solve_total_2024(solved, total, last, other_unit)
    current = list(solved) + ([other] if other else [])
    out = list(current)
    cells.extend(_cells(total, "total", _total(current, last), last,
                        dict.fromkeys((f"women_pct_{last}", f"men_pct_{last}",
                                       f"gap_pp_{last}"), reason)))
    labels = [r["department"] for r in rows] + ([other_unit] if other else [])
    for year in sorted(y for y in years if y != last):
        scale = scales[year]
        gaps = [int(r[f"gap_pp_{year}"]) for r in rows] + ([0] if other else [])
        base = [SickCounts(year, lab, max(1, round(scale * s.women_entitled)), 0,
                           max(1, round(scale * s.men_entitled)), 0)
                for lab, s in zip(labels, current, strict=True)]
        rates = _rates_for_year(current, gaps,
                                int(total[f"gap_pp_{year}"]),
                                [(b.women_entitled, b.men_entitled) for b in base])
        fitted = [_fit_row(b, g, rw, rm) for b, g, (rw, rm) in zip(base, gaps, rates, strict=True)]
        if other:  # the other unit's gap is not published: any gap will do
            fitted[-1] = SickCounts(year, other_unit, base[-1].women_entitled,
                                    round(rates[-1][0] * base[-1].women_entitled),
                                    base[-1].men_entitled,
                                    round(rates[-1][1] * base[-1].men_entitled))
        fitted = _balance_total(fitted, gaps[: len(rows)] + ([pp(_gap(fitted[-1]))]
                                                            if other else []),
                                int(total[f"gap_pp_{year}"]), year)
        for r, row in zip(rows, fitted, strict=False):
            cells.append(Cell("child_sick_days", r["department"], f"gap_pp_{year}",
                              int(r[f"gap_pp_{year}"]), pp(_gap(row))))
        cells.append(Cell("child_sick_days", "total", f"gap_pp_{year}",
                          int(total[f"gap_pp_{year}"]), pp(_gap(_total(fitted, year)))))
        out.extend(fitted)
    return SickSolution(tuple(out), tuple(cells))


def _cells(published: Mapping[str, str], label: str, row: SickCounts, year: int,
           reasons: Mapping[str, str]) -> list[Cell]:
    values = {
        f"women_pct_{year}": pct(row.women_took, row.women_entitled),
        f"women_{year}": row.women_took,
        f"men_pct_{year}": pct(row.men_took, row.men_entitled),
        f"men_{year}": row.men_took,
        f"gap_pp_{year}": pp(_gap(row)),
    }
    out = []
    for key, got in values.items():
        want = int(published[key])
        out.append(Cell("child_sick_days", label, key, want, got,
                        reasons.get(key, "") if got != want else ""))
    return out
