"""The disclosure audit: what an attacker can derive about each suppressed count.

For every suppressed count the audit solves two linear programmes (HiGHS, via
``scipy.optimize.linprog``): the least and the greatest value the cell can
take given everything published — the published cells, every relation of
:mod:`ligestat.disclosure.relations`, and non-negativity. Integer rounding of
the bounds gives the interval ``[low, high]`` of whole numbers left open.

Requirements: a primary-suppressed cell (below the threshold) needs
``high − low ≥ protection`` of its table (at least 1: never pinned); a
secondary-suppressed cell must not be pinned (``high − low ≥ 1``); a count only
withheld because the table shows no counts is listed but not judged. Bands between
nested counts, and zeros beside a small group, are judged too (:mod:`.bands`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ligestat.disclosure.bands import bands
from ligestat.disclosure.magnitude import mean_intervals
from ligestat.disclosure.policy import Policy
from ligestat.disclosure.primary import classify
from ligestat.disclosure.relations import (
    CellId,
    HiddenUnits,
    Model,
    Relation,
    build_model,
    count_cells,
)
from ligestat.disclosure.schema import base, release_of, require_shapes, row_keys
from ligestat.errors import DisclosureError
from ligestat.indicators.registry import Tables

__all__ = ["AuditResult", "CellInterval", "Solver", "audit", "intervals", "suppressed_cells"]

_EPS = 1e-6


@dataclass(frozen=True)
class CellInterval:
    """One suppressed (or wrongly published) count and what an attacker can derive."""

    table: str
    row: int
    key: str
    label: str  # the row's labels, e.g. "BIF 2024"
    value: float
    low: float
    high: float  # math.inf when unbounded
    kind: str  # "primary" | "secondary" | "withheld" | "band" | "zero band" (bands.py)
    required: float  # least width high − low; 0 = not judged
    published: bool = False  # a primary cell left visible
    release: str = ""  # the report year that published it, when several are audited

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def ok(self) -> bool:
        return not self.published and self.width >= self.required - 1e-9


@dataclass(frozen=True)
class AuditResult:
    """The audit of one set of published tables under one policy."""

    policy: str
    cells: tuple[CellInterval, ...]

    @property
    def failures(self) -> tuple[CellInterval, ...]:
        return tuple(c for c in self.cells if not c.ok)

    @property
    def ok(self) -> bool:
        return not self.failures


class Solver:
    """Interval bounds of unknown cells, one small LP per connected component."""

    def __init__(self, model: Model, unknown: Iterable[CellId]) -> None:
        self.model = model
        self.unknown = set(unknown) | set(model.hidden)
        parent: dict[CellId, CellId] = {c: c for c in self.unknown}

        def find(c: CellId) -> CellId:
            while parent[c] != c:
                parent[c] = parent[parent[c]]
                c = parent[c]
            return c

        self.by_root: dict[CellId, list[int]] = {}
        rels = []
        for r, rel in enumerate(model.relations):
            cells = [cell for _, cell in rel.terms if cell in self.unknown]
            if not cells:
                continue
            for other in cells[1:]:
                parent[find(other)] = find(cells[0])
            rels.append((r, cells[0]))
        for r, first in rels:
            self.by_root.setdefault(find(first), []).append(r)
        self.find = find
        self._lps: dict[CellId, tuple[dict[CellId, int], _LP]] = {}

    def _lp(self, root: CellId) -> tuple[dict[CellId, int], _LP]:
        """The component's LP (cached): variable index and hashable matrices."""
        if root in self._lps:
            return self._lps[root]
        rel_ids = self.by_root[root]
        variables = sorted({c for r in rel_ids for _, c in self.model.relations[r].terms
                            if c in self.unknown})
        index = {c: j for j, c in enumerate(variables)}
        a_eq: list[_Row] = []
        b_eq: list[float] = []
        a_ub: list[_Row] = []
        b_ub: list[float] = []
        for r in rel_ids:
            rel = self.model.relations[r]
            coefs: dict[int, float] = {}
            const = 0.0
            for coef, c in rel.terms:
                if c in index:
                    coefs[index[c]] = coefs.get(index[c], 0.0) + coef
                else:
                    const += coef * self.model.values[c]
            row = tuple(sorted(coefs.items()))
            if rel.op == "eq" and rel.slack:  # −slack ≤ expr ≤ slack
                a_ub += [row, tuple((j, -x) for j, x in row)]
                b_ub += [rel.slack - const, rel.slack + const]
            elif rel.op == "eq":
                a_eq.append(row)
                b_eq.append(-const)
            else:
                a_ub.append(row)
                b_ub.append(-const)
        lp = (len(variables), tuple(a_ub), tuple(b_ub), tuple(a_eq), tuple(b_eq))
        self._lps[root] = (index, lp)
        return index, lp

    def bounds(self, cell: CellId) -> tuple[float, float]:
        """The whole numbers an unknown ``cell`` can take."""
        return self.range(((1.0, cell),))

    def range(self, terms: Sequence[tuple[float, CellId]]) -> tuple[float, float]:
        """Least and greatest value of ``sum(coef × cell)`` (known cells are constants),
        rounded inwards to whole numbers: a band between two counts, or one count."""
        low = high = 0.0
        parts: dict[CellId, list[tuple[float, CellId]]] = {}
        for coef, c in terms:
            if c not in self.unknown:
                low += coef * self.model.values[c]
                high += coef * self.model.values[c]
            else:
                parts.setdefault(self.find(c), []).append((coef, c))
        for root, part in parts.items():  # separate groups of unknowns: their ranges add
            if not self.by_root.get(root):  # unbound: [0, ∞) each
                low = -math.inf if any(coef < 0 for coef, _ in part) else low
                high = math.inf if any(coef > 0 for coef, _ in part) else high
                continue
            index, lp = self._lp(root)
            objective: dict[int, float] = {}
            for coef, c in part:
                objective[index[c]] = objective.get(index[c], 0.0) + coef
            try:
                lo, hi = _solve(lp, tuple(sorted(objective.items())))
            except ValueError as exc:
                cell = part[0][1]
                raise DisclosureError(
                    f"the disclosure audit could not bound {cell[0]} row {cell[1]} {cell[2]} "
                    f"({exc}); please report this with the shape of the tables"
                ) from None
            low, high = low + lo, high + hi
        return (math.ceil(low - _EPS) if low != -math.inf else low,
                math.floor(high + _EPS) if high != math.inf else high)


