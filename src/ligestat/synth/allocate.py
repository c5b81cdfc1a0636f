"""Deterministic integer apportionment (largest remainder), with optional caps."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["apportion"]


def apportion(total: int, weights: Sequence[float], caps: Sequence[int] | None = None) -> list[int]:
    """Split ``total`` into integers proportional to ``weights``, none above its cap.

    Largest remainder; ties go to the earlier position, so the result is the same on
    every run. Raises ValueError when the caps cannot hold ``total``.
    """
    size = len(weights)
    limits = list(caps) if caps is not None else [total] * size
    if total < 0 or sum(limits) < total:
        raise ValueError(f"cannot apportion {total} within caps {limits}")
    result = [0] * size
    remaining = total
    open_ = [i for i in range(size) if limits[i] > 0 and weights[i] > 0]
    if not open_:
        open_ = [i for i in range(size) if limits[i] > 0]
    while remaining > 0:
        weight_sum = sum(weights[i] for i in open_) or float(len(open_))
        quotas = {
            i: remaining * ((weights[i] / weight_sum) if weight_sum and weights[i] else
                            1 / len(open_))
            for i in open_
        }
        given = 0
        for i in open_:
            add = min(int(quotas[i]), limits[i] - result[i])
            result[i] += add
            given += add
        left = remaining - given
        order = sorted(open_, key=lambda i: (-(quotas[i] - int(quotas[i])), i))
        for i in order:
            if left == 0:
                break
            if result[i] < limits[i]:
                result[i] += 1
                left -= 1
        remaining = left
        open_ = [i for i in open_ if result[i] < limits[i]]
        if remaining and not open_:
            open_ = [i for i in range(size) if result[i] < limits[i]]
    return result
