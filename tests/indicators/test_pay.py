"""Pay tables (CONTRACT.md §1 pay.csv, §3 pay_gap / pay_quartiles / pay_categories), pinned
by hand-worked vectors: every expected number is worked out here from the contract's
definitions (plain Python, exact fractions), never copied from ligestat's output."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from ligestat.api import compute_tables, load

PAY_COLUMNS = ("year", "employee_id", "gender", "department", "category", "basic_pay",
               "variable_pay", "hours_paid")
PAY_TABLES = ["pay_gap", "pay_quartiles", "pay_categories"]
# one worker: (gender, basic, variable, hours[, category])
Worker = tuple[Any, ...]


def write_pay(folder: Path, workers: list[Worker], year: int = 2024) -> Path:
    lines = [",".join(PAY_COLUMNS)]
    for i, w in enumerate(workers):
        gender, basic, variable, hours = w[:4]
        category = w[4] if len(w) > 4 else "Alle"
        lines.append(f"{year},P{i},{gender},A,{category},{basic},{variable},{hours}")
    (folder / "pay.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(params=["counted", "raw"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each of the pay statement's two ways (ligestat.indicators.pay: counted per distinct
    pay, or order statistics of the rows), forced for every data set: both must give the
    definitions' figures."""
    monkeypatch.setattr("ligestat.indicators.pay.FORCE", request.param)
    return str(request.param)


@pytest.fixture
def pay_tables(make_org: Callable[..., Path],
               way: str) -> Callable[..., dict[str, list[dict[str, Any]]]]:
    def run(workers: list[Worker], year: int = 2024,
            report_year: int = 2025) -> dict[str, list[dict[str, Any]]]:
        folder = make_org(departments={"A": True},
                          employees=[("2025-01-01", "E1", "k", 1980, "A", "HK", None, "")])
        write_pay(folder, workers, year)
        return compute_tables(load(folder), report_year, PAY_TABLES)

    return run


def hourly(genders_rates: list[tuple[str, float]]) -> list[Worker]:
    """Workers paid ``rate`` an hour for 100 hours, no variable pay."""
    return [(g, rate * 100, 0, 100) for g, rate in genders_rates]


def gap(men: Fraction, women: Fraction) -> Fraction:
    return (men - women) / men


def mean(values: list[int | float]) -> Fraction:
    return Fraction(sum(Fraction(v) for v in values), len(values))


def median(values: list[int | float]) -> Fraction:
    return Fraction(statistics.median(Fraction(v) for v in values))


# -- pay_gap ------------------------------------------------------------------------------


def test_mean_and_median_gap_of_the_issue_vector(pay_tables: Any) -> None:
    women, men = [10, 24, 20], [40, 30]
    doc = pay_tables(hourly([("k", r) for r in women] + [("m", r) for r in men]))
    row = doc["pay_gap"][0]
    assert row["basis"] == "hourly"
    # mean: women 54/3 = 18, men 70/2 = 35 → 17/35; median: 20 and 35 → 15/35
    assert mean(women) == 18 and mean(men) == 35 and median(women) == 20
    assert row["mean_gap"] == pytest.approx(float(gap(Fraction(35), Fraction(18))), abs=1e-15)
    assert round(100 * row["mean_gap"], 3) == 48.571
    assert round(100 * row["median_gap"], 3) == 42.857
    assert row["median_gap"] == pytest.approx(15 / 35, abs=1e-15)
    assert (row["women_n"], row["men_n"], row["other_n"]) == (3, 2, 0)
    assert (row["women_mean"], row["men_mean"]) == (18, 35)
    assert (row["women_median"], row["men_median"]) == (20, 35)
    annual = doc["pay_gap"][1]
    assert annual["basis"] == "annual"
    assert annual["women_mean"] == 1800 and annual["men_median"] == 3500
    assert annual["mean_gap"] == pytest.approx(17 / 35, abs=1e-15)


def test_even_count_median_is_the_mean_of_the_middle_two(pay_tables: Any) -> None:
    women, men = [10, 11, 13, 40], [20, 30]
    row = pay_tables(hourly([("k", r) for r in women] + [("m", r) for r in men]))["pay_gap"][0]
    assert row["women_median"] == 12 and row["men_median"] == 25
    assert row["median_gap"] == pytest.approx(float(gap(Fraction(25), Fraction(12))))


