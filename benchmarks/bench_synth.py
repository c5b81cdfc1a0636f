"""Benchmark of ``ligestat synth scale``: time and peak memory, 1 M baseline beside 10 M.

Each run is a separate child process (``python -m ligestat synth scale``); its peak
resident memory is the child's own ``ru_maxrss`` (from ``os.wait4``). The goal:
10 million employees per snapshot on a 2-core machine with peak memory under 2 GB.

    .venv/bin/python benchmarks/bench_synth.py [--sizes 1000000,10000000] [--years 3]
        [--formats parquet,csv]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

GOAL_BYTES = 2 * 1024**3


def run(employees: int, years: int, fmt: str, out: Path) -> tuple[float, int, int]:
    """Seconds, peak RSS in bytes and bytes written for one generator run."""
    cmd = [sys.executable, "-m", "ligestat", "synth", "scale", "--employees", str(employees),
           "--years", str(years), "--format", fmt, "--out", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"synth scale failed: {err}")
    size = sum(p.stat().st_size for p in out.iterdir())
    return seconds, usage.ru_maxrss * 1024, size  # ru_maxrss is in KiB on Linux


def main(argv: Sequence[str] = ()) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--formats", default="parquet,csv")
    args = parser.parse_args(list(argv))
    sizes = [int(s) for s in args.sizes.split(",")]
    worst = 0
    for fmt in args.formats.split(","):
        print(f"synth scale, {args.years} snapshot(s), {fmt}, {os.cpu_count()} cores "
              f"(time ratio against the first size)")
        print(f"{'employees':>12} {'seconds':>9} {'peak MB':>9} {'output MB':>10} "
              f"{'time ratio':>10} {'employee rows/s':>16}")
        base: float | None = None
        for n in sizes:
            out = Path(tempfile.mkdtemp(prefix="bench-synth-"))
            try:
                seconds, peak, size = run(n, args.years, fmt, out)
            finally:
                shutil.rmtree(out, ignore_errors=True)
            base = base or seconds
            worst = max(worst, peak)
            print(f"{n:>12,} {seconds:>9.1f} {peak / 1e6:>9.0f} {size / 1e6:>10.0f} "
                  f"{seconds / base:>10.1f} {n * args.years / seconds:>16,.0f}")
    verdict = "under" if worst < GOAL_BYTES else "OVER"
    print(f"peak memory {worst / 1e6:.0f} MB: {verdict} the 2 GB goal")


if __name__ == "__main__":
    main(sys.argv[1:])
