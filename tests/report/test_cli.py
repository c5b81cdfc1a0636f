"""End to end: synthetic Copenhagen data → `ligestat report` → four files holding every
published number the calibration reproduces (calibration.json lists them)."""

from __future__ import annotations

import csv
import importlib.util
import json
from html import escape
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ligestat.cli import app

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("report_readback_cli", HERE / "readback.py")
assert _spec and _spec.loader
rb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rb)

TABLE_LABEL = {"managers_level_1": "Tabel 3", "managers_level_2": "Tabel 4",
               "fathers_leave": "Tabel 5", "mothers_leave": "Tabel 6",
               "child_sick_days": "Tabel 7"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("demo")
    data, out = root / "data", root / "out"
    runner = CliRunner()
    res = runner.invoke(app, ["synth", "kk-2025", "--out", str(data)])
    assert res.exit_code == 0, res.output
    assert (data / "context.csv").exists()  # synth writes the demo's context figures
    res = runner.invoke(app, ["report", str(data), "--year", "2025", "--out", str(out)])
    assert res.exit_code == 0, res.output
    files = {p.suffix[1:]: p for p in out.iterdir() if not p.name.startswith(".")}
    cells = json.loads((data / "calibration.json").read_text(encoding="utf-8"))["cells"]
    return {"data": data, "out": out, "files": files, "cells": cells, "runner": runner}


def _expected(cells: list[dict[str, Any]]) -> list[tuple[str, str, list[str]]]:
    out = []
    for c in cells:
        if not c["ok"] or c["table"].startswith("facts."):
            continue
        col, value, row = c["column"], int(c["published"]), c["row"]
        header = "I alt" if row == "total" else row
        if c["table"] == "agreements_gender":
            continue  # checked by name below, its table (1 or 2) depends on the majority
        text = (f"{value} %" if "pct" in col else f"{value} pp" if col.startswith("gap")
                else rb.da_int(value))
        out.append((TABLE_LABEL[c["table"]], header, [text]))
    return out


def test_report_writes_the_four_formats(demo: dict[str, Any]) -> None:
    assert sorted(demo["files"]) == ["docx", "html", "pdf", "xlsx"]


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "pdf"])
def test_every_reproduced_number_is_in_every_format(demo: dict[str, Any], fmt: str) -> None:
    path = demo["files"][fmt]
    expected = _expected(demo["cells"])
    assert len(expected) > 200
    if fmt == "pdf":
        text = rb.pdf_text(path)
        missing = [e for e in expected if not rb.pdf_row_has(text, *e)]
    else:
        tables = (rb.html_tables(path) if fmt == "html" else rb.docx_tables(path)
                  if fmt == "docx" else rb.xlsx_as_text(rb.xlsx_tables(path)))
        missing = [e for e in expected if not rb.find_row(tables[e[0]], e[1], e[2])]
        agreements = tables["Tabel 1"] + tables["Tabel 2"]
        missing += [(c["row"], c["column"]) for c in demo["cells"]
                    if c["table"] == "agreements_gender" and c["ok"]
                    and not rb.find_row(agreements, c["row"], [f"{c['published']} %"])]
    assert missing == []


def test_headline_facts_are_stated_in_the_text(demo: dict[str, Any]) -> None:
    html = rb.norm(demo["files"]["html"].read_text(encoding="utf-8"))
    for c in demo["cells"]:
        if c["table"] in ("facts.staff", "facts.population") and c["ok"]:
            value = int(c["published"])
            want = f"{value} %" if "pct" in c["column"] else rb.da_int(value)
            assert want in html, c
    assert "hvor 57 % havde afholdt mindst 11 ugers barsel" in html
    assert "hvor 21 % havde afholdt mindst 17 ugers barsel" in html
    assert "Lægebesøg" in html and "7,6 besøg" in html


