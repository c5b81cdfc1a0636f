"""The adjusted gap: the official Logib example (Swiss Federal Office for Gender Equality)
reproduces its published result through pay.csv → import → model, and the OLS handles an
aliased regressor as R's lm does."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest

from ligestat import api
from ligestat.analysis import adjusted_gap
from ligestat.analysis.ols import fit_ols

PAY_HEADER = ("year,employee_id,gender,department,category,basic_pay,variable_pay,hours_paid,"
              "birth_year,training,years_of_service,level_of_requirements,"
              "professional_position")
MONTH_HOURS = 52 * 40 / 12  # Logib's standardisation: a 100 % month of a 40-hour week


def logib_as_pay_csv(sheet: Path, folder: Path) -> Path:
    """The example data sheet (reference month 1/2019) as pay.csv rows of pay year 2019:
    monthly pay components → basic and variable pay, activity rate or paid hours → hours."""
    from openpyxl import load_workbook

    rows = list(load_workbook(sheet, read_only=True, data_only=True)["data_sheet_template"]
                .iter_rows(values_only=True))[1:]
    lines = [PAY_HEADER]
    for r in rows:
        (key, age, sex, service, training, function, level, position, rate, paid_hours,
         basic, allowances, wage_13, special, weekly, _annual, population) = r[:17]
        if population != 1:  # Logib analyses statistical population 1 only
            continue
        hours = rate / 100 * weekly / 40 * MONTH_HOURS if rate else paid_hours
        lines.append(f"2019,{key},{sex},A,{function},{basic},{allowances + wage_13 + special},"
                     f"{hours!r},{2019 - age},{training},{service},{level},{position}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pay.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "employees.csv").write_text(
        "snapshot_date,employee_id,gender,birth_year,department,agreement\n"
        "2020-01-01,E1,k,1980,A,HK\n", encoding="utf-8")
    (folder / "ligestat.toml").write_text('organisation = "Logib example"\n'
                                          '[departments.A]\nname = "A"\n', encoding="utf-8")
    return folder


def test_the_logib_example_reproduces_the_published_result(shared_dir: Path,
                                                           tmp_path: Path) -> None:
    sheet = shared_dir / "reference" / "logib" / "Example_data_sheet_M1.xlsx"
    if not sheet.is_file():
        pytest.skip("the Logib example sheet is not in shared/reference/logib")
    with api.load(logib_as_pay_csv(sheet, tmp_path / "logib")) as ws:
        result = adjusted_gap(ws.con, 2019)
    assert result is not None
    logib = result.logib
    assert (logib.n, logib.women + logib.men) == (280, 280)
    assert round(logib.coefficient, 4) == -0.0265
    assert round(logib.standard_error, 5) == 0.00334
    assert round(logib.t, 3) == -7.925
    assert round(logib.r_squared, 3) == 0.991
    assert logib.df_residual == 267
    assert round(100 * logib.kennedy, 2) == -2.61
    assert logib.rating == "significant_2_5_to_5"  # above 2.5 %, not significantly above 5 %
    assert len(logib.fit.aliased) == 1  # a position dummy is a combination of the others
    oax = result.oaxaca
    assert oax.explained + oax.unexplained == pytest.approx(oax.gap)
    assert oax.unexplained == pytest.approx(-logib.coefficient, rel=1e-9)


def test_an_aliased_column_is_dropped_and_not_counted_in_the_degrees_of_freedom() -> None:
    xs = [float(i) for i in range(8)]
    signs = [1, -1, -1, 1, 1, -1, -1, 1]  # residuals ±0.5, orthogonal to 1 and x
    y = [1 + 2 * x + 0.5 * s for x, s in zip(xs, signs, strict=True)]
    design = [[1.0, x, 3 * x - 1] for x in xs]  # the third column = 3·x − 1·intercept
    fit = fit_ols(y, design, ["intercept", "x", "x3"])
    assert fit.aliased == ("x3",) and fit.df_residual == 6
    assert fit.coefficient("x") == pytest.approx(2)
    # σ² = 8·0.25 / 6; se(b) = σ / sqrt(Σ(x − x̄)²) with Σ(x − x̄)² = 42 for x = 0…7
    assert fit.standard_error("x") == pytest.approx(math.sqrt(2 / 6 / 42))
    assert fit.r_squared == pytest.approx(1 - 2 / sum((v - sum(y) / 8) ** 2 for v in y))


def test_without_the_model_columns_there_is_no_adjusted_gap(make_org: Callable[..., Path]
                                                             ) -> None:
    folder = make_org(departments={"A": True},
                      employees=[("2025-01-01", "E1", "k", 1980, "A", "HK", None, "")])
    (folder / "pay.csv").write_text(
        "year,employee_id,gender,department,category,basic_pay,variable_pay,hours_paid\n"
        + "".join(f"2024,P{i},{'km'[i % 2]},A,C,{30000 + i},0,1600\n" for i in range(60)),
        encoding="utf-8")
    with api.load(folder) as ws:
        assert adjusted_gap(ws.con, 2024) is None


def test_the_report_states_the_adjusted_gap_in_words(shared_dir: Path, tmp_path: Path) -> None:
    from ligestat.report import make_report

    sheet = shared_dir / "reference" / "logib" / "Example_data_sheet_M1.xlsx"
    if not sheet.is_file():
        pytest.skip("the Logib example sheet is not in shared/reference/logib")
    folder = logib_as_pay_csv(sheet, tmp_path / "logib")
    [html] = make_report(folder, year=2020, out=tmp_path / "out", formats=["html"], lang="da")
    text = " ".join(html.read_text(encoding="utf-8").replace("\u00a0", " ").split())
    # Kennedy −2.61 % → "2,6 % mindre"; significant, above 2.5 %, not significantly above 5 %
    assert "(den schweiziske standardmodel, Logib, 280 ansatte), tjener kvinder 2,6 % mindre" \
        in text
    assert "ikke signifikant over tolerancetærsklen på 5 %" in text


def test_students_t_tail_is_exact_for_closed_forms() -> None:
    """The p-values' t tail: df = 1 is Cauchy, P(T > 1) = 1/4; df = 2 has
    P(T > t) = 1/2 − t / (2·sqrt(2 + t²))."""
    from ligestat.analysis.logib import _t_sf

    assert _t_sf(1.0, 1) == pytest.approx(0.25, rel=1e-12)
    assert _t_sf(1.0, 2) == pytest.approx(0.5 - 1 / (2 * math.sqrt(3)), rel=1e-12)
    assert _t_sf(-1.0, 2) == pytest.approx(0.5 + 1 / (2 * math.sqrt(3)), rel=1e-12)
