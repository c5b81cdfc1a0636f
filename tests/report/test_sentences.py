"""Sentences written from the numbers: each target flipped, each singular/plural case, da and en."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ligestat.report import ReportInput, build
from ligestat.report.model import Paragraph, ReportModel, Section

Make = Callable[..., ReportInput]
DEPTS = ("BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF")


def text(model: ReportModel, section: str) -> str:
    def find(blocks: Any) -> Section | None:
        for b in blocks:
            if isinstance(b, Section):
                if b.id == section:
                    return b
                hit = find(b.blocks)
                if hit is not None:
                    return hit
        return None

    found = find(model.parts)
    assert found is not None, section
    return " ".join(b.text for b in found.blocks if isinstance(b, Paragraph)).replace("\u00a0", " ")


def managers(pairs: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Rows for the seven departments from (women, men), judged by the contract's rule."""
    import math

    def met(w: int, m: int) -> bool | None:
        n = w + m
        if n <= 1:
            return None
        if n == 3:
            return w >= 1 and m >= 1
        return w >= math.ceil(0.4 * n) and m >= math.ceil(0.4 * n)

    rows = []
    for d, (w, m) in zip((*DEPTS, "total"), [*pairs, (sum(p[0] for p in pairs),
                                                      sum(p[1] for p in pairs))], strict=True):
        n = w + m
        rows.append({"department": d, "women": w, "men": m, "other": 0, "total": n,
                     "women_share": w / n if n else None, "men_share": m / n if n else None,
                     "target_met": met(w, m)})
    return rows


def with_tables(make: Make, kk2025: ReportInput, **tables: Any) -> ReportInput:
    merged = {k: list(v) for k, v in kk2025.tables.items()}
    prev = tables.pop("previous", None)
    merged.update(tables)
    return make(tables=merged, previous=prev)


BALANCED, WOMEN_OVER, MEN_OVER = (5, 5), (8, 2), (2, 8)


# --- managers -----------------------------------------------------------------------------

def test_managers_all_seven_meet_the_target(kk2025: ReportInput) -> None:
    assert ("Status på lederniveau 1 er, at alle syv forvaltninger opfylder måltallet om en "
            "ligelig kønsfordeling på mindst 40/60.") in text(build(kk2025), "managers")


def test_managers_four_of_seven_and_women_over_represented_in_the_three(
        kk2025: ReportInput) -> None:
    t = text(build(kk2025), "managers")
    assert "Status på lederniveau 2 er, at fire ud af syv forvaltninger opfylder måltallet" in t
    assert ("Måltallet er ikke opfyldt i Børne- og Ungdomsforvaltningen, Socialforvaltningen og "
            "Sundheds- og Omsorgsforvaltningen.") in t
    assert "I de tre forvaltninger, som ikke opfylder måltallet, er kvindelige ledere" in t


def test_managers_one_of_seven_is_singular(make_report_input: Make, kk2025: ReportInput) -> None:
    rows = managers([BALANCED] + [WOMEN_OVER] * 6)
    da = build(with_tables(make_report_input, kk2025, managers_level_2=rows), "da")
    en = build(with_tables(make_report_input, kk2025, managers_level_2=rows), "en")
    assert "at én ud af syv forvaltninger opfylder måltallet" in text(da, "managers")
    assert "one of seven departments meets the target" in text(en, "managers")
    assert "In the six departments not meeting the target, women are" in text(en, "managers")


def test_managers_one_department_not_meeting_is_singular(make_report_input: Make,
                                                         kk2025: ReportInput) -> None:
    rows = managers([BALANCED] * 6 + [MEN_OVER])
    t = text(build(with_tables(make_report_input, kk2025, managers_level_2=rows)), "managers")
    assert "at seks ud af syv forvaltninger opfylder" in t
    assert "Måltallet er ikke opfyldt i Økonomiforvaltningen." in t
    assert "I den forvaltning, som ikke opfylder måltallet, er mandlige ledere" in t


