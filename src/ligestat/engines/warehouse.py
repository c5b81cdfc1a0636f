"""A data source in another engine (PostgreSQL, Spark …) that the indicators run inside.

A :class:`Warehouse` quacks like a :class:`~ligestat.workspace.Workspace` where the
indicators look (``.config``, ``.con.execute``, ``.snapshots()``), so
:func:`ligestat.api.publish` computes, protects and audits exactly as it does for a
local workspace. Every statement is the registry's SQL, translated for the engine
(:mod:`ligestat.engines.translate`), with each contract table it reads replaced by a
common table expression that normalises the warehouse's table the way an import does
(genders and their aliases, empty employment type = ordinary, types cast). Only
aggregates leave the engine: no statement fetches a personal row.

Before anything is computed, the warehouse's contract tables are checked by aggregate
queries: required columns present, gender codes known, department codes in the config.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from ligestat.config import Config
from ligestat.engines.translate import translate
from ligestat.errors import InputError
from ligestat.io.schema import TABLES, Column, TableSchema
from ligestat.rules import typed_column

__all__ = ["Engine", "Warehouse"]

_SQL_TYPES = {"date": "DATE", "integer": "BIGINT", "year": "BIGINT", "decimal": "DOUBLE",
              "boolean": "BOOLEAN"}


class Engine(Protocol):
    """What a warehouse needs of an engine: its SQL dialect and three calls."""

    dialect: str
    name: str

    def relation(self, table: str) -> tuple[str, tuple[str, ...]] | None:
        """The SQL relation holding contract table ``table`` and its column names (lower
        case), or None when the warehouse has no such table."""

    def fetch(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one statement in the engine's dialect; column names and rows."""

    def close(self) -> None: ...


@dataclass
class _Result:
    """The part of a DB-API cursor the indicators use."""

    description: list[tuple[str]]
    rows: list[tuple[Any, ...]]

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _text_select(schema: TableSchema, relation: str, present: Sequence[str]) -> str:
    """SELECT of the warehouse's table with every contract column as text (absent: NULL)."""
    cols = ", ".join(
        (f"CAST({_q(c.name)} AS VARCHAR)" if c.name in present else "CAST(NULL AS VARCHAR)")
        + f" AS {_q(c.name)}" for c in schema.columns)
    return f"SELECT {cols} FROM {relation}"


def _normalising_select(schema: TableSchema, text: str | None) -> str:
    """SELECT of the table as an import stores it (typed, genders normalised)."""
    if text is None:
        cols = ", ".join(f"CAST(NULL AS {_SQL_TYPES.get(c.kind, 'VARCHAR')}) AS {_q(c.name)}"
                         for c in schema.columns)
        return f"SELECT {cols} WHERE 1 = 0"
    typed = ", ".join(f"{_typed(c)} AS {_q(c.name)}" for c in schema.columns)
    return f"SELECT {typed} FROM ({text}) AS src"


def _typed(col: Column) -> str:
    expr = typed_column(col)
    kind = _SQL_TYPES.get(col.kind)
    # a cast of the whole CASE keeps the column's type where every branch is NULL
    return f"CAST({expr} AS {kind})" if kind else expr


_AMONG = {"gender": "known gender codes", "department": "departments in the config",
          "organisation": "organisations in the config"}


class _Translating:
    """``execute(sql, params)`` in DuckDB's dialect, run by the engine."""

    def __init__(self, warehouse: Warehouse) -> None:
        self._wh = warehouse

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> _Result:
        return self._wh.query(sql, params)


