"""Excel (.xlsx) via openpyxl: a cover sheet, every table on its own sheet as an Excel
table (ListObject) with its total row, the report's texts, and its notes and sources.

Numbers are stored as numbers with number formats (shares as percent, years as
plain numbers), footnote marks sit in their own column, sheet names are whole
words, and every text cell is written as text: a string that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is never stored as a formula.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ligestat.report.model import Block, Box, Cell, Figure, Paragraph, ReportModel, Section, Table
from ligestat.report.render import Format, register

__all__ = ["FORMAT", "FORMATS", "INJECTION_PREFIXES", "render", "whole_words"]

FORMATS = {"share": "0%", "count": "#,##0", "pp": '0" pp"', "decimal": "0.0", "year": "0"}
INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_SHEET = 31
_BAD = re.compile(r"[\[\]:*?/\\]")


def whole_words(text: str, limit: int = MAX_SHEET) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, never inside a word."""
    text = " ".join(_BAD.sub("-", text).split()).strip("'")
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else text[:limit]
    return cut.rstrip(" ,;.-–")


def _sheet_name(label: str, used: set[str]) -> str:
    base = whole_words(label) or "Tabel"
    name, i = base, 2
    while name.lower() in used:
        suffix = f" {i}"
        name, i = whole_words(base, MAX_SHEET - len(suffix)) + suffix, i + 1
    used.add(name.lower())
    return name


