"""``ligestat validate``, ``import`` and ``tables`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import orgdata
import pytest
from typer.testing import CliRunner

from ligestat import api
from ligestat.cli import app

CONTRACT_ORDER = ["staff_gender", "staff_age_gender", "agreements_gender", "managers_level_1",
                  "managers_level_2", "fathers_leave", "mothers_leave", "child_sick_days",
                  # orgdata holds pay.csv for 2024, the pay year of report year 2025
                  "pay_gap", "pay_quartiles", "pay_categories"]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return orgdata.write_csv(tmp_path_factory.mktemp("cli") / "data")


def _clean_failure(result: object, message: str) -> None:
    assert getattr(result, "exit_code") == 1  # noqa: B009
    output = getattr(result, "output")  # noqa: B009
    assert "Traceback" not in output
    assert f"error: {message}" in output


def test_tables_json_file_is_the_contract_document(data: Path, tmp_path: Path,
                                                  cli: CliRunner) -> None:
    out = tmp_path / "tables.json"
    result = cli.invoke(app, ["tables", str(data), "--year", "2025", "--json", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(doc) == ["contract", "organisation", "year", "tables"]
    assert (doc["contract"], doc["organisation"], doc["year"]) == (2, "Æblerød Kommune", 2025)
    assert list(doc["tables"]) == CONTRACT_ORDER
    assert doc == api.tables(data=data, year=2025)
    assert "Æblerød" in out.read_text(encoding="utf-8")  # not \u-escaped
    staff = {r["gender"]: r["n"] for r in doc["tables"]["staff_gender"]}
    assert staff == orgdata.expected_staff_2025()
    for name in CONTRACT_ORDER[3:8]:  # the department tables
        assert doc["tables"][name][-1]["department"] == "total", name


def test_tables_json_dash_prints_only_the_document(data: Path, tmp_path: Path,
                                                  cli: CliRunner) -> None:
    out = tmp_path / "tables.json"
    cli.invoke(app, ["tables", str(data), "--year", "2025", "--json", str(out)])
    result = cli.invoke(app, ["tables", str(data), "--year", "2025", "--json", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(out.read_text(encoding="utf-8"))


def test_tables_from_a_workspace_after_import(data: Path, tmp_path: Path,
                                             cli: CliRunner) -> None:
    workspace = tmp_path / "w.duckdb"
    imported = cli.invoke(app, ["import", str(data), "--workspace", str(workspace)])
    assert imported.exit_code == 0, imported.output
    assert "stored (employees 60, parental_leave 32" in imported.output
    assert f"workspace {workspace}: years 2024, 2025" in imported.output
    for year in (2024, 2025):
        result = cli.invoke(app, ["tables", "--workspace", str(workspace), "--year", str(year),
                                  "--json", "-"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == api.tables(data=data, year=year)


def test_tables_without_json_renders_every_table(data: Path, cli: CliRunner) -> None:
    result = cli.invoke(app, ["tables", str(data), "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "Æblerød Kommune — rapportår 2025" in result.output  # the config's language: da
    positions = [result.output.index(name) for name in CONTRACT_ORDER]
    assert positions == sorted(positions)
    assert "Borgerrepræsentationen" not in result.output and "│ BR " not in result.output


def test_a_year_without_a_staff_snapshot_is_a_clean_error(data: Path, tmp_path: Path,
                                                         cli: CliRunner) -> None:
    result = cli.invoke(app, ["tables", str(data), "--year", "2020", "--json", "-"])
    _clean_failure(result, "no staff snapshot on or before 2020-01-31 for report year 2020")
    workspace = tmp_path / "w.duckdb"
    cli.invoke(app, ["import", str(data), "--workspace", str(workspace)])
    result = cli.invoke(app, ["tables", "--workspace", str(workspace), "--year", "2023"])
    _clean_failure(result, "no staff snapshot on or before 2023-01-31 for report year 2023")


@pytest.mark.parametrize("args, message", [
    (["tables", "--year", "2025"],  # like import: ./ligestat.duckdb
     "ligestat.duckdb: no workspace here; create one with: ligestat import DATA"),
    (["tables", "{data}", "--workspace", "{tmp}/w.duckdb", "--year", "2025"],
     "give either a data folder or --workspace, not both and not neither"),
    (["tables", "--workspace", "{tmp}/nothing.duckdb", "--year", "2025"],
     "{tmp}/nothing.duckdb: no workspace here; create one with: ligestat import DATA "
     "--workspace {tmp}/nothing.duckdb"),
    (["tables", "--workspace", "{data}/employees.csv", "--year", "2025"],
     "{data}/employees.csv: cannot open the workspace"),
    (["import", "{data}", "--workspace", "{data}/employees.csv"],
     "{data}/employees.csv: cannot open the workspace"),
    (["import", "{tmp}/no-such-folder", "--workspace", "{tmp}/w.duckdb"],
     "{tmp}/no-such-folder: no such file or folder"),
    (["validate", "{data}/employees.csv"],
     "{data}/employees.csv: give a data folder or one .xlsx workbook"),
    (["tables", "{data}", "--year", "2025", "--config", "{tmp}/none.toml"],
     "{tmp}/none.toml: config file not found"),
])
def test_user_mistakes_are_clean_errors(args: list[str], message: str, data: Path,
                                        tmp_path: Path, cli: CliRunner) -> None:
    def fill(s: str) -> str:
        return s.replace("{data}", str(data)).replace("{tmp}", str(tmp_path))

    before = (data / "employees.csv").read_bytes()
    result = cli.invoke(app, [fill(a) for a in args])
    _clean_failure(result, fill(message))
    assert (data / "employees.csv").read_bytes() == before


def test_a_failed_cli_import_keeps_the_workspace(data: Path, tmp_path: Path,
                                                cli: CliRunner) -> None:
    workspace = tmp_path / "w.duckdb"
    assert cli.invoke(app, ["import", str(data), "--workspace", str(workspace)]).exit_code == 0
    first = cli.invoke(app, ["tables", "--workspace", str(workspace), "--year", "2025",
                             "--json", "-"]).stdout
    broken = orgdata.write_csv(tmp_path / "broken")
    orgdata.set_cell(broken, "employees", 0, "gender", "kvinda")
    orgdata.set_cell(broken, "employees", 1, "department", "")
    result = cli.invoke(app, ["import", str(broken), "--workspace", str(workspace)])
    _clean_failure(result, "2 problems found; nothing was stored.")
    assert "employees.csv:2: gender: unknown gender code; use woman, man or other (kvinda)" in (
        result.output)
    assert "employees.csv:3: department: is empty ()" in result.output
    again = cli.invoke(app, ["tables", "--workspace", str(workspace), "--year", "2025",
                             "--json", "-"]).stdout
    assert again == first


@pytest.mark.parametrize("command", ["validate", "import", "tables"])
def test_every_data_command_has_help_with_an_example(command: str, cli: CliRunner) -> None:
    result = cli.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"ligestat {command} " in result.output
