"""Exact half-up rounding of shares to whole percent, in integer arithmetic.

Published tables print ``round_half_up(100 · count / n)``. Floats cannot decide the
boundary cases (``100 · 43 / 200`` is 21.5 only on paper), so everything the
calibration decides is computed on integers.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["gap_pp", "is_tie", "pct", "pp", "round_half_up"]


def round_half_up(value: Fraction) -> int:
    """``value`` rounded to an integer, halves away from zero (2.5 → 3, −2.5 → −3)."""
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    whole = int(magnitude)
    if magnitude - whole >= Fraction(1, 2):
        whole += 1
    return sign * whole


def pct(count: int, n: int) -> int:
    """``count / n`` as whole percent, rounded half up (``pct(38, 42) == 90``)."""
    if n <= 0:
        raise ValueError("a share needs a positive denominator")
    return (200 * count + n) // (2 * n)


def is_tie(count: int, n: int) -> bool:
    """True when ``100 · count / n`` ends in exactly .5, where readers of floats may disagree."""
    return (200 * count) % (2 * n) == n


def gap_pp(took_w: int, entitled_w: int, took_m: int, entitled_m: int) -> Fraction:
    """``100 × (women_share − men_share)``, exact, in percentage points."""
    return 100 * (Fraction(took_w, entitled_w) - Fraction(took_m, entitled_m))


def pp(value: Fraction) -> int:
    """A signed gap in percentage points, rounded half away from zero."""
    return round_half_up(value)
