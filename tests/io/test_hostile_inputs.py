"""Hostile and broken data folders (issue 14): each is one clear error naming the file and
the limit or fault, never a traceback, a hang or a plausible import with data missing."""

from __future__ import annotations

import os
import stat
import threading
import zipfile
from pathlib import Path

import orgdata
import pytest
from typer.testing import CliRunner

from ligestat import api
from ligestat.cli import app
from ligestat.errors import ConfigError, InputError, ValidationError
from ligestat.io import scratch
from ligestat.workspace import Workspace


def _inflate(xlsx: Path, size: int, out: Path) -> Path:
    """``xlsx`` with ``size`` bytes of 'A' streamed into one text cell (employees F2)."""
    with zipfile.ZipFile(xlsx) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                        compresslevel=1) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info, data)
                continue
            at = data.index(b"<t>", data.index(b'r="F2"')) + 3
            with zout.open(info.filename, "w", force_zip64=True) as f:
                f.write(data[:at])
                for _ in range(size >> 20):
                    f.write(b"A" * (1 << 20))
                f.write(b"A" * (size % (1 << 20)))
                f.write(data[at:])
    return out


@pytest.fixture
def xlsx_folder(tmp_path: Path) -> Path:
    return orgdata.write_xlsx(tmp_path / "xlsx")


