"""Many organisations at once: ``tables`` for 100 organisations against one organisation
holding the same rows (issue 15; goal: within 2×).

``synth scale --employees N --organisations 100`` writes the data set (Parquet, an
``organisation`` column, 100 organisations of skewed sizes, every fourth without
departments); the baseline is the same files without the organisation column and the
single-organisation config of ``synth scale``. Both are timed as whole processes
(``ligestat tables DATA --year 2025 --json FILE``: reading, every contract rule, the
indicators, disclosure, the JSON), from a data folder and from a workspace file;
median of ``REPEAT`` runs.

``python benchmarks/bench_orgs.py [N …]`` (default 1 000 000 and 10 000 000 employees
in total per snapshot, 3 snapshots).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (1_000_000, 10_000_000)
ORGANISATIONS = 100
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
ROOT = Path(__file__).resolve().parents[1]
LIGESTAT = [sys.executable, "-m", "ligestat"]


def _run(*args: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    start = time.perf_counter()
    subprocess.run([*LIGESTAT, *args], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _median(*args: str) -> float:
    return statistics.median(_run(*args) for _ in range(REPEAT))


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


def bench(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        many, single = root / "many", root / "single"
        subprocess.run([*LIGESTAT, "synth", "scale", "--employees", str(n), "--organisations",
                        str(ORGANISATIONS), "--out", str(many)], check=True,
                       env=dict(os.environ, PYTHONPATH=str(ROOT / "src")),
                       stdout=subprocess.DEVNULL)
        _single(many, single)
        out = root / "t.json"
        result = {
            "many_folder": _median("tables", str(many), "--year", "2025", "--json", str(out)),
            "single_folder": _median("tables", str(single), "--year", "2025", "--json",
                                     str(out)),
        }
        for name, folder in (("many", many), ("single", single)):
            _run("import", str(folder), "--workspace", str(root / f"{name}.duckdb"))
            result[f"{name}_workspace"] = _median("tables", "--workspace",
                                                  str(root / f"{name}.duckdb"), "--year",
                                                  "2025", "--json", str(out))
        return result


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    print(f"| employees | source | {ORGANISATIONS} organisations | one organisation | ratio |")
    print("|---|---|---|---|---|")
    for n in sizes:
        r = bench(n)
        for source in ("folder", "workspace"):
            many, one = r[f"many_{source}"], r[f"single_{source}"]
            print(f"| {n:,} | {source} | {many:.2f} s | {one:.2f} s | {many / one:.2f}× |",
                  flush=True)


if __name__ == "__main__":
    main()
