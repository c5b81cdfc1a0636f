"""One import is one transaction: years accumulate, a re-imported snapshot replaces its
old self, and a failed import leaves every table exactly as it was."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import orgdata
import pytest

from ligestat import api
from ligestat.errors import InputError, LigestatError, ValidationError, WorkspaceError
from ligestat.workspace import Workspace

Tables = dict[str, list[orgdata.Row]]
STAFF_TABLES = ["staff_gender", "staff_age_gender", "agreements_gender", "managers_level_1",
                "managers_level_2"]


def _year_slice(year: int) -> Tables:
    """The fixture's data for report year ``year``: its snapshot, leave cohort, sick days."""
    rows = orgdata.ROWS
    return {
        "employees": [r for r in rows["employees"]
                      if r[0].year == year and r[0] <= date(year, 1, 31)],
        "parental_leave": [r for r in rows["parental_leave"] if r[3].year == year - 2],
        "child_sick_days": [r for r in rows["child_sick_days"] if r[0] == year - 1],
    }


def _everything(ws: Workspace) -> dict[str, Any]:
    """Every stored table, meta and the import log, in a canonical order."""
    out: dict[str, Any] = orgdata.all_contents(ws.con)
    out["meta"] = ws.con.execute("SELECT * FROM meta ORDER BY ALL").fetchall()
    out["imports"] = ws.con.execute(
        "SELECT source, tables, rows FROM imports ORDER BY ALL").fetchall()
    return out


@pytest.fixture
def full(tmp_path: Path) -> Path:
    return orgdata.write_csv(tmp_path / "full")


def test_importing_year_a_then_year_b_keeps_both(tmp_path: Path) -> None:
    a = orgdata.write_csv(tmp_path / "a", tables=_year_slice(2024))
    b = orgdata.write_csv(tmp_path / "b", tables=_year_slice(2025))
    path = tmp_path / "w.duckdb"
    with Workspace.open(path) as ws:
        ws.import_data(a)
        ws.import_data(b)
        assert ws.snapshots() == [date(2024, 1, 15), date(2025, 1, 1)]
        counts = ws.table_counts()
    assert counts["employees"] == sum(len(_year_slice(y)["employees"]) for y in (2024, 2025))
    assert counts["parental_leave"] == sum(len(_year_slice(y)["parental_leave"])
                                           for y in (2024, 2025))
    for year, folder in ((2024, a), (2025, b)):
        from_workspace = api.tables(workspace=path, year=year)["tables"]
        from_folder = api.tables(data=folder, year=year)["tables"]
        for name in STAFF_TABLES:
            assert from_workspace[name] == from_folder[name], (year, name)
    sick = api.tables(workspace=path, year=2025)["tables"]["child_sick_days"]
    assert {r["year"] for r in sick} == {2023, 2024}  # the trend comes from the workspace


def test_reimporting_a_snapshot_replaces_it_and_leaves_other_years(full: Path,
                                                                   tmp_path: Path) -> None:
    new_2025 = [(d, f"N{i}", "m", 1980 + i, "ADM", "Ny overenskomst", None, None)
                for i, d in enumerate([date(2025, 1, 1)] * 7)]
    new_leave = [("N1", "mand", "ADM", date(2023, 6, 1), 99.5)]
    again = orgdata.write_csv(tmp_path / "again",
                              tables={"employees": new_2025, "parental_leave": new_leave})
    with Workspace.open(tmp_path / "w.duckdb") as ws:
        ws.import_data(full)
        before = _everything(ws)
        ws.import_data(again)
        after = _everything(ws)
    assert [r for r in after["employees"] if r[0] == date(2025, 1, 1)] == sorted(
        (*r[:2], "man", *r[3:7], "ordinary") for r in new_2025)
    for snapshot in (date(2024, 1, 15), date(2025, 3, 1)):
        assert [r for r in after["employees"] if r[0] == snapshot] == [
            r for r in before["employees"] if r[0] == snapshot]
    assert [r for r in after["parental_leave"] if r[3].year == 2023] == [
        ("N1", "man", "ADM", date(2023, 6, 1), 99.5)]
    assert [r for r in after["parental_leave"] if r[3].year != 2023] == [
        r for r in before["parental_leave"] if r[3].year != 2023]
    for table in ("child_sick_days", "population", "initiatives"):
        assert after[table] == before[table]
    assert len(after["imports"]) == 2


