"""Applying a policy: primary suppression, what goes with it, secondary suppression.

Secondary suppression is greedy by default; ``method="optimal"`` improves on
it by integer programming (:mod:`ligestat.disclosure.optimal`). The greedy
method is audit-driven: while some suppressed count
can be narrowed by an attacker below what the policy allows (see
:mod:`ligestat.disclosure.audit`), suppress one more published count from a
relation it takes part in — the candidate that restores the protection, among
those that do the smallest count first (department rows before total rows).
Suppressing a cell only ever widens intervals, so a cell once found safe stays
safe, and the loop ends (at worst with every related count suppressed). A final
pass publishes again, largest first, every secondary cell the others make
unnecessary (the greedy choice can take a cell that a later one made redundant).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ligestat.config import Config
from ligestat.disclosure.audit import AuditResult, Solver, audit
from ligestat.disclosure.magnitude import suppress_magnitudes
from ligestat.disclosure.optimal import optimal_secondary
from ligestat.disclosure.policy import METHODS, Policy, resolve_policy
from ligestat.disclosure.primary import blank_cells, classify, required
from ligestat.disclosure.relations import CellId, Model, build_model, count_cells, is_total_row
from ligestat.disclosure.schema import require_shapes
from ligestat.indicators.registry import Tables

__all__ = ["apply_policy", "audit_policy", "suppress"]

_MAX_TRIALS = 12  # candidates tried per unsafe cell before taking the best seen


def _width(solver: Solver, cell: CellId) -> float:
    low, high = solver.bounds(cell)
    return high - low


def _candidates(model: Model, cell: CellId, unknown: set[CellId],
                original: Tables) -> list[CellId]:
    """Published counts sharing a relation with ``cell`` (widening through unknowns)."""
    seen = {cell}
    frontier = {cell}
    while frontier:
        found: set[CellId] = set()
        nxt: set[CellId] = set()
        for rel in model.relations:
            cells = [c for _, c in rel.terms]
            if frontier.isdisjoint(cells):
                continue
            for c in cells:
                if c in unknown or c in model.hidden:
                    if c not in seen:
                        nxt.add(c)
                else:
                    found.add(c)
        if found:
            def cost(c: CellId) -> tuple[float, bool, bool, CellId]:
                total = is_total_row(original[c[0]][c[1]])
                return (model.values[c], total, c[0] != cell[0], c)
            return sorted(found, key=cost)
        seen |= nxt
        frontier = nxt
    return []


def _secondary(original: Tables, policy: Policy, primary: set[CellId], withheld: set[CellId],
               hidden_units: bool | None) -> set[CellId]:
    chosen = set(primary)
    safe: set[CellId] = set()
    while True:
        unknown = chosen | withheld
        model = build_model(original, blank_cells(original, chosen, withheld),
                            hidden_units=hidden_units)
        solver = Solver(model, unknown)
        unsafe = None
        for cell in sorted(chosen - safe):
            if _width(solver, cell) >= required(cell, primary, policy):
                safe.add(cell)
            else:
                unsafe = cell
                break
        if unsafe is None:
            return _prune(original, policy, primary, withheld, chosen, hidden_units)
        need = required(unsafe, primary, policy)
        best: tuple[float, CellId] | None = None
        for cand in _candidates(model, unsafe, unknown, original)[:_MAX_TRIALS]:
            trial = unknown | {cand}
            trial_model = build_model(original, blank_cells(original, chosen | {cand}, withheld),
                                      hidden_units=hidden_units)
            width = _width(Solver(trial_model, trial), unsafe)
            if best is None or width > best[0]:
                best = (width, cand)
            if width >= need:
                break
        if best is None:  # nothing left to suppress around it: the audit will tell
            safe.add(unsafe)
            continue
        chosen.add(best[1])


def _all_safe(original: Tables, policy: Policy, primary: set[CellId], withheld: set[CellId],
              chosen: set[CellId], hidden_units: bool | None) -> bool:
    unknown = chosen | withheld
    model = build_model(original, blank_cells(original, chosen, withheld),
                            hidden_units=hidden_units)
    solver = Solver(model, unknown)
    return all(_width(solver, c) >= required(c, primary, policy) for c in sorted(chosen))


def _prune(original: Tables, policy: Policy, primary: set[CellId], withheld: set[CellId],
           chosen: set[CellId], hidden_units: bool | None) -> set[CellId]:
    """Publish again every secondary cell that turns out not to be needed, largest first."""
    values = count_cells(original)
    for cell in sorted(chosen - primary, key=lambda c: (-values[c], c)):
        trial = chosen - {cell}
        if _all_safe(original, policy, primary, withheld, trial, hidden_units):
            chosen = trial
    return chosen


def suppress(tables: Mapping[str, list[dict[str, Any]]], policy: Policy, *,
             hidden_units: bool | None = None,
             method: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Apply a resolved policy to unsuppressed tables; the input is not changed.

    ``method``: ``None`` (the policy's), ``"greedy"`` or ``"optimal"`` (integer programming,
    :mod:`.optimal`, starting from the greedy solution and keeping it when it
    finds nothing cheaper in time).
    """
    method = method or policy.method
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)} ({method!r})")
    tables = suppress_magnitudes(tables, lambda t: (policy.rule(t).min_count,
                                                    policy.rule(t).other_min_count))
    original = {name: [dict(r) for r in rows] for name, rows in tables.items()}
    if not policy.suppresses:
        return original
    require_shapes(original)  # fail closed
    primary, withheld = classify(original, policy)
    if not primary and not withheld:
        return original
    chosen = _secondary(original, policy, primary, withheld, hidden_units) if primary else set()
    if primary and method == "optimal" and chosen != primary:
        chosen = optimal_secondary(original, policy, primary, withheld, hidden_units, chosen)
    return blank_cells(original, chosen, withheld)


def apply_policy(tables: Mapping[str, list[dict[str, Any]]], *, policy: str | None,
                 config: Config) -> dict[str, list[dict[str, Any]]]:
    """The tables with the disclosure policy applied (``None``: the config's policy).

    Returns new tables; suppressed cells are ``None`` and listed in their row's
    ``"suppressed"``. Raises :class:`~ligestat.errors.DisclosureError` for an
    unknown policy name.
    """
    resolved = resolve_policy(policy, config)
    hidden = any(not d.in_tables for d in config.departments)
    return suppress(tables, resolved, hidden_units=hidden)


def audit_policy(tables: Mapping[str, list[dict[str, Any]]], *, policy: str | None,
                 config: Config) -> tuple[Policy, AuditResult]:
    """Apply the policy to unsuppressed ``tables`` and audit the result."""
    resolved = resolve_policy(policy, config)
    hidden = any(not d.in_tables for d in config.departments)
    published = suppress(tables, resolved, hidden_units=hidden)
    return resolved, audit(published, tables, resolved, hidden_units=hidden)
