"""A small hand-built organisation, and writers for every input format the contract accepts.

``ROWS`` holds each table as typed Python values (dates, ints, floats, text); the writers
render them as UTF-8 CSV, ';'/decimal-comma/Windows-1252 CSV, UTF-8-with-BOM CSV, one
``.xlsx`` workbook and Parquet files. Gender and boolean cells are text aliases (every
alias the contract lists appears); typed formats turn booleans into real booleans.

Loaded by the test folders' conftest files (tests/io, tests/workspace, tests/cli).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

CONFIG = """\
organisation = "Æblerød Kommune"

[departments.ADM]
name = "Administrationen"

[departments."KØF"]
name = "Kultur- og Østerbroforvaltningen"

[departments."SÅF"]
name = "Sundheds- og Ældreforvaltningen"

[departments.BR]
name = "Borgerrepræsentationen"
in_tables = false
"""

DEPARTMENTS = ("ADM", "KØF", "SÅF", "BR")
WOMAN = ("woman", "w", "f", "female", "k", "kvinde", "kvinder")
MAN = ("man", "m", "male", "mand", "mænd")
OTHER = ("other", "x", "andet", "nonbinary", "non-binary")
# Case and blanks must not matter either.
ALIASES = (*WOMAN, *MAN, *OTHER, " Kvinde ", "MAND", "Non-Binary")
AGREEMENTS = ("Pædagoger", "Sundhed og ældre", "Håndværk, øvrige", "Kontor og IT")
TRUE_ALIASES = ("true", "1", "ja", "Ja", "TRUE")
FALSE_ALIASES = ("false", "0", "nej", "NEJ")

COLUMNS: dict[str, tuple[str, ...]] = {
    "employees": ("snapshot_date", "employee_id", "gender", "birth_year", "department",
                  "agreement", "manager_level", "employment_type"),
    "parental_leave": ("employee_id", "gender", "department", "child_birth_date",
                       "weeks_taken"),
    "child_sick_days": ("year", "employee_id", "gender", "department", "entitled",
                        "days_taken"),
    "population": ("date", "area", "gender", "age", "count"),
    "initiatives": ("id", "audience", "focus_area", "department", "title", "status", "period",
                    "cross_cutting", "key_figures"),
    "pay": ("year", "employee_id", "gender", "department", "category", "basic_pay",
            "variable_pay", "hours_paid"),
}
BOOLEAN_COLUMNS = {("child_sick_days", "entitled"), ("initiatives", "cross_cutting")}
DECIMAL_COLUMNS = {("parental_leave", "weeks_taken"), ("child_sick_days", "days_taken"),
                   ("pay", "basic_pay"), ("pay", "variable_pay"), ("pay", "hours_paid")}
SQL_TYPES: dict[str, tuple[str, ...]] = {
    "employees": ("DATE", "VARCHAR", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR", "BIGINT",
                  "VARCHAR"),
    "parental_leave": ("VARCHAR", "VARCHAR", "VARCHAR", "DATE", "DOUBLE"),
    "child_sick_days": ("BIGINT", "VARCHAR", "VARCHAR", "VARCHAR", "BOOLEAN", "DOUBLE"),
    "population": ("DATE", "VARCHAR", "VARCHAR", "BIGINT", "BIGINT"),
    "initiatives": ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR",
                    "VARCHAR", "BOOLEAN", "VARCHAR"),
    "pay": ("BIGINT", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE", "DOUBLE"),
}

Row = tuple[Any, ...]


def _employees() -> list[Row]:
    rows: list[Row] = []
    levels = {0: 1, 1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 2, 9: 2, 12: 1, 13: 2}
    types = {7: "trainee", 8: "flexjob", 11: "extraordinary", 14: "ordinary", 15: "Ordinary"}
    # the 2025 snapshot (used for report year 2025): 44 people, every alias and every unit
    for i in range(44):
        rows.append((
            date(2025, 1, 1), f"E{i:03d}", ALIASES[i % len(ALIASES)], 1958 + (i * 7) % 50,
            DEPARTMENTS[i % 4], AGREEMENTS[(i // 3) % 4], levels.get(i % 16),
            types.get(i % 16),
        ))
    # an older snapshot: the same ids again (allowed across snapshots), different facts
    for i in range(0, 30, 2):
        rows.append((date(2024, 1, 15), f"E{i:03d}", ALIASES[(i + 5) % len(ALIASES)],
                     1960 + i, DEPARTMENTS[(i + 1) % 4], AGREEMENTS[i % 4],
                     2 if i % 6 == 0 else None, None))
    # a snapshot after the cut-off for 2025: ignored by report year 2025
    rows.append((date(2025, 3, 1), "E900", "kvinde", 1990, "ADM", "Kontor og IT", 1, None))
    return rows


def _parental_leave() -> list[Row]:
    weeks = (10.5, 11.0, 10.99, 17.0, 16.75, 24.0, 23.5, 0.0, 31.25, 2.5, 12.0, 52.0)
    rows: list[Row] = []
    for i in range(30):
        born = date(2023, 1 + i % 12, 1 + (i * 3) % 28)  # the 2025 cohort
        rows.append((f"E{i:03d}", ALIASES[(i * 5) % len(ALIASES)], DEPARTMENTS[i % 4], born,
                     weeks[i % len(weeks)]))
    # children outside the cohort
    rows.append(("E001", "mand", "ADM", date(2022, 12, 31), 30.0))
    rows.append(("E002", "kvinde", "KØF", date(2024, 1, 1), 40.5))
    return rows


def _child_sick_days() -> list[Row]:
    rows: list[Row] = []
    days = (0.0, 1.0, 2.5, 0.5, 3.0, 0.0, 7.0)
    for year in (2023, 2024):
        for i in range(24):
            entitled = (TRUE_ALIASES + FALSE_ALIASES)[(i + year) % 9]
            rows.append((year, f"E{i:03d}", ALIASES[(i * 3 + year) % len(ALIASES)],
                         DEPARTMENTS[(i + year) % 4], entitled, days[i % len(days)]))
    return rows


def _population() -> list[Row]:
    rows: list[Row] = []
    for d in (date(2024, 1, 1), date(2025, 1, 1)):
        for age in (0, 1, 17, 45, 99, 125):
            for g in ("k", "m"):
                rows.append((d, "Æblerød", g, age, 100 + age * 3 + (d.year - 2024) * 7))
    return rows


def _initiatives() -> list[Row]:
    return [
        ("1", "staff", "Ligeløn", "ADM", 'Lønanalyse; "køn", alder og anciennitet', "ongoing",
         "2024–2026", "ja", "3 analyser, 1.200 ansatte"),
        ("2", "citizens", "Sundhed", "SÅF", "Mænds sundhed i ældreplejen", "planned",
         None, "nej", None),
        ("3", "staff", "Rekruttering", "KØF", "Kønsneutrale jobopslag", "completed", "2023",
         "1", "Alle opslag gennemgået"),
        ("4", "citizens", "Kultur", "BR", "Åbne biblioteker, ø-kommunerne", "paused", "2025",
         None, ""),
    ]


def _pay() -> list[Row]:
    """Two pay years; categories with ties, part time, a minority with variable pay."""
    categories = ("Pædagoger", "Sygeplejersker", "Kontor og IT")
    basics = (312_000.0, 312_000.0, 298_450.5, 401_000.0, 355_120.75)
    hours = (1924.0, 1443.0, 962.5, 1924.0)
    rows: list[Row] = []
    for year in (2023, 2024):
        for i in range(40):
            rows.append((year, f"E{i:03d}", ALIASES[(i * 7 + year) % len(ALIASES)],
                         DEPARTMENTS[i % 4], categories[i % 3], basics[i % 5] + year - 2023,
                         12_500.25 if i % 4 == 0 else 0.0, hours[i % 4]))
    return rows


ROWS: dict[str, list[Row]] = {
    "employees": _employees(),
    "parental_leave": _parental_leave(),
    "child_sick_days": _child_sick_days(),
    "population": _population(),
    "initiatives": _initiatives(),
    "pay": _pay(),
}


def expected_staff_2025() -> dict[str, int]:
    """Ordinary staff of the 2025-01-01 snapshot by normalised gender, counted by hand."""
    counts = {"woman": 0, "man": 0, "other": 0}
    for r in ROWS["employees"]:
        if r[0] != date(2025, 1, 1) or (r[7] or "ordinary").lower() != "ordinary":
            continue
        g = r[2].strip().lower()
        counts["woman" if g in WOMAN else "man" if g in MAN else "other"] += 1
    return counts


# -- rendering ---------------------------------------------------------------------------


def _text(value: Any, decimal_comma: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        s = repr(value)
        return s.replace(".", ",") if decimal_comma else s
    return str(value)


def _bool(alias: Any) -> bool | None:
    if alias is None or alias == "":
        return None
    return str(alias).strip().lower() in ("true", "1", "ja")


def write_config(folder: Path, text: str = CONFIG) -> None:
    (folder / "ligestat.toml").write_text(text, encoding="utf-8")


def write_csv(folder: Path, *, delimiter: str = ",", encoding: str = "utf-8",
              decimal_comma: bool = False, crlf: bool = False,
              tables: dict[str, list[Row]] | None = None) -> Path:
    """Every table as a CSV file in ``folder`` (created), with the config."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (tables or ROWS).items():
        with (folder / f"{name}.csv").open("w", encoding=encoding, newline="") as f:
            w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
            w.writerow(COLUMNS[name])
            for row in rows:
                w.writerow([_text(v, decimal_comma) for v in row])
    write_config(folder)
    return folder


