"""``build``: a ``ReportInput`` → the immutable ``ReportModel``, in one language."""

from __future__ import annotations

from dataclasses import replace

from ligestat.report.cells import DASH, columns, text_cell, value_cell
from ligestat.report.context_build import BuildContext
from ligestat.report.facts import leave_facts, manager_facts, sick_day_facts, total_row
from ligestat.report.input import ReportInput
from ligestat.report.model import (
    Cell,
    Figure,
    Note,
    Paragraph,
    ReportModel,
    Section,
    Table,
    TableRow,
)
from ligestat.report.narrative import Narrative, place
from ligestat.report.numbers import fmt_int
from ligestat.report.sections_initiatives import initiatives_part
from ligestat.report.sections_people import (
    agreements_section,
    context_section,
    population_section,
    staff_section,
)
from ligestat.report.sections_targets import leave_section, managers_section, sick_days_section
from ligestat.report.text import text_for

__all__ = ["RENDER_LABELS", "build"]

# words the renderers print around the content (navigation, captions of notes, …)
RENDER_LABELS = ("contents", "summary_title", "page", "figure_data", "about_title",
                 "source_prefix", "note_prefix", "doc_subject", "skip_link", "part1", "part2",
                 "perspective", "note_source", "note_definition", "note_footnote",
                 "note_suppressed_kind", "note_missing", "table_or_figure", "note_kind",
                 "text_col", "cover_sheet", "texts_sheet", "section_col",
                 "kind_col", "mark_col", "logo_alt",
                 "kind_text", "kind_box", "organisation_col", "year_label")


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


def _summary(ctx: BuildContext) -> tuple[Table, tuple[Paragraph, ...]]:
    t, inp, tg = ctx.t, ctx.inp, ctx.inp.targets
    rows: list[TableRow] = []
    statuses: list[bool | None] = []
    for level in (1, 2):
        name = f"managers_level_{level}"
        if name not in inp.tables:
            continue
        f = manager_facts(inp, name)
        status = _status(ctx, len(f.met), f.assessable)
        prev = (Cell(t.label("n_of_m", n=f.prev_met, m=f.prev_assessable), f.prev_met, "count")
                if f.prev_met is not None else Cell(t.label("no_comparison"), None, "text"))
        change = len(f.met) - f.prev_met if f.prev_met is not None else None
        rows.append(TableRow(text_cell(t.label(f"target_{name}")), (
            text_cell(t.label("goal_managers", min_share=tg.manager_min_share)),
            Cell(t.label("n_of_m", n=len(f.met), m=f.assessable), len(f.met), "count"),
            status, prev, _direction(ctx, change, True, "dept"))))
        statuses.append(status.status if status.value is not None else None)
    if "fathers_leave" in inp.tables:
        f2 = leave_facts(inp, "fathers_leave")
        total = total_row(inp.tables["fathers_leave"]) or {}
        for k, goal in (("ge11", tg.fathers_leave_ge11_min_share),
                        ("ge17", tg.fathers_leave_ge17_min_share)):
            met = total.get(f"{k}_target_met")
            status = (Cell(t.label("status_yes" if met else "status_no"), bool(met), "status",
                           status=bool(met)) if met is not None
                      else Cell(t.label("status_na"), None, "status"))
            rows.append(TableRow(text_cell(t.label(f"target_fathers_{k}")), (
                text_cell(t.label("goal_share", share=goal)),
                value_cell(f2.shares[k], "share", t,
                           suppressed=f"{k}_share" in (total.get("suppressed") or ())),
                status, value_cell(f2.prev[k], "share", t) if f2.prev[k] is not None
                else Cell(t.label("no_comparison"), None, "text"),
                _direction(ctx, f2.change(k), True, "pp"))))
            statuses.append(met)
    s = sick_day_facts(inp)
    if s.latest is not None:
        gap = s.gap[s.latest]
        prev_year = s.years[-2] if len(s.years) > 1 else None
        prev_gap = s.gap.get(prev_year) if prev_year is not None else None
        met = s.total_met
        rows.append(TableRow(text_cell(t.label("target_sick_days", year=s.latest)), (
            text_cell(t.label("goal_gap", max_gap=tg.child_sick_days_max_gap_pp)),
            value_cell(gap, "pp", t),
            Cell(t.label("status_yes" if met else "status_no"), met, "status", status=met)
            if met is not None else Cell(t.label("status_na"), None, "status"),
            value_cell(prev_gap, "pp", t) if prev_gap is not None
            else Cell(t.label("no_comparison"), None, "text"),
            _direction(ctx, s.change(prev_year) if prev_year else None, False, "pp"))))
        statuses.append(met)
    table = Table("summary", "", t.label("caption_summary", year=inp.year),
                  t.label("target_col"),
                  columns((t.label("goal_col"), "text"), (t.label("year_value", year=inp.year),
                                                         "text"),
                          (t.label("status"), "status"), (t.label("last_year"), "text"),
                          (t.label("direction_col"), "text")),
                  tuple(rows), (Note("definition", t.label("def_summary")),),
                  t.label("sheet_summary"))
    intro = Paragraph(t.say("summary_intro", n=len(statuses),
                            met=sum(1 for x in statuses if x is True),
                            year=inp.year, org=inp.organisation), "lead")
    return table, (intro,)


