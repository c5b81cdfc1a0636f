"""Narrative files: the Markdown texts and the logo the equality unit adds to the report.

They live in a folder ``narrative/`` in the data folder (or beside the config file)::

    narrative/
      introduction.md                the introduction (before part 1)
      leave.md                       a text at the start of the section "leave"
      leave.perspective-1.md         a "Perspektiv" box at the end of that section
      leave.perspective-2.en.md      … in English only (``.da``/``.en``: one language)
      logo.png                       the cover's logo (.png or .jpg)

``import`` stores them in the workspace with the tables, so a report from a
workspace has them too. Every file is checked before anything is stored: its
name, UTF-8 text without control characters, and a size cap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ligestat.errors import InputError

__all__ = ["LOGO_NAMES", "MAX_LOGO_BYTES", "MAX_TEXT_BYTES", "NAME", "NARRATIVE_DIR",
           "NarrativeFile", "find_narrative", "read_narrative"]

NARRATIVE_DIR = "narrative"
NAME = re.compile(r"^(?P<section>[a-z0-9_]+)(?:\.(?P<box>perspective(?:-[a-z0-9_-]+)?))?"
                  r"(?:\.(?P<lang>da|en))?\.md$")
LOGO_NAMES = ("logo.png", "logo.jpg", "logo.jpeg")
MAX_TEXT_BYTES = 100_000
MAX_LOGO_BYTES = 2_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class NarrativeFile:
    """One file of the narrative folder: its name and its bytes (text files are UTF-8)."""

    name: str
    content: bytes

    @property
    def is_logo(self) -> bool:
        return self.name in LOGO_NAMES

    def text(self) -> str:
        return self.content.decode("utf-8-sig")


def find_narrative(data: Path | None, config: Path | None = None) -> Path | None:
    """``DATA/narrative/``, else ``narrative/`` beside the config file, else None."""
    for base in (data if data is not None and data.is_dir() else None,
                 config.parent if config is not None else None):
        if base is not None and (base / NARRATIVE_DIR).is_dir():
            return base / NARRATIVE_DIR
    return None


def _check_text(path: Path, raw: bytes) -> None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(f"{path}:{line}: control character U+{ord(bad.group()):04X} in the "
                         "text; remove it")


def read_narrative(folder: Path) -> tuple[NarrativeFile, ...]:
    """Every narrative file of ``folder``, checked; an unknown or bad file is an error."""
    files: list[NarrativeFile] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if not path.is_file():
            raise InputError(f"{path}: not a regular file; the narrative folder holds .md "
                             "files and one logo")
        is_logo = path.name.lower() in LOGO_NAMES
        if not is_logo and not NAME.match(path.name):
            raise InputError(
                f"{path}: not a narrative file name; use SECTION.md, SECTION.perspective-N.md "
                f"(optionally .da.md or .en.md) or {', '.join(LOGO_NAMES)} (docs/report.md)")
        cap = MAX_LOGO_BYTES if is_logo else MAX_TEXT_BYTES
        size = path.stat().st_size
        if size > cap:
            raise InputError(f"{path}: {size:,} bytes is over the limit of {cap:,} bytes")
        raw = path.read_bytes()[: cap + 1]
        if is_logo:
            if not _is_image(path.name.lower(), raw):
                raise InputError(f"{path}: not a {path.suffix.lstrip('.').upper()} image")
        else:
            _check_text(path, raw)
        files.append(NarrativeFile(path.name.lower() if is_logo else path.name, raw))
    if sum(f.is_logo for f in files) > 1:
        raise InputError(f"{folder}: more than one logo; keep one of {', '.join(LOGO_NAMES)}")
    return tuple(files)


def _is_image(name: str, raw: bytes) -> bool:
    if name.endswith(".png"):
        return raw.startswith(b"\x89PNG\r\n\x1a\n")
    return raw.startswith(b"\xff\xd8\xff")
