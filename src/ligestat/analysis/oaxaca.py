"""Oaxaca–Blinder, twofold, with pooled coefficients: a second view of the adjusted gap.

The gap in mean ln(pay), men − women, splits into the part explained by different
characteristics, (x̄_men − x̄_women) · β*, and the unexplained rest. β* comes from the
pooled regression of everyone with a sex indicator (Jann 2008, after Fortin), so the
unexplained part does not depend on which group is the reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ligestat.analysis.logib import Design, Worker, _design
from ligestat.analysis.ols import OlsFit, fit_ols

__all__ = ["OaxacaResult", "oaxaca_blinder"]


@dataclass(frozen=True)
class OaxacaResult:
    gap: float  # mean ln(pay) of men − of women
    explained: float  # by training, experience, service, requirements, position
    unexplained: float  # gap − explained

    @property
    def explained_share(self) -> float | None:
        return None if self.gap == 0 else self.explained / self.gap


def oaxaca_blinder(workers: Sequence[Worker], design: Design | None = None,
                   fit: OlsFit | None = None) -> OaxacaResult:
    """The split; ``design`` and ``fit``: the workers' design and its pooled fit when the
    caller has them already (the standard analysis fits the very same regression)."""
    y, x, names = design or _design(workers)
    fit = fit or fit_ols(y, x, names)
    cols = [names.index(n) for n in fit.names if n not in ("intercept", "woman")]
    beta = {n: fit.coefficient(n) for n in fit.names}
    men = [i for i, w in enumerate(workers) if not w.woman]
    women = [i for i, w in enumerate(workers) if w.woman]

    def mean(rows: list[int], j: int) -> float:
        return sum(x[i][j] for i in rows) / len(rows)

    gap = sum(y[i] for i in men) / len(men) - sum(y[i] for i in women) / len(women)
    explained = sum((mean(men, j) - mean(women, j)) * beta[names[j]] for j in cols)
    return OaxacaResult(gap=gap, explained=explained, unexplained=gap - explained)