def test_medians_of_tied_pay_take_the_middle_places(pay_tables: Any) -> None:
    # equal pay is counted once with its number of workers: the median must still be
    # read at the middle places. Women paid 10, 20, 20, 30, 30, 30 an hour: places 2 and 3
    # (from 0) hold 20 and 30 → 25. Men 5, 5, 7: place 1 holds 5. Women's variable pay
    # (part of the same totals) 0, 0, 100, 100, 300, 0: receivers 100, 100, 300 → 100.
    women, men = [10, 20, 20, 30, 30, 30], [5, 5, 7]
    variable = [0, 0, 100, 100, 300, 0]
    workers = [("k", r * 100 - v, v, 100) for r, v in zip(women, variable, strict=True)]
    workers += [("m", r * 100, 0, 100) for r in men]
    row_h, row_a = pay_tables(workers)["pay_gap"]
    assert median(women) == 25 and median(men) == 5
    assert median([v for v in variable if v > 0]) == 100
    assert (row_h["women_median"], row_h["men_median"]) == (25, 5)
    assert (row_a["women_median"], row_a["men_median"]) == (2500, 500)
    assert row_a["women_variable_median"] == 100 and row_h["women_variable_median"] == 1
    assert row_a["women_variable_n"] == 3 and row_a["men_variable_median"] is None


def test_hourly_and_annual_differ_with_part_time(pay_tables: Any) -> None:
    # a woman paid 200 an hour for 1000 hours earns less a year than a man paid 100 for 2000
    row_h, row_a = pay_tables([("k", 200_000, 0, 1000), ("m", 200_000, 0, 2000),
                               ("m", 150_000, 0, 1500)])["pay_gap"]
    assert row_h["mean_gap"] == pytest.approx(float(gap(Fraction(100), Fraction(200))))
    assert row_h["mean_gap"] < 0  # sign kept: women paid more per hour
    assert row_a["mean_gap"] == pytest.approx(float(gap(mean([200_000, 150_000]),
                                                        Fraction(200_000))))


def test_variable_pay_gaps_compare_receivers_only_and_shares_use_everyone(
        pay_tables: Any) -> None:
    workers = [("k", 30_000, 0, 100), ("k", 30_000, 1_000, 100), ("k", 30_000, 3_000, 100),
               ("m", 30_000, 0, 100), ("m", 30_000, 0, 100), ("m", 30_000, 4_000, 100),
               ("m", 30_000, 6_000, 200), ("x", 30_000, 9_999, 100)]
    row_h, row_a = pay_tables(workers)["pay_gap"]
    assert (row_a["women_variable_n"], row_a["men_variable_n"]) == (2, 2)
    assert row_a["women_variable_share"] == pytest.approx(2 / 3)
    assert row_a["men_variable_share"] == pytest.approx(2 / 4)
    assert row_a["women_variable_mean"] == 2_000 and row_a["men_variable_mean"] == 5_000
    assert row_a["variable_mean_gap"] == pytest.approx(3 / 5)
    assert row_a["women_variable_median"] == 2_000 and row_a["men_variable_median"] == 5_000
    # hourly variable pay: women 10, 30; men 40, 30 (6000 over 200 hours)
    assert row_h["women_variable_mean"] == 20 and row_h["men_variable_mean"] == 35
    assert row_h["variable_mean_gap"] == pytest.approx(float(gap(Fraction(35), Fraction(20))))
    assert row_h["other_n"] == 1  # other counts, but in no gap


def test_nobody_with_variable_pay_gives_null_gaps_and_zero_shares(pay_tables: Any) -> None:
    for row in pay_tables(hourly([("k", 10), ("m", 12)]))["pay_gap"]:
        assert row["women_variable_n"] == 0 and row["men_variable_n"] == 0
        assert row["women_variable_share"] == 0 and row["men_variable_share"] == 0
        for key in ("women_variable_mean", "men_variable_mean", "variable_mean_gap",
                    "women_variable_median", "men_variable_median", "variable_median_gap"):
            assert row[key] is None, key


