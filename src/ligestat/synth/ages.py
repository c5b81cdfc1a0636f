"""Age structures drawn as piecewise-linear weights between anchor ages (priors.toml)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, pairwise

__all__ = ["age_weights", "cumulative_ages"]


def age_weights(anchors: Sequence[Sequence[float]], ages: range) -> list[float]:
    """The weight of every age in ``ages``, interpolated linearly between the anchors."""
    points = sorted((float(a), float(w)) for a, w in anchors)
    out = []
    for age in ages:
        if age <= points[0][0]:
            out.append(points[0][1] if age == points[0][0] else 0.0)
            continue
        if age >= points[-1][0]:
            out.append(points[-1][1] if age == points[-1][0] else 0.0)
            continue
        for (a0, w0), (a1, w1) in pairwise(points):
            if a0 <= age <= a1:
                out.append(w0 + (w1 - w0) * (age - a0) / (a1 - a0))
                break
    return out


def cumulative_ages(anchors: Sequence[Sequence[float]]) -> tuple[list[int], list[float]]:
    """Ages between the first and last anchor and their cumulative weights, for ``Rng.weighted``."""
    first, last = int(min(a for a, _ in anchors)), int(max(a for a, _ in anchors))
    ages = list(range(first, last + 1))
    return ages, list(accumulate(age_weights(anchors, range(first, last + 1))))
