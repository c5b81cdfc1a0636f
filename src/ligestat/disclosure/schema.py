"""What each published table holds, as data: counts, shares, derived cells, relations.

This is the one place that knows the shape of the contract's tables
(CONTRACT.md §3) for disclosure control. Suppression reads it to know what a
suppressed count takes with it; the audit reads it to know which linear
relations an attacker can use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "LABEL_KEYS",
    "LINKS",
    "SCHEMAS",
    "Link",
    "ShareDef",
    "TableSchema",
]

# Keys that identify a row rather than hold a figure.
LABEL_KEYS = frozenset({
    "department", "year", "gender", "age_band", "agreement", "cohort", "report_year", "age",
    "suppressed", "basis", "quartile", "category",
})
TOTAL = "total"


@dataclass(frozen=True)
class ShareDef:
    """``key`` = sum of ``num`` / sum of ``den`` in the same row.

    An empty ``den`` means the sum of ``num`` over every row of the table
    (``staff_gender.share``).
    """

    key: str
    num: tuple[str, ...]
    den: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    """The disclosure-relevant shape of one table.

    ``kind``: ``sensitive`` (leave, sick days, survey-style: the threshold
    applies to every count), ``staff`` (only ``other``-gender counts are
    thresholded), ``managers`` or ``public`` (published as they are).
    ``derived``: cells computed from other cells (gaps, target flags); they go
    when anything they are computed from goes.
    ``row_sums``: ``(total_key, part_keys)``: total = sum of parts within a row.
    ``chains``: keys in increasing order: each ≤ the next (nested thresholds).
    ``by_department``: department rows sum to the ``"total"`` row, per group of
    ``group_keys``.
    """

    kind: str
    counts: tuple[str, ...]
    other_keys: tuple[str, ...] = ()
    other_rows: bool = False  # rows with gender "other" count the other gender
    shares: tuple[ShareDef, ...] = ()
    derived: tuple[tuple[str, tuple[str, ...]], ...] = ()
    row_sums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    chains: tuple[tuple[str, ...], ...] = ()
    by_department: bool = False
    group_keys: tuple[str, ...] = ()


def _gender_split(kind: str, *, by_department: bool = False) -> TableSchema:
    """A table of women, men, other and total per row (agreements, managers)."""
    return TableSchema(
        kind=kind,
        counts=("women", "men", "other", "total"),
        other_keys=("other",),
        shares=(
            ShareDef("women_share", ("women",), ("total",)),
            ShareDef("men_share", ("men",), ("total",)),
            ShareDef("other_share", ("other",), ("total",)),
        ),
        derived=(("target_met", ("women", "men", "other", "total")),) if by_department else (),
        row_sums=(("total", ("women", "men", "other")),),
        by_department=by_department,
    )


def _leave(*, by_department: bool) -> TableSchema:
    """Parental leave: n people, of whom ge11 took ≥ 11 weeks, ge17 ≥ 17, ge24 ≥ 24."""
    return TableSchema(
        kind="sensitive",
        counts=("n", "ge11", "ge17", "ge24"),
        shares=tuple(ShareDef(f"{k}_share", (k,), ("n",)) for k in ("ge11", "ge17", "ge24")),
        derived=tuple((f"{k}_target_met", (f"{k}_share",)) for k in ("ge11", "ge17", "ge24")),
        chains=(("ge24", "ge17", "ge11", "n"),),
        by_department=by_department,
    )


SCHEMAS: Mapping[str, TableSchema] = MappingProxyType({
    "staff_gender": TableSchema(
        kind="staff", counts=("n",), other_rows=True, shares=(ShareDef("share", ("n",), ()),),
    ),
    "staff_age_gender": TableSchema(
        kind="staff", counts=("n",), other_rows=True, shares=(ShareDef("share", ("n",), ()),),
    ),
    "agreements_gender": _gender_split("staff"),
    "managers_level_1": _gender_split("managers", by_department=True),
    "managers_level_2": _gender_split("managers", by_department=True),
    "fathers_leave": _leave(by_department=True),
    "mothers_leave": _leave(by_department=True),
    "fathers_leave_trend": _leave(by_department=False),
    "child_sick_days": TableSchema(
        kind="sensitive",
        counts=("women_entitled", "women_took", "men_entitled", "men_took"),
        shares=(
            ShareDef("women_share", ("women_took",), ("women_entitled",)),
            ShareDef("men_share", ("men_took",), ("men_entitled",)),
        ),
        derived=(("gap_pp", ("women_share", "men_share")), ("target_met", ("gap_pp",))),
        chains=(("women_took", "women_entitled"), ("men_took", "men_entitled")),
        by_department=True,
        group_keys=("year",),
    ),
    "population_age_gender": TableSchema(kind="public", counts=("n",)),
    # means and medians: ligestat.disclosure.magnitude applies their rule
    "pay_gap": TableSchema(kind="magnitude", counts=()),
    "pay_quartiles": TableSchema(kind="magnitude", counts=()),
    "pay_categories": TableSchema(kind="magnitude", counts=()),
})


@dataclass(frozen=True)
class Link:
    """Cells of two tables that count the same people.

    The sum of ``key_a`` over the rows of ``table_a`` matching ``where_a``
    equals the sum of ``key_b`` over the rows of ``table_b`` matching
    ``where_b`` ("total" rows excluded on the ``b`` side; ``last_b``: only the
    last row of ``table_b``). Links are used only when they hold in the
    unsuppressed data.
    """

    table_a: str
    where_a: tuple[tuple[str, str], ...]
    key_a: str
    table_b: str
    where_b: tuple[tuple[str, str], ...]
    key_b: str
    last_b: bool = False


_AGREEMENT_KEY = {"woman": "women", "man": "men", "other": "other"}

LINKS: tuple[Link, ...] = (
    *(Link("staff_gender", (("gender", g),), "n", "staff_age_gender", (("gender", g),), "n")
      for g in _AGREEMENT_KEY),
    *(Link("staff_gender", (("gender", g),), "n", "agreements_gender", (), k)
      for g, k in _AGREEMENT_KEY.items()),
    # the trend's latest cohort is the fathers_leave cohort, all units together
    *(Link("fathers_leave", (("department", TOTAL),), k, "fathers_leave_trend", (), k,
           last_b=True) for k in ("n", "ge11", "ge17", "ge24")),
)