def test_mens_mean_zero_or_no_men_gives_null_gaps(pay_tables: Any) -> None:
    zero = pay_tables([("k", 1000, 0, 100), ("m", 0, 0, 100)])
    assert zero["pay_gap"][0]["men_mean"] == 0 and zero["pay_gap"][0]["mean_gap"] is None
    assert zero["pay_gap"][0]["median_gap"] is None
    assert zero["pay_categories"][0]["total_hourly_gap"] is None
    assert zero["pay_categories"][0]["assessment_required"] is None
    no_men = pay_tables(hourly([("k", 10), ("k", 12), ("x", 30)]))
    row = no_men["pay_gap"][0]
    assert row["men_n"] == 0 and row["men_mean"] is None and row["mean_gap"] is None
    assert row["men_variable_share"] is None  # a share of nobody
    cat = no_men["pay_categories"][0]
    assert (cat["women_n"], cat["men_n"], cat["other_n"]) == (2, 0, 1)
    assert cat["assessment_required"] is None and cat["basic_hourly_gap"] is None


def test_no_pay_rows_for_the_pay_year_means_no_pay_tables(pay_tables: Any) -> None:
    assert pay_tables(hourly([("k", 10), ("m", 12)]), year=2023) == {}
    # the report year's pay year is year − 1: report 2024 reads the 2023 rows
    assert set(pay_tables(hourly([("k", 10), ("m", 12)]), year=2023, report_year=2024)) == set(
        PAY_TABLES)


def test_config_pay_year_overrides_the_default(make_org: Callable[..., Path]) -> None:
    folder = make_org(departments={"A": True},
                      employees=[("2025-01-01", "E1", "k", 1980, "A", "HK", None, "")],
                      extra_config="[pay]\nyear = 2022\n")
    write_pay(folder, hourly([("k", 10), ("m", 20)]), year=2022)
    rows = compute_tables(load(folder), 2025, PAY_TABLES)["pay_gap"]
    assert rows[0]["mean_gap"] == pytest.approx(0.5)


# -- pay_quartiles ------------------------------------------------------------------------


def reference_bands(workers: list[tuple[str, Fraction]]) -> list[dict[str, Fraction]]:
    """The contract's tie rule, integrated rank unit by rank unit in exact fractions:
    a tied group of c workers occupying ranks [s, s + c] spreads each gender's count
    evenly over that interval; band q is [(q − 1)·N/4, q·N/4]."""
    n = len(workers)
    by_pay: dict[Fraction, dict[str, int]] = {}
    for g, pay in workers:
        by_pay.setdefault(pay, {"woman": 0, "man": 0, "other": 0})[g] += 1
    bands = [{"woman": Fraction(0), "man": Fraction(0), "other": Fraction(0)} for _ in range(4)]
    start = Fraction(0)
    for pay in sorted(by_pay):
        group = by_pay[pay]
        c = sum(group.values())
        for q in range(4):
            lo, hi = Fraction(q * n, 4), Fraction((q + 1) * n, 4)
            overlap = max(Fraction(0), min(start + c, hi) - max(start, lo))
            for g in group:
                bands[q][g] += overlap * group[g] / c
        start += c
    return bands


GENDER_CODES = {"woman": "k", "man": "m", "other": "x"}


def _check_bands(pay_tables: Any, workers: list[tuple[str, int]]) -> list[dict[str, Any]]:
    doc = pay_tables(hourly([(GENDER_CODES[g], r) for g, r in workers]))
    rows = doc["pay_quartiles"]
    assert [(r["basis"], r["quartile"]) for r in rows] == [
        (b, q) for b in ("hourly", "annual") for q in (1, 2, 3, 4)]
    expected = reference_bands([(g, Fraction(r)) for g, r in workers])
    n = len(workers)
    for row in rows:
        band = expected[row["quartile"] - 1]
        assert row["women"] == pytest.approx(float(band["woman"]), abs=1e-12)
        assert row["men"] == pytest.approx(float(band["man"]), abs=1e-12)
        assert row["other"] == pytest.approx(float(band["other"]), abs=1e-12)
        assert row["women"] + row["men"] + row["other"] == pytest.approx(n / 4, abs=1e-12)
        assert row["women_share"] == pytest.approx(float(band["woman"] / Fraction(n, 4)))
        assert row["men_share"] == pytest.approx(float(band["man"] / Fraction(n, 4)))
    return rows


