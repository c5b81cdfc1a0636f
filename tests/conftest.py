"""Fixtures shared by every test family."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner


def _find_shared() -> Path | None:
    """The project's read-only shared/ folder, beside the clone, when present."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "reference" / "kk-2025"
        if candidate.is_dir():
            return parent / "shared"
    return None


SHARED = _find_shared()


def _register_orgdata() -> None:
    """Make the hand-built organisation of tests/io/orgdata.py importable as ``orgdata``."""
    if "orgdata" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location("orgdata", Path(__file__).parent / "io"
                                                  / "orgdata.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["orgdata"] = module
    spec.loader.exec_module(module)


_register_orgdata()


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Lifted statements are kept in a folder of the test session, never the user's cache
    (``ligestat.engines.lift_cache``)."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LIGESTAT_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A throw-away PostgreSQL cluster (Debian's server: initdb in a temporary folder,
    its own port, stopped at the end; as root it runs as the ``postgres`` user), for the
    register's and the engines' tests; skipped with the reason when it cannot start."""
    from ligestat.register.pgcluster import pg_bindir, throwaway_cluster

    bindir = pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries are absent (Debian package postgresql; "
                    "make setup installs it)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as non-root")
    with throwaway_cluster(bindir) as cluster:
        yield cluster


@pytest.fixture
def cli() -> CliRunner:
    """A runner for the ligestat CLI, in-process."""
    return CliRunner()


@pytest.fixture
def sprog(cli: CliRunner) -> Callable[..., tuple[int, str, str]]:
    """``sprog(*args)``: run ``ligestat sprog ARGS`` in-process → (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        from ligestat.cli import app

        out = cli.invoke(app, ["sprog", *args])
        return out.exit_code, out.stdout, out.stderr

    return run


EMPLOYEE_COLUMNS = ("snapshot_date", "employee_id", "gender", "birth_year", "department",
                    "agreement", "manager_level", "employment_type")
LEAVE_COLUMNS = ("employee_id", "gender", "department", "child_birth_date", "weeks_taken")
SICK_COLUMNS = ("year", "employee_id", "gender", "department", "entitled", "days_taken")


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    lines = [",".join(columns)]
    lines += [",".join("" if v is None else str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_org(folder: Path, *, departments: dict[str, bool], employees: list[tuple[object, ...]],
              leave: list[tuple[object, ...]] = (),  # type: ignore[assignment]
              sick: list[tuple[object, ...]] = (),  # type: ignore[assignment]
              extra_config: str = "") -> Path:
    """A contract-shaped data folder; ``departments`` maps code → in_tables."""
    folder.mkdir(parents=True, exist_ok=True)
    config = ['organisation = "Testkommune"']
    for code, in_tables in departments.items():
        config += [f"[departments.{code}]", f'name = "Afdeling {code}"',
                   f"in_tables = {'true' if in_tables else 'false'}"]
    (folder / "ligestat.toml").write_text("\n".join(config) + "\n" + extra_config,
                                          encoding="utf-8")
    _write_csv(folder / "employees.csv", EMPLOYEE_COLUMNS, list(employees))
    if leave:
        _write_csv(folder / "parental_leave.csv", LEAVE_COLUMNS, list(leave))
    if sick:
        _write_csv(folder / "child_sick_days.csv", SICK_COLUMNS, list(sick))
    return folder


@pytest.fixture
def make_org(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Builds a small organisation's data folder under tmp_path."""
    counter = iter(range(1000))

    def make(**kwargs: object) -> Path:
        return write_org(tmp_path / f"org{next(counter)}", **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture
def shared_dir() -> Path:
    """The project's shared/ folder; tests needing it skip cleanly where it is absent."""
    if SHARED is None:
        pytest.skip("shared/ is not beside this clone")
    return SHARED