_Row = tuple[tuple[int, float], ...]  # sparse: (variable index, coefficient)
_LP = tuple[int, tuple[_Row, ...], tuple[float, ...], tuple[_Row, ...], tuple[float, ...]]


def _matrix(rows: tuple[_Row, ...], n: int) -> Any:
    from scipy.sparse import csr_matrix

    if not rows:
        return None
    data = [x for row in rows for _, x in row]
    cols = [j for row in rows for j, _ in row]
    ptr = [0]
    for row in rows:
        ptr.append(ptr[-1] + len(row))
    return csr_matrix((data, cols, ptr), shape=(len(rows), n))


@lru_cache(maxsize=4096)
def _solve(lp: _LP, terms: _Row) -> tuple[float, float]:
    """Least and greatest value of ``sum(coef × variable)`` (identical LPs recur across
    trials)."""
    from scipy.optimize import linprog  # heavy: imported when needed

    n, a_ub, b_ub, a_eq, b_eq = lp
    out: list[float] = []
    for sign in (1.0, -1.0):
        objective = [0.0] * n
        for j, coef in terms:
            objective[j] = sign * coef
        res = linprog(objective, A_ub=_matrix(a_ub, n), b_ub=list(b_ub) or None,
                      A_eq=_matrix(a_eq, n), b_eq=list(b_eq) or None, bounds=(0, None),
                      method="highs")
        if res.status == 3:  # unbounded
            out.append(-sign * math.inf)
        elif res.status != 0:
            raise ValueError(res.message)
        else:
            out.append(sign * float(res.fun))
    return out[0], out[1]


def intervals(model: Model, unknown: Iterable[CellId],
              cells: Iterable[CellId]) -> dict[CellId, tuple[float, float]]:
    """The whole-number interval each of ``cells`` is known to lie in."""
    solver = Solver(model, unknown)
    return {cell: solver.bounds(cell) for cell in cells}


def _label(table: str, row: Mapping[str, Any]) -> str:
    keys = row_keys(table)
    return " ".join(str(v) for k, v in row.items() if k in keys and k != "suppressed")


def suppressed_cells(published: Tables, original: Tables) -> set[CellId]:
    """Count cells holding a number in ``original`` and none in ``published``."""
    shown = count_cells(published)
    return {c for c in count_cells(original) if c not in shown}


def audit(published: Mapping[str, list[dict[str, Any]]],
          original: Mapping[str, list[dict[str, Any]]], policy: Policy, *,
          hidden_units: HiddenUnits = None, extra: Sequence[Relation] = ()) -> AuditResult:
    """Derive the interval of every suppressed count from everything published.

    ``hidden_units``: whether "total" rows include units shown in no row
    (``in_tables = false``); ``None`` infers it from the data. ``extra``: relations
    between tables beyond their shapes' (the same people in several releases,
    :mod:`ligestat.disclosure.releases`).
    """
    for name, rows in published.items():
        if name in original and len(original[name]) != len(rows):
            raise DisclosureError(
                f"table {name}: the published table has {len(rows)} rows, the original "
                f"{len(original[name])}; audit a table against the one it was made from"
            )
    if policy.suppresses:
        require_shapes(original)  # fail closed: an unshaped table cannot be audited
    model = build_model(original, published, hidden_units=hidden_units, extra=extra)
    primary, withheld = classify(original, policy)
    hidden = suppressed_cells(published, original)
    # cells of tables not published at all are unknown to the attacker, but not judged
    judged = {c for c in hidden | primary if c[0] in published}
    solver = Solver(model, hidden)
    bounds = {cell: solver.bounds(cell) for cell in sorted(judged & hidden)}
    out: list[CellInterval] = []
    for cell in sorted(judged):
        name, i, key = cell
        value = model.values[cell]
        if cell in primary:
            kind, required = "primary", max(1, policy.rule(name).protection)
        elif cell in withheld:
            kind, required = "withheld", 0
        else:
            kind, required = "secondary", 1
        low, high = bounds.get(cell, (value, value))
        out.append(CellInterval(base(name), i, key, _label(name, original[name][i]), value, low,
                                high, kind, required, published=cell not in hidden,
                                release=release_of(name)))
    shown = {n: rows for n, rows in original.items() if n in published}
    for band in bands(shown, model.values, primary, hidden, policy):
        low, high = solver.range(band.terms)
        out.append(CellInterval(base(band.table), band.row, band.key,
                                _label(band.table, original[band.table][band.row]), band.value,
                                low, high, band.kind, band.required,
                                release=release_of(band.table)))
    for name in (n for n in published if base(n) == "pay_categories" and n in original):
        org = name.replace("pay_categories", "pay_gap", 1)
        for i, _, key, v, low, high, need in mean_intervals(
                published.get(org, []), published[name], original[name]):
            out.append(CellInterval(base(name), i, key, _label(name, original[name][i]), v,
                                    low, high, "mean", need, release=release_of(name)))
    return AuditResult(policy=policy.name, cells=tuple(out))
