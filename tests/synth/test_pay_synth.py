"""Synthetic pay.csv: valid, plausible, and carrying what the pay tables must handle — exact
ties, part time, variable pay for a minority, categories from the agreements, two pay years,
the Logib columns — for the Copenhagen demo and for synth scale."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from ligestat import api
from ligestat.analysis import adjusted_gap
from ligestat.synth.scale import ScaleSpec, generate_scale


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_kk2025_pay_has_ties_part_time_and_a_minority_with_variable_pay(kk_dir: Path) -> None:
    rows = _rows(kk_dir / "pay.csv")
    assert {r["year"] for r in rows} == {"2023", "2024"}
    current = [r for r in rows if r["year"] == "2024"]
    employees = {r["employee_id"] for r in _rows(kk_dir / "employees.csv")
                 if r["snapshot_date"] == "2024-09-30"}
    assert {r["employee_id"] for r in current} == employees
    assert {r["category"] for r in current} == {r["agreement"] for r in _rows(
        kk_dir / "employees.csv") if r["snapshot_date"] == "2024-09-30"}
    hourly = Counter(float(r["basic_pay"]) / float(r["hours_paid"]) for r in current)
    assert sum(c for c in hourly.values() if c > 1) > 0.9 * len(current)  # pay-scale ties
    part_time = sum(float(r["hours_paid"]) < 1924 for r in current) / len(current)
    assert 0.1 < part_time < 0.4
    variable = sum(float(r["variable_pay"]) > 0 for r in current) / len(current)
    assert 0.05 < variable < 0.35


def test_kk2025_pay_tables_flag_some_categories_and_the_model_runs(kk_dir: Path) -> None:
    tables = api.tables(data=kk_dir, year=2025, disclosure="public")["tables"]
    flagged = [r["category"] for r in tables["pay_categories"] if r["assessment_required"]]
    assert 0 < len(flagged) < len(tables["pay_categories"]) / 2
    assert 0 < tables["pay_gap"][1]["mean_gap"] < 0.2
    with api.load(kk_dir) as ws:
        result = adjusted_gap(ws.con, 2024)
    assert result is not None and result.logib.n > 40_000


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_scale_writes_valid_pay_rows_for_every_position_and_year(tmp_path: Path,
                                                                 fmt: str) -> None:
    out = tmp_path / fmt
    written = generate_scale(out, ScaleSpec(employees=1000, years=2, format=fmt))
    assert "pay" in written
    with api.load(out) as ws:
        counts = dict(ws.con.execute("SELECT year, count(*) FROM pay GROUP BY 1").fetchall())
        tables = api.compute_tables(ws, 2025, ["pay_gap", "pay_quartiles", "pay_categories"])
    assert counts == {2023: 1000, 2024: 1000}
    assert sum(r["women"] + r["men"] + r["other"] for r in tables["pay_quartiles"][:4]) \
        == pytest.approx(1000)
    assert 0 < tables["pay_gap"][0]["women_variable_share"] < 0.3
