"""Size limits on what ligestat reads: one registry, each limit with a default and help.

Hostile or broken inputs (a zip bomb disguised as a workbook or Word file, a
megabyte of text in one cell) are refused *before* they are parsed, with an
error naming the limit that was hit and how to raise it. Each limit can be
changed with an environment variable, ``LIGESTAT_<NAME>`` (e.g.
``LIGESTAT_MAX_UNPACKED_BYTES=1073741824``); docs/limits.md lists them (generated
from this registry, and checked by a test).
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ligestat.errors import ConfigError, LigestatError

__all__ = [
    "CONTROL_CHARS",
    "CONTROL_MESSAGE",
    "LIMITS",
    "Limit",
    "check_unpacked_size",
    "human_size",
    "limit",
    "shown",
    "text_problem",
    "too_long_message",
]

# C0 control characters other than tab, line feed and carriage return, and DEL: no text
# holds them, XML (Word, Excel) cannot store them, terminals act on them. A regular
# expression for both Python and DuckDB.
CONTROL_CHARS = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"
CONTROL_MESSAGE = "holds a control character (shown as \\xNN); remove it"


@dataclass(frozen=True)
class Limit:
    """One limit: its name, default and what it bounds."""

    name: str
    default: int
    unit: str  # "bytes" | "characters" | "findings"
    help: str

    @property
    def env(self) -> str:
        return "LIGESTAT_" + self.name.upper()

    def describe(self, value: int) -> str:
        shown = human_size(value) if self.unit == "bytes" else f"{value:,} {self.unit}"
        return f"the limit {self.name} = {shown} (raise it with {self.env})"


LIMITS: dict[str, Limit] = {
    lim.name: lim
    for lim in (
        Limit("max_unpacked_bytes", 256 * 1024 * 1024, "bytes",
              "Total unpacked size of an .xlsx workbook or a .docx document (both are zip "
              "packages). Checked from the package's directory before anything is unpacked, "
              "so a zip bomb costs nothing."),
        Limit("max_cell_chars", 32_767, "characters",
              "Length of any one cell read from a workbook or CSV file. 32,767 is Excel's own "
              "limit, so only a forged or broken file goes over it."),
        Limit("memory_bytes", 512 * 1024 * 1024, "bytes",
              "Memory DuckDB may use for an import or a computation (its memory_limit). "
              "Beyond it DuckDB writes intermediate data to a private temporary folder "
              "(mode 0700, removed when the run ends, or by the next run if it was killed), "
              "so a national register imports in bounded memory; more makes large sorts and "
              "joins faster."),
        Limit("max_text_chars", 2_000, "characters",
              "Length of a free-text value that reaches the report (agreement, initiative "
              "title, focus area, key figures, context labels and sources). Longer text is "
              "refused by validation, so the renderers never get a page-long cell."),
        Limit("max_findings_per_document", 10_000, "findings",
              "Findings `sprog` reports for one file or web page. A document past it is "
              "machine-made or broken (500,000 findings took over a minute to report); the "
              "first ones are reported, with a notice that the cap was hit."),
    )
}


def limit(name: str) -> int:
    """The value of limit ``name``: its environment variable, else its default."""
    lim = LIMITS[name]
    raw = os.environ.get(lim.env, "").strip().replace("_", "")
    if not raw:
        return lim.default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(f"{lim.env}={os.environ[lim.env]!r}: must be a positive whole "
                          f"number of {lim.unit}")
    return value


def human_size(n: int) -> str:
    if n >= 1024 ** 3:
        return f"{n / 1024 ** 3:.1f} GB"
    if n >= 1024 ** 2:
        return f"{n / 1024 ** 2:.1f} MB"
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def check_unpacked_size(path: Path, error: type[LigestatError], where: str | None = None) -> None:
    """Raise ``error`` when the zip package at ``path`` unpacks to more than the limit.

    The sizes come from the package's central directory; Python's zipfile never
    unpacks more than a member declares (a lie fails its checksum instead), so
    checking them before parsing bounds the work. A file that is not a zip
    package is left to its reader to refuse.
    """
    cap = limit("max_unpacked_bytes")
    try:
        with zipfile.ZipFile(path) as package:
            total = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    if total > cap:
        raise error(
            f"{where or path}: unpacks to {human_size(total)}, over "
            f"{LIMITS['max_unpacked_bytes'].describe(cap)}; refused before reading it "
            "(a zip bomb, or a file far larger than HR data or a text needs)."
        )


def text_problem(value: str) -> str | None:
    """Why a free-text value cannot be used (a control character, too long), or None."""
    if re.search(CONTROL_CHARS, value):
        return CONTROL_MESSAGE
    cap = limit("max_text_chars")
    if len(value) > cap:
        return too_long_message(cap)
    return None


def too_long_message(cap: int) -> str:
    return (f"longer than {cap:,} characters ({LIMITS['max_text_chars'].env} raises the "
            "limit); shorten the text")


def shown(value: str, width: int = 80) -> str:
    """A value as an error message shows it: control characters escaped, long text cut."""
    text = re.sub(CONTROL_CHARS, lambda m: f"\\x{ord(m.group()):02x}", value)
    return text if len(text) <= width else text[: width - 3] + "…"
