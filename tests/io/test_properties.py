"""Malformed variants of a valid data folder, thrown at ``validate`` and ``import``: every
outcome is success or a LigestatError, validate and import agree, and a failed import leaves
the workspace's tables exactly as they were."""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orgdata
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ligestat import api
from ligestat.cli import app
from ligestat.errors import LigestatError
from ligestat.workspace import Workspace

TABLES = list(orgdata.COLUMNS)
SETTINGS = settings(max_examples=80, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

CELL_VALUES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", '"', '""', "'", ",", ";", "\n", "\r\n", "\t", "NULL", "nan",
                     "inf", "-0", "+7", "1e308", "1,5", "1.000,5", "2024-02-30", "0000-00-00",
                     "9999-12-31", "2025-01-01T00:00", "ja", "K", "mænd", "ÆØÅ", "\ufeff",
                     "\u2028", "\x85", "\x1a", "ADM ", "=1+1", "-1", "201", "1899", "2026"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(repr),
    st.dates().map(str),
    st.integers(min_value=1_000, max_value=200_000).map(lambda n: "x" * n),
)

Op = tuple[Any, ...]
STRUCTURED = st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(TABLES), st.floats(0, 1), st.integers(0, 8),
              CELL_VALUES),
    st.tuples(st.just("drop_column"), st.sampled_from(TABLES), st.integers(0, 8)),
    st.tuples(st.just("duplicate_column"), st.sampled_from(TABLES), st.integers(0, 8)),
    st.tuples(st.just("rename_column"), st.sampled_from(TABLES), st.integers(0, 8),
              st.sampled_from(["", "x", "EMPLOYEE_ID", "gender ", "køn", "a,b", "year"])),
    st.tuples(st.just("duplicate_row"), st.sampled_from(TABLES), st.floats(0, 1)),
    st.tuples(st.just("separator"), st.sampled_from(TABLES), st.sampled_from([";", "\t", "|"])),
)
BYTES = st.one_of(
    st.tuples(st.just("truncate"), st.sampled_from(TABLES), st.floats(0, 1)),
    st.tuples(st.just("append"), st.sampled_from(TABLES), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("replace"), st.sampled_from(TABLES), st.binary(max_size=256)),
    st.tuples(st.just("encoding"), st.sampled_from(TABLES),
              st.sampled_from(["cp1252", "utf-8-sig", "utf-16", "latin-1", "cp437",
                               "mac_roman"])),
    st.tuples(st.just("delete"), st.sampled_from(TABLES)),
    st.tuples(st.just("config"), st.sampled_from(["", "organisation = 1\n", "[departments\n",
                                                   'organisation = "X"\n[departments.ADM]\n'])),
)
MUTATIONS = st.tuples(st.lists(STRUCTURED, max_size=3), st.lists(BYTES, max_size=2)).filter(
    lambda ops: bool(ops[0] or ops[1]))


