"""Magnitude rule for the pay tables: means and medians of fewer than k people of a gender
are suppressed under standard (k = 5) and strict (k = 10), a one-gender category shows
counts only, no suppressed category mean can be recovered from the organisation's mean,
and a few ``other`` workers take the quartile bands with them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ligestat import api

COLUMNS = "year,employee_id,gender,department,category,basic_pay,variable_pay,hours_paid"


def _folder(make_org: Callable[..., Path], workers: list[tuple[str, str, int]],
            extra_config: str = "") -> Path:
    folder = make_org(departments={"A": True}, extra_config=extra_config,
                      employees=[("2025-01-01", "E1", "k", 1980, "A", "HK", None, "")])
    lines = [COLUMNS] + [f"2024,P{i},{g},A,{cat},{pay},{i % 2 * 100},1000"
                         for i, (g, cat, pay) in enumerate(workers)]
    (folder / "pay.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _workers(spec: dict[str, tuple[int, int]]) -> list[tuple[str, str, int]]:
    """category → (women, men), everyone paid a little differently."""
    out = []
    for cat, (w, m) in spec.items():
        out += [("k", cat, 30_000 + 100 * i) for i in range(w)]
        out += [("m", cat, 31_000 + 100 * i) for i in range(m)]
    return out


def _tables(folder: Path, policy: str) -> dict[str, Any]:
    return api.tables(data=folder, year=2025, disclosure=policy)["tables"]


def _by_cat(tables: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["category"]: r for r in tables["pay_categories"]}


SPEC = {"Små": (3, 6), "Mellem": (6, 7), "Store": (20, 25), "Mænd": (0, 8)}


def test_standard_suppresses_means_of_fewer_than_five(make_org: Callable[..., Path]) -> None:
    cats = _by_cat(_tables(_folder(make_org, _workers(SPEC)), "standard"))
    small = cats["Små"]
    for key in ("women_basic_annual", "women_total_hourly", "total_hourly_gap",
                "basic_annual_gap", "assessment_required"):
        assert small[key] is None and key in small["suppressed"], key
    assert small["women_n"] == 3  # counts stay
    # men: the men-only category is hidden, so the smallest other one (Små) goes with it
    assert small["men_total_hourly"] is None
    assert cats["Mellem"]["men_total_hourly"] is not None
    # one gender: counts only
    men_only = cats["Mænd"]
    assert men_only["men_n"] == 8 and men_only["men_total_annual"] is None
    assert "men_total_annual" in men_only["suppressed"]
    assert "women_total_annual" not in men_only["suppressed"]  # null, not suppressed
    # the big category is untouched
    assert not cats["Store"].get("suppressed")
    assert cats["Store"]["assessment_required"] is not None


def test_no_suppressed_category_mean_is_recoverable_from_the_total(
        make_org: Callable[..., Path]) -> None:
    tables = _tables(_folder(make_org, _workers(SPEC)), "standard")
    org = tables["pay_gap"][1]
    assert org["women_mean"] is not None  # 29 women
    hidden = [r["category"] for r in tables["pay_categories"]
              if r["women_n"] > 0 and r["women_total_annual"] is None]
    # women's annual mean × 29 = Σ category means × counts: one unknown would be solvable
    assert len(hidden) != 1
    assert hidden == ["Mellem", "Små"]  # the next-smallest category goes too


def test_strict_uses_ten_and_the_organisation_mean_too(make_org: Callable[..., Path]) -> None:
    folder = _folder(make_org, _workers({"A": (4, 12), "B": (4, 12)}))
    tables = _tables(folder, "strict")
    row = tables["pay_gap"][0]
    assert row["women_n"] == 8 and row["women_mean"] is None and row["mean_gap"] is None
    assert {"women_mean", "women_median", "mean_gap", "median_gap"} <= set(row["suppressed"])
    assert row["men_mean"] is not None
    standard = _tables(folder, "standard")["pay_gap"][0]
    assert standard["women_mean"] is not None and standard["mean_gap"] is not None
    assert standard["women_variable_n"] == 4 and standard["variable_mean_gap"] is None
    assert not any(r.get("suppressed") for t in _tables(folder, "public").values() for r in t)


def test_k_is_configurable_per_table(make_org: Callable[..., Path]) -> None:
    config = "[disclosure.tables.pay_categories]\nmin_count = 3\n"
    cats = _by_cat(_tables(_folder(make_org, _workers(SPEC), config), "standard"))
    assert cats["Små"]["women_total_hourly"] is not None  # 3 women ≥ 3
    assert cats["Mænd"]["men_total_hourly"] is None  # one gender: still counts only


def test_variable_pay_of_few_receivers_is_suppressed(make_org: Callable[..., Path]) -> None:
    # everyone odd-numbered receives 100 of variable pay: among 6 women, 3 receive it
    row = _tables(_folder(make_org, _workers({"A": (6, 12)})), "standard")["pay_gap"][1]
    assert row["women_variable_n"] == 3 and row["women_variable_share"] == 0.5
    assert row["women_variable_mean"] is None and row["variable_mean_gap"] is None
    assert row["women_mean"] is not None


def test_few_other_workers_take_the_quartile_bands_with_them(
        make_org: Callable[..., Path]) -> None:
    workers = [*_workers({"A": (10, 10)}), ("x", "A", 50_000)]
    tables = _tables(_folder(make_org, workers), "standard")
    assert tables["pay_gap"][0]["other_n"] is None
    assert tables["pay_categories"][0]["other_n"] is None
    for row in tables["pay_quartiles"]:
        assert row["women"] is None and row["other"] is None and row["men_share"] is None
        assert set(row["suppressed"]) == {"women", "men", "other", "women_share", "men_share"}
    public = _tables(_folder(make_org, workers), "public")
    assert public["pay_quartiles"][3]["other"] == pytest.approx(1)  # the top earner


def test_suppressed_category_means_are_not_pinned_through_the_variable_pay_mean(
        make_org: Callable[..., Path]) -> None:
    """Variable pay summed over receivers is the sum over every worker (zeros add
    nothing): women_variable_mean × women_variable_n = Σ category mean × women_n. Two
    small women's categories where nobody has variable pay were both suppressed, yet
    that sum minus the big category's gives 0 for them: nobody there has any."""
    folder = make_org(departments={"A": True}, extra_config="",
                      employees=[("2025-01-01", "E1", "k", 1980, "A", "HK", None, "")])
    rows = [COLUMNS]
    spec = (("Små", 3, 0), ("Mellem", 4, 0), ("Store", 20, 100))  # women, variable pay
    i = 0
    for cat, women, variable in spec:
        for j in range(women):
            rows.append(f"2024,P{i},k,A,{cat},{30_000 + 100 * j},{variable * (j % 2)},1000")
            i += 1
        for j in range(8):
            rows.append(f"2024,P{i},m,A,{cat},{31_000 + 100 * j},{50 * (j % 2)},1000")
            i += 1
    (folder / "pay.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    # the attack on the categories as the old rule left them (two hidden: no action)
    true = {r["category"]: r for r in api.compute_tables(
        api.load(folder), 2025, ["pay_categories"])["pay_categories"]}
    org_true = api.compute_tables(api.load(folder), 2025, ["pay_gap"])["pay_gap"][1]
    assert org_true["basis"] == "annual" and org_true["women_variable_n"] == 10
    rest = (org_true["women_variable_mean"] * org_true["women_variable_n"]
            - true["Store"]["women_variable_annual"] * 20)
    assert abs(rest) < 1e-6  # Små and Mellem: no woman has variable pay, exactly
    # what is published now leaves them open
    tables = _tables(folder, "standard")
    org = tables["pay_gap"][1]
    cats = _by_cat(tables)
    assert cats["Små"]["women_variable_annual"] is None
    if org["women_variable_mean"] is not None:
        shown = sum(r["women_variable_annual"] * r["women_n"] for r in cats.values()
                    if r["women_variable_annual"] is not None)
        assert org["women_variable_mean"] * org["women_variable_n"] - shown > 1
    with api.load(folder) as ws:
        result = api.publish(ws, 2025, disclosure="standard").audit()
    assert result.ok, result.failures
    assert any(c.kind == "mean" for c in result.cells)
