"""CSV dialect detection: separator, encoding (UTF-8 with/without BOM, Windows-1252).

Detected, never guessed silently wrong: a file that cannot be decided is an
``InputError`` naming the file. (The decimal mark is decided per column during
validation, where the values are at hand.)
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ligestat.errors import InputError

__all__ = ["CsvDialect", "sniff_csv", "to_utf8"]

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
