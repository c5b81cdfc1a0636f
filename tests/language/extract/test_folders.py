"""Folders: recursive, by extension, hidden folders skipped; parallel runs agree."""

from __future__ import annotations

from pathlib import Path

from ligestat.language.run import check_paths


def _tree(root: Path) -> None:
    (root / "a" / "b").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a" / "b" / "dyb.md").write_text("En talsmand.\n", encoding="utf-8")
    (root / "a" / "side.htm").write_text("<p>En formand.</p>", encoding="utf-8")
    (root / "top.txt").write_text("Ny næstformand.\n", encoding="utf-8")
    (root / ".git" / "noter.txt").write_text("formand\n", encoding="utf-8")
    (root / ".skjult.txt").write_text("formand\n", encoding="utf-8")
    (root / "data.csv").write_text("formand;1\n", encoding="utf-8")
    (root / "billede.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_folders_are_searched_recursively_for_known_extensions_only(tmp_path: Path) -> None:
    _tree(tmp_path)
    result = check_paths([tmp_path])
    checked = sorted(str(Path(d.path).relative_to(tmp_path)) for d in result.documents)
    assert checked == ["a/b/dyb.md", "a/side.htm", "top.txt"]
    assert result.errors == ()
    sections = {Path(d.path).name: d.section for d in result.documents}
    assert sections == {"dyb.md": "a", "side.htm": "a", "top.txt": "."}


def test_a_file_named_twice_is_checked_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    result = check_paths([tmp_path / "top.txt", tmp_path, tmp_path / "top.txt"])
    assert [Path(d.path).name for d in result.documents].count("top.txt") == 1
    assert len(result.findings) == 3


def test_an_explicitly_named_file_with_another_extension_is_read_as_text(tmp_path: Path) -> None:
    _tree(tmp_path)
    result = check_paths([tmp_path / "data.csv"])
    assert [(f.match, f.line, f.column) for f in result.findings] == [("formand", 1, 1)]


def test_two_worker_processes_give_the_same_result_as_one(tmp_path: Path) -> None:
    for n in range(12):
        (tmp_path / f"s{n:02d}.txt").write_text(f"Side {n}: vores formand.\n", encoding="utf-8")
    (tmp_path / "ødelagt.pdf").write_bytes(b"not a pdf")
    one = check_paths([tmp_path], workers=1)
    two = check_paths([tmp_path], workers=2)
    assert two.findings == one.findings and len(one.findings) == 12
    assert two.errors == one.errors and len(one.errors) == 1
