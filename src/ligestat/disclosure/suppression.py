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
from dataclasses import dataclass
from typing import Any

from ligestat.config import Config
from ligestat.disclosure.audit import AuditResult, Solver, audit
from ligestat.disclosure.bands import bands
from ligestat.disclosure.magnitude import suppress_magnitudes
from ligestat.disclosure.optimal import optimal_secondary
from ligestat.disclosure.policy import METHODS, Policy, resolve_policy
from ligestat.disclosure.primary import blank_cells, classify, required
from ligestat.disclosure.relations import (
    CellId,
    HiddenUnits,
    Model,
    Relation,
    build_model,
    count_cells,
    is_total_row,
)
from ligestat.disclosure.schema import require_shapes
from ligestat.indicators.registry import Tables

__all__ = ["Problem", "all_safe", "apply_policy", "audit_policy", "secondary", "suppress"]

_MAX_TRIALS = 12  # candidates tried per unsafe cell before taking the best seen


@dataclass(frozen=True)
class Problem:
    """What secondary suppression works on: the unsuppressed tables (of one release, or of
    several, their names qualified ``name@year``), the policy (per qualified table), the
    primary and withheld cells, and — for releases of several years — the relations
    between releases and the cells earlier releases decided already (``fixed``: never
    suppressed or published again here)."""

    original: Tables
    policy: Policy
    primary: frozenset[CellId]
    withheld: frozenset[CellId]
    hidden_units: HiddenUnits = None
    extra: tuple[Relation, ...] = ()
    fixed: frozenset[CellId] = frozenset()

    def model(self, chosen: set[CellId]) -> Model:
        return build_model(self.original, blank_cells(self.original, chosen, self.withheld),
                           hidden_units=self.hidden_units, extra=self.extra)

    def required(self, cell: CellId) -> int:
        return required(cell, self.primary, self.policy)


def _candidates(model: Model, cell: CellId, unknown: set[CellId],
                original: Tables, fixed: frozenset[CellId] = frozenset()) -> list[CellId]:
    """Published counts sharing a relation with ``cell`` (widening through unknowns);
    ``fixed`` cells (published by an earlier release) are no candidates."""
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
                if c in unknown or c in model.hidden or c in fixed:
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


@dataclass(frozen=True)
class _Target:
    """What must stay open: one suppressed count, or a band (:mod:`.bands`)."""

    key: tuple[Any, ...]
    terms: tuple[tuple[float, CellId], ...]
    required: int


def _targets(problem: Problem, chosen: set[CellId], model: Model) -> list[_Target]:
    out = [_Target(("cell", c), ((1.0, c),), problem.required(c)) for c in sorted(chosen)]
    for b in bands(problem.original, model.values, problem.primary, chosen | problem.withheld,
                   problem.policy):
        out.append(_Target(("band", b.table, b.row, b.key), b.terms, b.required))
    return out


def _open(solver: Solver, target: _Target) -> bool:
    low, high = solver.range(target.terms)
    return high - low >= target.required


def _target_candidates(model: Model, target: _Target, unknown: set[CellId],
                       problem: Problem) -> list[CellId]:
    """The target's own published cells (a zero beside a small group), then published
    counts sharing a relation with its unknown cells."""
    own = sorted((c for _, c in target.terms if c not in unknown and c not in problem.fixed),
                 key=lambda c: (model.values[c], c))
    more = [cand for _, c in target.terms if c in unknown
            for cand in _candidates(model, c, unknown, problem.original, problem.fixed)]
    more.sort(key=lambda c: (model.values[c], is_total_row(problem.original[c[0]][c[1]]), c))
    return list(dict.fromkeys([*own, *more]))


def secondary(problem: Problem, start: set[CellId]) -> set[CellId]:
    """Greedy secondary suppression from ``start`` (the primary cells, and the cells
    earlier releases suppressed), then pruned: the cells to suppress."""
    chosen = set(start)
    safe: set[tuple[Any, ...]] = set()
    while True:
        unknown = chosen | problem.withheld
        model = problem.model(chosen)
        solver = Solver(model, unknown)
        unsafe = None
        for target in _targets(problem, chosen, model):
            if target.key in safe:
                continue
            if _open(solver, target):
                safe.add(target.key)
            else:
                unsafe = target
                break
        if unsafe is None:
            return _prune(problem, chosen, start)
        best: tuple[float, CellId] | None = None
        for cand in _target_candidates(model, unsafe, unknown, problem)[:_MAX_TRIALS]:
            trial = Solver(problem.model(chosen | {cand}), unknown | {cand})
            low, high = trial.range(unsafe.terms)
            if best is None or high - low > best[0]:
                best = (high - low, cand)
            if high - low >= unsafe.required:
                break
        if best is None:  # nothing left to suppress around it: the audit will tell
            safe.add(unsafe.key)
            continue
        chosen.add(best[1])


def all_safe(problem: Problem, chosen: set[CellId]) -> bool:
    """Whether every suppressed count and every band stays as open as the policy asks."""
    model = problem.model(chosen)
    solver = Solver(model, chosen | problem.withheld)
    return all(_open(solver, t) for t in _targets(problem, chosen, model))


def _prune(problem: Problem, chosen: set[CellId], start: set[CellId]) -> set[CellId]:
    """Publish again every secondary cell that turns out not to be needed, largest first."""
    values = count_cells(problem.original)
    for cell in sorted(chosen - start - problem.fixed, key=lambda c: (-values[c], c)):
        trial = chosen - {cell}
        if all_safe(problem, trial):
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
    problem = Problem(original, policy, frozenset(primary), frozenset(withheld), hidden_units)
    chosen = secondary(problem, primary) if primary else set()
    if primary and method == "optimal" and chosen != primary:
        better = optimal_secondary(original, policy, primary, withheld, hidden_units, chosen)
        chosen = better if all_safe(problem, better) else chosen  # the cuts know no bands
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
