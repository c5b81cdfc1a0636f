"""Readers: find a data folder's tables and stage them, as text, in DuckDB.

A data folder holds CSV files, one ``.xlsx`` workbook (a sheet per table) or
Parquet files, named after the contract's tables (``ligestat.io.schema``).
Staging copies every cell of a CSV file or sheet as text into a temporary table
with its source row number (``_row``; the header is row 1), so validation can name
file, row, column and value before anything is stored. A Parquet file is not
copied: a view reads it, its typed columns as they are (``Staged.types``), so a
large file streams through validation and storage without a text round trip.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ligestat.errors import InputError, Problem
from ligestat.io.csvdialect import (
    MAX_LINE_BYTES,
    CsvDialect,
    LineTooLong,
    record_lines,
    sniff_csv,
    transcoder,
)
from ligestat.io.excel import sheet_names, sheet_writer
from ligestat.io.names import likely_column, likely_table
from ligestat.io.schema import TABLES, TableSchema, table_schema
from ligestat.io.scratch import feed

__all__ = ["SourceFile", "Staged", "discover", "parquet_error", "stage"]

_SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
_TABLE_NAMES = {t.name for t in TABLES}


@dataclass(frozen=True)
class SourceFile:
    table: str
    path: Path
    kind: str  # "csv" | "parquet" | "xlsx"
    sheet: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path.name}[{self.sheet}]" if self.sheet else self.path.name


@dataclass(frozen=True)
class Staged:
    source: SourceFile
    schema: TableSchema
    relation: str  # temporary table (CSV, sheets) or view (Parquet) with the cells and _row
    columns: tuple[str, ...]  # contract columns present in the file
    rows: int
    # contract column → its Parquet type, for the columns read as they are (typed
    # Parquet); every other column holds text
    types: Mapping[str, str] = field(default_factory=dict)
    view: bool = False  # a view over the source file: read again when stored
    stamp: tuple[int, int] = (0, 0)  # the file's size and mtime when staged (views)

    def drop_sql(self) -> str:
        return f"DROP {'VIEW' if self.view else 'TABLE'} IF EXISTS {self.relation}"

    def changed(self) -> bool:
        """Whether the file a view reads has changed since it was staged."""
        return self.view and _stamp(self.source.path) != self.stamp


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def discover(data: Path) -> tuple[list[SourceFile], list[str]]:
    """The contract tables found at ``data`` (a folder or one .xlsx file), and warnings."""
    if not data.exists():
        raise InputError(f"{data}: no such file or folder")
    warnings: list[str] = []
    if data.is_file():
        if data.suffix.lower() != ".xlsx":
            raise InputError(f"{data}: give a data folder or one .xlsx workbook")
        workbooks = [data]
        files: list[Path] = []
    else:
        entries = sorted(p for p in data.iterdir() if not p.name.startswith("."))
        for p in entries:
            _refuse_special(p)
        files = [p for p in entries if p.is_file()]
        workbooks = [p for p in files
                     if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")]
    if len(workbooks) > 1:
        raise InputError(
            f"{data}: {len(workbooks)} workbooks ({', '.join(w.name for w in workbooks)}); "
            "a data folder holds at most one .xlsx"
        )
    found: dict[str, SourceFile] = {}
    near: list[str] = []

    def add(source: SourceFile) -> None:
        if source.table in found:
            raise InputError(
                f"{data}: table {source.table} is given twice ({found[source.table].label} and "
                f"{source.label}); keep one"
            )
        found[source.table] = source

    for wb in workbooks:
        for sheet in sheet_names(wb):
            name = sheet.strip().lower()
            if name in _TABLE_NAMES:
                add(SourceFile(name, wb, "xlsx", sheet))
            elif likely := likely_table(sheet, _TABLE_NAMES):
                near.append(f"{wb.name}[{sheet}]: the sheet is not named after a contract "
                            f"table, but looks like {likely}; rename the sheet to {likely} "
                            "(or to something unlike a table name to leave it out)")
            else:
                warnings.append(f"{wb.name}[{sheet}]: not a contract table; ignored")
    for path in files:
        kind = _SUFFIXES.get(path.suffix.lower())
        stem = path.stem.strip().lower()
        if kind and stem in _TABLE_NAMES:
            add(SourceFile(stem, path, kind))
        elif kind and (likely := likely_table(path.stem, _TABLE_NAMES)):
            near.append(f"{path.name}: the file is not named after a contract table, but "
                        f"looks like {likely}; rename it to {likely}{path.suffix.lower()} "
                        "(or move it out of the data folder)")
        elif kind:
            warnings.append(f"{path.name}: not a contract table; ignored")
    if near:
        raise InputError("\n".join(near))
    for t in TABLES:
        if t.required and t.name not in found:
            raise InputError(
                f"{data}: {t.name}.csv (or a sheet / Parquet file named {t.name}) is required "
                "and missing"
            )
    order = [t.name for t in TABLES]
    return sorted(found.values(), key=lambda s: order.index(s.table)), warnings


def _refuse_special(path: Path) -> None:
    """A file named like a data file that is not a regular file is an error, never skipped:
    a dangling link, a named pipe (which would hang the reader) or a device."""
    kind = _SUFFIXES.get(path.suffix.lower()) or (
        "xlsx" if path.suffix.lower() == ".xlsx" else None)
    if kind is None:
        return
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{path}: a link to a file that does not exist "
                         f"({path.readlink() if path.is_symlink() else 'missing'}); "
                         "point it at the data file or remove it") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder, not a data file")
    if not stat.S_ISREG(mode):
        what = "a named pipe" if stat.S_ISFIFO(mode) else "a device or special file"
        raise InputError(f"{path}: is {what}, not a data file; copy the data into a "
                         "regular file")


def _mixed_line_endings(path: Path) -> str | None:
    """'line N ends with LF, line 1 with CRLF' when a file mixes line endings."""
    first: bytes | None = None
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if not line.endswith(b"\n"):
                break
            ending = b"\r\n" if line.endswith(b"\r\n") else b"\n"
            if first is None:
                first = ending
            elif ending != first:
                names = {b"\r\n": "CRLF (Windows)", b"\n": "LF (Unix)"}
                return (f"{number}: line {number} ends with {names[ending]}, line 1 with "
                        f"{names[first]}")
    return None


def _duckdb_csv_error(label: str, exc: Exception, path: Path | None = None) -> InputError:
    msg = str(exc)
    line = re.search(r"Line: (\d+)", msg)
    cols = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", msg)
    where = f"{label}:{line.group(1)}" if line else label
    size = re.search(r"Maximum line size of (\d+) bytes exceeded", msg)
    if cols:
        what = f"expected {cols.group(1)} fields, found {cols.group(2)} (truncated or broken row)"
    elif "unterminated quote" in msg:
        what = "a quoted value is never closed (unterminated quote \")"
    elif size:
        what = f"a line is longer than {int(size.group(1)):,} bytes"
    elif "state machine reached an invalid state" in msg and path is not None and (
            mixed := _mixed_line_endings(path)):
        number, what = mixed.split(": ", 1)
        return InputError(f"{label}:{number}: malformed CSV: mixed line endings ({what}); "
                          "save the file again so every line ends the same way")
    else:
        what = msg.splitlines()[0].replace("Invalid Input Error: ", "")
    return InputError(f"{where}: malformed CSV: {what}")


def _load_csv(con: Any, label: str, path: Path, relation: str, dialect: CsvDialect,
              original: Path | None = None) -> None:
    import duckdb

    cols = {f"c{i}": "VARCHAR" for i in range(len(dialect.header))}
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {relation} AS "
            "SELECT (row_number() OVER ()) + 1 AS _row, * "
            "FROM read_csv(?, delim=?, quote='\"', escape='\"', header=true, auto_detect=false, "
            "columns=?, null_padding=false, strict_mode=true)",
            [str(path), dialect.delimiter, cols],
        )
    except duckdb.Error as exc:
        raise _duckdb_csv_error(label, exc, original or path) from None


def _stage_csv(con: Any, source: SourceFile, relation: str, schema: TableSchema,
               mapping: Mapping[str, str]) -> tuple[tuple[str, ...], list[Problem], list[str]]:
    path = source.path
    if source.kind == "xlsx":  # converted on the fly: no plain-text copy on disk
        assert source.sheet is not None
        header, write = sheet_writer(path, source.sheet)
        dialect = CsvDialect("utf-8", ",", header)
        with feed(write) as fed:
            _load_csv(con, source.label, fed, relation, dialect)
    else:
        known = {*schema.column_names, *(h.strip().lower() for h in mapping.values())}
        dialect = sniff_csv(path, frozenset(known))
        if dialect.encoding == "cp1252":
            with feed(transcoder(path, "cp1252")) as fed:
                _load_csv(con, source.label, fed, relation, dialect, path)
        else:
            _load_csv(con, source.label, path, relation, dialect)
        # problems name file lines, even after blank lines
        records = int(con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0])
        try:
            lines = record_lines(path, dialect.delimiter, records, dialect.encoding)
        except LineTooLong as exc:
            raise InputError(f"{source.label}:{exc.line}: malformed CSV: a line is longer "
                             f"than {MAX_LINE_BYTES:,} bytes") from None
        if lines is not None:
            con.execute(f"UPDATE {relation} SET _row = m.line FROM (SELECT unnest(?::BIGINT[]) "
                        f"AS line, unnest(range(2, ?)) AS old) m WHERE _row = m.old",
                        [lines, records + 2])
    names = [h.strip().lower().lstrip("\ufeff") for h in dialect.header]
    present, problems, warnings, targets, added = _rename(source, names, schema, mapping)
    _rename_table(con, relation, targets, added)
    return present, problems, warnings


# Parquet types whose cells validation and storage read as they are (``Staged.types``):
# their text form is known, so the contract's text rules need to run only on the cells a
# typed test cannot pass (ligestat.rules); any other type is read as text, as CSV is.
_TYPED = {
    "date": ("DATE",),
    "integer": ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT",
                "UINTEGER"),
    "decimal": ("DOUBLE", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT",
                "USMALLINT", "UINTEGER"),
    "boolean": ("BOOLEAN",),
}
_TYPED["year"] = _TYPED["integer"]


def _keeps_type(kind: str, typ: str) -> bool:
    """Whether a Parquet column of type ``typ`` is read as it is for a column of ``kind``."""
    return typ in _TYPED.get(kind, ())


def _stage_parquet(con: Any, source: SourceFile, relation: str, schema: TableSchema,
                   mapping: Mapping[str, str]) -> tuple[tuple[str, ...], list[Problem],
                                                        list[str], dict[str, str]]:
    """A view over the Parquet file (nothing copied): columns of a type the contract reads
    as it is keep it, the others are read as text; ``_row`` is the file's row number."""
    import duckdb

    path = "'" + str(source.path).replace("'", "''") + "'"
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({path})")
        types = [(r[0], r[1]) for r in described.fetchall()]
    except duckdb.Error as exc:
        raise parquet_error(source.label, exc) from None
    names = [n.strip().lower() for n, _ in types]
    present, problems, warnings, targets, added = _rename(source, names, schema, mapping)
    exprs, kept = [], {}
    for i, (name, typ) in enumerate(types):
        if i not in targets:
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        col = schema.column(targets[i])
        if typ == "VARCHAR":
            expr = quoted
        elif _keeps_type(col.kind, typ):
            expr = quoted
            kept[col.name] = typ
        elif typ.startswith("TIMESTAMP"):
            expr = f"strftime({quoted}, '%Y-%m-%d')"
        else:
            expr = f"CAST({quoted} AS VARCHAR)"
        exprs.append(f'{expr} AS "{col.name}"')
    exprs += [f'CAST(NULL AS VARCHAR) AS "{name}"' for name in added]
    con.execute(f"CREATE OR REPLACE TEMP VIEW {relation} AS SELECT file_row_number + 1 AS _row"
                f"{''.join(', ' + e for e in exprs)} "
                f"FROM read_parquet({path}, file_row_number = true)")
    return present, problems, warnings, kept


