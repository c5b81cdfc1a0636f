"""Word (.docx) via python-docx: heading styles, real tables with repeated header
rows, charts as print-resolution PNG with alt text — a document to edit further."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ligestat.report import charts
from ligestat.report.model import Block, Figure, Note, Paragraph, ReportModel, Section, Table
from ligestat.report.render import Format, register

__all__ = ["FORMAT", "render"]

_LANG = {"da": "da-DK", "en": "en-GB"}
_NUMERIC = ("count", "share", "pp", "decimal")


def _set_language(doc: Any, lang: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = doc.styles.element.find(qn("w:docDefaults"))
    rpr = rpr.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), _LANG[lang])


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _notes(doc: Any, notes: tuple[Note, ...]) -> None:
    from docx.shared import Pt

    for n in notes:
        p = doc.add_paragraph(style="Caption" if n.kind == "source" else None)
        run = p.add_run(f"{n.mark} {n.text}".strip())
        run.font.size = Pt(8)


def _table(doc: Any, t: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc.add_paragraph(t.title, style="Caption")
    ncols = len(t.columns) + 1
    table = doc.add_table(rows=1, cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    head = table.rows[0]
    _repeat_header(head)
    for i, label in enumerate([t.header, *(c.label for c in t.columns)]):
        cell = head.cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(label)
        run.bold = True
        run.font.size = Pt(8)
        if i > 0 and t.columns[i - 1].kind in _NUMERIC:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    group = None
    for r in t.rows:
        if r.group and r.group != group:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            run = merged.paragraphs[0].add_run(r.group)
            run.bold = True
            run.font.size = Pt(8)
        group = r.group
        cells = table.add_row().cells
        values = [r.header.text + (r.header.mark or ""), *(c.text for c in r.cells)]
        for i, text in enumerate(values):
            cells[i].text = ""
            run = cells[i].paragraphs[0].add_run(text)
            run.font.size = Pt(8)
            run.bold = r.total
            if i > 0 and r.cells[i - 1].kind in _NUMERIC:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _notes(doc, t.notes)


def _figure(doc: Any, model: ReportModel, f: Figure) -> None:
    from docx.shared import Cm

    doc.add_paragraph(f.title, style="Caption")
    doc.add_picture(io.BytesIO(charts.png(f.chart, model.lang)), width=Cm(16))
    # alt text: the picture's docPr carries title and description
    inline = doc.inline_shapes[-1]._inline
    inline.docPr.set("descr", f.alt)
    inline.docPr.set("title", f.caption)
    doc.add_paragraph(f.alt)
    _notes(doc, f.notes)
    _table(doc, f.data)


def _block(doc: Any, model: ReportModel, b: Block) -> None:
    if isinstance(b, Section):
        doc.add_heading(b.title, level=b.level)
        for x in b.blocks:
            _block(doc, model, x)
    elif isinstance(b, Table):
        _table(doc, b)
    elif isinstance(b, Figure):
        _figure(doc, model, b)
    elif isinstance(b, Paragraph):
        doc.add_paragraph(b.text)


def render(model: ReportModel, path: Path) -> None:
    import docx
    from docx.shared import Cm

    doc = docx.Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
    props = doc.core_properties
    props.title = f"{model.title} – {model.organisation}"
    props.subject = model.label("doc_subject")
    props.author = model.organisation
    props.language = _LANG[model.lang]
    _set_language(doc, model.lang)
    doc.add_paragraph(model.organisation, style="Subtitle")
    doc.add_heading(model.title, level=0)
    doc.add_heading(model.label("summary_title"), level=1)
    for p in model.summary_intro:
        doc.add_paragraph(p.text)
    _table(doc, model.summary)
    doc.add_paragraph(model.disclosure)
    for part in model.parts:
        _block(doc, model, part)
    doc.save(str(path))


FORMAT = Format("docx", ".docx", "Word document to edit further", render)
register(FORMAT)
