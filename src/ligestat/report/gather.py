"""``gather``: a workspace → the ``ReportInput`` of one report year.

The only module of the report package that talks to the workspace; the
builder and renderers work on the plain value it returns.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ligestat.api import department_changes, has_year, publish
from ligestat.indicators import REGISTRY, contract_tables
from ligestat.report.context import read_context
from ligestat.report.input import ContextFigure, DisclosureInfo, ReportInput
from ligestat.workspace import Workspace

__all__ = ["EXTRA_INDICATORS", "gather"]
EXTRA_INDICATORS = ("population_age_gender", "fathers_leave_trend")


def _cohort_text(start: date, end: date) -> str:
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start.isoformat()}–{end.isoformat()}"


def _stored_context(ws: Workspace, year: int) -> tuple[ContextFigure, ...]:
    """The context figures import stored (context.csv) for report year ``year``, in the
    file's order; figures stored before they were kept per year count for every year
    that has none of its own."""
    try:
        cur = ws.con.execute(
            "SELECT * EXCLUDE (report_year) FROM context WHERE report_year = ? OR "
            "(report_year IS NULL AND NOT EXISTS (SELECT 1 FROM context WHERE report_year = ?)) "
            "ORDER BY rowid", [year, year])
    except Exception:  # a read-only workspace made before context was kept per year
        try:
            cur = ws.con.execute("SELECT * FROM context ORDER BY rowid")
        except Exception:  # … or before context was an input table
            return ()
    keys = [d[0] for d in cur.description]
    rows = [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]
    return tuple(ContextFigure(
        key=r["key"], group=r["group"], group_da=r["group_da"] or r["group"],
        group_en=r["group_en"] or r["group"], label_da=r["label_da"], label_en=r["label_en"],
        value=float(r["value"]), unit=r["unit"], year=int(r["year"]), source=r["source"],
        source_en=r.get("source_en") or r["source"])
        for r in rows)


def _by_id(row: dict[str, Any]) -> tuple[int, int, str]:
    """Initiatives in the order of their ids: 2 before 10 when the ids are numbers."""
    key = str(row["id"]).strip()
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def gather(ws: Workspace, year: int, *, disclosure: str | None = None,
           context: Path | tuple[ContextFigure, ...] | None = None,
           data: Path | None = None) -> ReportInput:
    """Everything the report of ``year`` needs, disclosure applied (``None``: the config's).

    ``context`` is a context file or figures already read; without it, the figures
    import stored from the data folder's context.csv. ``data``: the data folder, for
    the pay assessment texts beside the data.
    """
    from ligestat.analysis import adjusted_gap
    from ligestat.pay.assessment import ASSESSMENT_FILENAME, assess

    names = list(dict.fromkeys([*contract_tables(), *EXTRA_INDICATORS, *REGISTRY]))
    now = publish(ws, year, disclosure=disclosure, names=names)
    tables = dict(now.tables)
    population = tuple(tables.pop("population_age_gender", ()))
    trend = tuple(tables.pop("fathers_leave_trend", ()))
    previous: dict[str, list[dict[str, Any]]] | None = None  # None: "no comparison"
    if has_year(ws, year - 1):
        previous = dict(publish(ws, year - 1, disclosure=disclosure, names=names).tables)
        for name in EXTRA_INDICATORS:
            previous.pop(name, None)
    sel, policy = now.selection, now.policy
    initiatives = sorted(ws.rows("initiatives"), key=_by_id)
    if isinstance(context, Path):
        figures = read_context(context)
    elif context is not None:
        figures = context
    else:
        figures = _stored_context(ws, year)
    cfg = ws.year_config(year)
    pay_texts = (data if data.is_dir() else data.parent) / ASSESSMENT_FILENAME \
        if data is not None else None
    return ReportInput(
        organisation=cfg.organisation,
        year=year,
        departments=cfg.departments,
        tables=tables,
        targets=cfg.targets,
        previous=previous,
        population=population,
        population_date=sel.population_date,
        fathers_trend=trend,
        initiatives=tuple(initiatives),
        context=figures,
        disclosure=DisclosureInfo(policy.name, policy.description_da, policy.description_en),
        snapshot_date=sel.snapshot_date,
        leave_cohort=_cohort_text(sel.cohort_start, sel.cohort_end),
        sources={str(k): str(v) for k, v in dict(cfg.report.get("sources", {})).items()},
        sources_en={str(k): str(v) for k, v in dict(cfg.report.get("sources_en", {})).items()},
        narrative=ws.narrative(),
        department_changes=department_changes(ws, year),
        pay_year=sel.pay_year,
        pay_assessment=assess(ws, year, disclosure=disclosure, texts=pay_texts)
        if "pay_gap" in tables else None,
        pay_adjusted=adjusted_gap(ws.con, sel.pay_year) if "pay_gap" in tables else None,
    )
