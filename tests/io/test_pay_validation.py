"""pay.csv breaks the contract's rules → exact ``file:row: column: message (value)`` lines,
in every format (CSV dialects, a workbook sheet, Parquet); nothing is stored."""

from __future__ import annotations

from pathlib import Path

import orgdata
import pytest
from typer.testing import CliRunner

from ligestat import api
from ligestat.cli import app
from ligestat.errors import ValidationError
from ligestat.workspace import Workspace


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ValidationError) as info:
        api.validate(folder)
    return [str(p) for p in info.value.problems]


def test_every_pay_rule_names_file_row_column_and_value(tmp_path: Path, cli: CliRunner) -> None:
    folder = orgdata.write_csv(tmp_path / "data")
    a = orgdata.set_cell(folder, "pay", 0, "basic_pay", "-100")
    b = orgdata.set_cell(folder, "pay", 1, "variable_pay", "-0.5")
    c = orgdata.set_cell(folder, "pay", 2, "hours_paid", "0")
    d = orgdata.set_cell(folder, "pay", 3, "hours_paid", "")
    e = orgdata.set_cell(folder, "pay", 4, "category", "  ")
    f = orgdata.set_cell(folder, "pay", 5, "department", "XYZ")
    g = orgdata.set_cell(folder, "pay", 6, "gender", "kvinna")
    h = orgdata.set_cell(folder, "pay", 7, "employee_id", "E000")  # E000 is row 0, same year
    i = orgdata.set_cell(folder, "pay", 8, "hours_paid", "-3")
    assert _problems(folder) == [
        f"pay.csv:{a}: basic_pay: must be at least 0 (-100)",
        f"pay.csv:{b}: variable_pay: must be at least 0 (-0.5)",
        f"pay.csv:{c}: hours_paid: must be greater than 0 (0)",
        f"pay.csv:{d}: hours_paid: is empty ()",
        f"pay.csv:{e}: category: is empty (  )",
        f"pay.csv:{f}: department: unknown department code; add it to ligestat.toml "
        "[departments] or correct the row (XYZ)",
        f"pay.csv:{g}: gender: unknown gender code; use woman, man or other (kvinna)",
        f"pay.csv:{h}: employee_id: duplicate employee_id for the same year (first at row 2) "
        "(E000)",
        f"pay.csv:{i}: hours_paid: must be greater than 0 (-3)",
    ]
    result = cli.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"pay.csv:{c}: hours_paid: must be greater than 0 (0)" in result.output


def test_the_same_id_in_two_pay_years_is_allowed(tmp_path: Path) -> None:
    folder = orgdata.write_csv(tmp_path / "data")
    rows = orgdata.read_table(folder, "pay")
    assert {r[1] for r in rows[1:] if r[0] == "2023"} == {r[1] for r in rows[1:]
                                                          if r[0] == "2024"}
    api.validate(folder)


def test_a_failed_pay_import_stores_nothing(tmp_path: Path) -> None:
    folder = orgdata.write_csv(tmp_path / "data")
    with Workspace.open(tmp_path / "ws.duckdb") as ws:
        ws.import_data(folder)
        before = orgdata.table_contents(ws.con, "pay")
        orgdata.set_cell(folder, "pay", 3, "hours_paid", "0")
        with pytest.raises(ValidationError):
            ws.import_data(folder)
        assert orgdata.table_contents(ws.con, "pay") == before


def test_a_bad_pay_cell_in_a_workbook_and_in_parquet(tmp_path: Path) -> None:
    import duckdb
    from openpyxl import load_workbook

    folder = orgdata.write_xlsx(tmp_path / "xlsx")
    book = folder / "hr-data.xlsx"
    wb = load_workbook(book)
    wb["pay"]["H4"] = 0  # hours_paid of sheet row 4
    wb["pay"]["E5"] = None  # category of sheet row 5
    wb.save(book)
    assert _problems(folder) == [
        "hr-data.xlsx[pay]:4: hours_paid: must be greater than 0 (0)",
        "hr-data.xlsx[pay]:5: category: is empty ()",
    ]
    folder = orgdata.write_parquet(tmp_path / "parquet")
    target = str(folder / "pay.parquet").replace("'", "''")
    duckdb.execute(f"COPY (SELECT * REPLACE (CASE WHEN employee_id = 'E002' AND year = 2024 "
                   f"THEN -1.0 ELSE basic_pay END AS basic_pay) FROM read_parquet('{target}')) "
                   f"TO '{target}.tmp' (FORMAT parquet)")
    Path(target + ".tmp").replace(target)
    problems = _problems(folder)
    assert len(problems) == 1
    assert problems[0].startswith("pay.parquet:") and problems[0].endswith(
        ": basic_pay: must be at least 0 (-1.0)")
