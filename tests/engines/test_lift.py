"""Lifting one organisation's SQL to many (``ligestat.engines.lift``).

The definition: the lifted statement gives, for each organisation of the batch, exactly
the rows the statement gives over that organisation's rows alone — and where lifting
could change that meaning, it refuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from ligestat import api, organisations
from ligestat.engines.lift import ORG, Unliftable, lift, literals, mask
from ligestat.indicators import REGISTRY, selection
from ligestat.io.schema import TABLES as CONTRACT_TABLES

TABLES = ("employees", "pay")


@pytest.fixture
def con() -> Any:
    c = duckdb.connect()
    c.execute("CREATE TABLE employees AS SELECT * FROM (VALUES ('A', 'woman', 1980, 'X'), "
              "('A', 'man', 1970, 'Y'), ('A', 'woman', 1990, 'Y'), ('B', 'woman', 1985, 'Q'), "
              "('B''s', 'man', 1975, 'Q')) AS t(organisation, gender, birth_year, department)")
    c.execute("CREATE TABLE pay AS SELECT 'A' AS organisation, 1 AS x")
    yield c
    c.close()


def _alone(con: Any, sql: str, org: str) -> list[tuple[Any, ...]]:
    """``sql`` over the organisation's rows only (temporary views shadow the tables)."""
    cur = con.cursor()
    for t in TABLES:
        cur.execute(f"CREATE TEMP VIEW {t} AS SELECT * FROM memory.main.{t} "
                    f"WHERE organisation = '{org.replace(chr(39), chr(39) * 2)}'")
    rows: list[tuple[Any, ...]] = cur.execute(sql).fetchall()
    cur.close()
    return rows


def _lifted(con: Any, sqls: dict[str, str], tables: tuple[str, ...] = TABLES,
            frame: Any = None) -> dict[str, list[tuple[Any, ...]]]:
    masked = {o: mask(s) for o, s in sqls.items()}
    assert len({m.text for m in masked.values()}) == 1
    first = next(iter(masked.values()))
    cur = con.execute(lift(first, {o: m.frames for o, m in masked.items()}, tables,
                           frame=frame))
    assert cur.description[-1][0] == ORG
    out: dict[str, list[tuple[Any, ...]]] = {o: [] for o in sqls}
    for row in cur.fetchall():
        out[row[-1]].append(row[:-1])
    return out


def _same_as_alone(con: Any, sqls: dict[str, str]) -> dict[str, list[tuple[Any, ...]]]:
    got = _lifted(con, sqls)
    for org, sql in sqls.items():
        assert got[org] == _alone(con, sql, org), org
    return got


FRAME_JOIN = """
    WITH s AS (SELECT gender, count(*) AS n FROM employees GROUP BY gender)
    SELECT g.gender, coalesce(s.n, 0) AS n, n / sum(n) OVER () AS share
    FROM (VALUES ('woman', 0), ('man', 1), ('other', 2)) AS g(gender, ord)
    LEFT JOIN s ON s.gender = g.gender ORDER BY g.ord"""


def test_a_frame_of_constants_is_repeated_for_an_organisation_without_rows(con: Any) -> None:
    got = _same_as_alone(con, dict.fromkeys(["A", "B's", "C"], FRAME_JOIN))
    assert got["C"] == [("woman", 0, None), ("man", 0, None), ("other", 0, None)]
    assert got["A"][0][:2] == ("woman", 2)


def test_frames_that_differ_between_organisations_are_each_organisations_own(
        con: Any) -> None:
    def sql(codes: list[str]) -> str:
        rows = ", ".join(f"('{c.replace(chr(39), chr(39) * 2)}', {i})"
                         for i, c in enumerate([*codes, "total"]))
        return f"""
        WITH d AS (SELECT department, count(*) AS n FROM employees GROUP BY department)
        SELECT f.department, CAST(coalesce(sum(d.n), 0) AS BIGINT) AS n
        FROM (VALUES {rows}) AS f(department, ord)
        LEFT JOIN d ON (f.department = 'total' OR d.department = f.department)
        GROUP BY ALL ORDER BY any_value(f.ord)"""

    # a code holding a parenthesis and a quote is cut out of the text whole
    sqls = {"A": sql(["X", "Y"]), "B": sql(["Q", "a)b'c"]), "B's": sql([]), "C": sql(["Z"])}
    got = _same_as_alone(con, sqls)
    assert got["A"] == [("X", 1), ("Y", 2), ("total", 3)]
    assert got["B"] == [("Q", 1), ("a)b'c", 0), ("total", 1)]
    assert got["C"] == [("Z", 0), ("total", 0)]


