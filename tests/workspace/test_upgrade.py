"""A workspace made by an earlier ligestat — before pay.csv, context.csv and the
initiatives' description existed — still opens: read-only without touching the
file, and writable by adding what is missing, keeping every stored row."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import orgdata
import pytest

from ligestat import api
from ligestat.io.schema import TABLES
from ligestat.workspace import Workspace

# what ligestat 0.x lacked: tables added since, and a column added to a kept table
ADDED_TABLES = ("pay", "context")
ADDED_COLUMN = ("initiatives", "description")


def _columns(path: Path) -> dict[str, list[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT table_name, column_name FROM duckdb_columns() "
                           "WHERE schema_name = 'main' ORDER BY table_name, column_index"
                           ).fetchall()
    finally:
        con.close()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


@pytest.fixture
def old_workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace in the old layout, and the data folder it was imported from."""
    folder = orgdata.write_csv(tmp_path / "data")
    (folder / "pay.csv").unlink()  # the old ligestat knew no pay data
    path = tmp_path / "old.duckdb"
    with Workspace.open(path) as ws:
        ws.import_data(folder)
    con = duckdb.connect(str(path))
    for table in ADDED_TABLES:
        con.execute(f"DROP TABLE {table}")
    con.execute(f"ALTER TABLE {ADDED_COLUMN[0]} DROP COLUMN {ADDED_COLUMN[1]}")
    con.close()
    assert "pay" not in _columns(path)
    return path, folder


def test_an_old_workspace_gives_the_same_tables_read_only_and_stays_untouched(
        old_workspace: tuple[Path, Path], tmp_path: Path) -> None:
    path, folder = old_workspace
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    expected = api.tables(folder, year=2025)
    assert api.tables(workspace=path, year=2025) == expected
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert "pay" not in _columns(path)


def test_opening_an_old_workspace_for_writing_adds_the_missing_tables_and_columns(
        old_workspace: tuple[Path, Path]) -> None:
    path, _ = old_workspace
    initiatives = len(orgdata.ROWS["initiatives"])
    with Workspace.open(path) as ws:
        assert ws.table_counts()["initiatives"] == initiatives
    layout = _columns(path)
    for t in TABLES:
        assert set(t.column_names) <= set(layout[t.name]), t.name
    with Workspace.open(path, read_only=True) as ws:
        descriptions = ws.con.execute("SELECT count(description) FROM initiatives").fetchone()
    assert descriptions == (0,)  # rows kept; the new column is empty until re-imported


def test_reimporting_into_an_upgraded_workspace_stores_the_new_data(
        old_workspace: tuple[Path, Path], tmp_path: Path) -> None:
    path, _ = old_workspace
    full = orgdata.write_csv(tmp_path / "full")
    with Workspace.open(path) as ws:
        ws.import_data(full)
        assert ws.table_counts()["pay"] == len(orgdata.ROWS["pay"])
    assert api.tables(workspace=path, year=2025) == api.tables(full, year=2025)
