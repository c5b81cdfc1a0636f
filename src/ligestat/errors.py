"""The exception tree of ligestat.

Every error a user can cause is one of these; the CLI turns them into a message
and an exit code in one place (``ligestat.cli``)::

    LigestatError                 base class; exit code 1
    ├── ConfigError               ligestat.toml is missing a key, has a wrong value, ...
    ├── InputError                a data file cannot be read at all (missing, binary,
    │                             truncated, undecidable CSV dialect, ...)
    ├── ValidationError           data files were read but break the contract's rules;
    │                             carries every Problem (file:row: column: what (value))
    ├── WorkspaceError            the DuckDB workspace is missing, locked or lacks a year
    ├── DisclosureError           a disclosure policy is unknown or an audit failed
    ├── RenderError               a report format could not be produced
    ├── LanguageCheckError        a text, document or web page could not be checked
    └── RegisterError             the initiatives register cannot do what was asked
        │                         (bad form input, a workflow step not allowed now; HTTP 400)
        ├── AccessDenied          the account may not do this (HTTP 403)
        ├── NotFound              no such initiative, update or account (HTTP 404)
        └── Throttled             too many failed logins for an account; wait (HTTP 429)

Messages say what went wrong, where, and what to do about it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "AccessDenied",
    "ConfigError",
    "DisclosureError",
    "InputError",
    "InterruptedAfterStoring",
    "LanguageCheckError",
    "LigestatError",
    "NotFound",
    "Problem",
    "RegisterError",
    "RenderError",
    "Throttled",
    "ValidationError",
    "WorkspaceError",
    "damaged_message",
    "environment_message",
    "is_interrupt",
]


class LigestatError(Exception):
    """Base of every error ligestat raises for a user's mistake or environment."""

    exit_code = 1


class ConfigError(LigestatError):
    """The organisation config (ligestat.toml) is invalid."""


class InputError(LigestatError):
    """A data file cannot be read at all."""


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule in one cell: ``file:row: column: message (value)``; or, grouped,
    one rule broken in ``count`` rows: ``file: column: message — 520 rows (2–521), e.g. …``
    (``row`` is then the first of them, ``value`` a few of the values)."""

    file: str
    row: int  # 1-based line in the file, the header being row 1; 0 = whole file
    column: str
    message: str
    value: str | None = None
    count: int = 1
    rows: str = ""  # the rows of a grouped problem as runs: "2–521, 600"

    def __str__(self) -> str:
        col = f" {self.column}:" if self.column else ""
        if self.count > 1:
            eg = f", e.g. {self.value}" if self.value else ""
            return f"{self.file}:{col} {self.message} — {self.count:,} rows ({self.rows}){eg}"
        where = f"{self.file}:{self.row}" if self.row else self.file
        val = f" ({self.value})" if self.value is not None else ""
        return f"{where}:{col} {self.message}{val}"


class ValidationError(LigestatError):
    """Data breaks the contract; ``problems`` lists every broken rule found."""

    def __init__(self, problems: Sequence[Problem], *, total: int | None = None) -> None:
        self.problems = tuple(problems)
        self.total = total if total is not None else len(self.problems)
        super().__init__(self.render())

    def render(self, cap: int = 50) -> str:
        shown = self.problems[:cap]
        lines = [str(p) for p in shown]
        rest = self.total - sum(p.count for p in shown)
        if rest > 0:
            lines.append(f"… and {rest} more problem{'s' if rest != 1 else ''}")
        head = f"{self.total} problem{'s' if self.total != 1 else ''} found; nothing was stored."
        return "\n".join([head, *lines])


class WorkspaceError(LigestatError):
    """The workspace cannot be opened or lacks what was asked for."""


class DisclosureError(LigestatError):
    """A disclosure policy is invalid, or a disclosure audit failed."""


class RenderError(LigestatError):
    """A report format could not be produced."""


class LanguageCheckError(LigestatError):
    """A text, document or web page could not be checked."""


class RegisterError(LigestatError):
    """The initiatives register cannot do what was asked; ``status`` is the HTTP status.

    ``key`` names the message in the register's labels (``register/labels.toml``), with
    ``params`` to fill in, so a page shows it in the page's language; the English text
    is what the CLI and logs print."""

    status = 400

    def __init__(self, message: str, *, key: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.key = key
        self.params = params


class AccessDenied(RegisterError):
    """The account's role or department does not allow this."""

    status = 403


class NotFound(RegisterError):
    """No such initiative, update or account."""

    status = 404


class Throttled(RegisterError):
    """Too many failed logins for an account in a short time."""

    status = 429


class InterruptedAfterStoring(KeyboardInterrupt):
    """Ctrl-C that came after an import was committed: the data is stored, say so."""


def is_interrupt(exc: BaseException) -> bool:
    """Ctrl-C, also in the forms DuckDB raises it when a query is interrupted."""
    return (isinstance(exc, KeyboardInterrupt) or type(exc).__name__ == "InterruptException"
            or (isinstance(exc, RuntimeError) and str(exc) == "Query interrupted"))


def environment_message(exc: OSError | MemoryError | RecursionError) -> str:
    """What to tell a user when the machine, not the input's content, stopped the work."""
    if isinstance(exc, MemoryError):
        return ("ran out of memory; the input is far larger than expected (see docs/limits.md "
                "for the size limits)")
    if isinstance(exc, RecursionError):
        return "an input is nested too deeply to be read; check the file"
    where = exc.filename if exc.filename is not None else "a file"
    return f"{where}: {exc.strerror or exc}; check the path and its permissions"


def damaged_message(exc: Exception) -> str:
    """A database error while reading a workspace: the file is damaged."""
    import re

    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    file = re.search(r'from file "([^"]+)"', first)
    where = file.group(1) if file else "the workspace"
    if "Could not read enough bytes" in first or "Corrupt" in first or "checksum" in first:
        return (f"{where}: the workspace file is damaged (shorter than it should be, or "
                "altered: an interrupted copy or a full disk?); restore it from a backup or "
                "import the data into a new workspace")
    return f"{where}: the workspace could not be read ({first})"
