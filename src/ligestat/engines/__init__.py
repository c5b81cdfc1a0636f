"""Where indicator SQL runs: the local DuckDB workspace (default), PostgreSQL, Spark.

The registry's SQL is written once, in DuckDB's dialect; :mod:`.translate` turns it
into each engine's dialect (sqlglot), and :class:`.warehouse.Warehouse` runs it where
the data lives, fetching only aggregates. ``open_source(url, config)`` picks the
engine from the URL's scheme (:data:`ENGINES`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ligestat.config import Config
from ligestat.engines.warehouse import Engine, Warehouse
from ligestat.errors import InputError

__all__ = ["ENGINES", "EngineSpec", "Warehouse", "open_source"]


@dataclass(frozen=True)
class EngineSpec:
    name: str
    schemes: tuple[str, ...]
    example: str
    help: str
    open: Callable[[str], Engine]


def _postgresql(url: str) -> Engine:
    from ligestat.engines.postgresql import PostgreSQL

    return PostgreSQL(url)


def _spark(url: str) -> Engine:
    from ligestat.engines.spark import Spark

    return Spark(url)


ENGINES: tuple[EngineSpec, ...] = (
    EngineSpec("postgresql", ("postgresql", "postgres"), "postgresql://user@host/db",
               "tables or views named as in the contract, on the connection's search_path",
               _postgresql),
    EngineSpec("spark", ("spark",), "spark:///data/parquet or spark://host:7077/data/parquet",
               "a folder of Parquet files named as in the contract; local[*] for spark:///, "
               "else the given master", _spark),
)


def open_source(url: str, config: Config) -> Warehouse:
    """The warehouse at ``url`` as a source the indicators run inside."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    for spec in ENGINES:
        if scheme in spec.schemes:
            return Warehouse(spec.open(url), config)
    known = ", ".join(s.example for s in ENGINES)
    raise InputError(f"unknown --source {url!r}: give one of {known}")
