"""The same tables from DuckDB, PostgreSQL and Spark: the registry's SQL runs where the
data lives, and the JSON is identical to the local workspace's.

The hand-built organisation of tests/io/orgdata.py is stored in each engine as an
HR system would export it (gender aliases in any case, booleans as ja/nej text in
PostgreSQL, typed Parquet for Spark), so the engines also have to normalise as an
import does.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import orgdata
import pytest

from ligestat import api
from ligestat.config import parse_config
from ligestat.engines import Warehouse, open_source
from ligestat.engines.postgresql import PostgreSQL
from ligestat.errors import InputError
from ligestat.indicators import pay

YEAR = 2025
CONFIG = parse_config(orgdata.CONFIG)
PG_TYPES = {"DATE": "date", "BIGINT": "bigint", "DOUBLE": "double precision",
            "VARCHAR": "text", "BOOLEAN": "text"}  # booleans as the HR system's words


def _same(a: Any, b: Any, path: str = "") -> None:
    """Equal, with floats of money means allowed to differ in the last bits only
    (engines sum in different orders); counts, shares of counts and flags exactly."""
    if isinstance(a, float) and isinstance(b, float) and path.startswith("tables.pay_"):
        assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12), path
    elif isinstance(a, dict) and isinstance(b, dict):
        assert list(a) == list(b), path
        for k in a:
            _same(a[k], b[k], f"{path}.{k}" if path else k)
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{path}[{i}]")
    else:
        assert a == b and type(a) is type(b), f"{path}: {a!r} != {b!r}"


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = orgdata.write_csv(tmp_path_factory.mktemp("org") / "csv")
    return {p: api.tables(folder, year=YEAR, disclosure=p) for p in ("public", "standard")}


def _load_postgresql(url: str, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        for name, table_rows in rows.items():
            cols = ", ".join(f'"{c}" {PG_TYPES[t]}' for c, t in
                             zip(orgdata.COLUMNS[name], orgdata.SQL_TYPES[name], strict=True))
            con.execute(f"DROP TABLE IF EXISTS {name}")
            con.execute(f"CREATE TABLE {name} ({cols})")
            with con.cursor().copy(f"COPY {name} FROM STDIN") as copy:
                for row in table_rows:
                    copy.write_row(row)


@pytest.fixture(scope="module")
def pg_org(pg_url: str) -> str:
    _load_postgresql(pg_url, orgdata.ROWS)
    return pg_url


@pytest.fixture(params=["counted", "raw"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each of the pay tables' two ways in the engine (the local document takes the way its
    data chooses), so both ways' SQL runs there and matches."""
    monkeypatch.setattr(pay, "FORCE", request.param)
    return str(request.param)


@pytest.mark.parametrize("policy", ["public", "standard"])
def test_postgresql_gives_the_local_json(pg_org: str, local: dict[str, Any],
                                         policy: str, way: str) -> None:
    doc = api.tables(source=pg_org, config=CONFIG, year=YEAR, disclosure=policy)
    assert "pay_gap" in doc["tables"]  # the pay tables are part of the comparison
    _same(local[policy], doc)


def test_no_personal_row_leaves_postgresql(pg_org: str, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    fetched: list[Any] = []
    real = PostgreSQL.fetch

    def recording(self: PostgreSQL, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        names, rows = real(self, sql)
        fetched.extend(v for row in rows for v in row)
        return names, rows

    monkeypatch.setattr(PostgreSQL, "fetch", recording)
    api.tables(source=pg_org, config=CONFIG, year=YEAR)
    ids = {row[1] for row in orgdata.ROWS["employees"]} | {
        row[0] for row in orgdata.ROWS["parental_leave"]}
    assert fetched and not ids & {v for v in fetched if isinstance(v, str)}


def test_unknown_gender_codes_and_departments_are_named_without_rows(pg_url: str) -> None:
    rows = {k: list(v) for k, v in orgdata.ROWS.items()}
    first = rows["employees"][0]
    rows["employees"][0] = (first[0], first[1], "hun", first[3], "XYZ", *first[5:])
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS broken")
    _load_postgresql(pg_url + "?options=-csearch_path%3Dbroken", rows)
    with pytest.raises(InputError) as err:
        open_source(pg_url + "?options=-csearch_path%3Dbroken", CONFIG)
    text = str(err.value)
    assert "employees.gender" in text and "'hun' (1 rows)" in text
    assert "employees.department" in text and "'XYZ' (1 rows)" in text
    assert first[1] not in text  # no employee id in the message


def test_a_missing_required_table_is_named(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS empty")
    with pytest.raises(InputError, match="no table or view named employees"):
        open_source(pg_url + "?options=-csearch_path%3Dempty", CONFIG)


def test_an_unreachable_database_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(InputError, match=r"cannot connect to postgresql://u:\*\*\*@127.0.0.1:9/"):
        open_source("postgresql://u:secret@127.0.0.1:9/db?connect_timeout=2", CONFIG)


def test_an_unknown_scheme_lists_the_engines() -> None:
    with pytest.raises(InputError, match=r"postgresql://.*spark://"):
        open_source("mysql://x/y", CONFIG)


def test_spark_gives_the_local_json(spark_session: Any, tmp_path: Path,
                                    local: dict[str, Any], way: str) -> None:
    from ligestat.engines.spark import Spark

    folder = orgdata.write_parquet(tmp_path / "parquet")
    with Warehouse(Spark(f"spark://{folder}", spark=spark_session), CONFIG) as wh:
        _same(local["standard"], api.document(wh, YEAR, disclosure="standard"))


def test_spark_submit_entry_point_writes_the_document(spark_session: Any, tmp_path: Path,
                                                      local: dict[str, Any]) -> None:
    import json

    from ligestat.engines import spark

    folder = orgdata.write_parquet(tmp_path / "parquet")
    out = tmp_path / "tables.json"
    assert spark.main([str(folder), "--config", str(folder / "ligestat.toml"),
                       "--year", str(YEAR), "--json", str(out)]) == 0
    _same(local["public"], json.loads(out.read_text(encoding="utf-8")))
