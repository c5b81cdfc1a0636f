"""The linear relations an attacker can use between the cells of published tables.

A cell is ``(table, row index, key)``. Each :class:`Relation` reads
``sum(coef × cell) = 0`` or ``≤ 0``. Relations come from the schema (row sums,
nested thresholds, department rows summing to the total row, shares) and from
links between tables about the same people. Units counted only in totals
(``in_tables = false``) become a *hidden row* per table and group: unknown,
non-negative cells bound by the same within-row relations.

Every relation is checked against the unsuppressed data and used only when it
holds there, so a relation the data does not satisfy can never make the
attacker's problem infeasible or wrong.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ligestat.disclosure.schema import TOTAL, Shape, base, links, release_of, shape
from ligestat.indicators.registry import Tables

__all__ = ["CellId", "HiddenUnits", "Model", "Relation", "build_model", "count_cells",
           "is_total_row"]

CellId = tuple[str, int, str]  # (table, row index, key): one figure of a published table
_TOL = 1e-6
_SHARE_SLACK = 1e-6  # far below what separates two whole counts over any real denominator


@dataclass(frozen=True)
class Relation:
    """``sum(coef × cell) == 0`` (``op="eq"``) or ``<= 0`` (``op="le"``).

    ``slack``: an equality holds within ``± slack`` (shares are published as
    floating-point numbers, so ``num − share × den`` is zero only nearly).
    """

    terms: tuple[tuple[float, CellId], ...]
    op: str
    label: str
    slack: float = 0.0

    def holds(self, values: Mapping[CellId, float]) -> bool:
        total = sum(c * values[cell] for c, cell in self.terms)
        scale = 1.0 + sum(abs(c * values[cell]) for c, cell in self.terms)
        tol = _TOL * scale + self.slack
        return abs(total) <= tol if self.op == "eq" else total <= tol


@dataclass(frozen=True)
class Model:
    """True values of every count cell (hidden rows included) and the relations."""

    values: Mapping[CellId, float]
    relations: tuple[Relation, ...]
    hidden: frozenset[CellId]


def is_total_row(row: Mapping[str, Any]) -> bool:
    return row.get("department") == TOTAL or row.get("agreement") == TOTAL


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def count_cells(tables: Tables) -> dict[CellId, float]:
    """Every count cell of every known table that holds a number."""
    cells: dict[CellId, float] = {}
    for name, rows in tables.items():
        schema = shape(name)
        if schema is None:
            continue
        for i, row in enumerate(rows):
            for key in schema.counts:
                if _number(row.get(key)):
                    cells[(name, i, key)] = float(row[key])
    return cells


def _groups(schema: Shape, rows: Sequence[Mapping[str, Any]]) -> Iterator[
        tuple[list[int], int]]:
    """Per group: the indices of the department rows and of the total row."""
    groups: dict[tuple[Any, ...], tuple[list[int], list[int]]] = {}
    for i, row in enumerate(rows):
        key = tuple(row.get(k) for k in schema.group_keys)
        parts, totals = groups.setdefault(key, ([], []))
        (totals if is_total_row(row) else parts).append(i)
    for parts, totals in groups.values():
        if len(totals) == 1:
            yield parts, totals[0]


def _row_relations(name: str, schema: Shape, i: int, present: set[str]) -> list[Relation]:
    out: list[Relation] = []
    for total, parts in schema.row_sums:
        if total in present and all(p in present for p in parts):
            terms = ((1.0, (name, i, total)), *((-1.0, (name, i, p)) for p in parts))
            out.append(Relation(terms, "eq", f"{name}[{i}] {total} = sum"))
    for chain in schema.chains:
        keys = [k for k in chain if k in present]
        for lo, hi in pairwise(keys):
            out.append(Relation(((1.0, (name, i, lo)), (-1.0, (name, i, hi))), "le",
                                f"{name}[{i}] {lo} ≤ {hi}"))
    return out


def _share_relations(name: str, schema: Shape, rows: Sequence[Mapping[str, Any]],
                     published: Sequence[Mapping[str, Any]], values: Mapping[CellId, float],
                     ) -> list[Relation]:
    """A published share s = num / den gives num − s × den = 0."""
    out: list[Relation] = []
    for share in schema.shares:
        for i, row in enumerate(published):
            s = row.get(share.key)
            if not isinstance(s, int | float) or isinstance(s, bool):
                continue
            num = [(name, i, k) for k in share.num]
            if share.den:
                den = [(name, i, k) for k in share.den]
            else:
                den = [(name, j, k) for j in range(len(rows)) for k in share.num]
            if any(c not in values for c in (*num, *den)):
                continue
            terms = (*((1.0, c) for c in num), *((-float(s), c) for c in den))
            out.append(Relation(terms, "eq", f"{name}[{i}] {share.key}", _SHARE_SLACK))
    return out


def _has_hidden(original: Tables, values: Mapping[CellId, float]) -> bool:
    """Whether department rows fall short of a total row anywhere (units not shown)."""
    for name, rows in original.items():
        schema = shape(name)
        if schema is None or not schema.by_department:
            continue
        for parts, total in _groups(schema, rows):
            for key in schema.counts:
                if (name, total, key) in values and all((name, j, key) in values for j in parts):
                    shown = sum(values[(name, j, key)] for j in parts)
                    if shown + _TOL < values[(name, total, key)]:
                        return True
    return False


def _department_sums(name: str, schema: Shape, rows: Sequence[Mapping[str, Any]],
                     values: dict[CellId, float], hidden_units: bool,
                     hidden: set[CellId]) -> list[Relation]:
    out: list[Relation] = []
    for parts, total in _groups(schema, rows):
        keys = [k for k in schema.counts
                if (name, total, k) in values and all((name, j, k) in values for j in parts)]
        h = len(rows) + total  # a virtual row index, past the real rows
        if hidden_units:
            slack = {k: values[(name, total, k)] - sum(values[(name, j, k)] for j in parts)
                     for k in keys}
            if all(v >= -_TOL for v in slack.values()):
                for k in keys:
                    values[(name, h, k)] = max(0.0, slack[k])
                    hidden.add((name, h, k))
                out.extend(_row_relations(name, schema, h, set(keys)))
        for k in keys:
            terms = ((-1.0, (name, total, k)), *((1.0, (name, j, k)) for j in parts))
            if (name, h, k) in values:
                terms = (*terms, (1.0, (name, h, k)))
            out.append(Relation(terms, "eq", f"{name} {k}: departments = total"))
    return out


def _link_relations(original: Tables, values: Mapping[CellId, float]) -> list[Relation]:
    """Links between tables of the same release (``name@year`` with ``name@year``)."""
    out: list[Relation] = []
    releases: dict[str, dict[str, str]] = {}
    for name in original:
        releases.setdefault(release_of(name), {})[base(name)] = name
    for names in releases.values():
        for link in links():
            ta, tb = names.get(link.table_a), names.get(link.table_b)
            a_rows = original.get(ta) if ta else None
            b_rows = original.get(tb) if tb else None
            if not a_rows or not b_rows or ta is None or tb is None:
                continue
            a = [(ta, i, link.key_a) for i, r in enumerate(a_rows)
                 if all(r.get(k) == v for k, v in link.where_a)]
            b = [(tb, i, link.key_b) for i, r in enumerate(b_rows)
                 if all(r.get(k) == v for k, v in link.where_b) and not is_total_row(r)]
            if link.last_b:
                b = b[-1:]
            if a and b and all(c in values for c in (*a, *b)):
                terms = (*((1.0, c) for c in a), *((-1.0, c) for c in b))
                out.append(Relation(terms, "eq", f"{ta}.{link.key_a} = {tb}.{link.key_b}"))
    return out


HiddenUnits = bool | None | Mapping[str, bool]  # per table when a mapping (several releases)


def build_model(original: Tables, published: Tables, *,
                hidden_units: HiddenUnits = None, extra: Sequence[Relation] = ()) -> Model:
    """Every relation between count cells that holds in ``original``.

    ``hidden_units``: whether totals include units shown in no row; ``None``
    infers it from the data (a total above the sum of its rows); a mapping gives it
    per table (releases of several years, each with its own config). ``extra``:
    further relations (the same people in several releases), kept when they hold.
    """
    values = count_cells(original)
    inferred: bool | None = None
    if hidden_units is None or isinstance(hidden_units, Mapping):
        inferred = _has_hidden(original, values)
    hidden: set[CellId] = set()
    relations: list[Relation] = []
    for name, rows in original.items():
        schema = shape(name)
        if schema is None:
            continue
        for i in range(len(rows)):
            present = {k for k in schema.counts if (name, i, k) in values}
            relations.extend(_row_relations(name, schema, i, present))
        if schema.by_department:
            units = (hidden_units.get(name, bool(inferred)) if isinstance(hidden_units, Mapping)
                     else bool(inferred) if hidden_units is None else hidden_units)
            relations.extend(_department_sums(name, schema, rows, values, units, hidden))
        shown = published.get(name, ())  # a table not published publishes no shares
        if len(shown) == len(rows):
            relations.extend(_share_relations(name, schema, rows, shown, values))
    relations.extend(_link_relations(original, values))
    relations.extend(rel for rel in extra if all(c in values for _, c in rel.terms))
    kept: list[Relation] = []
    for rel in relations:
        if rel.holds(values):
            kept.append(rel)
        elif rel.op == "eq" and "departments = total" in rel.label:
            # the sum does not reach the total: units not shown, so only ≤ is known
            weaker = Relation(rel.terms, "le", rel.label + " (≤)")
            if weaker.holds(values):
                kept.append(weaker)
    return Model(values=values, relations=tuple(kept), hidden=frozenset(hidden))
