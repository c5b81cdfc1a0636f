"""What each published table holds, for disclosure control: read from the indicator registry.

Every indicator carries its disclosure shape
(:class:`~ligestat.indicators.shape.Shape`: counts, shares, derived cells,
relations, links to other tables). Suppression reads it to know what a
suppressed count takes with it; the audit reads it to know which linear
relations an attacker can use. Disclosure fails closed: under a policy that
suppresses anything, a table without a shape is an error, never published
unprotected (:func:`require_shapes`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ligestat.errors import DisclosureError
from ligestat.indicators import REGISTRY
from ligestat.indicators.shape import TOTAL, Link, Shape, ShareDef

__all__ = ["RELEASE", "TOTAL", "Link", "Shape", "ShareDef", "base", "links", "release_of",
           "require_shapes", "row_keys", "shape", "shaped"]

RELEASE = "@"  # "fathers_leave@2024": the table as report year 2024 publishes it


def base(table: str) -> str:
    """The indicator a (release-qualified) table name names: ``fathers_leave@2024`` →
    ``fathers_leave``."""
    return table.partition(RELEASE)[0]


def release_of(table: str) -> str:
    """The release part of a qualified table name (``"2024"``), ``""`` when unqualified."""
    return table.partition(RELEASE)[2]


def shape(table: str) -> Shape | None:
    """The disclosure shape of a registered table; None for any other."""
    ind = REGISTRY.get(base(table))
    return ind.disclosure if ind is not None else None


def shaped() -> dict[str, Shape]:
    """Every registered table with a disclosure shape, in registry order."""
    return {name: ind.disclosure for name, ind in REGISTRY.items() if ind.disclosure is not None}


def links() -> tuple[Link, ...]:
    """Every link between tables about the same people, in registry order."""
    return tuple(link for s in shaped().values() for link in s.links)


def row_keys(table: str) -> frozenset[str]:
    """Keys that identify a row of ``table`` rather than hold a figure."""
    ind = REGISTRY.get(base(table))
    return frozenset((*(ind.keys if ind is not None else ()), "suppressed"))


def require_shapes(tables: Iterable[str]) -> None:
    """Fail closed: raise :class:`DisclosureError` naming any table without a shape."""
    missing = [name for name in tables if shape(name) is None]
    if missing:
        raise DisclosureError(
            f"no disclosure shape for table(s) {', '.join(missing)}: they cannot be published "
            "under a policy that suppresses anything; give the indicator a disclosure shape "
            "(docs/architecture.md, \"Adding an indicator\") or use policy \"public\"")