class Warehouse:
    """The contract's tables inside another engine, read through normalising CTEs."""

    def __init__(self, engine: Engine, config: Config) -> None:
        self.engine = engine
        self._config = config
        self._ctes: dict[str, str] = {}
        self._text: dict[str, str] = {}  # table → its columns as text, for the checks
        missing_required = []
        for schema in TABLES:
            found = engine.relation(schema.name)
            relation, present = found if found is not None else (None, ())
            if found is None and schema.required:
                missing_required.append(schema.name)
            absent = [c.name for c in schema.columns
                      if c.required and found is not None and c.name not in present]
            if absent:
                raise InputError(f"{engine.name}: table {schema.name} lacks the column(s) "
                                 f"{', '.join(absent)} (CONTRACT.md §1)")
            text = None if relation is None else _text_select(schema, relation, present)
            if text is not None:
                self._text[schema.name] = text
            self._ctes[schema.name] = _normalising_select(schema, text)
        if missing_required:
            raise InputError(f"{engine.name}: no table or view named "
                             f"{', '.join(missing_required)} (CONTRACT.md §1)")
        self.con = _Translating(self)
        self.older_snapshot_year: int | None = None  # a year that may count an older snapshot
        # many organisations (ligestat.organisations.prefetch): an organisation's rows of
        # statements run for all at once, and its snapshots and population dates
        self.prefetched: dict[str, list[tuple[Any, ...]]] = {}
        self._snapshots: list[date] | None = None
        self.population_dates: list[date] | None = None
        self._check()

    @property
    def config(self) -> Config:
        return self._config

    def year_config(self, year: int) -> Config:
        """The config every year is computed with (a warehouse stores none of its own)."""
        return self._config

    def organisation(self, org_id: str, config: Config) -> Warehouse:
        """One organisation's rows of a many-organisation data set (CONTRACT.md §1), with
        its config: the same warehouse, every table read through a filter on the
        ``organisation`` column (only that organisation's aggregates leave the engine)."""
        view = copy.copy(self)
        value = "'" + org_id.replace("'", "''") + "'"
        view._ctes = {name: f"SELECT * FROM ({cte}) AS org WHERE organisation = {value}"
                      for name, cte in self._ctes.items()}
        view._config = config
        view.con = _Translating(view)
        view.prefetched = {}
        view._snapshots = view.population_dates = None
        return view

    def year_configs(self) -> list[tuple[int, Config]]:
        """None per year: one config counts for every year."""
        return []

    def query(self, sql: str, params: Sequence[Any] | None = None) -> _Result:
        """One DuckDB-dialect statement over the contract tables, run in the engine."""
        stmt = translate(sql, self.engine.dialect, self._ctes, params)
        names, rows = self.engine.fetch(stmt)
        return _Result([(n,) for n in names], rows)

    def snapshots(self) -> list[date]:
        if self._snapshots is None:
            rows = self.query("SELECT DISTINCT snapshot_date FROM employees ORDER BY 1").rows
            self._snapshots = [r[0] for r in rows]
        return list(self._snapshots)

    def _check(self) -> None:
        """Aggregate checks that an import makes row by row, in one statement: every
        gender code known, every department in the config (values and counts, no row)."""
        codes = sorted(d.code for d in self._config.departments)
        listed = ", ".join("'" + c.replace("'", "''") + "'" for c in codes)
        parts: list[str] = []
        for schema in TABLES:
            if schema.name not in self._text:
                continue
            for col in schema.columns:
                if col.kind == "gender":
                    bad = f"{_typed(col)} IS NULL"
                elif col.kind == "department" and codes:
                    bad = f"trim({_q(col.name)}) NOT IN ({listed})"
                elif col.kind == "organisation":  # many organisations: listed ids only
                    ids = ", ".join("'" + i.replace("'", "''") + "'"
                                    for i in self._config.organisations) or "''"
                    bad = f"trim({_q(col.name)}) NOT IN ({ids})"
                else:
                    continue
                v = _q(col.name)
                parts.append(f"SELECT '{schema.name}.{col.name}' AS col, {v} AS v, count(*) AS n "
                             f"FROM ({self._text[schema.name]}) AS src WHERE {v} IS NOT NULL "
                             f"AND trim({v}) <> '' AND {bad} GROUP BY {v}")
        if not parts:
            return
        sql = f"SELECT col, v, n FROM ({' UNION ALL '.join(parts)}) AS bad ORDER BY col, n DESC, v"
        _, rows = self.engine.fetch(translate(sql, self.engine.dialect))
        problems: dict[str, list[tuple[str, int]]] = {}
        for col, value, n in rows:
            problems.setdefault(str(col), []).append((str(value), int(n)))
        if problems:
            text = "; ".join(
                f"{col}: values not among the {_AMONG[col.rsplit('.', 1)[1]]}"
                f": {', '.join(f'{v!r} ({n} rows)' for v, n in found[:5])}"
                + (f" and {len(found) - 5} more" if len(found) > 5 else "")
                for col, found in problems.items())
            raise InputError(f"{self.engine.name}: {text}")

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
