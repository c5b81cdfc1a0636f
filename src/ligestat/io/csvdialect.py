"""CSV dialect detection: separator, encoding (UTF-8 with/without BOM, Windows-1252).

Detected, never guessed silently wrong: a file that cannot be decided is an
``InputError`` naming the file. (The decimal mark is decided per column during
validation, where the values are at hand.)
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ligestat.errors import InputError

__all__ = ["MAX_LINE_BYTES", "CsvDialect", "LineTooLong", "record_lines", "sniff_csv",
           "transcoder"]

_CHUNK = 1 << 20
# DuckDB's max_line_size: it refuses a longer line up to its buffer size, but a line of
# tens of megabytes it skipped without a word (found by benchmarks/fuzz_readers.py)
MAX_LINE_BYTES = 2_000_000


class LineTooLong(ValueError):
    """A line of the file is longer than :data:`MAX_LINE_BYTES` (``line``: its number)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line
_ZIP_MAGIC = b"PK\x03\x04"
_PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True)
class CsvDialect:
    encoding: str  # "utf-8", "utf-8-sig" or "cp1252"
    delimiter: str  # "," or ";"
    header: tuple[str, ...]  # raw header names, in file order


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def _line_at(path: Path, offset: int) -> int:
    """The 1-based line holding byte ``offset``."""
    line, done = 1, 0
    with path.open("rb") as f:
        while done < offset and (chunk := f.read(min(_CHUNK, offset - done))):
            line += chunk.count(b"\n")
            done += len(chunk)
    return line


def _scan(path: Path) -> tuple[bool, int]:
    """(valid UTF-8, offset of the first bad byte when the file is otherwise UTF-8 text —
    it holds UTF-8 multi-byte sequences — else -1), in one pass over the file.

    Raises ``InputError`` at the first NUL byte (binary data, or a file padded with
    zeros by a failed copy), naming the line, without reading further.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    valid, multibyte, done, bad_at = True, False, 0, -1
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            nul = chunk.find(b"\x00")
            if nul >= 0:
                raise InputError(
                    f"{path.name}:{_line_at(path, done + nul)}: NUL bytes (binary data) in the "
                    "text, e.g. from a copy that failed; export the table as CSV again"
                )
            multibyte = multibyte or bool(_UTF8_SEQUENCE.search(chunk))
            if valid:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    valid, bad_at = False, done + exc.start
            done += len(chunk)
    if valid:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid, bad_at = False, done
    return valid, bad_at if multibyte else -1


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as f:
        try:
            while chunk := f.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _encoding(path: Path, head: bytes) -> str:
    utf8, bad_at = _scan(path)
    if utf8:
        return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    if _decodes(path, "cp1252"):
        if bad_at < 0:
            return "cp1252"
        raise InputError(
            f"{path.name}:{_line_at(path, bad_at)}: the file is UTF-8 text with a byte that is "
            f"not UTF-8 (at byte {bad_at:,}); it is not read as Windows-1252 text, which would "
            "change its letters. Correct that character and save the file as UTF-8."
        )
    raise InputError(
        f"{path.name}: cannot tell the text encoding: the file is neither UTF-8 nor "
        "Windows-1252. Save it as UTF-8 CSV and import again."
    )


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(line), delimiter=delimiter, quotechar='"'), [])


def _delimiter(name: str, line: str, known: frozenset[str]) -> str:
    counts = {d: len(_split(line, d)) for d in (",", ";")}
    if counts[","] == 1 and counts[";"] == 1:
        words = set(re.split(r"[\s\t|:]+", line.strip().lower()))
        if words & known:  # a header of ours: show it; anything else is not echoed
            raise InputError(
                f"{name}: cannot find the column separator in the header line "
                f"({line.strip()[:200]!r}); use ',' or ';' between column names"
            )
        raise InputError(
            f"{name}: the first line names none of the expected columns and has no ',' or ';' "
            "(is this the right file?); use ',' or ';' between column names"
        )
    if counts[","] > 1 and counts[";"] > 1:
        hits = {d: sum(h.strip().lower() in known for h in _split(line, d)) for d in (",", ";")}
        if hits[","] == hits[";"]:
            raise InputError(
                f"{name}: the header line has both ',' and ';' and neither separates the "
                "contract's column names; use one separator"
            )
        return max(hits, key=lambda d: hits[d])
    return "," if counts[","] > 1 else ";"


def sniff_csv(path: Path, known_columns: frozenset[str]) -> CsvDialect:
    """Decide the encoding and separator of a CSV file, or raise ``InputError``."""
    try:
        with path.open("rb") as f:
            head = f.read(65536)
    except OSError as exc:
        raise InputError(f"{path.name}: cannot read file: {exc.strerror}") from None
    if not head.strip():
        raise InputError(f"{path.name}: the file is empty; a header line is needed")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            f"{path.name}: the file is UTF-16 text (Excel's \"Unicode text\"); save it as "
            "CSV UTF-8 and import again"
        )
    if head.startswith(_ZIP_MAGIC) or head.startswith(_PARQUET_MAGIC) or b"\x00" in head:
        raise InputError(
            f"{path.name}: this is a binary file, not CSV text; export the table as CSV"
        )
    encoding = _encoding(path, head)
    text = head.decode(encoding, errors="replace")
    first = text.splitlines()[0] if text.splitlines() else ""
    delimiter = _delimiter(path.name, first, known_columns)
    header = tuple(h.strip() for h in _split(first, delimiter))
    return CsvDialect(encoding, delimiter, header)


def transcoder(path: Path, encoding: str) -> Callable[[TextIO], None]:
    """A function writing ``path``'s text, decoded from ``encoding``, to a text stream."""

    def write(dst: TextIO) -> None:
        with path.open("r", encoding=encoding, newline="") as src:
            while chunk := src.read(_CHUNK):
                dst.write(chunk)

    return write


def _physical_lines(path: Path) -> int:
    """The file's lines; raises :class:`LineTooLong` for a line over MAX_LINE_BYTES."""
    count, last, open_line = 0, b"", 0  # open_line: bytes since the last line feed
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            first = chunk.find(b"\n")
            if first < 0:
                open_line += len(chunk)
            else:
                if open_line + first > MAX_LINE_BYTES:
                    raise LineTooLong(count + 1)
                open_line = len(chunk) - chunk.rfind(b"\n") - 1
            if open_line > MAX_LINE_BYTES:  # a chunk is shorter than the limit
                raise LineTooLong(count + chunk.count(b"\n") + 1)
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (1 if last not in (b"", b"\n") else 0)


def record_lines(path: Path, delimiter: str, records: int,
                 encoding: str = "utf-8-sig") -> list[int] | None:
    """The file line each of ``records`` data records starts on, when that is not simply
    record + 1 (blank lines, which are skipped, or values spanning lines); None when it is,
    or when the records cannot be matched to lines. Raises :class:`LineTooLong`."""
    if _physical_lines(path) == records + 1:
        return None
    starts: list[int] = []
    with contextlib.suppress(csv.Error, UnicodeDecodeError), path.open(
            encoding=encoding, newline="") as f:
        reader = csv.reader(f, delimiter=delimiter, quotechar='"')
        next(reader, None)  # the header
        end = reader.line_num
        for record in reader:
            if record:  # a blank line is no record
                starts.append(end + 1)
            end = reader.line_num
        return starts if len(starts) == records else None
    return None
