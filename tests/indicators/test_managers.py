"""Manager tables and the 40/60 target, on a hand-built organisation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ligestat.api import compute_tables, load

SNAP = "2024-09-30"
# department: (women, men, other) among level-1 managers
GROUPS = {
    "N0": (0, 0, 0),
    "N1": (1, 0, 0),
    "N2a": (1, 1, 0),
    "N2b": (2, 0, 0),
    "N3": (1, 2, 0),
    "N4": (1, 3, 0),
    "N5": (2, 3, 0),
    "N6": (2, 4, 0),
    "N7a": (3, 4, 0),
    "N7b": (2, 5, 0),
    "OTH": (2, 2, 1),
}
# target_met per rounding, worked out by hand from the required counts
# (ceil / nearest / eu): n=2 → 1/1/0, 3 → 1/1/1, 4 → 2/2/1, 5 → 2, 6 → 3/2/2, 7 → 3.
EXPECTED = {
    "ceil":    {"N0": None, "N1": None, "N2a": True, "N2b": False, "N3": True, "N4": False,
                "N5": True, "N6": False, "N7a": True, "N7b": False, "OTH": True},
    "nearest": {"N0": None, "N1": None, "N2a": True, "N2b": False, "N3": True, "N4": False,
                "N5": True, "N6": True, "N7a": True, "N7b": False, "OTH": True},
    "eu":      {"N0": None, "N1": None, "N2a": True, "N2b": True, "N3": True, "N4": True,
                "N5": True, "N6": True, "N7a": True, "N7b": False, "OTH": True},
}


def _employees() -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for dept, counts in GROUPS.items():
        for gender, k in zip(("woman", "man", "other"), counts, strict=True):
            rows += [(SNAP, f"{dept}-{gender}-{i}", gender, 1970, dept, "HK", 1, "")
                     for i in range(k)]
    # a level-1 manager in a unit shown in no table: counted in the total row only
    rows.append((SNAP, "hidden-1", "man", 1960, "HIDDEN", "HK", 1, ""))
    # a trainee manager is not ordinary employment: not counted anywhere
    rows.append((SNAP, "trainee-1", "woman", 1990, "N5", "HK", 1, "trainee"))
    return rows


@pytest.fixture
def org(make_org: Callable[..., Path]) -> Callable[[str], Path]:
    def build(rounding: str) -> Path:
        return make_org(
            departments={**{d: True for d in GROUPS}, "HIDDEN": False},
            employees=_employees(),
            extra_config=f'[targets]\nmanager_rounding = "{rounding}"\n',
        )
    return build


@pytest.mark.parametrize("rounding", ["ceil", "nearest", "eu"])
def test_balance_target_per_group_size_and_rounding(org: Callable[[str], Path],
                                                    rounding: str) -> None:
    rows = compute_tables(load(org(rounding)), 2025, ["managers_level_1"])["managers_level_1"]
    judged = {r["department"]: r["target_met"] for r in rows if r["department"] != "total"}
    assert judged == EXPECTED[rounding]


def test_counts_shares_and_total_row_include_hidden_units(org: Callable[[str], Path]) -> None:
    rows = compute_tables(load(org("ceil")), 2025, ["managers_level_1"])["managers_level_1"]
    by_dept = {r["department"]: r for r in rows}
    assert [r["department"] for r in rows] == [*GROUPS, "total"]
    assert "HIDDEN" not in by_dept
    oth = by_dept["OTH"]
    assert (oth["women"], oth["men"], oth["other"], oth["total"]) == (2, 2, 1, 5)
    assert oth["women_share"] == 2 / 5  # shares use n including other
    assert by_dept["N0"]["women_share"] is None
    total = by_dept["total"]
    women = sum(g[0] for g in GROUPS.values())
    men = sum(g[1] for g in GROUPS.values()) + 1  # the hidden unit's manager
    other = sum(g[2] for g in GROUPS.values())
    assert (total["women"], total["men"], total["other"]) == (women, men, other)
    assert total["total"] == women + men + other


def test_level_2_counts_the_levels_a_department_includes(make_org: Callable[..., Path]) -> None:
    employees = [
        (SNAP, "a", "woman", 1970, "TMF", "HK", 2, ""),
        (SNAP, "b", "man", 1970, "TMF", "HK", 3, ""),   # counted: TMF includes level 3
        (SNAP, "c", "man", 1970, "BIF", "HK", 3, ""),   # not counted: BIF does not
        (SNAP, "d", "woman", 1970, "BIF", "HK", 2, ""),
        (SNAP, "e", "man", 1970, "BIF", "HK", 1, ""),   # level 1 is not level 2
    ]
    folder = make_org(departments={"TMF": True, "BIF": True}, employees=employees)
    cfg = (folder / "ligestat.toml").read_text()
    (folder / "ligestat.toml").write_text(cfg.replace(
        'name = "Afdeling TMF"', 'name = "Afdeling TMF"\nlevel_2_includes = [3]'))
    rows = compute_tables(load(folder), 2025, ["managers_level_2"])["managers_level_2"]
    by_dept = {r["department"]: (r["women"], r["men"], r["total"]) for r in rows}
    assert by_dept == {"TMF": (1, 1, 2), "BIF": (1, 0, 1), "total": (2, 1, 3)}


# issue 13: a small organisation judges its top management as one group
SMALL = {"A": (1, 0), "B": (0, 1), "C": (1, 1), "D": (0, 2)}  # (women, men) at level 1


def _small(make_org: Callable[..., Path], extra: str) -> Path:
    rows = [(SNAP, f"{d}-{g}-{i}", g, 1970, d, "HK", 1, "")
            for d, (w, m) in SMALL.items()
            for g, k in (("woman", w), ("man", m)) for i in range(k)]
    return make_org(departments=dict.fromkeys(SMALL, True), employees=rows, extra_config=extra)


@pytest.mark.parametrize("scope, by_department, total", [
    # by department: A and B (one manager) cannot be assessed, C (1/1) is balanced, D (0/2)
    # not; the total row (2 women, 4 men; ceil(0.4·6) = 3 each needed) is judged as ever
    ("department", {"A": None, "B": None, "C": True, "D": False}, False),
    # as one group: no department row is judged, only the organisation's total
    ("organisation", {"A": None, "B": None, "C": None, "D": None}, False),
])
def test_level_1_target_for_the_organisation_as_one_group(
        make_org: Callable[..., Path], scope: str, by_department: dict[str, bool | None],
        total: bool) -> None:
    folder = _small(make_org, f'[targets]\nmanager_level_1_scope = "{scope}"\n')
    with load(folder) as ws:
        tables = compute_tables(ws, 2025, ["managers_level_1", "managers_level_2"])
    rows = {r["department"]: r for r in tables["managers_level_1"]}
    assert {d: rows[d]["target_met"] for d in SMALL} == by_department
    assert (rows["total"]["women"], rows["total"]["men"], rows["total"]["target_met"]) == (
        2, 4, total)
    assert all(r["target_met"] is None for r in tables["managers_level_2"])  # no level 2


def test_one_group_of_three_and_three_is_met(make_org: Callable[..., Path]) -> None:
    folder = _small(make_org, '[targets]\nmanager_level_1_scope = "organisation"\n')
    # add a woman to A and one to B: 4 women, 4 men → balanced as one group
    extra = [(SNAP, f"X{i}", "woman", 1970, d, "HK", 1, "") for i, d in enumerate("AB")]
    lines = (folder / "employees.csv").read_text(encoding="utf-8")
    (folder / "employees.csv").write_text(
        lines + "".join(",".join(map(str, r)) + "\n" for r in extra), encoding="utf-8")
    with load(folder) as ws:
        total = compute_tables(ws, 2025, ["managers_level_1"])["managers_level_1"][-1]
    assert (total["women"], total["men"], total["target_met"]) == (4, 4, True)


def test_an_unknown_scope_is_a_config_error(make_org: Callable[..., Path]) -> None:
    from ligestat.errors import ConfigError

    folder = _small(make_org, '[targets]\nmanager_level_1_scope = "kommune"\n')
    with pytest.raises(ConfigError, match="manager_level_1_scope"):
        load(folder)
