"""Import, ``tables`` and CLI start-up at national scale, each beside its baseline (#15).

Data: ``ligestat synth scale --years 2 --format parquet`` (N employees → 2N employee
rows, 0.06N leave and 0.44N sick-day rows, the population), made once and kept in
``$LIGESTAT_BENCH_DATA`` (default /tmp/bench-data/1m, 10m, …); pay.parquet is left out here
(benchmarks/bench_pay.py measures pay). Every figure is a whole child process (start-up
included), the median of ``--repeat`` runs, with its own peak RSS from ``os.wait4``;
the load average before each size is printed beside it.

Side by side, in the same run:

- **import**: ``ligestat import DATA --workspace WS`` (every contract rule, one
  transaction) against DuckDB loading the same Parquet files into a database file with
  no checks (``CREATE TABLE t AS SELECT * FROM read_parquet(…)``). Goal ≤ 2×, and a
  peak under 1 GB at 10 M employees.
- **tables**: ``ligestat tables --workspace WS --year 2025 --json OUT`` against one
  hand-written DuckDB SQL script computing the same tables from the Parquet files
  (``SCRIPT``; goal ≤ 1.0×) and against pandas as an analyst writes it, reading the
  same data as CSV (``PANDAS``; goal ≥ 10× faster). The scripts' figures are checked
  against ligestat's.
- **start-up**: ``python -m ligestat --help`` and ``ligestat tables --help`` (goal < 0.2 s),
  beside what start-up is spent on (the interpreter, Typer and Rich, pydantic, DuckDB),
  median of 7, wall and CPU seconds (user + system: less sensitive to a loaded machine).

``python benchmarks/bench_foundation.py [--sizes 1000000,10000000] [--repeat 3]
[--skip pandas,script]`` (``--sizes ""``: start-up only)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).parent
TABLES = ("employees", "parental_leave", "child_sick_days", "population")
YEAR = 2025

# python's arguments: what start-up is spent on, then the commands themselves
STARTUP = {
    "python -c pass": ["-c", "pass"],
    "import typer, rich.console": ["-c", "import typer, rich.console"],
    "the same plus typer._adapters (pydantic)":
        ["-c", "import typer, rich.console, typer._adapters"],
    "import duckdb": ["-c", "import duckdb"],
    "import ligestat": ["-c", "import ligestat"],
    "import ligestat.cli": ["-c", "import ligestat.cli"],
    "ligestat --help": ["-m", "ligestat", "--help"],
    "ligestat tables --help": ["-m", "ligestat", "tables", "--help"],
}

LOAD = r"""
import sys, duckdb
con = duckdb.connect(sys.argv[2])
for name in sys.argv[3:]:
    path = f"{sys.argv[1]}/{name}.parquet"
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{path}')")
con.close()
"""

# The same tables as `ligestat tables` (public policy, KK's defaults: ordinary staff of the
# 2024-09-30 snapshot, the 2023 birth cohort, sick days up to 2024), written by hand.
SCRIPT = r"""
import json, sys, duckdb
d = sys.argv[1]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
q = lambda sql: con.execute(sql.replace("@", d)).fetchall()
con.execute(f"CREATE VIEW staff AS SELECT * FROM '{d}/employees.parquet' WHERE snapshot_date "
            "= DATE '2024-09-30' AND coalesce(employment_type, 'ordinary') = 'ordinary'")
out = {}
out["staff_gender"] = q("SELECT gender, count(*) FROM staff GROUP BY ALL ORDER BY ALL")
out["staff_age_gender"] = q(
    "SELECT CASE WHEN a < 20 THEN '<20' WHEN a < 30 THEN '20-29' WHEN a < 40 THEN '30-39' "
    "WHEN a < 50 THEN '40-49' WHEN a < 60 THEN '50-59' ELSE '60+' END, gender, count(*) "
    "FROM (SELECT 2024 - birth_year AS a, gender FROM staff) GROUP BY ALL ORDER BY ALL")
out["agreements_gender"] = q(
    "SELECT agreement, count(*) FILTER (gender = 'woman'), count(*) FILTER (gender = 'man'), "
    "count(*) FROM staff GROUP BY ALL ORDER BY ALL")
for level in (1, 2):
    out[f"managers_level_{level}"] = q(
        f"SELECT coalesce(department, 'total'), count(*) FILTER (gender = 'woman'), "
        f"count(*) FILTER (gender = 'man'), count(*) FROM staff WHERE manager_level = {level} "
        "GROUP BY ROLLUP (department) ORDER BY ALL")
