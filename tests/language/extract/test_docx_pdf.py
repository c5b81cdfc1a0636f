"""Word and PDF files: paragraphs, tables, headers, footers; PDF page numbers."""

from __future__ import annotations

from pathlib import Path

import docx
import weasyprint

from ligestat.language.run import check_paths


def _word(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Indledning")  # paragraph 1
    document.add_paragraph("Mødet blev ledet af vores formand.")  # paragraph 2
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Rolle"  # paragraph 3
    table.cell(0, 1).text = "Næstformand"  # paragraph 4
    document.add_paragraph("Slut.")  # paragraph 5
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "Fra talsmandens kontor"  # paragraph 6
    section.footer.is_linked_to_previous = False
    section.footer.paragraphs[0].text = "Kontakt: formanden"  # paragraph 7
    document.save(str(path))


def test_docx_paragraphs_tables_headers_and_footers_are_located(tmp_path: Path) -> None:
    path = tmp_path / "referat.docx"
    _word(path)
    found = {(f.match, f.line, f.column, f.section) for f in check_paths([path]).findings}
    assert found == {
        ("formand", 2, len("Mødet blev ledet af vores ") + 1, "body"),
        ("Næstformand", 4, 1, "table 1, row 1, cell 2"),
        ("talsmandens", 6, len("Fra ") + 1, "header (section 1)"),
        ("formanden", 7, len("Kontakt: ") + 1, "footer (section 1)"),
    }


def test_pdf_findings_carry_page_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    weasyprint.HTML(
        string="<html><body>"
        "<p>Indledning</p><p>Her er vores formand valgt.</p>"
        "<p style='page-break-before: always'>Side to</p><p>Ny talsmand fundet.</p>"
        "</body></html>"
    ).write_pdf(str(path))
    found = {(f.match, f.page, f.line, f.column) for f in check_paths([path]).findings}
    assert found == {
        ("formand", 1, 2, len("Her er vores ") + 1),
        ("talsmand", 2, 2, len("Ny ") + 1),
    }
