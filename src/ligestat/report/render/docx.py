"""Word (.docx) via python-docx: a document the unit can open and finish.

A4 pages with margins, a running header (title and year) and page numbers, a
cover page with the logo, a table of contents field, the body font on the
Normal style and the heading styles, Danish (or English) proofing language,
real tables with repeated header rows, charts as print-resolution PNG with
alt text, and the unit's own texts with their bold, italic, links, lists,
quotes and perspective boxes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ligestat.report import charts
from ligestat.report.model import (
    Block,
    Box,
    Figure,
    Note,
    Paragraph,
    ReportModel,
    Section,
    Table,
)
from ligestat.report.render import Format, register

__all__ = ["FORMAT", "render"]

_LANG = {"da": "da-DK", "en": "en-GB"}
_NUMERIC = ("count", "share", "pp", "decimal", "year")
FONT = "Liberation Sans"  # metric-compatible with Arial; Word substitutes Arial where missing
_ACCENT = "005A8C"
_PAGE_CM, _MARGIN_CM = (21.0, 29.7), 2.0  # A4; the left and right margins
TEXT_WIDTH = int((_PAGE_CM[0] - 2 * _MARGIN_CM) * 360_000)  # in EMU (360,000 to the cm)


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
    from docx.shared import Cm, Pt

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
    longest = max((len(r.header.text) for r in t.rows), default=0)
    first = Cm(2.4) if longest <= 8 else Cm(5.5) if longest <= 40 else Cm(7)
    # the other columns share what is left of the text width, so no table runs past the
    # right margin whatever the first column takes
    n = len(table.columns)
    rest = (TEXT_WIDTH - first) // (n - 1) if n > 1 else 0
    # whole twips (635 EMU), as Word stores them, rounded down so the sum stays inside
    widths = [w // 635 * 635 for w in (first, *([rest] * (n - 1)))]
    table.autofit = False
    for row in table.rows:  # Word reads the cells' widths, LibreOffice the columns'
        col = 0
        for tc in row._tr.tc_lst:  # a merged group row spans every column
            tc.width = sum(widths[col:col + tc.grid_span])
            col += tc.grid_span
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
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


_STYLE = {"bullet": "List Bullet", "number": "List Number", "quote": "Quote"}


def _runs(par: Any, p: Paragraph, size: float | None = None) -> None:
    from docx.shared import Pt

    for span in p.runs:
        run = par.add_run(span.text)
        run.bold = span.bold or None
        run.italic = span.italic or None
        if size:
            run.font.size = Pt(size)
        if span.href:  # the address after the words, so it survives print and PDF
            par.add_run(f" ({span.href})")


def _paragraph(doc: Any, p: Paragraph, level: int, container: Any = None) -> None:
    from docx.shared import Pt, RGBColor

    target = container if container is not None else doc
    if p.kind == "subheading" and container is None:
        doc.add_heading(p.text, level=min(level + 1, 9))
        return
    par = target.add_paragraph(style=_STYLE.get(p.kind))
    _runs(par, p)
    if p.kind == "subheading":
        for run in par.runs:
            run.bold = True
    elif p.kind == "meta":
        for run in par.runs:
            run.font.size = Pt(8.5)
            run.font.color.rgb = RGBColor(0x4A, 0x4A, 0x4A)
    elif p.kind == "lead":
        for run in par.runs:
            run.font.size = Pt(11)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _box(doc: Any, model: ReportModel, b: Box, level: int) -> None:
    """A perspective box: one shaded table cell holding kicker, title, text and source."""
    from docx.shared import Pt, RGBColor

    table = doc.add_table(rows=1, cols=1)
    cell = table.rows[0].cells[0]
    _shade(cell, "EEF4F8")
    kicker = cell.paragraphs[0].add_run(model.label("perspective").upper())
    kicker.bold = True
    kicker.font.size = Pt(8)
    kicker.font.color.rgb = RGBColor(0x00, 0x5A, 0x8C)
    if b.title:
        title = cell.add_paragraph().add_run(b.title)
        title.bold = True
        title.font.size = Pt(11)
    for p in b.blocks:
        _paragraph(doc, p, level, cell)
    if b.source:
        src = cell.add_paragraph().add_run(b.source)
        src.font.size = Pt(8)
    doc.add_paragraph()


def _block(doc: Any, model: ReportModel, b: Block, level: int = 1) -> None:
    if isinstance(b, Section):
        doc.add_heading(b.title, level=b.level)
        for x in b.blocks:
            _block(doc, model, x, b.level)
    elif isinstance(b, Box):
        _box(doc, model, b, level)
    elif isinstance(b, Table):
        _table(doc, b)
    elif isinstance(b, Figure):
        _figure(doc, model, b)
    elif isinstance(b, Paragraph):
        _paragraph(doc, b, level)


def _field(par: Any, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, TOC) that Word fills in when it opens or updates."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fld.set(qn("w:dirty"), "true")
        run.append(fld)
        return run

    par._p.append(char("begin"))
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    par._p.append(run)
    par._p.append(char("separate"))
    shown = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder or "1"
    shown.append(text)
    par._p.append(shown)
    par._p.append(char("end"))


def _styles(doc: Any, lang: str) -> None:
    """The body font on Normal, the headings in the same family in the accent colour."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    sizes = {"Title": 26, "Heading 1": 18, "Heading 2": 14, "Heading 3": 12, "Heading 4": 11,
             "Heading 5": 10}
    for name, size in sizes.items():
        st = styles[name]
        st.font.name = FONT
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor.from_string(_ACCENT if name != "Title" else "1A1A1A")
        rf = st.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rf.set(qn(attr), FONT)
        # every heading style proofs in the report's language
        lang_el = st.element.get_or_add_rPr().find(qn("w:lang"))
        if lang_el is None:
            from docx.oxml import OxmlElement

            lang_el = OxmlElement("w:lang")
            st.element.get_or_add_rPr().append(lang_el)
        lang_el.set(qn("w:val"), _LANG[lang])
    styles["Heading 1"].paragraph_format.page_break_before = True  # each part on a new page
    styles["Caption"].font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    styles["Caption"].font.italic = False
    for level in range(1, 10):  # the navigation pane and the TOC field read outline levels
        ppr = styles[f"Heading {level}"].element.get_or_add_pPr()
        if ppr.find(qn("w:outlineLvl")) is None:
            from docx.oxml import OxmlElement

            ppr.append(OxmlElement("w:outlineLvl"))
        ppr.find(qn("w:outlineLvl")).set(qn("w:val"), str(level - 1))
    if lang == "da":
        _danish_style_ids(doc)


