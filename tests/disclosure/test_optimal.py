"""Optimal secondary suppression (integer programming) against the greedy method."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ligestat.disclosure import audit, resolve_policy, suppress
from ligestat.errors import ConfigError

SICK = {"D0": (15, 9, 6, 6), "D1": (2, 2, 7, 0), "D2": (22, 4, 16, 6), "D3": (15, 6, 3, 3)}


def _cost(result: object) -> float:
    """People hidden plus cells hidden: what the integer programme minimises."""
    return sum(c.value + 1 for c in result.cells)  # type: ignore[attr-defined]


def test_optimal_hides_less_than_greedy_where_greedy_is_not_optimal(
        tb: SimpleNamespace) -> None:
    cfg = tb.make_config(list(SICK))
    policy = resolve_policy("standard", cfg)
    tables = {"child_sick_days": tb.sick_table(2024, SICK)}
    greedy = audit(suppress(tables, policy, method="greedy"), tables, policy)
    optimal = audit(suppress(tables, policy, method="optimal"), tables, policy)
    assert greedy.ok and optimal.ok
    assert _cost(optimal) < _cost(greedy)
    # D3's 3 entitled men need a partner in their column: the cheapest is D0's 6
    assert ("child_sick_days", 0, "men_entitled") in {(c.table, c.row, c.key)
                                                      for c in optimal.cells}


def test_optimal_is_never_worse_than_greedy(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A", "B", "C"])
    policy = resolve_policy("strict", cfg)
    tables = {"fathers_leave": tb.leave_table(
        {"A": (29, 23, 6, 2), "B": (40, 30, 12, 8), "C": (50, 40, 20, 10)})}
    greedy = audit(suppress(tables, policy, method="greedy"), tables, policy)
    optimal = audit(suppress(tables, policy, method="optimal"), tables, policy)
    assert optimal.ok and _cost(optimal) <= _cost(greedy)


def test_the_method_is_chosen_in_the_config(tb: SimpleNamespace) -> None:
    cfg = tb.make_config(["A"], disclosure='[disclosure]\nmethod = "optimal"\n')
    assert resolve_policy("standard", cfg).method == "optimal"
    assert resolve_policy("standard", tb.make_config(["A"])).method == "greedy"
    with pytest.raises(ConfigError):
        resolve_policy("standard", tb.make_config(["A"], disclosure=(
            '[disclosure]\nmethod = "best"\n')))
