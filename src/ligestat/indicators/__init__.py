"""Indicators: every table of the report, computed as SQL inside DuckDB.

``compute(ws, year)`` runs the registered indicators for a report year and returns
rows exactly as CONTRACT.md §3 describes them. The year's selections:

- staff: the latest employees snapshot on or before 31 January of the year
  (or ``[staff] snapshot_date``), employment types per ``[staff] employment_types``;
- parental leave: children born in year − 2 (or ``[parental_leave]`` cohort dates);
- children's sick days: every year in the data up to year − 1;
- pay (when pay.csv holds the pay year): pay year = year − 1 (or ``[pay] year``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from importlib import import_module
from typing import Any

from ligestat.config import Config
from ligestat.errors import WorkspaceError
from ligestat.indicators.registry import REGISTRY, Context, Indicator, indicator
from ligestat.workspace import Workspace, year_window

__all__ = ["CONTRACT_TABLES", "REGISTRY", "Context", "Indicator", "compute", "context",
           "indicator"]

# Built-in families register in this order, which is the order of the JSON output.
for _family in ("staff", "managers", "leave", "sick_days", "population", "pay"):
    import_module(f"ligestat.indicators.{_family}")

CONTRACT_TABLES = tuple(name for name, ind in REGISTRY.items() if ind.contract)


def _snapshot(ws: Workspace, year: int, cfg: Config) -> date:
    wanted = cfg.snapshot_date
    snapshots = ws.snapshots()
    shown = ", ".join(str(s) for s in snapshots) or "none"
    if wanted is not None:
        if wanted not in snapshots:
            raise WorkspaceError(f"the config's [staff] snapshot_date {wanted} is not in the "
                                 f"data (snapshots: {shown})")
        return wanted
    start, cutoff = year_window(year)
    eligible = [s for s in snapshots if s <= cutoff]
    if not eligible:
        raise WorkspaceError(f"no staff snapshot on or before {cutoff} for report year {year} "
                             f"(snapshots: {shown}); import employees data for that year")
    chosen = max(eligible)
    if chosen < start and ws.older_snapshot_year != year:
        raise WorkspaceError(
            f"no staff data for report year {year}: its staff snapshot must be dated "
            f"{start} … {cutoff}, and the latest is {chosen} (snapshots: {shown}); import "
            f"{year}'s employees data, or report on the {chosen} snapshot on purpose with "
            "--allow-older-snapshot")
    return chosen


def context(ws: Workspace, year: int, *, need_snapshot: bool = True) -> Context:
    """The selections a report year makes (snapshot, cohort), with the year's config."""
    cfg = ws.year_config(year)
    return Context(
        year=year,
        config=cfg,
        snapshot_date=_snapshot(ws, year, cfg) if need_snapshot else None,
        cohort_start=cfg.cohort_start or date(year - 2, 1, 1),
        cohort_end=cfg.cohort_end or date(year - 2, 12, 31),
        pay_year=cfg.pay_year or year - 1,
    )


def _value(v: Any) -> Any:
    if isinstance(v, bool) or v is None or isinstance(v, str | float):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, date):
        return v.isoformat()
    return float(v) if hasattr(v, "__float__") else v


def compute(ws: Workspace, year: int,
            names: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Run indicators (default: the contract's) for a report year; rows as plain dicts."""
    chosen = list(names) if names is not None else list(CONTRACT_TABLES)
    unknown = [n for n in chosen if n not in REGISTRY]
    if unknown:
        raise WorkspaceError(f"unknown indicator(s) {', '.join(unknown)}; known: "
                             f"{', '.join(REGISTRY)}")
    ctx = context(ws, year, need_snapshot=any(REGISTRY[n].needs_snapshot for n in chosen))
    result: dict[str, list[dict[str, Any]]] = {}
    for name in chosen:
        ind = REGISTRY[name]
        if ind.present is not None and not ind.present(ws.con, ctx):
            continue
        cur = ws.con.execute(ind.sql(ctx))
        keys = [d[0] for d in cur.description]
        if tuple(keys) != ind.columns:
            raise AssertionError(f"indicator {name} returned {keys}, declared {ind.columns}")
        rows = [{k: _value(v) for k, v in zip(keys, row, strict=True)}
                for row in cur.fetchall()]
        result[name] = ind.finish(ws.con, ctx, rows) if ind.finish else rows
    return result


def reference_markdown() -> str:
    """docs/indicators.md, generated from the registry (``python -m ligestat.indicators``)."""
    from ligestat.targets import TARGETS

    lines = ["# Indicators and targets", "",
             "Generated from the registry by `python -m ligestat.indicators > docs/indicators.md`;",
             "a test fails when this file and the code differ.", "", "## Indicators", "",
             "| indicator | in the contract's JSON | row keys | what it counts |",
             "|---|---|---|---|"]
    for ind in REGISTRY.values():
        keys = ", ".join(f"`{c}`" for c in ind.columns)
        lines.append(f"| `{ind.name}` | {'yes' if ind.contract else 'no'} | {keys} | {ind.help} |")
    lines += ["", "## Targets (måltal)", "",
              "| target | kind | table | judged in | setting | rule |", "|---|---|---|---|---|---|"]
    for t in TARGETS:
        lines.append(f"| `{t.id}` | {t.kind} | `{t.indicator}` | `{t.column}` | "
                     f"`[targets] {t.setting}` | {t.help} |")
    return "\n".join(lines) + "\n"
