"""The library calls behind the CLI: load data, compute tables, publish them, the contract's JSON.

:func:`publish` is the one path to published tables: the contract's JSON
(:func:`tables`), the report (:func:`ligestat.report.gather.gather`) and the
disclosure audit (``ligestat audit-disclosure``) all call it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ligestat.config import Config
from ligestat.errors import InputError
from ligestat.history import DepartmentChange
from ligestat.history import department_changes as history_changes
from ligestat.indicators import REGISTRY, Selection, Store, chosen, run, selection, snapshot_for
from ligestat.workspace import ImportSummary, Progress, Workspace, resolve_config

if TYPE_CHECKING:
    from ligestat.disclosure import AuditResult, Policy
    from ligestat.disclosure.releases import Release
    from ligestat.engines import Warehouse

__all__ = ["CONTRACT_VERSION", "Published", "compute_tables", "connect", "department_changes",
           "document", "has_year", "load", "publish", "report_years", "tables",
           "tables_with_config", "validate"]

CONTRACT_VERSION = 2
Source = str | Path | None


def connect(source: str, *, config: Config | Path | str | None) -> Warehouse:
    """A warehouse the indicators run inside, by URL (:mod:`ligestat.engines`:
    ``postgresql://…``, ``spark:///…``); only aggregates leave it."""
    from ligestat.engines import open_source

    if config is None:
        raise InputError("--source needs --config: the organisation's ligestat.toml")
    return open_source(source, resolve_config(None, config, None))


def load(data: Source = None, *, workspace: Source = None,
         config: Config | Path | str | None = None, progress: Progress | None = None) -> Workspace:
    """A workspace to compute from: DATA validated into memory, or an existing workspace file."""
    if (data is None) == (workspace is None):
        raise InputError("give either a data folder or --workspace, not both and not neither")
    if data is not None:
        ws = Workspace.open(None)
        ws.import_data(Path(data), config, progress)
        return ws
    ws = Workspace.open(workspace, read_only=True)
    if config is not None:
        ws.use_config(resolve_config(None, config, None))
    return ws


def validate(data: str | Path, *, config: Config | Path | str | None = None,
             progress: Progress | None = None) -> ImportSummary:
    """Validate a data folder without storing anything; raises ValidationError on problems."""
    with Workspace.open(None) as ws:
        return ws.check(Path(data), resolve_config(Path(data), config), progress)


def compute_tables(ws: Store, year: int,
                   names: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Unsuppressed tables for a report year (default: every contract table)."""
    from ligestat.indicators import compute

    return compute(ws, year, names)


@dataclass(frozen=True)
class Published:
    """A report year's tables as published: disclosure applied, with what decided them."""

    tables: dict[str, list[dict[str, Any]]]  # suppressed cells None, listed in "suppressed"
    policy: Policy  # the resolved disclosure policy
    selection: Selection  # the year's selection: snapshot, cohort, population date
    computed: dict[str, list[dict[str, Any]]]  # the unsuppressed tables (for the audit only)
    hidden_units: bool  # totals include units shown in no row (in_tables = false)
    # every release up to this year, unsuppressed and as published (the audit's union);
    # empty when the policy suppresses nothing
    releases: tuple[Release, ...] = ()
    released: tuple[dict[str, list[dict[str, Any]]], ...] = ()

    def audit(self) -> AuditResult:
        """What an attacker holding every release up to this year can derive about every
        suppressed count (:mod:`ligestat.disclosure.releases`)."""
        from ligestat.disclosure import audit
        from ligestat.disclosure.releases import audit_releases

        if self.releases:
            return audit_releases(self.releases, self.released)
        return audit(self.tables, self.computed, self.policy, hidden_units=self.hidden_units)


def report_years(ws: Store) -> list[int]:
    """Every report year the workspace can report: each has its own staff snapshot."""
    candidates = {d.year if d.month == 1 else d.year + 1 for d in ws.snapshots()}
    return sorted(y for y in candidates if has_year(ws, y))


def _release_names(ws: Store, year: int, wanted: list[str]) -> list[str]:
    """Everything ligestat publishes for ``year``: every table with a disclosure shape (those
    that need a staff snapshot only when the year has one), and ``wanted``."""
    staff = has_year(ws, year)  # without a snapshot of its own: the tables that need none
    return list(dict.fromkeys([*wanted, *(n for n, ind in REGISTRY.items()
                                         if ind.disclosure is not None
                                         and (staff or not ind.needs_snapshot))]))


def plan(ws: Store, year: int, *, disclosure: str | None = None,
         names: Iterable[str] | None = None) -> list[tuple[Selection, list[str]]]:
    """The selections and indicators :func:`publish` runs for ``year``, oldest year first:
    the year alone under a policy that suppresses nothing, else every report year up to
    it (:mod:`ligestat.disclosure.releases`)."""
    from ligestat.disclosure import resolve_policy

    wanted = chosen(names)
    if not resolve_policy(disclosure, ws.year_config(year)).suppresses:
        return [(selection(ws, year, need_snapshot=any(REGISTRY[n].needs_snapshot
                                                       for n in wanted)), wanted)]
    out = []
    for y in [y for y in report_years(ws) if y < year] + [year]:
        names_y = _release_names(ws, y, wanted)
        out.append((selection(ws, y, need_snapshot=any(REGISTRY[n].needs_snapshot
                                                       for n in names_y)), names_y))
    return out


def publish(ws: Store, year: int, *, disclosure: str | None = None,
            names: Iterable[str] | None = None) -> Published:
    """Compute indicators (default: the contract's) for ``year`` and apply disclosure control.

    ``disclosure``: a policy name (``None``: each year's config's). Under a policy that
    suppresses anything, every earlier report year the workspace can report is
    protected first and this year consistently with them, and every table of the year
    is protected whichever are asked for (:mod:`ligestat.disclosure.releases`). Raises
    :class:`~ligestat.errors.DisclosureError` for an unknown policy, or for a table
    without a disclosure shape under a policy that suppresses anything.
    """
    from ligestat.disclosure import resolve_policy, suppression
    from ligestat.disclosure.releases import Release, protect

    wanted = chosen(names)
    cfg = ws.year_config(year)  # the config the year's data was imported with
    if cfg.many:  # never all organisations' rows as one: each is published on its own
        raise InputError("a data set of many organisations is published organisation by "
                         "organisation: ligestat tables (all of them), ligestat report "
                         "--organisation ID, or ligestat.organisations.publish_all "
                         "(docs/organisations.md)")
    policy = resolve_policy(disclosure, cfg)
    hidden = any(not d.in_tables for d in cfg.departments)
    runs = plan(ws, year, disclosure=disclosure, names=wanted)
    if not policy.suppresses:
        sel, names_now = runs[-1]
        computed = run(ws, sel, names_now)
        return Published(suppression.suppress(computed, policy, hidden_units=hidden), policy,
                         sel, computed, hidden)
    releases = tuple(
        Release(sel.year, run(ws, sel, names_y), resolve_policy(disclosure, sel.config), sel,
                any(not d.in_tables for d in sel.config.departments))
        for sel, names_y in runs)
    released = tuple(protect(releases))
    now = releases[-1]
    return Published({n: released[-1][n] for n in wanted if n in released[-1]}, policy,
                     now.selection, {n: now.tables[n] for n in wanted if n in now.tables},
                     hidden, releases, released)


def department_changes(ws: Store, year: int) -> tuple[DepartmentChange, ...]:
    """The earlier report years whose departments differ from ``year``'s (renamed, added,
    removed): a trend across them must say so (``ligestat.history``)."""
    return history_changes(ws.year_configs(), year, ws.year_config(year))


def has_year(ws: Store, year: int) -> bool:
    """Whether the workspace holds a staff snapshot for report year ``year``."""
    return snapshot_for(ws, year) is not None


def document(ws: Store, year: int, *, disclosure: str | None = None) -> dict[str, Any]:
    """The contract's JSON document (CONTRACT.md §3) for a report year, disclosure applied
    (with many organisations: ``{"contract", "year", "organisations": {ID: document}}``)."""
    return _document(ws, year, disclosure, False)[0]


def _document(ws: Store, year: int, disclosure: str | None,
              allow_older_snapshot: bool) -> tuple[dict[str, Any], Config]:
    if allow_older_snapshot:
        ws.older_snapshot_year = year
    cfg = ws.year_config(year)
    if cfg.many:  # CONTRACT.md §1, many organisations: one document holding each one's
        from ligestat import organisations

        return organisations.document(
            organisations.publish_all(ws, year, disclosure=disclosure), cfg, year), cfg
    published = publish(ws, year, disclosure=disclosure)
    return {
        "contract": CONTRACT_VERSION,
        "organisation": cfg.organisation,
        "year": year,
        "tables": published.tables,
    }, cfg


def tables(data: Source = None, *, workspace: Source = None, source: str | None = None,
           year: int, config: Config | Path | str | None = None, disclosure: str | None = None,
           progress: Progress | None = None,
           allow_older_snapshot: bool = False) -> dict[str, Any]:
    """The contract's JSON document (CONTRACT.md §3) for a report year, disclosure applied,
    from a data folder, a workspace or a warehouse (``source``, see :func:`connect`).

    A year needs its own staff snapshot (``ligestat.workspace.year_window``);
    ``allow_older_snapshot`` lets it count an older one on purpose.
    """
    return tables_with_config(data, workspace=workspace, source=source, year=year,
                              config=config, disclosure=disclosure, progress=progress,
                              allow_older_snapshot=allow_older_snapshot)[0]


def tables_with_config(data: Source = None, *, workspace: Source = None,
                       source: str | None = None, year: int,
                       config: Config | Path | str | None = None, disclosure: str | None = None,
                       progress: Progress | None = None, allow_older_snapshot: bool = False
                       ) -> tuple[dict[str, Any], Config, tuple[DepartmentChange, ...]]:
    """``tables``, the config the year was computed with, and the earlier years whose
    departments differ from the year's (:func:`department_changes`; none from a data
    folder, a warehouse, under ``config`` or with many organisations)."""
    if source is not None:
        if data is not None or workspace is not None:
            raise InputError("give one of a data folder, --workspace or --source")
        with connect(source, config=config) as wh:
            return (*_document(wh, year, disclosure, allow_older_snapshot), ())
    with load(data, workspace=workspace, config=config, progress=progress) as ws:
        doc, cfg = _document(ws, year, disclosure, allow_older_snapshot)
        return doc, cfg, () if cfg.many else department_changes(ws, year)
