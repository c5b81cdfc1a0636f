"""The DuckDB workspace: every imported year, kept side by side.

One import is one transaction: it is validated completely before anything is
written, then all its tables are written or none. Re-importing a snapshot (an
employees ``snapshot_date``, a leave birth year, a sick-days year, a population
date) replaces it; other years stay as they were. Context figures are kept per
report year: an import's ``context.csv`` replaces those of the report year of its
latest staff snapshot. The organisation config used by the latest import is stored with the data,
and each staff snapshot keeps the config it was imported with.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ligestat.config import CONFIG_FILENAME, Config, load_config, parse_config
from ligestat.errors import (
    ConfigError,
    InputError,
    Problem,
    ValidationError,
    WorkspaceError,
    damaged_message,
    is_interrupt,
)
from ligestat.io import Staged, discover, parquet_error, stage
from ligestat.io.narrative import NarrativeFile, find_narrative, read_narrative
from ligestat.io.schema import TABLES
from ligestat.io.scratch import private_dir
from ligestat.limits import limit
from ligestat.rules import typed_column, typed_select, validate_staged

__all__ = ["ImportSummary", "Workspace", "resolve_config", "year_window"]

Progress = Callable[[str, int, int], None]  # (step description, done, total)

_SQL_TYPES = {"date": "DATE", "integer": "BIGINT", "year": "BIGINT", "decimal": "DOUBLE",
              "boolean": "BOOLEAN"}


# the workspace's own tables beside the contract's: name → column definitions
_OWN_TABLES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("meta", (("key", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR"))),
    ("narrative", (("name", "VARCHAR PRIMARY KEY"), ("content", "BLOB"))),
    ("imports", (("source", "VARCHAR"), ("tables", "VARCHAR"), ("rows", "BIGINT"),
                 ("imported_at", "TIMESTAMP DEFAULT current_timestamp"))),
    ("snapshot_configs", (("snapshot_date", "DATE PRIMARY KEY"), ("config", "VARCHAR"))),
)


# columns the workspace keeps beside a contract table's own: context figures are kept per
# report year (the year of the import's latest staff snapshot)
_EXTRA_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {"context": (("report_year", "BIGINT"),)}


def _layout() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Every table this version of ligestat keeps, with its columns' SQL types."""
    contract = tuple((t.name, tuple((c.name, _SQL_TYPES.get(c.kind, "VARCHAR"))
                                    for c in t.columns) + _EXTRA_COLUMNS.get(t.name, ()))
                     for t in TABLES)
    return contract + _OWN_TABLES


_BY_ORGANISATION = ("employees", "parental_leave", "child_sick_days", "pay")


def _upgrade(con: Any, *, read_only: bool) -> None:
    """Bring a workspace made by an earlier ligestat up to this version's layout.

    A table or column added since the workspace was made (pay, context, an
    initiative's description, …) is created empty: stored years keep their data
    and read as "not present". A writable workspace is altered in place; a
    read-only one gets the same layout as session-local views over its tables,
    leaving the file as it is.
    """
    db = con.execute("SELECT current_database()").fetchone()[0]
    have: dict[str, set[str]] = {}
    for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main'").fetchall():
        have.setdefault(table, set()).add(column)
    for name, columns in _layout():
        if name not in have:
            defs = ", ".join(f'"{c}" {t}' for c, t in columns)
            temp = "TEMP " if read_only else ""
            con.execute(f"CREATE {temp}TABLE IF NOT EXISTS {name} ({defs})")
            continue
        missing = [(c, t.split()[0]) for c, t in columns if c not in have[name]]
        if not missing:
            continue
        if read_only:
            extra = ", ".join(f'NULL::{t} AS "{c}"' for c, t in missing)
            con.execute(f'CREATE TEMP VIEW {name} AS SELECT *, {extra} FROM "{db}".main.{name}')
        else:
            for c, t in missing:
                con.execute(f'ALTER TABLE {name} ADD COLUMN "{c}" {t}')


def _open_error(path: Path | None, exc: Exception) -> WorkspaceError:
    first = str(exc).splitlines()[0]
    if "Could not set lock" in first or "Conflicting lock" in first:
        pid = re.search(r"\(PID (\d+)\)", str(exc))
        held = f" (process {pid.group(1)})" if pid else ""
        return WorkspaceError(
            f"{path}: cannot open the workspace: it is in use by another ligestat process"
            f"{held}; wait for it to finish and try again")
    return WorkspaceError(f"{path}: cannot open the workspace: {first}")


