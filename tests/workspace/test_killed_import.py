"""A killed import leaves each table either exactly as before or exactly complete, never a
mix; a workspace held by another process gives a clean error."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orgdata
import pytest
from typer.testing import CliRunner

from ligestat.cli import app
from ligestat.errors import WorkspaceError
from ligestat.workspace import Workspace

BIG_ROWS = 300_000
TABLES = (*orgdata.COLUMNS, "meta", "imports")


def _fingerprint(path: Path) -> dict[str, tuple[Any, ...]]:
    """Each table's row count and an order-independent hash of all its rows."""
    with Workspace.open(path) as ws:
        out = {}
        for table in TABLES:
            cols = "t" if table != "imports" else "t.source, t.tables, t.rows"
            out[table] = tuple(ws.con.execute(
                f"SELECT count(*), sum(hash({cols})::HUGEINT) FROM {table} t").fetchone())
        return out


def _big_folder(folder: Path) -> Path:
    """~300k employees over two snapshots (one replacing a stored one), plus changed leave
    and sick-days rows, so a partial import would show in several tables."""
    import duckdb

    orgdata.write_csv(folder, tables={
        "parental_leave": [(*r[:4], r[4] + 0.5) for r in orgdata.ROWS["parental_leave"]],
        "child_sick_days": [(*r[:5], r[5] + 1) for r in orgdata.ROWS["child_sick_days"]],
        "employees": [],
    })
    target = str(folder / "employees.csv").replace("'", "''")
    duckdb.execute(f"""COPY (SELECT
        CASE WHEN i % 2 = 0 THEN DATE '2024-01-15' ELSE DATE '2026-01-10' END AS snapshot_date,
        'B' || i AS employee_id,
        CASE i % 5 WHEN 0 THEN 'kvinde' WHEN 1 THEN 'mand' WHEN 2 THEN 'K' WHEN 3 THEN 'M'
             ELSE 'andet' END AS gender,
        1950 + i % 50 AS birth_year,
        CASE i % 4 WHEN 0 THEN 'ADM' WHEN 1 THEN 'KØF' WHEN 2 THEN 'SÅF' ELSE 'BR' END
            AS department,
        CASE i % 3 WHEN 0 THEN 'Pædagoger' WHEN 1 THEN 'Håndværk, øvrige' ELSE 'Kontor og IT'
            END AS agreement,
        CASE WHEN i % 97 = 0 THEN 1 + i % 3 END AS manager_level,
        CASE WHEN i % 11 = 0 THEN 'trainee' END AS employment_type
        FROM range({BIG_ROWS}) t(i)) TO '{target}' (HEADER)""")
    return folder


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The workspace before the big import, and the fingerprints before and after it."""
    root = tmp_path_factory.mktemp("killed")
    before = root / "before.duckdb"
    with Workspace.open(before) as ws:
        ws.import_data(orgdata.write_csv(root / "small"))
    big = _big_folder(root / "big")
    after = root / "after.duckdb"
    shutil.copy(before, after)
    started = time.monotonic()
    assert _ligestat("import", str(big), "--workspace", str(after)).wait(timeout=120) == 0
    return {"before_path": before, "big": big, "root": root,
            "seconds": time.monotonic() - started,
            "before": _fingerprint(before), "after": _fingerprint(after)}


def _ligestat(*args: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    return subprocess.Popen([sys.executable, "-m", "ligestat", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_the_big_import_changes_every_table_it_touches(states: dict[str, Any]) -> None:
    before, after = states["before"], states["after"]
    for table in ("employees", "parental_leave", "child_sick_days", "imports"):
        assert before[table] != after[table], table
    assert after["employees"][0] > BIG_ROWS


@pytest.mark.parametrize("when", [0.15, 0.5, 0.8, 0.9, 0.97])
def test_a_killed_import_leaves_the_state_before_or_the_complete_new_one(
        when: float, states: dict[str, Any]) -> None:
    """Killed at fixed fractions of the measured time of a whole import (reading,
    validating, storing and committing), so every phase is hit on any machine."""
    path = states["root"] / f"killed-{when}.duckdb"
    shutil.copy(states["before_path"], path)
    delay = when * states["seconds"]
    proc = _ligestat("import", str(states["big"]), "--workspace", str(path))
    time.sleep(delay)
    finished = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    found = _fingerprint(path)
    outcome = ("before" if found == states["before"]
               else "after" if found == states["after"] else "a mix")
    print(f"killed after {delay:.2f} s of {states['seconds']:.2f} s: {outcome}")
    if finished:
        assert outcome == "after"
    assert outcome in ("before", "after"), {
        t: ("before" if found[t] == states["before"][t] else
            "after" if found[t] == states["after"][t] else "neither") for t in TABLES}


@pytest.mark.parametrize("when", [0.3, 0.75])
def test_ctrl_c_during_an_import_is_one_line_and_stores_nothing(
        when: float, states: dict[str, Any]) -> None:
    """Issue 13: Ctrl-C (SIGINT) mid-import prints one line, no traceback, exit 130, and the
    workspace is exactly as before."""
    path = states["root"] / f"interrupted-{when}.duckdb"
    shutil.copy(states["before_path"], path)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "ligestat", "import", str(states["big"]),
                             "--workspace", str(path)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(when * states["seconds"])
    if proc.poll() is not None:
        pytest.skip("the import finished before the signal")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    found = _fingerprint(path)
    if when > 0.5 and found == states["after"]:  # the signal came after the commit
        assert err.strip() == "interrupted (Ctrl-C) after the import was stored"
    else:
        assert err.strip() == "interrupted (Ctrl-C); nothing was stored"
        assert found == states["before"]


def test_ctrl_c_after_the_commit_says_the_import_was_stored(
        tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C while the summary prints comes too late to undo the import: the message
    must not claim that nothing was stored."""
    import ligestat.cli.data

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ligestat.cli.data, "_print_summary", interrupted)
    path = tmp_path / "w.duckdb"
    result = cli.invoke(app, ["import", str(orgdata.write_csv(tmp_path / "d")),
                              "--workspace", str(path)])
    assert result.exit_code == 130
    assert "interrupted (Ctrl-C) after the import was stored" in result.output
    assert "nothing was stored" not in result.output
    with Workspace.open(path, read_only=True) as ws:
        assert ws.table_counts()["employees"] == len(orgdata.ROWS["employees"])


def test_a_workspace_held_by_another_process_is_a_clean_error(tmp_path: Path,
                                                              cli: CliRunner) -> None:
    path = tmp_path / "held.duckdb"
    with Workspace.open(path):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(WorkspaceError, match="cannot open the workspace"):
            Workspace.open(path)
        result = cli.invoke(app, ["import", str(orgdata.write_csv(tmp_path / "d")),
                                  "--workspace", str(path)])
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert (f"{path}: cannot open the workspace: it is in use by another ligestat process "
                f"(process {holder.pid}); wait for it to finish and try again"
                in result.output)
        assert sys.executable not in result.output and "python" not in result.output.lower()
    finally:
        holder.kill()
        holder.wait()
