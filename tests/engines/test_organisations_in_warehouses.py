"""Many organisations inside PostgreSQL and Spark: each organisation's tables are computed in the
engine through a filter on the ``organisation`` column, and equal what the organisation's
rows alone give locally (CONTRACT.md §1, "Many organisations in one data set")."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import orgdata
import pytest

from ligestat import api
from ligestat.config import parse_config
from ligestat.engines import open_source
from ligestat.errors import InputError

from .test_warehouses import _same

YEAR = 2025
HR = ("employees", "parental_leave", "child_sick_days", "pay")
PG_TYPES = {"DATE": "date", "BIGINT": "bigint", "DOUBLE": "double precision",
            "VARCHAR": "text", "BOOLEAN": "text"}
# A: the hand-built organisation with its departments; B: the same people in an
# organisation without departments (its rows' department empty)
MANY = (orgdata.CONFIG.replace('organisation = "Æblerød Kommune"',
                               'organisation = "To"\n[organisations."A"]\n'
                               'name = "Æblerød Kommune"\n[organisations."B"]\nname = "Bøgelund"')
        .replace("[departments.", '[organisations."A".departments.'))


def _blank(table: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    i = orgdata.COLUMNS[table].index("department")
    return [(*r[:i], "", *r[i + 1:]) for r in rows]


def _load(url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        for name in HR:
            cols = ", ".join(f'"{c}" {PG_TYPES[t]}' for c, t in
                             zip(orgdata.COLUMNS[name], orgdata.SQL_TYPES[name], strict=True))
            con.execute(f"DROP TABLE IF EXISTS {schema}.{name}")
            con.execute(f"CREATE TABLE {schema}.{name} ({cols}, organisation text)")
            with con.cursor().copy(f"COPY {schema}.{name} FROM STDIN") as copy:
                for org, rows in (("A", orgdata.ROWS[name]),
                                  ("B", _blank(name, orgdata.ROWS[name]))):
                    for row in rows:
                        copy.write_row((*row, org))


@pytest.fixture(scope="module")
def pg_many(pg_url: str) -> str:
    _load(pg_url, "many")
    return pg_url + "?options=-csearch_path%3Dmany"


@pytest.mark.parametrize("policy", ["public", "standard"])
def test_each_organisation_in_postgresql_is_its_rows_alone(pg_many: str, tmp_path: Path,
                                                           policy: str) -> None:
    doc = api.tables(source=pg_many, config=parse_config(MANY), year=YEAR, disclosure=policy)
    assert list(doc) == ["contract", "year", "organisations"]
    assert list(doc["organisations"]) == ["A", "B"]
    alone_a = orgdata.write_csv(tmp_path / "a", tables={n: orgdata.ROWS[n] for n in HR})
    _same(api.tables(alone_a, year=YEAR, disclosure=policy), doc["organisations"]["A"])
    alone_b = orgdata.write_csv(tmp_path / "b",
                                tables={n: _blank(n, orgdata.ROWS[n]) for n in HR})
    (alone_b / "ligestat.toml").write_text('organisation = "Bøgelund"\n', encoding="utf-8")
    expected_b = api.tables(alone_b, year=YEAR, disclosure=policy)
    _same(expected_b, doc["organisations"]["B"])
    assert [r["department"] for r in expected_b["tables"]["managers_level_1"]] == ["total"]


def test_postgresql_runs_each_statement_once_for_every_organisation(pg_many: str) -> None:
    """Every planned statement of both organisations is fetched by one lifted query
    (no silent fallback to one query per organisation); the rows are each one's own."""
    from ligestat import organisations
    from ligestat.indicators import REGISTRY

    with open_source(pg_many, parse_config(MANY)) as wh:
        cfg = wh.year_config(YEAR)
        views = {o: organisations.for_organisation(wh, o, cfg) for o in ("A", "B")}
        plans = {o: api.plan(v, YEAR, disclosure="standard") for o, v in views.items()}
        organisations.prefetch(wh.con, views, plans)
        for org, view in views.items():
            for sel, names in plans[org]:
                for name in names:
                    sql, _ = REGISTRY[name].statement(sel)  # the pay tables': shared
                    prefetched = cast(Any, view).prefetched
                    assert sql in prefetched, (org, name)
                    alone = view.con.execute(sql).fetchall()
                    # money means: PostgreSQL sums in its own order (_same's rule)
                    _same([list(r) for r in prefetched[sql]], [list(r) for r in alone],
                          f"tables.{name}")


def test_an_unknown_organisation_in_postgresql_is_named(pg_many: str) -> None:
    only_a = MANY.replace('[organisations."B"]\nname = "Bøgelund"', "")
    with pytest.raises(InputError) as err:
        open_source(pg_many, parse_config(only_a))
    assert "organisations in the config: 'B'" in str(err.value)


def _many_parquet(folder: Path) -> Path:
    """The same two organisations as Parquet files with an organisation column."""
    import duckdb

    single = orgdata.write_parquet(folder / "single")
    out = folder / "many"
    out.mkdir()
    con = duckdb.connect()
    try:
        for name in HR:
            source = str(single / f"{name}.parquet").replace("'", "''")
            target = str(out / f"{name}.parquet").replace("'", "''")
            con.execute(f"COPY (SELECT *, 'A' AS organisation FROM read_parquet('{source}') "
                        f"UNION ALL SELECT * REPLACE ('' AS department), 'B' AS organisation "
                        f"FROM read_parquet('{source}')) TO '{target}' (FORMAT parquet)")
    finally:
        con.close()
    return out


def test_each_organisation_on_spark_is_its_rows_alone(spark_session: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from ligestat import organisations
    from ligestat.engines.spark import Spark
    from ligestat.engines.warehouse import Warehouse
    from ligestat.indicators import REGISTRY

    views: dict[str, Any] = {}
    made = organisations.for_organisation

    def kept(store: Any, org_id: str, config: Any = None) -> Any:
        views[org_id] = made(store, org_id, config)
        return views[org_id]

    monkeypatch.setattr(organisations, "for_organisation", kept)
    folder = _many_parquet(tmp_path)
    with Warehouse(Spark(f"spark://{folder}", spark=spark_session), parse_config(MANY)) as wh:
        doc = api.document(wh, YEAR, disclosure="standard")
        # every statement came from one lifted Spark query: none fell back
        for org, view in views.items():
            for sel, names in api.plan(view, YEAR, disclosure="standard"):
                for name in names:
                    assert REGISTRY[name].statement(sel)[0] in view.prefetched, (org, name)
    assert list(doc["organisations"]) == ["A", "B"]
    alone_a = orgdata.write_csv(tmp_path / "a", tables={n: orgdata.ROWS[n] for n in HR})
    _same(api.tables(alone_a, year=YEAR, disclosure="standard"), doc["organisations"]["A"])
    alone_b = orgdata.write_csv(tmp_path / "b",
                                tables={n: _blank(n, orgdata.ROWS[n]) for n in HR})
    (alone_b / "ligestat.toml").write_text('organisation = "Bøgelund"\n', encoding="utf-8")
    _same(api.tables(alone_b, year=YEAR, disclosure="standard"), doc["organisations"]["B"])
