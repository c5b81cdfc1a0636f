"""Pay tables (pay_gap, pay_quartiles, pay_categories) at 1 M and 10 M workers.

Baseline, run side by side on the same CSV file: the same figures computed by a
pandas script written as an analyst would (read_csv, groupby, median, the quartile
tie rule with a groupby over equal pay). Both run in child processes; each reports
its compute time (data already in memory / in the workspace file) and peak memory
(the child's maximum RSS); pandas' end-to-end time includes read_csv, ligestat's
import (every contract rule, one transaction, into a workspace file) is a separate
child with its own time and peak. The figures are checked to agree.

``python benchmarks/bench_pay.py [--distinct] [N …]`` (default 1 000 000 and 10 000 000).
``--distinct`` gives every worker a basic pay of their own (a few øre apart): pay without
ties, as where salaries are set person by person rather than on scales.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (1_000_000, 10_000_000)

IMPORT = r"""
import sys
from ligestat.workspace import Workspace
with Workspace.open(sys.argv[1] + "/ws.duckdb") as ws:
    ws.import_data(sys.argv[1] + "/data")
print("{}")
"""

LIGESTAT = r"""
import json, sys, time
from ligestat.api import load
from ligestat.indicators import compute
from ligestat.settings import load_builtins
load_builtins()  # every module imported before the clock starts, as pandas' are
ws = load(workspace=sys.argv[1] + "/ws.duckdb")
t1 = time.perf_counter()
tables = compute(ws, 2025, ["pay_gap", "pay_quartiles", "pay_categories"])
t2 = time.perf_counter()
print(json.dumps({"compute": t2 - t1, "tables": tables}))
"""

PANDAS = r"""
import json, sys, time
import numpy as np
import pandas as pd
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
t1 = time.perf_counter()
df = df[df["year"] == 2024]
df["annual"] = df["basic_pay"] + df["variable_pay"]
df["hourly"] = df["annual"] / df["hours_paid"]
df["variable_hourly"] = df["variable_pay"] / df["hours_paid"]
out = {"pay_gap": [], "pay_quartiles": [], "pay_categories": []}
for basis, x, v in (("hourly", "hourly", "variable_hourly"), ("annual", "annual", "variable_pay")):
    g = df.groupby("gender")
    mean, median = g[x].mean(), g[x].median()
    recv = df[df[v] > 0].groupby("gender")[v]
    vmean, vmed, vn = recv.mean(), recv.median(), recv.size()
    n = g.size()
    out["pay_gap"].append({
        "basis": basis, "women_n": int(n.get("woman", 0)), "men_n": int(n.get("man", 0)),
        "mean_gap": (mean["man"] - mean["woman"]) / mean["man"],
        "median_gap": (median["man"] - median["woman"]) / median["man"],
        "women_variable_share": vn.get("woman", 0) / n["woman"],
        "variable_mean_gap": (vmean["man"] - vmean["woman"]) / vmean["man"],
        "variable_median_gap": (vmed["man"] - vmed["woman"]) / vmed["man"]})
    ties = df.groupby(x)["gender"].value_counts().unstack(fill_value=0).sort_index()
    c = ties.sum(axis=1).to_numpy()
    start = np.cumsum(c) - c
    total = c.sum()
    for q in range(1, 5):
        ov = np.clip(np.minimum(4 * (start + c), q * total)
                     - np.maximum(4 * start, (q - 1) * total), 0, None)
        women = float((ov * ties["woman"].to_numpy() / (4 * c)).sum())
        out["pay_quartiles"].append({"basis": basis, "quartile": q, "women": women,
                                     "women_share": 4 * women / total})
df["basic_hourly"] = df["basic_pay"] / df["hours_paid"]
cols = ["basic_pay", "variable_pay", "annual", "basic_hourly", "variable_hourly", "hourly"]
cat = df[df["gender"] != "other"].groupby(["category", "gender"])[cols].mean().unstack()
gap = (cat["hourly"]["man"] - cat["hourly"]["woman"]) / cat["hourly"]["man"]
for name in sorted(cat.index):
    out["pay_categories"].append({"category": name, "total_hourly_gap": float(gap[name]),
                                  "assessment_required": bool(abs(gap[name]) >= 0.05)})
t2 = time.perf_counter()
print(json.dumps({"compute": t2 - t1, "total": t2 - t0, "tables": out}, default=float))
"""


def run(code: str, arg: str) -> tuple[dict[str, object], float, float]:
    """Result, wall time and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, arg], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not all children's
    proc.returncode = os.waitstatus_to_exitcode(status)
    took = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"child failed ({proc.returncode})")
    # the result is the last JSON object printed (DuckDB may draw a progress bar before it)
    start_at = out.rfind('{"compute"')
    return json.loads(out[start_at:] if start_at >= 0 else "{}"), took, usage.ru_maxrss / 1024


def agree(ours: dict[str, list[dict[str, object]]],
          theirs: dict[str, list[dict[str, object]]]) -> bool:
    """Every figure the pandas script computes equals ligestat's (to 1e-9 relative)."""
    for table, rows in theirs.items():
        for mine, other in zip(ours[table], rows, strict=True):
            for key, value in other.items():
                a = mine[key]
                if isinstance(value, float) and isinstance(a, float):
                    if abs(a - value) > 1e-9 * max(1.0, abs(value)):
                        return False
                elif a != value:
                    return False
    return True


def _distinct(path: Path) -> None:
    """Every row's basic pay made its own: + its row number in øre."""
    import duckdb

    con = duckdb.connect()
    tmp = path.with_suffix(".tmp.csv")
    con.execute(f"COPY (SELECT * REPLACE (round(basic_pay + 0.01 * row_number() OVER (), 2) "
                f"AS basic_pay) FROM read_csv('{path}')) TO '{tmp}' (HEADER)")
    con.close()
    tmp.replace(path)


def main() -> None:
    from ligestat.synth import ScaleSpec, generate_scale

    args = sys.argv[1:]
    distinct = "--distinct" in args
    sizes = [int(a) for a in args if a != "--distinct"] or list(SIZES)
    if distinct:
        print("pay without ties: every basic pay distinct")
    print(f"{'workers':>11} {'pandas s':>9} {'ligestat s':>10} {'ratio':>6} {'peak MB':>8} "
          f"{'pandas e2e':>10} {'pandas MB':>9} {'import s':>9} {'import MB':>9} {'same':>5}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "data"
            generate_scale(folder, ScaleSpec(employees=n, years=1, format="csv"),
                           only=("pay",))
            if distinct:
                _distinct(folder / "pay.csv")
            # the pay tables need no staff: one employee keeps the folder contract-valid
            (folder / "employees.csv").write_text(
                "snapshot_date,employee_id,gender,birth_year,department,agreement\n"
                "2024-09-30,E1,woman,1980,D01,Lærere\n", encoding="utf-8")
            _, imported, import_peak = run(IMPORT, tmp)
            mine, _, peak = run(LIGESTAT, tmp)
            theirs, _, pandas_peak = run(PANDAS, str(folder / "pay.csv"))
            ratio = float(theirs["compute"]) / float(mine["compute"])  # type: ignore[arg-type]
            same = agree(mine["tables"], theirs["tables"])  # type: ignore[arg-type]
            print(f"{n:>11,} {theirs['compute']:>9.2f} {mine['compute']:>10.2f} {ratio:>6.1f} "
                  f"{peak:>8.0f} {theirs['total']:>10.2f} {pandas_peak:>9.0f} {imported:>9.1f} "
                  f"{import_peak:>9.0f} {'yes' if same else 'NO':>5}", flush=True)


if __name__ == "__main__":
    main()