def parquet_error(label: str, exc: Exception) -> InputError:
    first = str(exc).splitlines()[0]
    return InputError(f"{label}: not a readable Parquet file ({first})")


def _rename_table(con: Any, relation: str, targets: dict[int, str],
                  added: tuple[str, ...]) -> None:
    """Name a staged text table's columns after the contract; add absent optional ones."""
    for i, target in targets.items():
        con.execute(f'ALTER TABLE {relation} RENAME COLUMN c{i} TO "{target}"')
    for name in added:
        con.execute(f'ALTER TABLE {relation} ADD COLUMN "{name}" VARCHAR')


def _rename(source: SourceFile, names: list[str], schema: TableSchema,
            mapping: Mapping[str, str]) -> tuple[tuple[str, ...], list[Problem], list[str],
                                                 dict[int, str], tuple[str, ...]]:
    """Name the source's columns after the contract: a header is a contract column's name
    (any case) or mapped to one by ``[columns.TABLE]`` in ligestat.toml; an unknown header
    that is almost a missing column's name is an error saying which.

    Returns the contract columns present, problems, warnings, the source column index →
    contract column, and the optional columns absent (staged as empty)."""
    problems: list[Problem] = []
    warnings: list[str] = []
    present: list[str] = []
    targets: dict[int, str] = {}
    mapped = {header.strip().lower(): col for col, header in mapping.items()}
    taken = {mapped[n] for n in names if n in mapped}  # columns a mapped header provides
    unknown: list[tuple[int, str]] = []
    for i, name in enumerate(names):
        if name in mapped:
            target = mapped[name]
        elif name in schema.column_names and name in taken:
            warnings.append(f"{source.label}: column {name!r} ignored: ligestat.toml reads "
                            f"{name} from {mapping[name]!r}")
            continue
        else:
            target = name
        if target in schema.column_names:
            if target in present:
                problems.append(Problem(source.label, 1, target,
                                        "column appears twice in header"))
                continue
            targets[i] = target
            present.append(target)
        else:
            unknown.append((i, name))
    missing = [c.name for c in schema.columns if c.name not in present]
    hinted: set[str] = set()
    for _, name in unknown:
        likely = likely_column(name, [m for m in missing if m not in hinted])
        if likely is None:
            warnings.append(f"{source.label}: unknown column {name!r} ignored")
            continue
        hinted.add(likely)
        problems.append(Problem(
            source.label, 1, name, f"unknown column; did you mean {likely}? Rename the header, "
            f"or map it in ligestat.toml: [columns.{schema.name}] {likely} = \"{name}\""))
    added: list[str] = []
    for col in schema.columns:
        if col.name not in present and col.name not in hinted:
            if col.required or col.name in schema.unique:
                lacking = (f" (ligestat.toml maps it from {mapping[col.name]!r}, which the "
                           "header lacks)" if col.name in mapping else "")
                problems.append(Problem(source.label, 1, col.name,
                                        "required column is missing" + lacking))
            else:
                added.append(col.name)
    return tuple(present), problems, warnings, targets, tuple(added)


def stage(con: Any, source: SourceFile, index: int,
          columns: Mapping[str, str] | None = None) -> tuple[Staged, list[Problem], list[str]]:
    """Stage one source table: CSV and sheets are copied into a temporary text table,
    Parquet files are read through a view; returns it, problems, warnings.

    ``columns`` maps contract column → the file's own header (``[columns.TABLE]``).
    """
    mapping = columns or {}
    schema = table_schema(source.table)
    relation = f"stg_{source.table}_{index}"
    if source.kind == "parquet":
        stamp = _stamp(source.path)
        present, problems, warnings, types = _stage_parquet(con, source, relation, schema,
                                                            mapping)
        try:
            rows = int(con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0])
        except Exception as exc:
            con.execute(f"DROP VIEW IF EXISTS {relation}")
            raise parquet_error(source.label, exc) from None
        return (Staged(source, schema, relation, present, rows, types, True, stamp), problems,
                warnings)
    present, problems, warnings = _stage_csv(con, source, relation, schema, mapping)
    rows = int(con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0])
    return Staged(source, schema, relation, present, rows), problems, warnings
