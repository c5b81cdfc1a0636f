"""A trend across a change of departments says so, and puts each year's people under that
year's departments (issue 13: each snapshot keeps the config it was imported with).

Two years of a hand-built organisation: in 2025 it has ADM (Administrationen) and GAM
(Gammel forvaltning); its 2026 config renames ADM to Direktionen, drops GAM and adds NY.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import orgdata
import pytest
from typer.testing import CliRunner

from ligestat import api
from ligestat.cli import app
from ligestat.report import build, write_report
from ligestat.report.gather import gather
from ligestat.workspace import Workspace

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("report_readback", HERE / "readback.py")
assert _spec and _spec.loader
rb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rb)

CONFIG_2025 = """organisation = "Testby Kommune"

[departments.ADM]
name = "Administrationen"

[departments.GAM]
name = "Gammel forvaltning"
"""
CONFIG_2026 = """organisation = "Testby Kommune"

[departments.ADM]
name = "Direktionen"

[departments.NY]
name = "Ny forvaltning"
"""

# (gender, department, days taken) of entitled employees, per sick-days year
SICK_2024 = [("k", "ADM", 2.0), ("k", "ADM", 0.0), ("m", "ADM", 1.0),
             ("k", "GAM", 1.0), ("m", "GAM", 0.0), ("m", "GAM", 3.0)]
SICK_2025 = [("k", "ADM", 1.0), ("m", "ADM", 0.0),
             ("k", "NY", 1.0), ("k", "NY", 0.0), ("m", "NY", 2.0)]

NOTE = {
    "da": "Forvaltningerne i 2025 er ikke de samme som i 2026: GAM (Gammel forvaltning) "
          "findes ikke i 2026, NY (Ny forvaltning) er ny i 2026 og ADM hed "
          "Administrationen (nu Direktionen). Hvert års tal er opgjort med det års "
          "forvaltninger.",
    "en": "The departments of 2025 are not those of 2026: GAM (Gammel forvaltning) does not "
          "exist in 2026, NY (Ny forvaltning) is new in 2026 and ADM was called "
          "Administrationen (now Direktionen). Each year's figures are counted with that "
          "year's departments.",
}


def _folder(path: Path, config: str, snapshot: date, departments: tuple[str, ...],
            sick_year: int, sick: list[tuple[str, str, float]]) -> Path:
    employees = [(snapshot, f"E{i}", "k" if i % 2 else "m", 1980, dep, "Kontor og IT",
                  1 if i < 2 else None, None)
                 for i, dep in enumerate(departments * 3)]
    days = [(sick_year, f"S{i}", g, dep, "ja", d) for i, (g, dep, d) in enumerate(sick)]
    orgdata.write_csv(path, tables={"employees": employees, "child_sick_days": days})
    orgdata.write_config(path, config)
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    first = _folder(tmp_path / "2025", CONFIG_2025, date(2025, 1, 10), ("ADM", "GAM"),
                    2024, SICK_2024)
    second = _folder(tmp_path / "2026", CONFIG_2026, date(2026, 1, 10), ("ADM", "NY"),
                     2025, SICK_2025)
    path = tmp_path / "w.duckdb"
    with Workspace.open(path) as ws:
        ws.import_data(first)
        ws.import_data(second)
    return path


def test_each_years_rows_use_that_years_departments(workspace: Path) -> None:
    with Workspace.open(workspace, read_only=True) as ws:
        rows = api.compute_tables(ws, 2026, ["child_sick_days"])["child_sick_days"]
    got = [(r["year"], r["department"], r["women_entitled"], r["women_took"],
            r["men_entitled"], r["men_took"]) for r in rows]
    assert got == [
        (2024, "ADM", 2, 1, 1, 1), (2024, "GAM", 1, 1, 2, 1), (2024, "total", 3, 2, 3, 2),
        (2025, "ADM", 1, 1, 1, 0), (2025, "NY", 2, 1, 1, 1), (2025, "total", 3, 2, 2, 1),
    ]


def test_tables_says_the_departments_changed(workspace: Path) -> None:
    line = ("note: the departments of 2025 differ from 2026's — not in 2026: GAM (Gammel "
            "forvaltning); new in 2026: NY (Ny forvaltning); renamed: ADM (Administrationen "
            "→ Direktionen); each year's rows use that year's departments")
    runner = CliRunner()
    shown = runner.invoke(app, ["tables", "--workspace", str(workspace), "--year", "2026"])
    assert shown.exit_code == 0, shown.output
    assert line in " ".join(shown.output.split())
    as_json = runner.invoke(app, ["tables", "--workspace", str(workspace), "--year", "2026",
                                  "--json", "-"])
    assert as_json.exit_code == 0
    assert line in " ".join(as_json.stderr.split()) and "note" not in as_json.stdout
    # a year whose history has the same departments has no note
    same = runner.invoke(app, ["tables", "--workspace", str(workspace), "--year", "2025"])
    assert same.exit_code == 0 and "note:" not in same.output


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_report_notes_the_change_under_the_trend_in_every_format(
        workspace: Path, tmp_path: Path, lang: str) -> None:
    with Workspace.open(workspace, read_only=True) as ws:
        model = build(gather(ws, 2026), lang)
        earlier = build(gather(ws, 2025), lang)
    sick = next(t for t in model.tables() if t.id == "child_sick_days")
    assert NOTE[lang] in [n.text for n in sick.notes]
    summary = model.summary  # compares with 2025, whose departments differ
    assert NOTE[lang] in [n.text for n in summary.notes]
    assert not [n for t in earlier.tables() for n in t.notes if "2026" in n.text]
    texts = {p.suffix: rb.plain_text(p) for p in write_report(model, tmp_path / lang)}
    assert set(texts) == {".html", ".pdf", ".docx", ".xlsx"}
    for fmt, text in texts.items():
        assert NOTE[lang] in text, fmt