def test_managers_none_meet_and_mixed_over_representation(make_report_input: Make,
                                                          kk2025: ReportInput) -> None:
    rows = managers([WOMEN_OVER] * 5 + [MEN_OVER] * 2)
    inp = with_tables(make_report_input, kk2025, managers_level_2=rows)
    t = text(build(inp), "managers")
    assert "at ingen af de syv forvaltninger opfylder måltallet" in t
    assert "mens mandlige ledere er overrepræsenterede i Teknik- og Miljøforvaltningen og " \
           "Økonomiforvaltningen." in t
    assert "none of the seven departments meets the target" in text(build(inp, "en"), "managers")


def test_managers_group_of_one_is_not_assessed(make_report_input: Make,
                                               kk2025: ReportInput) -> None:
    rows = managers([(2, 1), (2, 1), (1, 2), (1, 0), (2, 1), (1, 2), (3, 4)])
    t = text(build(with_tables(make_report_input, kk2025, managers_level_1=rows)), "managers")
    assert "at alle seks forvaltninger opfylder måltallet" in t
    assert "I Socialforvaltningen kan måltallet ikke vurderes" in t
    row = next(r for r in build(with_tables(make_report_input, kk2025, managers_level_1=rows))
               .tables()[3].rows if r.header.text == "SOF")
    assert row.cells[-1].text == "Kan ikke vurderes"


@pytest.mark.parametrize(("before", "sentence"), [
    ([BALANCED] * 2 + [WOMEN_OVER] * 5,
     "Det er to forvaltninger flere end ved sidste opgørelse, hvor to ud af syv opfyldte"),
    ([BALANCED] * 5 + [WOMEN_OVER] * 2,
     "Det er én forvaltning færre end ved sidste opgørelse, hvor fem ud af syv opfyldte"),
    ([BALANCED] * 4 + [WOMEN_OVER] * 3, "Det er det samme antal som ved sidste opgørelse."),
])
def test_managers_compared_with_last_year(make_report_input: Make, kk2025: ReportInput,
                                          before: list[tuple[int, int]], sentence: str) -> None:
    prev = {"managers_level_2": managers(before)}
    inp = with_tables(make_report_input, kk2025, previous=prev)
    assert sentence in text(build(inp), "managers")


# --- fathers' leave -----------------------------------------------------------------------

def test_fathers_not_meeting_with_changes_since_last_report(kk2025: ReportInput) -> None:
    t = text(build(kk2025), "leave")
    assert "Københavns Kommune opfylder ikke måltallene for fædres barsel." in t
    assert "77 % af de mandlige ansatte har afholdt mindst 11 ugers barsel" in t
    assert "Det er en stigning på 20 procentpoint fra sidste opgørelse, hvor 57 %" in t
    assert "Det er en stigning på seks procentpoint fra sidste opgørelse, hvor 21 %" in t
    assert "Ingen forvaltning når måltallene." in t


def _fathers(kk2025: ReportInput, ge11: bool, ge17: bool, dept_ge11: str | None = None,
             ge11_share: float | None = None) -> list[dict[str, Any]]:
    rows = [dict(r) for r in kk2025.tables["fathers_leave"]]
    for r in rows:
        if r["department"] == "total":
            r["ge11_target_met"], r["ge17_target_met"] = ge11, ge17
            if ge11_share is not None:
                r["ge11_share"] = ge11_share
        elif r["department"] == dept_ge11:
            r["ge11_target_met"] = True
    return rows


@pytest.mark.parametrize(("ge11", "ge17", "da", "en"), [
    (True, True, "Københavns Kommune opfylder begge måltal for fædres barsel.",
     "Københavns Kommune meets both targets for fathers' leave."),
    (True, False, "opfylder måltallet for 11 ugers barsel, men ikke måltallet for 17 ugers",
     "meets the 11-week target for fathers' leave, but not the 17-week target."),
    (False, True, "opfylder måltallet for 17 ugers barsel, men ikke måltallet for 11 ugers",
     "meets the 17-week target for fathers' leave, but not the 11-week target."),
])
def test_fathers_total_targets_flip(make_report_input: Make, kk2025: ReportInput, ge11: bool,
                                    ge17: bool, da: str, en: str) -> None:
    inp = with_tables(make_report_input, kk2025, fathers_leave=_fathers(kk2025, ge11, ge17))
    assert da in text(build(inp, "da"), "leave")
    assert en in text(build(inp, "en"), "leave")


