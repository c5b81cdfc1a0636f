"""End to end: a small organisation's data folder, the standard policy, the audit passes."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ligestat.disclosure import audit_policy

CONFIG = """organisation = "Testkommune"
[departments.A]
name = "A"
[departments.B]
name = "B"
[departments.C]
name = "C"
[departments.H]
name = "H"
in_tables = false
[disclosure]
policy = "public"
"""


def _write(path: Path, header: str, rows: list[str]) -> None:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def _org(folder: Path) -> Path:
    """About 400 employees in four units, with small leave and sick-day groups."""
    rnd = random.Random(5)
    folder.mkdir()
    (folder / "ligestat.toml").write_text(CONFIG, encoding="utf-8")
    sizes = {"A": 220, "B": 120, "C": 45, "H": 15}
    employees, leave, sick = [], [], []
    k = 0
    for dep, size in sizes.items():
        for _ in range(size):
            k += 1
            gender = rnd.choices(["woman", "man", "other"], [60, 38, 2])[0]
            manager = rnd.choices(["", "1", "2"], [90, 2, 8])[0]
            agreement = rnd.choice(["HK", "FOA", "DJOEF"])
            employees.append(f"2025-01-01,e{k},{gender},{rnd.randint(1960, 2003)},{dep},"
                             f"{agreement},{manager},")
            if gender != "other" and rnd.random() < 0.12:
                weeks = rnd.choice([2, 8, 12, 18, 26])
                leave.append(f"e{k},{gender},{dep},2023-0{rnd.randint(1, 9)}-15,{weeks}")
            if rnd.random() < 0.2:
                for year in (2023, 2024):
                    days = rnd.choice([0, 0, 1, 2, 4])
                    sick.append(f"{year},e{k},{gender},{dep},true,{days}")
    _write(folder / "employees.csv", "snapshot_date,employee_id,gender,birth_year,department,"
           "agreement,manager_level,employment_type", employees)
    _write(folder / "parental_leave.csv",
           "employee_id,gender,department,child_birth_date,weeks_taken", leave)
    _write(folder / "child_sick_days.csv",
           "year,employee_id,gender,department,entitled,days_taken", sick)
    return folder


def test_standard_on_a_small_organisation_suppresses_and_passes_the_audit(
        tmp_path: Path) -> None:
    from ligestat import api

    data = _org(tmp_path / "org")
    with api.load(data) as ws:
        tables = api.compute_tables(ws, 2025)
        policy, result = audit_policy(tables, policy="standard", config=ws.config)
    assert policy.name == "standard"
    assert any(c.kind == "primary" for c in result.cells)
    assert result.ok, result.failures
    doc = api.tables(data, year=2025, disclosure="standard")
    suppressed = [r for rows in doc["tables"].values() for r in rows if r.get("suppressed")]
    assert suppressed
    for row in suppressed:
        assert all(row[k] is None for k in row["suppressed"])


def test_audit_disclosure_command_prints_intervals_and_fails_on_bad_policy(
        tmp_path: Path, cli: CliRunner) -> None:
    from ligestat.cli import app

    data = _org(tmp_path / "org")
    ok = cli.invoke(app, ["audit-disclosure", str(data), "--year", "2025",
                          "--disclosure", "standard"])
    assert ok.exit_code == 0, ok.output
    assert "fathers_leave" in ok.output and "primary" in ok.output
    assert "0 narrower than the policy allows" in ok.output
    bad = cli.invoke(app, ["audit-disclosure", str(data), "--year", "2025",
                           "--disclosure", "secret"])
    assert bad.exit_code != 0
    assert "known policies" in bad.output


def test_audit_disclosure_reads_a_workspace_and_its_stored_policy(
        tmp_path: Path, cli: CliRunner) -> None:
    from ligestat.cli import app
    from ligestat.workspace import Workspace

    data = _org(tmp_path / "org")
    toml = (data / "ligestat.toml").read_text(encoding="utf-8")
    (data / "ligestat.toml").write_text(toml.replace('"public"', '"strict"'), encoding="utf-8")
    path = tmp_path / "ws.duckdb"
    with Workspace.open(path) as ws:
        ws.import_data(data)
    result = cli.invoke(app, ["audit-disclosure", "--workspace", str(path), "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "policy strict" in result.output


def test_audit_disclosure_exits_non_zero_when_a_cell_is_left_exposed(
        tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from ligestat.cli import app
    from ligestat.disclosure import releases

    def publish_everything(given: Any, **_: Any) -> Any:
        return [{name: [dict(r) for r in rows] for name, rows in release.tables.items()}
                for release in given]

    monkeypatch.setattr(releases, "protect", publish_everything)
    data = _org(tmp_path / "org")
    result = cli.invoke(app, ["audit-disclosure", str(data), "--year", "2025",
                              "--disclosure", "standard"])
    assert result.exit_code == 1
    assert "published" in result.output and "not protected" in result.output


def test_audit_disclosure_shows_intervals_not_the_truth_unless_asked(
        tmp_path: Path, cli: CliRunner) -> None:
    """Issue 14: the audit printed every true suppressed value by default."""
    from ligestat.cli import app

    data = _org(tmp_path / "org")
    args = ["audit-disclosure", str(data), "--year", "2025", "--disclosure", "standard"]
    plain = cli.invoke(app, args)
    assert plain.exit_code == 0, plain.output
    assert "derivable" in plain.output and "value" not in plain.output
    assert "data owner" not in plain.output
    owner = cli.invoke(app, [*args, "--show-values"])
    assert owner.exit_code == 0, owner.output
    assert "For the data owner only" in owner.output and "value" in owner.output
    help_text = cli.invoke(app, ["audit-disclosure", "--help"]).output
    assert "data owner" in help_text
