"""Primary suppression (the threshold rule), what a suppressed count takes with it,
and the tables with a set of cells blanked (what an attacker would see)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ligestat.disclosure.policy import Policy
from ligestat.disclosure.relations import CellId, count_cells
from ligestat.disclosure.schema import Shape, row_keys, shape
from ligestat.errors import DisclosureError
from ligestat.indicators.registry import Tables

__all__ = ["blank_cells", "classify", "dependent_keys", "is_other", "required"]


def is_other(schema: Shape, row: Mapping[str, Any], key: str) -> bool:
    """Whether ``row[key]`` counts people of the ``other`` gender."""
    return key in schema.other_keys or (schema.other_rows and row.get("gender") == "other")


def classify(original: Tables, policy: Policy) -> tuple[set[CellId], set[CellId]]:
    """The primary-sensitive count cells and the withheld ones (``show_counts = false``)."""
    primary: set[CellId] = set()
    withheld: set[CellId] = set()
    for cell, value in count_cells(original).items():
        name, i, key = cell
        rule = policy.rule(name)
        row = original[name][i]
        threshold = rule.min_count
        schema = shape(name)
        if schema is not None and is_other(schema, row, key):
            threshold = max(threshold, rule.other_min_count)
        if 0 < value < threshold:
            primary.add(cell)
        elif value > 0 and schema is not None and 0 < _band(schema, row, key) < threshold:
            primary.add(cell)  # the band between this threshold and the next is small
        if not rule.show_counts:
            withheld.add(cell)
    return primary, withheld


def _band(schema: Shape, row: Mapping[str, Any], key: str) -> float:
    """The count between ``key`` and the next key of its chain (``n − ge11``: those who
    took under 11 weeks), a count of its own when both are published; 0 when none.

    ge24 ≤ ge17 ≤ ge11 ≤ n published side by side publish their differences too, so a
    small band makes its inner cell primary (issue 14)."""
    for chain in schema.chains:
        if key in chain[:-1]:
            outer = chain[chain.index(key) + 1]
            inner, above = row.get(key), row.get(outer)
            if _is_number(inner) and _is_number(above):
                return float(above) - float(inner)  # type: ignore[arg-type]
    return 0.0


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def dependent_keys(name: str, rows: Sequence[Mapping[str, Any]],
                   suppressed: Collection[CellId]) -> list[set[str]]:
    """Per row, the non-count keys that must go because a count they derive from went.

    Shares go with their numerator or denominator, gaps with their shares,
    target flags with what they judge. Keys the schema does not know are
    treated cautiously: a fraction goes when any count of the table went, any
    other figure when a count of its row went.
    """
    schema = shape(name)
    if schema is None:
        raise DisclosureError(f"no disclosure shape for table {name}")
    labels = row_keys(name)
    table_hit = any(c[0] == name for c in suppressed)
    out: list[set[str]] = []
    for i, row in enumerate(rows):
        gone = {k for k in schema.counts if (name, i, k) in suppressed}
        for share in schema.shares:
            den = share.den or ()
            inputs = {(name, i, k) for k in (*share.num, *den)}
            if not share.den:
                inputs |= {(name, j, k) for j in range(len(rows)) for k in share.num}
            if inputs & set(suppressed):
                gone.add(share.key)
        for key, deps in schema.derived:
            if gone & set(deps):
                gone.add(key)
        known = {*schema.counts, *(s.key for s in schema.shares), *(k for k, _ in schema.derived)}
        for key, value in row.items():
            if key in labels or key in known or value is None:
                continue
            if (_is_number(value) and isinstance(value, float) and table_hit) or gone:
                gone.add(key)
        out.append(gone - set(schema.counts))
    return out


def blank_cells(original: Tables, cells: Collection[CellId],
                withheld: Collection[CellId] = ()) -> dict[str, list[dict[str, Any]]]:
    """New tables with ``cells`` and everything derived from them set to ``None``.

    ``withheld`` counts are set to ``None`` too but take nothing with them.
    Every key set to ``None`` is listed in its row's ``"suppressed"``.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for name, rows in original.items():
        new_rows = [dict(r) for r in rows]
        schema = shape(name)
        if schema is not None:
            dependents = dependent_keys(name, rows, cells)
            for i, row in enumerate(new_rows):
                keys = [k for k in schema.counts
                        if (name, i, k) in cells or (name, i, k) in withheld]
                keys += sorted(dependents[i])
                gone = [k for k in keys if row.get(k) is not None]
                if gone:
                    listed = list(row.get("suppressed") or [])
                    for k in gone:
                        row[k] = None
                        if k not in listed:
                            listed.append(k)
                    row["suppressed"] = listed
        out[name] = new_rows
    return out


def required(cell: CellId, primary: Collection[CellId], policy: Policy) -> int:
    """The least interval width a suppressed cell needs: the protection of a primary cell."""
    return max(1, policy.rule(cell[0]).protection) if cell in primary else 1
