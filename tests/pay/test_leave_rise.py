"""Art. 10's pay rise after leave: who returned from parental leave in the year before
the pay year (return = birth date + the weeks taken), and how many of them got a
higher basic *hourly* pay than the year before, beside everyone else paid in both
years. The people and their pay are worked out by hand below."""

from __future__ import annotations

from datetime import date

import pytest

from ligestat.pay.assessment import Assessment, LeaveRise, leave_rise
from ligestat.pay.document import assessment_markdown
from ligestat.workspace import Workspace

PAY_YEAR = 2025
# id: (gender, leave (birth, weeks) or None, pay 2024 (basic, hours), pay 2025 (basic, hours))
PEOPLE: dict[str, tuple[str, tuple[date, float] | None, tuple[float, float] | None,
                        tuple[float, float] | None]] = {
    # back 2024-07-01; hourly 100 → 110: rose
    "A": ("woman", (date(2024, 1, 1), 26), (100_000, 1000), (110_000, 1000)),
    # back 2024-05-10; hourly 100 → 100: no rise
    "B": ("woman", (date(2024, 3, 1), 10), (100_000, 1000), (100_000, 1000)),
    # born 2023-11-27 + 35 days = back 2024-01-01, the first day of the year: rose
    "C": ("man", (date(2023, 11, 27), 5), (90_000, 900), (99_000, 900)),
    # born 2023-11-20 + 35 days = back 2023-12-25: not back in 2024, so among the others; rose
    "D": ("man", (date(2023, 11, 20), 5), (90_000, 900), (100_000, 900)),
    # no leave; annual pay up but hourly 100 → 96: no rise
    "E": ("woman", None, (100_000, 1000), (120_000, 1250)),
    # back 2024-05-29 but not paid in 2024: in neither group
    "F": ("man", (date(2024, 5, 1), 4), None, (50_000, 500)),
}


def _workspace() -> Workspace:
    ws = Workspace.open(None)
    for pid, (gender, leave, before, after) in PEOPLE.items():
        if leave is not None:
            ws.con.execute("INSERT INTO parental_leave (employee_id, gender, department, "
                           "child_birth_date, weeks_taken) VALUES (?, ?, 'D1', ?, ?)",
                           [pid, gender, leave[0], leave[1]])
        for year, pay in ((PAY_YEAR - 1, before), (PAY_YEAR, after)):
            if pay is not None:
                ws.con.execute("INSERT INTO pay (year, employee_id, gender, department, "
                               "category, basic_pay, variable_pay, hours_paid) "
                               "VALUES (?, ?, ?, 'D1', 'C1', ?, 0, ?)",
                               [year, pid, gender, pay[0], pay[1]])
    return ws


def test_returners_are_those_back_from_leave_in_the_year_before_and_paid_both_years() -> None:
    with _workspace() as ws:
        rise = leave_rise(ws, PAY_YEAR)
    assert rise == LeaveRise(returned={"woman": 2, "man": 1}, rose={"woman": 1, "man": 1},
                             others=2, others_rose=1)
    assert rise.share("woman") == pytest.approx(0.5)
    assert rise.share("man") == pytest.approx(1.0)
    assert rise.others_share == pytest.approx(0.5)


def test_without_the_year_before_there_is_no_leave_comparison() -> None:
    with _workspace() as ws:
        ws.con.execute("DELETE FROM pay WHERE year = ?", [PAY_YEAR - 1])
        assert leave_rise(ws, PAY_YEAR) is None


@pytest.mark.parametrize(("lang", "rule"), [
    ("da", "barnets fødselsdato plus de uger"), ("en", "birth date plus the weeks")])
def test_the_document_gives_the_shares_and_names_the_return_rule(lang: str, rule: str) -> None:
    rise = LeaveRise(returned={"woman": 2, "man": 1}, rose={"woman": 1, "man": 1},
                     others=2, others_rose=1)
    text = assessment_markdown(Assessment(PAY_YEAR, (), 0, rise), 2026, lang)
    assert ("50,0 %" if lang == "da" else "50.0 %") in text
    assert ("100,0 %" if lang == "da" else "100.0 %") in text
    assert rule in text
