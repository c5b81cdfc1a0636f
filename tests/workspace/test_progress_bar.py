"""DuckDB's own progress bar would be written to stdout, inside `tables --json -`."""

from __future__ import annotations

from pathlib import Path

from ligestat.workspace import Workspace


def test_duckdb_draws_no_progress_bar_in_memory_or_on_a_file(tmp_path: Path) -> None:
    for path in (None, tmp_path / "ws.duckdb"):
        with Workspace.open(path) as ws:
            setting = ws.con.execute("SELECT current_setting('enable_progress_bar')").fetchone()
            assert setting == (False,)
