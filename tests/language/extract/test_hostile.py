"""Hostile inputs: each gives a clear per-file error and the rest of the run goes on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ligestat.language.run import check_paths

Sprog = Callable[..., tuple[int, str, str]]


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "god.txt").write_text("Vores formand er valgt.\n", encoding="utf-8")
    (folder / "binær.txt").write_bytes(b"\x00\x01\x02formand\x00" * 100)
    with open(folder / "stor.txt", "wb") as fh:  # 200 MB, sparse: costs no disk or time
        fh.truncate(200 * 1024 * 1024)
    (folder / "ødelagt.docx").write_bytes(b"PK\x03\x04 this is not a zip archive" * 10)
    (folder / "ødelagt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    (folder / "tom.pdf").write_bytes(b"")
    return folder


def test_each_hostile_file_is_one_clear_error_and_good_files_are_still_checked(
    tmp_path: Path,
) -> None:
    folder = _hostile_folder(tmp_path)
    result = check_paths([folder])
    assert [f.path for f in result.findings] == [str(folder / "god.txt")]
    errors = {Path(e.path).name: e.message for e in result.errors}
    assert set(errors) == {"binær.txt", "stor.txt", "ødelagt.docx", "ødelagt.pdf", "tom.pdf"}
    assert "binary" in errors["binær.txt"]
    assert "too large (200.0 MB > limit 10.0 MB)" in errors["stor.txt"]
    assert "--max-bytes" in errors["stor.txt"]
    assert "not a readable Word document" in errors["ødelagt.docx"]
    assert "not a readable PDF" in errors["ødelagt.pdf"]
    assert all(e.site == str(folder) for e in result.errors)


def test_file_errors_go_to_stderr_with_json_and_findings_still_set_exit_1(
    tmp_path: Path, sprog: Sprog
) -> None:
    folder = _hostile_folder(tmp_path)
    code, stdout, stderr = sprog(str(folder), "--format", "json")
    assert code == 1
    items = json.loads(stdout)
    assert [Path(i["path"]).name for i in items] == ["god.txt"]
    assert "stor.txt: too large" in stderr
    assert "ødelagt.docx" in stderr


def test_only_unreadable_files_exit_3(tmp_path: Path, sprog: Sprog) -> None:
    (tmp_path / "x.pdf").write_bytes(b"not a pdf at all")
    code, stdout, _ = sprog(str(tmp_path / "x.pdf"))
    assert code == 3
    assert "Could not be checked" in stdout
    assert "not a readable PDF" in stdout


def test_a_huge_binary_file_under_a_raised_limit_is_refused_after_sniffing(
    tmp_path: Path,
) -> None:
    big = tmp_path / "stor.html"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    (tmp_path / "god.md").write_text("En talsmand.\n", encoding="utf-8")
    result = check_paths([tmp_path], max_bytes=300 * 1024 * 1024)
    assert [Path(e.path).name for e in result.errors] == ["stor.html"]
    assert "binary" in result.errors[0].message
    assert [f.match for f in result.findings] == ["talsmand"]
