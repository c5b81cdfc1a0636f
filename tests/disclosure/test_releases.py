"""Releases of several report years are one system of equations (issue 14).

The attack, worked out by hand: fathers of the 2022 cohort (report 2024) —

    department   n  ge11  ge17  ge24
    A           20    12     1     0     ge17 = 1: primary under `standard`
    B           20    15    15    15     everyone in B took ≥ 24 weeks
    total       40    27    16    15

Report 2024 alone suppresses A's ge17; B's ge17 is pinned by its own chain
(15 ≤ ge17 ≤ 15), so the total's ge17 must go too (and the 2024 trend's last
row, which is the same total). Report 2025's trend then publishes cohort 2022
with ge17 = 16, and 16 − 15 = 1 gives A's suppressed count back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ligestat import api
from ligestat.disclosure import audit, suppression
from ligestat.disclosure.releases import audit_releases
from ligestat.indicators import REGISTRY

SHAPED = [n for n, ind in REGISTRY.items() if ind.disclosure is not None]
COHORT_2022 = {"A": [17] + [12] * 11 + [5] * 8, "B": [30] * 15 + [5] * 5}
COHORT_2023 = {"A": [26] * 5 + [20] * 5 + [12] * 8 + [3] * 7,
               "B": [26] * 6 + [20] * 6 + [12] * 7 + [3] * 6}


def _org(make_org: Callable[..., Path], years: tuple[int, ...] = (2024, 2025)) -> Path:
    employees: list[tuple[object, ...]] = []
    for year in years:
        for dep in ("A", "B"):
            for k in range(40):
                employees.append((f"{year}-01-15", f"{dep}{k}", ("woman", "man")[k % 2], 1985,
                                  dep, "HK", None, None))
    leave: list[tuple[object, ...]] = []
    for cohort, weeks in ((2022, COHORT_2022), (2023, COHORT_2023)):
        if cohort + 2 not in years:
            continue
        for dep, taken in weeks.items():
            for k, w in enumerate(taken):
                leave.append((f"{dep}{cohort}{k}", "man", dep, f"{cohort}-06-01", w))
    return make_org(departments={"A": True, "B": True}, employees=employees, leave=leave,
                    extra_config='[disclosure]\npolicy = "standard"\n')


def _row(rows: list[dict[str, Any]], **keys: Any) -> dict[str, Any]:
    return next(r for r in rows if all(r.get(k) == v for k, v in keys.items()))


def _each_year_alone(ws: Any) -> tuple[list[Any], list[dict[str, list[dict[str, Any]]]]]:
    """What ligestat published before: every report year protected on its own."""
    releases = api.publish(ws, 2025, names=SHAPED).releases
    return list(releases), [suppression.suppress(r.tables, r.policy) for r in releases]


def test_each_year_protected_alone_gives_a_cell_back_through_the_later_trend(
        make_org: Callable[..., Path]) -> None:
    with api.load(_org(make_org)) as ws:
        releases, old = _each_year_alone(ws)
        fathers_2024 = old[0]["fathers_leave"]
        trend_2025 = old[1]["fathers_leave_trend"]
        assert _row(fathers_2024, department="A")["ge17"] is None
        assert _row(fathers_2024, department="total")["ge17"] is None
        # the attack: the 2025 trend's cohort 2022 total minus the published departments
        derived = _row(trend_2025, cohort=2022)["ge17"] - _row(fathers_2024, department="B")["ge17"]
        assert derived == 1
        # each year's audit alone saw nothing ...
        assert all(audit(p, r.tables, r.policy).ok for r, p in zip(releases, old, strict=True))
        # ... the audit of both years together pins the cell
        result = audit_releases(releases, old)
        pinned = [c for c in result.failures
                  if (c.table, c.release, c.key, c.label) == ("fathers_leave", "2024", "ge17", "A")]
        assert pinned and (pinned[0].low, pinned[0].high) == (1, 1)


def test_the_later_trend_carries_the_earlier_suppression_and_the_audit_passes(
        make_org: Callable[..., Path]) -> None:
    with api.load(_org(make_org)) as ws:
        now = api.publish(ws, 2025, names=SHAPED)
        trend = now.tables["fathers_leave_trend"]
        assert _row(trend, cohort=2022)["ge17"] is None  # suppressed as in report 2024
        assert _row(trend, cohort=2022)["ge17_share"] is None
        assert _row(trend, cohort=2022)["n"] == 40  # what 2024 published stays published
        result = now.audit()
        assert result.ok, result.failures
        assert {c.release for c in result.cells} == {"2024", "2025"}
        a = next(c for c in result.cells
                 if (c.table, c.release, c.key, c.label) == ("fathers_leave", "2024", "ge17", "A"))
        assert a.high - a.low >= 2  # the standard protection


def test_a_year_publishes_the_same_before_and_after_a_later_year_is_imported(
        make_org: Callable[..., Path]) -> None:
    with api.load(_org(make_org, (2024,))) as ws:
        alone = api.publish(ws, 2024, names=SHAPED).tables
    with api.load(_org(make_org)) as ws:
        later = api.publish(ws, 2024, names=SHAPED).tables
        assert api.publish(ws, 2024).tables == {k: later[k] for k in api.publish(ws, 2024).tables}
    assert alone == later


def test_the_json_and_the_report_of_a_year_suppress_the_same_cells(
        make_org: Callable[..., Path]) -> None:
    with api.load(_org(make_org)) as ws:
        json_tables = api.publish(ws, 2025).tables
        report_tables = api.publish(ws, 2025, names=SHAPED).tables
    assert json_tables == {k: report_tables[k] for k in json_tables}


def test_audit_disclosure_on_a_workspace_audits_every_year_together(
        make_org: Callable[..., Path], tmp_path: Path, cli: CliRunner,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ligestat.cli import app
    from ligestat.disclosure import releases as releases_module
    from ligestat.workspace import Workspace

    path = tmp_path / "ws.duckdb"
    with Workspace.open(path) as ws:
        ws.import_data(_org(make_org))
    ok = cli.invoke(app, ["audit-disclosure", "--workspace", str(path)])
    assert ok.exit_code == 0, ok.output
    assert "2024" in ok.output and "2025" in ok.output

    def each_year_alone(given: Any, **_: Any) -> Any:
        return [suppression.suppress(r.tables, r.policy) for r in given]

    monkeypatch.setattr(releases_module, "protect", each_year_alone)
    bad = cli.invoke(app, ["audit-disclosure", "--workspace", str(path)])
    assert bad.exit_code == 1, bad.output
    assert "fathers_leave" in bad.output and "2024" in bad.output
