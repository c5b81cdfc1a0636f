"""Typed Parquet is validated and stored without a text copy (#15), with exactly the problems
and stored values the same rows give as CSV: a typed cell is read as it is when a guard
shows it passes every rule, and judged by the contract's text rules on its text otherwise."""

from __future__ import annotations

import math
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import orgdata
import pytest

from ligestat import api
from ligestat.errors import ConfigError, Problem, ValidationError, WorkspaceError
from ligestat.workspace import Workspace

# (table, columns with DuckDB types, rows): typed values, as a Parquet export holds them
EMPLOYEES = ("snapshot_date DATE, employee_id VARCHAR, gender VARCHAR, birth_year BIGINT, "
             "department VARCHAR, agreement VARCHAR, manager_level BIGINT, "
             "employment_type VARCHAR")
GOOD_EMPLOYEES: list[tuple[Any, ...]] = [
    ("2025-01-01", "E1", "kvinde", 1980, "ADM", "Kontor og IT", None, None),
    ("2025-01-01", " E2 ", " Kvinde ", 1990, " ADM ", " Pædagoger ", 1, "Trainee"),
    ("2025-01-01", "E3", "man", 2000, "KØF", "Kontor og IT", 2, "ordinary"),
    ("2025-01-01", "E4", "other", 1960, "SÅF", "Kontor og IT", 20, "flexjob"),
    ("2024-01-15", "E1", "M", 1900, "BR", "Kontor og IT", None, ""),
]
BAD_EMPLOYEES: list[tuple[Any, ...]] = [
    ("1850-01-01", "B1", "kvinde", 1840, "ADM", "IT", None, None),  # year out of range
    ("2025-01-01", "B2", "q", 2030, "XYZ", "IT", 0, "boss"),  # gender, year, unit, level
    ("2025-01-01", "", "mand", None, "ADM", "IT\x01", 25, None),  # id, year empty, control
    *[("2025-01-01", "D1", "kvinde", 1980, "ADM", "IT", None, None)] * 5,  # grouped dups
    *[("2025-01-01", "D2", "kvinde", 1980, "ADM", "IT", None, None)] * 2,
    (None, "B3", None, 1980, None, None, None, None),  # empty date, gender, unit, agreement
]
LEAVE = ("employee_id VARCHAR, gender VARCHAR, department VARCHAR, child_birth_date DATE, "
         "weeks_taken DOUBLE")
BAD_LEAVE: list[tuple[Any, ...]] = [
    ("L1", "mand", "ADM", "2023-05-01", -3.0),
    ("L2", "mand", "ADM", "2023-05-01", 1e-05),  # prints as 1e-05: not a number
    ("L3", "mand", "ADM", "2023-05-01", 1e16),  # prints as 1e+16
    ("L4", "mand", "ADM", "2023-05-01", 250.0),
    ("L5", "mand", "ADM", "2023-05-01", math.nan),
    ("L6", "mand", "ADM", "2023-05-01", None),
    ("L7", "mand", "ADM", "2023-05-01", -0.0),
    ("L8", "mand", "ADM", "2023-05-01", 0.1),
]
SICK = ("year BIGINT, employee_id VARCHAR, gender VARCHAR, department VARCHAR, "
        "entitled BOOLEAN, days_taken DOUBLE")
BAD_SICK: list[tuple[Any, ...]] = [
    (2024, "S1", "k", "ADM", None, 1.0),
    (2024, "S2", "k", "ADM", True, 400.0),
    (1850, "S3", "k", "ADM", False, 0.0),
]
POPULATION = "date DATE, area VARCHAR, gender VARCHAR, age BIGINT, count BIGINT"
BAD_POPULATION: list[tuple[Any, ...]] = [("2025-01-01", "X", "k", 130, -1)]


