"""The one dialect translation: DuckDB-dialect registry SQL as each engine reads it."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from ligestat.engines.translate import literal, translate


def test_group_by_all_becomes_the_ordinals_of_the_non_aggregate_columns() -> None:
    sql = "SELECT a, b, count(*) AS n, sum(x) OVER () AS w FROM t GROUP BY ALL"
    out = translate(sql, "postgres")
    assert "GROUP BY 1, 2, 4" in out or "GROUP BY 1, 2" in out
    assert "ALL" not in out.split("GROUP BY")[1]


def test_group_by_all_is_kept_for_duckdb() -> None:
    assert "GROUP BY ALL" in translate("SELECT a, count(*) FROM t GROUP BY ALL", "duckdb")


def test_hugeint_fsum_and_any_value_are_spelt_portably() -> None:
    out = translate("SELECT CAST(a AS HUGEINT) * 3, fsum(x), any_value(y) FROM t", "postgres")
    assert "DECIMAL(38, 0)" in out and "SUM(x)" in out and "MIN(y)" in out
    assert "INT128" not in out and "FSUM" not in out.upper()


def test_parameters_become_quoted_literals() -> None:
    out = translate("SELECT count(*) FROM pay WHERE year = ? AND category = ? AND d <= ?",
                    "postgres", params=[2024, "O'Neil? --", date(2025, 1, 31)])
    assert "year = 2024" in out
    assert "category = 'O''Neil? --'" in out
    assert "CAST('2025-01-31' AS DATE)" in out


def test_a_wrong_number_of_parameters_is_refused() -> None:
    with pytest.raises(ValueError, match="1 parameters for 2 placeholders"):
        translate("SELECT ? + ?", "postgres", params=[1])


def test_contract_tables_are_read_through_their_sources_but_ctes_of_the_same_name_are_not(
) -> None:
    sources = {"employees": "SELECT 1 AS a", "pay": "SELECT 2 AS a"}
    out = translate("WITH pay AS (SELECT 3 AS a) SELECT * FROM employees, pay", "postgres",
                    sources)
    assert "ligestat_employees AS (SELECT 1 AS a)" in out
    assert "ligestat_pay" not in out
    assert out.index("ligestat_employees AS") < out.index("pay AS (SELECT 3")


def test_translated_sql_gives_the_same_answer_in_duckdb() -> None:
    # The sources' CTEs and the portable spellings change nothing in the result.
    con = duckdb.connect()
    con.execute("CREATE TABLE raw_t AS SELECT * FROM (VALUES ('a', 1.5), ('a', 2.0), "
                "('b', 4.0)) v(g, x)")
    sql = "SELECT g, count(*) AS n, fsum(x) AS s, any_value(n2) AS k FROM (SELECT *, 1 AS n2 " \
          "FROM t) GROUP BY ALL ORDER BY g"
    portable = translate(sql, "postgres", {"t": "SELECT * FROM raw_t"})
    # PostgreSQL's spelling is plain SQL that DuckDB reads as well
    assert con.execute(portable).fetchall() == [("a", 2, 3.5, 1), ("b", 1, 4.0, 1)]


@pytest.mark.parametrize("value, text", [(None, "NULL"), (True, "TRUE"), (3, "3"),
                                         (0.25, "0.25"), ("it's", "'it''s'"),
                                         (date(2024, 9, 30), "DATE '2024-09-30'")])
def test_literals(value: object, text: str) -> None:
    assert literal(value) == text


def test_discrete_percentiles_are_exact_in_spark_one_per_place() -> None:
    out = translate("SELECT quantile_disc(x, [0.25, 0.5]) AS e, quantile_disc(y, 0.5) "
                    "FILTER (WHERE g = 1) AS m FROM t", "spark")
    assert "APPROX" not in out.upper()
    assert ("ARRAY(PERCENTILE_DISC(0.25) WITHIN GROUP (ORDER BY x NULLS LAST), "
            "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY x NULLS LAST)) AS e") in out
    assert "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY y NULLS LAST) FILTER(WHERE g = 1)" in out
