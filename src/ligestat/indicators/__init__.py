"""Indicators: every table of the report, computed as SQL inside DuckDB.

``compute(ws, year)`` runs the registered indicators for a report year and returns
rows exactly as CONTRACT.md §3 describes them. The year's selection
(:func:`selection`):

- staff: the latest employees snapshot on or before 31 January of the year
  (or ``[staff] snapshot_date``), employment types per ``[staff] employment_types``;
- parental leave: children born in year − 2 (or ``[parental_leave]`` cohort dates);
- children's sick days: every year in the data up to year − 1;
- population: the latest population date on or before 31 January of the year;
- pay (when pay.csv holds the pay year): pay year = year − 1 (or ``[pay] year``).

Every module of this package but ``registry`` and ``shape`` is a family of
indicators and is imported here: the built-in families first, in the order of
the contract's JSON, then any other module, by name.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Iterable
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

from ligestat.config import Config
from ligestat.errors import WorkspaceError
from ligestat.indicators.registry import (
    REGISTRY,
    Indicator,
    Selection,
    Shared,
    Target,
    indicator,
    register,
    targets,
    unregister,
)
from ligestat.indicators.shape import Link, Shape, ShareDef
from ligestat.workspace import year_window

if TYPE_CHECKING:
    from ligestat.config import Config

__all__ = ["REGISTRY", "Indicator", "Link", "Selection", "Shape", "ShareDef", "Shared", "Store",
           "Target", "compute", "contract_tables", "indicator", "reference_markdown",
           "register", "selection", "snapshot_for", "targets", "unregister"]



class Store(Protocol):
    """Where indicators run: a :class:`~ligestat.workspace.Workspace`, or a
    :class:`~ligestat.engines.Warehouse` in another engine. ``con.execute(sql, params)``
    takes the registry's SQL (DuckDB dialect, ``?`` parameters)."""

    @property
    def config(self) -> Config: ...

    @property
    def con(self) -> Any: ...

    older_snapshot_year: int | None  # a report year allowed to count an older snapshot

    def snapshots(self) -> list[date]: ...

    def year_config(self, year: int) -> Config:
        """The config a year's data was imported with."""

    def year_configs(self) -> list[tuple[int, Config]]:
        """Every report year with a staff snapshot and its config, ascending (empty when
        one config counts for every year)."""


BUILTIN_FAMILIES = ("staff", "managers", "leave", "sick_days", "population")
_NOT_FAMILIES = ("registry", "shape")


def _families() -> list[str]:
    found = [m.name for m in pkgutil.iter_modules(__path__)
             if m.name not in _NOT_FAMILIES and not m.name.startswith("_")]
    rank = {name: i for i, name in enumerate(BUILTIN_FAMILIES)}
    return sorted(found, key=lambda n: (rank.get(n, len(rank)), n))


for _family in _families():
    import_module(f"ligestat.indicators.{_family}")


def contract_tables() -> tuple[str, ...]:
    """The indicators of CONTRACT.md §3's JSON, in its order."""
    return tuple(name for name, ind in REGISTRY.items() if ind.contract)


def snapshot_for(ws: Store, year: int, cfg: Config | None = None) -> date | None:
    """The staff snapshot report year ``year`` counts; None when the workspace has none
    for it. A year counts its own data: a snapshot older than the year's window
    (``ligestat.workspace.year_window``) only when asked for
    (``ws.older_snapshot_year``) or named by ``[staff] snapshot_date``.

    Raises :class:`WorkspaceError` when ``[staff] snapshot_date`` names a snapshot
    the data does not hold.
    """
    wanted = (cfg or ws.year_config(year)).snapshot_date
    snapshots = ws.snapshots()
    if wanted is not None:
        if wanted not in snapshots:
            shown = ", ".join(str(s) for s in snapshots) or "none"
            raise WorkspaceError(f"the config's [staff] snapshot_date {wanted} is not in the "
                                 f"data (snapshots: {shown})")
        return wanted
    start, cutoff = year_window(year)
    eligible = [s for s in snapshots if s <= cutoff]
    if not eligible or (max(eligible) < start and ws.older_snapshot_year != year):
        return None
    return max(eligible)


def _no_snapshot(ws: Store, year: int) -> str:
    start, cutoff = year_window(year)
    snapshots = ws.snapshots()
    shown = ", ".join(str(s) for s in snapshots) or "none"
    older = [s for s in snapshots if s <= cutoff]
    if older:
        return (f"no staff data for report year {year}: its staff snapshot must be dated "
                f"{start} … {cutoff}, and the latest is {max(older)} (snapshots: {shown}); "
                f"import {year}'s employees data, or report on the {max(older)} snapshot on "
                "purpose with --allow-older-snapshot")
    return (f"no staff snapshot on or before {cutoff} for report year {year} (snapshots: "
            f"{shown}); import employees data for that year")


def _population_date(ws: Store, year: int) -> date | None:
    known: list[date] | None = getattr(ws, "population_dates", None)  # when prefetched
    if known is not None:
        return max((d for d in known if d <= date(year, 1, 31)), default=None)
    row = ws.con.execute("SELECT max(date) FROM population WHERE date <= ?",
                         [date(year, 1, 31)]).fetchone()
    return row[0] if row else None


