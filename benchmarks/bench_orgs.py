"""Many organisations at once: ``tables`` for 100 organisations against one organisation
holding the same rows (issue 15; goal: within 2×).

``synth scale --employees N --organisations 100`` writes the data set (Parquet, an
``organisation`` column, 100 organisations of skewed sizes, every fourth without
departments, pay included); the baseline is the same files without the organisation
column and the single-organisation config of ``synth scale``. Both are imported into a
workspace once; then ``ligestat tables --workspace W --year 2025 --json FILE`` (the
indicators, disclosure, the JSON) is timed as a whole process, the two alternating,
median of ``REPEAT`` runs each, wall time and CPU time (user + system of the process:
steadier than wall time on a shared machine). ``--folder`` also times ``tables`` from
the data folders (reading and every contract rule included).

``python benchmarks/bench_orgs.py [--folder] [N …]`` (default 1 000 000 and 10 000 000
employees in total per snapshot, 3 snapshots). Data is kept in
``$LIGESTAT_BENCH_DATA/orgs-N`` (default /tmp/bench-data) for the next run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SIZES = (1_000_000, 10_000_000)
ORGANISATIONS = 100
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
ROOT = Path(__file__).resolve().parents[1]
LIGESTAT = [sys.executable, "-m", "ligestat"]
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))


def _run(*args: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ligestat process."""
    start = time.perf_counter()
    proc = subprocess.Popen([*LIGESTAT, *args], env=ENV, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"ligestat {' '.join(args)} failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def _single(many: Path, single: Path) -> None:
    """The same rows as one organisation: the organisation column dropped."""
    import duckdb

    from ligestat.synth.scale import scale_config

    single.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    for f in many.glob("*.parquet"):
        con.execute(f"COPY (SELECT * EXCLUDE (organisation) REPLACE (CASE WHEN department = '' "
                    f"THEN 'OTHER' ELSE department END AS department) FROM '{f}') "
                    f"TO '{single / f.name}' (FORMAT parquet, COMPRESSION zstd)")
    con.close()
    (single / "ligestat.toml").write_text(scale_config(), encoding="utf-8")


def _data(n: int) -> Path:
    """The two data sets and their workspaces for N employees, made once."""
    root = Path(os.environ.get("LIGESTAT_BENCH_DATA", "/tmp/bench-data")) / f"orgs-{n}"
    many, single = root / "many", root / "single"
    if not (many / "employees.parquet").exists():
        subprocess.run([*LIGESTAT, "synth", "scale", "--employees", str(n), "--organisations",
                        str(ORGANISATIONS), "--out", str(many)], check=True, env=ENV,
                       stdout=subprocess.DEVNULL)
    if not (single / "employees.parquet").exists():
        _single(many, single)
    for folder in (many, single):
        ws = root / f"{folder.name}.duckdb"
        if not ws.exists():
            subprocess.run([*LIGESTAT, "import", str(folder), "--workspace", str(ws)],
                           check=True, env=ENV, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    return root


def bench(n: int, folder: bool) -> dict[str, tuple[float, float]]:
    root = _data(n)
    out = root / "t.json"
    sources: dict[str, Callable[[str], tuple[str, ...]]] = {
        "workspace": lambda name: ("--workspace", str(root / f"{name}.duckdb"))}
    if folder:
        sources["folder"] = lambda name: (str(root / name),)
    result: dict[str, tuple[float, float]] = {}
    for source, args in sources.items():
        runs: dict[str, list[tuple[float, float]]] = {"many": [], "single": []}
        for _ in range(REPEAT):  # alternating, so both see the same load
            for name in ("many", "single"):
                runs[name].append(_run("tables", *args(name), "--year", "2025", "--json",
                                       str(out)))
        for name, got in runs.items():
            result[f"{name}_{source}"] = (statistics.median(w for w, _ in got),
                                          statistics.median(c for _, c in got))
    return result


def main() -> None:
    args = sys.argv[1:]
    folder = "--folder" in args
    sizes = [int(a) for a in args if a != "--folder"] or list(SIZES)
    print(f"load average {os.getloadavg()[0]:.1f}, median of {REPEAT}")
    print(f"| employees | source | {ORGANISATIONS} organisations wall / CPU | one organisation "
          "wall / CPU | ratio wall / CPU |")
    print("|---|---|---|---|---|")
    for n in sizes:
        r = bench(n, folder)
        for source in ("workspace", "folder"):
            if f"many_{source}" not in r:
                continue
            (mw, mc), (sw, sc) = r[f"many_{source}"], r[f"single_{source}"]
            print(f"| {n:,} | {source} | {mw:.2f} s / {mc:.2f} s | {sw:.2f} s / {sc:.2f} s | "
                  f"{mw / sw:.2f}× / {mc / sc:.2f}× |", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
