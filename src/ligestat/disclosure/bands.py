"""Bands between nested counts, and zeros beside a small group: what the audit also protects.

``ge24 ≤ ge17 ≤ ge11 ≤ n`` split a row's people into *bands*: ``ge24`` (took 24
weeks or more), ``ge17 − ge24``, ``ge11 − ge17`` and ``n − ge11`` (under 11
weeks); ``took`` and ``entitled − took`` likewise. A band is a count of people
too, so an attacker who narrows it learns as much as from a cell (issue 14):

- a **small band** (``0 < band < min_count``) that involves a suppressed cell
  needs the table's protection width, as a primary cell does;
- in a row whose outermost count is primary (a small group: ``n`` of 1–4 under
  ``standard``), **every band** must stay open (width ≥ 1), zeros included: a
  published 0 beside a suppressed ``n`` of 1 says what that one person did, and a
  total whose ``n = ge11 = ge17`` forces every suppressed department to 100 %.

Shares are modelled where they are published, exactly (``num − share × den = 0``):
the JSON publishes them unrounded, which tells an attacker more than the report's
rounded percentages do.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ligestat.disclosure.policy import Policy
from ligestat.disclosure.relations import CellId
from ligestat.disclosure.schema import shape
from ligestat.indicators.registry import Tables

__all__ = ["Band", "bands"]

Terms = tuple[tuple[float, CellId], ...]


@dataclass(frozen=True)
class Band:
    """A band of one row's chain: ``terms`` sum to its count."""

    table: str
    row: int
    key: str  # e.g. "n − ge11"
    terms: Terms
    value: float
    required: int  # least width of the attacker's interval
    kind: str  # "band" (a small band) | "zero band" (beside a small group)


def _parts(name: str, i: int, chain: tuple[str, ...]) -> list[tuple[str, Terms]]:
    cells = [(name, i, k) for k in chain]
    out: list[tuple[str, Terms]] = [(chain[0], ((1.0, cells[0]),))]
    for j in range(1, len(chain)):
        out.append((f"{chain[j]} − {chain[j - 1]}", ((1.0, cells[j]), (-1.0, cells[j - 1]))))
    return out


def bands(original: Tables, values: Mapping[CellId, float], primary: Collection[CellId],
          unknown: Collection[CellId], policy: Policy) -> list[Band]:
    """Every band the policy protects, given the primary and the unknown (suppressed)
    cells: small bands touching an unknown cell, and every band of a small group."""
    out: list[Band] = []
    for name, rows in original.items():
        schema = shape(name)
        rule = policy.rule(name)
        if schema is None or not schema.chains or rule.min_count <= 1:
            continue
        protection = max(1, rule.protection)
        for i in range(len(rows)):
            for chain in schema.chains:
                cells = [(name, i, k) for k in chain]
                if any(c not in values for c in cells):
                    continue
                small_group = cells[-1] in primary
                if not small_group and not any(c in unknown for c in cells):
                    continue
                for key, terms in _parts(name, i, chain):
                    value = sum(coef * values[c] for coef, c in terms)
                    hidden = any(c in unknown for _, c in terms)
                    if len(terms) > 1 and hidden and 0 < value < rule.min_count:
                        out.append(Band(name, i, key, terms, value, protection, "band"))
                    elif small_group and abs(value) < 0.5:
                        out.append(Band(name, i, key, terms, value, 1, "zero band"))
    return out
