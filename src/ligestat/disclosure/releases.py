"""Releases of several report years, protected and audited as one system of equations.

Report Y − 1 publishes the fathers' table of cohort Y − 3; report Y's trend
publishes that cohort's total again, and every later report publishes last
year's children's sick days again. An attacker holds every report, so a count
suppressed in one release and published — or recomputable — in another is not
protected (issue 14: a department's ge17 of 1, suppressed in 2024, was the 2025
trend's total minus the published departments).

The design:

- A **release** is everything ligestat publishes for one report year: every
  table with a disclosure shape (the JSON's, the report's trend and population,
  the pay tables), whichever of them a caller asks for, so that the JSON and the
  report of a year never differ in what they suppress.
- Cells of different releases that count the same people are **one cell** to
  the attacker: an equality between them (each shape's ``period``,
  ``period_key`` and ``same_as`` say which people its rows count; see
  :func:`identities`). Used only when it holds in the data.
- Releases are protected **in order of their year, earlier ones fixed**: an
  earlier report is out already, so a later one may not change it. A later
  release suppresses every cell an earlier release suppressed for the same
  people (*carried*), and its own secondary cells are chosen with every earlier
  release's cells in the attacker's system, so no earlier primary cell is
  narrowed. Because each release is protected from the ones before it only, a
  report year's tables do not change when a later year is imported.
- The **audit** solves the union of all releases as one set of linear
  programmes.

Table names inside the union are qualified by their release, ``fathers_leave@2024``
(:func:`ligestat.disclosure.schema.base` strips it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import Any

from ligestat.disclosure.audit import AuditResult, audit
from ligestat.disclosure.magnitude import suppress_magnitudes
from ligestat.disclosure.optimal import optimal_secondary
from ligestat.disclosure.policy import Policy, TableRule
from ligestat.disclosure.primary import blank_cells, classify
from ligestat.disclosure.relations import CellId, Relation, count_cells
from ligestat.disclosure.schema import RELEASE, base, require_shapes, shape
from ligestat.disclosure.suppression import Problem, all_safe, secondary
from ligestat.indicators.registry import REGISTRY, Selection, Tables

__all__ = ["Release", "audit_releases", "identities", "protect", "qualified", "same_people"]

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Release:
    """One report year's unsuppressed tables, with the policy and selection they have."""

    year: int
    tables: dict[str, Rows]
    policy: Policy
    selection: Selection
    hidden_units: bool = False  # totals count units shown in no row (in_tables = false)


def qualified(name: str, year: int) -> str:
    return f"{name}{RELEASE}{year}"


def _period(name: str, row: Mapping[str, Any], sel: Selection) -> tuple[Any, ...] | None:
    schema = shape(name)
    if schema is None or not schema.period:
        return None
    if schema.period_key:
        v = row.get(schema.period_key)
        if not isinstance(v, int) or isinstance(v, bool):
            return None
        if schema.period == "cohort":  # a cohort year: children born in that calendar year
            return ("cohort", date(v, 1, 1), date(v, 12, 31))
        return (schema.period, v)
    by_selection: dict[str, Any] = {
        "cohort": (sel.cohort_start, sel.cohort_end), "snapshot": sel.snapshot_date,
        "pay_year": sel.pay_year, "population": sel.population_date}
    value = by_selection.get(schema.period)
    if value is None:
        return None
    return (schema.period, *(value if isinstance(value, tuple) else (value,)))


def _row_identity(name: str, row: Mapping[str, Any], sel: Selection) -> tuple[Any, ...] | None:
    """Which people a row counts, the same in every release that publishes them."""
    period = _period(name, row, sel)
    schema = shape(name)
    if period is None or schema is None:
        return None
    if schema.same_as is not None:
        family, where = schema.same_as
        return (family, period, tuple(sorted(where)))
    ind = REGISTRY.get(base(name))
    keys = [k for k in (ind.keys if ind else ()) if k != schema.period_key]
    return (base(name), period, tuple((k, row.get(k)) for k in keys))


def identities(tables: Tables,
               selections: Mapping[str, Selection]) -> dict[CellId, tuple[Any, ...]]:
    """Each count cell of qualified ``tables`` → the people it counts (cells without a
    period are left out: they are matched with nothing)."""
    values = count_cells(tables)
    out: dict[CellId, tuple[Any, ...]] = {}
    for name, rows in tables.items():
        sel = selections[name]
        for i, row in enumerate(rows):
            ident = _row_identity(name, row, sel)
            if ident is None:
                continue
            schema = shape(name)
            for key in schema.counts if schema is not None else ():
                if (name, i, key) in values:
                    out[(name, i, key)] = (*ident, key)
    return out


