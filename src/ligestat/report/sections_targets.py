"""Part 1 sections with targets: managers (Tables 3–4), leave (5–6, trend), sick days (7)."""

from __future__ import annotations

from ligestat.report.cells import cell, columns, status_cell, table_notes, text_cell, value_cell
from ligestat.report.context_build import BuildContext
from ligestat.report.facts import dept_rows, leave_facts, manager_facts, sick_day_facts, total_row
from ligestat.report.input import Row
from ligestat.report.model import (
    Cell,
    CellKind,
    Chart,
    Column,
    Figure,
    Note,
    Paragraph,
    Section,
    Series,
    Table,
    TableRow,
)
from ligestat.report.numbers import pct_points

__all__ = ["leave_section", "managers_section", "sick_days_section"]


def _ordered(ctx: BuildContext, rows: tuple[Row, ...] | list[Row]) -> list[tuple[Row, bool]]:
    out = [(r, False) for r in dept_rows(ctx.inp, rows)]
    total = total_row(rows)
    if total is not None:
        out.append((total, True))
    return out


def _header(ctx: BuildContext, row: Row, total: bool, mark: str = "") -> tuple[str, str]:
    code = str(row["department"])
    if total:
        return ctx.t.label("total"), ""
    return code, ctx.inp.department_name(code)


def _managers_table(ctx: BuildContext, name: str, level: int) -> Table:
    t = ctx.t
    rows_in = list(ctx.inp.tables.get(name, ()))
    show_other = any((r.get("other") or 0) > 0 or "other" in (r.get("suppressed") or ())
                     for r in rows_in)
    specs: list[tuple[str, CellKind]] = [
        (t.label("women_share"), "share"), (t.label("women_n"), "count"),
             (t.label("men_share"), "share"), (t.label("men_n"), "count")]
    if show_other:
        specs.append((t.label("other_n"), "count"))
    specs += [(t.label("total_n"), "count"), (t.label("target_met"), "status")]
    small = [str(r["department"]) for r, tot in _ordered(ctx, rows_in)
             if not tot and r.get("total") == 3]
    extra = ({d.code for d in ctx.inp.table_departments if d.level_2_includes}
             if level == 2 else set())
    rows: list[TableRow] = []
    for r, tot in _ordered(ctx, rows_in):
        head, title = _header(ctx, r, tot)
        mark = ("*" if head in small else "") + ("**" if head in extra else "")
        cells = [cell(r, "women_share", "share", t), cell(r, "women", "count", t),
                 cell(r, "men_share", "share", t), cell(r, "men", "count", t)]
        if show_other:
            cells.append(cell(r, "other", "count", t))
        cells += [cell(r, "total", "count", t), status_cell(r, "target_met", t)]
        rows.append(TableRow(text_cell(head, mark), tuple(cells), title, total=tot))
    notes = [ctx.source("managers"), Note("definition", t.label(f"def_managers_{level}")),
             Note("definition", t.label("def_balance_rule",
                                        min_share=ctx.inp.targets.manager_min_share))]
    if small:
        notes.append(Note("footnote", t.label("note_small_group", depts=ctx.names(small),
                                              level=level), "*"))
    for code in sorted(extra):
        levels = next(d.level_2_includes for d in ctx.inp.departments if d.code == code)
        notes.append(Note("footnote", t.label("note_level_2_includes", dept=code,
                                              levels=list(levels)), "**"))
    notes += table_notes(rows, t, ctx.policy)
    return Table(name, ctx.next_table(), t.label(f"caption_{name}"), t.label("department"),
                 columns(*specs), tuple(rows), tuple(notes), t.label(f"sheet_{name}"))


def managers_section(ctx: BuildContext) -> Section:
    t = ctx.t
    blocks: list[Paragraph | Table] = [Paragraph(t.say(
        "managers_intro", min_pct=pct_points(ctx.inp.targets.manager_min_share)))]
    for level in (1, 2):
        name = f"managers_level_{level}"
        if name not in ctx.inp.tables:
            continue
        f = manager_facts(ctx.inp, name)
        if level == 1 and ctx.inp.targets.manager_level_1_scope == "organisation":
            total = total_row(ctx.inp.tables[name]) or {}
            blocks.append(Paragraph(t.say(
                "managers_status_whole", level=level, met=total.get("target_met"),
                n=total.get("total"), org=ctx.inp.organisation,
                min_pct=pct_points(ctx.inp.targets.manager_min_share))))
            blocks.append(_managers_table(ctx, name, level))
            continue
        blocks.append(Paragraph(t.say(
            "managers_status", level=level, met=ctx.names(f.met), not_met=ctx.names(f.not_met),
            unassessable=ctx.names(f.unassessable), hidden=ctx.names(f.hidden),
            over_women=ctx.names(f.over_women), over_men=ctx.names(f.over_men),
            assessable=f.assessable, prev_met=f.prev_met, prev_assessable=f.prev_assessable,
            min_pct=pct_points(ctx.inp.targets.manager_min_share))))
        blocks.append(_managers_table(ctx, name, level))
    return Section("managers", t.label("section_managers"), tuple(blocks))