def test_a_workbook_that_unpacks_over_the_limit_is_refused_before_parsing(
    xlsx_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = xlsx_folder / "hr-data.xlsx"
    bomb = _inflate(book, 3 * 1024 * 1024, tmp_path / "bomb.xlsx")
    book.unlink()
    bomb.rename(book)
    assert book.stat().st_size < 100 * 1024  # small on disk, 3 MB unpacked
    monkeypatch.setenv("LIGESTAT_MAX_UNPACKED_BYTES", str(2 * 1024 * 1024))
    with pytest.raises(InputError) as err:
        api.validate(xlsx_folder)
    assert str(err.value).startswith("hr-data.xlsx: unpacks to 3.1 MB, over the limit "
                                     "max_unpacked_bytes = 2.0 MB (raise it with "
                                     "LIGESTAT_MAX_UNPACKED_BYTES)")


def test_a_cell_longer_than_excel_allows_is_refused_naming_sheet_row_and_limit(
    xlsx_folder: Path, tmp_path: Path
) -> None:
    book = xlsx_folder / "hr-data.xlsx"
    _inflate(book, 40_000, tmp_path / "long.xlsx").replace(book)
    with pytest.raises(InputError) as err:
        api.validate(xlsx_folder)
    assert str(err.value).startswith("hr-data.xlsx[employees]:2: column 6: a cell of 40,0")
    assert "max_cell_chars = 32,767 characters" in str(err.value)


def test_a_bad_limit_setting_is_a_config_error(xlsx_folder: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIGESTAT_MAX_UNPACKED_BYTES", "lots")
    with pytest.raises(ConfigError, match="LIGESTAT_MAX_UNPACKED_BYTES='lots'"):
        api.validate(xlsx_folder)


def test_long_free_text_and_control_characters_are_refused_by_validation(
    tmp_path: Path,
) -> None:
    rows = {k: list(v) for k, v in orgdata.ROWS.items()}
    title = list(rows["initiatives"][0])
    title[4] = "Ligeløn " * 125_000  # a 1 MB title kept the PDF renderer busy for 31 minutes
    rows["initiatives"][0] = tuple(title)
    agreement = list(rows["employees"][3])
    agreement[5] = "Kontor\x07og IT"
    rows["employees"][3] = tuple(agreement)
    folder = orgdata.write_csv(tmp_path / "d", tables=rows)
    with pytest.raises(ValidationError) as err:
        api.validate(folder)
    shown = [str(p) for p in err.value.problems]
    assert "employees.csv:5: agreement: holds a control character (shown as \\xNN); remove it " \
           "(Kontor\\x07og IT)" in shown
    long = [s for s in shown if s.startswith("initiatives.csv:2: title: longer than 2,000 ")]
    assert len(long) == 1 and "LIGESTAT_MAX_TEXT_CHARS" in long[0] and len(long[0]) < 300


def test_a_dangling_table_link_is_an_error_not_an_import_without_leave(tmp_path: Path) -> None:
    folder = orgdata.write_csv(tmp_path / "d")
    (folder / "parental_leave.csv").unlink()
    (folder / "parental_leave.csv").symlink_to(tmp_path / "moved-away.csv")
    with pytest.raises(InputError, match=r"parental_leave\.csv: a link to a file that does "
                                         r"not exist"):
        api.validate(folder)


def test_a_named_pipe_or_device_named_like_a_table_is_an_error_and_never_read(
    tmp_path: Path,
) -> None:
    folder = orgdata.write_csv(tmp_path / "d")
    (folder / "population.csv").unlink()
    os.mkfifo(folder / "population.csv")
    with pytest.raises(InputError, match=r"population\.csv: is a named pipe, not a data file"):
        api.validate(folder)  # before the fix: skipped silently
    (folder / "population.csv").unlink()
    (folder / "population.csv").symlink_to("/dev/zero")
    with pytest.raises(InputError, match=r"population\.csv: is a device or special file"):
        api.validate(folder)


def test_a_csv_with_a_2_gb_tail_of_nul_bytes_is_refused_at_the_first_nul(
    tmp_path: Path,
) -> None:
    rows = dict(orgdata.ROWS)  # beyond the first 64 KB that are sniffed for binary data
    rows["child_sick_days"] = [*rows["child_sick_days"],
                               *((2024, f"X{i:05d}", "k", "ADM", "ja", 1.0) for i in range(4000))]
    folder = orgdata.write_csv(tmp_path / "d", tables=rows)
    path = folder / "child_sick_days.csv"
    lines = path.read_text(encoding="utf-8").count("\n")
    assert path.stat().st_size > 100_000
    with path.open("r+b") as f:  # sparse: costs neither disk nor time
        f.truncate(2 * 1024 ** 3)
    with pytest.raises(InputError) as err:
        api.validate(folder)
    assert str(err.value).startswith(f"child_sick_days.csv:{lines + 1}: NUL bytes")


def test_utf8_with_one_bad_byte_is_not_read_as_windows_1252(tmp_path: Path) -> None:
    folder = orgdata.write_csv(tmp_path / "d")
    path = folder / "initiatives.csv"
    data = path.read_bytes()
    path.write_bytes(data.replace("Mænds".encode(), b"M\xe6nds", 1))  # one cp1252 æ
    with pytest.raises(InputError) as err:
        api.validate(folder)
    assert str(err.value).startswith("initiatives.csv:3: the file is UTF-8 text with a byte "
                                     "that is not UTF-8")


def test_mixed_crlf_and_lf_line_endings_name_the_line(tmp_path: Path) -> None:
    folder = orgdata.write_csv(tmp_path / "d", crlf=True)
    path = folder / "employees.csv"
    lines = path.read_bytes().split(b"\r\n")
    path.write_bytes(b"\r\n".join(lines[:5]) + b"\r\n" + b"\n".join(lines[5:]))
    with pytest.raises(InputError) as err:
        api.validate(folder)
    assert str(err.value).startswith("employees.csv:6: malformed CSV: mixed line endings "
                                     "(line 6 ends with LF (Unix), line 1 with CRLF (Windows))")


def test_a_header_that_is_not_ours_is_not_echoed_in_the_error(tmp_path: Path) -> None:
    from ligestat.report.context import read_context

    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:hemmelig:/root:/bin/bash\nnobody:x:65534\n")
    with pytest.raises(InputError) as err:
        read_context(secret)
    assert "root" not in str(err.value) and "hemmelig" not in str(err.value)
    assert "names none of the expected columns" in str(err.value)


def test_a_truncated_workspace_says_the_file_is_damaged(tmp_path: Path, cli: CliRunner) -> None:
    folder = orgdata.write_csv(tmp_path / "d")
    ws = tmp_path / "w.duckdb"
    assert cli.invoke(app, ["import", str(folder), "--workspace", str(ws)]).exit_code == 0
    data = ws.read_bytes()
    for keep in (20_000, len(data) // 4):
        cut = tmp_path / f"cut{keep}.duckdb"
        cut.write_bytes(data[:keep])
        result = cli.invoke(app, ["tables", "--workspace", str(cut), "--year", "2025"])
        assert result.exit_code == 1
        assert isinstance(result.exception, SystemExit)  # a message, not a traceback
        assert f"{cut}: the workspace file is damaged" in result.output


def test_deeply_nested_toml_is_a_config_error() -> None:
    from ligestat.config import parse_config

    with pytest.raises(ConfigError, match="nested too deeply"):
        parse_config("organisation = " + "[" * 50_000 + "]" * 50_000)


def test_an_unwritable_json_path_is_a_message_not_a_traceback(tmp_path: Path,
                                                              cli: CliRunner) -> None:
    folder = orgdata.write_csv(tmp_path / "d")
    target = tmp_path / "a-folder"
    target.mkdir()
    result = cli.invoke(app, ["tables", str(folder), "--year", "2025", "--json", str(target)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert f"error: {target}: Is a directory" in result.output


def test_converted_hr_data_never_lands_on_disk_and_old_leftovers_are_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows-1252 CSV and .xlsx are converted through a named pipe: while DuckDB reads,
    no regular file under the temp folder holds an employee row; a killed run's folder
    (a dead process id) is removed by the next run."""
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    base = temp / f"ligestat-{os.getuid()}"
    base.mkdir(mode=0o700)
    leftover = base / "run-999999999-killed"
    leftover.mkdir()
    (leftover / "stg_employees_0.csv").write_text("E001,kvinde\n")
    seen: list[tuple[str, bool]] = []
    real = scratch.feed

    def spy(write: scratch.Writer) -> object:
        cm = real(write)

        class Wrapped:
            def __enter__(self) -> Path:
                path = cm.__enter__()
                seen.append((path.name, stat.S_ISFIFO(path.stat().st_mode)))
                for file in temp.rglob("*"):
                    if file.is_file() and not stat.S_ISFIFO(file.stat().st_mode):
                        assert b"E00" not in file.read_bytes(), file
                return path

            def __exit__(self, *exc: object) -> bool | None:
                return cm.__exit__(*exc)  # type: ignore[arg-type]

        return Wrapped()

    monkeypatch.setattr("ligestat.io.feed", spy)
    win = orgdata.write_csv(tmp_path / "win", delimiter=";", encoding="cp1252",
                            decimal_comma=True)
    xlsx = orgdata.write_xlsx(tmp_path / "xlsx")
    with Workspace.open(None) as ws:
        ws.import_data(win, None)
        ws.import_data(xlsx, None)
    assert len(seen) == 2 * len(orgdata.ROWS) and all(fifo for _, fifo in seen)
    assert not leftover.exists()
    assert list(base.iterdir()) == []


def test_a_conversion_error_inside_the_pipe_reaches_the_caller(tmp_path: Path) -> None:
    from ligestat.io.scratch import feed

    def broken(f: object) -> None:
        raise InputError("sheet: broken half-way")

    with pytest.raises(InputError, match="broken half-way"), feed(broken) as path:
        assert threading.active_count() >= 1
        assert path.exists()


@pytest.mark.parametrize("size", [3_000_000, 40_000_000])
def test_a_line_of_tens_of_megabytes_is_an_error_not_a_row_dropped(
        tmp_path: Path, size: int) -> None:
    """The full fuzz run: DuckDB refused a 3 MB line but skipped a 40 MB one silently
    (the initiative was missing and validation said "valid")."""
    folder = orgdata.write_csv(tmp_path / "d")
    lines = (folder / "initiatives.csv").read_text(encoding="utf-8").splitlines()
    with (folder / "initiatives.csv").open("a", encoding="utf-8") as f:
        f.write("9,staff,Ligeløn,ADM," + "x" * size + ",ongoing,,ja,\n")
    with pytest.raises(InputError, match=rf"initiatives\.csv:{len(lines) + 1}: malformed "
                                         r"CSV: a line is longer than 2,000,000 bytes"):
        api.validate(folder)