def test_fathers_decrease_and_one_department_meeting(make_report_input: Make,
                                                     kk2025: ReportInput) -> None:
    rows = _fathers(kk2025, False, False, dept_ge11="BUF", ge11_share=0.53)
    inp = with_tables(make_report_input, kk2025, fathers_leave=rows)
    t = text(build(inp), "leave")
    assert "Det er et fald på fire procentpoint fra sidste opgørelse, hvor 57 %" in t
    assert "Måltallet for 11 uger er nået i Børne- og Ungdomsforvaltningen." in t
    assert "Ingen forvaltning når måltallet for 17 uger." in t
    assert "That is a decrease of four percentage points" in text(build(inp, "en"), "leave")


def test_fathers_with_suppressed_target_flags_never_say_no_department_meets(
        make_report_input: Make, kk2025: ReportInput) -> None:
    """Issue 14: a department meeting both targets had its flags suppressed and the report
    said that no department meets them. The sentence now speaks of the departments shown
    and says how many are hidden."""
    rows = _fathers(kk2025, False, False)
    for r in rows:
        if r["department"] == "BUF":
            r["ge11_target_met"] = r["ge17_target_met"] = None
            r["suppressed"] = sorted({*(r.get("suppressed") or ()), "ge11_target_met",
                                      "ge17_target_met"})
    inp = with_tables(make_report_input, kk2025, fathers_leave=rows)
    da, en = text(build(inp), "leave"), text(build(inp, "en"), "leave")
    assert "Ingen forvaltning når måltallene." not in da
    assert ("Ingen af de forvaltninger, hvis tal vises, når måltallene; for 1 forvaltning er "
            "det skjult af hensyn til diskretion.") in da
    assert "No department reaches either target." not in en
    assert "for 1 department this is not shown, for confidentiality." in en


# --- children's sick days -----------------------------------------------------------------

def test_sick_days_met_overall_with_four_departments_over(kk2025: ReportInput) -> None:
    t = text(build(kk2025), "child_sick_days")
    assert ("Københavns Kommune opfylder måltallet samlet set, da der i 2024 var otte "
            "procentpoint kønsforskel") in t
    assert ("Dog havde fire forvaltninger (Kultur- og Fritidsforvaltningen, Socialforvaltningen, "
            "Sundheds- og Omsorgsforvaltningen og Økonomiforvaltningen) mere end 10 "
            "procentpoints kønsforskel.") in t
    assert "Siden 2022 er kønsforskellen samlet set steget med seks procentpoint." in t
    assert ("However, four departments (Kultur- og Fritidsforvaltningen, Socialforvaltningen, "
            "Sundheds- og Omsorgsforvaltningen and Økonomiforvaltningen) had a gender gap of "
            "more than 10 percentage points.") in text(build(kk2025, "en"), "child_sick_days")


def _sick(kk2025: ReportInput, over: set[str], total_gap: float | None = None,
          first_gap: float | None = None) -> list[dict[str, Any]]:
    rows = []
    for r in kk2025.tables["child_sick_days"]:
        r = dict(r)
        if r["year"] == 2024 and r["department"] != "total":
            r["target_met"] = r["department"] not in over
        if r["department"] == "total" and total_gap is not None and r["year"] == 2024:
            r["gap_pp"], r["target_met"] = total_gap, abs(total_gap) <= 10
        if r["department"] == "total" and first_gap is not None and r["year"] == 2022:
            r["gap_pp"] = first_gap
        rows.append(r)
    return rows


def test_sick_days_one_department_over_is_singular(make_report_input: Make,
                                                   kk2025: ReportInput) -> None:
    inp = with_tables(make_report_input, kk2025, child_sick_days=_sick(kk2025, {"KFF"}))
    assert "Dog havde én forvaltning (Kultur- og Fritidsforvaltningen) mere end 10" in text(
        build(inp), "child_sick_days")
    assert "However, one department (Kultur- og Fritidsforvaltningen) had" in text(
        build(inp, "en"), "child_sick_days")


