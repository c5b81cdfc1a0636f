"""Every kind of broken input gets its exact ``file:row: column: message (value)`` text,
a non-zero exit from ``ligestat validate`` and no traceback."""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orgdata
import pytest
from typer.testing import CliRunner

from ligestat import api
from ligestat.cli import app
from ligestat.errors import InputError, ValidationError


@dataclass(frozen=True)
class Problems:
    """The broken input is read, and these rules break (exact lines, in order)."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Unreadable:
    """The input cannot be read at all: one exact message."""

    message: str


Case = Callable[[Path], "Problems | Unreadable"]
CASES: dict[str, Case] = {}


def case(fn: Case) -> Case:
    CASES[fn.__name__] = fn
    return fn


def _png() -> bytes:
    """A real (1×1 pixel) PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


@case
def missing_column(folder: Path) -> Problems:
    orgdata.drop_column(folder, "employees", "agreement")
    return Problems(("employees.csv:1: agreement: required column is missing",))


@case
def missing_key_column_of_optional_table(folder: Path) -> Problems:
    orgdata.drop_column(folder, "population", "age")
    return Problems(("population.csv:1: age: required column is missing",))


@case
def column_twice_in_header(folder: Path) -> Problems:
    orgdata.add_column(folder, "employees", "Gender", "k")
    return Problems(("employees.csv:1: gender: column appears twice in header",))


@case
def birth_year_not_a_number(folder: Path) -> Problems:
    row = orgdata.set_cell(folder, "employees", 3, "birth_year", "nineteen")
    return Problems((f"employees.csv:{row}: birth_year: not a whole number (nineteen)",))


@case
def wrong_types_in_several_tables(folder: Path) -> Problems:
    a = orgdata.set_cell(folder, "employees", 0, "manager_level", "1.5")
    b = orgdata.set_cell(folder, "parental_leave", 4, "weeks_taken", "ti uger")
    # 05-06-2023 is a Danish day-first date (accepted); with slashes day and month are
    # ambiguous (US order), so it stays an error
    c = orgdata.set_cell(folder, "parental_leave", 5, "child_birth_date", "05/06/2023")
    d = orgdata.set_cell(folder, "child_sick_days", 2, "year", "2024a")
    e = orgdata.set_cell(folder, "population", 0, "count", "1e3")
    return Problems((
        f"employees.csv:{a}: manager_level: not a whole number (1.5)",
        f"parental_leave.csv:{b}: weeks_taken: not a number (ti uger)",
        f"parental_leave.csv:{c}: child_birth_date: not a date; use YYYY-MM-DD, DD-MM-YYYY or "
        "DD.MM.YYYY (05/06/2023)",
        f"child_sick_days.csv:{d}: year: not a whole number (2024a)",
        f"population.csv:{e}: count: not a whole number (1e3)",
    ))


@case
def number_too_large_for_an_integer(folder: Path) -> Problems:
    row = orgdata.set_cell(folder, "population", 2, "count", "99999999999999999999999")
    return Problems((f"population.csv:{row}: count: number too large (99999999999999999999999)",))


@case
def impossible_birth_years(folder: Path) -> Problems:
    a = orgdata.set_cell(folder, "employees", 0, "birth_year", "2026")  # snapshot 2025-01-01
    b = orgdata.set_cell(folder, "employees", 1, "birth_year", "1899")
    return Problems((
        f"employees.csv:{a}: birth_year: must be between 1900 and the snapshot's year (2026)",
        f"employees.csv:{b}: birth_year: must be between 1900 and the snapshot's year (1899)",
    ))


@case
def negative_weeks_and_days(folder: Path) -> Problems:
    a = orgdata.set_cell(folder, "parental_leave", 0, "weeks_taken", "-0.5")
    b = orgdata.set_cell(folder, "child_sick_days", 0, "days_taken", "-1")
    return Problems((
        f"parental_leave.csv:{a}: weeks_taken: must be at least 0 (-0.5)",
        f"child_sick_days.csv:{b}: days_taken: must be at least 0 (-1)",
    ))


@case
def impossible_dates(folder: Path) -> Problems:
    a = orgdata.set_cell(folder, "employees", 2, "snapshot_date", "2024-02-30")
    b = orgdata.set_cell(folder, "parental_leave", 1, "child_birth_date", "2023-02-29")
    c = orgdata.set_cell(folder, "population", 1, "date", "2025-13-01")
    return Problems((
        f"employees.csv:{a}: snapshot_date: impossible date (2024-02-30)",
        f"parental_leave.csv:{b}: child_birth_date: impossible date (2023-02-29)",
        f"population.csv:{c}: date: impossible date (2025-13-01)",
    ))


