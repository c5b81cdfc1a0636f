"""`make bench`: run every benchmarks/bench_*.py in turn and collect their output.

Each benchmark prints its own figures (as ratios against a baseline run side by
side where it has one). The combined output is also written to
benchmarks/RESULTS.latest.md so runs can be compared.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    only = sys.argv[1:]
    scripts = sorted(p for p in HERE.glob("bench_*.py")
                     if not only or any(o in p.stem for o in only))
    out = [f"# Benchmark run {time.strftime('%Y-%m-%d %H:%M')}\n"]
    failed = 0
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        took = time.perf_counter() - start
        print(proc.stdout, end="")
        if proc.returncode:
            failed += 1
            print(proc.stderr[-3000:], file=sys.stderr)
        out.append(f"## {script.stem} ({took:.1f} s, exit {proc.returncode})\n\n```\n"
                   f"{proc.stdout.strip()}\n```\n")
    (HERE / "RESULTS.latest.md").write_text("\n".join(out), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