def same_people(ids: Mapping[CellId, tuple[Any, ...]]) -> tuple[Relation, ...]:
    """One equality per pair of cells of different tables or releases counting the same
    people (a chain from the first of each group)."""
    groups: dict[tuple[Any, ...], list[CellId]] = {}
    for cell, ident in sorted(ids.items()):
        groups.setdefault(ident, []).append(cell)
    out: list[Relation] = []
    for cells in groups.values():
        for other in cells[1:]:
            out.append(Relation(((1.0, cells[0]), (-1.0, other)), "eq",
                                f"same people: {cells[0][0]} = {other[0]}"))
    return tuple(out)


def _rule(policy: Policy) -> Any:
    return lambda t: (policy.rule(t).min_count, policy.rule(t).other_min_count)


@dataclass
class _Union:
    """The releases seen so far, as one set of qualified tables."""

    original: dict[str, Rows]  # the magnitude rule applied: what secondary suppression starts from
    raw: dict[str, Rows]  # as computed: the truth the audit compares with
    rules: dict[str, TableRule]
    hidden: dict[str, bool]
    selections: dict[str, Selection]

    @classmethod
    def of(cls, releases: Sequence[Release]) -> tuple[_Union, list[dict[str, Rows]]]:
        union = cls({}, {}, {}, {}, {})
        per: list[dict[str, Rows]] = []
        for r in releases:
            per.append(union.add(r))
        return union, per

    def add(self, r: Release) -> dict[str, Rows]:
        """Add a release (magnitude rule applied); its qualified tables."""
        tables = suppress_magnitudes(r.tables, _rule(r.policy))
        q = {qualified(n, r.year): [dict(x) for x in rows] for n, rows in tables.items()}
        self.original.update(q)
        self.raw.update({qualified(n, r.year): [dict(x) for x in rows]
                         for n, rows in r.tables.items()})
        for name in q:
            self.rules[name] = r.policy.rule(base(name))
            self.hidden[name] = r.hidden_units
            self.selections[name] = r.selection
        return q

    def policy(self, like: Policy, names: Sequence[str]) -> Policy:
        """``like`` with every qualified table's own rule; named after the releases'."""
        return replace(like, tables=MappingProxyType(dict(self.rules)),
                       name="+".join(dict.fromkeys(names)))


def protect(releases: Sequence[Release], *, method: str | None = None) -> list[dict[str, Rows]]:
    """Each release's published tables, in the order given (ascending years): suppressed
    cells ``None`` and listed in their row's ``"suppressed"``, consistent across releases
    (module docstring)."""
    union = _Union({}, {}, {}, {}, {})
    decided: set[CellId] = set()  # every count cell of an earlier release
    chosen_before: set[CellId] = set()  # the ones they suppressed
    names: list[str] = []
    out: list[dict[str, Rows]] = []
    for r in releases:
        q = union.add(r)
        names.append(r.policy.name)
        new = set(count_cells(q))
        if not r.policy.suppresses:  # published as it is (the earlier releases stay)
            out.append({base(n): rows for n, rows in q.items()})
            decided |= new
            continue
        require_shapes(q)  # fail closed
        policy = union.policy(r.policy, names)
        primary, withheld = classify(union.original, policy)
        ids = identities(union.original, union.selections)
        suppressed_ids = {ids[c] for c in chosen_before if c in ids}
        carried = {c for c in new if c in ids and ids[c] in suppressed_ids}
        start = chosen_before | (primary & new) | carried
        problem = Problem(union.original, policy, frozenset(primary), frozenset(withheld),
                          dict(union.hidden), same_people(ids), frozenset(decided))
        chosen = secondary(problem, start) if start else set()
        if (method or r.policy.method) == "optimal" and not decided and chosen != primary:
            better = optimal_secondary(union.original, policy, primary & new, withheld,
                                       dict(union.hidden), chosen)
            chosen = better if all_safe(problem, better) else chosen  # the cuts know no bands
        blanked = blank_cells(q, chosen & new, withheld & new)
        out.append({base(n): rows for n, rows in blanked.items()})
        decided |= new
        chosen_before |= chosen & new
    return out


def audit_releases(releases: Sequence[Release],
                   published: Sequence[Mapping[str, Sequence[Mapping[str, Any]]]],
                   ) -> AuditResult:
    """What an attacker holding every release can derive about each suppressed count:
    one set of linear programmes over the union (cells named ``table`` with their
    ``release`` year)."""
    union, _ = _Union.of(releases)
    shown: dict[str, Rows] = {}
    for r, tables in zip(releases, published, strict=True):
        for name, rows in tables.items():
            shown[qualified(name, r.year)] = [dict(x) for x in rows]
    original = {n: rows for n, rows in union.raw.items() if n in shown}
    policy = union.policy(releases[-1].policy, [r.policy.name for r in releases])
    ids = identities(original, union.selections)
    return audit(shown, original, policy, hidden_units=dict(union.hidden),
                 extra=same_people(ids))