def _apply(folder: Path, op: Op) -> None:
    kind, table = op[0], op[1]
    path = folder / f"{table}.csv"
    if kind == "config":
        (folder / "ligestat.toml").write_text(str(table), encoding="utf-8")
        return
    if not path.exists():
        return
    if kind in ("cell", "drop_column", "duplicate_column", "rename_column", "duplicate_row",
                "separator"):
        try:
            rows = orgdata.read_table(folder, table)
        except (UnicodeDecodeError, ValueError, csv.Error):  # made unreadable before
            return
        if not rows or not rows[0]:
            return
        width = len(rows[0])
        if kind == "cell" and len(rows) > 1:
            r = 1 + int(op[2] * (len(rows) - 2))
            rows[r][op[3] % width] = op[4]
        elif kind == "drop_column":
            i = op[2] % width
            rows = [row[:i] + row[i + 1:] for row in rows]
        elif kind == "duplicate_column":
            i = op[2] % width
            rows = [[*row, row[i]] for row in rows]
        elif kind == "rename_column":
            rows[0][op[2] % width] = op[3]
        elif kind == "duplicate_row" and len(rows) > 1:
            rows.insert(1 + int(op[2] * (len(rows) - 2)), list(rows[1]))
        if kind == "separator":
            with path.open("w", encoding="utf-8", newline="") as f:
                csv.writer(f, delimiter=op[2], lineterminator="\n").writerows(rows)
        else:
            orgdata.write_table(folder, table, rows)
        return
    data = path.read_bytes()
    if kind == "truncate":
        path.write_bytes(data[: int(op[2] * len(data))])
    elif kind == "append":
        path.write_bytes(data + op[2])
    elif kind == "replace":
        path.write_bytes(op[2])
    elif kind == "encoding":
        text = data.decode("utf-8", errors="replace")
        path.write_bytes(text.encode(op[2], errors="replace"))
    elif kind == "delete":
        path.unlink()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A valid folder to break, and a workspace already holding earlier data."""
    root = tmp_path_factory.mktemp("properties")
    valid = orgdata.write_csv(root / "valid")
    earlier = orgdata.write_csv(root / "earlier", tables={
        "employees": [r for r in orgdata.ROWS["employees"] if r[0].year == 2024],
        "parental_leave": orgdata.ROWS["parental_leave"][:5],
        "initiatives": orgdata.ROWS["initiatives"][2:],
    })
    workspace = root / "template.duckdb"
    with Workspace.open(workspace) as ws:
        ws.import_data(earlier)
        contents = _everything(ws)
    return {"valid": valid, "workspace": workspace, "contents": contents}


def _everything(ws: Workspace) -> dict[str, Any]:
    out: dict[str, Any] = orgdata.all_contents(ws.con)
    out["meta"] = ws.con.execute("SELECT * FROM meta ORDER BY ALL").fetchall()
    out["imports"] = ws.con.execute("SELECT source, tables, rows FROM imports").fetchall()
    return out


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ligestat-prop-") as d:
        yield Path(d)


def _variant(template: dict[str, Any], scratch: Path, ops: tuple[list[Op], list[Op]]) -> Path:
    folder = scratch / "data"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(template["valid"], folder)
    for op in [*ops[0], *ops[1]]:
        _apply(folder, op)
    return folder


def _outcome(fn: Any, *args: Any) -> LigestatError | None:
    """None on success, the LigestatError otherwise; any other exception fails the test."""
    try:
        fn(*args)
    except LigestatError as exc:
        assert str(exc).strip(), "an error must say what is wrong"
        return exc
    return None


@SETTINGS
@given(ops=MUTATIONS)
def test_malformed_folders_fail_cleanly_and_never_touch_the_workspace(
        template: dict[str, Any], scratch: Path, ops: tuple[list[Op], list[Op]]) -> None:
    folder = _variant(template, scratch, ops)
    checked = _outcome(api.validate, folder)
    path = scratch / "w.duckdb"
    shutil.copy(template["workspace"], path)
    with Workspace.open(path) as ws:
        imported = _outcome(ws.import_data, folder)
        assert (checked is None) == (imported is None), (checked, imported)
        if imported is not None:
            assert _everything(ws) == template["contents"]
        # a second attempt on the same connection behaves the same (nothing left behind)
        assert (_outcome(ws.import_data, folder) is None) == (imported is None)
        if imported is not None:
            assert _everything(ws) == template["contents"]


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(ops=MUTATIONS)
def test_malformed_folders_via_the_cli_exit_0_or_1_without_a_traceback(
        template: dict[str, Any], scratch: Path, ops: tuple[list[Op], list[Op]]) -> None:
    folder = _variant(template, scratch, ops)
    path = scratch / "cli.duckdb"
    shutil.copy(template["workspace"], path)
    runner = CliRunner()
    checked = runner.invoke(app, ["validate", str(folder)])
    imported = runner.invoke(app, ["import", str(folder), "--workspace", str(path)])
    for result in (checked, imported):
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert checked.exit_code == imported.exit_code
    if imported.exit_code == 1:
        assert "error:" in imported.output
        with Workspace.open(path) as ws:
            assert _everything(ws) == template["contents"]


EXCEL_VALUES = st.one_of(
    st.none(), st.booleans(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
    st.dates(min_value=date(1900, 3, 1)), st.times(),
    st.sampled_from(["=1/0", "=A1", "#N/A", "2025-01-01", "1,5", "k", "ja"]),
)
PARQUET_EXPRESSIONS = st.sampled_from([
    "NULL", "'garbage'", "CAST(@ AS VARCHAR) || '?'", "random()", "-1", "1e308",
    "TIMESTAMP '2025-01-01 12:30:00'", "TIMESTAMPTZ '2025-01-01 00:00:00+02'",
    "DATE '2025-01-01'", "true", "[1, 2]", "{'a': 1}", "'\\x00'::BLOB", "INTERVAL 3 DAY",
    "TIME '12:00:00'", "123456789012345678901234567890::HUGEINT", "10.500::DECIMAL(9, 3)",
    "'ADM'", "'k'", "'æøå'",
])
TYPED = st.one_of(
    st.tuples(st.just("xlsx_cell"), st.sampled_from(TABLES), st.integers(1, 70),
              st.integers(1, 10), EXCEL_VALUES),
    st.tuples(st.just("xlsx_sheet"), st.sampled_from(TABLES),
              st.sampled_from(["delete", "rename", "empty", "blank_rows"])),
    st.tuples(st.just("parquet_column"), st.sampled_from(TABLES), st.integers(0, 8),
              PARQUET_EXPRESSIONS),
    st.tuples(st.just("parquet_drop"), st.sampled_from(TABLES), st.integers(0, 8)),
    st.tuples(st.just("truncate_binary"), st.sampled_from(["xlsx", "parquet"]), st.floats(0, 1)),
)


def _apply_typed(root: Path, op: Op) -> None:
    import duckdb
    from openpyxl import load_workbook

    kind, table = op[0], op[1]
    book = root / "xlsx" / "hr-data.xlsx"
    if kind == "xlsx_cell":
        wb = load_workbook(book)
        if table in wb.sheetnames:
            wb[table].cell(row=op[2], column=op[3], value=op[4])
        wb.save(book)
    elif kind == "xlsx_sheet":
        wb = load_workbook(book)
        if table not in wb.sheetnames:
            return
        sheet = wb[table]
        if op[2] == "delete":
            wb.remove(sheet)
        elif op[2] == "rename":
            sheet.title = table.upper() + " (2)"
        elif op[2] == "empty":
            sheet.delete_rows(1, sheet.max_row)
        else:
            sheet.insert_rows(3, 4)
        wb.save(book)
    elif kind in ("parquet_column", "parquet_drop"):
        path = root / "parquet" / f"{table}.parquet"
        con = duckdb.connect()
        names = [r[0] for r in con.execute(
            "DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()]
        name = names[op[2] % len(names)]
        if kind == "parquet_drop":
            select = f'* EXCLUDE ("{name}")'
        else:
            expr = op[3].replace("@", f'"{name}"')  # @: the column itself
            select = f'* REPLACE ({expr} AS "{name}")'
        con.execute(f"CREATE TABLE t AS SELECT {select} FROM read_parquet(?)", [str(path)])
        con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
        con.close()
    elif kind == "truncate_binary":
        path = book if table == "xlsx" else root / "parquet" / "employees.parquet"
        data = path.read_bytes()
        path.write_bytes(data[: int(op[2] * len(data))])


@pytest.fixture(scope="module")
def typed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("typed")
    orgdata.write_xlsx(root / "xlsx")
    orgdata.write_parquet(root / "parquet")
    return root


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(TYPED, min_size=1, max_size=3))
def test_malformed_workbooks_and_parquet_files_fail_cleanly(
        typed_template: Path, template: dict[str, Any], scratch: Path, ops: list[Op]) -> None:
    root = scratch / "typed"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(typed_template, root)
    for op in sorted(ops, key=lambda o: o[0] == "truncate_binary"):  # byte cuts last
        _apply_typed(root, op)
    for fmt in ("xlsx", "parquet"):
        checked = _outcome(api.validate, root / fmt)
        path = scratch / "typed.duckdb"
        shutil.copy(template["workspace"], path)
        with Workspace.open(path) as ws:
            imported = _outcome(ws.import_data, root / fmt)
            assert (checked is None) == (imported is None), (fmt, checked, imported)
            if imported is not None:
                assert _everything(ws) == template["contents"]
