"""The registry is the one definition: a toy indicator with a target, added through the
public registry alone, is computed, protected, summarised, configurable and documented."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import ligestat
from ligestat.api import load
from ligestat.config import parse_config
from ligestat.errors import ConfigError
from ligestat.indicators import (
    REGISTRY,
    Indicator,
    Selection,
    Shape,
    Shared,
    ShareDef,
    Target,
    indicator,
    reference_markdown,
    register,
    run,
    selection,
    unregister,
)
from ligestat.indicators.registry import dept_frame
from ligestat.report import build
from ligestat.report.gather import gather
from ligestat.targets import min_share_sql

TOY = "toy_women"
# department A: 3 women of 4 (75 %), B: 1 woman of 5 (20 %); total 4 of 9 (44.4 %)
EMPLOYEES = [("2024-09-30", f"a{i}", g, 1980, "A", "HK", None, "")
             for i, g in enumerate(("woman", "woman", "woman", "man"))] + \
            [("2024-09-30", f"b{i}", g, 1980, "B", "HK", None, "")
             for i, g in enumerate(("woman", "man", "man", "man", "man"))]


@pytest.fixture
def toy() -> Iterator[str]:
    """Registers the toy indicator as an extension would, and removes it afterwards."""

    @indicator(TOY, "Employees per department, and how many are women (a toy).",
               ("department", "n", "women", "women_share", "toy_target_met"),
               keys=("department",),
               disclosure=Shape(kind="sensitive", counts=("n", "women"),
                                shares=(ShareDef("women_share", ("women",), ("n",)),),
                                derived=(("toy_target_met", ("women_share",)),),
                                chains=(("women", "n"),), by_department=True),
               targets=(Target("toy_women", "min_share", "toy_target_met", "toy_women_min_share",
                               0.5, "at least half of the employees are women",
                               value="women_share"),),
               labels={"da": {"target_toy_women": "Kvinder blandt de ansatte (legetøj)",
                              "goal_toy_women": "Mindst {{ goal|pct }}"},
                       "en": {"target_toy_women": "Women among employees (toy)",
                              "goal_toy_women": "At least {{ goal|pct }}"}},
               needs_snapshot=True)
    def toy_women(sel: Selection) -> str:
        met = min_share_sql("women", "n", sel.target("toy_women"))
        return f"""
        WITH staff AS (SELECT department, gender FROM employees WHERE {sel.staff_filter}),
        per AS (SELECT f.department, f.ord, count(s.gender) AS n,
                       count(s.gender) FILTER (WHERE s.gender = 'woman') AS women
                FROM {dept_frame(sel.config)}
                LEFT JOIN staff s ON (f.department = 'total' OR s.department = f.department)
                GROUP BY ALL)
        SELECT department, n, women, CASE WHEN n > 0 THEN women / n END AS women_share,
               {met} AS toy_target_met
        FROM per ORDER BY ord"""

    yield TOY
    unregister(TOY)


def _folder(make_org: Callable[..., Path], extra: str = "") -> Path:
    return make_org(departments={"A": True, "B": True}, employees=EMPLOYEES, extra_config=extra)


def _rows(doc: dict[str, object]) -> dict[str, dict[str, object]]:
    tables = doc["tables"]
    assert isinstance(tables, dict)
    return {str(r["department"]): r for r in tables[TOY]}


def test_a_toy_indicator_is_computed_with_its_target_judged(toy: str, make_org) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(ligestat.tables(_folder(make_org), year=2025))
    assert (rows["A"]["n"], rows["A"]["women"], rows["A"]["toy_target_met"]) == (4, 3, True)
    assert (rows["B"]["n"], rows["B"]["women"], rows["B"]["toy_target_met"]) == (5, 1, False)
    assert (rows["total"]["n"], rows["total"]["women"]) == (9, 4)
    assert rows["total"]["toy_target_met"] is False  # 4/9 < 0.5


def test_a_toy_target_is_configurable_and_its_key_is_known_only_while_registered(
        toy: str, make_org) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(make_org, "[targets]\ntoy_women_min_share = 0.2\n")
    rows = _rows(ligestat.tables(folder, year=2025))
    assert rows["B"]["toy_target_met"] is True  # 1/5 ≥ 0.2
    assert rows["total"]["toy_target_met"] is True
    with pytest.raises(ConfigError, match="toy_women_min_share must be a share"):
        parse_config('organisation = "X"\n[departments.A]\n[targets]\ntoy_women_min_share = 2\n')
    saved = REGISTRY[TOY]
    unregister(TOY)
    try:
        with pytest.raises(ConfigError, match="unknown key toy_women_min_share"):
            parse_config((folder / "ligestat.toml").read_text(encoding="utf-8"))
    finally:
        register(saved)


def test_a_toy_table_is_protected_by_its_disclosure_shape(toy: str, make_org) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(make_org)
    with ligestat.load(folder) as ws:
        published = ligestat.publish(ws, 2025, disclosure="standard")
        result = published.audit()
    rows = {str(r["department"]): r for r in published.tables[TOY]}
    # standard suppresses counts 1–4: A's n = 4 and women = 3, B's women = 1
    assert rows["A"]["n"] is None and rows["A"]["women"] is None
    assert rows["B"]["women"] is None and rows["B"]["women_share"] is None
    assert rows["B"]["toy_target_met"] is None  # the flag goes with the share it judges
    assert "women" in rows["B"]["suppressed"]
    assert result.ok
    assert {c.table for c in result.cells} >= {TOY}


def test_a_toy_target_is_summarised_on_the_front_page(toy: str, make_org) -> None:  # type: ignore[no-untyped-def]
    with ligestat.load(_folder(make_org)) as ws:
        inp = gather(ws, 2025, disclosure="public")
    for lang, label in (("en", "Women among employees (toy)"),
                        ("da", "Kvinder blandt de ansatte (legetøj)")):
        model = build(inp, lang)
        row = next(r for r in model.summary.rows if r.header.text == label)
        goal, value, status = row.cells[0], row.cells[1], row.cells[2]
        assert goal.text.replace("\u00a0", " ").endswith(("50 %", "50%"))
        assert value.value == pytest.approx(4 / 9)
        assert status.status is False


def test_a_toy_indicator_and_its_target_are_documented(toy: str) -> None:
    reference = reference_markdown()
    assert f"| `{TOY}` |" in reference
    assert "| `toy_women_min_share` | 0.5 |" in reference


def _toy_pair_sql(sel: Selection) -> str:
    # per department the women, and per gender the employees: two tables, one statement
    return f"""
    WITH staff AS (SELECT department, gender FROM employees WHERE {sel.staff_filter})
    SELECT * FROM (
      SELECT 'toy_dept' AS part, department AS label, count(*) FILTER (WHERE gender = 'woman')
             AS n FROM staff GROUP BY department
      UNION ALL SELECT 'toy_gender', gender, count(*) FROM staff GROUP BY gender) AS t
    ORDER BY part, label"""


def test_indicators_sharing_a_statement_each_get_their_rows_from_one_run(
        make_org: Callable[..., Path], counting: Any) -> None:
    shared = Shared(("part", "label", "n"), _toy_pair_sql)
    for name in ("toy_dept", "toy_gender"):
        indicator(name, "a toy sharing a statement", ("label", "n"), keys=("label",),
                  disclosure=None, contract=False, needs_snapshot=True,
                  shared=shared)(_toy_pair_sql)
    try:
        ws = load(_folder(make_org))
        sel = selection(ws, 2025)
        con = counting(ws.con)
        tables = run(SimpleNamespace(con=con), sel, ["toy_dept", "toy_gender"])  # type: ignore[arg-type]
    finally:
        unregister("toy_dept")
        unregister("toy_gender")
    # EMPLOYEES: A has 3 women of 4, B 1 woman of 5; 4 women and 5 men in all
    assert tables["toy_dept"] == [{"label": "A", "n": 3}, {"label": "B", "n": 1}]
    assert tables["toy_gender"] == [{"label": "man", "n": 5}, {"label": "woman", "n": 4}]
    assert con.executed == 1


def test_a_shared_statement_must_hold_its_members_columns() -> None:
    shared = Shared(("part", "label"), _toy_pair_sql)
    with pytest.raises(ValueError, match=r"lacks the columns \['n'\]"):
        register(Indicator("toy_short", "a toy", ("label", "n"), _toy_pair_sql,
                           shared=shared))
    assert "toy_short" not in REGISTRY
