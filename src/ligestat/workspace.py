"""The DuckDB workspace: every imported year, kept side by side.

One import is one transaction: it is validated completely before anything is
written, then all its tables are written or none. Re-importing a snapshot (an
employees ``snapshot_date``, a leave birth year, a sick-days year, a population
date) replaces it; other years stay as they were. The organisation config used
by the latest import is stored with the data.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ligestat.config import CONFIG_FILENAME, Config, default_config, load_config, parse_config
from ligestat.errors import Problem, ValidationError, WorkspaceError, damaged_message
from ligestat.io import Staged, discover, stage
from ligestat.io.narrative import NarrativeFile, find_narrative, read_narrative
from ligestat.io.schema import TABLES, TableSchema
from ligestat.validate import typed_select, validate_staged

__all__ = ["DEFAULT_WORKSPACE", "ImportSummary", "Workspace", "resolve_config"]

DEFAULT_WORKSPACE = Path("ligestat.duckdb")
Progress = Callable[[str, int, int], None]  # (step description, done, total)

_SQL_TYPES = {"date": "DATE", "integer": "BIGINT", "year": "BIGINT", "decimal": "DOUBLE",
              "boolean": "BOOLEAN"}


def _create_sql(t: TableSchema) -> str:
    cols = ", ".join(f'"{c.name}" {_SQL_TYPES.get(c.kind, "VARCHAR")}' for c in t.columns)
    return f"CREATE TABLE IF NOT EXISTS {t.name} ({cols})"


def _is_duckdb(path: Path) -> bool:
    """DuckDB files carry the magic bytes ``DUCK`` after an 8-byte checksum (DuckDB
    itself would open e.g. a CSV file as a read-only database of views)."""
    try:
        with path.open("rb") as f:
            return f.read(12)[8:12] == b"DUCK"
    except OSError:
        return True  # let DuckDB report what is wrong


@dataclass(frozen=True)
class ImportSummary:
    """What an import (or a dry-run validation) found and stored."""

    source: str
    rows: dict[str, int] = field(default_factory=dict)  # table → rows read
    warnings: tuple[str, ...] = ()
    stored: bool = False


def resolve_config(data: Path | None, config: Config | Path | str | None,
                   stored: Config | None = None) -> Config:
    """--config, else DATA/ligestat.toml, else the workspace's stored config, else the default."""
    if isinstance(config, Config):
        return config
    if config is not None:
        return load_config(Path(config))
    if data is not None:
        folder = data if data.is_dir() else data.parent
        if (folder / CONFIG_FILENAME).is_file():
            return load_config(folder / CONFIG_FILENAME)
    return stored if stored is not None else default_config()


