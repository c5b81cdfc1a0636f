"""The 40/60 balance rule under each rounding, worked out by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ligestat.targets import required_per_gender

FORTY = Fraction(2, 5)

# n: (ceil, nearest, eu) — each gender needs at least this many; None = not assessable.
# ceil:    ⌈0.4n⌉, but a group of three needs 1 of each.
# nearest: 0.4n rounded half up.
# eu:      nearest, minus one while above 49 % of n.
BY_HAND = {
    0: (None, None, None),
    1: (None, None, None),
    2: (1, 1, 0),  # 0.8 → 1; eu: 1 of 2 = 50 % > 49 % → 0
    3: (1, 1, 1),  # 1.2: ceil gives 2, the small-group rule says 1
    4: (2, 2, 1),  # 1.6 → 2; eu: 2 of 4 = 50 % → 1
    5: (2, 2, 2),  # 2.0
    6: (3, 2, 2),  # 2.4
    7: (3, 3, 3),  # 2.8; 3 of 7 = 42.9 %
    15: (6, 6, 6),  # 6.0 exactly: a float ceil(0.4 * 15) would say 7
}


@pytest.mark.parametrize("n", sorted(BY_HAND))
@pytest.mark.parametrize("rounding", ["ceil", "nearest", "eu"])
def test_required_per_gender_matches_hand_worked_table(n: int, rounding: str) -> None:
    expected = BY_HAND[n][("ceil", "nearest", "eu").index(rounding)]
    assert required_per_gender(n, FORTY, rounding) == expected


def test_unknown_rounding_is_rejected() -> None:
    with pytest.raises(ValueError):
        required_per_gender(5, FORTY, "floor")
