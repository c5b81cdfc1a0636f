"""Reading source files safely, and plain-text documents.

A file is refused with a clear :class:`LanguageCheckError` when it is larger
than the size limit (checked before reading, so a 200 MB file costs nothing),
when it looks binary, or when it is neither UTF-8 nor Windows-1252.
"""

from __future__ import annotations

import contextlib
import re
import stat
from pathlib import Path

from ligestat.errors import LanguageCheckError
from ligestat.language.extract.document import Document, SourceMap

__all__ = [
    "DEFAULT_MAX_BYTES",
    "check_size",
    "decode",
    "ignore_markers",
    "read_source",
    "text_document",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # ≈ 3,000 pages of text; checking costs ≈ 40× in memory

_MARKER = re.compile(r"sprog:\s*ignore\b[ \t]*([^\n]*?)[ \t]*(?:-->|\*/|$)", re.IGNORECASE | re.M)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def ignore_markers(text: str) -> tuple[str, ...]:
    """Words named by ``sprog: ignore WORD[, WORD…]`` markers anywhere in ``text``."""
    words: list[str] = []
    for m in _MARKER.finditer(text):
        words.extend(w for w in re.split(r"[\s,;]+", m.group(1)) if w)
    return tuple(dict.fromkeys(words))


def human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def check_size(path: Path, max_bytes: int) -> int:
    """The file's size; raises when it is over ``max_bytes`` (nothing is read)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise LanguageCheckError(f"{path}: cannot be read ({exc.strerror}).") from None
    if not stat.S_ISREG(info.st_mode):  # a named pipe would hang the read, a device never end
        what = "a named pipe" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
        raise LanguageCheckError(f"{path}: is {what}; skipped. Check a copy of the text.")
    size = info.st_size
    if size > max_bytes:
        raise LanguageCheckError(
            f"{path}: too large ({human_size(size)} > limit {human_size(max_bytes)}); skipped. "
            "Raise --max-bytes to check it."
        )
    return size


def _refuse_binary(head: bytes, where: str) -> None:
    if b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        raise LanguageCheckError(
            f"{where}: looks like a binary file, not text; skipped. "
            "Check the file type or leave it out."
        )


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Decoded text and its encoding; refuses binary data."""
    _refuse_binary(data[:8192], where)
    utf8 = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"  # keep a BOM on --fix
    try:
        return data.decode(utf8), utf8
    except UnicodeDecodeError as exc:
        if _UTF8_SEQUENCE.search(data):  # UTF-8 text with a bad byte: not Windows-1252
            line = data.count(b"\n", 0, exc.start) + 1
            raise LanguageCheckError(
                f"{where}: line {line}: a byte that is not UTF-8 (at byte {exc.start:,}) in "
                "UTF-8 text; skipped rather than read as Windows-1252, which would change its "
                "letters and miss words. Correct that character and save the file as UTF-8."
            ) from None
    with contextlib.suppress(UnicodeDecodeError):
        return data.decode("cp1252"), "cp1252"
    raise LanguageCheckError(
        f"{where}: is neither UTF-8 nor Windows-1252 text; skipped. Save it as UTF-8."
    )


def read_source(path: Path, max_bytes: int) -> tuple[str, str]:
    """The decoded contents of a text-like file, and its encoding.

    The size is checked before reading and the first 8 KB are sniffed for
    binary data before the rest is read.
    """
    check_size(path, max_bytes)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
            _refuse_binary(head, str(path))
            data = head + fh.read()
    except OSError as exc:
        raise LanguageCheckError(f"{path}: cannot be read ({exc.strerror}).") from None
    return decode(data, str(path))


def text_document(path: str, source: str, encoding: str | None = None) -> Document:
    """A plain-text document: the text is the source, positions map 1:1.

    ``sprog: ignore`` markers stay in the text; the matcher honours them there.
    """
    return Document(
        path=path,
        kind="text",
        text=source,
        map=SourceMap(source),
        encoding=encoding,
    )
