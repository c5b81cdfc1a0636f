"""A seeded random source whose sequence is the same on every Python version.

Python guarantees only ``random.Random.random()`` to repeat across versions for a
given seed; every draw here is built from it, so generated files are byte-identical
wherever they are made.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

__all__ = ["Rng"]

T = TypeVar("T")


class Rng:
    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def random(self) -> float:
        return self._random.random()

    def below(self, n: int) -> int:
        """An integer in ``0 … n−1``."""
        return min(int(self._random.random() * n), n - 1)

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self._random.random()

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """A shuffled copy (Fisher-Yates)."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.below(i + 1)
            out[i], out[j] = out[j], out[i]
        return out

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        """``k`` distinct items, in random order."""
        if k > len(items):
            raise ValueError(f"cannot draw {k} of {len(items)}")
        pool = list(items)
        for i in range(k):
            j = i + self.below(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    def weighted(self, cumulative: Sequence[float]) -> int:
        """An index drawn with probabilities given as a cumulative sum (last = total)."""
        x = self._random.random() * cumulative[-1]
        lo, hi = 0, len(cumulative) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cumulative[mid] > x:
                hi = mid
            else:
                lo = mid + 1
        return lo
