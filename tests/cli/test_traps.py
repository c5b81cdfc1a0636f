"""Issue 13's silent traps: each ordinary mistake reproduced, and each must give one clear
error (or an explicit, visible choice) with nothing stored or overwritten."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import orgdata
import pytest
from rich.console import Console
from typer.testing import CliRunner

from ligestat import api
from ligestat.cli import app
from ligestat.cli.table_view import render_tables
from ligestat.config import load_config
from ligestat.errors import ConfigError, InputError, ValidationError, WorkspaceError
from ligestat.workspace import Workspace


def _state(path: Path) -> dict[str, Any]:
    """Everything a workspace holds: each table's rows, in a canonical order."""
    with Workspace.open(path, read_only=True) as ws:
        names = [r[0] for r in ws.con.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        return {n: sorted(map(repr, ws.con.execute(f'SELECT * FROM "{n}"').fetchall()))
                for n in names if n != "imports"} | {
            "imports": ws.con.execute("SELECT count(*) FROM imports").fetchone()}


def _rewrite(path: Path, transform: Any) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(transform(rows))


@pytest.fixture
def valid(tmp_path: Path) -> Path:
    return orgdata.write_csv(tmp_path / "data")


@pytest.fixture
def workspace(valid: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kk.duckdb"
    with Workspace.open(path) as ws:
        ws.import_data(valid)
    return path


# -- 1. no ligestat.toml ---------------------------------------------------------------
@pytest.mark.parametrize("codes", [("ADM", "KØF", "SÅF", "BR"), ("BUF", "SUF", "TMF", "ØKF")])
def test_a_folder_without_a_config_is_one_clear_error(valid: Path, tmp_path: Path,
                                                     cli: CliRunner,
                                                     codes: tuple[str, ...]) -> None:
    (valid / "ligestat.toml").unlink()
    rename = dict(zip(orgdata.DEPARTMENTS, codes, strict=True))
    for table in (t for t in orgdata.ROWS if "department" in orgdata.COLUMNS[t]):
        _rewrite(valid / f"{table}.csv", lambda rows: [
            [rename.get(c, c) for c in row] for row in rows])
    ws = tmp_path / "w.duckdb"
    for args in (["validate", str(valid)], ["import", str(valid), "--workspace", str(ws)],
                 ["tables", str(valid), "--year", "2025"],
                 ["report", str(valid), "--year", "2025", "--out", str(tmp_path / "out")]):
        result = cli.invoke(app, args)
        assert result.exit_code == 1, args
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, result.output  # one error, not 1,420 "unknown department"
        assert lines[0] == (f"error: {valid} has no ligestat.toml and no --config was given; "
                            "ligestat needs the organisation's name and department codes. "
                            f"Start one with: ligestat init {valid} --organisation NAME (it "
                            "lists the data's own department codes; see docs/config.md)")
        assert "Københavns Kommune" not in result.output
    assert not (tmp_path / "out").exists()
    with Workspace.open(ws, read_only=True) as w:  # import created it and stored nothing
        assert sum(w.table_counts().values()) == 0 and w.stored_config is None


def test_init_writes_a_commented_config_from_the_data_codes(valid: Path,
                                                            cli: CliRunner) -> None:
    (valid / "ligestat.toml").unlink()
    result = cli.invoke(app, ["init", str(valid), "--organisation", "Æblerød Kommune"])
    assert result.exit_code == 0, result.output
    text = (valid / "ligestat.toml").read_text(encoding="utf-8")
    assert text.startswith("# ligestat.toml")
    config = load_config(valid / "ligestat.toml")
    assert config.organisation == "Æblerød Kommune"
    assert sorted(config.department_codes) == sorted(orgdata.DEPARTMENTS)
    counts = {r[4] for r in orgdata.ROWS["employees"]}
    assert counts == set(orgdata.DEPARTMENTS)
    adm = sum(1 for t, rows in orgdata.ROWS.items() if "department" in orgdata.COLUMNS[t]
              for r in rows if r[orgdata.COLUMNS[t].index("department")] == "ADM")
    assert f"[departments.ADM]  # {adm:,} rows" in text
    assert cli.invoke(app, ["validate", str(valid)]).exit_code == 0
    again = cli.invoke(app, ["init", str(valid), "--organisation", "Andet"])
    assert again.exit_code == 1 and "exists already" in again.output
    assert (valid / "ligestat.toml").read_text(encoding="utf-8") == text


def test_init_maps_an_exports_own_headers_and_reads_codes_through_them(
        valid: Path, cli: CliRunner) -> None:
    """A payroll export's headers (Medarbejdernr, Køn, Forvaltning): init writes the
    [columns.TABLE] mapping the readers' "did you mean" finds, and lists the department
    codes read through it (not "no department codes found")."""
    expected = api.tables(valid, year=2025)
    headers = {"employee_id": "Medarbejdernr", "gender": "Køn", "department": "Forvaltning"}
    for table in ("employees", "parental_leave"):
        _rewrite(valid / f"{table}.csv", lambda rows: [
            [headers.get(h, h) for h in rows[0]], *rows[1:]])
    (valid / "ligestat.toml").unlink()
    result = cli.invoke(app, ["init", str(valid), "--organisation", "Æblerød Kommune"])
    assert result.exit_code == 0, result.output
    text = (valid / "ligestat.toml").read_text(encoding="utf-8")
    assert ('[columns.employees]\nemployee_id = "medarbejdernr"\ngender = "køn"\n'
            'department = "forvaltning"\n') in text
    config = load_config(valid / "ligestat.toml")
    mapped = {c: h.lower() for c, h in headers.items()}
    assert {t: dict(m) for t, m in config.columns.items()} == {
        "employees": mapped, "parental_leave": mapped}
    assert sorted(config.department_codes) == sorted(orgdata.DEPARTMENTS)
    # the codes are counted in every table, the renamed ones included
    adm = sum(1 for t, rows in orgdata.ROWS.items() if "department" in orgdata.COLUMNS[t]
              for r in rows if r[orgdata.COLUMNS[t].index("department")] == "ADM")
    assert f"[departments.ADM]  # {adm:,} rows" in text
    assert cli.invoke(app, ["validate", str(valid)]).exit_code == 0
    # with BR marked as the config marks it, the export gives the contract folder's tables
    orgdata.write_config(valid, text.replace('name = "BR"\n# in_tables = false',
                                             'name = "BR"\nin_tables = false'))
    assert api.tables(valid, year=2025) == expected


def test_init_needs_the_organisation_name(valid: Path, cli: CliRunner) -> None:
    (valid / "ligestat.toml").unlink()
    result = cli.invoke(app, ["init", str(valid)])
    assert result.exit_code == 2 and "--organisation" in result.output
    assert not (valid / "ligestat.toml").exists()


def test_a_workspace_without_a_config_is_an_error_not_copenhagen(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    Workspace.open(path).close()
    with pytest.raises(WorkspaceError, match="holds no data yet"):
        api.tables(workspace=path, year=2025)


# -- 2. one organisation per workspace; each year keeps its config ---------------------
def test_importing_another_organisation_is_an_error_naming_both(
        workspace: Path, tmp_path: Path, cli: CliRunner) -> None:
    other = orgdata.write_csv(tmp_path / "other")
    orgdata.write_config(other, orgdata.CONFIG.replace("Æblerød Kommune", "Andeby Kommune"))
    before = _state(workspace)
    result = cli.invoke(app, ["import", str(other), "--workspace", str(workspace)])
    assert result.exit_code == 1
    assert (f"{workspace} holds Æblerød Kommune's data, and {other} is Andeby Kommune's"
            in result.output)
    assert _state(workspace) == before
    doc = api.tables(workspace=workspace, year=2024)
    assert doc["organisation"] == "Æblerød Kommune"


def test_a_later_config_renames_and_adds_departments_without_rewriting_earlier_years(
        workspace: Path, tmp_path: Path) -> None:
    before = api.tables(workspace=workspace, year=2025)
    later = tmp_path / "later"
    rows = [(orgdata.date(2026, 1, 10), f"N{i:03d}", "k" if i % 2 else "m", 1980, dep,
             "Kontor og IT", 1 if i < 4 else None, None)
            for i, dep in enumerate(["ADM", "NY", "KØF", "NY", "SÅF", "BR"] * 3)]
    orgdata.write_csv(later, tables={"employees": rows})
    orgdata.write_config(later, orgdata.CONFIG.replace("Administrationen", "Direktionen")
                         + '\n[departments.NY]\nname = "Ny forvaltning"\n')
    with Workspace.open(workspace) as ws:
        ws.import_data(later)
        assert ws.year_config(2025).department("ADM").name == "Administrationen"
        assert ws.year_config(2026).department("ADM").name == "Direktionen"
    assert api.tables(workspace=workspace, year=2025) == before
    level_1 = api.tables(workspace=workspace, year=2026)["tables"]["managers_level_1"]
    assert [r["department"] for r in level_1] == ["ADM", "KØF", "SÅF", "NY", "total"]


# -- 3. a report year needs its own data ----------------------------------------------
@pytest.mark.parametrize("year", [2027, 2030])
def test_a_year_without_its_own_snapshot_is_an_error_unless_asked_for(
        workspace: Path, tmp_path: Path, cli: CliRunner, year: int) -> None:
    out = tmp_path / "out"
    for args in (["tables", "--workspace", str(workspace), "--year", str(year)],
                 ["report", "--workspace", str(workspace), "--year", str(year), "--out",
                  str(out), "--format", "html"]):
        result = cli.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert (f"error: no staff data for report year {year}: its staff snapshot must be "
                f"dated {year - 1}-02-01 … {year}-01-31, and the latest is 2025-03-01"
                in result.output)
        assert "--allow-older-snapshot" in result.output
    assert not out.exists()
    result = cli.invoke(app, ["tables", "--workspace", str(workspace), "--year", str(year),
                              "--json", "-", "--allow-older-snapshot"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["year"] == year


def test_the_years_own_snapshot_is_chosen_when_there(workspace: Path) -> None:
    doc = api.tables(workspace=workspace, year=2026)  # the 2025-03-01 snapshot: one person
    assert sum(r["n"] for r in doc["tables"]["staff_gender"]) == 1


# -- 4. context figures are stored by import: see tests/report/test_cli.py -------------
def test_import_stores_context_csv(valid: Path, tmp_path: Path, cli: CliRunner) -> None:
    (valid / "context.csv").write_text(
        "key,group,group_da,group_en,label_da,label_en,value,unit,year,source\n"
        "gp,health,Lægebesøg,GP visits,Kvinder,Women,\"7,6\",visits,2023,DST\n",
        encoding="utf-8")
    ws = tmp_path / "w.duckdb"
    result = cli.invoke(app, ["import", str(valid), "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    with Workspace.open(ws, read_only=True) as w:
        assert list(w.rows("context")) == [{
            "key": "gp", "group": "health", "group_da": "Lægebesøg", "group_en": "GP visits",
            "label_da": "Kvinder", "label_en": "Women", "value": 7.6, "unit": "visits",
            "year": 2023, "source": "DST", "source_en": None,
            "report_year": 2026}]  # latest snapshot 2025-03-01


_CONTEXT = ("key,group,group_da,group_en,label_da,label_en,value,unit,year,source\n"
            "gp,health,Lægebesøg,GP visits,Kvinder,Women,{value},visits,{year},DST\n")


def test_context_figures_are_kept_per_report_year(valid: Path, tmp_path: Path) -> None:
    """A later import's context.csv does not replace an earlier year's figures; a report
    year reads its own: the year of the import's latest staff snapshot."""
    from ligestat.report.gather import gather

    (valid / "context.csv").write_text(_CONTEXT.format(value="7.6", year=2024), encoding="utf-8")
    later = orgdata.write_csv(tmp_path / "later", tables={"employees": [
        (orgdata.date(2027, 1, 10), f"N{i}", "k" if i % 2 else "m", 1980, "ADM",
         "Kontor og IT", None, None) for i in range(6)]})
    (later / "context.csv").write_text(_CONTEXT.format(value="8.1", year=2026), encoding="utf-8")
    path = tmp_path / "w.duckdb"
    with Workspace.open(path) as ws:
        ws.import_data(valid)  # snapshots up to 2025-03-01: report year 2026
        ws.import_data(later)  # snapshot 2027-01-10: report year 2027
    with Workspace.open(path, read_only=True) as ws:
        def figures(year: int) -> list[tuple[float, int]]:
            return [(f.value, f.year) for f in gather(ws, year).context]

        assert figures(2026) == [(7.6, 2024)]
        assert figures(2027) == [(8.1, 2026)]
    # re-importing a year replaces that year's figures only
    (later / "context.csv").write_text(_CONTEXT.format(value="9.0", year=2026), encoding="utf-8")
    with Workspace.open(path) as ws:
        ws.import_data(later)
        assert [f.value for f in gather(ws, 2027).context] == [9.0]
        assert [f.value for f in gather(ws, 2026).context] == [7.6]


# -- 5. near-miss sheet, file and column names -----------------------------------------
def test_a_misnamed_workbook_sheet_is_an_error_naming_the_table(tmp_path: Path,
                                                                cli: CliRunner) -> None:
    from openpyxl import load_workbook

    folder = orgdata.write_xlsx(tmp_path / "data")
    book = folder / "hr-data.xlsx"
    wb = load_workbook(book)
    wb["child_sick_days"].title = "child sick days"
    wb.create_sheet("Noter")  # a sheet unlike any table is only a warning
    wb.save(book)
    ws = tmp_path / "w.duckdb"
    result = cli.invoke(app, ["import", str(folder), "--workspace", str(ws)])
    assert result.exit_code == 1
    assert ("error: hr-data.xlsx[child sick days]: the sheet is not named after a contract "
            "table, but looks like child_sick_days; rename the sheet to child_sick_days"
            in result.output)
    with Workspace.open(ws, read_only=True) as w:
        assert sum(w.table_counts().values()) == 0


@pytest.mark.parametrize("name, table", [("Employee.csv", "employees"),
                                         ("child-sick-days.csv", "child_sick_days"),
                                         ("barsel.csv", "parental_leave"),
                                         ("population_2025.csv", "population")])
def test_a_near_miss_file_name_is_an_error(valid: Path, name: str, table: str) -> None:
    (valid / f"{table}.csv").rename(valid / name)
    with pytest.raises(InputError) as err:
        api.validate(valid)
    assert str(err.value).startswith(f"{name}: the file is not named after a contract table, "
                                     f"but looks like {table}; rename it to {table}.csv")


def test_an_unrelated_file_is_only_a_warning(valid: Path) -> None:
    (valid / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert api.validate(valid).warnings == ("notes.csv: not a contract table; ignored",)


def test_near_miss_headers_say_which_column_they_probably_are(valid: Path,
                                                              cli: CliRunner) -> None:
    def rename(rows: list[list[str]]) -> list[list[str]]:
        rows[0] = [{"department": "departement", "birth_year": "birthyear"}.get(h, h)
                   for h in rows[0]]
        return rows

    _rewrite(valid / "employees.csv", rename)
    with pytest.raises(ValidationError) as err:
        api.validate(valid)
    assert [str(p) for p in err.value.problems] == [
        "employees.csv:1: birthyear: unknown column; did you mean birth_year? Rename the "
        'header, or map it in ligestat.toml: [columns.employees] birth_year = "birthyear"',
        "employees.csv:1: departement: unknown column; did you mean department? Rename the "
        'header, or map it in ligestat.toml: [columns.employees] department = "departement"',
    ]
    assert cli.invoke(app, ["validate", str(valid)]).exit_code == 1


# -- 6. real exports: column mapping, Danish dates, grouped errors ---------------------
def test_a_payroll_export_reads_with_a_column_mapping_and_danish_dates(
        valid: Path, tmp_path: Path) -> None:
    expected = api.tables(valid, year=2025)
    headers = {"employee_id": "Medarbejdernr", "gender": "Køn", "department": "Forvaltning",
               "snapshot_date": "Opgørelsesdato"}
    forms = iter(["{d}.{m}.{y}", "{d}-{m}-{y}", "{y}-{m}-{d}"])
    styles: dict[str, str] = {}

    def export(rows: list[list[str]]) -> list[list[str]]:
        head = rows[0]
        i = head.index("snapshot_date")
        for row in rows[1:]:
            y, m, d = row[i].split("-")
            if row[i] not in styles:
                styles[row[i]] = next(forms)
            row[i] = styles[row[i]].format(d=d, m=m, y=y)
        rows[0] = [headers.get(h, h) for h in head]
        return rows

    _rewrite(valid / "employees.csv", export)
    text = (valid / "employees.csv").read_text(encoding="utf-8")
    assert "01.01.2025" in text and "15-01-2024" in text
    with pytest.raises(ValidationError):  # the headers are not the contract's ...
        api.validate(valid)
    mapping = "\n[columns.employees]\n" + "".join(
        f'{col} = "{header}"\n' for col, header in headers.items())
    orgdata.write_config(valid, orgdata.CONFIG + mapping)  # ... until the config maps them
    assert api.tables(valid, year=2025) == expected


def test_a_column_mapping_to_a_missing_header_says_so(valid: Path) -> None:
    _rewrite(valid / "employees.csv", lambda rows: [
        ["Medarbejder nr." if h == "employee_id" else h for h in rows[0]], *rows[1:]])
    orgdata.write_config(valid, orgdata.CONFIG
                         + '\n[columns.employees]\nemployee_id = "Medarbejdernr"\n')
    with pytest.raises(ValidationError) as err:
        api.validate(valid)
    assert [str(p) for p in err.value.problems] == [
        "employees.csv:1: employee_id: required column is missing (ligestat.toml maps it from "
        "'Medarbejdernr', which the header lacks)"]


def test_a_mapped_header_wins_over_a_contract_named_one(valid: Path) -> None:
    expected = api.tables(valid, year=2025)
    _rewrite(valid / "employees.csv", lambda rows: [
        [*rows[0], "Køn"], *([*r, r[rows[0].index("gender")]] for r in rows[1:])])
    _rewrite(valid / "employees.csv", lambda rows: [
        [h if h != "gender" else "gender" for h in rows[0]],
        *([*r[:2], "?", *r[3:]] for r in rows[1:])])  # the contract-named column is junk
    orgdata.write_config(valid, orgdata.CONFIG + '\n[columns.employees]\ngender = "Køn"\n')
    summary = api.validate(valid)
    assert summary.warnings == ("employees.csv: column 'gender' ignored: ligestat.toml reads "
                                "gender from 'Køn'",)
    assert api.tables(valid, year=2025) == expected


@pytest.mark.parametrize("bad, message", [
    ('[columns.staff]\ngender = "Køn"', "no input table 'staff'"),
    ('[columns.employees]\nsex = "Køn"', "unknown key sex"),
    ('[columns.employees]\ngender = "X"\ndepartment = "x"', "the header 'x' is mapped to two"),
])
def test_a_wrong_column_mapping_is_a_config_error(valid: Path, bad: str, message: str) -> None:
    orgdata.write_config(valid, orgdata.CONFIG + "\n" + bad + "\n")
    with pytest.raises(ConfigError, match=message):
        api.validate(valid)


def test_slashed_or_impossible_dates_in_many_rows_are_one_line_each(valid: Path,
                                                                    cli: CliRunner) -> None:
    def dates(rows: list[list[str]]) -> list[list[str]]:
        for n, row in enumerate(rows[1:]):
            y, m, d = row[0].split("-")
            row[0] = f"{d}/{m}/{y}" if n < 40 else f"31.02.{y}"
        return rows

    _rewrite(valid / "employees.csv", dates)
    n = len(orgdata.ROWS["employees"])
    with pytest.raises(ValidationError) as err:
        api.validate(valid)
    lines = str(err.value).splitlines()
    assert lines[0] == f"{n} problems found; nothing was stored."
    assert [r[0] for r in orgdata.ROWS["employees"][:44]] == [orgdata.date(2025, 1, 1)] * 44
    assert orgdata.ROWS["employees"][44][0] == orgdata.date(2024, 1, 15)
    assert lines[1] == ("employees.csv: snapshot_date: not a date; use YYYY-MM-DD, DD-MM-YYYY "
                        "or DD.MM.YYYY — 40 rows (2–41), e.g. 01/01/2025")
    assert lines[2] == (f"employees.csv: snapshot_date: impossible date — {n - 40} rows "
                        f"(42–{n + 1}), e.g. 31.02.2025, 31.02.2024")
    assert len(lines) == 3
    result = cli.invoke(app, ["validate", str(valid)])
    assert result.exit_code == 1 and "more problem" not in result.output


# -- the terminal ----------------------------------------------------------------------
@pytest.mark.parametrize("lang, heading, label", [
    ("da", "Æblerød Kommune — rapportår 2025", "Kvinder, andel"),
    ("en", "Æblerød Kommune — report year 2025", "Women, share"),
])
def test_tables_fit_an_80_column_terminal_in_either_language(valid: Path, lang: str,
                                                             heading: str, label: str) -> None:
    doc = api.tables(valid, year=2025)
    out = io.StringIO()
    render_tables(doc, Console(file=out, width=80, color_system=None), lang)
    text = out.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert text.startswith(heading)
    words = set(re.findall(r"[\w,.%–-]+", text))
    for part in label.split():
        assert part in words
    for name, rows in doc["tables"].items():
        assert name in text
        for row in rows:  # every cell is shown whole
            for key, value in row.items():
                if key == "year":
                    assert str(value) in words
                elif isinstance(value, int) and not isinstance(value, bool):
                    assert f"{value:,}".replace(",", "." if lang == "da" else ",") in words


def test_tables_speaks_lang_and_defaults_to_the_workspace_here(
        valid: Path, tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.invoke(app, ["import", str(valid)]).exit_code == 0  # ./ligestat.duckdb
    result = cli.invoke(app, ["tables", "--year", "2025", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Æblerød Kommune — report year 2025" in result.output
    assert "Fathers' parental leave" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    bad = cli.invoke(app, ["tables", "--year", "2025", "--lang", "de"])
    assert bad.exit_code == 2


def test_version(cli: CliRunner) -> None:
    from ligestat import __version__

    result = cli.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"ligestat {__version__} (data contract version 2)\n"


@pytest.mark.parametrize("command", ["validate", "import", "tables", "report", "init"])
def test_help_points_at_the_contract(cli: CliRunner, command: str) -> None:
    result = cli.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "docs/contract.md" in result.output


def test_the_starter_config_parses_for_awkward_codes(tmp_path: Path) -> None:
    from ligestat.config import parse_config
    from ligestat.init_config import starter_config

    text = starter_config('Kommune "Øst"', {"A B": 1, "Ø.1": 2, 'x"y': 3}, tmp_path)
    config = parse_config(text)
    assert config.organisation == 'Kommune "Øst"'
    assert config.department_codes == ("A B", "Ø.1", 'x"y')
    assert tomllib.loads(text)["departments"]["A B"]["name"] == "A B"