def selection(ws: Store, year: int, *, need_snapshot: bool = True) -> Selection:
    """The selection a report year makes (snapshot, cohort, population date), with the
    config the year's data was imported with (``Workspace.year_config``)."""
    from ligestat.history import epochs

    cfg = ws.year_config(year)
    runs = epochs(ws.year_configs(), year, cfg)
    snapshot = snapshot_for(ws, year, cfg) if need_snapshot else None
    if need_snapshot and snapshot is None:
        raise WorkspaceError(_no_snapshot(ws, year))
    return Selection(
        year=year,
        config=cfg,
        snapshot_date=snapshot,
        cohort_start=cfg.cohort_start or date(year - 2, 1, 1),
        cohort_end=cfg.cohort_end or date(year - 2, 12, 31),
        population_date=_population_date(ws, year),
        pay_year=cfg.pay_year or year - 1,
        epochs=runs if len(runs) > 1 else (),
    )


_PLAIN = frozenset({bool, type(None), str, float, int})  # kept as they are


def _value(v: Any) -> Any:
    if type(v) in _PLAIN or isinstance(v, bool | str | float):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, date):
        return v.isoformat()
    return float(v) if hasattr(v, "__float__") else v


def run(ws: Store, sel: Selection,
        names: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Run the named indicators for a selection; rows as plain dicts. A statement runs
    once however many indicators read it (a :class:`~ligestat.indicators.registry.Shared`
    one). A store may hold rows fetched already for a statement (``prefetched``: SQL →
    rows, as :mod:`ligestat.organisations` fetches many organisations' at once)."""
    prefetched: dict[str, list[tuple[Any, ...]]] = getattr(ws, "prefetched", None) or {}
    fetched: dict[str, list[tuple[Any, ...]]] = {}

    def fetch(name: str, sql: str, columns: tuple[str, ...] | None) -> list[tuple[Any, ...]]:
        if sql not in fetched:
            rows = prefetched.get(sql)
            if rows is None:
                cur = ws.con.execute(sql)
                keys = tuple(d[0] for d in cur.description)
                if columns is not None and keys != columns:
                    raise AssertionError(f"indicator {name} returned {list(keys)}, "
                                         f"declared {list(columns)}")
                rows = cur.fetchall()
            fetched[sql] = rows
        return fetched[sql]

    result: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        ind = REGISTRY[name]
        if ind.present is not None and not fetch(name, ind.present(sel), None):
            continue
        sql, columns = ind.statement(sel)
        got = fetch(name, sql, columns)
        if ind.shared is not None:  # this indicator's rows, its columns
            part, pick = columns.index("part"), [columns.index(c) for c in ind.columns]
            got = [tuple(row[i] for i in pick) for row in got if row[part] == name]
        rows = [dict(zip(ind.columns, map(_value, row), strict=True)) for row in got]
        result[name] = ind.finish(ws, sel, rows) if ind.finish else rows
    return result


def chosen(names: Iterable[str] | None) -> list[str]:
    """The indicators asked for (default: the contract's), checked to be registered."""
    out = list(names) if names is not None else list(contract_tables())
    unknown = [n for n in out if n not in REGISTRY]
    if unknown:
        raise WorkspaceError(f"unknown indicator(s) {', '.join(unknown)}; known: "
                             f"{', '.join(REGISTRY)}")
    return out


def compute(ws: Store, year: int,
            names: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Run indicators (default: the contract's) for a report year; rows as plain dicts."""
    wanted = chosen(names)
    sel = selection(ws, year, need_snapshot=any(REGISTRY[n].needs_snapshot for n in wanted))
    return run(ws, sel, wanted)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def reference_markdown() -> str:
    """docs/indicators.md, generated from the registry (``python -m ligestat.indicators``)."""
    lines = ["# Indicators and targets", "",
             "Generated from the registry by `python -m ligestat.indicators > docs/indicators.md`;",
             "a test fails when this file and the code differ.", "", "## Indicators", "",
             "| indicator | in the contract's JSON | row keys | disclosure | what it counts |",
             "|---|---|---|---|---|"]
    for ind in REGISTRY.values():
        cols = ", ".join(f"**`{c}`**" if c in ind.keys else f"`{c}`" for c in ind.columns)
        shape = ind.disclosure.kind if ind.disclosure is not None else "**none**"
        lines.append(f"| `{ind.name}` | {'yes' if ind.contract else 'no'} | {cols} | {shape} | "
                     f"{_cell(ind.help)} |")
    lines += ["", "Row keys in bold identify a row; the others are figures. *disclosure* is "
              "the kind of the table's disclosure shape (docs/disclosure.md).",
              "", "## Targets (måltal)", "",
              "| target | kind | table | judged in | setting in `[targets]` | default | rule |",
              "|---|---|---|---|---|---|---|"]
    for t in targets():
        default = f"{t.default:g}" + (" pp" if t.unit == "pp" else "")
        lines.append(f"| `{t.id}` | {t.kind} | `{t.indicator}` | `{t.column}` | "
                     f"`{t.setting}` | {default} | {_cell(t.help)} |")
    lines += ["", "How to add an indicator: docs/architecture.md, \"Adding an indicator\"."]
    return "\n".join(lines) + "\n"