def write_xlsx(folder: Path) -> Path:
    """One workbook, a sheet per table: real Excel dates in employees and population,
    text dates in parental_leave; numbers as numbers, booleans as booleans."""
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in ROWS.items():
        ws = wb.create_sheet(name)
        ws.append(list(COLUMNS[name]))
        for row in rows:
            cells: list[Any] = []
            for col, v in zip(COLUMNS[name], row, strict=True):
                if (name, col) in BOOLEAN_COLUMNS:
                    cells.append(_bool(v))
                elif isinstance(v, date) and name == "parental_leave":
                    cells.append(v.isoformat())  # text dates in this sheet
                elif isinstance(v, date):
                    cells.append(datetime(v.year, v.month, v.day))
                else:
                    cells.append(v)
            ws.append(cells)
    wb.save(folder / "hr-data.xlsx")
    write_config(folder)
    return folder


def write_parquet(folder: Path) -> Path:
    """Every table as a Parquet file with typed columns (DATE, BIGINT, DOUBLE, BOOLEAN)."""
    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        for name, rows in ROWS.items():
            cols = ", ".join(f'"{c}" {t}' for c, t in zip(COLUMNS[name], SQL_TYPES[name],
                                                           strict=True))
            con.execute(f"CREATE TABLE {name} ({cols})")
            values = [[_bool(v) if (name, c) in BOOLEAN_COLUMNS else v
                       for c, v in zip(COLUMNS[name], row, strict=True)] for row in rows]
            marks = ", ".join("?" for _ in COLUMNS[name])
            con.executemany(f"INSERT INTO {name} VALUES ({marks})", values)
            target = str(folder / f"{name}.parquet").replace("'", "''")
            con.execute(f"COPY {name} TO '{target}' (FORMAT parquet)")
    finally:
        con.close()
    write_config(folder)
    return folder


