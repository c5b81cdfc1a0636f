"""Ordinary least squares as R's ``lm`` does it: aliased columns dropped, classical errors.

Why plain numpy and not statsmodels: the standard model is one regression with a few
dummy variables; numpy (already installed through scipy) fits it in a few lines, and
the one subtle point — a regressor that is a linear combination of earlier ones —
must be handled the way the reference implementation (R's ``lm``, used by the Swiss
Federal Office's ``logib`` package) handles it: the later column is *aliased*, dropped,
and the residual degrees of freedom count only the kept columns. statsmodels would
bring pandas and patsy (≈ 60 MB) for this, and its pseudo-inverse keeps every column
with a minimum-norm solution instead, which changes the coefficients of the collinear
dummies (not the sex coefficient, but the printed model would differ from Logib's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["OlsFit", "fit_ols"]

TOLERANCE = 1e-7  # R's lm: a column whose residual norm is below tol × its norm is aliased

Matrix = NDArray[np.float64]


@dataclass(frozen=True)
class OlsFit:
    names: tuple[str, ...]  # kept regressors, in order
    aliased: tuple[str, ...]  # dropped as linear combinations of earlier ones
    coefficients: tuple[float, ...]
    standard_errors: tuple[float, ...]
    df_residual: int
    r_squared: float
    n: int
    means: tuple[float, ...]  # mean of each kept regressor

    def coefficient(self, name: str) -> float:
        return self.coefficients[self.names.index(name)]

    def standard_error(self, name: str) -> float:
        return self.standard_errors[self.names.index(name)]


def _kept_columns(x: Matrix) -> list[int]:
    """Columns in order, dropping each that earlier kept columns already span."""
    basis: list[Matrix] = []
    kept: list[int] = []
    for j in range(x.shape[1]):
        col = x[:, j].copy()
        norm = float(np.linalg.norm(col))
        for q in basis:  # modified Gram–Schmidt, twice for stability
            col -= q * float(q @ col)
        for q in basis:
            col -= q * float(q @ col)
        rest = float(np.linalg.norm(col))
        if norm > 0 and rest > TOLERANCE * norm:
            basis.append(col / rest)
            kept.append(j)
    return kept


def fit_ols(y: Sequence[float], x: Sequence[Sequence[float]], names: Sequence[str]) -> OlsFit:
    """Fit ``y = X b + e`` (X includes the intercept column if wanted)."""
    ya = np.asarray(y, dtype=np.float64)
    xa = np.asarray(x, dtype=np.float64)
    kept = _kept_columns(xa)
    xk = xa[:, kept]
    n, p = xk.shape
    if n <= p:
        raise ValueError(f"{n} observations cannot fit {p} coefficients")
    q, r = np.linalg.qr(xk)
    b = np.linalg.solve(r, q.T @ ya)
    resid = ya - xk @ b
    df = n - p
    sigma2 = float(resid @ resid) / df
    r_inv = np.linalg.inv(r)
    se = np.sqrt(sigma2 * np.sum(r_inv * r_inv, axis=1))
    centred = ya - ya.mean()
    r2 = 1.0 - float(resid @ resid) / float(centred @ centred)
    return OlsFit(
        names=tuple(names[j] for j in kept),
        aliased=tuple(names[j] for j in range(len(names)) if j not in kept),
        coefficients=tuple(float(v) for v in b),
        standard_errors=tuple(float(v) for v in se),
        df_residual=df,
        r_squared=r2,
        n=n,
        means=tuple(float(v) for v in xk.mean(axis=0)),
    )