def _leave_table(ctx: BuildContext, name: str) -> Table:
    t = ctx.t
    tg = ctx.inp.targets
    with_targets = name == "fathers_leave"
    specs: list[tuple[str, CellKind]] = [(t.label("leave_n"), "count")]
    for k in ("ge11", "ge17", "ge24"):
        specs += [(t.label(f"{k}_share"), "share"), (t.label(f"{k}_n"), "count")]
    if with_targets:
        specs += [(t.label("ge11_target"), "status"), (t.label("ge17_target"), "status")]
    rows: list[TableRow] = []
    for r, tot in _ordered(ctx, list(ctx.inp.tables.get(name, ()))):
        head, title = _header(ctx, r, tot)
        cells = [cell(r, "n", "count", t)]
        for k in ("ge11", "ge17", "ge24"):
            cells += [cell(r, f"{k}_share", "share", t), cell(r, k, "count", t)]
        if with_targets:
            cells += [status_cell(r, "ge11_target_met", t), status_cell(r, "ge17_target_met", t)]
        rows.append(TableRow(text_cell(head), tuple(cells), title, total=tot))
    notes = [ctx.source("leave"), Note("definition", t.label(f"def_{name}", **ctx.common())),
             Note("definition", t.label("def_leave_targets", ge11=tg.fathers_leave_ge11_min_share,
                                        ge17=tg.fathers_leave_ge17_min_share))]
    notes += table_notes(rows, t, ctx.policy)
    return Table(name, ctx.next_table(), t.label(f"caption_{name}"), t.label("department"),
                 columns(*specs), tuple(rows), tuple(notes), t.label(f"sheet_{name}"))


def _trend_figure(ctx: BuildContext) -> Figure | None:
    t = ctx.t
    rows = sorted(ctx.inp.fathers_trend, key=lambda r: int(r["cohort"]))
    if not rows:
        return None
    cats = tuple(str(r["cohort"]) for r in rows)
    keys = ("ge11", "ge17", "ge24")
    series = tuple(
        Series(t.label(f"{k}_share"), tuple(r.get(f"{k}_share") for r in rows), k) for k in keys
    )
    tg = ctx.inp.targets
    chart = Chart("lines", cats, series, t.label("cohort"), t.label("share_axis"), True,
                  ((t.label("target_line", weeks=11, share=tg.fathers_leave_ge11_min_share),
                    tg.fathers_leave_ge11_min_share),
                   (t.label("target_line", weeks=17, share=tg.fathers_leave_ge17_min_share),
                    tg.fathers_leave_ge17_min_share)))
    data_rows = tuple(
        TableRow(Cell(str(r["cohort"]), int(r["cohort"]), "year"),
                 (cell(r, "n", "count", t),
                  *(cell(r, f"{k}_share", "share", t) for k in keys)))
        for r in rows
    )
    data = Table("fathers_leave_trend", "", t.label("caption_fathers_trend"), t.label("cohort"),
                 (Column(t.label("leave_n"), "count"),
                  *(Column(t.label(f"{k}_share"), "share") for k in keys)),
                 data_rows, table_notes(data_rows, t, ctx.policy), t.label("sheet_fathers_trend"))
    first, last = rows[0], rows[-1]
    alt = t.say("alt_fathers_trend", first=first["cohort"], last=last["cohort"],
                first_share=first.get("ge11_share"), last_share=last.get("ge11_share"),
                target=tg.fathers_leave_ge11_min_share)
    notes = (ctx.source("leave"), Note("definition", t.label("def_fathers_trend")),
             *ctx.department_notes(int(r["report_year"]) for r in rows))
    return Figure("fathers_leave_trend", ctx.next_figure(), t.label("caption_fathers_trend"),
                  chart, alt, data, notes)


