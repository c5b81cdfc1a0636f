"""ligestat: gender-equality reporting from HR data, and a checker for gendered language.

The public API mirrors the command line::

    import ligestat
    doc = ligestat.tables("data/", year=2025)            # ligestat tables data/ --year 2025
    ligestat.validate("data/")                          # ligestat validate data/
    with ligestat.Workspace.open("kk.duckdb") as ws:    # ligestat import ... --workspace
        ws.import_data("data/")
"""

from __future__ import annotations

from ligestat.api import compute_tables, load, tables, validate
from ligestat.config import Config, load_config
from ligestat.errors import LigestatError, Problem, ValidationError
from ligestat.workspace import Workspace

__all__ = [
    "Config",
    "LigestatError",
    "Problem",
    "ValidationError",
    "Workspace",
    "compute_tables",
    "load",
    "load_config",
    "tables",
    "validate",
]

__version__ = "0.1.0"
