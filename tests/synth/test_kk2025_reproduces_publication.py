"""End to end: synth kk-2025 → ligestat.api.tables → every published cell, compared.

Expected values are read from the package's copy of the published reference files;
percent cells are compared after half-up rounding of the exact share (computed from
the counts the tables report); gaps as the signed gap rounded half away from zero.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from ligestat import api
from ligestat.synth.reference import TOTAL_LABEL, load_reference


def _half_up(value: Fraction) -> int:
    sign = -1 if value < 0 else 1
    whole = int(abs(value))
    return sign * (whole + (1 if abs(value) - whole >= Fraction(1, 2) else 0))


def _pct(count: int, n: int) -> int:
    return _half_up(Fraction(100 * count, n))


def _dept(label: str) -> str:
    return "total" if label == TOTAL_LABEL else label


def _by(rows: list[dict[str, Any]], key: str, **match: Any) -> dict[str, dict[str, Any]]:
    return {r[key]: r for r in rows if all(r[k] == v for k, v in match.items())}


def generated_cells(doc: Mapping[str, Any], previous: Mapping[str, Any],
                    population: list[dict[str, Any]]) -> dict[tuple[str, str, str], int]:
    """Every published cell as the generated data gives it, keyed (table, row, column)."""
    t = doc["tables"]
    ref = load_reference()
    out: dict[tuple[str, str, str], int] = {}
    agreements = _by(t["agreements_gender"], "agreement")
    for r in ref.tables["agreements_gender"]:
        a = agreements[r["agreement"]]
        out[("agreements_gender", r["agreement"], "women_pct")] = _pct(a["women"], a["total"])
        out[("agreements_gender", r["agreement"], "men_pct")] = _pct(a["men"], a["total"])
    for name in ("managers_level_1", "managers_level_2"):
        rows = _by(t[name], "department")
        for r in ref.tables[name]:
            g = rows[_dept(r["department"])]
            label = _dept(r["department"])
            out.update({(name, label, "women"): g["women"], (name, label, "men"): g["men"],
                        (name, label, "total"): g["total"],
                        (name, label, "women_pct"): _pct(g["women"], g["total"]),
                        (name, label, "men_pct"): _pct(g["men"], g["total"])})
    for name in ("fathers_leave", "mothers_leave"):
        rows = _by(t[name], "department")
        for r in ref.tables[name]:
            label = _dept(r["department"])
            g = rows[label]
            for level in ("ge11", "ge17", "ge24"):
                out[(name, label, level)] = g[level]
                out[(name, label, f"{level}_pct")] = _pct(g[level], g["n"])
    sick = t["child_sick_days"]
    for r in ref.tables["child_sick_days"]:
        label = _dept(r["department"])
        for year in (2022, 2023, 2024):
            g = _by(sick, "department", year=year)[label]
            gap = 100 * (Fraction(g["women_took"], g["women_entitled"])
                         - Fraction(g["men_took"], g["men_entitled"]))
            out[("child_sick_days", label, f"gap_pp_{year}")] = _half_up(gap)
            assert g["gap_pp"] == pytest.approx(float(gap))
            if year == 2024:
                out[("child_sick_days", label, "women_2024")] = g["women_took"]
                out[("child_sick_days", label, "men_2024")] = g["men_took"]
                out[("child_sick_days", label, "women_pct_2024")] = _pct(g["women_took"],
                                                                         g["women_entitled"])
                out[("child_sick_days", label, "men_pct_2024")] = _pct(g["men_took"],
                                                                       g["men_entitled"])
    staff = _by(t["staff_gender"], "gender")
    n = sum(r["n"] for r in t["staff_gender"])
    out.update({("facts.staff", "staff", "total"): n,
                ("facts.staff", "staff", "women"): staff["woman"]["n"],
                ("facts.staff", "staff", "men"): staff["man"]["n"],
                ("facts.staff", "staff", "women_pct"): _pct(staff["woman"]["n"], n),
                ("facts.staff", "staff", "men_pct"): _pct(staff["man"]["n"], n)})
    fathers = _by(previous["tables"]["fathers_leave"], "department")["total"]
    for level in ("ge11", "ge17"):
        out[("facts.fathers_leave_previous_report", "total", f"{level}_pct")] = _pct(
            fathers[level], fathers["n"])
    women = sum(r["n"] for r in population if r["gender"] == "woman")
    men = sum(r["n"] for r in population if r["gender"] == "man")
    out.update({("facts.population", "population", "total"): women + men,
                ("facts.population", "population", "women"): women,
                ("facts.population", "population", "men"): men})
    return out


def published_cells() -> dict[tuple[str, str, str], int]:
    """Every published cell of the reference CSVs and the figures of facts.toml checked."""
    ref = load_reference()
    out: dict[tuple[str, str, str], int] = {}
    for name, rows in ref.tables.items():
        for r in rows:
            label = r["agreement"] if name == "agreements_gender" else _dept(r["department"])
            for column, value in r.items():
                if column in ("table", "agreement", "department"):
                    continue
                out[(name, label, column)] = int(value)
    facts = ref.facts
    for key in ("total", "women", "men", "women_pct", "men_pct"):
        out[("facts.staff", "staff", key)] = int(facts["staff"][key])
    for key in ("total", "women", "men"):
        out[("facts.population", "population", key)] = int(facts["population"][key])
    for key in ("ge11_pct", "ge17_pct"):
        out[("facts.fathers_leave_previous_report", "total", key)] = int(
            facts["fathers_leave_previous_report"][key])
    return out


@pytest.fixture(scope="module")
def generated(kk_dir: Path) -> dict[tuple[str, str, str], int]:
    doc = api.tables(data=kk_dir, year=2025)
    previous = api.tables(data=kk_dir, year=2024)
    with api.load(data=kk_dir) as ws:
        population = api.compute_tables(ws, 2025, ["population_age_gender"])[
            "population_age_gender"]
    return generated_cells(doc, previous, population)


def test_every_published_cell_is_reproduced_or_proven_impossible(
        kk_dir: Path, generated: dict[tuple[str, str, str], int]) -> None:
    published = published_cells()
    calibration = json.loads((kk_dir / "calibration.json").read_text(encoding="utf-8"))
    listed = {(c["table"], c["row"], c["column"]): c for c in calibration["cells"]}
    assert set(listed) == set(published), "the calibration report must list every published cell"
    missed = {k for k, v in published.items() if generated[k] != v}
    impossible = {k for k, c in listed.items() if not c["ok"]}
    assert missed == impossible
    for key in impossible:
        assert listed[key]["reason"], f"{key} is not reproduced but has no proof"
        assert listed[key]["reproduced"] == generated[key]


def test_the_impossible_cells_are_the_two_known_publication_errors(kk_dir: Path) -> None:
    calibration = json.loads((kk_dir / "calibration.json").read_text(encoding="utf-8"))
    impossible = {(c["table"], c["row"], c["column"]) for c in calibration["cells"]
                  if not c["ok"]}
    assert impossible == {
        ("mothers_leave", "TMF", "ge11_pct"), ("mothers_leave", "TMF", "ge17_pct"),
        ("mothers_leave", "TMF", "ge24_pct"),
        ("agreements_gender", "Bygningskonstruktører", "women_pct"),
        ("agreements_gender", "Pædagogisk uddannede ledere", "men_pct"),
    }


def test_totals_include_the_unit_shown_in_no_table(kk_dir: Path) -> None:
    ref = load_reference()
    published_extra = int(ref.total("mothers_leave")["ge11"]) - sum(
        int(r["ge11"]) for r in ref.rows("mothers_leave"))
    assert published_extra > 0  # the publication's total exceeds its departments
    doc = api.tables(data=kk_dir, year=2025)
    mothers = doc["tables"]["mothers_leave"]
    departments = [r for r in mothers if r["department"] != "total"]
    total = mothers[-1]
    assert total["department"] == "total"
    assert total["ge11"] == sum(r["ge11"] for r in departments) + published_extra
    assert total["n"] > sum(r["n"] for r in departments)


def test_the_reports_statements_follow_from_the_generated_tables(kk_dir: Path) -> None:
    statements = load_reference().facts["statements"]
    doc = api.tables(data=kk_dir, year=2025)["tables"]
    previous = api.tables(data=kk_dir, year=2024)["tables"]

    def meeting(name: str) -> str:
        rows = [r for r in doc[name] if r["department"] != "total"]
        return f"{sum(1 for r in rows if r['target_met'])} of {len(rows)}"

    assert meeting("managers_level_1") == statements["managers_level_1_departments_meeting_target"]
    assert meeting("managers_level_2") == statements["managers_level_2_departments_meeting_target"]
    sick = {(r["year"], r["department"]): r for r in doc["child_sick_days"]}
    assert (_half_up(Fraction(sick[(2024, "total")]["gap_pp"]))
            == statements["child_sick_days_total_gap_2024_pp"])
    over = sorted(d for (y, d), r in sick.items()
                  if y == 2024 and d != "total" and r["target_met"] is False)
    assert over == sorted(statements["child_sick_days_departments_over_10pp_2024"])
    change = (_half_up(Fraction(sick[(2024, "total")]["gap_pp"]))
              - _half_up(Fraction(sick[(2022, "total")]["gap_pp"])))
    assert change == statements["child_sick_days_gap_change_2022_2024_pp"]
    now, before = doc["fathers_leave"][-1], previous["fathers_leave"][-1]
    for level in ("ge11", "ge17"):
        delta = _pct(now[level], now["n"]) - _pct(before[level], before["n"])
        assert delta == statements[f"fathers_leave_{level}_change_pp"]
