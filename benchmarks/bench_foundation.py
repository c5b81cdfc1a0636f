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
          "ws = load(workspace=sys.argv[1]); json.dumps(compute_tables(ws, max(ws.years())))")


def generate(folder: Path, n: int) -> None:
    """One yearly snapshot of realistic contract-shaped CSV data (``ligestat synth scale``)."""
    from ligestat.synth import ScaleSpec, generate_scale

    generate_scale(folder, ScaleSpec(employees=n, years=1, format="csv"))


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
    for path in sorted(folder.glob("*.csv")):
        con.execute(f"CREATE OR REPLACE TABLE {path.stem} AS SELECT * FROM "
                    f"read_csv_auto('{path}')")
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
