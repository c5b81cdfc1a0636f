"""Property: after suppression, the audit never finds a count narrowed beyond the policy."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ligestat.disclosure import apply_policy, audit, optimal, resolve_policy

Quad = tuple[int, int, int, int]


@st.composite
def leave_counts(draw: st.DrawFn, high: int = 30) -> Quad:
    n = draw(st.integers(0, high))
    ge11 = draw(st.integers(0, n))
    ge17 = draw(st.integers(0, ge11))
    return n, ge11, ge17, draw(st.integers(0, ge17))


@st.composite
def sick_counts(draw: st.DrawFn, high: int = 40) -> Quad:
    we = draw(st.integers(0, high))
    me = draw(st.integers(0, high))
    return we, draw(st.integers(0, we)), me, draw(st.integers(0, me))


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    departments = [f"D{i}" for i in range(draw(st.integers(2, 4)))]
    hidden = draw(st.booleans())
    leave = {d: draw(leave_counts()) for d in departments}
    hidden_leave = draw(leave_counts(8)) if hidden else None
    sick = {d: draw(sick_counts()) for d in departments}
    others = draw(st.lists(st.integers(0, 7), min_size=2, max_size=4))
    managers = {d: draw(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 1)))
                for d in departments}
    policy = draw(st.sampled_from(["standard", "strict"]))
    override = f'[disclosure]\nmethod = "{draw(st.sampled_from(["greedy", "optimal"]))}"\n'
    if draw(st.booleans()):
        override += (f"[disclosure.tables.fathers_leave]\n"
                     f"min_count = {draw(st.integers(2, 8))}\n"
                     f"protection = {draw(st.integers(1, 5))}\n")
    if draw(st.booleans()):
        override += "[disclosure.tables.managers_level_1]\nmin_count = 3\n"
    return {"departments": departments, "hidden": hidden, "leave": leave,
            "hidden_leave": hidden_leave, "sick": sick, "others": others,
            "managers": managers, "policy": policy, "override": override}


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(scenarios())
def test_after_suppression_no_count_is_narrowed_beyond_the_policy(
        tb: SimpleNamespace, monkeypatch: pytest.MonkeyPatch, s: dict[str, Any]) -> None:
    monkeypatch.setattr(optimal, "BUDGET_S", 2.0)  # keep the suite fast; the result stays safe
    cfg = tb.make_config(s["departments"], hidden=["H"] if s["hidden"] else [],
                         disclosure=s["override"])
    ages: list[dict[str, Any]] = [{"age_band": f"b{i}", "gender": g, "n": n}
            for i, other in enumerate(s["others"])
            for g, n in (("woman", 40 + i), ("man", 30 + i), ("other", other))]
    totals = {g: sum(r["n"] for r in ages if r["gender"] == g) for g in ("woman", "man", "other")}
    grand = sum(totals.values())
    sick_rows = tb.sick_table(2024, s["sick"])
    if s["hidden"]:  # the hidden unit adds to the sick-days total as well
        extra = (3, 2, 4, 1)
        sick_rows[-1] = tb.sick_row(2024, "total", *(
            sick_rows[-1][k] + e for k, e in zip(
                ("women_entitled", "women_took", "men_entitled", "men_took"), extra,
                strict=True)))
    tables = {
        "fathers_leave": tb.leave_table(s["leave"], hidden=s["hidden_leave"]),
        "child_sick_days": sick_rows,
        "staff_gender": [{"gender": g, "n": n, "share": n / grand} for g, n in totals.items()],
        "staff_age_gender": ages,
        "managers_level_1": [
            *(tb.manager_row(d, *v) for d, v in s["managers"].items()),
            tb.manager_row("total", *(sum(v[k] for v in s["managers"].values())
                                      for k in range(3))),
        ],
    }
    policy = resolve_policy(s["policy"], cfg)
    out = apply_policy(tables, policy=s["policy"], config=cfg)
    result = audit(out, tables, policy, hidden_units=s["hidden"])
    assert result.ok, [c for c in result.failures]
    for cell in result.cells:
        if cell.kind == "primary":
            assert cell.high - cell.low >= policy.rule(cell.table).protection
