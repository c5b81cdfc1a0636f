"""``ligestat synth kk-2025``: writes the folder, prints the calibration report on request."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ligestat.cli import app


def test_cli_writes_folder_and_report(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["synth", "kk-2025", "--out", str(tmp_path), "--report"])
    assert result.exit_code == 0, result.output
    calibration = json.loads((tmp_path / "calibration.json").read_text(encoding="utf-8"))
    impossible = [c for c in calibration["cells"] if not c["ok"]]
    assert impossible and all(c["reason"] for c in impossible)
    for cell in impossible:
        assert cell["row"] in result.output
    assert "Bygningskonstruktører" in (tmp_path / "calibration.md").read_text(encoding="utf-8")


def test_help_shows_an_example(cli: CliRunner) -> None:
    for command in ("kk-2025", "scale"):
        result = cli.invoke(app, ["synth", command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output
