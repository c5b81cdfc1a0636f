"""Optimal secondary suppression by integer programming with cut generation.

Binary ``y_c`` per count cell (1 = suppressed); primary cells are fixed to 1;
the cost of suppressing a cell is its count + 1 (people hidden, and cells).
Start with no other constraint, solve (``scipy.optimize.milp``, HiGHS), audit
the solution, and for every unsafe cell ``b`` add the cut

    sum(y_c for c in boundary(b)) ≥ y_b

where ``boundary(b)`` is every published count in a relation that touches the
group of unknowns ``b`` belongs to. The cut is valid: a solution suppressing
none of those cells leaves ``b``'s linear programme the same or more
constrained (fewer unknowns, the same published constants), so ``b`` stays
unsafe. Repeat until the audit passes: the solution is then optimal for the
cost above.

The greedy solution is the incumbent: every integer programme's optimum is a
lower bound, so once it reaches the incumbent's cost the incumbent is proven
optimal and kept. After ``MAX_ROUNDS`` rounds or ``BUDGET_S`` seconds, or on
a solver failure, the incumbent is kept too (the cuts are weak when several
cells are needed at once, so large tangled tables rarely converge).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from ligestat.disclosure.audit import Solver
from ligestat.disclosure.policy import Policy
from ligestat.disclosure.primary import blank_cells, required
from ligestat.disclosure.relations import CellId, HiddenUnits, Model, build_model, count_cells
from ligestat.indicators.registry import Tables

__all__ = ["optimal_secondary"]

MAX_ROUNDS = 40
TIME_LIMIT_S = 10.0  # per integer programme
BUDGET_S = 30.0  # for the whole search


def _boundary(model: Model, solver: Solver, cell: CellId, unknown: set[CellId]) -> set[CellId]:
    """Published counts in any relation touching ``cell``'s group of unknowns."""
    root = solver.find(cell)
    out: set[CellId] = set()
    for r in solver.by_root.get(root, []):
        for _, c in model.relations[r].terms:
            if c not in unknown and c not in model.hidden:
                out.add(c)
    return out


def _solve(cells: Sequence[CellId], cost: Sequence[float], fixed: set[CellId],
           cuts: Sequence[tuple[frozenset[CellId], CellId]]) -> set[CellId] | None:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import lil_matrix

    index = {c: j for j, c in enumerate(cells)}
    lower = np.array([1.0 if c in fixed else 0.0 for c in cells])
    constraints = []
    if cuts:
        a = lil_matrix((len(cuts), len(cells)))
        for i, (boundary, b) in enumerate(cuts):
            for c in boundary:
                a[i, index[c]] = 1.0
            a[i, index[b]] -= 1.0
        constraints.append(LinearConstraint(a.tocsr(), lb=0.0, ub=np.inf))
    res = milp(np.array(cost), integrality=np.ones(len(cells)),
               bounds=Bounds(lower, np.ones(len(cells))), constraints=constraints,
               options={"time_limit": TIME_LIMIT_S})
    if res.status != 0 or res.x is None:
        return None
    return {c for c, x in zip(cells, res.x, strict=True) if x > 0.5}


def optimal_secondary(original: Tables, policy: Policy, primary: set[CellId],
                      withheld: set[CellId], hidden_units: HiddenUnits,
                      incumbent: set[CellId]) -> set[CellId]:
    """The cheapest safe set of suppressed counts found, at worst ``incumbent`` (safe)."""
    values = count_cells(original)
    cells = sorted(c for c in values if c not in withheld or c in primary)
    cost = [values[c] + 1.0 for c in cells]
    best = sum(values[c] + 1.0 for c in incumbent)
    cuts: list[tuple[frozenset[CellId], CellId]] = []
    seen: set[tuple[frozenset[CellId], CellId]] = set()
    chosen = set(primary)
    start = time.monotonic()
    for _ in range(MAX_ROUNDS):
        if time.monotonic() - start > BUDGET_S:
            break
        unknown = chosen | withheld
        model = build_model(original, blank_cells(original, chosen, withheld),
                            hidden_units=hidden_units)
        solver = Solver(model, unknown)
        new = 0
        for b in sorted(chosen):
            low, high = solver.bounds(b)
            if high - low >= required(b, primary, policy):
                continue
            boundary = frozenset(c for c in _boundary(model, solver, b, unknown) if c in values)
            if not boundary:
                return incumbent  # nothing left to suppress around it
            cut = (boundary, b)
            if cut not in seen:
                seen.add(cut)
                cuts.append(cut)
                new += 1
        if not new:
            # safe (no unsafe cell), or only repeated cuts (cannot happen for valid cuts)
            safe = all(solver.bounds(b)[1] - solver.bounds(b)[0] >= required(b, primary, policy)
                       for b in chosen)
            return chosen if safe else incumbent
        solution = _solve(cells, cost, primary, cuts)
        if solution is None:
            return incumbent
        chosen = solution | primary
        if sum(values[c] + 1.0 for c in chosen) >= best - 1e-9:
            return incumbent  # the lower bound reached the incumbent: it is optimal
    return incumbent
