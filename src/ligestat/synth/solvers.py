"""Exact integer searches behind the calibration: which denominators give a published row.

A published row such as "TMF 91 % (38)" fixes a count and a rounded share; the
denominator is unknown. ``denominators`` lists every ``n`` that reproduces all
(count, percent) pairs of a row at once, ``nearest_denominator`` the best ``n``
when none does, and ``impossibility`` the sentence that proves it. Exact ties
(a share ending in .5) are never chosen: a reader that rounds a float could
print them either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ligestat.synth.rounding import is_tie, pct

__all__ = [
    "Fit",
    "denominator_bound",
    "denominators",
    "fits",
    "impossibility",
    "nearest_denominator",
    "pair_impossibility",
    "split_pair",
]


@dataclass(frozen=True)
class Fit:
    """A denominator and the percents it gives for the row's counts."""

    n: int
    pcts: tuple[int, ...]


def fits(counts: Sequence[int], pcts: Sequence[int], n: int) -> bool:
    """True when ``n`` gives every published percent exactly, with no .5 tie."""
    return all(pct(c, n) == p and not is_tie(c, n) for c, p in zip(counts, pcts, strict=True))


def denominator_bound(counts: Sequence[int], pcts: Sequence[int]) -> int:
    """An ``n`` above which no denominator can give the row (or the counts are all zero)."""
    bounds = [(200 * c) // (2 * p - 1) + 1 for c, p in zip(counts, pcts, strict=True) if p > 0]
    if bounds:
        return min(bounds)
    # every published share is 0 %: n must exceed 200·c for each c; no upper bound of its own
    return max([200 * c + 1 for c in counts] + [1]) * 4


def denominators(counts: Sequence[int], pcts: Sequence[int], upper: int | None = None) -> list[int]:
    """Every ``n`` (≥ the largest count, ≥ 1) that reproduces all pairs of the row."""
    top = denominator_bound(counts, pcts) if upper is None else upper
    start = max([*counts, 1])
    return [n for n in range(start, top + 1) if fits(counts, pcts, n)]


def _deviation(counts: Sequence[int], pcts: Sequence[int], n: int) -> tuple[int, Fraction]:
    rounded = sum(abs(pct(c, n) - p) for c, p in zip(counts, pcts, strict=True))
    exact = sum(
        (abs(Fraction(100 * c, n) - p) for c, p in zip(counts, pcts, strict=True)), Fraction(0)
    )
    return rounded, exact


def nearest_denominator(counts: Sequence[int], pcts: Sequence[int]) -> Fit:
    """The ``n`` whose rounded percents are nearest the published ones (ties: nearest exact).

    Used only where ``denominators`` is empty; the result reproduces every count and
    the nearest possible percents.
    """
    start = max([*counts, 1])
    top = max(denominator_bound(counts, pcts), start) * 2 + 2
    candidates = [n for n in range(start, top + 1)
                  if not any(is_tie(c, n) for c in counts)]
    best = min(candidates, key=lambda n: (_deviation(counts, pcts, n), n))
    return Fit(best, tuple(pct(c, best) for c in counts))


def _neighbours(count: int, target: int) -> str:
    """Why no n gives ``round(100·count/n) = target``: the n on either side of the gap."""
    # pct > target ⟺ n ≤ 200·count / (2·target + 1);  pct < target ⟺ n > 200·count / (2·target − 1)
    parts = []
    n_above = (200 * count) // (2 * target + 1)
    if n_above >= max(count, 1):
        parts.append(f"n = {n_above} gives {pct(count, n_above)}")
    if target > 0:
        n_below = max((200 * count) // (2 * target - 1) + 1, count, 1)
        parts.append(f"n = {n_below} gives {pct(count, n_below)}")
    return ", ".join(parts)


def _ranges(values: list[int]) -> str:
    if not values:
        return "none"
    if values == list(range(values[0], values[-1] + 1)):
        return str(values[0]) if len(values) == 1 else f"{values[0]}–{values[-1]}"
    return ", ".join(str(v) for v in values)


def impossibility(labels: Sequence[str], counts: Sequence[int], pcts: Sequence[int]) -> str:
    """A proof sentence that no denominator reproduces the row (call only when none does)."""
    single = [
        (label, c, p)
        for label, c, p in zip(labels, counts, pcts, strict=True)
        if not denominators([c], [p])
    ]
    if single:
        label, c, p = single[0]
        same = [lab for lab, cc, pp_ in zip(labels, counts, pcts, strict=True)
                if (cc, pp_) == (c, p)]
        where = " and ".join(same) if len(same) > 1 else label
        return (f"no n with round_half_up(100·{c}/n) = {p} ({where}): "
                f"{_neighbours(c, p)}")
    sets = []
    for label, c, p in zip(labels, counts, pcts, strict=True):
        sets.append(f"{label} ({p} % of {c}) needs n ∈ {_ranges(denominators([c], [p]))}")
    return "; ".join(sets) + ": no n is common to all"


def split_pair(n: int, women_pct: int, men_pct: int, *, near: Fraction) -> int | None:
    """Women ``w`` of ``n`` (men ``n − w``) giving both rounded shares, nearest ``near``·n."""
    options = [
        w for w in range(n + 1)
        if pct(w, n) == women_pct and pct(n - w, n) == men_pct
        and not is_tie(w, n) and not is_tie(n - w, n)
    ]
    if not options:
        return None
    return min(options, key=lambda w: (abs(Fraction(w) - near * n), w))


def pair_impossibility(women_pct: int, men_pct: int) -> str | None:
    """Why a group of only women and men cannot show these two rounded shares, or None."""
    total = women_pct + men_pct
    if total == 100:
        return None
    return (
        f"{women_pct} % + {men_pct} % = {total} %: with women and men only, the two exact "
        f"shares add to 100 %, so their half-up roundings add to 100 (101 only on an exact "
        f".5 tie), never {total}"
    )
