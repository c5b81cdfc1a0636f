"""Children's sick days: entitlement, 'took', years, the gap and its target — by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ligestat.api import compute_tables, load

EMP = [("2024-09-30", "x", "woman", 1980, "A", "HK", None, "")]


def _rows(women: tuple[int, int], men: tuple[int, int], dept: str = "A",
          year: int = 2024) -> list[tuple[object, ...]]:
    """(entitled, took) for each gender → rows; the non-takers took 0 days."""
    rows: list[tuple[object, ...]] = []
    for gender, (entitled, took) in (("woman", women), ("man", men)):
        rows += [(year, f"{dept}{gender}{year}-{i}", gender, dept, "true", 2 if i < took else 0)
                 for i in range(entitled)]
    return rows


def _sick(make_org: Callable[..., Path], sick: list[tuple[object, ...]],
          year: int = 2025) -> list[dict[str, object]]:
    folder = make_org(departments={"A": True, "B": True, "H": False}, employees=EMP, sick=sick)
    return compute_tables(load(folder), year, ["child_sick_days"])["child_sick_days"]


@pytest.mark.parametrize(("women", "men", "gap", "met"), [
    ((10, 6), (10, 5), 10.0, True),            # exactly 10 pp: at most 10 → met
    ((11, 8), (8, 5), 100 * (8 / 11 - 5 / 8), False),  # 10.2 pp prints as 10 but is above
    ((3, 2), (7, 4), 100 * (2 / 3 - 4 / 7), True),
    ((5, 1), (5, 4), -60.0, False),            # signed gap; the target compares |gap|
])
def test_gap_is_signed_and_judged_exactly(make_org, women, men, gap, met) -> None:  # type: ignore[no-untyped-def]
    a = _sick(make_org, _rows(women, men))[0]
    assert (a["women_entitled"], a["women_took"], a["men_entitled"], a["men_took"]) == (
        women[0], women[1], men[0], men[1])
    assert a["gap_pp"] == pytest.approx(gap)
    assert a["target_met"] is met


def test_non_entitled_rows_are_ignored_and_zero_days_is_not_taking(make_org) -> None:  # type: ignore[no-untyped-def]
    sick = _rows((2, 1), (2, 2))
    sick += [(2024, "ne1", "k", "A", "nej", 5), (2024, "ne2", "m", "A", "0", 3)]
    a = _sick(make_org, sick)[0]
    assert (a["women_entitled"], a["women_took"], a["men_entitled"], a["men_took"]) == (2, 1, 2, 2)
    assert a["women_share"] == 0.5 and a["men_share"] == 1.0


def test_every_year_up_to_the_year_before_with_hidden_units_in_totals(make_org) -> None:  # type: ignore[no-untyped-def]
    sick = (_rows((4, 2), (4, 1), year=2022) + _rows((4, 3), (4, 3), year=2023)
            + _rows((4, 4), (4, 4), year=2024) + _rows((4, 4), (4, 0), year=2025)
            + _rows((2, 2), (0, 0), dept="H", year=2024))
    rows = _sick(make_org, sick)
    assert sorted({r["year"] for r in rows}) == [2022, 2023, 2024]  # 2025 is after Y−1
    assert [r["department"] for r in rows if r["year"] == 2024] == ["A", "B", "total"]
    total = next(r for r in rows if r["year"] == 2024 and r["department"] == "total")
    assert (total["women_entitled"], total["women_took"]) == (6, 6)
    b = next(r for r in rows if r["year"] == 2024 and r["department"] == "B")
    assert (b["women_share"], b["gap_pp"], b["target_met"]) == (None, None, None)
