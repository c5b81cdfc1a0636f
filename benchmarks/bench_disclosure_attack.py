"""The integer-programme attack on every release of random small workspaces, at length.

``tests/disclosure/test_attack_property.py`` runs a few organisations in ``make test``;
this runs many (default 40 per policy; ``--orgs N``), each with 2–3 departments and
three report years, and reports how many an attacker holding every release (JSON tables
and trend rows) beats: with ligestat's protection, and — the baseline — with each report
year protected on its own, as before issue 14.

    python benchmarks/bench_disclosure_attack.py [--orgs 40]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC = importlib.util.spec_from_file_location(
    "attack", HERE.parent / "tests" / "disclosure" / "test_attack_property.py")
assert SPEC is not None and SPEC.loader is not None
attack = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(attack)


def main() -> int:
    from ligestat import api
    from ligestat.disclosure import suppression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=40)
    args = parser.parse_args()
    print("| policy | organisations | beaten (ligestat) | beaten (each year alone) | "
          "cells narrowed (each year alone) | s per organisation |\n|---|---|---|---|---|---|")
    failed = 0
    for policy in ("standard", "strict"):
        k, protection = attack.THRESHOLD[policy]
        beaten = beaten_old = narrowed_old = 0
        began = time.process_time()
        for seed in range(args.orgs):
            with tempfile.TemporaryDirectory() as scratch:
                folder = attack.write_org(Path(scratch) / "data", seed, 2 + seed % 2, 3)
                problems = attack.check(folder, policy)
                with api.load(folder) as ws:
                    now = api.publish(ws, api.report_years(ws)[-1], disclosure=policy,
                                      names=attack.SHAPED)
            old = {r.year: suppression.suppress(r.tables, r.policy) for r in now.releases}
            truth = {r.year: dict(r.tables) for r in now.releases}
            old_problems = [w for w, true, low, high, group in attack.attack(old, truth)
                            if (0 < true < k and high - low < protection)
                            or (0 < group < k and high - low < 1)]
            beaten += bool(problems)
            beaten_old += bool(old_problems)
            narrowed_old += len(old_problems)
            for p in problems:
                print(f"  seed {seed}: {p}", file=sys.stderr)
        took = (time.process_time() - began) / args.orgs
        print(f"| {policy} | {args.orgs} | {beaten} | {beaten_old} | {narrowed_old} | "
              f"{took:.1f} |")
        failed += beaten
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
