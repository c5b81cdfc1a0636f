"""The command line starts without the heavy libraries only some commands need (#15: start
in under 0.2 s): renderers, charts, the register's web stack, the engines' SQL translator,
numpy; and its help without DuckDB or pydantic (Typer imports pydantic to check an option's
value). ``ligestat tables`` runs without pydantic either (``ligestat.cli._values``): #15's
goal is ``tables`` as fast as a hand-written DuckDB script. Pinned by the modules a fresh
interpreter holds, never by a clock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from ligestat.cli import app

HEAVY = ("matplotlib", "weasyprint", "docx", "openpyxl", "numpy", "sqlglot", "starlette",
         "sqlalchemy", "alembic", "jinja2", "pandas", "scipy", "pyspark", "psycopg",
         "markdown_it", "pypdf", "lxml", "httpx", "argon2", "highspy")
# what a command needs once it runs, not to start or to show its help
RUN = ("duckdb", "pydantic")


def _groups(group: Any, path: tuple[str, ...] = ()) -> Iterator[list[str]]:
    """The names leading to ``ligestat`` and to each of its command groups."""
    yield list(path)
    for name, sub in getattr(group, "commands", {}).items():
        if hasattr(sub, "commands"):
            yield from _groups(sub, (*path, name))


HELP = [[*path, "--help"] for path in _groups(typer.main.get_command(app))] + [
    ["tables", "--help"], ["import", "--help"], ["sprog", "--help"], ["pay", "info", "--help"]]


def _callbacks(group: typer.Typer) -> Iterator[Callable[..., Any]]:
    """The functions behind every command and group of ``group``."""
    if group.registered_callback is not None and group.registered_callback.callback:
        yield group.registered_callback.callback
    for command in group.registered_commands:
        if command.callback is not None:
            yield command.callback
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            yield from _callbacks(sub.typer_instance)


def _loaded(code: str, env: dict[str, str] | None = None) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport json, sys\n"
                          "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"],
                         capture_output=True, text=True, check=True, env=env).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.mark.parametrize("module", ["ligestat", "ligestat.cli"])
def test_importing_the_command_line_loads_no_heavy_library(module: str) -> None:
    assert sorted(_loaded(f"import {module}") & {*HEAVY, *RUN}) == []


@pytest.mark.parametrize("argv", HELP, ids=" ".join)
def test_help_loads_no_heavy_library(argv: list[str]) -> None:
    code = ("from ligestat.cli import main\ntry:\n    main(" + repr(argv) + ")\n"
            "except SystemExit:\n    pass")
    loaded = _loaded(code)
    # typer's own help renderer may use markdown_it (rich's Markdown); nothing of ours does
    assert sorted(loaded & ({*HEAVY, *RUN} - {"markdown_it"})) == []


def test_the_test_sees_a_heavy_library_when_one_is_imported() -> None:
    assert "openpyxl" in _loaded("import ligestat.cli, openpyxl")


def _run(argv: list[str]) -> str:
    return ("from ligestat.cli import main\ntry:\n    main(" + repr(argv) + ")\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small organisation's workspace (orgdata: years 2024 and 2025)."""
    import orgdata

    from ligestat.workspace import Workspace

    folder = tmp_path_factory.mktemp("startup")
    data = orgdata.write_csv(folder / "data")
    with Workspace.open(folder / "w.duckdb") as ws:
        ws.import_data(data, None, None)
    return folder / "w.duckdb"


def test_a_command_that_runs_loads_what_it_needs(tmp_path: Path) -> None:
    """The other side of the help tests: running a command does load DuckDB."""
    code = ("from ligestat.cli import main\ntry:\n    main(['tables', '--workspace', "
            f"{str(tmp_path / 'none.duckdb')!r}, '--year', '2025'])\n"
            "except SystemExit:\n    pass")
    assert "duckdb" in _loaded(code)


# what Rich reads to decide it writes to a terminal (ligestat.cli._console); a CI may set them
PLAIN_ENV = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}


def test_tables_json_runs_without_pydantic_or_rich(workspace: Path, tmp_path: Path) -> None:
    """``tables --json FILE`` into a pipe, every kind of option value given: DuckDB and the
    library, and neither pydantic (``ligestat.cli._values``) nor Rich (``ligestat.cli._console``:
    no terminal, one plain line) nor any renderer."""
    out = tmp_path / "tables.json"
    loaded = _loaded(_run(["tables", "--workspace", str(workspace), "--year", "2025",
                           "--json", str(out), "--disclosure", "public",
                           "--allow-older-snapshot"]), PLAIN_ENV)
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2025
    assert "duckdb" in loaded
    assert sorted(loaded & {*HEAVY, "pydantic", "rich"}) == []


def test_tables_in_a_terminal_still_draws_with_rich(workspace: Path) -> None:
    """The other side: the tables themselves are drawn by Rich."""
    loaded = _loaded(_run(["tables", "--workspace", str(workspace), "--year", "2025"]),
                     PLAIN_ENV)
    assert "rich" in loaded
    assert "pydantic" not in loaded


def test_the_test_sees_pydantic_when_typer_converts_a_value(workspace: Path,
                                                             tmp_path: Path) -> None:
    """``--year +2025`` is a value Typer's own conversion (pydantic) reads."""
    out = tmp_path / "tables.json"
    loaded = _loaded(_run(["tables", "--workspace", str(workspace), "--year", "+2025",
                           "--json", str(out)]))
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2025
    assert "pydantic" in loaded


def test_options_are_declared_as_objects_not_strings() -> None:
    """Typer evaluates a string annotation (``from __future__ import annotations``) again at
    every start; the command modules declare their options as objects."""
    callbacks = list(_callbacks(app))
    assert len(callbacks) > 10
    assert [f"{f.__module__}.{f.__name__}" for f in callbacks
            if any(isinstance(a, str) for a in f.__annotations__.values())] == []
