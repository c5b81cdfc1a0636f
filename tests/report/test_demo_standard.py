"""The `standard` disclosure policy on the Copenhagen demo: it suppresses what it must,
the audit passes, and the report still renders in every format, with each suppressed
cell as a dash."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from ligestat.api import compute_tables, load, tables
from ligestat.disclosure import audit_policy
from ligestat.report import make_report
from ligestat.synth.kk2025 import generate_kk2025

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("report_readback_std", HERE / "readback.py")
assert _spec and _spec.loader
rb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rb)

LEAVE_COUNTS = ("n", "ge11", "ge17", "ge24")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("standard")
    data = root / "data"
    generate_kk2025(data)
    files = make_report(data, year=2025, out=root / "out", disclosure="standard")
    return {"data": data, "files": {p.suffix[1:]: p for p in files}}


def test_standard_suppresses_every_small_leave_count_and_the_audit_passes(
        demo: dict[str, Any]) -> None:
    ws = load(demo["data"])
    raw = compute_tables(ws, 2025)
    _, result = audit_policy(raw, policy="standard", config=ws.config)
    assert result.ok, [str(c) for c in result.failures]
    doc = tables(demo["data"], year=2025, disclosure="standard")["tables"]
    small = [(t, i, k) for t in ("fathers_leave", "mothers_leave")
             for i, row in enumerate(raw[t]) for k in LEAVE_COUNTS if 0 < row[k] < 5]
    assert small, "the demo data has small leave counts to protect"
    for table, i, key in small:
        row = doc[table][i]
        assert row[key] is None and key in row["suppressed"]
        assert row[f"{key}_share" if key != "n" else "ge11_share"] is None


def _fathers_rows(tables_by_title: dict[str, list[list[str]]]) -> dict[str, list[str]]:
    return {row[0]: row for row in tables_by_title["Tabel 5"][1:]}


def test_suppressed_cells_render_as_dashes_in_every_format(demo: dict[str, Any]) -> None:
    doc = tables(demo["data"], year=2025, disclosure="standard")["tables"]
    hidden = {r["department"] for r in doc["fathers_leave"]
              if "ge24" in r.get("suppressed", []) and r["department"] != "total"}
    assert hidden
    files = demo["files"]
    readers = {
        "html": rb.html_tables(files["html"]),
        "docx": rb.docx_tables(files["docx"]),
        "xlsx": rb.xlsx_as_text(rb.xlsx_tables(files["xlsx"])),
    }
    for fmt, found in readers.items():
        rows = _fathers_rows(found)
        for dept in hidden:
            assert rows[dept][6:8] == ["–", "–"], (fmt, dept, rows[dept])
    pdf = rb.pdf_segment(rb.pdf_text(files["pdf"]), "Tabel 5")
    for dept in hidden:
        line = next(x for x in pdf.splitlines() if x.strip().startswith(dept))
        assert line.count("–") >= 2, line