@case
def unknown_department(folder: Path) -> Problems:
    row = orgdata.set_cell(folder, "parental_leave", 6, "department", "XYZ")
    return Problems((f"parental_leave.csv:{row}: department: unknown department code; add it "
                     "to ligestat.toml [departments] or correct the row (XYZ)",))


@case
def department_codes_are_case_sensitive(folder: Path) -> Problems:
    row = orgdata.set_cell(folder, "employees", 0, "department", "køf")
    return Problems((f"employees.csv:{row}: department: unknown department code; add it "
                     "to ligestat.toml [departments] or correct the row (køf)",))


@case
def duplicate_employee_id_within_a_snapshot(folder: Path) -> Problems:
    row = orgdata.set_cell(folder, "employees", 5, "employee_id", "E002")
    return Problems((f"employees.csv:{row}: employee_id: duplicate employee_id for the same "
                     "snapshot_date (first at row 4) (E002)",))


@case
def empty_required_cells(folder: Path) -> Problems:
    a = orgdata.set_cell(folder, "employees", 1, "employee_id", "")
    b = orgdata.set_cell(folder, "employees", 2, "employee_id", "  ")
    c = orgdata.set_cell(folder, "child_sick_days", 0, "entitled", "")
    return Problems((
        f"employees.csv:{a}: employee_id: is empty ()",
        f"employees.csv:{b}: employee_id: is empty (  )",
        f"child_sick_days.csv:{c}: entitled: is empty ()",
    ))


@case
def unknown_gender_code(folder: Path) -> Problems:
    a = orgdata.set_cell(folder, "employees", 0, "gender", "kvinda")
    b = orgdata.set_cell(folder, "population", 0, "gender", "2")
    return Problems((
        f"employees.csv:{a}: gender: unknown gender code; use woman, man or other (kvinda)",
        f"population.csv:{b}: gender: unknown gender code; use woman, man or other (2)",
    ))


@case
def unknown_boolean(folder: Path) -> Problems:
    a = orgdata.set_cell(folder, "child_sick_days", 3, "entitled", "måske")
    b = orgdata.set_cell(folder, "initiatives", 0, "cross_cutting", "yes")
    return Problems((
        f"child_sick_days.csv:{a}: entitled: unknown boolean; use true/false, 1/0 or ja/nej "
        "(måske)",
        f"initiatives.csv:{b}: cross_cutting: unknown boolean; use true/false, 1/0 or ja/nej "
        "(yes)",
    ))


@case
def unknown_choice(folder: Path) -> Problems:
    a = orgdata.set_cell(folder, "employees", 0, "employment_type", "vikar")
    b = orgdata.set_cell(folder, "initiatives", 1, "status", "done")
    return Problems((
        f"employees.csv:{a}: employment_type: must be one of ordinary, trainee, flexjob, "
        "extraordinary (vikar)",
        f"initiatives.csv:{b}: status: must be one of planned, ongoing, completed, paused (done)",
    ))


@case
def mixed_decimal_marks(folder: Path) -> Problems:
    orgdata.set_cell(folder, "parental_leave", 0, "weeks_taken", "10.5")
    row = orgdata.set_cell(folder, "parental_leave", 2, "weeks_taken", "10,5")
    return Problems((f"parental_leave.csv:{row}: weeks_taken: mixed decimal marks ('.' and ',') "
                     "in one column; use one",))


@case
def rows_after_blank_lines_keep_their_file_line(folder: Path) -> Problems:
    orgdata.set_cell(folder, "employees", 6, "gender", "?")
    path = folder / "employees.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3:3] = ["", ""]  # two blank lines before data row 3 (line 4)
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return Problems(("employees.csv:10: gender: unknown gender code; use woman, man or other (?)",))


@case
def rows_after_a_value_spanning_lines_keep_their_file_line(folder: Path) -> Problems:
    orgdata.set_cell(folder, "initiatives", 0, "key_figures", "tre\nlinjer\nher")
    row = orgdata.set_cell(folder, "initiatives", 2, "status", "idle")
    return Problems((f"initiatives.csv:{row + 2}: status: must be one of planned, ongoing, "
                     "completed, paused (idle)",))