def _bound_memory(con: Any, memory: int) -> Path:
    """DuckDB's memory limit (``LIGESTAT_MEMORY_BYTES``) and a private temporary folder
    for what does not fit (DuckDB's default would be beside the workspace, or ./.tmp)."""
    spill = private_dir()
    con.execute(f"SET memory_limit = '{memory}B'")
    con.execute("SET temp_directory = ?", [str(spill)])
    return spill


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
    """--config, else DATA/ligestat.toml, else the workspace's stored config.

    Nothing else: a folder without a config is an error that says how to start one,
    never silently another organisation's config (the demo's lives in ``synth kk-2025``).
    """
    if isinstance(config, Config):
        return config
    if config is not None:
        return load_config(Path(config))
    folder = None
    if data is not None:
        if not data.exists():
            raise InputError(f"{data}: no such file or folder")
        folder = data if data.is_dir() else data.parent
        if (folder / CONFIG_FILENAME).is_file():
            return load_config(folder / CONFIG_FILENAME)
    if stored is not None:
        return stored
    where = f"{folder} has no {CONFIG_FILENAME}" if folder else f"no {CONFIG_FILENAME} was found"
    target = data if data is not None else "DATA"
    raise ConfigError(
        f"{where} and no --config was given; ligestat needs the organisation's name and "
        f"department codes. Start one with: ligestat init {target} --organisation NAME "
        "(it lists the data's own department codes; see docs/config.md)"
    )


def year_window(year: int) -> tuple[date, date]:
    """The staff snapshots that belong to report year ``year`` (CONTRACT.md §1: the latest
    on or before 31 January of the year; a year's own data is dated within the 12 months
    up to that day)."""
    return date(year - 1, 2, 1), date(year, 1, 31)


