"""Plain text and Markdown: exact source positions; code and addresses are not checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ligestat.language.run import check_paths

Position = Callable[..., tuple[int, int]]


def _found(path: Path) -> list[tuple[str, int, int]]:
    return [(f.match, f.line, f.column) for f in check_paths([path]).findings]


def test_plain_text_findings_carry_line_and_column_of_the_source(
    tmp_path: Path, position: Position
) -> None:
    source = (
        "Referat af mødet\n\nMødet blev ledet af vores formand.\n\tTalsmanden fremlagde sagen.\n"
    )
    path = tmp_path / "referat.txt"
    path.write_text(source, encoding="utf-8")
    found = _found(path)
    assert ("formand", *position(source, "formand")) in found
    assert ("Talsmanden", *position(source, "Talsmanden")) in found
    assert position(source, "Talsmanden") == (4, 2)


def test_windows_line_endings_and_cp1252_keep_positions(tmp_path: Path) -> None:
    source = "Første linje\r\nSå taler næstformanden.\r\n"
    path = tmp_path / "gammel.txt"
    path.write_bytes(source.encode("cp1252"))
    assert ("næstformanden", 2, 10) in _found(path)


def test_markdown_prose_is_checked_with_source_positions(
    tmp_path: Path, position: Position
) -> None:
    source = "# Formand for udvalget\n\nUdvalgets *formand* er valgt.\n"
    path = tmp_path / "side.md"
    path.write_text(source, encoding="utf-8")
    found = _found(path)
    assert ("Formand", 1, 3) in found
    assert ("formand", *position(source, "formand")) in found


def test_markdown_code_urls_and_addresses_are_not_checked(
    tmp_path: Path, position: Position
) -> None:
    source = (
        "Intro\n\n"
        "```\nformand = hent()\n```\n\n"
        "Se `formand` og https://kk.dk/formand eller [siden](https://kk.dk/talsmand).\n\n"
        "    formand i kodeblok\n\n"
        "Skriv til formand@kk.dk.\n\n"
        "Til sidst talsmanden.\n"
    )
    path = tmp_path / "kode.md"
    path.write_text(source, encoding="utf-8")
    assert _found(path) == [("talsmanden", *position(source, "talsmanden"))]


def test_markdown_list_continuation_is_prose_not_code(tmp_path: Path) -> None:
    source = "- punkt\n\n    fortsat med formand\n"
    path = tmp_path / "liste.md"
    path.write_text(source, encoding="utf-8")
    assert _found(path) == [("formand", 3, 17)]


def test_plain_text_ignore_marker_silences_the_named_word(tmp_path: Path) -> None:
    source = "sprog: ignore formand\nVores formand og talsmand.\n"
    path = tmp_path / "ign.txt"
    path.write_text(source, encoding="utf-8")
    assert [m for m, _, _ in _found(path)] == ["talsmand"]


def test_a_stray_backtick_does_not_hide_the_next_paragraph(tmp_path: Path) -> None:
    source = "Tegnet ` bruges sjældent.\n\nVores formand kommer.\n\nEt ` mere.\n"
    path = tmp_path / "tegn.md"
    path.write_text(source, encoding="utf-8")
    assert _found(path) == [("formand", 3, 7)]
