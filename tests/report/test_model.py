"""The model: suppressed cells, notes under every table and figure, numbering, immutability."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from ligestat.report import ReportInput, build
from ligestat.report.model import Table


def _suppressed_input(make: Callable[..., ReportInput], kk2025: ReportInput) -> ReportInput:
    tables = {k: [dict(r) for r in v] for k, v in kk2025.tables.items()}
    kff = next(r for r in tables["fathers_leave"] if r["department"] == "KFF")
    kff.update(ge24=None, ge24_share=None, suppressed=["ge24", "ge24_share"])
    return make(tables=tables)


def test_suppressed_cells_print_as_a_dash_with_a_footnote(make_report_input: Any,
                                                          kk2025: ReportInput) -> None:
    for lang in ("da", "en"):
        model = build(_suppressed_input(make_report_input, kk2025), lang)
        table = next(t for t in model.tables() if t.id == "fathers_leave")
        kff = next(r for r in table.rows if r.header.text == "KFF")
        dashes = [c for c in kff.cells if c.suppressed]
        assert [c.text for c in dashes] == ["\u2013", "\u2013"]
        assert all(c.value is None for c in dashes)
        note = next(n for n in table.notes if n.kind == "suppressed")
        assert note.mark == "\u2013" and "public" in note.text
        others = [t for t in model.tables() if t.id != "fathers_leave"]
        assert not any(n.kind == "suppressed" for t in others for n in t.notes)


def test_empty_group_is_not_applicable_not_a_dash(make_report_input: Any,
                                                  kk2025: ReportInput) -> None:
    tables = {k: [dict(r) for r in v] for k, v in kk2025.tables.items()}
    sof = next(r for r in tables["mothers_leave"] if r["department"] == "SOF")
    sof.update(n=0, ge11=0, ge17=0, ge24=0, ge11_share=None, ge17_share=None, ge24_share=None)
    table = next(t for t in build(make_report_input(tables=tables)).tables()
                 if t.id == "mothers_leave")
    row = next(r for r in table.rows if r.header.text == "SOF")
    assert [c.text for c in row.cells][1] == "i.a."
    assert any(n.kind == "missing" for n in table.notes)


def test_every_table_and_figure_has_a_source_or_definition(kk2025: ReportInput) -> None:
    model = build(kk2025)
    for item in [*model.tables(), *model.figures()]:
        assert any(n.kind in ("source", "definition") for n in item.notes), item.id
    for table in model.tables()[1:]:
        if table.id != "departments":
            assert any(n.kind == "source" for n in table.notes), table.id


def test_tables_are_numbered_as_in_the_published_report(kk2025: ReportInput) -> None:
    labels = {t.id: t.label for t in build(kk2025).tables()}
    assert [labels[i] for i in ("agreements_women", "agreements_men", "managers_level_1",
                                "managers_level_2", "fathers_leave", "mothers_leave",
                                "child_sick_days")] == [f"Tabel {n}" for n in range(1, 8)]


def test_small_group_and_level_3_footnotes_mark_their_rows(kk2025: ReportInput) -> None:
    tables = {t.id: t for t in build(kk2025).tables()}
    marks1 = {r.header.text: r.header.mark for r in tables["managers_level_1"].rows}
    assert marks1["BIF"] == "*" and marks1["ØKF"] == "" and marks1["SOF"] == ""
    marks2 = {r.header.text: r.header.mark for r in tables["managers_level_2"].rows}
    assert marks2["TMF"] == "**"
    assert any("TMF" in n.text and n.mark == "**" for n in tables["managers_level_2"].notes)


def test_the_model_and_input_are_immutable(kk2025: ReportInput) -> None:
    model = build(kk2025)
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        kk2025.tables["fathers_leave"][0]["n"] = 1  # type: ignore[index]
    assert isinstance(model.summary, Table)


def test_initiatives_grouped_by_audience_and_focus_area(kk2025: ReportInput) -> None:
    tables = {t.id: t for t in build(kk2025, "en").tables()}
    staff = tables["initiatives_staff"]
    groups = list(dict.fromkeys(r.group for r in staff.rows))
    assert groups == ["Kommunikation og sprogbrug", "Karriereveje og arbejdskultur",
                      "Barsel og fleksibilitet"]
    first = staff.rows[0]
    assert [first.header.text, *(c.text for c in first.cells)][:3] == [
        "Kønsneutralt og inkluderende sprogbrug", "SOF", "Ongoing"]
    assert len(tables["initiatives_citizens"].rows) == 38


def test_context_figures_carry_value_unit_year_and_source(kk2025: ReportInput) -> None:
    figures = {f.id: f for f in build(kk2025).figures()}
    assert [f.label for f in figures.values()][3:] == ["Figur 4", "Figur 5", "Figur 6"]
    assert figures["context_health_gp"].chart.series[0].values == (7.6, 4.7)
    assert "7,6 besøg (2023)" in figures["context_health_gp"].alt
    tables = {k: f.data for k, f in figures.items()}
    gp = tables["context_health_gp"]
    assert [(r.cells[0].text, r.cells[1].text) for r in gp.rows] == [
        ("7,6 besøg", "2023"), ("4,7 besøg", "2023")]
    life = tables["context_health_life"]
    assert [r.cells[0].text for r in life.rows] == ["4,5 år", "3,9 år"]
    youth = [r.cells[0].text.replace("\u00a0", " ") for r in tables["context_lgbt_youth"].rows]
    assert youth == ["29 %", "20 %", "25 %", "14 %"]
    assert any(n.text.startswith("Kilde: VIVE 2024") for n in figures["context_lgbt_youth"].notes)


def test_disclosure_statement_names_the_policy_and_the_dash_only_when_used(
        make_report_input: Any, kk2025: ReportInput) -> None:
    plain = build(kk2025).disclosure
    assert "»public«" in plain and "Ingen tal i denne rapport er skjult." in plain
    withheld = build(_suppressed_input(make_report_input, kk2025), "en").disclosure
    assert 'policy "public"' in withheld
    assert "shown as \u2013 with a footnote" in withheld
