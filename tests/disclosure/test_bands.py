"""Bands and zeros (issue 14): a zero beside a small group, and a total that forces 100 %."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ligestat.disclosure import apply_policy, audit, resolve_policy
from ligestat.disclosure.primary import blank_cells

Rows = list[dict[str, Any]]


def _cell(result: Any, label: str, key: str) -> Any:
    return next(c for c in result.cells if (c.label, c.key) == (label, key))


def test_a_zero_beside_a_suppressed_group_of_one_is_pinned_and_then_protected(
        tb: SimpleNamespace) -> None:
    # A has one father, who took under 11 weeks: ge11 = ge17 = ge24 = 0
    tables = {"fathers_leave": tb.leave_table({"A": (1, 0, 0, 0), "B": (20, 15, 10, 5),
                                               "C": (20, 16, 11, 6)})}
    cfg = tb.make_config(["A", "B", "C"])
    policy = resolve_policy("standard", cfg)
    # unprotected: A's n suppressed with B's n (so the total cannot give it back), the
    # zeros published — they say what A's one father did
    naive = blank_cells(tables, {("fathers_leave", 0, "n"), ("fathers_leave", 1, "n")})
    assert naive["fathers_leave"][0]["ge11"] == 0
    result = audit(naive, tables, policy)
    pinned = _cell(result, "A", "ge11 − ge17")
    assert (pinned.kind, pinned.low, pinned.high) == ("zero band", 0, 0)
    assert not result.ok
    # the policy suppresses the zeros too, and what is published leaves every band open
    out = apply_policy(tables, policy="standard", config=cfg)
    a = out["fathers_leave"][0]
    assert a["n"] is None and a["ge11"] is None
    checked = audit(out, tables, policy)
    assert checked.ok, checked.failures
    assert all(c.high - c.low >= 1 for c in checked.cells if c.label == "A")


def test_a_total_with_n_equal_to_ge11_forces_no_suppressed_department_to_100_percent(
        tb: SimpleNamespace) -> None:
    # everyone took ≥ 11 weeks: the total's n = ge11 = 23 says so for A's three fathers too
    tables = {"fathers_leave": tb.leave_table({"A": (3, 3, 3, 1), "B": (20, 20, 12, 10)})}
    cfg = tb.make_config(["A", "B"])
    policy = resolve_policy("standard", cfg)
    naive = blank_cells(tables, {("fathers_leave", i, k) for i in (0, 1)
                                 for k in ("n", "ge11", "ge17", "ge24")})
    total = naive["fathers_leave"][-1]
    assert total["n"] == total["ge11"] == 23
    # n_A − ge11_A ≥ 0 and n_B − ge11_B ≥ 0 sum to 23 − 23 = 0: both are 0
    result = audit(naive, tables, policy)
    forced = _cell(result, "A", "n − ge11")
    assert (forced.low, forced.high) == (0, 0) and not forced.ok
    out = apply_policy(tables, policy="standard", config=cfg)
    shown = out["fathers_leave"][-1]
    assert shown["n"] is None or shown["ge11"] is None  # the total no longer says "all"
    checked = audit(out, tables, policy)
    assert checked.ok, checked.failures


def test_a_small_band_between_suppressed_counts_needs_the_protection_width(
        tb: SimpleNamespace) -> None:
    # B: 2 fathers took 11–16 weeks (ge11 − ge17 = 2), a count of its own under `standard`
    tables = {"fathers_leave": tb.leave_table({"A": (30, 20, 10, 5), "B": (30, 22, 20, 6),
                                               "C": (30, 25, 15, 7)})}
    cfg = tb.make_config(["A", "B", "C"])
    policy = resolve_policy("standard", cfg)
    out = apply_policy(tables, policy="standard", config=cfg)
    checked = audit(out, tables, policy)
    band = _cell(checked, "B", "ge11 − ge17")
    assert band.kind == "band" and band.value == 2
    assert band.high - band.low >= policy.rule("fathers_leave").protection
    assert checked.ok, checked.failures