def test_quartiles_of_the_issue_vector_split_the_tie_at_ten(pay_tables: Any) -> None:
    workers = [("woman", 8), ("man", 9), ("woman", 10), ("woman", 10), ("man", 10),
               ("woman", 10), ("man", 12), ("man", 14)]
    rows = _check_bands(pay_tables, workers)[:4]
    # by hand: the four 10s (3 F, 1 M) fill ranks 2…6, half in band 2, half in band 3
    assert [r["women"] for r in rows] == [1, 1.5, 1.5, 0]
    assert [r["men"] for r in rows] == [1, 0.5, 0.5, 2]
    assert [r["women_share"] for r in rows] == [0.5, 0.75, 0.75, 0]


@pytest.mark.parametrize("n", [9, 10, 11])
def test_quartiles_when_n_is_not_divisible_by_four(pay_tables: Any, n: int) -> None:
    workers = [(("woman", "man", "other")[i % 3] if i % 5 else "woman", 10 + i // 2)
               for i in range(n)]  # pairs of equal pay, so ties straddle band edges
    rows = _check_bands(pay_tables, workers)
    if n == 9:
        # by hand, N/4 = 2.25: ranks 0–1 pay 10 (woman, man), ranks 2–3 pay 11 (other,
        # woman): band 1 = both 10s and a quarter of the 11s' interval (1/8 other, 1/8 woman)
        assert rows[0]["women"] == 1.125 and rows[0]["men"] == 1
        assert rows[0]["other"] == 0.125


def test_quartiles_with_all_workers_tied(pay_tables: Any) -> None:
    rows = _check_bands(pay_tables, [("woman", 10)] * 3 + [("man", 10)] * 2)
    assert all(r["women_share"] == pytest.approx(0.6) for r in rows)


# -- pay_categories -----------------------------------------------------------------------


def test_category_gap_of_the_issue_vector_requires_assessment(pay_tables: Any) -> None:
    women, men = [30_000, 31_000, 32_000], [33_000, 34_000]
    workers = [("k", p, 0, 1924) for p in women] + [("m", p, 0, 1924) for p in men]
    row = pay_tables(workers)["pay_categories"][0]
    expected = gap(mean(men), mean(women))  # 2500 / 33500
    assert round(100 * float(expected), 2) == 7.46
    assert row["total_annual_gap"] == pytest.approx(float(expected))
    assert row["total_hourly_gap"] == pytest.approx(float(expected))
    assert row["assessment_required"] is True


def test_a_gap_of_exactly_five_percent_requires_assessment_on_exact_values(
        pay_tables: Any) -> None:
    # 41.1 and 39.045 an hour: exactly 5 %, but (41.1 − 39.045) / 41.1 is 0.04999999999999999
    # in floating point
    assert gap(Fraction("41.1"), Fraction("39.045")) == Fraction(5, 100)
    assert (41.1 - 39.045) / 41.1 < 0.05
    row = pay_tables([("k", 39_045, 0, 1000), ("m", 41_100, 0, 1000)])["pay_categories"][0]
    assert row["assessment_required"] is True
    row = pay_tables([("k", 95, 0, 1), ("m", 100, 0, 1)])["pay_categories"][0]
    assert row["assessment_required"] is True
    # the other way: women paid 5 % more
    row = pay_tables([("k", 105, 0, 1), ("m", 100, 0, 1)])["pay_categories"][0]
    assert row["total_hourly_gap"] == pytest.approx(-0.05)
    assert row["assessment_required"] is True


def test_a_gap_of_4_99_percent_does_not(pay_tables: Any) -> None:
    row = pay_tables([("k", 95.01, 0, 1), ("m", 100, 0, 1)])["pay_categories"][0]
    assert row["total_hourly_gap"] == pytest.approx(0.0499)
    assert row["assessment_required"] is False


def test_category_means_include_zeros_and_add_up(pay_tables: Any) -> None:
    workers = [("k", 30_000, 0, 1500, "Lærere"), ("k", 20_000, 5_000, 1000, "Lærere"),
               ("m", 40_000, 2_000, 2000, "Lærere"), ("x", 1, 1, 1, "Lærere"),
               ("k", 50_000, 0, 1000, "Jurister")]
    rows = pay_tables(workers)["pay_categories"]
    assert [r["category"] for r in rows] == ["Jurister", "Lærere"]  # sorted
    jur, lae = rows
    assert (jur["women_n"], jur["men_n"]) == (1, 0) and jur["assessment_required"] is None
    assert (lae["women_n"], lae["men_n"], lae["other_n"]) == (2, 1, 1)
    assert lae["women_basic_annual"] == 25_000 and lae["women_variable_annual"] == 2_500
    assert lae["women_total_annual"] == 27_500 and lae["men_total_annual"] == 42_000
    # hourly: women 20 and 20 basic, 0 and 5 variable; men 20 basic, 1 variable
    assert lae["women_basic_hourly"] == 20 and lae["women_variable_hourly"] == 2.5
    assert lae["women_total_hourly"] == 22.5 and lae["men_total_hourly"] == 21
    assert lae["total_hourly_gap"] == pytest.approx(float(gap(Fraction(21), Fraction(45, 2))))
    assert lae["variable_annual_gap"] == pytest.approx(float(gap(Fraction(2000),
                                                                  Fraction(2500))))
    assert lae["basic_hourly_gap"] == 0
    assert lae["assessment_required"] is True  # |−7.1 %| ≥ 5 %
    assert list(lae) == ["category", "women_n", "men_n", "other_n",
                         "women_basic_annual", "men_basic_annual", "basic_annual_gap",
                         "women_variable_annual", "men_variable_annual", "variable_annual_gap",
                         "women_total_annual", "men_total_annual", "total_annual_gap",
                         "women_basic_hourly", "men_basic_hourly", "basic_hourly_gap",
                         "women_variable_hourly", "men_variable_hourly", "variable_hourly_gap",
                         "women_total_hourly", "men_total_hourly", "total_hourly_gap",
                         "assessment_required"]


# -- one statement for the three tables -----------------------------------------------------


def _issue_workspace(make_org: Callable[..., Path]) -> Any:
    folder = make_org(departments={"A": True},
                      employees=[("2025-01-01", "E1", "k", 1980, "A", "HK", None, "")])
    write_pay(folder, [(g, r * 100, 0, 100, c) for g, r, c in (
        ("k", 8, "P"), ("m", 9, "Q"), ("k", 10, "P"), ("k", 10, "P"), ("m", 10, "Q"),
        ("k", 10, "Q"), ("m", 12, "P"), ("m", 14, "Q"))])
    return load(folder)


def test_the_three_pay_tables_are_read_from_one_statement_run_once(
        make_org: Callable[..., Path], counting: Any) -> None:
    from ligestat.indicators import run, selection

    ws = _issue_workspace(make_org)
    con = counting(ws.con)
    tables = run(SimpleNamespace(con=con), selection(ws, 2025), PAY_TABLES)
    assert con.executed == 2  # whether pay rows exist, then the tables
    assert [len(tables[t]) for t in PAY_TABLES] == [2, 8, 2]
    assert [r["women"] for r in tables["pay_quartiles"][:4]] == [1, 1.5, 1.5, 0]


def test_each_pay_table_alone_gives_its_rows_of_the_shared_statement(
        make_org: Callable[..., Path]) -> None:
    from ligestat.indicators import REGISTRY, run, selection

    ws = _issue_workspace(make_org)
    sel = selection(ws, 2025)
    shared = run(ws, sel, PAY_TABLES)
    for name in PAY_TABLES:
        alone = ws.con.execute(REGISTRY[name].sql(sel)).fetchall()
        assert [dict(zip(REGISTRY[name].columns, row, strict=True)) for row in alone] == \
            shared[name], name
