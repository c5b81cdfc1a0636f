"""The exact integer searches behind the calibration."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from ligestat.synth.allocate import apportion
from ligestat.synth.rounding import is_tie, pct, round_half_up
from ligestat.synth.solvers import (
    denominators,
    impossibility,
    nearest_denominator,
    pair_impossibility,
    split_pair,
)


def test_pct_rounds_half_up_exactly() -> None:
    assert pct(1, 8) == 13  # 12.5 → 13
    assert pct(43, 200) == 22  # 21.5 → 22, where a float may say 21.499…
    assert pct(38, 42) == 90
    assert round_half_up(Fraction(-5, 2)) == -3


def test_a_possible_row_is_solved_with_every_denominator() -> None:
    # BIF fathers: 79 % (23), 21 % (6), 7 % (2) — only 29 fathers give all three
    assert denominators([23, 6, 2], [79, 21, 7]) == [29]
    assert denominators([183, 75, 28], [80, 33, 12]) == [228, 229, 230]


def test_an_impossible_row_is_detected_with_a_proof() -> None:
    # TMF mothers: 91 % (38) three times; 38/41 = 92.7 %, 38/42 = 90.5 %
    assert denominators([38, 38, 38], [91, 91, 91]) == []
    proof = impossibility(["ge11_pct", "ge17_pct", "ge24_pct"], [38, 38, 38], [91, 91, 91])
    assert "n = 41 gives 93" in proof and "n = 42 gives 90" in proof
    assert nearest_denominator([38, 38, 38], [91, 91, 91]).n == 42


def test_jointly_impossible_columns_name_their_separate_ranges() -> None:
    assert denominators([10, 20], [50, 10]) == []
    proof = impossibility(["a", "b"], [10, 20], [50, 10])
    assert "no n is common" in proof


def test_exact_ties_are_never_chosen() -> None:
    assert is_tie(1, 8)
    assert 8 not in denominators([1], [13])


def test_shares_of_women_and_men_only_must_round_to_100() -> None:
    assert pair_impossibility(72, 28) is None
    assert pair_impossibility(26, 79) is not None
    assert pair_impossibility(69, 30) is not None
    w = split_pair(1000, 69, 31, near=Fraction(69, 100))
    assert w is not None and pct(w, 1000) == 69 and pct(1000 - w, 1000) == 31
    assert split_pair(1000, 26, 79, near=Fraction(26, 100)) is None


@given(st.integers(1, 300), st.integers(1, 300))
def test_every_denominator_found_reproduces_the_share(count: int, n: int) -> None:
    if count > n:
        return
    p = pct(count, n)
    found = denominators([count], [p])
    if not is_tie(count, n):
        assert n in found
    assert all(pct(count, m) == p for m in found)


@given(st.integers(0, 10_000), st.lists(st.floats(0.1, 10), min_size=1, max_size=8))
def test_apportion_keeps_the_total(total: int, weights: list[float]) -> None:
    parts = apportion(total, weights)
    assert sum(parts) == total and min(parts) >= 0


def test_apportion_respects_caps() -> None:
    assert apportion(7, [5, 1, 0], [3, 10, 10]) == [3, 4, 0]