class Workspace:
    """A DuckDB database holding the contract's tables for any number of years."""

    def __init__(self, con: Any, path: Path | None, config: Config | None = None) -> None:
        self.con = con
        self.path = path
        self._config = config

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None, *, read_only: bool = False,
             must_exist: bool = False) -> Workspace:
        """Open (or create) the workspace at ``path``; None opens a fresh in-memory one."""
        import duckdb

        p = Path(path) if path is not None else None
        if p is not None and (must_exist or read_only) and not p.exists():
            raise WorkspaceError(
                f"{p}: no workspace here; create one with: ligestat import DATA --workspace {p}"
            )
        if p is not None and p.is_file() and p.stat().st_size > 0 and not _is_duckdb(p):
            raise WorkspaceError(
                f"{p}: cannot open the workspace: not a DuckDB workspace file; give the "
                "workspace's .duckdb file (or a new path to create one)"
            )
        try:
            con = duckdb.connect(str(p) if p else ":memory:", read_only=read_only)
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            if "Could not read enough bytes" in first:
                raise WorkspaceError(damaged_message(exc)) from None
            raise WorkspaceError(f"{p}: cannot open the workspace: {first}") from None
        ws = cls(con, p)
        if not read_only:
            for t in TABLES:
                con.execute(_create_sql(t))
            con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            con.execute("CREATE TABLE IF NOT EXISTS narrative (name VARCHAR PRIMARY KEY, "
                        "content BLOB)")
            con.execute("CREATE TABLE IF NOT EXISTS imports (source VARCHAR, tables VARCHAR, "
                        "rows BIGINT, imported_at TIMESTAMP DEFAULT current_timestamp)")
        return ws

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- config ----------------------------------------------------------------
    @property
    def stored_config(self) -> Config | None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'config'").fetchone()
        except Exception:  # a read-only workspace made before meta existed
            return None
        return parse_config(row[0], f"{self.path or 'workspace'} (stored config)") if row else None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = self.stored_config or default_config()
        return self._config

    def use_config(self, config: Config) -> None:
        """Compute with ``config`` instead of the stored one (``--config``)."""
        self._config = config

    # -- importing ---------------------------------------------------------------
    def _stage_all(self, data: Path, config: Config,
                   progress: Progress | None) -> tuple[list[Staged], list[str]]:
        sources, warnings = discover(data)
        staged: list[Staged] = []
        problems: list[Problem] = []
        total = 0
        steps = 2 * len(sources)
        try:
            for i, source in enumerate(sources):
                if progress:
                    progress(f"reading {source.label}", 2 * i, steps)
                st, found, warned = stage(self.con, source, i)
                staged.append(st)
                warnings += warned
                if progress:
                    progress(f"validating {source.label}", 2 * i + 1, steps)
                rule_problems, n = validate_staged(self.con, st, config) if not found else ([], 0)
                problems += found + rule_problems
                total += len(found) + n
        except BaseException:  # an unreadable file: drop what was staged before it
            self._drop(staged)
            raise
        if progress:
            progress("validated", steps, steps)
        if problems:
            self._drop(staged)
            raise ValidationError(problems, total=total)
        return staged, warnings

    def _drop(self, staged: list[Staged]) -> None:
        for st in staged:
            self.con.execute(f"DROP TABLE IF EXISTS {st.relation}")

    def check(self, data: Path, config: Config | None = None,
              progress: Progress | None = None) -> ImportSummary:
        """Validate ``data`` without storing anything (``ligestat validate``)."""
        config = config or resolve_config(data, None, self.stored_config)
        folder = find_narrative(data)
        if folder is not None:
            read_narrative(folder)  # checked like the tables
        staged, warnings = self._stage_all(data, config, progress)
        rows = {st.source.table: st.rows for st in staged}
        self._drop(staged)
        return ImportSummary(str(data), rows, tuple(warnings), stored=False)

    def import_data(self, data: Path | str, config: Config | Path | str | None = None,
                    progress: Progress | None = None) -> ImportSummary:
        """Validate and store a data folder in one transaction: all or nothing."""
        data = Path(data)
        cfg = resolve_config(data, config, self.stored_config)
        folder = find_narrative(data, Path(config) if isinstance(config, str | Path) else None)
        narrative = read_narrative(folder) if folder is not None else None
        staged, warnings = self._stage_all(data, cfg, progress)
        try:
            self.con.execute("BEGIN TRANSACTION")
            if narrative is not None:  # the unit's texts replace the ones stored before
                self.con.execute("DELETE FROM narrative")
                for f in narrative:
                    self.con.execute("INSERT INTO narrative VALUES (?, ?)", [f.name, f.content])
            for i, st in enumerate(staged):
                if progress:
                    progress(f"storing {st.source.label}", i, len(staged))
                self._store(st)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('config', ?)", [cfg.source_text])
            self.con.execute("INSERT INTO imports (source, tables, rows) VALUES (?, ?, ?)",
                             [str(data), ",".join(st.source.table for st in staged),
                              sum(st.rows for st in staged)])
            self.con.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(Exception):
                self.con.execute("ROLLBACK")
            if isinstance(exc, Exception) and not isinstance(exc, WorkspaceError):
                raise WorkspaceError(f"import of {data} failed, nothing was stored: {exc}") from exc
            raise
        finally:
            self._drop(staged)
        self._config = cfg
        return ImportSummary(str(data), {st.source.table: st.rows for st in staged},
                             tuple(warnings), stored=True)

    def _store(self, st: Staged) -> None:
        typed = f"typed_{st.relation}"
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {typed} AS {typed_select(st)}")
        key = st.schema.replaces_by
        if key is None:
            self.con.execute(f"DELETE FROM {st.schema.name}")
        else:
            self.con.execute(f"DELETE FROM {st.schema.name} WHERE {key} IN "
                             f"(SELECT DISTINCT {key} FROM {typed})")
        self.con.execute(f"INSERT INTO {st.schema.name} SELECT * FROM {typed}")
        self.con.execute(f"DROP TABLE {typed}")

    # -- what is stored ----------------------------------------------------------
    def narrative(self) -> tuple[NarrativeFile, ...]:
        """The narrative files stored by the last import that had them."""
        try:
            rows = self.con.execute("SELECT name, content FROM narrative ORDER BY name").fetchall()
        except Exception:  # a workspace made before narrative files were stored
            return ()
        return tuple(NarrativeFile(str(n), bytes(c)) for n, c in rows)

    def snapshots(self) -> list[date]:
        rows = self.con.execute(
            "SELECT DISTINCT snapshot_date FROM employees ORDER BY 1").fetchall()
        return [r[0] for r in rows]

    def years(self) -> list[int]:
        """Report years the workspace holds data for (staff snapshots, leave cohorts)."""
        rows = self.con.execute(
            "SELECT DISTINCT CASE WHEN month(snapshot_date) = 1 THEN year(snapshot_date) "
            "ELSE year(snapshot_date) + 1 END FROM employees "
            "UNION SELECT DISTINCT year(child_birth_date) + 2 FROM parental_leave "
            "UNION SELECT DISTINCT year + 1 FROM child_sick_days "
            "UNION SELECT DISTINCT year + 1 FROM pay ORDER BY 1").fetchall()
        return [int(r[0]) for r in rows]

    def table_counts(self) -> dict[str, int]:
        return {t.name: int(self.con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0])
                for t in TABLES}

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every stored row of a contract table, as dicts (small tables: initiatives)."""
        cur = self.con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            yield dict(zip(names, row, strict=True))