for who, g in (("fathers", "man"), ("mothers", "woman")):
    out[f"{who}_leave"] = q(
        "SELECT coalesce(department, 'total'), count(*), count(*) FILTER (weeks_taken >= 11), "
        "count(*) FILTER (weeks_taken >= 17), count(*) FILTER (weeks_taken >= 24) "
        f"FROM '@/parental_leave.parquet' WHERE gender = '{g}' AND year(child_birth_date) = 2023 "
        "GROUP BY ROLLUP (department) ORDER BY ALL")
out["child_sick_days"] = q(
    "SELECT year, coalesce(department, 'total'), count(*) FILTER (gender = 'woman'), "
    "count(*) FILTER (gender = 'woman' AND days_taken > 0), count(*) FILTER (gender = 'man'), "
    "count(*) FILTER (gender = 'man' AND days_taken > 0) FROM '@/child_sick_days.parquet' "
    "WHERE entitled AND year <= 2024 GROUP BY year, ROLLUP (department) ORDER BY ALL")
print(json.dumps({"staff": sum(r[1] for r in out["staff_gender"]),
                  "fathers": [r for r in out["fathers_leave"] if r[0] == "total"][0][1]}))
"""

# An analyst's pandas: read the CSV files, filter, groupby, the same counts.
PANDAS = r"""
import json, sys, time
import pandas as pd
d = sys.argv[1]
t0 = time.perf_counter()
emp = pd.read_csv(f"{d}/employees.csv")
leave = pd.read_csv(f"{d}/parental_leave.csv")
sick = pd.read_csv(f"{d}/child_sick_days.csv")
t1 = time.perf_counter()
staff = emp[(emp.snapshot_date == "2024-09-30")
          & (emp.employment_type.fillna("ordinary") == "ordinary")]
out = {}
out["staff_gender"] = staff.groupby("gender").size()
ages = pd.cut(2024 - staff.birth_year, [0, 19, 29, 39, 49, 59, 200],
              labels=["<20", "20-29", "30-39", "40-49", "50-59", "60+"])
out["staff_age_gender"] = staff.groupby([ages, "gender"], observed=False).size()
out["agreements_gender"] = staff.groupby(["agreement", "gender"]).size().unstack(fill_value=0)
for level in (1, 2):
    m = staff[staff.manager_level == level]
    per = m.groupby(["department", "gender"]).size().unstack(fill_value=0)
    per.loc["total"] = per.sum()
    out[f"managers_level_{level}"] = per
cohort = leave[pd.to_datetime(leave.child_birth_date).dt.year == 2023]
for who, g in (("fathers", "man"), ("mothers", "woman")):
    x = cohort[cohort.gender == g]
    per = x.groupby("department").agg(n=("weeks_taken", "size"),
                                      ge11=("weeks_taken", lambda w: (w >= 11).sum()),
                                      ge17=("weeks_taken", lambda w: (w >= 17).sum()),
                                      ge24=("weeks_taken", lambda w: (w >= 24).sum()))
    per.loc["total"] = per.sum()
    out[f"{who}_leave"] = per
s = sick[(sick.entitled) & (sick.year <= 2024)].assign(took=lambda f: f.days_taken > 0)
per = s.groupby(["year", "department", "gender"]).agg(entitled=("took", "size"),
                                                      took=("took", "sum")).unstack(fill_value=0)
tot = s.groupby(["year", "gender"]).agg(entitled=("took", "size"),
                                        took=("took", "sum")).unstack(fill_value=0)
out["child_sick_days"] = (per, tot)
t2 = time.perf_counter()
print(json.dumps({"staff": int(out["staff_gender"].sum()),
                  "fathers": int(out["fathers_leave"].loc["total", "n"]),
                  "compute": t2 - t1, "read": t1 - t0}))
