"""Primary suppression: the threshold rule, and what a suppressed count takes with it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ligestat.disclosure import apply_policy, audit, resolve_policy


def test_a_small_band_between_nested_thresholds_is_protected(tb: SimpleNamespace) -> None:
    """Issue 14: in the demo, mothers in one department 70 − 67 = 3 took under 11 weeks and
    67 − 66 = 1 took 11–16 weeks, with every count over the threshold. The bands between
    n, ge11, ge17 and ge24 are counts of people too: the audit must leave them open."""
    cfg = tb.make_config(["A", "B", "C"], hidden=["H"])
    tables = {"mothers_leave": tb.leave_table(
        {"A": (70, 67, 66, 60), "B": (80, 70, 50, 30), "C": (90, 80, 60, 40)},
        hidden=(10, 9, 8, 7))}
    policy = resolve_policy("standard", cfg)
    out = apply_policy(tables, policy="standard", config=cfg)
    a = _row(out["mothers_leave"], "A")
    assert a["ge11"] is None and a["ge17"] is None
    result = audit(out, tables, policy, hidden_units=True)
    assert result.ok, result.failures
    cells = {(c.row, c.key): c for c in result.cells if c.table == "mothers_leave"}
    n = a["n"]
    low11, high11 = cells[(0, "ge11")].low, cells[(0, "ge11")].high
    assert (n - low11) - (n - high11) >= policy.rule("mothers_leave").protection


def _row(rows: list[dict[str, Any]], department: str) -> dict[str, Any]:
    return next(r for r in rows if r["department"] == department)


def test_counts_between_one_and_four_are_suppressed_with_their_share_and_target(
        tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B", "C"], hidden=["H"])
    tables = {"fathers_leave": tb.leave_table(
        {"A": (20, 19, 3, 0), "B": (40, 30, 12, 8), "C": (50, 40, 20, 10)}, hidden=(2, 2, 1, 0))}
    a = _row(apply_policy(tables, policy="standard", config=cfg)["fathers_leave"], "A")
    assert a["ge17"] is None and a["ge17_share"] is None and a["ge17_target_met"] is None
    assert a["ge24"] == 0  # zero names nobody: published
    # n − ge11 = 1 father took under 11 weeks: a band of one, so ge11 goes too (issue 14)
    assert a["ge11"] is None and a["ge11_target_met"] is None
    assert set(a["suppressed"]) >= {"ge11", "ge17", "ge17_share", "ge17_target_met"}


def test_strict_suppresses_under_ten(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B"], hidden=["H"])
    tables = {"fathers_leave": tb.leave_table({"A": (30, 20, 9, 5), "B": (40, 30, 12, 10)},
                                              hidden=(3, 3, 1, 1))}
    standard = _row(apply_policy(tables, policy="standard", config=cfg)["fathers_leave"], "A")
    strict = _row(apply_policy(tables, policy="strict", config=cfg)["fathers_leave"], "A")
    # ge17 − ge24 = 4 took 17–23 weeks: a small band, so ge24 goes under standard too
    assert standard["ge17"] == 9 and standard["ge24"] is None
    assert strict["ge17"] is None and strict["ge24"] is None


def test_a_suppressed_took_count_takes_its_share_gap_and_target(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B"], hidden=["H"])
    tables = {"child_sick_days": [
        tb.sick_row(2024, "A", 40, 30, 6, 3), tb.sick_row(2024, "B", 50, 35, 40, 25),
        tb.sick_row(2024, "total", 95, 70, 48, 30)]}
    a = _row(apply_policy(tables, policy="standard", config=cfg)["child_sick_days"], "A")
    assert a["men_took"] is None and a["men_share"] is None
    assert a["gap_pp"] is None and a["target_met"] is None
    assert a["women_took"] == 30 and a["women_share"] == 30 / 40  # women's side stays
    assert set(a["suppressed"]) == {"men_took", "men_share", "gap_pp", "target_met"}


def test_a_cell_null_because_it_cannot_be_computed_is_not_listed(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B"], hidden=["H"])
    tables = {"fathers_leave": tb.leave_table({"A": (0, 0, 0, 0), "B": (40, 30, 12, 3)},
                                              hidden=(9, 9, 9, 9))}
    out = apply_policy(tables, policy="standard", config=cfg)["fathers_leave"]
    a = _row(out, "A")
    assert a["ge11_share"] is None and not a.get("suppressed")
    assert "ge24" in _row(out, "B")["suppressed"]


def test_managers_are_public_under_standard_and_strict(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B"])
    rows = [tb.manager_row("A", 1, 2, 0), tb.manager_row("B", 2, 1, 0),
            tb.manager_row("total", 3, 3, 0)]
    for policy in ("standard", "strict"):
        assert apply_policy({"managers_level_1": rows}, policy=policy,
                            config=cfg)["managers_level_1"] == rows


def test_a_manager_of_gender_other_is_protected_as_in_the_staff_tables(
        tb: SimpleNamespace) -> None:
    """Issue 14: the managers' tables published other = 1 in a named department while the
    staff tables suppress counts of gender other from 1 to 4: one policy for both."""
    cfg = tb.make_config(["A", "B"])
    rows = [tb.manager_row("A", 1, 2, 0), tb.manager_row("B", 2, 1, 1),
            tb.manager_row("total", 3, 3, 1)]
    for policy in ("standard", "strict"):
        out = apply_policy({"managers_level_1": rows}, policy=policy,
                           config=cfg)["managers_level_1"]
        assert out[1]["other"] is None and out[2]["other"] is None
        assert out[0]["other"] == 0  # zero names nobody
        assert apply_policy({"managers_level_1": rows}, policy="public",
                            config=cfg)["managers_level_1"] == rows


def test_few_of_gender_other_are_suppressed_in_staff_tables(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A"])
    staff = [{"gender": g, "n": n, "share": n / 1003} for g, n in
             (("woman", 700), ("man", 300), ("other", 3))]
    out = apply_policy({"staff_gender": staff}, policy="standard", config=cfg)["staff_gender"]
    other = out[2]
    assert other["n"] is None and other["share"] is None
    # the women's share would give the total and so the other count back: it goes too
    assert all(r["share"] is None for r in out)


def test_show_counts_false_is_refused_because_exact_shares_give_the_counts_back(
        tb: SimpleNamespace) -> None:
    """Issue 14: with show_counts = false the exact shares and the trend's n recovered all
    four counts of the largest department. The option is refused with the reason."""
    import pytest

    from ligestat.errors import ConfigError

    cfg = tb.make_config(["A", "B"], hidden=["H"], disclosure=(
        "[disclosure.tables.mothers_leave]\nshow_counts = false\n"))
    tables = {"mothers_leave": tb.leave_table({"A": (60, 58, 50, 40), "B": (80, 79, 70, 60)},
                                              hidden=(5, 5, 5, 5))}
    with pytest.raises(ConfigError, match="show_counts = false is no longer offered"):
        apply_policy(tables, policy="standard", config=cfg)
