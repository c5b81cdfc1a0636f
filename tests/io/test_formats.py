"""One fixture, every format: the same organisation as UTF-8 CSV, as ';'/decimal-comma/
Windows-1252 CSV, as UTF-8-with-BOM CSV, as one .xlsx workbook and as Parquet files gives
identical stored tables and identical contract JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import orgdata
import pytest

from ligestat import api

FORMATS = list(orgdata.FORMATS)


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("formats")
    return {name: write(root / name) for name, write in orgdata.FORMATS.items()}


@pytest.fixture(scope="module")
def documents(folders: dict[str, Path]) -> dict[str, str]:
    return {name: json.dumps(api.tables(data=folder, year=2025, disclosure="public"),
                             ensure_ascii=False, indent=1)
            for name, folder in folders.items()}


@pytest.fixture(scope="module")
def stored(folders: dict[str, Path]) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
    out = {}
    for name, folder in folders.items():
        with api.load(folder) as ws:
            out[name] = orgdata.all_contents(ws.con)
    return out


def test_the_files_really_are_in_their_formats(folders: dict[str, Path]) -> None:
    cp1252 = (folders["csv-cp1252-semicolon-decimal-comma"] / "employees.csv").read_bytes()
    assert "Pædagoger".encode("cp1252") in cp1252 and b"\r\n" in cp1252
    with pytest.raises(UnicodeDecodeError):
        cp1252.decode("utf-8")
    leave = (folders["csv-cp1252-semicolon-decimal-comma"] / "parental_leave.csv").read_bytes()
    assert b";10,5\r\n" in leave
    assert (folders["csv-utf8-bom"] / "employees.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (folders["xlsx"] / "hr-data.xlsx").is_file()
    assert not list(folders["xlsx"].glob("*.csv"))
    assert len(list(folders["parquet"].glob("*.parquet"))) == len(orgdata.ROWS)


@pytest.mark.parametrize("fmt", FORMATS[1:])
def test_every_format_stores_the_same_tables(fmt: str, stored: dict[str, Any]) -> None:
    reference = stored[FORMATS[0]]
    for table, rows in reference.items():
        assert stored[fmt][table] == rows, table


@pytest.mark.parametrize("fmt", FORMATS[1:])
def test_every_format_gives_identical_json(fmt: str, documents: dict[str, str]) -> None:
    assert documents[fmt] == documents[FORMATS[0]]


def test_the_stored_tables_hold_the_fixture_normalised(stored: dict[str, Any]) -> None:
    """The reference format itself is right: aliases normalised, decimals and text kept."""
    tables = stored[FORMATS[0]]
    assert len(tables["employees"]) == len(orgdata.ROWS["employees"])
    assert {r[2] for r in tables["employees"]} == {"woman", "man", "other"}
    assert {r[7] for r in tables["employees"]} == {"ordinary", "trainee", "flexjob",
                                                    "extraordinary"}
    assert {r[5] for r in tables["employees"]} == set(orgdata.AGREEMENTS)
    assert {r[4] for r in tables["employees"]} == set(orgdata.DEPARTMENTS)
    assert sorted(r[4] for r in tables["parental_leave"]) == sorted(
        r[4] for r in orgdata.ROWS["parental_leave"])
    assert 10.5 in {r[4] for r in tables["parental_leave"]}
    assert {type(r[4]) for r in tables["child_sick_days"]} == {bool}
    titles = {r[4] for r in tables["initiatives"]}
    assert 'Lønanalyse; "køn", alder og anciennitet' in titles
    assert (date(2025, 1, 1), "E000", "woman", 1958, "ADM", "Pædagoger", 1, "ordinary") in (
        tables["employees"])


def test_the_json_counts_match_the_fixture_counted_by_hand(documents: dict[str, str]) -> None:
    doc = json.loads(documents[FORMATS[0]])
    assert list(doc) == ["contract", "organisation", "year", "tables"]
    assert doc["organisation"] == "Æblerød Kommune"
    expected = orgdata.expected_staff_2025()
    assert {r["gender"]: r["n"] for r in doc["tables"]["staff_gender"]} == expected
    managers = doc["tables"]["managers_level_1"]
    assert [r["department"] for r in managers] == ["ADM", "KØF", "SÅF", "total"]  # BR hidden
    fathers = {r["department"]: r for r in doc["tables"]["fathers_leave"]}
    born_2023_men = sum(1 for r in orgdata.ROWS["parental_leave"]
                        if r[3].year == 2023 and r[1].strip().lower() in orgdata.MAN)
    assert fathers["total"]["n"] == born_2023_men


def test_the_fixture_uses_every_gender_alias_of_the_contract() -> None:
    from ligestat.io.schema import GENDER_ALIASES

    contract = {"woman": set(orgdata.WOMAN), "man": set(orgdata.MAN),
                "other": set(orgdata.OTHER)}  # copied by hand from CONTRACT.md
    assert {g: set(a) for g, a in GENDER_ALIASES.items()} == contract
    used = {r[2].strip().lower() for r in orgdata.ROWS["employees"]}
    assert used >= set().union(*contract.values())


def test_every_format_gives_the_pay_tables(documents: dict[str, str]) -> None:
    """pay.csv is read in every format: the pay tables are there (their equality across
    formats is the identical-JSON test above)."""
    for fmt, text in documents.items():
        tables = json.loads(text)["tables"]
        assert list(tables)[-3:] == ["pay_gap", "pay_quartiles", "pay_categories"], fmt
        assert [r["basis"] for r in tables["pay_gap"]] == ["hourly", "annual"]
        assert tables["pay_gap"][1]["women_n"] + tables["pay_gap"][1]["men_n"] \
            + tables["pay_gap"][1]["other_n"] == 40