FORMATS: dict[str, Callable[[Path], Path]] = {
    "csv-utf8-comma": lambda p: write_csv(p),
    "csv-cp1252-semicolon-decimal-comma": lambda p: write_csv(
        p, delimiter=";", encoding="cp1252", decimal_comma=True, crlf=True),
    "csv-utf8-bom": lambda p: write_csv(p, encoding="utf-8-sig"),
    "xlsx": write_xlsx,
    "parquet": write_parquet,
}


def table_contents(con: Any, table: str) -> list[tuple[Any, ...]]:
    """A stored table's contents (the fixture's columns), in a canonical order."""
    cols = ", ".join(f'"{c}"' for c in COLUMNS[table])
    return [tuple(r) for r in con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall()]


def all_contents(con: Any) -> dict[str, list[tuple[Any, ...]]]:
    return {name: table_contents(con, name) for name in COLUMNS}


# -- editing a written UTF-8, ',' CSV folder -------------------------------------------------


def read_table(folder: Path, table: str) -> list[list[str]]:
    """A written CSV table as rows of cells, the header first."""
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return [list(r) for r in csv.reader(f)]


def write_table(folder: Path, table: str, rows: list[list[str]]) -> None:
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(folder: Path, table: str, index: int, column: str, value: str) -> int:
    """Set one cell of data row ``index`` (0-based); returns its line in the file."""
    rows = read_table(folder, table)
    rows[index + 1][rows[0].index(column)] = value
    write_table(folder, table, rows)
    return index + 2


def drop_column(folder: Path, table: str, column: str) -> None:
    rows = read_table(folder, table)
    i = rows[0].index(column)
    write_table(folder, table, [r[:i] + r[i + 1:] for r in rows])


def add_column(folder: Path, table: str, column: str, value: str) -> None:
    rows = read_table(folder, table)
    write_table(folder, table, [[*rows[0], column]] + [[*r, value] for r in rows[1:]])
