"""``synth kk-2025``: write the synthetic Copenhagen 2025 data folder.

The folder holds the contract's files (employees, parental_leave, child_sick_days,
population, initiatives, pay), the organisation config ``ligestat.toml`` and the
calibration report. The same bytes on every run: one seed, sorted rows, no
timestamps.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from ligestat.config import CONFIG_FILENAME, demo_config
from ligestat.errors import InputError
from ligestat.io.schema import table_schema
from ligestat.synth.calibrate import calibrate, load_priors
from ligestat.synth.context import context_csv
from ligestat.synth.employees import employees, previous_snapshot
from ligestat.synth.events import Pools, leave_rows, sick_rows
from ligestat.synth.model import Plan
from ligestat.synth.narrative import initiatives_csv, write_narrative
from ligestat.synth.pay import pay_rows
from ligestat.synth.population import population_rows
from ligestat.synth.reference import load_reference
from ligestat.synth.report import report_json, report_markdown
from ligestat.synth.rng import Rng

__all__ = ["generate_kk2025"]



def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate_kk2025(out: Path, step: Callable[[str], None] | None = None) -> Plan:
    """Write the data folder ``out`` and return the calibrated plan behind it."""
    say = step or (lambda _msg: None)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output folder: {exc}") from None
    config = demo_config()
    priors = load_priors()
    reference = load_reference()
    say("calibrating against the published tables")
    plan = calibrate(reference, config, priors)
    rng = Rng(int(priors["seed"]))

    say("employees")
    snaps = priors["snapshots"]
    current_date = date.fromisoformat(str(snaps["current"]))
    previous_date = date.fromisoformat(str(snaps["previous"]))
    current = employees(plan, priors, config, current_date, rng)
    previous = previous_snapshot(current, float(snaps["previous_churn"]), rng)
    _write_csv(out / "employees.csv", _columns("employees"),
               [p.row(previous_date) for p in previous] + [p.row(current_date) for p in current])

    pools = Pools(current, current_date.year)
    say("parental leave")
    _write_csv(out / "parental_leave.csv", _columns("parental_leave"),
               leave_rows(plan.leave, pools, priors["parental_leave"], rng))
    say("children's sick days")
    _write_csv(out / "child_sick_days.csv", _columns("child_sick_days"),
               sick_rows(plan.sick, pools, priors["child_sick_days"], rng))
    say("population")
    _write_csv(out / "population.csv", _columns("population"),
               population_rows(plan.population_women, plan.population_men,
                               priors["population"]))
    say("pay")
    pay_rng = Rng(int(priors["seed"]) + 1)  # its own stream: the other files stay as they were
    _write_csv(out / "pay.csv", _columns("pay"),
               [*pay_rows(previous, previous_date.year, pay_rng),
                *pay_rows(current, current_date.year, pay_rng)])
    (out / "initiatives.csv").write_text(initiatives_csv(reference.initiatives_csv),
                                         encoding="utf-8")
    write_narrative(out)
    (out / "context.csv").write_text(context_csv(reference.facts), encoding="utf-8")
    (out / CONFIG_FILENAME).write_text(config.source_text, encoding="utf-8")
    (out / "calibration.md").write_text(report_markdown(plan), encoding="utf-8")
    (out / "calibration.json").write_text(report_json(plan), encoding="utf-8")
    return plan


def _columns(table: str) -> tuple[str, ...]:
    """The table's columns as one organisation's file has them (no ``organisation``)."""
    return tuple(c for c in table_schema(table).column_names if c != "organisation")
