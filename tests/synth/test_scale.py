"""The scale generator: contract-shaped, valid, proportional, repeatable."""

from __future__ import annotations

import filecmp
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from ligestat import api
from ligestat.cli import app
from ligestat.errors import InputError
from ligestat.synth.scale import (
    BIRTHS_PER_EMPLOYEE,
    RESIDENTS_PER_EMPLOYEE,
    ScaleSpec,
    generate_scale,
)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scale")
    generate_scale(out, ScaleSpec(employees=2000, years=2, format="csv"))
    return out


def test_small_run_passes_validation_and_computes_every_table(small: Path) -> None:
    with api.load(data=small) as ws:
        tables = api.compute_tables(ws, 2025)
    staff = {r["gender"]: r["n"] for r in tables["staff_gender"]}
    assert 1500 < staff["woman"] + staff["man"] <= 2000
    assert 0.6 < staff["woman"] / (staff["woman"] + staff["man"]) < 0.78
    assert tables["fathers_leave"][-1]["n"] > 0
    assert {r["year"] for r in tables["child_sick_days"]} == {2023, 2024}
    with api.load(data=small) as ws:
        people = api.compute_tables(ws, 2025, ["population_age_gender"])["population_age_gender"]
    assert sum(r["n"] for r in people) == sum(round(k * 2000) for k in RESIDENTS_PER_EMPLOYEE)


def test_rows_are_proportional_to_the_staff(small: Path) -> None:
    con = duckdb.connect()

    def count(name: str) -> int:
        return int(con.execute(f"SELECT count(*) FROM '{small / name}'").fetchall()[0][0])

    assert count("employees.csv") == 2000 * 2
    assert count("parental_leave.csv") == round(2000 * BIRTHS_PER_EMPLOYEE) * 2
    assert 0.15 * 4000 < count("child_sick_days.csv") < 0.3 * 4000
    unique = con.execute(f"SELECT count(DISTINCT (year, employee_id)) = count(*) "
                         f"FROM '{small / 'child_sick_days.csv'}'").fetchall()
    assert unique == [(True,)]


def test_same_seed_same_bytes_other_seed_other_data(small: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    generate_scale(again, ScaleSpec(employees=2000, years=2, format="csv"))
    generate_scale(other, ScaleSpec(employees=2000, years=2, format="csv", seed=2))
    names = ["employees.csv", "parental_leave.csv", "child_sick_days.csv", "population.csv",
             "ligestat.toml"]
    assert filecmp.cmpfiles(small, again, names, shallow=False)[0] == names
    assert "employees.csv" in filecmp.cmpfiles(small, other, names, shallow=False)[1]


def test_parquet_and_csv_give_the_same_tables(small: Path, tmp_path: Path) -> None:
    generate_scale(tmp_path, ScaleSpec(employees=2000, years=2, format="parquet"))
    assert api.tables(data=tmp_path, year=2025) == api.tables(data=small, year=2025)


def test_unknown_format_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="format"):
        generate_scale(tmp_path, ScaleSpec(employees=10, format="xml"))


def test_cli_scale_writes_the_folder(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["synth", "scale", "--employees", "500", "--years", "1",
                              "--format", "csv", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "employees.csv").exists() and (tmp_path / "ligestat.toml").exists()
    bad = cli.invoke(app, ["synth", "scale", "--employees", "5", "--out", str(tmp_path),
                           "--format", "xml"])
    assert bad.exit_code != 0
