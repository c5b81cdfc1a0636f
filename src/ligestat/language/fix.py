"""Fixes: replace each hit with its first suggestion, and show the change as a diff."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ligestat.language.model import Hit

__all__ = ["apply_fixes", "unified_diff"]


def apply_fixes(text: str, hits: Sequence[Hit]) -> str:
    """``text`` with every hit that has a suggestion replaced by its first one.

    Hits without a suggestion (an explicit requirement, a coded word), hits that overlap an
    earlier one and hits whose ``match`` no longer equals the text at their offsets are left
    alone, so a stale or hand-made hit can never corrupt the text. Exceptions give no hits,
    so they are never touched.
    """
    parts: list[str] = []
    pos = 0
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        if not hit.suggestions or hit.start < pos or text[hit.start : hit.end] != hit.match:
            continue
        parts.append(text[pos : hit.start])
        parts.append(hit.suggestions[0])
        pos = hit.end
    parts.append(text[pos:])
    return "".join(parts)


def unified_diff(original: str, fixed: str, path: str = "") -> str:
    """A unified diff (``--- a/path`` / ``+++ b/path``) of a fix; empty when nothing changed."""
    if original == fixed:
        return ""
    name = path or "tekst"
    lines = difflib.unified_diff(
        original.splitlines(keepends=True),
        fixed.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
