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
from dataclasses import dataclass
from pathlib import Path

from ligestat.errors import InputError

__all__ = ["CsvDialect", "record_lines", "sniff_csv", "to_utf8"]

_CHUNK = 1 << 20
_ZIP_MAGIC = b"PK\x03\x04"
_PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True)
class CsvDialect:
    encoding: str  # "utf-8", "utf-8-sig" or "cp1252"
    delimiter: str  # "," or ";"
    header: tuple[str, ...]  # raw header names, in file order


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
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if _decodes(path, "utf-8"):
        return "utf-8"
    if _decodes(path, "cp1252"):
        return "cp1252"
    raise InputError(
        f"{path.name}: cannot tell the text encoding: the file is neither UTF-8 nor "
        "Windows-1252. Save it as UTF-8 CSV and import again."
    )


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(line), delimiter=delimiter, quotechar='"'), [])


def _delimiter(name: str, line: str, known: frozenset[str]) -> str:
    counts = {d: len(_split(line, d)) for d in (",", ";")}
    if counts[","] == 1 and counts[";"] == 1:
        raise InputError(
            f"{name}: cannot find the column separator in the header line ({line.strip()!r}); "
            "use ',' or ';' between column names"
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


def to_utf8(path: Path, encoding: str, target: Path) -> Path:
    """Transcode ``path`` to UTF-8 at ``target`` (streamed), returning ``target``."""
    with path.open("r", encoding=encoding, newline="") as src, target.open(
        "w", encoding="utf-8", newline=""
    ) as dst:
        while chunk := src.read(_CHUNK):
            dst.write(chunk)
    return target


def _physical_lines(path: Path) -> int:
    count, last = 0, b""
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (1 if last not in (b"", b"\n") else 0)


def record_lines(path: Path, delimiter: str, records: int) -> list[int] | None:
    """The file line each of ``records`` data records starts on, when that is not simply
    record + 1 (blank lines, which are skipped, or values spanning lines); None when it is,
    or when the records cannot be matched to lines. ``path`` is UTF-8 (BOM allowed)."""
    if _physical_lines(path) == records + 1:
        return None
    starts: list[int] = []
    with contextlib.suppress(csv.Error, UnicodeDecodeError), path.open(
            encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=delimiter, quotechar='"')
        next(reader, None)  # the header
        end = reader.line_num
        for record in reader:
            if record:  # a blank line is no record
                starts.append(end + 1)
            end = reader.line_num
        return starts if len(starts) == records else None
    return None