def _put(ws: Any, row: int, col: int, value: Any, fmt: str = "") -> Any:
    """Write one cell: numbers as numbers, every string as a string (never a formula)."""
    cell = ws.cell(row, col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        if value.startswith(INJECTION_PREFIXES):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited, too
    else:
        cell.value = value
        if fmt:
            cell.number_format = fmt
    return cell


def _value(c: Cell) -> tuple[Any, str]:
    """The value to store for a model cell and its number format."""
    if c.kind in FORMATS and isinstance(c.value, int | float) and not isinstance(c.value, bool):
        return c.value, FORMATS[c.kind]
    return c.text, ""


def _unique(labels: list[str]) -> list[str]:
    out: list[str] = []
    for label in labels:
        name, i = label or "-", 2
        while name in out:
            name, i = f"{label} ({i})", i + 1
        out.append(name)
    return out


def _list_object(ws: Any, name: str, first_row: int, last_row: int, ncols: int,
                 total: bool, used: set[str]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as XlTable
    from openpyxl.worksheet.table import TableStyleInfo

    base = "T_" + re.sub(r"[^A-Za-z0-9_]", "_", name)
    display, i = base, 2
    while display.lower() in used:
        display, i = f"{base}_{i}", i + 1
    used.add(display.lower())
    ref = f"A{first_row}:{get_column_letter(ncols)}{last_row}"
    table = XlTable(displayName=display, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    table._initialise_columns()
    for col, column in enumerate(table.tableColumns, start=1):
        column.name = str(ws.cell(first_row, col).value)  # must equal the header cells
    if total:
        table.totalsRowCount = 1
        table.tableColumns[0].totalsRowLabel = str(ws.cell(last_row, 1).value)
    ws.add_table(table)


def _write_table(ws: Any, model: ReportModel, t: Table, names: set[str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    _put(ws, 1, 1, t.title).font = Font(bold=True, size=12)
    grouped = any(r.group for r in t.rows)
    marked = any(r.header.mark for r in t.rows)
    labels = ([t.group_header or model.label("section_col")] if grouped else []) + [t.header]
    labels += [model.label("mark_col")] if marked else []
    labels += [c.label for c in t.columns]
    labels = _unique(labels)
    head = 3
    for col, label in enumerate(labels, start=1):
        cell = _put(ws, head, col, label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row = head
    for r in t.rows:
        row += 1
        values: list[tuple[Any, str]] = [(r.group, "")] if grouped else []
        values.append(_value(r.header))
        if marked:
            values.append((r.header.mark, ""))
        values += [_value(c) for c in r.cells]
        for col, (value, fmt) in enumerate(values, start=1):
            cell = _put(ws, row, col, value, fmt)
            if r.total:
                cell.font = Font(bold=True)
    if t.rows:
        _list_object(ws, t.id, head, row, len(labels), t.rows[-1].total, names)
    widths = ([30] if grouped else []) + [40] + ([6] if marked else [])
    widths += [16] * (len(labels) - len(widths))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    row += 1
    last = max(len(labels), 3)
    for n in t.notes:  # a note under the table, wrapped across the table's width
        row += 1
        _put(ws, row, 1, n.mark)
        _put(ws, row, 2, n.text).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
        chars = sum(widths[1:last]) or 40
        ws.row_dimensions[row].height = 13 * (len(n.text) // chars + 1)
    ws.freeze_panes = ws.cell(head + 1, 2 if not grouped else 3)


def _texts(model: ReportModel) -> list[tuple[str, str, str]]:
    """(section, kind, text) of every paragraph and box, in reading order."""
    out: list[tuple[str, str, str]] = [
        (model.label("summary_title"), model.label("kind_text"), p.text)
        for p in model.summary_intro]

    def walk(blocks: tuple[Block, ...], title: str) -> None:
        for b in blocks:
            if isinstance(b, Section):
                walk(b.blocks, b.title)
            elif isinstance(b, Paragraph):
                out.append((title, model.label("kind_text"), b.text))
            elif isinstance(b, Box):
                body = "\n\n".join(x for x in (b.title, *(p.text for p in b.blocks), b.source)
                                   if x)
                out.append((title, model.label("kind_box"), body))

    walk(model.parts, "")
    return out


def _rows_sheet(ws: Any, title: str, header: list[str], rows: list[list[Any]], name: str,
                widths: list[int], names: set[str], intro: str = "") -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    _put(ws, 1, 1, title).font = Font(bold=True, size=12)
    if intro:
        _put(ws, 2, 1, intro).alignment = Alignment(wrap_text=False)
    head = 3
    for col, label in enumerate(header, start=1):
        _put(ws, head, col, label).font = Font(bold=True)
    for i, values in enumerate(rows, start=head + 1):
        for col, value in enumerate(values, start=1):
            _put(ws, i, col, value).alignment = Alignment(wrap_text=True, vertical="top")
    if rows:
        _list_object(ws, name, head, head + len(rows), len(header), False, names)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _cover(ws: Any, model: ReportModel) -> None:
    import io

    from openpyxl.styles import Font

    _put(ws, 1, 1, model.organisation).font = Font(size=12)
    _put(ws, 2, 1, model.title).font = Font(bold=True, size=18)
    ws.row_dimensions[1].height = 18
    ws.row_dimensions[2].height = 28
    _put(ws, 3, 1, model.cover_note)
    _put(ws, 5, 1, model.label("year_label")).font = Font(bold=True)
    _put(ws, 5, 2, model.year, "0")
    _put(ws, 6, 1, model.label("organisation_col")).font = Font(bold=True)
    _put(ws, 6, 2, model.organisation)
    ws.column_dimensions["A"].width = 60
    if model.logo is not None:
        from openpyxl.drawing.image import Image

        img = Image(io.BytesIO(model.logo.data))
        scale = 60 / max(img.height, 1)
        img.height, img.width = 60, int(img.width * scale)
        ws.add_image(img, "D1")


def _print_setup(ws: Any) -> None:
    """Printed (or converted to PDF): landscape A4, each sheet as wide as one page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def render(model: ReportModel, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.title = f"{model.title} – {model.organisation}"
    wb.properties.creator = model.organisation
    wb.properties.language = model.lang
    used: set[str] = set()
    names: set[str] = set()
    ws = wb.active
    ws.title = _sheet_name(model.label("cover_sheet"), used)
    _cover(ws, model)
    tables = [*model.tables(), *(f.data for f in model.figures())]
    for t in tables:
        ws = wb.create_sheet(_sheet_name(t.sheet or t.caption, used))
        _write_table(ws, model, t, names)
    ws = wb.create_sheet(_sheet_name(model.label("texts_sheet"), used))
    _rows_sheet(ws, model.label("texts_sheet"),
                [model.label("section_col"), model.label("kind_col"), model.label("text_col")],
                [list(r) for r in _texts(model)], "texts", [36, 14, 110], names)
    kinds = {k: model.label(f"note_{k}") for k in ("source", "definition", "footnote",
                                                   "missing")}
    kinds["suppressed"] = model.label("note_suppressed_kind")
    items: list[Table | Figure] = [*tables, *model.figures()]
    notes = [[item.title, kinds.get(n.kind, n.kind), n.mark, n.text]
             for item in items for n in item.notes]
    ws = wb.create_sheet(_sheet_name(model.label("about_title"), used))
    _rows_sheet(ws, model.label("about_title"),
                [model.label("table_or_figure"), model.label("note_kind"),
                 model.label("mark_col"), model.label("text_col")],
                notes, "notes", [50, 14, 6, 100], names, model.disclosure)
    for sheet in wb.worksheets:
        _print_setup(sheet)
    wb.save(str(path))


FORMAT = Format("xlsx", ".xlsx", "Excel workbook: one sheet per table", render)
register(FORMAT)
