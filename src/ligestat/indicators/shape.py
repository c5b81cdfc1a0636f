"""The disclosure shape of a table, as data: counts, shares, derived cells, relations.

Every indicator carries one (``disclosure=`` in :func:`ligestat.indicators.indicator`).
Suppression reads it to know what a suppressed count takes with it; the audit
reads it to know which linear relations an attacker can use. A table without a
shape cannot be published under a policy that suppresses anything
(:mod:`ligestat.disclosure` fails closed).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "PERIODS", "TOTAL", "Link", "Shape", "ShareDef", "gender_split"]

# How a policy's thresholds apply to a table (see ligestat.disclosure.policy):
#   sensitive  every count is thresholded (leave, sick days, pay, survey-style tables)
#   staff      only counts of gender "other" are thresholded
#   managers   published as they are (managers are public persons), unless overridden
#   public     published statistics (population), never thresholded
#   magnitude  means and medians of money (pay): ligestat.disclosure.magnitude applies the
#              policy's thresholds to the head counts they are taken over
KINDS = ("sensitive", "staff", "managers", "public", "magnitude")
TOTAL = "total"
# Which people a table's rows count, so that the releases of several report years can be
# seen as one system of equations (ligestat.disclosure.releases): the part of the year's
# selection the rows count, or (``period_key``) a row key naming a calendar year.
PERIODS = ("", "cohort", "snapshot", "pay_year", "population", "year")


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
class Link:
    """Cells of two tables that count the same people.

    The sum of ``key_a`` over the rows of ``table_a`` matching ``where_a``
    equals the sum of ``key_b`` over the rows of ``table_b`` matching
    ``where_b`` ("total" rows excluded on the ``b`` side; ``last_b``: only the
    last row of ``table_b``). Links are used only when they hold in the
    unsuppressed data. An indicator lists the links to tables registered
    before it.
    """

    table_a: str
    where_a: tuple[tuple[str, str], ...]
    key_a: str
    table_b: str
    where_b: tuple[tuple[str, str], ...]
    key_b: str
    last_b: bool = False


@dataclass(frozen=True)
class Shape:
    """The disclosure-relevant shape of one table.

    ``kind``: one of :data:`KINDS`. ``counts``: the cells that count people
    (the only cells thresholded and audited). ``other_keys`` / ``other_rows``:
    which counts count the ``other`` gender (a key, or rows whose ``gender`` is
    ``other``). ``shares``: cells that are a ratio of counts. ``derived``: cells
    computed from other cells (gaps, target flags, means of money); they go when
    anything they are computed from goes. ``row_sums``: ``(total_key,
    part_keys)``: total = sum of parts within a row. ``chains``: keys in
    increasing order: each ≤ the next (nested thresholds). ``by_department``:
    department rows sum to the ``"total"`` row, per group of ``group_keys``.
    ``links``: relations to tables registered earlier.

    Across report years: ``period`` says which people the rows count — the year's
    ``cohort``, staff ``snapshot``, ``pay_year`` or ``population`` date, or a calendar
    ``year`` — and ``period_key`` the row key naming it when rows carry their own period
    (``child_sick_days.year``; a ``cohort`` key is the calendar year children were born
    in). Two releases' rows of the same table, period and other row keys count the same
    people, so their counts are one cell to an attacker. ``same_as``: every row is the row
    of another table matching these keys for its period (the trend's rows are the
    fathers' "total" rows of their cohorts). Without a period a table is never matched
    across releases.

    A magnitude table (say mean monthly pay of women and men per department)
    declares the head counts as ``counts`` (kind ``sensitive``, so a policy's
    threshold applies to each gender's count) and each mean as ``derived``
    from its count: a mean goes with the count of people it is averaged over.
    The audit models counts (and the pay tables' means, ligestat.disclosure.magnitude);
    see docs/architecture.md for what that means.
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
    links: tuple[Link, ...] = ()
    period: str = ""
    period_key: str = ""
    same_as: tuple[str, tuple[tuple[str, str], ...]] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"disclosure shape kind must be one of {', '.join(KINDS)} "
                             f"({self.kind!r})")
        if self.period not in PERIODS:
            raise ValueError(f"disclosure shape period must be one of {', '.join(PERIODS)} "
                             f"({self.period!r})")


def gender_split(kind: str, *, by_department: bool = False,
                 judged: tuple[str, ...] = (), period: str = "snapshot") -> Shape:
    """A table of women, men, other and total per row (agreements, managers).

    ``judged``: target flags computed from the row's counts.
    """
    return Shape(
        kind=kind,
        counts=("women", "men", "other", "total"),
        other_keys=("other",),
        shares=(
            ShareDef("women_share", ("women",), ("total",)),
            ShareDef("men_share", ("men",), ("total",)),
            ShareDef("other_share", ("other",), ("total",)),
        ),
        derived=tuple((k, ("women", "men", "other", "total")) for k in judged),
        row_sums=(("total", ("women", "men", "other")),),
        by_department=by_department,
        period=period,
    )