def test_sick_days_no_department_over(make_report_input: Make, kk2025: ReportInput) -> None:
    inp = with_tables(make_report_input, kk2025, child_sick_days=_sick(kk2025, set()))
    assert "Ingen forvaltning havde mere end 10 procentpoints kønsforskel." in text(
        build(inp), "child_sick_days")


def test_sick_days_total_not_met_and_gap_narrowed(make_report_input: Make,
                                                  kk2025: ReportInput) -> None:
    rows = _sick(kk2025, {"KFF", "SOF"}, total_gap=10.3, first_gap=12.0)
    inp = with_tables(make_report_input, kk2025, child_sick_days=rows)
    t = text(build(inp), "child_sick_days")
    # 10.3 pp prints as 10 but breaks a target of at most 10 pp: judged unrounded
    assert "opfylder ikke måltallet samlet set, da der i 2024 var 10 procentpoint" in t
    assert "I alt havde to forvaltninger (Kultur- og Fritidsforvaltningen og " \
           "Socialforvaltningen) mere end 10" in t
    assert "Siden 2022 er kønsforskellen samlet set faldet med to procentpoint." in t
    en = text(build(inp, "en"), "child_sick_days")
    assert "Two departments (Kultur- og Fritidsforvaltningen and Socialforvaltningen) had" in en
    assert "has narrowed by two percentage points" in en


# --- front page ---------------------------------------------------------------------------

def test_summary_counts_targets_met(make_report_input: Make, kk2025: ReportInput) -> None:
    assert build(kk2025).summary_intro[0].text == (
        "Københavns Kommune følger op på fem måltal. I 2025 er to af dem opfyldt.")
    rows = managers([BALANCED] * 7)
    inp = with_tables(make_report_input, kk2025, managers_level_2=rows,
                      fathers_leave=_fathers(kk2025, True, True))
    assert build(inp).summary_intro[0].text.endswith("I 2025 er alle fem opfyldt.")
    assert build(inp, "en").summary_intro[0].text.endswith("In 2025, all five are met.")


def test_summary_states_status_and_direction(kk2025: ReportInput) -> None:
    rows = {r.header.text: [c.text.replace("\u00a0", " ") for c in r.cells]
            for r in build(kk2025).summary.rows}
    assert rows["Ledere på niveau 2"][1:3] == ["4 af 7 forvaltninger", "Delvist opfyldt"]
    assert rows["Fædre med mindst 11 ugers barsel"][1:] == ["77 %", "Nej", "57 %",
                                                          "+20 pp, bedre"]
    assert rows["Børns sygedage, kønsforskel 2024"][1:] == ["8 pp", "Ja", "7 pp",
                                                          "+1 pp, dårligere"]


def test_managers_single_assessable_department_not_meeting(make_report_input: Make,
                                                           kk2025: ReportInput) -> None:
    rows = managers([WOMEN_OVER] + [(1, 0)] * 6)
    t = text(build(with_tables(make_report_input, kk2025, managers_level_2=rows)), "managers")
    assert "at den ene forvaltning, der kan vurderes, ikke opfylder måltallet" in t
    assert "I den forvaltning, som ikke opfylder måltallet, er kvindelige ledere" in t


def test_fathers_totals_withheld_are_said_so(make_report_input: Make,
                                            kk2025: ReportInput) -> None:
    rows = [dict(r) for r in kk2025.tables["fathers_leave"]]
    total = rows[-1]
    keys = ["ge11", "ge17", "ge24", "ge11_share", "ge17_share", "ge24_share",
            "ge11_target_met", "ge17_target_met"]
    total.update({k: None for k in keys}, suppressed=keys)
    t = text(build(with_tables(make_report_input, kk2025, fathers_leave=rows)), "leave")
    assert "Andelene for hele Københavns Kommune er skjult af hensyn til diskretion" in t
    assert "77 %" not in t