# Danish Word's own ids for the built-in styles the report uses. Word (any language) knows a
# built-in style by its English ``w:name`` ("heading 1") and shows it translated
# ("Overskrift 1"); the id is what a Danish Word writes, so a file it saves again, a Danish
# template's styles and macros written against them ("Overskrift1") all meet the same style.
_DA_IDS = {**{f"Heading{n}": f"Overskrift{n}" for n in range(1, 10)},
           **{f"Heading{n}Char": f"Overskrift{n}Tegn" for n in range(1, 10)},
           "Title": "Titel", "TitleChar": "TitelTegn", "Subtitle": "Undertitel",
           "SubtitleChar": "UndertitelTegn", "Caption": "Billedtekst",
           "TOCHeading": "Overskrift"}
_DA_CHAR_NAMES = {**{f"Heading{n}Char": f"Overskrift {n} Tegn" for n in range(1, 10)},
                  "TitleChar": "Titel Tegn", "SubtitleChar": "Undertitel Tegn"}


def _danish_style_ids(doc: Any) -> None:
    """Rename the style ids as Danish Word writes them (``Overskrift1``), keeping the built-in
    ``w:name`` ("heading 1", shown as "Overskrift 1" by a Danish Word) and every reference
    (basedOn, next, link, paragraph and run styles) pointing at the new ids. Linked character
    styles are not built in: they get the Danish names Word gives them."""
    from docx.oxml.ns import qn

    root = doc.styles.element
    for el in root.iter(qn("w:style")):
        sid = el.get(qn("w:styleId"))
        if sid in _DA_IDS:
            el.set(qn("w:styleId"), _DA_IDS[sid])
            name = el.find(qn("w:name"))
            if sid in _DA_CHAR_NAMES and name is not None:
                name.set(qn("w:val"), _DA_CHAR_NAMES[sid])
    refs = tuple(qn(f"w:{tag}") for tag in ("basedOn", "next", "link", "pStyle", "rStyle"))
    for part in (root, doc.element.body):
        for el in part.iter(*refs):
            val = el.get(qn("w:val"))
            if val in _DA_IDS:
                el.set(qn("w:val"), _DA_IDS[val])


