"""The equality unit's own texts: Markdown read safely, placed by section, stored by import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ligestat.errors import InputError
from ligestat.io.narrative import NarrativeFile, read_narrative
from ligestat.report import build
from ligestat.report.model import Box, Paragraph, Section
from ligestat.report.narrative import Narrative, markdown_blocks


def _files(**texts: str) -> tuple[NarrativeFile, ...]:
    """``leave__perspective_1__md`` → the file ``leave.perspective-1.md``."""
    return tuple(NarrativeFile(name.replace("__", ".").replace("_", "-").replace(
        "child-sick-days", "child_sick_days"), text.encode()) for name, text in texts.items())


def _section(model: Any, sid: str) -> Section:
    def walk(blocks: tuple[Any, ...]) -> Section | None:
        for b in blocks:
            if isinstance(b, Section):
                if b.id == sid:
                    return b
                found = walk(b.blocks)
                if found:
                    return found
        return None

    found = walk(model.parts)
    assert found is not None, sid
    return found


def test_markdown_keeps_emphasis_links_lists_and_quotes_as_values() -> None:
    blocks = markdown_blocks("# Titel\n\nEn **fed** og *kursiv* [side](https://kk.dk).\n\n"
                             "- et\n- to\n\n1. først\n\n> citat\n")
    assert [b.kind for b in blocks] == ["subheading", "text", "bullet", "bullet", "number",
                                        "quote"]
    text = blocks[1]
    assert text.text == "En fed og kursiv side."
    assert [(s.text, s.bold, s.italic, s.href) for s in text.spans] == [
        ("En ", False, False, ""), ("fed", True, False, ""), (" og ", False, False, ""),
        ("kursiv", False, True, ""), (" ", False, False, ""),
        ("side", False, False, "https://kk.dk"), (".", False, False, "")]


def test_raw_html_and_script_links_stay_plain_text() -> None:
    blocks = markdown_blocks('<script>alert(1)</script>\n\n[x](javascript:alert(1)) '
                             '<img src=x onerror=alert(1)>')
    assert all(not s.href for b in blocks for s in b.runs)
    assert "<script>alert(1)</script>" in blocks[0].text


def test_html_escapes_what_the_unit_writes(make_report_input: Any, tmp_path: Path) -> None:
    from ligestat.report import write_report

    files = _files(introduction__md="Hej <script>alert('x')</script> & [a](javascript:x)")
    path = write_report(build(make_report_input(narrative=files), "da"), tmp_path, ["html"])[0]
    html = path.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert 'href="javascript' not in html


def test_texts_open_and_boxes_close_their_section(make_report_input: Any) -> None:
    files = _files(leave__md="Om **barsel**.", leave__perspective_2__md="# B\n\nTo.",
                   leave__perspective_1__md="# A\n\nEt citat.\n\nKilde: Barselsteamet")
    leave = _section(build(make_report_input(narrative=files), "da"), "leave")
    assert isinstance(leave.blocks[0], Paragraph) and leave.blocks[0].text == "Om barsel."
    boxes = [b for b in leave.blocks if isinstance(b, Box)]
    assert [b.title for b in boxes] == ["A", "B"]
    assert boxes[0].source == "Kilde: Barselsteamet"
    assert leave.blocks[-2:] == tuple(boxes)


def test_introduction_is_a_part_before_the_others_titled_by_its_heading(
        make_report_input: Any) -> None:
    files = _files(introduction__da__md="# Forord\n\nVelkommen.",
                   introduction__en__md="# Foreword\n\nWelcome.")
    for lang, title in (("da", "Forord"), ("en", "Foreword")):
        model = build(make_report_input(narrative=files), lang)
        assert model.parts[0].id == "introduction" and model.parts[0].title == title
        assert model.parts[1].id == "part1"


def test_a_language_file_wins_and_a_plain_file_serves_every_language() -> None:
    n = Narrative(_files(leave__md="alle", leave__en__md="english"))
    assert n.text("leave", "en")[0].text == "english"
    assert n.text("leave", "da")[0].text == "alle"
    only_da = Narrative(_files(leave__da__md="dansk"))
    assert only_da.text("leave", "en") == ()


def test_unknown_section_is_an_error_naming_file_and_sections(make_report_input: Any) -> None:
    files = _files(barsel__md="tekst")
    with pytest.raises(InputError, match=r"narrative/barsel\.md.*leave"):
        build(make_report_input(narrative=files), "da")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("Leave.MD", b"x", "not a narrative file name"),
    ("notes.txt", b"x", "not a narrative file name"),
    ("leave.md", b"\xff\xfe bad", "not UTF-8"),
    ("leave.md", b"ok\nbad \x07 bell", r"leave\.md:2: control character U\+0007"),
    ("logo.png", b"GIF89a", "not a PNG image"),
])
def test_bad_narrative_files_are_named(tmp_path: Path, name: str, content: bytes,
                                       message: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_narrative(tmp_path)


def test_descriptions_are_prose_under_each_initiative(kk2025_published: Any) -> None:
    model = build(kk2025_published, "da")
    citizens = _section(model, "initiatives_citizens")
    areas = [b for b in citizens.blocks if isinstance(b, Section)]
    first = areas[0].blocks[0]
    assert isinstance(first, Section) and first.level == 4
    assert first.title == "Gratis seksualundervisningsforløb på Åben Skole"
    kinds = [b.kind for b in first.blocks if isinstance(b, Paragraph)]
    assert kinds == ["meta", "text", "text"]  # two paragraphs, as written
    assert "Børne- og Ungdomsforvaltningen" in first.blocks[0].text  # type: ignore[union-attr]
    described = [i for a in areas for i in a.blocks]
    staff = [i for a in _section(model, "initiatives_staff").blocks if isinstance(a, Section)
             for i in a.blocks]
    assert len(described) + len(staff) == 55


def test_import_stores_the_narrative_for_a_workspace_report(tmp_path: Path) -> None:
    from ligestat.report import make_report
    from ligestat.synth.kk2025 import generate_kk2025
    from ligestat.workspace import Workspace

    data = tmp_path / "data"
    generate_kk2025(data)
    ws_path = tmp_path / "kk.duckdb"
    with Workspace.open(ws_path) as ws:
        ws.import_data(data)
    out = make_report(workspace=ws_path, year=2025, out=tmp_path / "out", formats=["html"])
    html = out[0].read_text(encoding="utf-8")
    assert "Kønsligestillingsredegørelsen samler hvert år" in html
    assert "Flere fædre spørger til barsel" in html
    assert "Fem vejledere i jobcentret" in html  # the initiatives' descriptions too