@case
def truncated_file(folder: Path) -> Unreadable:
    path = folder / "employees.csv"
    data = path.read_bytes()
    lines = data.count(b"\n")
    last = data.rstrip(b"\n").rsplit(b"\n", 1)[1]  # e.g. 2025-03-01,E900,kvinde,1990,ADM,…
    cut = last[: last.index(b"1990") + 2]  # cut mid-row: 4 fields of 8
    path.write_bytes(data[: len(data) - len(last) - 1] + cut)
    return Unreadable(f"employees.csv:{lines}: malformed CSV: expected 8 fields, found 4 "
                      "(truncated or broken row)")


@case
def unterminated_quote(folder: Path) -> Unreadable:
    path = folder / "initiatives.csv"
    path.write_text(path.read_text(encoding="utf-8") + '5,staff,"Løn,KØF,Titel,planned,,,\n',
                    encoding="utf-8")
    return Unreadable("initiatives.csv:6: malformed CSV: a quoted value is never closed "
                      '(unterminated quote ")')


@case
def random_bytes(folder: Path) -> Unreadable:
    (folder / "employees.csv").write_bytes(b"\x00" + random.Random(7).randbytes(4000))
    return Unreadable("employees.csv: this is a binary file, not CSV text; export the table as CSV")


@case
def png_renamed_csv(folder: Path) -> Unreadable:
    (folder / "child_sick_days.csv").write_bytes(_png())
    return Unreadable("child_sick_days.csv: this is a binary file, not CSV text; export the "
                      "table as CSV")


@case
def xlsx_renamed_csv(folder: Path) -> Unreadable:
    orgdata.write_xlsx(folder / "wb")
    (folder / "wb" / "hr-data.xlsx").rename(folder / "population.csv")
    return Unreadable("population.csv: this is a binary file, not CSV text; export the table "
                      "as CSV")


@case
def empty_file(folder: Path) -> Unreadable:
    (folder / "parental_leave.csv").write_bytes(b"")
    return Unreadable("parental_leave.csv: the file is empty; a header line is needed")


@case
def blank_lines_only(folder: Path) -> Unreadable:
    (folder / "employees.csv").write_bytes(b"\r\n \n\n")
    return Unreadable("employees.csv: the file is empty; a header line is needed")


@case
def no_separator_in_header(folder: Path) -> Unreadable:
    (folder / "population.csv").write_text("date area gender age count\n2025-01-01 x k 1 2\n",
                                           encoding="utf-8")
    return Unreadable("population.csv: cannot find the column separator in the header line "
                      "('date area gender age count'); use ',' or ';' between column names")


@case
def undecidable_separator(folder: Path) -> Unreadable:
    (folder / "population.csv").write_text("dato;område,køn;alder,antal\n", encoding="utf-8")
    return Unreadable("population.csv: the header line has both ',' and ';' and neither "
                      "separates the contract's column names; use one separator")


@case
def neither_utf8_nor_windows_1252(folder: Path) -> Unreadable:
    path = folder / "initiatives.csv"
    path.write_bytes(path.read_bytes().replace("Ligeløn".encode(), b"Lige\x81\x8dn"))
    return Unreadable("initiatives.csv: cannot tell the text encoding: the file is neither UTF-8 "
                      "nor Windows-1252. Save it as UTF-8 CSV and import again.")


@case
def utf16_text(folder: Path) -> Unreadable:
    path = folder / "population.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return Unreadable('population.csv: the file is UTF-16 text (Excel\'s "Unicode text"); save '
                      "it as CSV UTF-8 and import again")


@case
def missing_employees_file(folder: Path) -> Unreadable:
    (folder / "employees.csv").unlink()
    return Unreadable(f"{folder}: employees.csv (or a sheet / Parquet file named employees) is "
                      "required and missing")


@case
def corrupt_parquet(folder: Path) -> Unreadable:
    (folder / "population.csv").unlink()
    (folder / "population.parquet").write_bytes(b"PAR1" + b"\x00" * 64 + b"PAR1")
    return Unreadable("__startswith__population.parquet: not a readable Parquet file (")


