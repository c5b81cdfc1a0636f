"""Calibration of whole tables: the hidden unit takes what totals hold beyond departments."""

from __future__ import annotations

from ligestat.synth.calibrate import calibrate
from ligestat.synth.calibrate_leave import solve_leave_table
from ligestat.synth.model import LeaveCounts


def _row(dep: str, *cells: int) -> dict[str, str]:
    keys = ("ge11_pct", "ge11", "ge17_pct", "ge17", "ge24_pct", "ge24")
    return {"department": dep, **{k: str(v) for k, v in zip(keys, cells, strict=True)}}


def test_total_beyond_the_departments_goes_to_the_hidden_unit() -> None:
    # A: 5 of 10 ≥ 11 weeks. Total: 6 (50 %), 2 (17 %), 1 (8 %) → 12 parents: the hidden
    # unit has 2, one of them ≥ 11 weeks.
    solution = solve_leave_table("t", [_row("A", 50, 5, 20, 2, 10, 1)],
                                 _row("I alt", 50, 6, 17, 2, 8, 1),
                                 gender="man", cohort=2023, other_unit="X")
    assert solution.rows == (LeaveCounts(2023, "man", "A", 10, 5, 2, 1),
                             LeaveCounts(2023, "man", "X", 2, 1, 0, 0))
    assert all(c.ok for c in solution.cells)


def test_an_impossible_total_is_reported_not_hidden() -> None:
    # A needs n = 10; the total's 50 % of 5 also needs 10, but 40 % of 2 needs 5: no common n
    solution = solve_leave_table("t", [_row("A", 50, 5, 20, 2, 10, 1)],
                                 _row("I alt", 50, 5, 40, 2, 10, 1),
                                 gender="man", cohort=2023, other_unit="X")
    bad = [c for c in solution.cells if not c.ok]
    assert bad and all(c.row == "total" and c.reason for c in bad)
    assert all(c.ok for c in solution.cells if c.row == "A")


def test_every_impossible_cell_of_the_publication_carries_a_proof() -> None:
    plan = calibrate()
    assert plan.impossible
    assert all(c.reason and c.reproduced != c.published for c in plan.impossible)
    assert all(not c.reason for c in plan.cells if c.ok)
