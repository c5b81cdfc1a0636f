"""Secondary suppression: no suppressed count can be recomputed from what is published."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ligestat.disclosure import apply_policy, audit, resolve_policy

Tables = dict[str, list[dict[str, Any]]]


def _hide(tables: Tables, table: str, index: int, *keys: str) -> Tables:
    """A copy of ``tables`` with only the given cells suppressed (primary only, by hand)."""
    out = {name: [dict(r) for r in rows] for name, rows in tables.items()}
    row = out[table][index]
    for key in keys:
        row[key] = None
    row["suppressed"] = list(keys)
    return out


def _cell(result: Any, table: str, row: int, key: str) -> Any:
    return next(c for c in result.cells if (c.table, c.row, c.key) == (table, row, key))


def test_one_suppressed_cell_in_a_column_is_recoverable_from_the_total(
        tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B", "C"])
    policy = resolve_policy("standard", cfg)
    tables = {"fathers_leave": tb.leave_table(
        {"A": (29, 23, 6, 2), "B": (40, 30, 12, 8), "C": (50, 40, 20, 10)})}
    only_primary = _hide(tables, "fathers_leave", 0, "ge24", "ge24_share")
    naive = audit(only_primary, tables, policy)
    a = _cell(naive, "fathers_leave", 0, "ge24")
    assert (a.low, a.high) == (2, 2)  # total 20 − 8 − 10
    assert not naive.ok

    out = apply_policy(tables, policy="standard", config=cfg)
    rows = out["fathers_leave"]
    assert rows[0]["ge24"] is None
    assert rows[1]["ge24"] is None  # the smallest other cell of the column goes with it
    assert rows[2]["ge24"] == 10 and rows[3]["ge24"] == 20
    result = audit(out, tables, policy)
    assert result.ok
    # A + B = 10, A ≤ A's ge17 = 6, B ≤ B's ge17 = 12
    assert (_cell(result, "fathers_leave", 0, "ge24").low,
            _cell(result, "fathers_leave", 0, "ge24").high) == (0, 6)
    assert (_cell(result, "fathers_leave", 1, "ge24").low,
            _cell(result, "fathers_leave", 1, "ge24").high) == (4, 10)


def test_a_large_hidden_unit_protects_a_single_cell_in_its_column(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B", "C"], hidden=["H"])
    tables = {"fathers_leave": tb.leave_table(
        {"A": (29, 23, 6, 2), "B": (40, 30, 14, 8), "C": (50, 40, 20, 10)},
        hidden=(20, 15, 10, 5))}
    out = apply_policy(tables, policy="standard", config=cfg)
    assert [r["ge24"] for r in out["fathers_leave"]] == [None, 8, 10, 25]
    result = audit(out, tables, resolve_policy("standard", cfg), hidden_units=True)
    a = _cell(result, "fathers_leave", 0, "ge24")
    # A + hidden = 7, A ≤ 6: the hidden unit's 5 is unknown to the attacker
    assert (a.low, a.high) == (0, 6) and result.ok


def test_a_hidden_unit_of_known_size_cannot_hide_much(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B", "C"], hidden=["H"])
    tables = {"fathers_leave": tb.leave_table(
        {"A": (29, 23, 6, 2), "B": (40, 30, 12, 8), "C": (50, 40, 20, 10)},
        hidden=(1, 1, 1, 1))}
    policy = resolve_policy("standard", cfg)
    naive = audit(_hide(tables, "fathers_leave", 0, "ge24", "ge24_share"), tables, policy,
                  hidden_units=True)
    # the hidden unit has n = 1 (total n minus the rows), so it hides at most 1
    a = _cell(naive, "fathers_leave", 0, "ge24")
    assert (a.low, a.high) == (2, 3) and not naive.ok
    out = apply_policy(tables, policy="standard", config=cfg)
    assert audit(out, tables, policy, hidden_units=True).ok
    assert sum(r["ge24"] is None for r in out["fathers_leave"]) >= 2


def _staff(other_by_age: dict[str, int]) -> Tables:
    ages: list[dict[str, Any]] = [{"age_band": band, "gender": g, "n": n}
            for band, other in other_by_age.items()
            for g, n in (("woman", 300), ("man", 200), ("other", other))]
    totals = {g: sum(r["n"] for r in ages if r["gender"] == g) for g in ("woman", "man", "other")}
    grand = sum(totals.values())
    staff = [{"gender": g, "n": n, "share": n / grand} for g, n in totals.items()]
    return {"staff_gender": staff, "staff_age_gender": ages}


def test_a_cell_recoverable_only_through_a_second_table_is_protected(
        tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A"])
    policy = resolve_policy("standard", cfg)
    tables = _staff({"<20": 0, "20-29": 1, "30-39": 5, "40-49": 6, "50-59": 0, "60+": 0})
    assert tables["staff_gender"][2]["n"] == 12  # ≥ 5: published
    other_20s = 5  # index of ("20-29", "other") in staff_age_gender

    # the age table alone gives nothing back: it has no total row
    alone = {"staff_age_gender": tables["staff_age_gender"]}
    out_alone = apply_policy(alone, policy="standard", config=cfg)
    assert [r["n"] is None for r in out_alone["staff_age_gender"]].count(True) == 1
    assert audit(out_alone, alone, policy).ok

    # with staff_gender published too, 12 − 5 − 6 gives the 1 back
    naive = audit(_hide(tables, "staff_age_gender", other_20s, "n"), tables, policy)
    cell = _cell(naive, "staff_age_gender", other_20s, "n")
    assert (cell.low, cell.high) == (1, 1)

    out = apply_policy(tables, policy="standard", config=cfg)
    result = audit(out, tables, policy)
    assert result.ok
    assert sum(r["n"] is None for r in out["staff_age_gender"] if r["gender"] == "other") >= 2
    assert all(r["n"] is not None for r in out["staff_age_gender"] if r["gender"] != "other")


def test_secondary_suppression_prefers_small_department_cells_to_totals(
        tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B", "C", "D"])
    tables = {"child_sick_days": tb.sick_table(2024, {
        "A": (40, 30, 6, 3), "B": (500, 350, 400, 250), "C": (60, 40, 50, 30),
        "D": (300, 200, 200, 120)})}
    out = apply_policy(tables, policy="standard", config=cfg)["child_sick_days"]
    assert out[0]["men_took"] is None
    assert out[2]["men_took"] is None  # 30, the smallest other men_took
    assert out[1]["men_took"] == 250 and out[3]["men_took"] == 120
    assert out[4]["men_took"] == 403


def test_the_fathers_trend_cannot_give_back_a_suppressed_total(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B"], hidden=["H"])
    fathers = tb.leave_table({"A": (12, 9, 3, 1), "B": (9, 7, 2, 1)}, hidden=(2, 1, 0, 0))
    assert fathers[-1]["ge24"] == 2  # total row: itself below the threshold
    trend = [{"cohort": c, "report_year": c + 2, "n": n, "ge11": a, "ge17": b, "ge24": d,
              "ge11_share": a / n, "ge17_share": b / n, "ge24_share": d / n}
             for c, (n, a, b, d) in ((2022, (20, 12, 6, 3)), (2023, (23, 17, 5, 2)))]
    tables = {"fathers_leave": fathers, "fathers_leave_trend": trend}
    policy = resolve_policy("standard", cfg)
    out = apply_policy(tables, policy="standard", config=cfg)
    assert out["fathers_leave"][-1]["ge24"] is None
    assert out["fathers_leave_trend"][-1]["ge24"] is None  # the same 2 fathers
    assert out["fathers_leave_trend"][0]["n"] == 20  # an earlier cohort is other people
    assert audit(out, tables, policy, hidden_units=True).ok
    naive = _hide(tables, "fathers_leave", 2, "ge24", "ge24_share")
    naive["fathers_leave_trend"][1]["ge24"] = 2  # suppressed in one table, shown in the other
    cell = _cell(audit(naive, tables, policy, hidden_units=True), "fathers_leave", 2, "ge24")
    assert (cell.low, cell.high) == (2, 2)
