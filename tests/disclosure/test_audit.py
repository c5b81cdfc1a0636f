"""The audit: the interval an attacker can derive for every suppressed count."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from ligestat.disclosure import apply_policy, audit, resolve_policy
from ligestat.errors import DisclosureError


def test_a_primary_cell_left_published_fails_the_audit(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B"], hidden=["H"])
    tables = {"fathers_leave": tb.leave_table({"A": (20, 18, 9, 3), "B": (40, 30, 12, 8)},
                                              hidden=(5, 4, 3, 2))}
    result = audit(tables, tables, resolve_policy("standard", cfg))
    assert not result.ok
    # ge24 = 3, and the bands n − ge11 = 2 (A) and ge17 − ge24 = 4 (B) (issue 14)
    assert [(c.row, c.key, c.published) for c in result.failures] == [
        (0, "ge11", True), (0, "ge24", True), (1, "ge24", True)]


def test_public_tables_pass_the_public_audit(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B"])
    tables = {"fathers_leave": tb.leave_table({"A": (2, 1, 1, 0), "B": (40, 30, 12, 8)})}
    result = audit(tables, tables, resolve_policy("public", cfg))
    assert result.ok and result.cells == ()


def test_two_suppressed_cells_of_one_column_share_what_the_total_leaves(
        tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B", "C"])
    tables = {"child_sick_days": tb.sick_table(2023, {
        "A": (10, 7, 9, 2), "B": (10, 6, 8, 3), "C": (100, 70, 90, 50)})}
    out = apply_policy(tables, policy="standard", config=cfg)
    rows = out["child_sick_days"]
    assert rows[0]["men_took"] is None and rows[1]["men_took"] is None
    result = audit(out, tables, resolve_policy("standard", cfg))
    by_row = {c.row: c for c in result.cells if c.key == "men_took"}
    # A + B = 55 − 50 = 5; A ≤ 9, B ≤ 8
    assert (by_row[0].low, by_row[0].high) == (0, 5)
    assert (by_row[1].low, by_row[1].high) == (0, 5)
    assert result.ok


def test_a_suppressed_cell_in_no_relation_is_unbounded_above(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A"])
    rows = [{"age_band": "20-29", "gender": "other", "n": 2},
            {"age_band": "30-39", "gender": "other", "n": 7}]
    tables = {"staff_age_gender": rows}
    out = apply_policy(tables, policy="standard", config=cfg)
    result = audit(out, tables, resolve_policy("standard", cfg))
    (cell,) = result.cells
    assert cell.low == 0 and cell.high == math.inf and cell.ok


def test_tables_of_different_shapes_cannot_be_audited(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B"])
    tables = {"fathers_leave": tb.leave_table({"A": (2, 1, 1, 0), "B": (40, 30, 12, 8)})}
    shorter = {"fathers_leave": tables["fathers_leave"][:2]}
    with pytest.raises(DisclosureError):
        audit(shorter, tables, resolve_policy("standard", cfg))


def test_a_table_left_out_of_the_publication_is_unknown_not_judged(
        tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A"])
    ages = [{"age_band": b, "gender": "other", "n": n} for b, n in (("20-29", 1), ("30-39", 8))]
    staff = [{"gender": "woman", "n": 50, "share": 50 / 59}, {"gender": "other", "n": 9,
                                                               "share": 9 / 59}]
    tables = {"staff_gender": staff, "staff_age_gender": ages}
    policy = resolve_policy("standard", cfg)
    # only staff_gender is published: nothing in it is suppressed, nothing to judge
    result = audit({"staff_gender": staff}, tables, policy)
    assert result.ok and result.cells == ()
    # both published, the 1 suppressed alone: 9 − 8 gives it back
    out = {"staff_gender": staff, "staff_age_gender": [
        {**ages[0], "n": None, "suppressed": ["n"]}, ages[1]]}
    (cell,) = audit(out, tables, policy).cells
    assert (cell.low, cell.high) == (1, 1) and not cell.ok