def test_windows_groups_and_unions_stay_within_an_organisation(con: Any) -> None:
    sql = """
    WITH m AS (SELECT 'a' AS basis, gender, birth_year AS x FROM employees
               UNION ALL SELECT 'b', gender, birth_year + 1 FROM employees),
    r AS (SELECT basis, x, count(*) AS c FROM m GROUP BY basis, x),
    ranked AS (SELECT *, sum(c) OVER (PARTITION BY basis ORDER BY x ROWS UNBOUNDED PRECEDING)
                         AS s, rank() OVER (ORDER BY x) AS k FROM r)
    SELECT basis, x, s, k FROM ranked ORDER BY basis, x"""
    got = _same_as_alone(con, dict.fromkeys(["A", "B", "C"], sql))
    assert [row[2] for row in got["A"]] == [1, 2, 3, 1, 2, 3]


def test_a_batch_of_every_organisation_reads_the_tables_unfiltered(con: Any) -> None:
    every = ["A", "B's"]
    sql = lift(mask(FRAME_JOIN), {o: mask(FRAME_JOIN).frames for o in every}, TABLES,
               every=True)
    assert "WHERE organisation IN" not in sql
    assert "WHERE organisation IN" in lift(mask(FRAME_JOIN), {"A": mask(FRAME_JOIN).frames},
                                           TABLES)
    rows = con.execute(sql).fetchall()
    assert {r[-1] for r in rows} == set(every)
    for org in every:
        assert [r[:-1] for r in rows if r[-1] == org] == _alone(con, FRAME_JOIN, org)


@pytest.mark.parametrize("sql", [
    "SELECT count(*) AS n FROM employees",  # one row even for an organisation without rows
    "SELECT gender FROM employees ORDER BY gender LIMIT 1",
    "SELECT gender, (SELECT max(birth_year) FROM employees) AS m FROM employees",
    "SELECT gender FROM employees WHERE birth_year IN (SELECT birth_year FROM pay)",
    "SELECT * FROM employees e JOIN pay p ON true",
    "SELECT 1 AS one",
    "SELECT gender FROM other_table",
])
def test_a_statement_lifting_could_change_is_refused(sql: str) -> None:
    with pytest.raises(Unliftable):
        lift(mask(sql), {"A": mask(sql).frames}, TABLES)


def test_frame_rows_are_read_as_literals() -> None:
    assert literals("'D1', 0") == ["D1", 0]
    assert literals("0, 9999, 'a''b, c', -3") == [0, 9999, "a'b, c", -3]
    assert literals("'x', 1.5") is None  # only strings and integers become tables
    assert literals("'x', NULL") is None


def test_a_frame_is_cut_at_its_own_parenthesis_not_one_inside_a_string() -> None:
    got = mask("SELECT x FROM (VALUES ('a)'), ('b''('), (')''')) AS f(x) WHERE x <> ')'")
    assert got.frames == ("('a)'), ('b''('), (')''')",)
    assert got.text == "SELECT x FROM __ligestat_frame_0 AS f(x) WHERE x <> ')'"
    with pytest.raises(Unliftable):
        mask("SELECT x FROM (VALUES ('a)) AS f(x)")  # the string never ends


def test_a_statement_naming_liftings_own_names_is_refused() -> None:
    sql = "SELECT gender FROM employees WHERE department = '__ligestat_org_list'"
    with pytest.raises(Unliftable):
        lift(mask(sql), {"A": ()}, TABLES)


# -- every registered indicator, on a workspace of organisations with their own settings ---

CONFIG = """organisation = "Mange"
[organisations."A"]
name = "Alfa"
[organisations."A".departments.X]
name = "X"
[organisations."A".departments.Y]
name = "Y"
level_2_includes = [3]
[organisations."B"]
name = "Beta"
[organisations."B".targets]
manager_min_share = 0.45
[organisations."C"]
name = "Gamma"
[organisations."C".departments.X]
name = "X"
[organisations."D"]
name = "Delta, no rows but employees"
"""