def leave_section(ctx: BuildContext) -> Section:
    t = ctx.t
    tg = ctx.inp.targets
    blocks: list[Paragraph | Table | Figure] = [Paragraph(t.say(
        "leave_intro", ge11=tg.fathers_leave_ge11_min_share, ge17=tg.fathers_leave_ge17_min_share))]
    if "fathers_leave" in ctx.inp.tables:
        f = leave_facts(ctx.inp, "fathers_leave")
        blocks.append(Paragraph(t.say(
            "fathers_status", org=ctx.inp.organisation, s=f.shares, prev=f.prev,
            change_={k: f.change(k) for k in ("ge11", "ge17")}, total_met=f.total_met,
            met={k: ctx.names(v) for k, v in f.met.items()},
            counted={k: len(f.met[k]) + len(f.not_met[k]) for k in f.met},
            hidden={k: len(f.hidden.get(k, ())) for k in f.met},
            ge11=tg.fathers_leave_ge11_min_share, ge17=tg.fathers_leave_ge17_min_share)))
        blocks.append(_leave_table(ctx, "fathers_leave"))
    fig = _trend_figure(ctx)
    if fig is not None:
        blocks.append(fig)
    if "mothers_leave" in ctx.inp.tables:
        m = leave_facts(ctx.inp, "mothers_leave")
        fathers = leave_facts(ctx.inp, "fathers_leave").shares
        blocks.append(Paragraph(t.say("mothers_status", s=m.shares, fathers=fathers)))
        blocks.append(_leave_table(ctx, "mothers_leave"))
    return Section("leave", t.label("section_leave"), tuple(blocks))


def sick_days_section(ctx: BuildContext) -> Section:
    t = ctx.t
    f = sick_day_facts(ctx.inp)
    max_gap = ctx.inp.targets.child_sick_days_max_gap_pp
    rows_in = list(ctx.inp.tables.get("child_sick_days", ()))
    shown_years = f.years[-3:]
    latest = f.latest
    blocks: list[Paragraph | Table] = [Paragraph(t.say("sick_days_intro", max_gap=max_gap))]
    if latest is None:
        return Section("child_sick_days", t.label("section_sick_days"), tuple(blocks))
    blocks.append(Paragraph(t.say(
        "sick_days_status", org=ctx.inp.organisation, year=latest, gap=f.gap[latest],
        met=f.total_met, over=ctx.names(f.over), max_gap=max_gap, first=f.years[0],
        change_first=f.change(f.years[0]) if len(f.years) > 1 else None,
        change_prev=f.change(f.years[-2]) if len(f.years) > 1 else None)))
    specs: list[tuple[str, CellKind]] = [
        (t.label("women_sick_share", year=latest), "share"),
             (t.label("women_sick_n", year=latest), "count"),
             (t.label("men_sick_share", year=latest), "share"),
             (t.label("men_sick_n", year=latest), "count")]
    specs += [(t.label("gap_year", year=y), "pp") for y in shown_years]
    specs.append((t.label("target_met_year", year=latest), "status"))
    by_year = {y: {str(r["department"]): r for r in rows_in if r["year"] == y} for y in f.years}
    out: list[TableRow] = []
    for r, tot in _ordered(ctx, [r for r in rows_in if r["year"] == latest]):
        head, title = _header(ctx, r, tot)
        code = str(r["department"])
        cells = [cell(r, "women_share", "share", t), cell(r, "women_took", "count", t),
                 cell(r, "men_share", "share", t), cell(r, "men_took", "count", t)]
        for y in shown_years:
            yr = by_year[y].get(code)
            cells.append(cell(yr, "gap_pp", "pp", t) if yr is not None
                         else value_cell(None, "pp", t))
        cells.append(status_cell(r, "target_met", t))
        out.append(TableRow(text_cell(head), tuple(cells), title, total=tot))
    notes = [ctx.source("sick_days"), Note("definition", t.label("def_sick_days")),
             Note("definition", t.label("def_sick_days_target", max_gap=max_gap)),
             *ctx.department_notes(y + 1 for y in f.years)]  # sick days of y: report y + 1
    notes += table_notes(out, t, ctx.policy)
    blocks.append(Table("child_sick_days", ctx.next_table(), t.label("caption_child_sick_days"),
                        t.label("department"), columns(*specs), tuple(out), tuple(notes),
                        t.label("sheet_child_sick_days")))
    return Section("child_sick_days", t.label("section_sick_days"), tuple(blocks))