"""


def data_folder(n: int) -> Path:
    """The generated data for N employees (made once), without pay."""
    root = Path(os.environ.get("LIGESTAT_BENCH_DATA", "/tmp/bench-data"))
    full = root / f"{n / 1e6:g}m"
    if not (full / "employees.parquet").exists():
        subprocess.run([sys.executable, "-m", "ligestat", "synth", "scale", "--employees",
                        str(n), "--years", "2", "--out", str(full)], check=True,
                       stdout=subprocess.DEVNULL)
    data = root / f"{n / 1e6:g}m-nopay"
    if not data.exists():
        data.mkdir(parents=True)
        for name in TABLES:
            (data / f"{name}.parquet").symlink_to(full / f"{name}.parquet")
        shutil.copy(full / "ligestat.toml", data / "ligestat.toml")
    return data


def csv_folder(data: Path) -> Path:
    """The same data as CSV (for pandas without a Parquet engine), made once."""
    import duckdb

    out = data.parent / f"{data.name}-csv"
    if not (out / "child_sick_days.csv").exists():
        out.mkdir(exist_ok=True)
        con = duckdb.connect()
        for name in TABLES:
            con.execute(f"COPY (SELECT * FROM '{data}/{name}.parquet') TO '{out}/{name}.csv' "
                        "(HEADER)")
        con.close()
    return out


def measured(cmd: Sequence[str], repeat: int, before: Sequence[str] = ()
             ) -> tuple[float, float, str, float]:
    """Median wall time over ``repeat`` runs, the peak RSS of one of them, the output and the
    median CPU time (user + system), via wait4."""
    times, peaks, cpu, out = [], [], [], ""
    for _ in range(repeat):
        if before:
            subprocess.run(list(before), check=True)
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        assert proc.stdout is not None and proc.stderr is not None
        out = proc.stdout.read()
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{' '.join(cmd[:5])} … failed: {err[-2000:]}")
        peaks.append(usage.ru_maxrss / 1024)
        cpu.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(times), max(peaks), out, statistics.median(cpu)


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip", default="")
    args = parser.parse_args(list(argv))
    skip = set(args.skip.split(",")) - {""}
    # start-up as installed: Python may cache compiled modules (a shell may forbid it)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    py = sys.executable
    print(f"machine: {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1024**3:.0f} GB RAM")
    print(f"start-up ({load()}), median of 7, wall | CPU seconds (goal: the commands < 0.2 s)")
    for name, python_args in STARTUP.items():
        wall, _, _, cpu = measured([py, *python_args], 7)
        print(f"  {name:42} {wall:5.3f} | {cpu:5.3f}")
    for n in (int(s) for s in args.sizes.split(",") if s):
        data = data_folder(n)
        repeat = args.repeat if n <= 1_000_000 else 1
        with tempfile.TemporaryDirectory(dir=data.parent) as tmp:
            base = Path(tmp) / "base.duckdb"
            ws = Path(tmp) / "ws.duckdb"
            print(f"\n{n:,} employees ({load()}), median of {repeat}")
            clean = [py, "-c", "import sys, pathlib; [pathlib.Path(p).unlink(missing_ok=True) "
                     "for p in sys.argv[1:]]", str(base), str(ws), f"{ws}.wal", f"{base}.wal"]
            b = measured([py, "-c", LOAD, str(data), str(base), *TABLES], repeat, clean)
            i = measured([py, "-m", "ligestat", "import", str(data), "--workspace", str(ws)],
                         repeat, clean)
            print(f"  import   ligestat {i[0]:7.2f} s {i[1]:6.0f} MB | DuckDB plain load "
                  f"{b[0]:6.2f} s {b[1]:6.0f} MB | ratio {i[0] / b[0]:.2f} (goal <= 2)")
            out = Path(tmp) / "tables.json"
            t = measured([py, "-m", "ligestat", "tables", "--workspace", str(ws), "--year",
                          str(YEAR), "--json", str(out)], repeat)
            doc = json.loads(out.read_text(encoding="utf-8"))["tables"]
            ours = {"staff": sum(r["n"] for r in doc["staff_gender"]),
                    "fathers": doc["fathers_leave"][-1]["n"]}
            line = f"  tables   ligestat {t[0]:7.2f} s {t[1]:6.0f} MB"
            if "script" not in skip:
                s = measured([py, "-c", SCRIPT, str(data)], repeat)
                same = json.loads(s[2]) == ours
                line += (f" | SQL script {s[0]:6.2f} s {s[1]:6.0f} MB | ratio {t[0] / s[0]:.2f} "
                         f"(goal <= 1.0){'' if same else ' FIGURES DIFFER'}")
            print(line)
            if "pandas" not in skip:
                csv = csv_folder(data)
                p = measured([py, "-c", PANDAS, str(csv)], 1 if n > 1_000_000 else repeat)
                res = json.loads(p[2])
                same = {k: res[k] for k in ours} == ours
                print(f"  tables   pandas {p[0]:7.2f} s {p[1]:6.0f} MB (read_csv "
                      f"{res['read']:.2f} s, compute {res['compute']:.2f} s) | ligestat "
                      f"{p[0] / t[0]:.1f}x faster end to end (goal >= 10)"
                      f"{'' if same else ' FIGURES DIFFER'}")


if __name__ == "__main__":
    main(sys.argv[1:])
