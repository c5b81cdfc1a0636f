"""Excel (.xlsx) via openpyxl: every table on its own sheet, numbers stored as
numbers with number formats, and a sheet of definitions and sources."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ligestat.report.model import Figure, ReportModel, Table
from ligestat.report.render import Format, register

__all__ = ["FORMAT", "render"]

FORMATS = {"share": "0%", "count": "#,##0", "pp": '0" pp"', "decimal": "0.0"}
_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(t: Table, used: set[str]) -> str:
    base = _BAD.sub("-", t.sheet or t.id)[:31] or "Tabel"
    name, i = base, 2
    while name.lower() in used:
        suffix = f" {i}"
        name, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(name.lower())
    return name


def _write_table(ws: Any, t: Table) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append([t.title])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append([t.header, *(c.label for c in t.columns)])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    group = None
    for r in t.rows:
        if r.group and r.group != group:
            ws.append([r.group])
            ws.cell(ws.max_row, 1).font = Font(bold=True, italic=True)
        group = r.group
        values: list[Any] = [r.header.text + (r.header.mark or "")]
        for c in r.cells:
            if c.kind in FORMATS and isinstance(c.value, int | float) and not isinstance(
                    c.value, bool):
                values.append(c.value)
            else:
                values.append(c.text)
        ws.append(values)
        row = ws.max_row
        for i, c in enumerate(r.cells, start=2):
            if c.kind in FORMATS and isinstance(c.value, int | float):
                ws.cell(row, i).number_format = FORMATS[c.kind]
        if r.total:
            for cell in ws[row]:
                cell.font = Font(bold=True)
    ws.append([])
    for n in t.notes:
        ws.append([f"{n.mark} {n.text}".strip()])
    ws.freeze_panes = ws.cell(header_row + 1, 2)
    ws.column_dimensions["A"].width = 48
    for i in range(2, len(t.columns) + 2):
        ws.column_dimensions[get_column_letter(i)].width = 16


def render(model: ReportModel, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.properties.title = f"{model.title} – {model.organisation}"
    wb.properties.creator = model.organisation
    wb.properties.language = model.lang
    used: set[str] = set()
    tables = [*model.tables(), *(f.data for f in model.figures())]
    first = True
    for t in tables:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = _sheet_name(t, used)
        _write_table(ws, t)
    ws = wb.create_sheet(model.label("about_title")[:31])
    ws.append([model.label("about_title")])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([model.disclosure])
    ws.append([])
    ws.append(["Tabel / figur" if model.lang == "da" else "Table / figure",
               "Art" if model.lang == "da" else "Kind", "Tekst" if model.lang == "da" else "Text"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    items: list[Table | Figure] = [*tables, *model.figures()]
    for item in items:
        for n in item.notes:
            ws.append([item.title, n.kind, f"{n.mark} {n.text}".strip()])
            ws.cell(ws.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 50
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 100
    wb.save(str(path))


FORMAT = Format("xlsx", ".xlsx", "Excel workbook: one sheet per table", render)
register(FORMAT)
