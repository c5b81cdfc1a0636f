"""The generated Copenhagen folder: deterministic, self-contained, exercising the contract."""

from __future__ import annotations

import csv
import filecmp
import tomllib
from pathlib import Path

from ligestat.config import load_config
from ligestat.synth.kk2025 import generate_kk2025
from ligestat.synth.reference import REFERENCE_DIR


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_two_runs_write_identical_bytes(kk_dir: Path, tmp_path: Path) -> None:
    generate_kk2025(tmp_path)
    names = sorted(str(p.relative_to(kk_dir)) for p in kk_dir.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")
                           if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(kk_dir, tmp_path, names, shallow=False)
    assert mismatch == [] and errors == []


def test_package_reference_copy_equals_shared_reference(shared_dir: Path) -> None:
    shared = shared_dir / "reference" / "kk-2025"
    names = sorted(p.name for p in shared.iterdir() if p.suffix in (".csv", ".toml"))
    assert names == sorted(p.name for p in REFERENCE_DIR.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(shared, REFERENCE_DIR, names, shallow=False)
    assert mismatch == [] and errors == []


def test_folder_carries_its_config_with_a_unit_shown_in_no_table(kk_dir: Path) -> None:
    config = load_config(kk_dir / "ligestat.toml")
    facts = tomllib.loads((REFERENCE_DIR / "facts.toml").read_text(encoding="utf-8"))
    assert [d.code for d in config.table_departments] == list(facts["departments"])
    assert any(not d.in_tables for d in config.departments)


def test_data_exercises_the_contract_rules_the_figures_depend_on(kk_dir: Path) -> None:
    employees = _rows(kk_dir / "employees.csv")
    kinds = {r["employment_type"] for r in employees}
    assert {"ordinary", "trainee", "flexjob", "extraordinary"} <= kinds
    assert any(r["gender"] == "other" for r in employees)
    assert not any(r["gender"] == "other" and r["employment_type"] == "ordinary"
                   for r in employees)
    assert {r["snapshot_date"] for r in employees} == {"2023-09-30", "2024-09-30"}
    weeks = {r["weeks_taken"] for r in _rows(kk_dir / "parental_leave.csv")}
    assert {"10.9", "11.0", "17.0", "24.0"} <= weeks
    sick = _rows(kk_dir / "child_sick_days.csv")
    assert any(r["entitled"] == "false" and float(r["days_taken"]) > 0 for r in sick)
    assert {r["year"] for r in sick} == {"2022", "2023", "2024"}
    # the published initiatives as they are, each with a description in our own words
    written = _rows(kk_dir / "initiatives.csv")
    published = _rows(REFERENCE_DIR / "initiatives.csv")
    assert [{k: r[k] for k in published[0]} for r in written] == published
    assert all(len(r["description"].split()) >= 15 for r in written)
    assert any("\n\n" in r["description"] for r in written)  # paragraphs survive


def test_population_has_the_published_totals_and_every_age(kk_dir: Path) -> None:
    facts = tomllib.loads((REFERENCE_DIR / "facts.toml").read_text(encoding="utf-8"))
    rows = _rows(kk_dir / "population.csv")
    for gender, key in (("woman", "women"), ("man", "men")):
        mine = [r for r in rows if r["gender"] == gender]
        assert sorted(int(r["age"]) for r in mine) == list(range(126))
        assert sum(int(r["count"]) for r in mine) == facts["population"][key]
    by_age = {int(r["age"]): int(r["count"]) for r in rows if r["gender"] == "woman"}
    assert by_age[30] > by_age[10] > by_age[90]  # a young city


def test_fathers_cohorts_differ_in_size_as_real_ones_do(kk_dir: Path) -> None:
    fathers: dict[str, int] = {}
    for r in _rows(kk_dir / "parental_leave.csv"):
        if r["gender"] == "man":
            fathers[r["child_birth_date"][:4]] = fathers.get(r["child_birth_date"][:4], 0) + 1
    assert len(fathers) >= 4
    assert len(set(fathers.values())) == len(fathers)  # no two cohorts of the same size
    assert max(fathers.values()) / min(fathers.values()) < 1.25  # but of a plausible spread
