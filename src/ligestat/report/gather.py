"""``gather``: a workspace → the ``ReportInput`` of one report year.

The only module of the report package that talks to the workspace; the
builder and renderers work on the plain value it returns.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ligestat.errors import LigestatError
from ligestat.report.context import read_context
from ligestat.report.input import ContextFigure, DisclosureInfo, ReportInput
from ligestat.workspace import Workspace

__all__ = ["EXTRA_INDICATORS", "gather"]

EXTRA_INDICATORS = ("population_age_gender", "fathers_leave_trend")


def _rows(ws: Workspace, sql: str) -> list[dict[str, Any]]:
    cur = ws.con.execute(sql)
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]


def _protected(ws: Workspace, year: int, disclosure: str | None) -> dict[str, list[dict[str, Any]]]:
    from ligestat.api import compute_tables
    from ligestat.disclosure import apply_policy
    from ligestat.indicators import CONTRACT_TABLES

    raw = compute_tables(ws, year, [*CONTRACT_TABLES, *EXTRA_INDICATORS])
    return apply_policy(raw, policy=disclosure, config=ws.year_config(year))


def _cohort_text(start: date, end: date) -> str:
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start.isoformat()}–{end.isoformat()}"


def _stored_context(ws: Workspace) -> tuple[ContextFigure, ...]:
    """The context figures import stored (context.csv), in the file's order."""
    try:
        rows = _rows(ws, "SELECT * FROM context ORDER BY rowid")
    except Exception:  # a read-only workspace made before context was an input table
        return ()
    return tuple(ContextFigure(
        key=r["key"], group=r["group"], group_da=r["group_da"] or r["group"],
        group_en=r["group_en"] or r["group"], label_da=r["label_da"], label_en=r["label_en"],
        value=float(r["value"]), unit=r["unit"], year=int(r["year"]), source=r["source"])
        for r in rows)


def gather(ws: Workspace, year: int, *, disclosure: str | None = None,
           context: Path | tuple[ContextFigure, ...] | None = None) -> ReportInput:
    """Everything the report of ``year`` needs, disclosure applied (``None``: the config's).

    ``context`` is a context file or figures already read; without it, the figures
    import stored from the data folder's context.csv.
    """
    from ligestat.disclosure.policy import resolve_policy
    from ligestat.indicators import context as year_context

    tables = _protected(ws, year, disclosure)
    population = tuple(tables.pop("population_age_gender", ()))
    trend = tuple(tables.pop("fathers_leave_trend", ()))
    previous: dict[str, list[dict[str, Any]]] | None
    try:
        previous = _protected(ws, year - 1, disclosure)
        for name in EXTRA_INDICATORS:
            previous.pop(name, None)
    except LigestatError:
        previous = None  # no data for last year: the report says "no comparison"
    sel = year_context(ws, year)
    pop_date = ws.con.execute(
        f"SELECT max(date) FROM population WHERE date <= DATE '{year}-01-31'").fetchone()
    initiatives = _rows(ws, "SELECT * FROM initiatives ORDER BY id")
    if isinstance(context, Path):
        figures = read_context(context)
    elif context is not None:
        figures = context
    else:
        figures = _stored_context(ws)
    cfg = ws.year_config(year)
    policy = resolve_policy(disclosure, cfg)
    return ReportInput(
        organisation=cfg.organisation,
        year=year,
        departments=cfg.departments,
        tables=tables,
        targets=cfg.targets,
        previous=previous,
        population=population,
        population_date=pop_date[0] if pop_date else None,
        fathers_trend=trend,
        initiatives=tuple(initiatives),
        context=figures,
        disclosure=DisclosureInfo(policy.name, policy.description_da, policy.description_en),
        snapshot_date=sel.snapshot_date,
        leave_cohort=_cohort_text(sel.cohort_start, sel.cohort_end),
        sources={str(k): str(v) for k, v in dict(cfg.report.get("sources", {})).items()},
    )