def test_english_report_from_the_same_data(demo: dict[str, Any], tmp_path: Path) -> None:
    res = demo["runner"].invoke(app, ["report", str(demo["data"]), "--year", "2025", "--out",
                                      str(tmp_path), "--lang", "en", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "koebenhavns-kommune-2025-en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "four of seven departments meet the target" in html


def test_unknown_format_and_language_are_usage_errors(demo: dict[str, Any],
                                                      tmp_path: Path) -> None:
    runner = demo["runner"]
    res = runner.invoke(app, ["report", str(demo["data"]), "--year", "2025", "--out",
                              str(tmp_path), "--format", "html,odt"])
    assert res.exit_code == 2 and "odt" in res.output
    res = runner.invoke(app, ["report", str(demo["data"]), "--year", "2025", "--out",
                              str(tmp_path), "--lang", "de"])
    assert res.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_a_bad_context_file_fails_with_its_row(demo: dict[str, Any], tmp_path: Path) -> None:
    bad = tmp_path / "context.csv"
    bad.write_text("key,group,label_da,label_en,value,unit,year,source\n"
                   "a,g,x,y,many,percent,2024,DST\n", encoding="utf-8")
    res = demo["runner"].invoke(app, ["report", str(demo["data"]), "--year", "2025", "--out",
                                      str(tmp_path / "out"), "--context", str(bad)])
    assert res.exit_code == 1
    assert "context.csv:2: value: is not a number (many)" in res.output


def test_report_from_a_workspace_file(demo: dict[str, Any], tmp_path: Path) -> None:
    runner = demo["runner"]
    ws = tmp_path / "kk.duckdb"
    res = runner.invoke(app, ["import", str(demo["data"]), "--workspace", str(ws)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["report", "--workspace", str(ws), "--year", "2025", "--out",
                              str(tmp_path / "out"), "--format", "xlsx",
                              "--context", str(demo["data"] / "context.csv")])
    assert res.exit_code == 0, res.output
    sheets = rb.xlsx_as_text(rb.xlsx_tables(tmp_path / "out" / "koebenhavns-kommune-2025-da.xlsx"))
    assert rb.find_row(sheets["Tabel 3"], "I alt", ["50 %", "12", "50 %", "12", "24"])


def test_a_report_from_a_workspace_keeps_the_context_figures(demo: dict[str, Any],
                                                              tmp_path: Path) -> None:
    """Issue 13 (4): import stores context.csv, so the workspace path has the section."""
    runner = demo["runner"]
    ws = tmp_path / "kk.duckdb"
    res = runner.invoke(app, ["import", str(demo["data"]), "--workspace", str(ws)])
    assert res.exit_code == 0, res.output
    assert "context.csv" not in res.output.split("stored")[0]  # no "not a contract table"
    res = runner.invoke(app, ["report", "--workspace", str(ws), "--year", "2025", "--out",
                              str(tmp_path / "out"), "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "out" / "koebenhavns-kommune-2025-da.html").read_text(encoding="utf-8")
    assert "Nøgletal fra andre kilder" in html
    for row in csv.DictReader((demo["data"] / "context.csv").open(encoding="utf-8")):
        assert escape(row["label_da"]) in html, row["key"]


def test_report_refuses_to_overwrite_a_file_edited_since_it_was_written(
        demo: dict[str, Any], tmp_path: Path) -> None:
    """Issue 13 (7): a hand-edited file is not lost on the next run; --force overwrites."""
    runner = demo["runner"]
    out = tmp_path / "out"
    args = ["report", str(demo["data"]), "--year", "2025", "--out", str(out),
            "--format", "html,xlsx"]
    assert runner.invoke(app, args).exit_code == 0
    html, xlsx = out / "koebenhavns-kommune-2025-da.html", out / "koebenhavns-kommune-2025-da.xlsx"
    assert runner.invoke(app, args).exit_code == 0  # unchanged files are replaced silently
    edited = html.read_text(encoding="utf-8").replace("</h1>", " (redigeret)</h1>", 1)
    html.write_text(edited, encoding="utf-8")
    xlsx_before = xlsx.read_bytes()
    res = runner.invoke(app, args)
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert f"{html} was changed since ligestat wrote it" in res.output
    assert "--force" in res.output
    assert html.read_text(encoding="utf-8") == edited  # nothing overwritten,
    assert xlsx.read_bytes() == xlsx_before  # not even the unchanged file
    res = runner.invoke(app, [*args, "--force"])
    assert res.exit_code == 0, res.output
    assert "(redigeret)" not in html.read_text(encoding="utf-8")


def test_report_refuses_a_file_it_did_not_write(demo: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "koebenhavns-kommune-2025-da.html"
    mine.write_text("<p>the unit's own page</p>", encoding="utf-8")
    res = demo["runner"].invoke(app, ["report", str(demo["data"]), "--year", "2025", "--out",
                                      str(out), "--format", "html"])
    assert res.exit_code == 1
    assert mine.read_text(encoding="utf-8") == "<p>the unit's own page</p>"