def _about(ctx: BuildContext, disclosure: str) -> Section:
    t = ctx.t
    rows = tuple(TableRow(text_cell(d.code), (text_cell(d.name),
                                               text_cell(t.label("yes" if d.in_tables else "no"))))
                 for d in ctx.inp.departments)
    abbreviations = Table("departments", "", t.label("caption_departments"), t.label("code"),
                          columns((t.label("department_name"), "text"),
                                  (t.label("in_tables"), "text")),
                          rows, (Note("definition", t.label("def_departments")),),
                          t.label("sheet_departments"))
    return Section("about", t.label("about_title"), (
        Paragraph(disclosure), Paragraph(t.say("rounding")), abbreviations), level=1)


def _tables(section: Section) -> list[Table]:
    """Every table in a section, figures' data included."""
    out: list[Table] = []
    for b in section.blocks:
        if isinstance(b, Table):
            out.append(b)
        elif isinstance(b, Figure):
            out.append(b.data)
        elif isinstance(b, Section):
            out += _tables(b)
    return out


def _prune(section: Section) -> Section:
    """The section without empty paragraphs (a sentence family with nothing to say)."""
    blocks = tuple(_prune(b) if isinstance(b, Section) else b for b in section.blocks
                   if not (isinstance(b, Paragraph) and not b.text))
    return replace(section, blocks=blocks)


def build(inp: ReportInput, lang: str = "da") -> ReportModel:
    """The report model of ``inp`` in ``lang`` (``da`` or ``en``)."""
    t = text_for(lang)
    ctx = BuildContext(inp, t)
    summary, intro = _summary(ctx)
    part1_sections = [s for s in (
        population_section(ctx), staff_section(ctx), agreements_section(ctx),
        managers_section(ctx), leave_section(ctx), sick_days_section(ctx), context_section(ctx),
    ) if s is not None]
    parts = [Section("part1", t.label("part1"), tuple(part1_sections), level=1)]
    part2 = initiatives_part(ctx)
    if part2 is not None:
        parts.append(part2)
    d = inp.disclosure
    withheld = any(c.suppressed for p in parts for tb in _tables(p) for r in tb.rows
                   for c in r.cells)
    disclosure = t.say("disclosure", name=d.name if d else None,
                       description=d.description(lang) if d else "", dash=DASH,
                       withheld=withheld)
    parts.append(_about(ctx, disclosure))
    narrative = Narrative(inp.narrative)
    parts = list(place(parts, narrative, lang, t.label("introduction_title")))
    labels = tuple((k, t.label(k, **ctx.common())) for k in RENDER_LABELS)
    return ReportModel(
        lang=lang,
        title=t.label("title", **ctx.common()),
        subtitle=t.label("subtitle", **ctx.common()),
        organisation=inp.organisation,
        year=inp.year,
        summary=summary,
        summary_intro=intro,
        parts=tuple(_prune(p) for p in parts),
        disclosure=disclosure,
        labels=labels,
        logo=narrative.logo(),
        cover_note=t.label("cover_note", **ctx.common()),
    )


