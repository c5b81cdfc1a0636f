"""docs/report.md documents what the code offers."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ligestat.cli import app
from ligestat.report.context import CONTEXT_COLUMNS
from ligestat.report.render import BUILTIN

DOC = (Path(__file__).resolve().parents[2] / "docs" / "report.md").read_text(encoding="utf-8")
SOURCE_KEYS = ("population", "staff", "agreements", "managers", "leave", "sick_days",
               "initiatives")


def test_every_context_column_is_documented() -> None:
    for column in CONTEXT_COLUMNS:
        assert f"| `{column}` |" in DOC, column


def test_every_format_is_documented() -> None:
    for name in BUILTIN:
        assert f"| `{name}` |" in DOC, name


def test_every_source_key_is_documented() -> None:
    line = next(x for x in DOC.splitlines() if x.startswith("[report.sources]"))
    assert all(k in line for k in SOURCE_KEYS)


def test_every_cli_option_is_documented() -> None:
    import re

    res = CliRunner().invoke(app, ["report", "--help"], env={"COLUMNS": "200"})
    options = set(re.findall(r"--[a-z][a-z-]+", res.output)) - {"--help"}
    assert options >= {"--year", "--out", "--lang", "--format", "--context"}
    for option in options:
        assert f"`{option}" in DOC, option
