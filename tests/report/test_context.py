"""context.csv: read, checked, and every problem named by file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ligestat.errors import InputError, ValidationError
from ligestat.report.context import read_context
from ligestat.synth.context import context_csv
from ligestat.synth.reference import load_reference


def test_demo_context_file_holds_the_seed_figures(tmp_path: Path) -> None:
    (tmp_path / "context.csv").write_text(context_csv(load_reference().facts), encoding="utf-8")
    figures = {f.key: f for f in read_context(tmp_path / "context.csv")}
    assert figures["gp_visits_women"].value == 7.6
    assert figures["gp_visits_men"].value == 4.7
    assert figures["life_expectancy_gap_city"].value == 4.5
    assert figures["life_expectancy_gap_dk"].value == 3.9
    assert figures["lgbt_low_life_satisfaction"].unit == "percent"
    assert {figures[k].value for k in ("lgbt_low_self_efficacy",
                                       "non_lgbt_low_self_efficacy")} == {25, 14}


def test_semicolon_and_decimal_comma_are_read(tmp_path: Path) -> None:
    p = tmp_path / "context.csv"
    p.write_text("key;group;label_da;label_en;value;unit;year;source\n"
                 "a;g;Et tal;A number;7,5;years;2024;DST\n", encoding="utf-8")
    (f,) = read_context(p)
    assert (f.value, f.group_da, f.year) == (7.5, "g", 2024)


def test_bad_rows_are_reported_with_file_row_and_column(tmp_path: Path) -> None:
    p = tmp_path / "context.csv"
    p.write_text("key,group,label_da,label_en,value,unit,year,source\n"
                 "a,g,x,y,seven,percent,2024,DST\n"
                 "b,g,x,y,7,percent,last year,DST\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_context(p)
    message = str(err.value)
    assert "context.csv:2: value: is not a number (seven)" in message
    assert "context.csv:3: year: is not a whole year (last year)" in message


def test_missing_columns_and_files_are_input_errors(tmp_path: Path) -> None:
    p = tmp_path / "context.csv"
    p.write_text("key,value\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing columns group, label_da"):
        read_context(p)
    with pytest.raises(InputError, match="not found"):
        read_context(tmp_path / "nope.csv")


def test_context_file_in_windows_1252_with_semicolons_reads_the_same(tmp_path: Path) -> None:
    text = context_csv(load_reference().facts)
    utf8 = tmp_path / "context.csv"
    utf8.write_text(text, encoding="utf-8")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    legacy = tmp_path / "legacy.csv"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    legacy.write_bytes(out.getvalue().encode("cp1252"))
    assert read_context(legacy) == read_context(utf8)
    labels = [f.label_da for f in read_context(legacy)]
    assert any(label.startswith("Forskel mellem kvinders og mænds") for label in labels)