class Workspace:
    """A DuckDB database holding the contract's tables for any number of years."""

    def __init__(self, con: Any, path: Path | None, config: Config | None = None) -> None:
        self.con = con
        self.path = path
        self._config = config
        self._explicit = config is not None
        # the report year allowed to use a staff snapshot older than its own window
        # (``--allow-older-snapshot``); every other year needs its own data
        self.older_snapshot_year: int | None = None
        # set once an import's transaction is committed: a Ctrl-C after that point (while
        # cleaning up or printing the summary) must not be reported as "nothing was stored"
        self.import_committed = False
        self._importing: Config | None = None  # the config of the import being stored
        self._spill: Path | None = None  # DuckDB's temporary folder, removed on close
        self._configs: dict[tuple[str, str], Config] = {}  # stored configs, parsed once

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
        memory = limit("memory_bytes")  # a bad LIGESTAT_MEMORY_BYTES: an error before opening
        try:
            con = duckdb.connect(str(p) if p else ":memory:", read_only=read_only)
        except duckdb.Error as exc:
            if "Could not read enough bytes" in str(exc).splitlines()[0]:
                raise WorkspaceError(damaged_message(exc)) from None
            raise _open_error(p, exc) from None
        # DuckDB draws a progress bar on stdout for queries over 2 s: it would corrupt
        # `ligestat tables --json -`; ligestat shows its own progress on stderr
        con.execute("SET enable_progress_bar = false")
        try:
            _upgrade(con, read_only=read_only)
        except duckdb.Error as exc:
            con.close()
            raise _open_error(p, exc) from None
        ws = cls(con, p)
        ws._spill = _bound_memory(con, memory)
        return ws

    def close(self) -> None:
        self.con.close()
        if self._spill is not None:
            shutil.rmtree(self._spill, ignore_errors=True)
            self._spill = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- config ----------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        except Exception as exc:  # a read-only workspace made before meta existed
            if type(exc).__name__ != "CatalogException":
                raise  # a damaged file: the CLI says so
            return None
        return str(row[0]) if row else None

    @property
    def stored_config(self) -> Config | None:
        """The config of the latest import (None in an empty workspace)."""
        text = self._meta("config")
        return self._parsed(text, f"{self.path or 'workspace'} (stored config)") if text else None

    @property
    def organisation(self) -> str | None:
        """The organisation whose data this workspace holds (None while empty)."""
        stored = self._meta("organisation")
        if stored is None and (cfg := self.stored_config) is not None:
            return cfg.organisation  # a workspace made before the organisation was kept
        return stored

    @property
    def config(self) -> Config:
        """``--config`` when given, else the config of the latest import."""
        if self._config is None:
            stored = self.stored_config
            if stored is None:
                raise WorkspaceError(
                    f"{self.path or 'the workspace'} holds no data yet; import a data folder "
                    "with its ligestat.toml first: ligestat import DATA")
            self._config = stored
        return self._config

    def year_config(self, year: int) -> Config:
        """The config report year ``year`` is computed with: ``--config`` when given, else
        the config its staff snapshot was imported with — a later import may rename or add
        departments without rewriting earlier years."""
        if self._explicit or self.path is None:
            return self.config
        start, end = year_window(year)
        try:
            row = self.con.execute(
                "SELECT config FROM snapshot_configs WHERE snapshot_date BETWEEN ? AND ? "
                "ORDER BY snapshot_date DESC LIMIT 1", [start, end]).fetchone()
        except Exception:  # a workspace made before configs were kept per snapshot
            row = None
        if row is None:
            return self.config
        return self._parsed(row[0], f"{self.path} (config stored for {year})")

    def _parsed(self, text: str, where: str) -> Config:
        """A stored config, parsed once per workspace (a config of many organisations is
        large, and every year asks for its own)."""
        if (text, where) not in self._configs:
            self._configs[text, where] = parse_config(text, where)
        return self._configs[text, where]

    def year_configs(self) -> list[tuple[int, Config]]:
        """Every report year with a staff snapshot and the config it was imported with,
        ascending (a year with several snapshots: its latest); empty under ``--config``,
        which counts for every year."""
        if self._explicit or self.path is None:
            return []
        try:
            rows = self.con.execute(
                "SELECT snapshot_date, config FROM snapshot_configs ORDER BY 1").fetchall()
        except Exception:  # a workspace made before configs were kept per snapshot
            return []
        texts = {(d.year if d.month == 1 else d.year + 1): text for d, text in rows}
        parsed: dict[str, Config] = {}
        for text in texts.values():
            if text not in parsed:
                parsed[text] = self._parsed(text, f"{self.path} (stored config)")
        return [(year, parsed[text]) for year, text in sorted(texts.items())]

    def use_config(self, config: Config) -> None:
        """Compute with ``config`` instead of the stored ones (``--config``)."""
        self._config = config
        self._explicit = True

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
                st, found, warned = stage(self.con, source, i,
                                          columns=config.columns.get(source.table))
                staged.append(st)
                warnings += warned
                if progress:
                    progress(f"validating {source.label}", 2 * i + 1, steps)
                rule_problems, n = self._validate(st, config) if not found else ([], 0)
                problems += found + rule_problems
                total += len(found) + n
        except BaseException as exc:  # an unreadable file: drop what was staged before it
            self._drop(staged)
            if is_interrupt(exc):
                raise KeyboardInterrupt from None
            raise
        if progress:
            progress("validated", steps, steps)
        if problems:
            self._drop(staged)
            raise ValidationError(problems, total=total)
        return staged, warnings

    def _validate(self, st: Staged, config: Config) -> tuple[list[Problem], int]:
        import duckdb

        try:
            return validate_staged(self.con, st, config)
        except duckdb.Error as exc:  # a view reads the Parquet file only now
            if not st.view or is_interrupt(exc):
                raise
            raise parquet_error(st.source.label, exc) from None

    def _drop(self, staged: list[Staged]) -> None:
        for st in staged:
            self.con.execute(st.drop_sql())

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
        self.import_committed = False
        cfg = resolve_config(data, config, self.stored_config)
        owner = self.organisation
        if owner is not None and owner != cfg.organisation:
            raise WorkspaceError(
                f"{self.path or 'the workspace'} holds {owner}'s data, and {data} is "
                f"{cfg.organisation}'s (organisation in its ligestat.toml); a workspace belongs "
                "to one organisation: import into another workspace (--workspace FILE), or "
                "correct the organisation's name in ligestat.toml; nothing was stored")
        folder = find_narrative(data, Path(config) if isinstance(config, str | Path) else None)
        narrative = read_narrative(folder) if folder is not None else None
        staged, warnings = self._stage_all(data, cfg, progress)
        self._importing = cfg
        # the stored rows need not keep the file's order: DuckDB streams them in parallel
        # without holding them back to keep it
        self.con.execute("SET preserve_insertion_order = false")
        try:
            self.con.execute("BEGIN TRANSACTION")
            if narrative is not None:  # the unit's texts replace the ones stored before
                self.con.execute("DELETE FROM narrative")
                for f in narrative:
                    self.con.execute("INSERT INTO narrative VALUES (?, ?)", [f.name, f.content])
            for i, st in enumerate(staged):
                if progress:
                    progress(f"storing {st.source.label}", i, len(staged))
                self._store(st, self._report_year(staged, st))
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('config', ?)", [cfg.source_text])
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('organisation', ?)",
                             [cfg.organisation])
            # the dates made distinct before the config joins them: DISTINCT over (date,
            # config) would hash the config's text (100 kB with many organisations) per row
            self.con.execute("INSERT OR REPLACE INTO snapshot_configs SELECT d, ? FROM "
                             "(SELECT DISTINCT snapshot_date AS d FROM employees WHERE "
                             f"snapshot_date IN ({self._snapshots_sql(staged, cfg)}))",
                             [cfg.source_text])
            self.con.execute("INSERT INTO imports (source, tables, rows) VALUES (?, ?, ?)",
                             [str(data), ",".join(st.source.table for st in staged),
                              sum(st.rows for st in staged)])
            for st in staged:  # a Parquet file is read again to be stored: the same file?
                if st.changed():
                    raise WorkspaceError(
                        f"{st.source.label}: the file changed while it was being imported; "
                        "nothing was stored; import it again once it is complete")
            self.con.execute("COMMIT")
            self.import_committed = True
        except BaseException as exc:
            with contextlib.suppress(Exception):
                self.con.execute("ROLLBACK")
            if is_interrupt(exc):
                raise KeyboardInterrupt from None
            if isinstance(exc, Exception) and not isinstance(exc, WorkspaceError):
                raise WorkspaceError(f"import of {data} failed, nothing was stored: {exc}") from exc
            raise
        finally:
            self._drop(staged)
            self.con.execute("RESET preserve_insertion_order")
        self._config = cfg
        return ImportSummary(str(data), {st.source.table: st.rows for st in staged},
                             tuple(warnings), stored=True)

    @staticmethod
    def _snapshots_sql(staged: list[Staged], cfg: Config) -> str:
        """The staff snapshots this import brings (their rows are stored by now)."""
        emp = [st for st in staged if st.schema.name == "employees"]
        if not emp:
            return "SELECT NULL::DATE"
        day = typed_column(emp[0].schema.column("snapshot_date"), emp[0], cfg)
        return f"SELECT DISTINCT {day} FROM {emp[0].relation}"

    def _report_year(self, staged: list[Staged], st: Staged) -> int | None:
        """The report year context figures are stored for: that of the import's latest
        staff snapshot (employees.csv is required, so an import has one)."""
        if st.schema.name != "context" or self._importing is None:
            return None
        row = self.con.execute(
            "SELECT max(CASE WHEN month(d) = 1 THEN year(d) ELSE year(d) + 1 END) "
            f"FROM ({self._snapshots_sql(staged, self._importing)}) AS s(d)").fetchone()
        return int(row[0]) if row is not None and row[0] is not None else None

    def _store(self, st: Staged, report_year: int | None = None) -> None:
        """Replace the snapshots (years, dates) the staged table brings; insert its rows,
        typed, straight from the staged table (or the Parquet file) in one pass. Context
        figures replace those of their report year only, kept in the file's order."""
        typed = typed_select(st, self._importing)
        key = st.schema.replaces_by
        table = st.schema.name
        if table == "context":
            cols = ", ".join(f'"{c}"' for c in st.schema.column_names)
            self.con.execute("DELETE FROM context WHERE report_year IS NOT DISTINCT FROM ?",
                             [report_year])
            self.con.execute("SET preserve_insertion_order = true")  # the report's order
            self.con.execute(f"INSERT INTO context ({cols}, report_year) "
                             f"SELECT *, ? FROM ({typed})", [report_year])
            self.con.execute("SET preserve_insertion_order = false")
            return
        if self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
            if key is None:
                self.con.execute(f"DELETE FROM {table}")
            else:
                self.con.execute(f"DELETE FROM {table} WHERE {key} IN "
                                 f"(SELECT DISTINCT {key} FROM ({typed}))")
        if "organisation" in st.columns and table in _BY_ORGANISATION:
            # many organisations: stored in organisation order, so that reading one
            # organisation's rows (ligestat.organisations) skips the others' row groups;
            # a file already in that order is stored as it is, without a sort
            order = "" if self._in_organisation_order(st) else " ORDER BY organisation"
            self.con.execute("SET preserve_insertion_order = true")
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM ({typed}){order}")
            self.con.execute("SET preserve_insertion_order = false")
        else:
            self.con.execute(f"INSERT INTO {table} BY NAME {typed}")

    def _in_organisation_order(self, st: Staged) -> bool:
        """Whether the staged rows come organisation by organisation, in ascending order:
        each organisation's rows one run of consecutive rows (one small aggregate; a
        CSV record over several lines breaks a run, and the rows are then sorted)."""
        runs = self.con.execute(
            f"SELECT organisation, min(_row), max(_row), count(*) FROM {st.relation} "
            "GROUP BY organisation ORDER BY 2").fetchall()
        ids = [r[0] for r in runs]
        return (None not in ids and ids == sorted(ids)
                and all(last - first + 1 == n for _, first, last, n in runs))

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
        """Every stored row of a contract table, as dicts (small tables: initiatives),
        without the ``organisation`` column (an organisation's rows are its own view)."""
        cur = self.con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            yield {k: v for k, v in zip(names, row, strict=True) if k != "organisation"}