def _folder(tmp_path: Path) -> Path:
    import csv
    import random

    rnd = random.Random(7)
    depts = {"A": ["X", "Y"], "B": [""], "C": ["X"], "D": [""]}
    tables: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {
        "employees": (("snapshot_date", "employee_id", "gender", "birth_year", "department",
                       "agreement", "manager_level", "employment_type", "organisation"), []),
        "parental_leave": (("employee_id", "gender", "department", "child_birth_date",
                            "weeks_taken", "organisation"), []),
        "child_sick_days": (("year", "employee_id", "gender", "department", "entitled",
                             "days_taken", "organisation"), []),
        "pay": (("year", "employee_id", "gender", "department", "category", "basic_pay",
                 "variable_pay", "hours_paid", "organisation"), []),
    }
    for org, size in (("A", 60), ("B", 25), ("C", 9), ("D", 3)):
        for k in range(size):
            eid, g, d = f"E{k}", rnd.choice(["woman", "man", "man", "other"]), \
                rnd.choice(depts[org])
            for snap in ("2023-12-31", "2024-12-31"):
                tables["employees"][1].append(
                    (snap, eid, g, rnd.randint(1960, 2004), d, rnd.choice(["Adm", "Tek"]),
                     rnd.choice([1, 2, 3, "", "", ""]), "", org))
            if org == "D":
                continue
            if rnd.random() < 0.5:
                tables["parental_leave"][1].append(
                    (eid, g, d, f"{rnd.choice([2022, 2023])}-05-01", rnd.choice([2, 11, 20]),
                     org))
            tables["child_sick_days"][1].append(
                (rnd.choice([2023, 2024]), eid, g, d, "true", rnd.choice([0, 2])))
            tables["child_sick_days"][1][-1] += (org,)
            if org != "C":  # C has no pay rows: its pay tables are absent
                tables["pay"][1].append((2024, eid, g, d, rnd.choice(["P", "Q"]),
                                         rnd.choice([300000, 350000]), rnd.choice([0, 900]),
                                         rnd.choice([1924, 962]), org))
    folder = tmp_path / "data"
    folder.mkdir()
    for name, (cols, rows) in tables.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(cols)
            w.writerows(rows)
    (folder / "ligestat.toml").write_text(CONFIG, encoding="utf-8")
    return folder


@pytest.mark.parametrize("frames", ["values", "tables"])
@pytest.mark.parametrize("year", [2024, 2025])
def test_every_indicator_lifted_gives_each_organisation_its_rows_alone(
        tmp_path: Path, year: int, frames: str) -> None:
    with api.Workspace.open() as ws:
        ws.import_data(_folder(tmp_path))
        cfg = ws.year_config(year)
        views = {o: organisations.for_organisation(ws, o, cfg) for o in "ABCD"}
        sels = {o: selection(v, year) for o, v in views.items()}
        batches = 0
        # the departments as VALUES in the statement, or as temporary tables
        frame = organisations._FrameTables(ws.con) if frames == "tables" else None
        # each indicator's own statement, and once each statement shared by several
        builds = {ind.sql: name for name, ind in REGISTRY.items()}
        builds |= {ind.shared.sql: name for name, ind in REGISTRY.items() if ind.shared}
        for build, name in builds.items():
            sqls = {o: build(sels[o]) for o in views}
            by_text: dict[str, dict[str, str]] = {}
            for o, s in sqls.items():
                by_text.setdefault(mask(s).text, {})[o] = s
            for group in by_text.values():
                batches += 1
                got = _lifted(ws.con, group, tuple(t.name for t in CONTRACT_TABLES), frame)
                for o, s in group.items():
                    assert got[o] == views[o].con.execute(s).fetchall(), (name, o)
        assert batches < 2 * len(builds)  # departments differ, yet most share a batch
        if frame is not None:
            assert frame.made  # the departments were tables
            frame.drop()


def test_publishing_many_organisations_reads_the_prefetched_rows(tmp_path: Path) -> None:
    with api.Workspace.open() as ws:
        ws.import_data(_folder(tmp_path))
        cfg = ws.year_config(2025)
        views = {o: organisations.for_organisation(ws, o, cfg) for o in "ABCD"}
        local = {o: v for o, v in views.items() if isinstance(v, organisations.OrganisationStore)}
        organisations.prefetch(ws.con, local, {o: api.plan(v, 2025) for o, v in local.items()})
        for org, view in local.items():
            sel = selection(view, 2025)
            for name in ("staff_gender", "managers_level_2", "pay_gap"):
                sql, _ = REGISTRY[name].statement(sel)  # pay_gap's: the shared pay statement
                assert view.prefetched[sql] == view.con.execute(sql).fetchall(), (org, name)
        # a prefetched statement is what run() returns: a changed row shows through
        view = local["A"]
        sql = REGISTRY["staff_gender"].sql(selection(view, 2025))
        view.prefetched[sql] = [("woman", 999, 1.0)]
        published = api.publish(view, 2025, disclosure="public", names=["staff_gender"])
        assert published.tables["staff_gender"][0]["n"] == 999