def test_reimporting_initiatives_replaces_the_whole_list(full: Path, tmp_path: Path) -> None:
    only = orgdata.write_csv(tmp_path / "only", tables={
        "employees": [], "initiatives": orgdata.ROWS["initiatives"][:1]})
    with Workspace.open(tmp_path / "w.duckdb") as ws:
        ws.import_data(full)
        employees = orgdata.table_contents(ws.con, "employees")
        ws.import_data(only)
        assert [r[0] for r in orgdata.table_contents(ws.con, "initiatives")] == ["1"]
        assert orgdata.table_contents(ws.con, "employees") == employees


def _broken_cell(folder: Path) -> type[LigestatError]:
    orgdata.set_cell(folder, "employees", 3, "gender", "kvinda")
    return ValidationError


def _broken_last_table(folder: Path) -> type[LigestatError]:
    orgdata.set_cell(folder, "initiatives", 3, "status", "someday")
    return ValidationError


def _binary_later_file(folder: Path) -> type[LigestatError]:
    (folder / "population.csv").write_bytes(b"\x00\x01\x02 binary")
    return InputError


def _truncated_later_file(folder: Path) -> type[LigestatError]:
    path = folder / "child_sick_days.csv"
    path.write_bytes(path.read_bytes()[:-9])
    return InputError


@pytest.mark.parametrize("break_it", [_broken_cell, _broken_last_table, _binary_later_file,
                                      _truncated_later_file])
def test_a_failed_import_leaves_every_table_exactly_as_before(
        break_it: Any, full: Path, tmp_path: Path) -> None:
    changed = tmp_path / "changed"
    orgdata.write_csv(changed, tables={
        "employees": [(*r[:3], r[3] + 1, *r[4:]) for r in orgdata.ROWS["employees"]],
        "parental_leave": [(*r[:4], r[4] + 1) for r in orgdata.ROWS["parental_leave"]],
        "child_sick_days": orgdata.ROWS["child_sick_days"],
        "population": orgdata.ROWS["population"],
        "initiatives": orgdata.ROWS["initiatives"],
    })
    error = break_it(changed)
    with Workspace.open(tmp_path / "w.duckdb") as ws:
        ws.import_data(full)
        before = _everything(ws)
        with pytest.raises(error):
            ws.import_data(changed)
        assert _everything(ws) == before
        # the same workspace object imports again cleanly afterwards
        ws.import_data(full)
        assert orgdata.all_contents(ws.con) == {k: before[k] for k in orgdata.COLUMNS}
    with Workspace.open(tmp_path / "w.duckdb") as ws:  # and on disk, too
        assert {k: v for k, v in _everything(ws).items() if k != "imports"} == {
            k: v for k, v in before.items() if k != "imports"}


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_failure_while_storing_rolls_back_every_table(
        failure: BaseException, full: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other"
    shutil.copytree(full, other)
    orgdata.set_cell(other, "population", 0, "count", "5")
    with Workspace.open(tmp_path / "w.duckdb") as ws:
        ws.import_data(full)
        before = _everything(ws)
        stored: list[str] = []
        original = Workspace._store

        def store_then_fail(self: Workspace, st: Any, *rest: Any) -> None:
            if len(stored) == 3:  # employees, leave and sick days are written by now
                raise failure
            original(self, st, *rest)
            stored.append(st.source.table)

        monkeypatch.setattr(Workspace, "_store", store_then_fail)
        expected = WorkspaceError if isinstance(failure, Exception) else KeyboardInterrupt
        with pytest.raises(expected):
            ws.import_data(other)
        assert stored == ["employees", "parental_leave", "child_sick_days"]
        assert _everything(ws) == before
        monkeypatch.undo()
        ws.import_data(other)
        assert orgdata.table_contents(ws.con, "population") != before["population"]


def test_an_empty_workspace_stays_empty_after_a_failed_first_import(full: Path,
                                                                   tmp_path: Path) -> None:
    _broken_last_table(full)
    path = tmp_path / "w.duckdb"
    with Workspace.open(path) as ws, pytest.raises(ValidationError):
        ws.import_data(full)
    with Workspace.open(path) as ws:
        counts = ws.table_counts()
        assert set(orgdata.COLUMNS) <= set(counts)
        assert counts == dict.fromkeys(counts, 0)
        assert ws.stored_config is None
