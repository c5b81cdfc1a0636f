"""Staff tables: snapshot selection, employment types, genders and their aliases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ligestat.api import compute_tables, load
from ligestat.errors import WorkspaceError

ALIASES = {
    "woman": ["woman", "w", "f", "female", "k", "kvinde", "kvinder", " Kvinde ", "F"],
    "man": ["man", "m", "male", "mand", "mænd", "MÆND"],
    "other": ["other", "x", "andet", "nonbinary", "non-binary"],
}


def _emp(snap: str, prefix: str, gender: str, by: int = 1980, etype: str = "",
         agreement: str = "HK") -> tuple[object, ...]:
    return (snap, f"{prefix}", gender, by, "A", agreement, None, etype)


@pytest.fixture
def org(make_org: Callable[..., Path]) -> Path:
    rows = []
    for canonical, aliases in ALIASES.items():
        rows += [_emp("2024-09-30", f"{canonical}{i}", a) for i, a in enumerate(aliases)]
    rows += [_emp("2024-09-30", "t1", "k", etype="trainee"),
             _emp("2024-09-30", "t2", "m", etype="flexjob"),
             _emp("2024-09-30", "t3", "m", etype="extraordinary"),
             _emp("2024-09-30", "t4", "k", etype="Ordinary")]  # ordinary, any case
    # a later snapshot after the cut-off (31 Jan 2025): belongs to report year 2026
    rows += [_emp("2025-02-01", "late1", "m"), _emp("2025-02-01", "late2", "m")]
    return make_org(departments={"A": True}, employees=rows)


def test_every_gender_alias_counts_and_only_ordinary_employment(org: Path) -> None:
    rows = compute_tables(load(org), 2025, ["staff_gender"])["staff_gender"]
    n = {r["gender"]: r["n"] for r in rows}
    assert n == {"woman": 9 + 1, "man": 6, "other": 5}
    assert [r["gender"] for r in rows] == ["woman", "man", "other"]
    assert sum(r["share"] for r in rows) == pytest.approx(1)
    assert rows[2]["share"] == 5 / 21


def test_snapshot_after_the_cutoff_belongs_to_the_next_year(org: Path) -> None:
    ws = load(org)
    assert compute_tables(ws, 2026, ["staff_gender"])["staff_gender"][1]["n"] == 2
    with pytest.raises(WorkspaceError, match="no staff snapshot on or before 2024-01-31"):
        compute_tables(ws, 2024, ["staff_gender"])


def test_snapshot_on_the_cutoff_day_counts(make_org: Callable[..., Path]) -> None:
    folder = make_org(departments={"A": True},
                      employees=[_emp("2025-01-31", "a", "k"), _emp("2024-01-31", "b", "k"),
                                 _emp("2024-01-31", "c", "k")])
    rows = compute_tables(load(folder), 2025, ["staff_gender"])["staff_gender"]
    assert rows[0]["n"] == 1


def test_age_bands_use_age_on_the_snapshot_year(make_org: Callable[..., Path]) -> None:
    births = {"<20": 2005, "20-29": 1995, "30-39": 1985, "40-49": 1975, "50-59": 1965,
              "60+": 1964}
    # 2024 − 2005 = 19 → <20; 2024 − 1995 = 29 → 20-29; 2024 − 1964 = 60 → 60+
    rows = [_emp("2024-09-30", band, "k", by) for band, by in births.items()]
    folder = make_org(departments={"A": True}, employees=rows)
    table = compute_tables(load(folder), 2025, ["staff_age_gender"])["staff_age_gender"]
    women = {r["age_band"]: r["n"] for r in table if r["gender"] == "woman"}
    assert women == dict.fromkeys(births, 1)
    assert len(table) == 18  # every band × gender, zeros included


def test_agreements_split_by_gender_most_female_first(make_org: Callable[..., Path]) -> None:
    rows = [_emp("2024-09-30", "a1", "k", agreement="SOSU"),
            _emp("2024-09-30", "a2", "k", agreement="SOSU"),
            _emp("2024-09-30", "a3", "m", agreement="SOSU"),
            _emp("2024-09-30", "b1", "m", agreement="Håndværkere"),
            _emp("2024-09-30", "b2", "x", agreement="Håndværkere"),
            _emp("2024-09-30", "b3", "k", agreement="Håndværkere", etype="trainee")]
    folder = make_org(departments={"A": True}, employees=rows)
    table = compute_tables(load(folder), 2025, ["agreements_gender"])["agreements_gender"]
    assert [(r["agreement"], r["women"], r["men"], r["other"], r["total"]) for r in table] == [
        ("SOSU", 2, 1, 0, 3), ("Håndværkere", 0, 1, 1, 2)]
    assert table[0]["women_share"] == 2 / 3 and table[1]["men_share"] == 1 / 2
