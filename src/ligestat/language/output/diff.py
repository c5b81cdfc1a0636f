"""``--diff``: the changes ``--fix`` would make, as one unified diff."""

from __future__ import annotations

from ligestat.language.fix import unified_diff
from ligestat.language.run import CheckResult

__all__ = ["render_diff"]


def render_diff(result: CheckResult) -> str:
    """A unified diff per fixed file (``--- PATH`` / ``+++ PATH``, for ``patch -p0``)."""
    return "".join(
        unified_diff(fix.original, fix.fixed, fix.path, prefixed=False) for fix in result.fixes
    )
