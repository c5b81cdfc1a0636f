"""The pay section in all four formats: its numbers, worked out here from the rows written,
are read back from HTML, Word, Excel (as numbers) and PDF; the sentences come from them;
the flagged categories and the employer's texts are there; a version-1 folder has none."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

from ligestat.report import make_report

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("report_readback", HERE / "readback.py")
assert _spec and _spec.loader
rb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rb)
_top = importlib.util.spec_from_file_location("top_conftest", HERE.parent / "conftest.py")
assert _top and _top.loader
top = importlib.util.module_from_spec(_top)
_top.loader.exec_module(top)

HEADER = "year,employee_id,gender,department,category,basic_pay,variable_pay,hours_paid\n"
# hourly: women 10, 24, 20 and men 40, 30 (100 hours each) in "Jurister" (48.6 % gap, flagged);
# "Kontor" women 20, 20, men 20, 20: no gap
ROWS = ["2024,P1,k,A,Jurister,1000,0,100", "2024,P2,k,A,Jurister,2400,0,100",
        "2024,P3,k,A,Jurister,1500,500,100", "2024,P4,m,A,Jurister,4000,0,100",
        "2024,P5,m,A,Jurister,3000,0,100", "2024,P6,k,A,Kontor,2000,0,100",
        "2024,P7,k,A,Kontor,2000,0,100", "2024,P8,m,A,Kontor,2000,0,100",
        "2024,P9,m,A,Kontor,2000,0,100"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("pay-report")
    folder = top.write_org(root / "data", departments={"A": True},
                       employees=[("2025-01-01", f"E{i}", "km"[i % 2], 1980, "A", "HK", None, "")
                                  for i in range(12)])
    (folder / "pay.csv").write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    (folder / "pay_assessment.toml").write_text(
        '[categories."Jurister"]\njustification = "Anciennitet"\nmeasures = "Lønkort 2026"\n',
        encoding="utf-8")
    paths = make_report(folder, year=2025, out=root / "out", lang="da",
                        formats=["html", "pdf", "docx", "xlsx"])
    return {p.suffix[1:]: p for p in paths}


def _label(tables: dict[str, list[list[str]]], first_header: str) -> str:
    return next(k for k, rows in tables.items() if rows and rows[0] and rows[0][0] ==
                first_header)


# worked out: all nine workers hourly: women 10, 24, 20, 20, 20 → mean 18.8, median 20;
# men 40, 30, 20, 20 → mean 27.5, median 25; gaps (27.5 − 18.8) / 27.5 = 31.6 %,
# (25 − 20) / 25 = 20.0 %
GAP_ROW = ("Timeløn, gennemsnit", ["18,80", "27,50", "31,6 %"])
MEDIAN_ROW = ("Timeløn, median", ["20,00", "25,00", "20,0 %"])
CATEGORY_ROW = ("Jurister", ["3", "2", "18,00", "35,00", "48,6 %", "Ja"])


def test_html_holds_the_pay_numbers_and_sentences(rendered: dict[str, Path]) -> None:
    tables = rb.html_tables(rendered["html"])
    label = _label(tables, "Mål")
    for header, cells in (GAP_ROW, MEDIAN_ROW):
        assert rb.find_row(tables[label], header, cells), header
    cats = _label(tables, "Kategori")
    assert rb.find_row(tables[cats], *CATEGORY_ROW)
    assert rb.find_row(tables[cats], "Kontor", ["2", "2", "20,00", "20,00", "0,0 %", "Nej"])
    text = rb.norm(rendered["html"].read_text(encoding="utf-8"))
    assert "Kvinder tjener i gennemsnit 31,6 % mindre end mænd pr. time." in text
    assert "Målt på medianen er forskellen 20,0 %." in text
    assert "kræver en fælles lønvurdering: Jurister." in text
    assert "Begrundelse: Anciennitet" in text and "Tiltag: Lønkort 2026" in text


def test_docx_holds_the_pay_numbers(rendered: dict[str, Path]) -> None:
    tables = rb.docx_tables(rendered["docx"])
    assert rb.find_row(tables[_label(tables, "Mål")], *GAP_ROW)
    assert rb.find_row(tables[_label(tables, "Kategori")], *CATEGORY_ROW)


def test_xlsx_holds_every_pay_table_with_numbers_as_numbers(rendered: dict[str, Path]) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(str(rendered["xlsx"]))
    assert {"Lønforskel", "Lønkvartiler", "Lønkategorier", "Lønvurdering 1"} <= set(
        wb.sheetnames)
    values = [c.value for row in wb["Lønforskel"].iter_rows() for c in row]
    assert 18.8 in values and 27.5 in values
    assert any(isinstance(v, float) and abs(v - 8.7 / 27.5) < 1e-12 for v in values)
    cats = [[c.value for c in row] for row in wb["Lønkategorier"].iter_rows()]
    jur = next(r for r in cats if r[0] == "Jurister")
    assert jur[1:3] == [3, 2] and jur[3] == pytest.approx(18) and jur[4] == pytest.approx(35)
    # N = 9, bands of 2.25: 10 (F) fills rank 0–1, the five 20s (3 F, 2 M) ranks 1–6, so
    # quartile 1 holds 1 + 1.25 × 3/5 = 1.75 women and 1.25 × 2/5 = 0.5 men
    bands = [[c.value for c in row] for row in wb["Lønkvartiler"].iter_rows()]
    q1 = next(r for r in bands if str(r[0]).startswith("1. kvartil"))
    assert q1[1] == pytest.approx(1.75) and q1[2] == pytest.approx(0.5)
    assert q1[4] == pytest.approx(1.75 / 2.25)


def test_pdf_holds_the_pay_numbers(rendered: dict[str, Path]) -> None:
    text = rb.norm(rb.pdf_text(rendered["pdf"]))
    assert "Kvinder tjener i gennemsnit 31,6 % mindre end mænd pr. time." in text
    for header, cells in (GAP_ROW, CATEGORY_ROW):
        assert header in text and all(c in text for c in cells)


def test_a_folder_without_pay_has_no_pay_section(make_org: Callable[..., Path],
                                                 tmp_path: Path) -> None:
    folder = make_org(departments={"A": True},
                      employees=[("2025-01-01", "E1", "k", 1980, "A", "HK", None, "")])
    [html] = make_report(folder, year=2025, out=tmp_path / "out", formats=["html"])
    assert "Løn: ligeløn" not in html.read_text(encoding="utf-8")
