"""The front-page summary: one row per registered target, in registry order.

Nothing here knows an indicator by name. A ``balance`` target is summarised
as the departments meeting it (of those assessable); a ``min_share`` or
``max_gap`` target as the figure it judges in the table's total row (the
latest period, for a table with periods), with last year's figure beside it —
from last year's tables, else the indicator's history table, else the previous
period of the same table.
"""

from __future__ import annotations

from dataclasses import replace

from ligestat.indicators import REGISTRY, Target, targets
from ligestat.report.cells import columns, text_cell, value_cell
from ligestat.report.context_build import BuildContext
from ligestat.report.facts import is_suppressed, manager_facts, pp_change, total_row
from ligestat.report.input import Row
from ligestat.report.model import Cell, CellKind, Note, Paragraph, Table, TableRow
from ligestat.report.numbers import fmt_int, round_half_up

__all__ = ["summary"]


def _direction(ctx: BuildContext, change: int | None, better_when_up: bool, unit: str) -> Cell:
    t = ctx.t
    if change is None:
        return Cell(t.label("no_comparison"), None, "text")
    if change == 0:
        word = t.label("direction_same")
    else:
        better = (change > 0) == better_when_up
        word = t.label("direction_better" if better else "direction_worse")
    if change == 0:
        return Cell(word, 0, "count" if unit != "pp" else "pp")
    sign = "+" if change > 0 else "\u2212"
    number = fmt_int(abs(change), ctx.lang)
    text = t.label("direction", sign=sign, number=number, unit=unit, word=word)
    return Cell(text, change, "count" if unit != "pp" else "pp")


def _status(ctx: BuildContext, met: int, total: int) -> Cell:
    t = ctx.t
    if total == 0:
        return Cell(t.label("status_na"), None, "status")
    if met == total:
        return Cell(t.label("status_all"), True, "status", status=True)
    if met == 0:
        return Cell(t.label("status_none"), False, "status", status=False)
    return Cell(t.label("status_partly"), False, "status", status=False)


def _no_comparison(ctx: BuildContext) -> Cell:
    return Cell(ctx.t.label("no_comparison"), None, "text")


def _goal(ctx: BuildContext, target: Target) -> Cell:
    return text_cell(ctx.t.label(target.goal_key, goal=ctx.inp.targets[target.setting]))


def _balance(ctx: BuildContext, target: Target) -> tuple[TableRow, bool | None]:
    t = ctx.t
    f = manager_facts(ctx.inp, target.indicator, target.column)
    whole = total_row(ctx.inp.tables.get(target.indicator, ())) or {}
    if f.assessable == 0 and whole.get(target.column) is not None:
        # judged for the organisation as one group ([targets] manager_level_1_scope)
        f = replace(f, met=("total",) if whole[target.column] else (),
                    not_met=() if whole[target.column] else ("total",))
    status = _status(ctx, len(f.met), f.assessable)
    prev = (Cell(t.label("n_of_m", n=f.prev_met, m=f.prev_assessable), f.prev_met, "count")
            if f.prev_met is not None else _no_comparison(ctx))
    change = len(f.met) - f.prev_met if f.prev_met is not None else None
    row = TableRow(text_cell(t.label(target.label_key, year=ctx.inp.year)), (
        _goal(ctx, target),
        Cell(t.label("n_of_m", n=len(f.met), m=f.assessable), len(f.met), "count"),
        status, prev, _direction(ctx, change, True, "dept")))
    return row, (status.status if status.value is not None else None)


def _last_year(ctx: BuildContext, target: Target) -> Row | None:
    """Last year's total row: from last year's tables, else the indicator's history."""
    inp = ctx.inp
    if inp.previous is not None:
        total = total_row(inp.previous.get(target.indicator, ()))
        if total is not None:
            return total
    history = REGISTRY[target.indicator].history
    rows = inp.fathers_trend if history == "fathers_leave_trend" else inp.tables.get(history, ())
    return next((r for r in rows if r.get("report_year") == inp.year - 1), None) \
        if history else None


def _change(target: Target, now: float | None, before: float | None) -> int | None:
    if target.kind == "max_gap":  # the size of the gap, in whole pp as printed
        if now is None or before is None:
            return None
        return int(round_half_up(abs(now))) - int(round_half_up(abs(before)))
    return pp_change(now, before)


def _figure(ctx: BuildContext, target: Target) -> tuple[TableRow, bool | None] | None:
    t = ctx.t
    rows = list(ctx.inp.tables[target.indicator])
    year: object = ctx.inp.year
    before: Row | None
    if target.period:
        periods = sorted({r[target.period] for r in rows})
        if not periods:
            return None
        year = periods[-1]
        total = total_row([r for r in rows if r[target.period] == periods[-1]]) or {}
        before = (total_row([r for r in rows if r[target.period] == periods[-2]])
                  if len(periods) > 1 else None)
    else:
        total = total_row(rows) or {}
        before = _last_year(ctx, target)
    now = total.get(target.value)
    prev = before.get(target.value) if before is not None else None
    met = total.get(target.column)
    kind: CellKind = "pp" if target.unit == "pp" else "share"
    status = (Cell(t.label("status_yes" if met else "status_no"), bool(met), "status",
                   status=bool(met)) if met is not None
              else Cell(t.label("status_na"), None, "status"))
    row = TableRow(text_cell(t.label(target.label_key, year=year)), (
        _goal(ctx, target),
        value_cell(now, kind, t, suppressed=is_suppressed(total, target.value)),
        status,
        value_cell(prev, kind, t) if prev is not None else _no_comparison(ctx),
        _direction(ctx, _change(target, now, prev), target.kind != "max_gap", "pp")))
    return row, met


def summary(ctx: BuildContext) -> tuple[Table, tuple[Paragraph, ...]]:
    """The summary table of every target whose table is in the input, and its lead."""
    t, inp = ctx.t, ctx.inp
    rows: list[TableRow] = []
    statuses: list[bool | None] = []
    for target in targets():
        if target.indicator not in inp.tables:
            continue
        made = _balance(ctx, target) if target.kind == "balance" else _figure(ctx, target)
        if made is not None:
            rows.append(made[0])
            statuses.append(made[1])
    table = Table("summary", "", t.label("caption_summary", year=inp.year),
                  t.label("target_col"),
                  columns((t.label("goal_col"), "text"), (t.label("year_value", year=inp.year),
                                                         "text"),
                          (t.label("status"), "status"), (t.label("last_year"), "text"),
                          (t.label("direction_col"), "text")),
                  tuple(rows), (Note("definition", t.label("def_summary")),
                                *(ctx.department_notes([inp.year - 1])
                                  if inp.previous is not None else ())),
                  t.label("sheet_summary"))
    intro = Paragraph(t.say("summary_intro", n=len(statuses),
                            met=sum(1 for x in statuses if x is True),
                            year=inp.year, org=inp.organisation), "lead")
    return table, (intro,)
