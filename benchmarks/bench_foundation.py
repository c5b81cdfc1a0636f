"""Import and tables on generated contract-shaped data of growing size.

Baseline, run side by side: DuckDB loading the same CSV files with its own
type-sniffing reader and nothing else (``CREATE TABLE AS SELECT * FROM
read_csv_auto``) — the floor for getting the bytes into the database. ligestat's
import adds dialect detection, staging as text, every contract rule, and the typed
insert in one transaction; its time is reported as a ratio to that floor.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

SIZES = (100_000, 1_000_000)
IMPORT = ("import sys; from ligestat.workspace import Workspace; "
          "Workspace.open(sys.argv[2]).import_data(sys.argv[1])")
TABLES = ("import sys, json; from ligestat.api import load, compute_tables; "
          "json.dumps(compute_tables(load(workspace=sys.argv[1]), 2025))")


def generate(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ligestat.toml").write_text(
        'organisation = "Bench"\n' + "".join(f"[departments.D{i}]\nname = \"D{i}\"\n"
                                            for i in range(7)), encoding="utf-8")
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT DATE '2024-09-30' AS snapshot_date, 'e' || i AS employee_id,
        CASE WHEN i % 10 < 7 THEN 'woman' ELSE 'man' END AS gender,
        1960 + i % 45 AS birth_year, 'D' || (i % 7) AS department, 'A' || (i % 40) AS agreement,
        CASE WHEN i % 100 = 0 THEN 2 WHEN i % 1000 = 1 THEN 1 END AS manager_level,
        '' AS employment_type FROM range({n}) t(i)) TO '{folder / 'employees.csv'}' (HEADER)""")
    con.execute(f"""COPY (SELECT 'e' || i AS employee_id,
        CASE WHEN i % 2 = 0 THEN 'man' ELSE 'woman' END AS gender, 'D' || (i % 7) AS department,
        DATE '2023-01-01' + CAST(i % 365 AS INTEGER) AS child_birth_date,
        (i % 300) / 10.0 AS weeks_taken FROM range({n // 20}) t(i))
        TO '{folder / 'parental_leave.csv'}' (HEADER)""")
    con.execute(f"""COPY (SELECT 2024 AS year, 'e' || i AS employee_id,
        CASE WHEN i % 10 < 7 THEN 'woman' ELSE 'man' END AS gender, 'D' || (i % 7) AS department,
        i % 3 <> 0 AS entitled, i % 5 AS days_taken FROM range({n // 3}) t(i))
        TO '{folder / 'child_sick_days.csv'}' (HEADER)""")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of a child process."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return took, peak


def baseline(folder: Path) -> float:
    con = duckdb.connect(str(folder / "baseline.duckdb"))
    start = time.perf_counter()
    for name in ("employees", "parental_leave", "child_sick_days"):
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM "
                    f"read_csv_auto('{folder / (name + '.csv')}')")
    took = time.perf_counter() - start
    con.close()
    return took


def main() -> None:
    print(f"{'employees':>10} {'baseline s':>10} {'import s':>9} {'ratio':>6} "
          f"{'tables s':>9} {'peak MB':>8}")
    for n in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "data"
            generate(folder, n)
            base = baseline(folder)
            ws = Path(tmp) / "ws.duckdb"
            imp, peak = timed([sys.executable, "-c", IMPORT, str(folder), str(ws)])
            tab, _ = timed([sys.executable, "-c", TABLES, str(ws)])
            print(f"{n:>10,} {base:>10.2f} {imp:>9.2f} {imp / base:>6.1f} {tab:>9.2f} "
                  f"{peak:>8.0f}")


if __name__ == "__main__":
    main()
