"""The command line starts without the heavy libraries only some commands need (#15: start
in under 0.2 s): renderers, charts, the register's web stack, the engines' SQL translator,
numpy. Pinned by the modules a fresh interpreter holds, never by a clock."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "weasyprint", "docx", "openpyxl", "numpy", "sqlglot", "starlette",
         "sqlalchemy", "alembic", "jinja2", "pandas", "scipy", "pyspark", "psycopg",
         "markdown_it", "pypdf", "lxml", "httpx", "argon2", "highspy")


def _loaded(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport json, sys\n"
                          "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"],
                         capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_command_line_loads_no_heavy_library() -> None:
    assert sorted(_loaded("import ligestat.cli") & set(HEAVY)) == []


@pytest.mark.parametrize("argv", [["--help"], ["tables", "--help"], ["import", "--help"]])
def test_help_loads_no_heavy_library(argv: list[str]) -> None:
    code = ("from ligestat.cli import main\ntry:\n    main(" + repr(argv) + ")\n"
            "except SystemExit:\n    pass")
    loaded = _loaded(code)
    # typer's own help renderer may use markdown_it (rich's Markdown); nothing of ours does
    assert sorted(loaded & (set(HEAVY) - {"markdown_it"})) == []


def test_the_test_sees_a_heavy_library_when_one_is_imported() -> None:
    assert "openpyxl" in _loaded("import ligestat.cli, openpyxl")
