"""Benchmark: render the demo report (synthetic Copenhagen 2025) in all four formats.

Goal: the whole report, all four formats, in under 10 s on this machine. The
baseline beside it is computing the contract's tables for the same data
(``ligestat.api.tables``), so the figures read as "rendering costs N× the numbers".

    .venv/bin/python benchmarks/bench_report.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

GOAL_SECONDS = 10.0


def main() -> None:
    from ligestat import api
    from ligestat.report import build
    from ligestat.report.gather import gather
    from ligestat.report.render import BUILTIN, get, output_name
    from ligestat.synth.kk2025 import generate_kk2025

    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        generate_kk2025(data, lambda _msg: None)
        out.mkdir()

        t0 = time.perf_counter()
        api.tables(data, year=2025)
        baseline = time.perf_counter() - t0

        t0 = time.perf_counter()
        with api.load(data) as ws:
            inp = gather(ws, 2025)
        t_gather = time.perf_counter() - t0
        t0 = time.perf_counter()
        model = build(inp, "da")
        t_build = time.perf_counter() - t0
        times: dict[str, float] = {}
        for name in BUILTIN:
            fmt = get(name)
            t0 = time.perf_counter()
            fmt.render(model, out / output_name(model, fmt))
            times[name] = time.perf_counter() - t0
        total = t_gather + t_build + sum(times.values())

    print("report benchmark: demo data (synthetic Copenhagen 2025), Danish, all formats")
    rows = [("baseline: tables() for the same data", baseline),
            ("load + gather (tables, disclosure)", t_gather), ("build model", t_build),
            *((f"render {k}", v) for k, v in times.items())]
    for label, seconds in rows:
        print(f"  {label:<40}{seconds:7.2f} s {seconds / baseline:6.1f}×")
    print(f"  {'total report':<40}{total:7.2f} s {total / baseline:6.1f}×")
    verdict = "within" if total < GOAL_SECONDS else "OVER"
    print(f"  goal < {GOAL_SECONDS:.0f} s: {verdict} ({total / GOAL_SECONDS:.0%} of the goal)")


if __name__ == "__main__":
    main()