def _write(folder: Path, tables: dict[str, tuple[str, list[tuple[Any, ...]]]]) -> None:
    """Each table as typed Parquet in ``folder/parquet`` and as DuckDB's CSV of the same
    rows in ``folder/csv``."""
    import duckdb

    con = duckdb.connect()
    for kind in ("parquet", "csv"):
        (folder / kind).mkdir(parents=True, exist_ok=True)
        orgdata.write_config(folder / kind)
    for name, (columns, rows) in tables.items():
        con.execute(f"CREATE TABLE {name} ({columns})")
        marks = ", ".join("?" for _ in columns.split(","))
        con.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
        con.execute(f"COPY {name} TO '{folder}/parquet/{name}.parquet' (FORMAT parquet)")
        con.execute(f"COPY {name} TO '{folder}/csv/{name}.csv' (HEADER)")
    con.close()


def _problems(folder: Path) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        api.validate(folder)
    return list(info.value.problems)


def _as_csv(problem: Problem) -> Problem:
    """A Parquet problem as the same rows' CSV problem: the CSV's header is row 1."""
    return replace(problem, file=problem.file.replace(".parquet", ".csv"), row=problem.row + 1,
                   rows=re.sub(r"\d+", lambda m: str(int(m.group()) + 1), problem.rows))


def test_bad_typed_rows_give_the_problems_their_csv_gives(tmp_path: Path) -> None:
    _write(tmp_path, {"employees": (EMPLOYEES, GOOD_EMPLOYEES + BAD_EMPLOYEES),
                      "parental_leave": (LEAVE, BAD_LEAVE),
                      "child_sick_days": (SICK, BAD_SICK),
                      "population": (POPULATION, BAD_POPULATION)})
    problems = _problems(tmp_path / "parquet")
    assert [_as_csv(p) for p in problems] == _problems(tmp_path / "csv")
    from_parquet = [str(p) for p in problems]
    # the rules' own messages, worked out from the rows above (row = position + 1)
    for expected in (
        "employees.parquet:6: snapshot_date: year must be between 1900 and 2200 (1850-01-01)",
        "employees.parquet:6: birth_year: must be between 1900 and the snapshot's year (1840)",
        "employees.parquet:7: birth_year: must be between 1900 and the snapshot's year (2030)",
        "employees.parquet:7: manager_level: must be at least 1 (0)",
        "employees.parquet:8: manager_level: must be at most 20 (25)",
        "employees.parquet:8: birth_year: is empty ()",
        "parental_leave.parquet:2: weeks_taken: not a number (1e-05)",
        "parental_leave.parquet:3: weeks_taken: not a number (1e+16)",
        "parental_leave.parquet:5: weeks_taken: not a number (nan)",
        "child_sick_days.parquet:2: days_taken: must be at most 366 (400.0)",
        "population.parquet:1: count: must be at least 0 (-1)",
    ):
        assert expected in from_parquet
    assert ("employees.parquet: employee_id: duplicate employee_id for the same snapshot_date "
            "— 5 rows (10–13, 15), e.g. D1, D2") in from_parquet
    assert not any(":7: weeks_taken" in p or ":8: weeks_taken" in p for p in from_parquet)


def test_typed_rows_are_stored_as_their_csv_is(tmp_path: Path) -> None:
    leave = [("L1", "mand", "ADM", "2023-05-01", w) for w in
             (0.0, -0.0, 0.1, 10.99, 17.0, 123.456789, 1e-4, 199.99999999999997)]
    sick = [(2024, f"S{i}", g, "KØF", e, d) for i, (g, e, d) in
            enumerate([("k", True, 0.5), ("M", False, 0.0), ("x", True, 365.25)])]
    _write(tmp_path, {"employees": (EMPLOYEES, GOOD_EMPLOYEES),
                      "parental_leave": (LEAVE, leave), "child_sick_days": (SICK, sick)})
    stored = {}
    for kind in ("parquet", "csv"):
        with Workspace.open(tmp_path / f"{kind}.duckdb") as ws:
            ws.import_data(tmp_path / kind)
            stored[kind] = orgdata.all_contents(ws.con)
    assert stored["parquet"] == stored["csv"]
    employees = stored["parquet"]["employees"]
    assert ("E2", "woman", 1990, "ADM", "Pædagoger", 1, "trainee") in [r[1:] for r in employees]
    assert [r[-1] for r in employees].count("ordinary") == 3  # NULL, '' and 'ordinary'