def _page_setup(doc: Any, model: ReportModel) -> None:
    """A4, margins, a running header (not on the cover) and "Side N af M" in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(_PAGE_CM[0]), Cm(_PAGE_CM[1])
    section.left_margin = section.right_margin = Cm(_MARGIN_CM)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.different_first_page_header_footer = True
    head = section.header.paragraphs[0]
    head.text = f"{model.title} · {model.organisation}"
    for run in head.runs:
        run.font.size = Pt(8)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot.add_run(model.label("page") + " ").font.size = Pt(8)
    _field(foot, "PAGE")
    for run in foot.runs:
        run.font.size = Pt(8)


def _cover(doc: Any, model: ReportModel) -> None:
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    for _ in range(6):
        doc.add_paragraph()
    if model.logo is not None:
        doc.add_picture(io.BytesIO(model.logo.data), height=Cm(2.5))
        doc.inline_shapes[-1]._inline.docPr.set("descr", model.label("logo_alt"))
    doc.add_paragraph(model.organisation, style="Subtitle")
    doc.add_paragraph(model.title, style="Title")
    if model.cover_note:
        note = doc.add_paragraph().add_run(model.cover_note)
        note.font.size = Pt(11)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(doc: Any, model: ReportModel) -> None:
    """The contents as a TOC field over heading levels 1–3, its result already filled in
    with the headings (without page numbers) until Word updates the field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    doc.add_paragraph(model.label("contents"), style="TOC Heading")
    entries = [(1, model.label("summary_title"))]
    for part in model.parts:
        entries.append((1, part.title))
        entries += [(2, b.title) for b in part.blocks if isinstance(b, Section)]

    def fld(kind: str) -> Any:
        run = OxmlElement("w:r")
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            el.set(qn("w:dirty"), "true")  # Word offers to update it on opening
        run.append(el)
        return run

    first = doc.add_paragraph()
    first._p.append(fld("begin"))
    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-3" \\h \\z \\u '
    instr_run.append(instr)
    first._p.append(instr_run)
    first._p.append(fld("separate"))
    par = first
    for i, (level, title) in enumerate(entries):
        if i:
            par = doc.add_paragraph()
        par.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        par.add_run(title).bold = level == 1
    par._p.append(fld("end"))


def render(model: ReportModel, path: Path) -> None:
    import docx

    doc = docx.Document()
    _page_setup(doc, model)
    _styles(doc, model.lang)
    props = doc.core_properties
    props.title = f"{model.title} – {model.organisation}"
    props.subject = model.label("doc_subject")
    props.author = model.organisation
    props.language = _LANG[model.lang]
    _set_language(doc, model.lang)
    _cover(doc, model)
    _contents(doc, model)
    doc.add_heading(model.label("summary_title"), level=1)
    for p in model.summary_intro:
        _paragraph(doc, p, 1)
    _table(doc, model.summary)
    doc.add_paragraph(model.disclosure)
    for part in model.parts:
        _block(doc, model, part)
    doc.save(str(path))


FORMAT = Format("docx", ".docx", "Word document to edit further", render)
register(FORMAT)