@case
def corrupt_workbook(folder: Path) -> Unreadable:
    (folder / "extra.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    return Unreadable("__startswith__extra.xlsx: not a readable .xlsx workbook (")


@pytest.fixture
def valid(tmp_path: Path) -> Path:
    return orgdata.write_csv(tmp_path / "data")


def _check(expected: Problems | Unreadable, folder: Path) -> str:
    """Run the API's validate; returns the text the CLI must show. Problems come table by
    table in the contract's order, then by row and column."""
    if isinstance(expected, Problems):
        with pytest.raises(ValidationError) as info:
            api.validate(folder)
        assert [str(p) for p in info.value.problems] == list(expected.lines)
        assert info.value.total == len(expected.lines)
        return str(info.value)
    with pytest.raises(InputError) as err:
        api.validate(folder)
    if expected.message.startswith("__startswith__"):
        assert str(err.value).startswith(expected.message.removeprefix("__startswith__"))
    else:
        assert str(err.value) == expected.message
    return str(err.value)


@pytest.mark.parametrize("name", list(CASES))
def test_broken_input_is_listed_exactly_and_exits_non_zero(name: str, valid: Path,
                                                           cli: CliRunner) -> None:
    expected = CASES[name](valid)
    text = _check(expected, valid)
    result = cli.invoke(app, ["validate", str(valid)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for line in text.splitlines():
        assert line in result.output
    if isinstance(expected, Problems):
        assert "nothing was stored" in result.output


def test_the_valid_folder_validates_with_the_same_id_in_two_snapshots(valid: Path,
                                                                       cli: CliRunner) -> None:
    rows = orgdata.read_table(valid, "employees")
    by_id: dict[str, set[str]] = {}
    for r in rows[1:]:
        by_id.setdefault(r[1], set()).add(r[0])
    assert any(len(snapshots) > 1 for snapshots in by_id.values())
    summary = api.validate(valid)
    assert summary.rows["employees"] == len(rows) - 1
    assert summary.warnings == ()
    result = cli.invoke(app, ["validate", str(valid)])
    assert result.exit_code == 0, result.output
    assert "valid, nothing stored" in result.output


def test_unknown_extra_column_is_a_warning_not_an_error(valid: Path, cli: CliRunner) -> None:
    orgdata.add_column(valid, "employees", "Lønklasse", "31")
    summary = api.validate(valid)
    assert summary.warnings == ("employees.csv: unknown column 'lønklasse' ignored",)
    result = cli.invoke(app, ["validate", str(valid)])
    assert result.exit_code == 0, result.output
    assert "warning: employees.csv: unknown column 'lønklasse' ignored" in result.output


def test_500_bad_rows_are_one_line_and_hide_no_other_mistake(tmp_path: Path,
                                                             cli: CliRunner) -> None:
    # issue 13: a repeated mistake is one line naming its rows, so the one other mistake
    # (a birth year in the last row) is shown, not hidden behind "… and 450 more"
    extra = [("2025-01-01", f"Z{i:04d}", "?", 1980, "ADM", "Kontor og IT", None, None)
             for i in range(500)]
    extra.append(("2025-01-01", "Z9999", "k", 1850, "ADM", "Kontor og IT", None, None))
    tables = dict(orgdata.ROWS, employees=orgdata.ROWS["employees"] + extra)
    folder = orgdata.write_csv(tmp_path / "data", tables=tables)
    first = len(orgdata.ROWS["employees"]) + 2
    with pytest.raises(ValidationError) as info:
        api.validate(folder)
    err = info.value
    assert err.total == 501
    assert str(err).splitlines() == [
        "501 problems found; nothing was stored.",
        f"employees.csv: gender: unknown gender code; use woman, man or other — 500 rows "
        f"({first}–{first + 499}), e.g. ?",
        f"employees.csv:{first + 500}: birth_year: must be between 1900 and the snapshot's "
        "year (1850)",
    ]
    result = cli.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "more problem" not in result.output
    assert result.output.count("unknown gender code") == 1
    assert "(1850)" in result.output


def test_a_grouped_rule_names_runs_of_rows_and_a_few_values(tmp_path: Path) -> None:
    bad = {3: "x1", 4: "x2", 5: "x1", 6: "x3", 7: "x4", 12: "x5"}  # data rows → gender
    extra = [("2025-01-01", f"Z{i:04d}", bad.get(i, "k"), 1980, "ADM", "Kontor og IT", None,
              None) for i in range(20)]
    tables = dict(orgdata.ROWS, employees=orgdata.ROWS["employees"] + extra)
    folder = orgdata.write_csv(tmp_path / "data", tables=tables)
    first = len(orgdata.ROWS["employees"]) + 2
    with pytest.raises(ValidationError) as info:
        api.validate(folder)
    (problem,) = info.value.problems
    assert (problem.count, problem.row) == (6, first + 3)
    assert problem.rows == f"{first + 3}–{first + 7}, {first + 12}"
    assert problem.value == "x1, x2, x3"  # in the order they first appear, each once
    assert info.value.total == 6


def test_every_rule_is_counted_and_each_is_one_line(tmp_path: Path) -> None:
    extra = [("2025-01-01", f"Z{i:04d}", "?", 1850, "ADM", "Kontor og IT", None, None)
             for i in range(120)]
    tables = dict(orgdata.ROWS, employees=orgdata.ROWS["employees"] + extra)
    folder = orgdata.write_csv(tmp_path / "data", tables=tables)
    with pytest.raises(ValidationError) as info:
        api.validate(folder)
    err = info.value
    assert err.total == 240
    assert [(p.column, p.count) for p in err.problems] == [("birth_year", 120),
                                                           ("gender", 120)]
    assert len(str(err).splitlines()) == 3


def test_a_bad_row_deep_in_a_large_file_is_named_by_its_line(tmp_path: Path) -> None:
    import duckdb

    folder = orgdata.write_csv(tmp_path / "data")
    target = str(folder / "employees.csv").replace("'", "''")
    duckdb.execute(f"""COPY (SELECT DATE '2025-01-01' AS snapshot_date, 'B' || i AS employee_id,
        CASE WHEN i % 2 = 0 THEN 'k' ELSE 'm' END AS gender,
        CASE WHEN i IN (187654, 199998) THEN 1800 ELSE 1960 + i % 40 END AS birth_year,
        'ADM' AS department, 'Kontor og IT' AS agreement, NULL::BIGINT AS manager_level,
        NULL AS employment_type FROM range(200000) t(i)) TO '{target}' (HEADER)""")
    with pytest.raises(ValidationError) as info:
        api.validate(folder)
    assert [str(p) for p in info.value.problems] == [
        f"employees.csv:{i + 2}: birth_year: must be between 1900 and the snapshot's year (1800)"
        for i in (187654, 199998)
    ]


def test_a_bad_cell_in_a_workbook_is_named_by_its_excel_row(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = orgdata.write_xlsx(tmp_path / "data")
    book = folder / "hr-data.xlsx"
    wb = load_workbook(book)
    wb["parental_leave"]["E7"] = -3  # row 7 of the sheet, weeks_taken
    wb["employees"].insert_rows(5, 2)  # two blank rows before the old row 5
    wb["employees"]["C9"] = "q"  # the old row 7
    wb.save(book)
    with pytest.raises(ValidationError) as info:
        api.validate(folder)
    assert [str(p) for p in info.value.problems] == [
        "hr-data.xlsx[employees]:5: agreement: is empty ()",
        "hr-data.xlsx[employees]:5: birth_year: is empty ()",
        "hr-data.xlsx[employees]:5: department: is empty ()",
        "hr-data.xlsx[employees]:5: employee_id: is empty ()",
        "hr-data.xlsx[employees]:5: gender: is empty ()",
        "hr-data.xlsx[employees]:5: snapshot_date: is empty ()",
        "hr-data.xlsx[employees]:6: agreement: is empty ()",
        "hr-data.xlsx[employees]:6: birth_year: is empty ()",
        "hr-data.xlsx[employees]:6: department: is empty ()",
        "hr-data.xlsx[employees]:6: employee_id: is empty ()",
        "hr-data.xlsx[employees]:6: gender: is empty ()",
        "hr-data.xlsx[employees]:6: snapshot_date: is empty ()",
        "hr-data.xlsx[employees]:9: gender: unknown gender code; use woman, man or other (q)",
        "hr-data.xlsx[parental_leave]:7: weeks_taken: must be at least 0 (-3)",
    ]


def test_a_parquet_column_of_the_wrong_type_is_listed(tmp_path: Path) -> None:
    import duckdb

    folder = tmp_path / "data"
    folder.mkdir()
    orgdata.write_config(folder)
    target = str(folder / "employees.parquet").replace("'", "''")
    duckdb.execute(f"""COPY (SELECT DATE '2025-01-01' AS snapshot_date, 'P1' AS employee_id,
        'k' AS gender, 1980.5::DOUBLE AS birth_year, 'ADM' AS department, 'IT' AS agreement,
        NULL::BIGINT AS manager_level, NULL AS employment_type) TO '{target}' (FORMAT parquet)""")
    with pytest.raises(ValidationError) as info:
        api.validate(folder)
    assert [str(p) for p in info.value.problems] == [
        "employees.parquet:1: birth_year: not a whole number (1980.5)"]
