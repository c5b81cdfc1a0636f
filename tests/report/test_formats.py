"""Every published number of Copenhagen's 2025 tables comes back out of every format."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

from ligestat.report import build, write_report

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("report_readback", HERE / "readback.py")
assert _spec and _spec.loader
rb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rb)

_conf = importlib.util.spec_from_file_location("report_conftest", HERE / "conftest.py")
assert _conf and _conf.loader
conf = importlib.util.module_from_spec(_conf)
_conf.loader.exec_module(conf)


da_int = rb.da_int


def expected_rows() -> list[tuple[str, str, list[str]]]:
    """(table label, row header, cells in order) from the reference CSVs, as printed in Danish."""
    out: list[tuple[str, str, list[str]]] = []
    for r in conf.read_reference("agreements_gender.csv"):
        w, m = int(r["women_pct"]), int(r["men_pct"])
        cells = [f"{w} %", f"{m} %"] if w + m <= 100 else (
            [f"{m} %"] if r["table"] == "2" else [f"{w} %"])
        out.append((f"Tabel {r['table']}", r["agreement"], cells))
    for label, name in (("Tabel 3", "managers_level_1.csv"), ("Tabel 4", "managers_level_2.csv")):
        for r in conf.read_reference(name):
            out.append((label, r["department"], [
                f"{r['women_pct']} %", r["women"], f"{r['men_pct']} %", r["men"], r["total"]]))
    fixture = {("Tabel 5", r["department"]): r for r in conf.leave_rows("fathers_leave.csv", True)}
    fixture |= {("Tabel 6", r["department"]): r
                for r in conf.leave_rows("mothers_leave.csv", False)}
    for label, name in (("Tabel 5", "fathers_leave.csv"), ("Tabel 6", "mothers_leave.csv")):
        for r in conf.read_reference(name):
            row = fixture[(label, conf.dept_key(r["department"]))]
            cells = []
            for k in ("ge11", "ge17", "ge24"):
                # a published quirk (38 of any n is never 91 %) cannot come back
                if conf.pct(row[f"{k}_share"]) == int(r[f"{k}_pct"]):
                    cells.append(f"{r[f'{k}_pct']} %")
                cells.append(da_int(int(r[k])))
            out.append((label, r["department"], cells))
    for r in conf.read_reference("child_sick_days.csv"):
        out.append(("Tabel 7", r["department"], [
            f"{r['women_pct_2024']} %", da_int(int(r["women_2024"])), f"{r['men_pct_2024']} %",
            da_int(int(r["men_2024"])), *(f"{r[f'gap_pp_{y}']} pp" for y in (2022, 2023, 2024))]))
    return out


EXPECTED = expected_rows()


_find = rb.find_row


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, kk2025: Any) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    model = build(kk2025, "da")
    paths = write_report(model, out, ["html", "pdf", "docx", "xlsx"])
    return {p.suffix[1:]: p for p in paths}


def test_every_format_is_written(rendered: dict[str, Path]) -> None:
    assert sorted(rendered) == ["docx", "html", "pdf", "xlsx"]
    assert all(p.stat().st_size > 10_000 for p in rendered.values())


def test_html_tables_hold_every_published_number(rendered: dict[str, Path]) -> None:
    tables = rb.html_tables(rendered["html"])
    missing = [e for e in EXPECTED if not _find(tables[e[0]], e[1], e[2])]
    assert missing == []


def test_docx_tables_hold_every_published_number(rendered: dict[str, Path]) -> None:
    tables = rb.docx_tables(rendered["docx"])
    missing = [e for e in EXPECTED if not _find(tables[e[0]], e[1], e[2])]
    assert missing == []


def test_xlsx_tables_hold_every_published_number_as_numbers(rendered: dict[str, Path]) -> None:
    sheets = rb.xlsx_tables(rendered["xlsx"])
    as_text = rb.xlsx_as_text(sheets)
    missing = [e for e in EXPECTED if not _find(as_text[e[0]], e[1], e[2])]
    assert missing == []
    bif = next(row for row in sheets["Tabel 3"] if row[0][0] == "BIF")
    assert bif[1] == ("*", "General")  # the footnote mark in its own column, not "BIF*"
    assert bif[2] == (pytest.approx(2 / 3), "0%")  # a share, stored exactly, shown as percent
    assert bif[3] == (2, "#,##0")


def test_xlsx_has_a_definitions_and_sources_sheet(rendered: dict[str, Path]) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(str(rendered["xlsx"]))
    assert wb.sheetnames[-1] == "Om tallene"
    texts = [rb.norm(str(c.value)) for row in wb["Om tallene"].iter_rows() for c in row if c.value]
    assert any(t.startswith("Kilde:") for t in texts)
    assert any("40 %" in t and "Måltallet er opfyldt" in t for t in texts)


def test_pdf_text_holds_every_published_number(rendered: dict[str, Path]) -> None:
    text = rb.pdf_text(rendered["pdf"])
    missing = [e for e in EXPECTED if not rb.pdf_row_has(text, *e)]
    assert missing == []


def test_pdf_is_tagged_titled_with_language_and_embedded_fonts(
        rendered: dict[str, Path]) -> None:
    import subprocess

    from pypdf import PdfReader

    reader = PdfReader(str(rendered["pdf"]))
    assert reader.metadata is not None
    assert reader.metadata.title == "Kønsligestillingsredegørelse 2025 – Københavns Kommune"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    fonts = subprocess.run(["pdffonts", str(rendered["pdf"])], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # emb column


def test_pdf_pages_are_numbered(rendered: dict[str, Path]) -> None:
    text = rb.pdf_text(rendered["pdf"])
    pages = text.split("\f")
    assert "Side 2 / " in pages[1]
    assert re.search(r"Side (\d+) / \1\b", pages[-2] if not pages[-1].strip() else pages[-1])


def test_pdf_repeats_table_headers_on_a_new_page(rendered: dict[str, Path]) -> None:
    pages = rb.pdf_text(rendered["pdf"]).split("\f")
    header = "Indsats"
    starts = [i for i, p in enumerate(pages) if "Indsatser for borgerne, efter indsatsområde" in p]
    spill = pages[starts[-1] + 1]
    assert re.search(rf"^\s*{header}\s+Forvaltning\s+Status", spill, re.MULTILINE)


def test_docx_uses_heading_styles_and_pictures_with_alt_text(rendered: dict[str, Path]) -> None:
    import docx

    doc = docx.Document(str(rendered["docx"]))
    styles = {p.style.name for p in doc.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    assert len(doc.inline_shapes) == 6
    for shape in doc.inline_shapes:
        descr = shape._inline.docPr.get("descr")
        assert descr and len(descr) > 40
    assert doc.core_properties.language == "da-DK"


def test_html_is_self_contained(rendered: dict[str, Path]) -> None:
    html = rendered["html"].read_text(encoding="utf-8")
    assert '<html lang="da">' in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "<link" not in html and "<script" not in html
    assert html.count("<svg") == 6
    assert html.count('role="img"') == 6
