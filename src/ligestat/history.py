"""Departments across the years a trend spans.

Each staff snapshot keeps the config it was imported with
(:meth:`ligestat.workspace.Workspace.year_config`), so a later config may rename,
add, remove or merge departments without rewriting earlier years. A table or
chart over several years must then neither put an earlier year's people under
this year's departments nor hide that the departments changed:

- :func:`epochs` tells a multi-year indicator which departments each data year
  is shown with (the config of that year's report);
- :func:`department_changes` lists, for a report year, the earlier years whose
  departments differ and how — the report and ``ligestat tables`` print it as a
  note naming the years and the departments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ligestat.config import Config

__all__ = ["DepartmentChange", "YearConfigs", "department_changes", "describe", "epochs"]

YearConfigs = Sequence[tuple[int, Config]]  # (report year, its config), ascending


def _codes(cfg: Config) -> tuple[str, ...]:
    return tuple(d.code for d in cfg.table_departments)


def epochs(earlier: YearConfigs, year: int, current: Config
           ) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """``(last report year, table department codes)`` runs up to ``year``: a data year
    ``y`` of a per-year table (children's sick days in ``y`` belong to report year
    ``y + 1``) is shown with the departments of the first run whose last report year is
    ``≥ y + 1`` — the config of the report its data came with; years after the last
    earlier snapshot use ``current``. Consecutive runs with the same departments are
    merged, so a workspace whose departments never changed has a single run."""
    runs: list[tuple[int, tuple[str, ...]]] = []
    for report_year, cfg in [*[(r, c) for r, c in earlier if r < year], (year, current)]:
        codes = _codes(cfg)
        if runs and runs[-1][1] == codes:
            runs[-1] = (report_year, codes)
        else:
            runs.append((report_year, codes))
    return tuple(runs)


@dataclass(frozen=True)
class DepartmentChange:
    """How the departments of the earlier report years ``years`` differ from ``year``'s."""

    years: tuple[int, ...]  # earlier report years with the same departments, ascending
    year: int  # the report year
    added: tuple[tuple[str, str], ...]  # (code, name) in ``year``, not in ``years``
    removed: tuple[tuple[str, str], ...]  # (code, name) in ``years``, not in ``year``
    renamed: tuple[tuple[str, str, str], ...]  # (code, name then, name now)

    @property
    def span(self) -> str:
        first, last = self.years[0], self.years[-1]
        return str(first) if first == last else f"{first}–{last}"


def _departments(cfg: Config) -> tuple[tuple[str, str, bool], ...]:
    return tuple((d.code, d.name, d.in_tables) for d in cfg.departments)


def department_changes(earlier: YearConfigs, year: int,
                       current: Config) -> tuple[DepartmentChange, ...]:
    """The earlier report years whose departments (codes, names, shown in tables or
    not) differ from ``year``'s, grouped into runs of years with the same departments."""
    now = {d.code: d for d in current.departments}
    out: list[DepartmentChange] = []
    last: tuple[tuple[str, str, bool], ...] | None = None
    for report_year, cfg in earlier:
        if report_year >= year:
            continue
        mine = _departments(cfg)
        if mine == _departments(current):
            last = None
            continue
        if mine == last and out:
            prev = out[-1]
            out[-1] = DepartmentChange((*prev.years, report_year), year, prev.added,
                                       prev.removed, prev.renamed)
            continue
        last = mine
        then = {d.code: d for d in cfg.departments}
        out.append(DepartmentChange(
            (report_year,), year,
            tuple((c, d.name) for c, d in now.items() if c not in then),
            tuple((c, d.name) for c, d in then.items() if c not in now),
            tuple((c, then[c].name, d.name) for c, d in now.items()
                  if c in then and then[c].name != d.name)))
    return tuple(out)


def describe(change: DepartmentChange) -> str:
    """One English sentence for the terminal (the report has its own words, da and en)."""
    parts = []
    if change.removed:
        parts.append("not in " + str(change.year) + ": "
                     + ", ".join(f"{c} ({n})" for c, n in change.removed))
    if change.added:
        parts.append("new in " + str(change.year) + ": "
                     + ", ".join(f"{c} ({n})" for c, n in change.added))
    if change.renamed:
        parts.append("renamed: " + ", ".join(f"{c} ({a} → {b})" for c, a, b in change.renamed))
    if not parts:
        parts.append("a department's in_tables setting changed")
    return (f"the departments of {change.span} differ from {change.year}'s — "
            + "; ".join(parts) + "; each year's rows use that year's departments")
