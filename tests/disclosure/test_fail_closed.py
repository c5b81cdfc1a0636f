"""Disclosure fails closed: no table is published unprotected for want of a shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ligestat.config import demo_config
from ligestat.disclosure import apply_policy, audit, resolve_policy
from ligestat.errors import DisclosureError
from ligestat.indicators import REGISTRY, Selection, indicator, unregister
from ligestat.indicators.shape import KINDS


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_registered_indicator_has_a_disclosure_shape(name: str) -> None:
    shape = REGISTRY[name].disclosure
    assert shape is not None, f"{name} has no disclosure shape: it could not be published"
    assert shape.kind in KINDS
    assert set(shape.counts) <= set(REGISTRY[name].columns)


@pytest.fixture
def unshaped() -> Iterator[str]:
    @indicator("unshaped_counts", "Counts nobody described for disclosure control.",
               ("department", "n"), keys=("department",), disclosure=None)
    def unshaped_counts(sel: Selection) -> str:
        return "SELECT 'A' AS department, 2 AS n"

    yield "unshaped_counts"
    unregister("unshaped_counts")


ROWS = {"unshaped_counts": [{"department": "A", "n": 2}, {"department": "total", "n": 2}]}


@pytest.mark.parametrize("policy", ["standard", "strict"])
def test_a_table_without_a_shape_is_an_error_when_the_policy_suppresses(
        unshaped: str, policy: str) -> None:
    with pytest.raises(DisclosureError, match=r"no disclosure shape for table.* unshaped_counts"):
        apply_policy(ROWS, policy=policy, config=demo_config())


def test_a_table_nobody_registered_is_refused_too() -> None:
    rows = {"mystery": [{"department": "A", "n": 1}]}
    with pytest.raises(DisclosureError, match="mystery"):
        apply_policy(rows, policy="standard", config=demo_config())
    with pytest.raises(DisclosureError, match="mystery"):
        audit(rows, rows, resolve_policy("standard", demo_config()))


def test_a_policy_suppressing_nothing_publishes_it_as_it_is(unshaped: str) -> None:
    assert apply_policy(ROWS, policy="public", config=demo_config()) == ROWS