def test_a_parquet_file_changed_during_the_import_stores_nothing(tmp_path: Path) -> None:
    folder = orgdata.write_parquet(tmp_path / "data")
    with Workspace.open(tmp_path / "w.duckdb") as ws:
        ws.import_data(orgdata.write_csv(tmp_path / "first"))
        before = orgdata.all_contents(ws.con)

        def touch(step: str, done: int, total: int) -> None:
            if step.startswith("storing employees"):  # the view reads the file again
                path = folder / "population.parquet"
                os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))

        with pytest.raises(WorkspaceError, match=r"population.parquet: the file changed while "
                                                 r"it was being imported; nothing was stored"):
            ws.import_data(folder, progress=touch)
        assert orgdata.all_contents(ws.con) == before


def test_the_memory_limit_is_duckdbs_and_spills_to_a_private_folder_removed_on_close(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIGESTAT_MEMORY_BYTES", str(300 * 1024 * 1024))
    ws = Workspace.open(None)
    limit, spill = ws.con.execute("SELECT current_setting('memory_limit'), "
                                  "current_setting('temp_directory')").fetchone()
    assert limit == "300.0 MiB"
    assert Path(spill).is_dir() and Path(spill).stat().st_mode & 0o777 == 0o700
    ws.close()
    assert not Path(spill).exists()


def test_a_memory_limit_that_is_not_a_number_is_a_config_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIGESTAT_MEMORY_BYTES", "lots")
    with pytest.raises(ConfigError, match="LIGESTAT_MEMORY_BYTES='lots': must be a positive"):
        Workspace.open(None)


def test_an_import_larger_than_the_memory_limit_spills_and_succeeds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    folder = tmp_path / "big"
    folder.mkdir()
    orgdata.write_config(folder)
    duckdb.execute(f"""COPY (SELECT DATE '2025-01-01' AS snapshot_date, 'E' || i AS employee_id,
        'kvinde' AS gender, 1980 AS birth_year, 'ADM' AS department,
        repeat('x', 60) || i AS agreement FROM range(600000) t(i))
        TO '{folder}/employees.parquet' (FORMAT parquet)""")
    monkeypatch.setenv("LIGESTAT_MEMORY_BYTES", str(64 * 1024 * 1024))  # < the key hash table
    with Workspace.open(tmp_path / "w.duckdb") as ws:
        summary = ws.import_data(folder)
        assert summary.rows["employees"] == 600_000
        assert ws.con.execute("SELECT count(DISTINCT employee_id) FROM employees").fetchone() \
            == (600_000,)


def test_an_id_of_a_no_break_space_is_empty(tmp_path: Path) -> None:
    """trim() removes U+00A0 as it removes a blank: such an id is empty, in Parquet and CSV."""
    rows = [("2025-01-01", "E1", "kvinde", 1980, "ADM", "IT", None, None),
            ("2025-01-01", "\u00a0", "kvinde", 1980, "ADM", "IT", None, None)]
    _write(tmp_path, {"employees": (EMPLOYEES, rows)})
    assert [str(p) for p in _problems(tmp_path / "parquet")] == [
        "employees.parquet:2: employee_id: is empty (\u00a0)"]
    assert [str(p) for p in _problems(tmp_path / "csv")] == [
        "employees.csv:3: employee_id: is empty (\u00a0)"]


def test_a_text_of_many_values_is_judged_row_by_row(tmp_path: Path) -> None:
    """An agreement unique to each row (more values than are judged one by one): its
    control character is still found, on its row."""
    rows = [("2025-01-01", f"E{i}", "kvinde", 1980, "ADM", f"Aftale {i}", None, None)
            for i in range(1, 2001)]
    rows[1499] = (*rows[1499][:5], "Aftale\x011500", None, None)
    _write(tmp_path, {"employees": (EMPLOYEES, rows)})
    assert [str(p) for p in _problems(tmp_path / "parquet")] == [
        "employees.parquet:1500: agreement: holds a control character (shown as \\xNN); "
        "remove it (Aftale\\x011500)"]
