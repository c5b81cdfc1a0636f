"""``ligestat pay``: right to information (Art. 7), joint pay assessment (Art. 10), UK and
egapro exports — numbers worked out here from the rows written, disclosure applied."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ligestat import api
from ligestat.cli import app
from ligestat.pay.assessment import assess, init_assessment_file, read_assessment_file
from ligestat.pay.exports import UK_COLUMNS

HEADER = "year,employee_id,gender,department,category,basic_pay,variable_pay,hours_paid\n"


def _org(make_org: Callable[..., Path], rows: list[str], leave: list[tuple[object, ...]] = (),
         policy: str = "public") -> Path:
    folder = make_org(departments={"A": True}, leave=list(leave),
                      employees=[("2025-01-01", "E1", "k", 1980, "A", "HK", None, "")],
                      extra_config=f'[disclosure]\npolicy = "{policy}"\n')
    (folder / "pay.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _workers(cat: str, gender: str, pays: list[int], start: int = 0, year: int = 2024,
             hours: int = 100) -> list[str]:
    return [f"{year},{cat[:3]}{gender}{start + i},{gender},A,{cat},{p},0,{hours}"
            for i, p in enumerate(pays)]


def test_info_prints_the_category_averages(make_org: Callable[..., Path],
                                           cli: CliRunner) -> None:
    rows = _workers("Lærere", "k", [30_000, 31_000, 32_000, 33_000, 34_000]) + _workers(
        "Lærere", "m", [35_000] * 5)
    folder = _org(make_org, rows)
    result = cli.invoke(app, ["pay", "info", str(folder), "--year", "2025",
                              "--category", "Lærere"])
    assert result.exit_code == 0, result.output
    assert "32,000.00" in result.output and "35,000.00" in result.output  # annual means
    assert "320.00" in result.output and "350.00" in result.output  # hourly means
    assert "8.6 %" in result.output  # (35000 − 32000) / 35000
    assert "policy: standard" in result.output  # a public config is raised to standard


def test_info_applies_disclosure_and_names_unknown_categories(make_org: Callable[..., Path],
                                                               cli: CliRunner) -> None:
    rows = _workers("Jurister", "k", [50_000, 51_000]) + _workers("Jurister", "m", [52_000] * 9)
    folder = _org(make_org, rows)
    result = cli.invoke(app, ["pay", "info", str(folder), "--year", "2025",
                              "--category", "Jurister"])
    assert result.exit_code == 0, result.output
    assert "50,500" not in result.output  # 2 women: their mean is suppressed
    assert "52,000.00" in result.output  # 9 men: shown
    result = cli.invoke(app, ["pay", "info", str(folder), "--year", "2025",
                              "--category", "jurister"])
    assert result.exit_code == 1 and "did you mean 'Jurister'?" in result.output
    assert "Traceback" not in result.output


def test_assessment_lists_flagged_categories_and_keeps_the_employers_texts(
        make_org: Callable[..., Path], cli: CliRunner, tmp_path: Path) -> None:
    rows = (_workers("Akademikere", "k", [30_000, 31_000, 32_000])
            + _workers("Akademikere", "m", [33_000, 34_000])  # 7.46 %: flagged
            + _workers("Kontor *og* IT", "k", [30_000, 30_000])
            + _workers("Kontor *og* IT", "m", [31_000, 31_000])  # 3.2 %: not
            + _workers("Lige [5]", "k", [95]) + _workers("Lige [5]", "m", [100]))  # exactly 5 %
    folder = _org(make_org, rows)
    texts = folder / "pay_assessment.toml"
    result = cli.invoke(app, ["pay", "assessment", str(folder), "--year", "2025", "--init"])
    assert result.exit_code == 0, result.output
    assert set(read_assessment_file(texts)) == {"Akademikere", "Lige [5]"}
    body = texts.read_text(encoding="utf-8").replace(
        'justification = ""', 'justification = "Tillæg \\"forhandlet\\" lokalt"', 1)
    texts.write_text(body, encoding="utf-8")
    assert init_assessment_file(texts, ["Akademikere", "Ny"]) == ["Ny"]
    assert read_assessment_file(texts)["Akademikere"]["justification"] == \
        'Tillæg "forhandlet" lokalt'
    out = tmp_path / "a.md"
    result = cli.invoke(app, ["pay", "assessment", str(folder), "--year", "2025",
                              "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "## Akademikere" in text and "## Lige \\[5\\]" in text and "Kontor" not in text
    assert 'Tillæg "forhandlet" lokalt' in text
    assert "| Grundløn, gennemsnit (år) | 31.000 | 33.500 | 7,5 % |" in text
    assert "| Grundløn, median (år) | 31.000 | 33.500 | 7,5 % |" in text


def test_pay_rise_after_leave_counts_returners_with_two_pay_years(
        make_org: Callable[..., Path]) -> None:
    rows = []
    for year, bump in ((2023, 0), (2024, 1)):
        rows += [f"{year},W{i},k,A,C,{30_000 + bump * (i % 2) * 1000},0,1000" for i in range(6)]
        rows += [f"{year},M{i},m,A,C,{30_000 + bump * 1000 * (i == 0)},0,1000" for i in range(6)]
    # W0…W3 returned in 2023 (born 2023, ten weeks); M0, M1 returned in 2023; M5 in 2024
    leave = [(f"W{i}", "k", "A", "2023-02-01", 10) for i in range(4)] + [
        ("M0", "m", "A", "2022-12-01", 8), ("M1", "m", "A", "2023-05-01", 4),
        ("M5", "m", "A", "2023-12-20", 3)]
    with api.load(_org(make_org, rows, leave)) as ws:
        result = assess(ws, 2025, disclosure="public")
    assert result is not None and result.leave is not None
    lv = result.leave
    assert lv.returned == {"woman": 4, "man": 2}
    assert lv.rose == {"woman": 2, "man": 1}  # W1, W3 (odd) and M0 got more per hour
    assert (lv.others, lv.others_rose) == (6, 1)  # W4, W5 (W5 odd), M2…M5
    with api.load(_org(make_org, rows, leave)) as ws:
        standard = assess(ws, 2025, disclosure="standard")
    assert standard is not None and standard.leave is None  # 4 and 2 returners < 5


def test_uk_export_of_the_hand_worked_vectors(make_org: Callable[..., Path],
                                              cli: CliRunner) -> None:
    rates = [("k", 10), ("k", 24), ("k", 20), ("m", 40), ("m", 30)]
    rows = [f"2024,P{i},{g},A,C,{r * 100},{500 if i == 0 else 0},100"
            for i, (g, r) in enumerate(rates)]
    result = cli.invoke(app, ["pay", "export", str(_org(make_org, rows)), "--year", "2025",
                              "--format", "uk"])
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(row) == UK_COLUMNS
    # hourly with the bonus: women 15, 24, 20 → mean 59/3, median 20; men 35 and 35
    assert row["DiffMeanHourlyPercent"] == f"{100 * (35 - 59 / 3) / 35:.1f}"
    assert row["DiffMedianHourlyPercent"] == f"{100 * (35 - 20) / 35:.1f}"
    assert row["FemaleBonusPercent"] == "33.3" and row["MaleBonusPercent"] == "0.0"
    assert row["DiffMeanBonusPercent"] == ""  # no man received a bonus
    # five workers, N/4 = 1.25: ranks 15, 20, 24 (women), 40, 40... per quartile band
    assert row["FemaleLowerQuartile"] == "100.0" and row["MaleTopQuartile"] == "100.0"
    assert float(row["FemaleLowerMiddleQuartile"]) + float(row["MaleLowerMiddleQuartile"]) \
        == pytest.approx(100, abs=0.11)
    assert row["EmployerSize"] == "Less than 250"


def test_egapro_export_has_a_to_g_for_both_bases(make_org: Callable[..., Path],
                                                 cli: CliRunner) -> None:
    rows = _workers("A=1", "k", [30_000, 31_000]) + _workers("A=1", "m", [32_000, 33_000])
    result = cli.invoke(app, ["pay", "export", str(_org(make_org, rows)), "--year", "2025",
                              "--format", "egapro"])
    assert result.exit_code == 0, result.output
    got = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["indicator"] for r in got if r["basis"] == "annual"] == \
        ["A", "B", "C", "D", "E", "F", "F", "F", "F", "G", "G"]
    a = next(r for r in got if r["indicator"] == "A" and r["basis"] == "annual")
    assert (float(a["women"]), float(a["men"])) == (30_500, 32_500)
    assert a["gap_percent"] == f"{100 * 2000 / 32500:.1f}"
    assert {r["category"] for r in got if r["indicator"] == "G"} == {"A=1 (basic)",
                                                                     "A=1 (variable)"}
