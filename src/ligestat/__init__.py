"""ligestat: gender-equality reporting from HR data, and a checker for gendered language.

The public API mirrors the command line::

    import ligestat
    doc = ligestat.tables("data/", year=2025)            # ligestat tables data/ --year 2025
    ligestat.validate("data/")                          # ligestat validate data/
    with ligestat.Workspace.open("kk.duckdb") as ws:    # ligestat import ... --workspace
        ws.import_data("data/")
    ligestat.make_report("data/", year=2025, out=Path("out"))  # ligestat report data/ ...
    result = ligestat.check(["site/", "https://example.dk/"])   # ligestat sprog site/ URL
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import TYPE_CHECKING, Any

import ligestat.indicators  # noqa: F401  (registers the built-in indicators and their settings)
from ligestat.api import Published, compute_tables, load, publish, tables, validate
from ligestat.config import Config, load_config
from ligestat.errors import LigestatError, Problem, ValidationError
from ligestat.workspace import Workspace

if TYPE_CHECKING:
    from ligestat.language.run import CheckResult

__all__ = [
    "Config",
    "LigestatError",
    "Problem",
    "Published",
    "ValidationError",
    "Workspace",
    "check",
    "compute_tables",
    "load",
    "load_config",
    "make_report",
    "publish",
    "tables",
    "validate",
]

__version__ = "0.1.0"


def check(paths_or_urls: Iterable[str | PathLike[str]], **options: Any) -> CheckResult:
    """Check texts, documents, folders and web sites for gendered language.

    The options are those of ``ligestat.language.run.check_paths`` (``jobopslag``,
    ``allow``, ``max_pages``, ``max_depth``, …), as ``ligestat sprog`` takes them.
    """
    from ligestat.language.run import check_paths  # lazily: the checker is independent

    return check_paths(paths_or_urls, **options)


def make_report(data: str | PathLike[str] | None = None, **options: Any) -> list[Any]:
    """Render the report (``ligestat report``); options as ``ligestat.report.make_report``.

    Named ``make_report`` because ``ligestat.report`` is the report package itself.
    """
    from pathlib import Path

    from ligestat.report import make_report as _make_report

    return _make_report(Path(data) if data is not None else None, **options)
