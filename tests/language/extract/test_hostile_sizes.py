"""Size bombs, pipes and broken UTF-8 given to sprog (issue 14): one clear error each."""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import pytest

from ligestat.language.run import check_paths


def _docx(path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def test_a_word_file_that_unpacks_over_the_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _docx(tmp_path / "god.docx", "Vores formand.")
    bomb = tmp_path / "bombe.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"</w:body>")
                pad = b"<w:p><w:r><w:t>" + b"formand" * (1 << 19) + b"</w:t></w:r></w:p>"
                data = head + pad + b"</w:body>" + tail
            zout.writestr(info, data)
    assert bomb.stat().st_size < 200 * 1024
    monkeypatch.setenv("LIGESTAT_MAX_UNPACKED_BYTES", str(2 * 1024 * 1024))
    result = check_paths([tmp_path])
    errors = {Path(e.path).name: e.message for e in result.errors}
    assert list(errors) == ["bombe.docx"]
    assert "unpacks to 4.3 MB, over the limit max_unpacked_bytes = 2.0 MB" in errors["bombe.docx"]
    assert [Path(f.path).name for f in result.findings] == ["god.docx"]


def test_a_named_pipe_called_txt_is_refused_and_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "rør.txt")
    (tmp_path / "god.txt").write_text("En formand.\n", encoding="utf-8")
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(check_paths([tmp_path])), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert done, "sprog hung on a named pipe"
    result = done[0]
    assert [Path(e.path).name for e in result.errors] == ["rør.txt"]  # type: ignore[attr-defined]
    assert "is a named pipe" in result.errors[0].message  # type: ignore[attr-defined]
    direct = check_paths([tmp_path / "rør.txt"])
    assert "is a named pipe" in direct.errors[0].message


def test_utf8_text_with_one_bad_byte_is_an_error_not_silently_windows_1252(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tekst.txt"
    path.write_bytes("Første linje.\nVores formand og æ\xe6ldste talsmand.\n".encode()
                     .replace("æ\xe6".encode(), b"\xe6"))
    result = check_paths([path])
    assert result.findings == ()
    assert "line 2: a byte that is not UTF-8" in result.errors[0].message
    assert result.exit_code("error") == 3
    plain = tmp_path / "cp1252.txt"
    plain.write_bytes("Vores formand i Ålborg.\n".encode("cp1252"))
    assert [f.match for f in check_paths([plain]).findings] == ["formand"]
