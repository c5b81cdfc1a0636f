"""Models beyond counting: the adjusted pay gap from pay.csv's optional columns.

``adjusted_gap(ws, year)`` runs the Swiss standard analysis model (``logib``) and an
Oaxaca–Blinder split (``oaxaca``) on the pay year of a report year, when pay.csv
carries the model's columns (``birth_year``, ``training``, ``years_of_service``,
``level_of_requirements``, ``professional_position``; docs/pay.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ligestat.analysis.logib import MIN_WORKERS, LogibResult, Worker, _design, standard_analysis
from ligestat.analysis.oaxaca import OaxacaResult, oaxaca_blinder

__all__ = ["AdjustedGap", "LogibResult", "OaxacaResult", "Worker", "adjusted_gap",
           "model_workers"]

_MODEL = ("birth_year", "training", "years_of_service", "level_of_requirements",
          "professional_position")


@dataclass(frozen=True)
class AdjustedGap:
    pay_year: int
    logib: LogibResult
    oaxaca: OaxacaResult
    left_out: int  # workers of the pay year not in the model (other gender, missing columns)


def model_workers(con: Any, pay_year: int) -> tuple[list[Worker], int]:
    """The pay year's workers with every model column, and how many were left out."""
    filled = " AND ".join(f"{c} IS NOT NULL" for c in _MODEL)
    rows = con.execute(
        f"SELECT gender = 'woman', (basic_pay + variable_pay) / hours_paid, "
        f"{pay_year} - birth_year, training, years_of_service, level_of_requirements, "
        f"professional_position FROM pay WHERE year = ? AND gender IN ('woman', 'man') "
        f"AND basic_pay + variable_pay > 0 AND {filled} ORDER BY employee_id",
        [pay_year]).fetchall()
    total = con.execute("SELECT count(*) FROM pay WHERE year = ?", [pay_year]).fetchone()[0]
    workers = [Worker(bool(r[0]), float(r[1]), float(r[2]), int(r[3]), float(r[4]), int(r[5]),
                      int(r[6])) for r in rows]
    return workers, int(total) - len(workers)


def adjusted_gap(con: Any, pay_year: int) -> AdjustedGap | None:
    """The adjusted gap of a pay year, or None when the data cannot carry the model."""
    workers, left_out = model_workers(con, pay_year)
    women = sum(w.woman for w in workers)
    if len(workers) < MIN_WORKERS or women in (0, len(workers)):
        return None
    design = _design(workers)  # one design and one pooled fit serve both views
    logib = standard_analysis(workers, design)
    return AdjustedGap(pay_year, logib, oaxaca_blinder(workers, design, logib.fit), left_out)
