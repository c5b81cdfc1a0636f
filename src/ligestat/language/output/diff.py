"""``--diff``: the changes ``--fix`` would make, as one unified diff."""

from __future__ import annotations

import difflib

from ligestat.language.run import CheckResult

__all__ = ["render_diff"]


def render_diff(result: CheckResult) -> str:
    """A unified diff per fixed file (``--- PATH`` / ``+++ PATH``, for ``patch -p0``)."""
    out: list[str] = []
    for fix in result.fixes:
        for line in difflib.unified_diff(
            fix.original.splitlines(keepends=True),
            fix.fixed.splitlines(keepends=True),
            fromfile=fix.path,
            tofile=fix.path,
        ):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
