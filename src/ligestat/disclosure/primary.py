"""Primary suppression (the threshold rule) and what a suppressed count takes with it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ligestat.disclosure.policy import Policy
from ligestat.disclosure.relations import Cell, Tables, count_cells
from ligestat.disclosure.schema import LABEL_KEYS, SCHEMAS, TableSchema

__all__ = ["classify", "dependent_keys", "is_other"]


def is_other(schema: TableSchema, row: Mapping[str, Any], key: str) -> bool:
    """Whether ``row[key]`` counts people of the ``other`` gender."""
    return key in schema.other_keys or (schema.other_rows and row.get("gender") == "other")


def classify(original: Tables, policy: Policy) -> tuple[set[Cell], set[Cell]]:
    """The primary-sensitive count cells and the withheld ones (``show_counts = false``)."""
    primary: set[Cell] = set()
    withheld: set[Cell] = set()
    for cell, value in count_cells(original).items():
        name, i, key = cell
        rule = policy.rule(name)
        row = original[name][i]
        threshold = rule.min_count
        if is_other(SCHEMAS[name], row, key):
            threshold = max(threshold, rule.other_min_count)
        if 0 < value < threshold:
            primary.add(cell)
        if not rule.show_counts:
            withheld.add(cell)
    return primary, withheld


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def dependent_keys(name: str, rows: Sequence[Mapping[str, Any]],
                   suppressed: Collection[Cell]) -> list[set[str]]:
    """Per row, the non-count keys that must go because a count they derive from went.

    Shares go with their numerator or denominator, gaps with their shares,
    target flags with what they judge. Keys the schema does not know are
    treated cautiously: a fraction goes when any count of the table went, any
    other figure when a count of its row went.
    """
    schema = SCHEMAS[name]
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
            if key in LABEL_KEYS or key in known or value is None:
                continue
            if (_is_number(value) and isinstance(value, float) and table_hit) or gone:
                gone.add(key)
        out.append(gone - set(schema.counts))
    return out
