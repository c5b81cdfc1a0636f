"""initiatives.csv into and out of the register, and part 2's rows, on both backends."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ligestat.errors import AccessDenied, ValidationError
from ligestat.register import Database, approved_initiatives
from ligestat.register.demo import cli_actor
from ligestat.register.exchange import CSV_COLUMNS, export_csv, import_csv
from ligestat.register.models import AuditEntry, Initiative, Update

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "src" / "ligestat" / "synth" / "reference" / "kk-2025" / "initiatives.csv"
CODES = ("BUF", "SOF", "SUF", "KFF", "TMF", "BIF", "ØKF")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_reference_initiatives_round_trip(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        n = import_csv(s, cli_actor(), REFERENCE, 2025, CODES)
    source = _rows(REFERENCE)
    assert n == len(source) == 55
    with db.read() as s:
        text = export_csv(s, cli_actor(), 2025)
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 2 * n
    out = tmp_path / "out.csv"
    out.write_text(text, encoding="utf-8")
    back = _rows(out)
    assert list(back[0]) == list(CSV_COLUMNS)
    assert [{k: r[k] for k in source[0]} for r in back] == source
    assert all(r["description"] == "" for r in back)


def test_import_with_descriptions_gives_prose_rows_for_the_report(db: Database,
                                                                  tmp_path: Path) -> None:
    f = tmp_path / "initiatives.csv"
    f.write_text(
        "id;audience;focus_area;department;title;status;period;cross_cutting;key_figures;"
        "description\n"
        '7;staff;Barsel;SUF;Øremærket barsel;ongoing;2024-2026;ja;40 fædre;"Første afsnit.\n\n'
        '- punkt et\n- punkt [to](https://kk.dk)\n\nSidste afsnit."\n'
        "8;citizens;LGBT+;BUF;Kladde-indsats;planned;;nej;;\n", encoding="utf-8")
    with db.write() as s:
        import_csv(s, cli_actor(), f, 2025, CODES)
    with db.write() as s:  # a later draft for 8 does not reach the report
        upd = s.scalars(select(Update).join(Initiative).where(Initiative.ref == "8")).one()
        upd.state = "draft"
    rows = approved_initiatives(db, 2025)
    assert [r["id"] for r in rows] == ["7"]
    r = rows[0]
    assert (r["audience"], r["department"], r["status"], r["cross_cutting"]) == (
        "staff", "SUF", "ongoing", True)
    assert r["description"] == ("Første afsnit.\n\n– punkt et\n\n– punkt to (https://kk.dk)"
                                "\n\nSidste afsnit.")
    assert approved_initiatives(db, 2024) == ()


def test_a_bad_file_stores_nothing_and_names_every_problem(db: Database,
                                                           tmp_path: Path) -> None:
    f = tmp_path / "initiatives.csv"
    f.write_text("id,audience,focus_area,department,title,status\n"
                 "1,citizens,A,BUF,Fin,ongoing\n"
                 "2,borgere,A,BUF,Forkert målgruppe,ongoing\n"
                 "3,staff,A,XYZ,Ukendt forvaltning,done\n"
                 "1,staff,A,BUF,Samme id,ongoing\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err, db.write() as s:
        import_csv(s, cli_actor(), f, 2025, CODES)
    text = str(err.value)
    assert "initiatives.csv:3: audience:" in text and "(borgere)" in text
    assert "initiatives.csv:4: department:" in text and "(XYZ)" in text
    assert "initiatives.csv:4: status:" in text and "(done)" in text
    assert "initiatives.csv:5: id:" in text
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Initiative)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_only_editors_import_and_export(db: Database) -> None:
    with pytest.raises(AccessDenied), db.write() as s:
        import_csv(s, cli_actor("coordinator"), REFERENCE, 2025, CODES)
    with pytest.raises(AccessDenied), db.read() as s:
        export_csv(s, cli_actor("viewer"), 2025)
