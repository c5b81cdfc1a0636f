"""``build``: a ``ReportInput`` → the immutable ``ReportModel``, in one language."""

from __future__ import annotations

from dataclasses import replace

from ligestat.report.cells import DASH, columns, text_cell
from ligestat.report.context_build import BuildContext
from ligestat.report.input import ReportInput
from ligestat.report.model import (
    Figure,
    Note,
    Paragraph,
    ReportModel,
    Section,
    Table,
    TableRow,
)
from ligestat.report.narrative import Narrative, place
from ligestat.report.sections_initiatives import initiatives_part
from ligestat.report.sections_pay import pay_section
from ligestat.report.sections_people import (
    agreements_section,
    context_section,
    population_section,
    staff_section,
)
from ligestat.report.sections_targets import leave_section, managers_section, sick_days_section
from ligestat.report.summary import summary
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
    summary_table, intro = summary(ctx)
    part1_sections = [s for s in (
        population_section(ctx), staff_section(ctx), agreements_section(ctx),
        managers_section(ctx), leave_section(ctx), sick_days_section(ctx), pay_section(ctx),
        context_section(ctx),
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
        summary=summary_table,
        summary_intro=intro,
        parts=tuple(_prune(p) for p in parts),
        disclosure=disclosure,
        labels=labels,
        logo=narrative.logo(),
        cover_note=t.label("cover_note", **ctx.common()),
    )


