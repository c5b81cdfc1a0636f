"""Fathers' and mothers' leave: thresholds, cohort, targets, totals — worked by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ligestat.api import compute_tables, load

EMP = [("2024-09-30", "x", "woman", 1980, "A", "HK", None, "")]


def _leave(make_org: Callable[..., Path], leave: list[tuple[object, ...]],
           extra: str = "") -> dict[str, list[dict[str, object]]]:
    folder = make_org(departments={"A": True, "B": True, "H": False}, employees=EMP,
                      leave=leave, extra_config=extra)
    return compute_tables(load(folder), 2025, ["fathers_leave", "mothers_leave",
                                               "fathers_leave_trend"])


def test_weeks_exactly_on_a_threshold_count_and_just_below_do_not(make_org) -> None:  # type: ignore[no-untyped-def]
    weeks = [11, 10.99, 17, 16.9, 24, 23.99, 0]
    leave = [(f"f{i}", "m", "A", "2023-06-01", w) for i, w in enumerate(weeks)]
    a = _leave(make_org, leave)["fathers_leave"][0]
    # ≥11: 11, 17, 16.9, 24, 23.99 → 5; ≥17: 17, 24, 23.99 → 3; ≥24: 24 → 1
    assert (a["department"], a["n"], a["ge11"], a["ge17"], a["ge24"]) == ("A", 7, 5, 3, 1)
    assert a["ge11_share"] == 5 / 7 and a["ge17_share"] == 3 / 7 and a["ge24_share"] == 1 / 7


def test_only_children_born_in_year_minus_two_count(make_org) -> None:  # type: ignore[no-untyped-def]
    leave = [
        ("f1", "m", "A", "2022-12-31", 30),  # previous cohort
        ("f2", "m", "A", "2023-01-01", 30),  # first day of the cohort
        ("f3", "m", "A", "2023-12-31", 5),   # last day of the cohort
        ("f4", "m", "A", "2024-01-01", 30),  # next cohort
    ]
    tables = _leave(make_org, leave)
    a = tables["fathers_leave"][0]
    assert (a["n"], a["ge11"]) == (2, 1)
    trend = {r["cohort"]: (r["report_year"], r["n"]) for r in tables["fathers_leave_trend"]}
    assert trend == {2022: (2024, 1), 2023: (2025, 2)}  # the 2024 cohort is after the year


def test_configured_cohort_replaces_the_calendar_year(make_org) -> None:  # type: ignore[no-untyped-def]
    leave = [("f1", "m", "A", "2022-10-01", 30), ("f2", "m", "A", "2023-10-01", 30)]
    extra = '[parental_leave]\ncohort_start = "2022-07-01"\ncohort_end = "2023-06-30"\n'
    a = _leave(make_org, leave, extra)["fathers_leave"][0]
    assert a["n"] == 1


def test_fathers_targets_judged_exactly_and_mothers_have_none(make_org) -> None:  # type: ignore[no-untyped-def]
    # A: 19 of 20 fathers ≥ 11 weeks = 95 % exactly → met; 12 of 20 ≥ 17 = 60 % → met
    # B: 18 of 20 ≥ 11 = 90 % → not met; 11 of 20 ≥ 17 = 55 % → not met
    leave = [(f"a{i}", "m", "A", "2023-03-01", 17 if i < 12 else (11 if i < 19 else 3))
             for i in range(20)]
    leave += [(f"b{i}", "mand", "B", "2023-03-01", 17 if i < 11 else (11 if i < 18 else 3))
              for i in range(20)]
    leave += [(f"w{i}", "kvinde", "A", "2023-03-01", 40) for i in range(3)]
    leave += [("h1", "M", "H", "2023-03-01", 2)]  # hidden unit: total only
    tables = _leave(make_org, leave)
    rows = {r["department"]: r for r in tables["fathers_leave"]}
    assert (rows["A"]["ge11_target_met"], rows["A"]["ge17_target_met"]) == (True, True)
    assert (rows["B"]["ge11_target_met"], rows["B"]["ge17_target_met"]) == (False, False)
    total = rows["total"]
    assert (total["n"], total["ge11"], total["ge17"]) == (41, 37, 23)
    assert total["ge11_target_met"] is False  # 37/41 = 90.2 %
    mothers = {r["department"]: r for r in tables["mothers_leave"]}
    assert (mothers["A"]["n"], mothers["A"]["ge24"]) == (3, 3)
    assert mothers["A"]["ge11_target_met"] is None and mothers["A"]["ge17_target_met"] is None
    assert mothers["B"]["n"] == 0 and mothers["B"]["ge11_share"] is None


def test_empty_department_is_not_assessable(make_org) -> None:  # type: ignore[no-untyped-def]
    rows = _leave(make_org, [("f1", "m", "A", "2023-03-01", 12)])["fathers_leave"]
    b = next(r for r in rows if r["department"] == "B")
    assert (b["n"], b["ge11_share"], b["ge11_target_met"]) == (0, None, None)
