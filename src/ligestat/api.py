"""The library calls behind the CLI: load data, compute tables, produce the contract's JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ligestat.config import Config
from ligestat.errors import InputError
from ligestat.workspace import ImportSummary, Progress, Workspace, resolve_config

__all__ = ["CONTRACT_VERSION", "compute_tables", "load", "tables", "tables_with_config",
           "validate"]

CONTRACT_VERSION = 2
Source = str | Path | None


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


def compute_tables(ws: Workspace, year: int,
                   names: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Unsuppressed tables for a report year (default: every contract table)."""
    from ligestat.indicators import compute

    return compute(ws, year, names)


def tables(data: Source = None, *, workspace: Source = None, year: int,
           config: Config | Path | str | None = None, disclosure: str | None = None,
           progress: Progress | None = None,
           allow_older_snapshot: bool = False) -> dict[str, Any]:
    """The contract's JSON document (CONTRACT.md §3) for a report year, disclosure applied.

    A year needs its own staff snapshot (``ligestat.workspace.year_window``);
    ``allow_older_snapshot`` lets it count an older one on purpose.
    """
    return tables_with_config(data, workspace=workspace, year=year, config=config,
                              disclosure=disclosure, progress=progress,
                              allow_older_snapshot=allow_older_snapshot)[0]


def tables_with_config(data: Source = None, *, workspace: Source = None, year: int,
                       config: Config | Path | str | None = None, disclosure: str | None = None,
                       progress: Progress | None = None,
                       allow_older_snapshot: bool = False) -> tuple[dict[str, Any], Config]:
    """``tables``, and the config the year was computed with."""
    from ligestat.disclosure import apply_policy

    with load(data, workspace=workspace, config=config, progress=progress) as ws:
        if allow_older_snapshot:
            ws.older_snapshot_year = year
        raw = compute_tables(ws, year)
        cfg = ws.year_config(year)
        protected = apply_policy(raw, policy=disclosure, config=cfg)
        return {
            "contract": CONTRACT_VERSION,
            "organisation": cfg.organisation,
            "year": year,
            "tables": protected,
        }, cfg
