"""Excel workbooks: one sheet per contract table, converted to UTF-8 CSV text for staging.

A workbook is a zip package: its unpacked size is checked against
``max_unpacked_bytes`` before openpyxl reads it, and every cell against
``max_cell_chars`` (``ligestat.limits``).
"""

from __future__ import annotations

import csv
import warnings
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TextIO

from ligestat.errors import InputError
from ligestat.limits import LIMITS, check_unpacked_size, limit

__all__ = ["sheet_names", "sheet_writer"]


def _open(path: Path) -> Any:
    import openpyxl  # heavy: imported lazily

    check_unpacked_size(path, InputError, path.name)
    try:
        with warnings.catch_warnings():  # styles, dates out of range: noise for our purpose
            warnings.simplefilter("ignore", UserWarning)
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(
            f"{path.name}: not a readable .xlsx workbook ({type(exc).__name__}: {exc}); "
            "save it again from Excel as .xlsx"
        ) from None


def sheet_names(path: Path) -> list[str]:
    wb = _open(path)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(path: Path, sheet: str) -> Iterator[list[str]]:
    cap = limit("max_cell_chars")
    wb = _open(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            for number, row in enumerate(wb[sheet].iter_rows(values_only=True), start=1):
                cells = [_cell(v) for v in row]
                for index, cell in enumerate(cells):
                    if len(cell) > cap:
                        raise InputError(
                            f"{path.name}[{sheet}]:{number}: column {index + 1}: a cell of "
                            f"{len(cell):,} characters, over "
                            f"{LIMITS['max_cell_chars'].describe(cap)}")
                yield cells
    finally:
        wb.close()


def sheet_writer(path: Path, sheet: str) -> tuple[tuple[str, ...], Callable[[TextIO], None]]:
    """The sheet's header, and a function writing the whole sheet as UTF-8 CSV text.

    Trailing empty columns and rows (Excel's formatting leftovers) are dropped.
    """
    rows = _rows(path, sheet)
    header = next(rows, None)
    if header is None:
        raise InputError(f"{path.name}[{sheet}]: the sheet is empty; a header row is needed")
    while header and not header[-1].strip():
        header.pop()
    width = len(header)

    def write(f: TextIO) -> None:
        pending_blank = 0
        writer = csv.writer(f)
        writer.writerow(header)
        for row in rows:
            cells = (row + [""] * width)[:width]
            if not any(c.strip() for c in cells):
                pending_blank += 1
                continue
            for _ in range(pending_blank):  # blank rows inside the data are kept
                writer.writerow([""] * width)
            pending_blank = 0
            writer.writerow(cells)

    return tuple(header), write

