"""Part 2: the initiatives of initiatives.csv, by audience and focus area."""

from __future__ import annotations

import re

from ligestat.report.cells import columns, text_cell
from ligestat.report.context_build import BuildContext
from ligestat.report.input import Row
from ligestat.report.model import Note, Paragraph, Section, Table, TableRow

__all__ = ["AUDIENCES", "initiatives_part"]

AUDIENCES = ("citizens", "staff")
STATUSES = ("planned", "ongoing", "completed", "paused")


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in ("true", "1", "ja", "yes")


def _table(ctx: BuildContext, audience: str, rows: list[Row]) -> Table:
    t = ctx.t
    areas: list[str] = []
    for r in rows:
        if str(r["focus_area"]) not in areas:
            areas.append(str(r["focus_area"]))
    out: list[TableRow] = []
    for area in areas:
        for r in rows:
            if str(r["focus_area"]) != area:
                continue
            code = str(r.get("department") or "")
            status = str(r.get("status") or "")
            out.append(TableRow(
                text_cell(str(r["title"]), "*" if _truthy(r.get("cross_cutting")) else ""),
                (text_cell(code),
                 text_cell(t.label(f"status_{status}") if status in STATUSES else status),
                 text_cell(str(r.get("period") or "")),
                 text_cell(str(r.get("key_figures") or ""))),
                group=area))
    notes = [ctx.source("initiatives"), Note("definition", t.label("def_initiatives"))]
    if any(r.header.mark for r in out):
        notes.append(Note("footnote", t.label("note_cross_cutting"), "*"))
    return Table(f"initiatives_{audience}", ctx.next_table(),
                 t.label(f"caption_initiatives_{audience}", **ctx.common()),
                 t.label("initiative"),
                 columns((t.label("department"), "text"), (t.label("status"), "text"),
                         (t.label("period"), "text"), (t.label("key_figures"), "text")),
                 tuple(out), tuple(notes), t.label(f"sheet_initiatives_{audience}"),
                 t.label("focus_area"))


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    """A description's paragraphs: plain text, blank lines between paragraphs."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return tuple(Paragraph(" ".join(c.split())) for c in chunks if c.strip())


def _meta(ctx: BuildContext, r: Row) -> Paragraph:
    """The line under an initiative's heading: department, status, period, cross-cutting."""
    t = ctx.t
    code = str(r.get("department") or "")
    status = str(r.get("status") or "")
    items = [ctx.inp.department_name(code) if code else "",
             t.label(f"status_{status}") if status in STATUSES else status,
             str(r.get("period") or ""),
             t.label("cross_cutting") if _truthy(r.get("cross_cutting")) else ""]
    return Paragraph(" · ".join(i for i in items if i), "meta")


def _prose(ctx: BuildContext, audience: str, rows: list[Row]) -> list[Section]:
    """Each described initiative as prose under its heading, grouped by focus area."""
    out: list[Section] = []
    areas = list(dict.fromkeys(str(r["focus_area"]) for r in rows))
    for i, area in enumerate(areas, start=1):
        items = [Section(f"initiative-{audience}-{r['id']}", str(r["title"]),
                         (_meta(ctx, r), *_paragraphs(str(r.get("description") or ""))),
                         level=4)
                 for r in rows if str(r["focus_area"]) == area
                 and str(r.get("description") or "").strip()]
        if items:
            out.append(Section(f"initiatives_{audience}_area{i}", area, tuple(items), level=3))
    return out


def initiatives_part(ctx: BuildContext) -> Section | None:
    t = ctx.t
    rows = list(ctx.inp.initiatives)
    if not rows:
        return None
    by_audience = {a: [r for r in rows if str(r.get("audience")) == a] for a in AUDIENCES}
    counts = {a: len(v) for a, v in by_audience.items()}
    areas = {a: len({str(r["focus_area"]) for r in v}) for a, v in by_audience.items()}
    blocks: list[Paragraph | Section] = [Paragraph(t.say(
        "initiatives_intro", org=ctx.inp.organisation, n=len(rows), counts=counts, areas=areas))]
    for a in AUDIENCES:
        if by_audience[a]:
            blocks.append(Section(f"initiatives_{a}", t.label(f"section_initiatives_{a}"),
                                  (_table(ctx, a, by_audience[a]),
                                   *_prose(ctx, a, by_audience[a]))))
    return Section("part2", t.label("part2"), tuple(blocks), level=1)
